//! Identity sets: the user, application, device (and, for communications, phone,
//! guest, application instance, ...) that together identify a party.

use crate::declare::{members, object, polymorphic};
use crate::identity::AnyIdentity;
use crate::identity::EndpointType;
use crate::identity::SharePointGroupIdentity;
use crate::identity::SharePointIdentity;
use crate::identity::TeamworkConversationIdentity;
use crate::identity::TeamworkTagIdentity;

polymorphic! {
    /// An identity set at a polymorphic point: `identitySet` itself or a derived type.
    AnyIdentitySet = "identitySet", concrete {
        /// The declared type itself.
        IdentitySet(IdentitySet),
        AiInteractionMentioned(AiInteractionMentionedIdentitySet),
        ChatMessageFrom(ChatMessageFromIdentitySet),
        ChatMessageMentioned(ChatMessageMentionedIdentitySet),
        ChatMessageReaction(ChatMessageReactionIdentitySet),
        Communications(CommunicationsIdentitySet),
        Engagement(EngagementIdentitySet),
        SharePoint(SharePointIdentitySet),
    }
    common {
        /// Optional. The application associated with this action.
        application: AnyIdentity,
        /// Optional. The device associated with this action.
        device: AnyIdentity,
        /// Optional. The user associated with this action.
        user: AnyIdentity,
    }
}

members! {
    /// `identitySet`'s members, which every identity set type inherits.
    identity_set {
        /// Optional. The application associated with this action.
        application: AnyIdentity = "application",
        /// Optional. The device associated with this action.
        device: AnyIdentity = "device",
        /// Optional. The user associated with this action.
        user: AnyIdentity = "user",
    }
}

object! {
    /// A set of identities: user, application and device.
    ///
    /// Call payloads write `identitySet` even where they use members only
    /// `communicationsIdentitySet` declares (`phone`, `applicationInstance`): at an
    /// [`AnyIdentitySet`] point such an object decodes as a
    /// [`CommunicationsIdentitySet`], its annotation kept (none, or
    /// [`Annotation::Base`](crate::Annotation::Base)), with an `inferred_type`
    /// diagnostic. Decoded as this type itself, they are kept in `extra`.
    IdentitySet = "identitySet" : identity_set [settle = super::settle::identity_set] {}
}

object! {
    /// The identity set of cloud communications.
    CommunicationsIdentitySet = "communicationsIdentitySet" : identity_set [settle = super::settle::communications_identity_set] {
        /// The application instance associated with this action.
        application_instance: AnyIdentity = "applicationInstance",
        /// An identity the participant would like to present itself as to the other participants in the call.
        asserted_identity: AnyIdentity = "assertedIdentity",
        /// The Azure Communication Services user associated with this action.
        azure_communication_services_user: AnyIdentity = "azureCommunicationServicesUser",
        /// The encrypted user associated with this action.
        encrypted: AnyIdentity = "encrypted",
        /// Type of endpoint that the participant uses. The possible values are: default, voicemail, skypeForBusiness, skypeForBusinessVoipPhone, unknownFutureValue.
        endpoint_type: EndpointType = "endpointType",
        /// The guest user associated with this action.
        guest: AnyIdentity = "guest",
        /// The Skype for Business on-premises user associated with this action.
        on_premises: AnyIdentity = "onPremises",
        /// The phone user associated with this action.
        phone: AnyIdentity = "phone",
    }
}

object! {
    /// The identities mentioned in an AI interaction.
    AiInteractionMentionedIdentitySet = "aiInteractionMentionedIdentitySet" : identity_set {
        /// The conversation (team, channel or chat) the AI interaction mentions. The
        /// metadata gives this member no description.
        conversation: TeamworkConversationIdentity = "conversation",
        /// The tag the AI interaction mentions. The metadata gives this member no
        /// description.
        tag: TeamworkTagIdentity = "tag",
    }
}

object! {
    /// The sender of a chat message.
    ChatMessageFromIdentitySet = "chatMessageFromIdentitySet" : identity_set {
    }
}

object! {
    /// The identities mentioned in a chat message.
    ChatMessageMentionedIdentitySet = "chatMessageMentionedIdentitySet" : identity_set {
        /// If present, represents a conversation (for example, team, channel, or chat) @mentioned in a message.
        conversation: TeamworkConversationIdentity = "conversation",
    }
}

object! {
    /// The identity that reacted to a chat message.
    ChatMessageReactionIdentitySet = "chatMessageReactionIdentitySet" : identity_set {
    }
}

object! {
    /// The identities of a Viva Engage item.
    EngagementIdentitySet = "engagementIdentitySet" : identity_set {
        /// Optional. The audience associated with this action.
        audience: AnyIdentity = "audience",
        /// Optional. The group associated with this action.
        group: AnyIdentity = "group",
    }
}

object! {
    /// The identities of a SharePoint item.
    SharePointIdentitySet = "sharePointIdentitySet" : identity_set {
        /// The group associated with this action. Optional.
        group: AnyIdentity = "group",
        /// The SharePoint group associated with this action, identified by a globally unique ID. Use this property instead of siteGroup when available. Optional.
        share_point_group: SharePointGroupIdentity = "sharePointGroup",
        /// The SharePoint group associated with this action, identified by a principal ID that is unique only within the site. Optional.
        site_group: SharePointIdentity = "siteGroup",
        /// The SharePoint user associated with this action. Optional.
        site_user: SharePointIdentity = "siteUser",
    }
}

impl IdentitySet {
    /// The identity set of a user: a Teams user a bot calls, or a meeting's organizer.
    pub fn user(identity: impl Into<AnyIdentity>) -> Self {
        IdentitySet::default().with_user(identity)
    }

    /// The identity set of an application: the bot itself, as a call's source.
    pub fn application(identity: impl Into<AnyIdentity>) -> Self {
        IdentitySet::default().with_application(identity)
    }
}

impl CommunicationsIdentitySet {
    /// The identity set of a phone number (E.164, such as `+12345678901`): the target
    /// of a PSTN call.
    pub fn phone(number: impl Into<String>) -> Self {
        CommunicationsIdentitySet::default().with_phone(crate::identity::Identity::new(number))
    }

    /// The identity set of an application instance (a bot with a phone number): the
    /// source of a PSTN call.
    pub fn application_instance(identity: impl Into<AnyIdentity>) -> Self {
        CommunicationsIdentitySet::default().with_application_instance(identity)
    }
}

impl AnyIdentitySet {
    /// The phone identity: a PSTN caller or target, its `id` the number in E.164.
    /// Only a `communicationsIdentitySet` declares it (one Graph writes as an
    /// `identitySet` decodes as one); `None` for other sets.
    pub fn phone(&self) -> Option<&AnyIdentity> {
        match self {
            AnyIdentitySet::Communications(set) => set.phone.as_ref(),
            _ => None,
        }
    }

    /// The application instance identity: a bot with a phone number, as the source
    /// of a PSTN call or the target of an incoming one. Only a
    /// `communicationsIdentitySet` declares it; `None` for other sets.
    pub fn application_instance(&self) -> Option<&AnyIdentity> {
        match self {
            AnyIdentitySet::Communications(set) => set.application_instance.as_ref(),
            _ => None,
        }
    }
}
