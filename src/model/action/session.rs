//! The call session as a whole: keeping it alive, recording status, screen-sharing
//! role and the large gallery view.

use crate::content_sharing::ScreenSharingRole;
use crate::declare::object;
use crate::participant::RecordingStatus;

object! {
    /// The body of `POST /communications/calls/{id}/keepAlive`, which has no
    /// parameters: the bot tells Graph the call is still wanted (at least every 45
    /// minutes).
    CallKeepAlive = action "call.keepAlive", sdk "callKeepAliveRequestBody" {}
}

object! {
    /// The body of `POST /communications/calls/{id}/updateRecordingStatus`: the bot
    /// says whether it records the call, as compliance recording requires.
    CallUpdateRecordingStatus = action "call.updateRecordingStatus", sdk "callUpdateRecordingStatusRequestBody" {
        /// The bot's recording status.
        status: RecordingStatus = "status" (required),
        /// A string of the bot's, returned in the operation and its notifications.
        client_context: String = "clientContext",
    }
}

object! {
    /// The body of `POST /communications/calls/{id}/changeScreenSharingRole`: the bot
    /// starts or stops sharing its screen in the call.
    CallChangeScreenSharingRole = action "call.changeScreenSharingRole", sdk "callChangeScreenSharingRoleRequestBody" {
        /// The bot's new role: `viewer` or `sharer`.
        role: ScreenSharingRole = "role" (required),
    }
}

object! {
    /// The body of `POST /communications/calls/{id}/addLargeGalleryView`: the bot
    /// adds the large gallery view to the call.
    CallAddLargeGalleryView = action "call.addLargeGalleryView", sdk "callAddLargeGalleryViewRequestBody" {
        /// A string of the bot's, returned in the operation and its notifications.
        client_context: String = "clientContext",
    }
}

impl CallUpdateRecordingStatus {
    /// Says the bot's recording `status`, the required parameter.
    pub fn new(status: RecordingStatus) -> Self {
        CallUpdateRecordingStatus::default().with_status(status)
    }
}

impl CallChangeScreenSharingRole {
    /// Changes the bot's screen-sharing role to `role`, the required parameter.
    pub fn new(role: ScreenSharingRole) -> Self {
        CallChangeScreenSharingRole::default().with_role(role)
    }
}
