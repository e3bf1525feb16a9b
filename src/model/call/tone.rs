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
        /// `tone0`.
        Tone0 = "tone0",
        /// `tone1`.
        Tone1 = "tone1",
        /// `tone2`.
        Tone2 = "tone2",
        /// `tone3`.
        Tone3 = "tone3",
        /// `tone4`.
        Tone4 = "tone4",
        /// `tone5`.
        Tone5 = "tone5",
        /// `tone6`.
        Tone6 = "tone6",
        /// `tone7`.
        Tone7 = "tone7",
        /// `tone8`.
        Tone8 = "tone8",
        /// `tone9`.
        Tone9 = "tone9",
        /// `star`.
        Star = "star",
        /// `pound`.
        Pound = "pound",
        /// `a`.
        A = "a",
        /// `b`.
        B = "b",
        /// `c`.
        C = "c",
        /// `d`.
        D = "d",
        /// `flash`.
        Flash = "flash",
    }
}
