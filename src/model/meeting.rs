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
