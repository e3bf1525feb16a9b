//! Operations on the participants and recording of a call.

use crate::declare::object;
use crate::operation::OperationStatus;
use crate::operation::ResultInfo;
use crate::operation::comms_operation;
use crate::participant::InvitationParticipantInfo;

object! {
    /// The operation of the `invite` action.
    InviteParticipantsOperation = "inviteParticipantsOperation" : comms_operation [settle = crate::operation::settle_operation] {
        /// The participants to invite.
        participants: Vec<InvitationParticipantInfo> = "participants" (not_null),
    }
}

object! {
    /// The operation of the `mute` action.
    MuteParticipantOperation = "muteParticipantOperation" : comms_operation [settle = crate::operation::settle_operation] {
    }
}

object! {
    /// The operation of the `unmute` action.
    UnmuteParticipantOperation = "unmuteParticipantOperation" : comms_operation [settle = crate::operation::settle_operation] {
    }
}

object! {
    /// The operation of the `addLargeGalleryView` action.
    AddLargeGalleryViewOperation = "addLargeGalleryViewOperation" : comms_operation [settle = crate::operation::settle_operation] {
    }
}

object! {
    /// The operation of the `updateRecordingStatus` action.
    UpdateRecordingStatusOperation = "updateRecordingStatusOperation" : comms_operation [settle = crate::operation::settle_operation] {
    }
}
