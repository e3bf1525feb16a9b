//! Operations: the long-running actions on a call (play a prompt, record,
//! invite, mute, ...), returned by the action and reported by notifications.

use crate::declare::open_enum;
use crate::declare::{object, polymorphic};

mod media;
mod participants;
mod result_info;
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
mod settle;

pub use media::{
    CancelMediaProcessingOperation, PlayPromptCompletionReason, PlayPromptOperation,
    RecordOperation, SendDtmfCompletionReason, SendDtmfTonesOperation, StartHoldMusicOperation,
    StopHoldMusicOperation, SubscribeToToneOperation,
};
pub use participants::{
    AddLargeGalleryViewOperation, InviteParticipantsOperation, MuteParticipantOperation,
    UnmuteParticipantOperation, UpdateRecordingStatusOperation,
};
pub use result_info::ResultInfo;
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
pub(crate) use settle::operation as settle_operation;

polymorphic! {
    /// An operation at a polymorphic point: `commsOperation` itself or a derived type.
    AnyCommsOperation = "commsOperation", concrete {
        /// The declared type itself.
        CommsOperation(CommsOperation),
        AddLargeGalleryView(AddLargeGalleryViewOperation),
        CancelMediaProcessing(CancelMediaProcessingOperation),
        InviteParticipants(InviteParticipantsOperation),
        MuteParticipant(MuteParticipantOperation),
        PlayPrompt(PlayPromptOperation),
        Record(RecordOperation),
        SendDtmfTones(SendDtmfTonesOperation),
        StartHoldMusic(StartHoldMusicOperation),
        StopHoldMusic(StopHoldMusicOperation),
        SubscribeToTone(SubscribeToToneOperation),
        UnmuteParticipant(UnmuteParticipantOperation),
        UpdateRecordingStatus(UpdateRecordingStatusOperation),
    }
    common {
        /// The unique identifier for an entity. Read-only.
        id: String,
        /// Unique Client Context string. Max limit is 256 chars.
        client_context: String,
        /// The result information. Read-only.
        result_info: ResultInfo,
        /// The possible values are: notStarted, running, completed, failed. Read-only.
        status: OperationStatus,
    }
}

object! {
    /// An operation on a call: its status, result and the client context the bot gave.
    CommsOperation = "commsOperation" [settle = crate::operation::settle_operation] {
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

open_enum! {
    /// The status of an operation.
    ///
    /// The metadata spells the members in PascalCase (`Completed`); payloads often
    /// write them in camelCase (`completed`), which decodes with a `spelling` diagnostic.
    OperationStatus = "operationStatus" {
        NotStarted = "NotStarted",
        Running = "Running",
        Completed = "Completed",
        Failed = "Failed",
    }
}
