//! Content sharing: the sessions that content-sharing notifications report.

use crate::declare::object;
use crate::declare::open_enum;

object! {
    /// A content sharing session in a call.
    ContentSharingSession = "contentSharingSession" {
        /// The unique identifier for an entity. Read-only.
        id: String = "id" (not_null),
    }
}

open_enum! {
    /// A participant's role in screen sharing (the `changeScreenSharingRole` action).
    ScreenSharingRole = "screenSharingRole" {
        Viewer = "viewer",
        Sharer = "sharer",
    }
}
