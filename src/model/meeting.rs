//! Meetings: how a bot names the meeting it joins, and meeting details.

use crate::declare::{object, polymorphic};
use crate::identity::AnyIdentitySet;

mod capability;
mod participant_info;

pub use capability::{AutoAdmittedUsersType, MeetingCapability};
pub use participant_info::{MeetingParticipantInfo, OnlineMeetingRole};

polymorphic! {
    /// The meeting a call joins; `meetingInfo` is abstract, and the concrete type names
    /// the meeting by its organizer, by its join meeting ID, or by a token.
    MeetingInfo = "meetingInfo", abstract {
        JoinMeetingId(JoinMeetingIdMeetingInfo),
        Organizer(OrganizerMeetingInfo),
        Token(TokenMeetingInfo),
    }
    common {
        /// **Beta**: not in the v1.0 metadata. Whether the meeting may go on when its organizer is not present (declared on the abstract meetingInfo in beta).
        allow_conversation_without_host: bool,
    }
}

object! {
    /// A meeting named by its organizer (with the chat info of the call).
    OrganizerMeetingInfo = "organizerMeetingInfo" {
        /// The organizer Microsoft Entra identity.
        organizer: AnyIdentitySet = "organizer" (not_null),
        /// **Beta**: not in the v1.0 metadata. Whether the meeting may go on when its organizer is not present (declared on the abstract meetingInfo in beta).
        allow_conversation_without_host: bool = "allowConversationWithoutHost",
    }
}

object! {
    /// A meeting named by its join meeting ID and passcode.
    JoinMeetingIdMeetingInfo = "joinMeetingIdMeetingInfo" {
        /// The ID used to join the meeting.
        join_meeting_id: String = "joinMeetingId" (not_null),
        /// The passcode used to join the meeting. Optional.
        passcode: String = "passcode",
        /// **Beta**: not in the v1.0 metadata. Whether the meeting may go on when its organizer is not present (declared on the abstract meetingInfo in beta).
        allow_conversation_without_host: bool = "allowConversationWithoutHost",
    }
}

object! {
    /// A meeting named by a token.
    TokenMeetingInfo = "tokenMeetingInfo" {
        /// The token used to join the call.
        token: String = "token" (not_null),
        /// **Beta**: not in the v1.0 metadata. Whether the meeting may go on when its organizer is not present (declared on the abstract meetingInfo in beta).
        allow_conversation_without_host: bool = "allowConversationWithoutHost",
    }
}

impl OrganizerMeetingInfo {
    /// A meeting named by its organizer (join it with the meeting's [`ChatInfo`](crate::call::ChatInfo)).
    pub fn new(organizer: impl Into<AnyIdentitySet>) -> Self {
        OrganizerMeetingInfo::default().with_organizer(organizer)
    }
}

impl JoinMeetingIdMeetingInfo {
    /// A meeting named by its join meeting ID; add
    /// [`with_passcode`](Self::with_passcode) when it has one.
    pub fn new(join_meeting_id: impl Into<String>) -> Self {
        JoinMeetingIdMeetingInfo::default().with_join_meeting_id(join_meeting_id)
    }
}

impl TokenMeetingInfo {
    /// A meeting named by a token.
    pub fn new(token: impl Into<String>) -> Self {
        TokenMeetingInfo::default().with_token(token)
    }
}
