//! Operations: the long-running actions on a call (play a prompt, record,
//! invite, mute, ...), returned by the action and reported by notifications.

use crate::declare::open_enum;
use crate::declare::{members, object, polymorphic};

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

/// Ties an operation's Rust type to its [`OperationType`].
pub(crate) trait OperationKind {
    /// The operation's type.
    const KIND: OperationType;
}

/// Declares [`OperationType`] from one list: each variant and the operation type it
/// names.
macro_rules! operation_types {
    ($($variant:ident = $ty:ident),* $(,)?) => {
        /// The type of an operation, by its metadata name: what [`Action::operation`]
        /// says answers an action, and what [`AnyCommsOperation::operation_type`] reads.
        ///
        /// [`Action::operation`]: crate::action::Action::operation
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum OperationType {
            $(
                #[doc = concat!("`", stringify!($ty), "`: see [`", stringify!($ty), "`].")]
                $variant,
            )*
        }

        impl OperationType {
            /// Every operation type: the base type, then the derived ones.
            pub const ALL: &'static [OperationType] = &[$(OperationType::$variant),*];

            /// The metadata name: `playPromptOperation`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(OperationType::$variant => <$ty as crate::GraphType>::TYPE_NAME,)*
                }
            }
        }

        $(impl OperationKind for $ty {
            const KIND: OperationType = OperationType::$variant;
        })*
    };
}

operation_types! {
    CommsOperation = CommsOperation,
    AddLargeGalleryView = AddLargeGalleryViewOperation,
    CancelMediaProcessing = CancelMediaProcessingOperation,
    InviteParticipants = InviteParticipantsOperation,
    MuteParticipant = MuteParticipantOperation,
    PlayPrompt = PlayPromptOperation,
    Record = RecordOperation,
    SendDtmfTones = SendDtmfTonesOperation,
    StartHoldMusic = StartHoldMusicOperation,
    StopHoldMusic = StopHoldMusicOperation,
    SubscribeToTone = SubscribeToToneOperation,
    UnmuteParticipant = UnmuteParticipantOperation,
    UpdateRecordingStatus = UpdateRecordingStatusOperation,
}

impl std::fmt::Display for OperationType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for OperationType {
    type Err = crate::UnknownName;

    /// The operation type whose metadata name is `name` (`playPromptOperation`).
    fn from_str(name: &str) -> Result<OperationType, crate::UnknownName> {
        crate::UnknownName::find(
            OperationType::ALL,
            name,
            "operation type",
            OperationType::as_str,
        )
    }
}

impl AnyCommsOperation {
    /// The operation's type, `None` for one this crate does not know.
    pub fn operation_type(&self) -> Option<OperationType> {
        self.type_name()?.parse().ok()
    }
}

members! {
    /// `commsOperation`'s members, which every operation type inherits.
    comms_operation {
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
    /// An operation on a call: its status, result and the client context the bot gave.
    CommsOperation = "commsOperation" : comms_operation [settle = crate::operation::settle_operation] {}
}

open_enum! {
    /// The status of an operation.
    ///
    /// Written in camelCase (`completed`), as Graph's own notifications write it; the
    /// metadata spells the members in PascalCase (`Completed`), as .NET re-serialises
    /// them. Either decodes without a diagnostic, and encodes back as it came.
    OperationStatus = "operationStatus" {
        NotStarted = "notStarted",
        Running = "running",
        Completed = "completed",
        Failed = "failed",
    }
}
