//! Operations on the participants and recording of a call.

use crate::call::ResultInfo;
use crate::macros::object;
use crate::operation::OperationStatus;
use crate::participant::InvitationParticipantInfo;

object! {
    /// The operation of the `invite` action.
    InviteParticipantsOperation = "inviteParticipantsOperation" {
        /// The unique identifier for an entity. Read-only.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        id: String = "id",
        /// Unique Client Context string. Max limit is 256 chars.
        client_context: String = "clientContext",
        /// The result information. Read-only.
        result_info: ResultInfo = "resultInfo",
        /// The possible values are: notStarted, running, completed, failed. Read-only.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        status: OperationStatus = "status",
        /// The participants to invite.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        participants: Vec<InvitationParticipantInfo> = "participants",
    }
}

object! {
    /// The operation of the `mute` action.
    MuteParticipantOperation = "muteParticipantOperation" {
        /// The unique identifier for an entity. Read-only.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        id: String = "id",
        /// Unique Client Context string. Max limit is 256 chars.
        client_context: String = "clientContext",
        /// The result information. Read-only.
        result_info: ResultInfo = "resultInfo",
        /// The possible values are: notStarted, running, completed, failed. Read-only.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        status: OperationStatus = "status",
    }
}

object! {
    /// The operation of the `unmute` action.
    UnmuteParticipantOperation = "unmuteParticipantOperation" {
        /// The unique identifier for an entity. Read-only.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        id: String = "id",
        /// Unique Client Context string. Max limit is 256 chars.
        client_context: String = "clientContext",
        /// The result information. Read-only.
        result_info: ResultInfo = "resultInfo",
        /// The possible values are: notStarted, running, completed, failed. Read-only.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        status: OperationStatus = "status",
    }
}

object! {
    /// The operation of the `addLargeGalleryView` action.
    AddLargeGalleryViewOperation = "addLargeGalleryViewOperation" {
        /// The unique identifier for an entity. Read-only.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        id: String = "id",
        /// Unique Client Context string. Max limit is 256 chars.
        client_context: String = "clientContext",
        /// The result information. Read-only.
        result_info: ResultInfo = "resultInfo",
        /// The possible values are: notStarted, running, completed, failed. Read-only.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        status: OperationStatus = "status",
    }
}

object! {
    /// The operation of the `updateRecordingStatus` action.
    UpdateRecordingStatusOperation = "updateRecordingStatusOperation" {
        /// The unique identifier for an entity. Read-only.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        id: String = "id",
        /// Unique Client Context string. Max limit is 256 chars.
        client_context: String = "clientContext",
        /// The result information. Read-only.
        result_info: ResultInfo = "resultInfo",
        /// The possible values are: notStarted, running, completed, failed. Read-only.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        status: OperationStatus = "status",
    }
}
