//! Participants of an online meeting.

use crate::declare::object;
use crate::declare::open_enum;
use crate::identity::AnyIdentitySet;

object! {
    /// A participant of an online meeting and its role.
    MeetingParticipantInfo = "meetingParticipantInfo" {
        /// Identity information of the participant.
        identity: AnyIdentitySet = "identity",
        /// Specifies the participant's role in the meeting.
        role: OnlineMeetingRole = "role",
        /// User principal name of the participant.
        upn: String = "upn",
    }
}

open_enum! {
    /// The role of a participant in an online meeting.
    OnlineMeetingRole = "onlineMeetingRole" {
        Attendee = "attendee",
        Presenter = "presenter",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
        Producer = "producer",
        Coorganizer = "coorganizer",
    }
}
