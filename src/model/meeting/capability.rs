//! Meeting capabilities.

use crate::declare::object;
use crate::declare::open_enum;

object! {
    /// **Beta**: not in the v1.0 metadata. What a meeting allows.
    MeetingCapability = "meetingCapability" {
        /// **Beta**: not in the v1.0 metadata. Whether anonymous users may dial out from the meeting.
        allow_anonymous_users_to_dial_out: bool = "allowAnonymousUsersToDialOut" (not_null),
        /// **Beta**: not in the v1.0 metadata. Whether anonymous users may start the meeting.
        allow_anonymous_users_to_start_meeting: bool = "allowAnonymousUsersToStartMeeting" (not_null),
        /// **Beta**: not in the v1.0 metadata. Which users are admitted to the meeting without waiting in the lobby.
        auto_admitted_users: AutoAdmittedUsersType = "autoAdmittedUsers" (not_null),
    }
}

open_enum! {
    /// Which users a meeting admits without the lobby.
    ///
    /// **Beta**: not in the v1.0 metadata.
    AutoAdmittedUsersType = "autoAdmittedUsersType" {
        EveryoneInCompany = "everyoneInCompany",
        Everyone = "everyone",
    }
}
