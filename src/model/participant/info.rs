//! Who a participant is: the identity and endpoint of a party to a call.

use crate::declare::object;
use crate::identity::{AnyIdentitySet, EndpointType};

object! {
    /// Information about a participant: its identity and endpoint.
    ParticipantInfo = "participantInfo" {
        /// The ISO 3166-1 Alpha-2 country code of the participant's best estimated physical location at the start of the call. Read-only.
        country_code: String = "countryCode",
        /// The type of endpoint the participant is using. The possible values are: default, skypeForBusiness, or skypeForBusinessVoipPhone. Read-only.
        endpoint_type: EndpointType = "endpointType",
        /// The identitySet associated with this participant. Read-only.
        identity: AnyIdentitySet = "identity" (not_null),
        /// The language culture string. Read-only.
        language_id: String = "languageId",
        /// The participant ID of the participant. Read-only.
        participant_id: String = "participantId",
        /// The home region of the participant. This can be a country, a continent, or a larger geographic region. This doesn't change based on the participant's current physical location. Read-only.
        region: String = "region",
    }
}

object! {
    /// A party a bot calls or invites: the `targets` of a call and the participants
    /// of an invitation.
    InvitationParticipantInfo = "invitationParticipantInfo" {
        /// Optional. Whether to hide the participant from the roster.
        hidden: bool = "hidden",
        /// The identitySet associated with this invitation.
        identity: AnyIdentitySet = "identity" (not_null),
        /// Optional. The ID of the target participant.
        participant_id: String = "participantId",
        /// Optional. Whether to remove them from the main mixer.
        remove_from_default_audio_routing_group: bool = "removeFromDefaultAudioRoutingGroup",
        /// Optional. The call which the target identity is currently a part of. For peer-to-peer case, the call will be dropped once the participant is added successfully.
        replaces_call_id: String = "replacesCallId",
        /// **Beta**: not in the v1.0 metadata. The type of endpoint.
        endpoint_type: EndpointType = "endpointType",
        /// **Beta**: not in the v1.0 metadata. The language culture string. Not declared on invitationParticipantInfo even in beta (participantInfo declares it); the documents' payloads carry it.
        language_id: String = "languageId",
        /// **Beta**: not in the v1.0 metadata. The home region of the participant. Not declared on invitationParticipantInfo even in beta (participantInfo declares it); the documents' payloads carry it.
        region: String = "region",
    }
}

impl ParticipantInfo {
    /// The participant `identity` identifies: a call's source.
    pub fn new(identity: impl Into<AnyIdentitySet>) -> Self {
        ParticipantInfo::default().with_identity(identity)
    }
}

impl InvitationParticipantInfo {
    /// An invitation of the participant `identity` identifies: a call's target.
    pub fn new(identity: impl Into<AnyIdentitySet>) -> Self {
        InvitationParticipantInfo::default().with_identity(identity)
    }
}
