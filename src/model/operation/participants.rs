//! Operations on the participants and recording of a call.

use crate::declare::object;
use crate::operation::OperationStatus;
use crate::operation::ResultInfo;
use crate::participant::InvitationParticipantInfo;

object! {
    /// The operation of the `invite` action.
    InviteParticipantsOperation = "inviteParticipantsOperation" [settle = crate::operation::settle_operation] {
        /// The unique identifier for an entity. Read-only.
        id: String = "id" (not_null),
        /// Unique Client Context string. Max limit is 256 chars.
        client_context: String = "clientContext",
        /// The result information. Read-only.
        result_info: ResultInfo = "resultInfo",
        /// The possible values are: notStarted, running, completed, failed. Read-only.
        status: OperationStatus = "status" (not_null),
        /// The participants to invite.
        participants: Vec<InvitationParticipantInfo> = "participants" (not_null),
    }
}

object! {
    /// The operation of the `mute` action.
    MuteParticipantOperation = "muteParticipantOperation" [settle = crate::operation::settle_operation] {
        /// The unique identifier for an entity. Read-only.
        id: String = "id" (not_null),
        /// Unique Client Context string. Max limit is 256 chars.
        client_context: String = "clientContext",
        /// The result information. Read-only.
        result_info: ResultInfo = "resultInfo",
        /// The possible values are: notStarted, running, completed, failed. Read-only.
        status: OperationStatus = "status" (not_null),
    }
}

object! {
    /// The operation of the `unmute` action.
    UnmuteParticipantOperation = "unmuteParticipantOperation" [settle = crate::operation::settle_operation] {
        /// The unique identifier for an entity. Read-only.
        id: String = "id" (not_null),
        /// Unique Client Context string. Max limit is 256 chars.
        client_context: String = "clientContext",
        /// The result information. Read-only.
        result_info: ResultInfo = "resultInfo",
        /// The possible values are: notStarted, running, completed, failed. Read-only.
        status: OperationStatus = "status" (not_null),
    }
}

object! {
    /// The operation of the `addLargeGalleryView` action.
    AddLargeGalleryViewOperation = "addLargeGalleryViewOperation" [settle = crate::operation::settle_operation] {
        /// The unique identifier for an entity. Read-only.
        id: String = "id" (not_null),
        /// Unique Client Context string. Max limit is 256 chars.
        client_context: String = "clientContext",
        /// The result information. Read-only.
        result_info: ResultInfo = "resultInfo",
        /// The possible values are: notStarted, running, completed, failed. Read-only.
        status: OperationStatus = "status" (not_null),
    }
}

object! {
    /// The operation of the `updateRecordingStatus` action.
    UpdateRecordingStatusOperation = "updateRecordingStatusOperation" [settle = crate::operation::settle_operation] {
        /// The unique identifier for an entity. Read-only.
        id: String = "id" (not_null),
        /// Unique Client Context string. Max limit is 256 chars.
        client_context: String = "clientContext",
        /// The result information. Read-only.
        result_info: ResultInfo = "resultInfo",
        /// The possible values are: notStarted, running, completed, failed. Read-only.
        status: OperationStatus = "status" (not_null),
    }
}
