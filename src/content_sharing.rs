//! Content sharing: the sessions that content-sharing notifications report.

use crate::enums::open_enum;
use crate::macros::object;

object! {
    /// A content sharing session in a call.
    ContentSharingSession = "contentSharingSession" {
        /// The unique identifier for an entity. Read-only.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        id: String = "id",
    }
}

open_enum! {
    /// A participant's role in screen sharing (the `changeScreenSharingRole` action).
    ScreenSharingRole = "screenSharingRole" {
        /// `viewer`.
        Viewer = "viewer",
        /// `sharer`.
        Sharer = "sharer",
    }
}
