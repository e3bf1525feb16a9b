//! Transcription state of a call.

use crate::declare::object;
use crate::declare::open_enum;

object! {
    /// Whether a call is being transcribed, and since when.
    CallTranscriptionInfo = "callTranscriptionInfo" {
        /// The state modified time in UTC.
        last_modified_date_time: String = "lastModifiedDateTime",
        /// The possible values are: notStarted, active, inactive.
        state: CallTranscriptionState = "state" (not_null),
    }
}

open_enum! {
    /// The transcription state of a call.
    CallTranscriptionState = "callTranscriptionState" {
        NotStarted = "notStarted",
        Active = "active",
        Inactive = "inactive",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}
