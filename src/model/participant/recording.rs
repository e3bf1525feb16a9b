//! Recording state of a participant.

use crate::declare::object;
use crate::declare::open_enum;
use crate::identity::AnyIdentitySet;

object! {
    /// Whether a participant records the call, and who started it.
    RecordingInfo = "recordingInfo" {
        /// The identities of the recording initiator.
        initiator: AnyIdentitySet = "initiator",
        /// The possible values are: unknown, notRecording, recording, or failed.
        recording_status: RecordingStatus = "recordingStatus" (not_null),
    }
}

open_enum! {
    /// The recording status of a participant.
    RecordingStatus = "recordingStatus" {
        Unknown = "unknown",
        NotRecording = "notRecording",
        Recording = "recording",
        Failed = "failed",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}
