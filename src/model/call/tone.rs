//! DTMF tones received in a call.

use crate::declare::object;
use crate::declare::open_enum;

object! {
    /// A DTMF tone received, in a tone notification.
    ToneInfo = "toneInfo" {
        /// An incremental identifier used for ordering DTMF events.
        sequence_id: i64 = "sequenceId" (not_null),
        /// The possible values are: tone0, tone1, tone2, tone3, tone4, tone5, tone6, tone7, tone8, tone9, star, pound, a, b, c, d, flash.
        tone: Tone = "tone" (not_null),
    }
}

open_enum! {
    /// A DTMF tone.
    Tone = "tone" {
        Tone0 = "tone0",
        Tone1 = "tone1",
        Tone2 = "tone2",
        Tone3 = "tone3",
        Tone4 = "tone4",
        Tone5 = "tone5",
        Tone6 = "tone6",
        Tone7 = "tone7",
        Tone8 = "tone8",
        Tone9 = "tone9",
        Star = "star",
        Pound = "pound",
        A = "a",
        B = "b",
        C = "c",
        D = "d",
        Flash = "flash",
    }
}
