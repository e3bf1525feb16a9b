//! Operations on the media of a call.

use crate::declare::object;
use crate::declare::open_enum;
use crate::operation::OperationStatus;
use crate::operation::ResultInfo;
use crate::operation::comms_operation;

object! {
    /// The operation of the `playPrompt` action.
    PlayPromptOperation = "playPromptOperation" : comms_operation [settle = crate::operation::settle_operation] {
        /// **Beta**: not in the v1.0 metadata. Why the prompt finished playing.
        completion_reason: PlayPromptCompletionReason = "completionReason",
    }
}

open_enum! {
    /// Why a prompt finished playing.
    ///
    /// **Beta**: not in the v1.0 metadata.
    PlayPromptCompletionReason = "playPromptCompletionReason" {
        Unknown = "unknown",
        CompletedSuccessfully = "completedSuccessfully",
        MediaOperationCanceled = "mediaOperationCanceled",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}

object! {
    /// The operation of the `recordResponse` action.
    RecordOperation = "recordOperation" : comms_operation [settle = crate::operation::settle_operation] {
        /// The access token required to retrieve the recording.
        recording_access_token: String = "recordingAccessToken",
        /// The location where the recording is located.
        recording_location: String = "recordingLocation",
    }
}

object! {
    /// The operation of the `sendDtmfTones` action.
    SendDtmfTonesOperation = "sendDtmfTonesOperation" : comms_operation [settle = crate::operation::settle_operation] {
        /// The results of the action. The possible values are: unknown, completedSuccessfully, mediaOperationCanceled, unknownfutureValue.
        completion_reason: SendDtmfCompletionReason = "completionReason",
    }
}

open_enum! {
    /// Why sending DTMF tones finished.
    SendDtmfCompletionReason = "sendDtmfCompletionReason" {
        Unknown = "unknown",
        CompletedSuccessfully = "completedSuccessfully",
        MediaOperationCanceled = "mediaOperationCanceled",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}

object! {
    /// The operation of the `subscribeToTone` action.
    SubscribeToToneOperation = "subscribeToToneOperation" : comms_operation [settle = crate::operation::settle_operation] {
    }
}

object! {
    /// The operation of the `cancelMediaProcessing` action.
    CancelMediaProcessingOperation = "cancelMediaProcessingOperation" : comms_operation [settle = crate::operation::settle_operation] {
    }
}

object! {
    /// The operation of the `startHoldMusic` action.
    StartHoldMusicOperation = "startHoldMusicOperation" : comms_operation [settle = crate::operation::settle_operation] {
    }
}

object! {
    /// The operation of the `stopHoldMusic` action.
    StopHoldMusicOperation = "stopHoldMusicOperation" : comms_operation [settle = crate::operation::settle_operation] {
    }
}
