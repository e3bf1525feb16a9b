//! Calls: the `call` entity that `POST /communications/calls` creates and that
//! call-state notifications carry, with its state and direction.
//!
//! The parts of a call have modules of their own: options, routes, chat and
//! incoming context, transcription, result and tones.

use crate::audio_routing::AudioRoutingGroup;
use crate::content_sharing::ContentSharingSession;
use crate::declare::object;
use crate::declare::open_enum;
use crate::media::CallMediaState;
use crate::media::MediaConfig;
use crate::media::Modality;
use crate::meeting::MeetingCapability;
use crate::meeting::MeetingInfo;
use crate::operation::AnyCommsOperation;
use crate::operation::ResultInfo;
use crate::participant::InvitationParticipantInfo;
use crate::participant::Participant;
use crate::participant::ParticipantInfo;

mod chat_info;
mod create;
mod options;
mod routing;
mod tone;
mod transcription;

pub use chat_info::ChatInfo;
pub use options::{CallOptions, IncomingCallOptions, OutgoingCallOptions};
pub use routing::{CallRoute, IncomingContext, RoutingType};
pub use tone::{Tone, ToneInfo};
pub use transcription::{CallTranscriptionInfo, CallTranscriptionState};

object! {
    /// A call: what a bot sends to create one (a peer-to-peer call, a group call, or
    /// joining a meeting), what Graph returns, and the resource of call-state notifications.
    ///
    /// Requests set `callbackUri`, `targets` or `meetingInfo`, `requestedModalities`,
    /// `mediaConfig` and often `source`, `tenantId`, `chatInfo`; responses and
    /// notifications add `id`, `state`, `direction`, `myParticipantId` and the rest.
    ///
    /// Build a request with a constructor for its scenario
    /// ([`peer_to_peer`](Self::peer_to_peer), [`group`](Self::group),
    /// [`join_meeting_by_organizer`](Self::join_meeting_by_organizer),
    /// [`join_meeting_by_id`](Self::join_meeting_by_id),
    /// [`join_meeting_by_token`](Self::join_meeting_by_token), [`pstn`](Self::pstn)) and
    /// the `with_<member>` builder methods:
    ///
    /// ```
    /// use graph_comms::call::{Call, ChatInfo};
    /// use graph_comms::identity::{Identity, IdentitySet};
    /// use graph_comms::media::AppHostedMediaConfig;
    ///
    /// let organizer = IdentitySet::user(Identity::new("5810cede-f3cc-42eb-b2c1-e9bd5d53ec96"));
    /// let chat = ChatInfo::new("19:meeting_Win6Ydo4wsMijFjZS00ZGVjLTk5MGUtOTRjNWY2NmNkYTFm@thread.v2", "0");
    /// let call = Call::join_meeting_by_organizer(
    ///     "https://bot.contoso.com/callback",
    ///     organizer,
    ///     chat,
    ///     AppHostedMediaConfig::new("<Media Session Configuration>"),
    /// )
    /// .with_tenant_id("aa67bd4c-8475-432d-bd41-39f255720e0a");
    ///
    /// let json = graph_comms::to_value(&call);
    /// assert_eq!(json["meetingInfo"]["@odata.type"], "#microsoft.graph.organizerMeetingInfo");
    /// assert_eq!(json["mediaConfig"]["blob"], "<Media Session Configuration>");
    /// ```
    Call = "call" {
        /// The unique identifier for an entity. Read-only.
        id: String = "id" (not_null),
        /// The callback URL on which callbacks are delivered. Must be an HTTPS URL.
        callback_uri: String = "callbackUri" (not_null),
        /// A unique identifier for all the participant calls in a conference or a unique identifier for two participant calls in a P2P call.  This identifier must be copied over from Microsoft.Graph.Call.CallChainId.
        call_chain_id: String = "callChainId",
        /// Contains the optional features for the call.
        call_options: CallOptions = "callOptions",
        /// The routing information on how the call was retargeted. Read-only.
        call_routes: Vec<CallRoute> = "callRoutes",
        /// The chat information. Required information for joining a meeting.
        chat_info: ChatInfo = "chatInfo",
        /// The direction of the call. The possible values are incoming or outgoing. Read-only.
        direction: CallDirection = "direction",
        /// Call context associated with an incoming call.
        incoming_context: IncomingContext = "incomingContext",
        /// The media configuration. Required.
        media_config: MediaConfig = "mediaConfig",
        /// Read-only. The call media state.
        media_state: CallMediaState = "mediaState",
        /// The meeting information. Required information for meeting scenarios.
        meeting_info: MeetingInfo = "meetingInfo",
        /// The ID of the bot's own participant in the call.
        my_participant_id: String = "myParticipantId",
        /// The list of requested modalities. The possible values are: unknown, audio, video, videoBasedScreenSharing, data.
        requested_modalities: Vec<Modality> = "requestedModalities",
        /// The result information. For example, the result can hold termination reason. Read-only.
        result_info: ResultInfo = "resultInfo",
        /// The originator of the call.
        source: ParticipantInfo = "source",
        /// The call state. The possible values are: incoming, establishing, ringing, established, hold, transferring, transferAccepted, redirecting, terminating, terminated. Read-only.
        ///
        /// (`ringing` is not a `callState` member in the metadata, but its description
        /// and the documentation name it: [`CallState::Ringing`] knows it.)
        state: CallState = "state",
        /// The subject of the conversation.
        subject: String = "subject",
        /// The targets of the call. Required information for creating peer to peer call.
        targets: Vec<InvitationParticipantInfo> = "targets",
        /// The tenant ID of the call.
        tenant_id: String = "tenantId",
        /// The DTMF tone most recently received, in tone notifications.
        tone_info: ToneInfo = "toneInfo",
        /// The transcription information for the call. Read-only.
        transcription: CallTranscriptionInfo = "transcription",
        /// The call's audio routing groups (navigation property).
        audio_routing_groups: Vec<AudioRoutingGroup> = "audioRoutingGroups",
        /// The call's content sharing sessions (navigation property).
        content_sharing_sessions: Vec<ContentSharingSession> = "contentSharingSessions",
        /// The call's operations (navigation property).
        operations: Vec<AnyCommsOperation> = "operations",
        /// The call's participants (navigation property).
        participants: Vec<Participant> = "participants",
        /// **Beta**: not in the v1.0 metadata. The list of active modalities.
        active_modalities: Vec<Modality> = "activeModalities",
        /// **Beta**: not in the v1.0 metadata. The participant that answered the call.
        answered_by: ParticipantInfo = "answeredBy",
        /// **Beta**: not in the v1.0 metadata. Contains the capabilities of a meeting.
        meeting_capability: MeetingCapability = "meetingCapability",
        /// **Beta**: not in the v1.0 metadata. Ringing timeout in seconds for outgoing peer to peer calls.
        ringing_timeout_in_seconds: i32 = "ringingTimeoutInSeconds",
        /// **Beta**: not in the v1.0 metadata. The routing policies of the call.
        routing_policies: Vec<RoutingPolicy> = "routingPolicies",
        /// **Beta**: not in the v1.0 metadata. The reason the call was terminated.
        termination_reason: String = "terminationReason",
    }
}

open_enum! {
    /// The state of a call.
    CallState = "callState" {
        Incoming = "incoming",
        Establishing = "establishing",
        /// Not in the metadata: the documentation of `call` lists it among the
        /// states (an outgoing call whose target is being alerted).
        Ringing = "ringing",
        Established = "established",
        Hold = "hold",
        Transferring = "transferring",
        TransferAccepted = "transferAccepted",
        Redirecting = "redirecting",
        Terminating = "terminating",
        Terminated = "terminated",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}

open_enum! {
    /// The direction of a call, as seen by the bot.
    CallDirection = "callDirection" {
        Incoming = "incoming",
        Outgoing = "outgoing",
    }
}

open_enum! {
    /// Why a bot rejects an incoming call (the `reject` action).
    RejectReason = "rejectReason" {
        None = "none",
        Busy = "busy",
        Forbidden = "forbidden",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}

open_enum! {
    /// A routing policy of a call.
    ///
    /// **Beta**: not in the v1.0 metadata.
    RoutingPolicy = "routingPolicy" {
        None = "none",
        NoMissedCall = "noMissedCall",
        DisableForwardingExceptPhone = "disableForwardingExceptPhone",
        DisableForwarding = "disableForwarding",
        PreferSkypeForBusiness = "preferSkypeForBusiness",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}
