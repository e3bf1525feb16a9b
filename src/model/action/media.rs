//! Media on a call: prompts, recording a response, tones, and cancelling what is
//! under way.

use crate::call::Tone;
use crate::declare::object;
use crate::media::Prompt;

object! {
    /// The body of `POST /communications/calls/{id}/playPrompt`: the bot plays
    /// prompts into the call.
    CallPlayPrompt = action "call.playPrompt", sdk "callPlayPromptRequestBody" {
        /// The prompts to play, in order.
        prompts: Vec<Prompt> = "prompts" (required),
        /// **Beta**: not in the v1.0 metadata. Whether to play the prompts over and
        /// over (the operation then never completes).
        loop_forever: bool = "loop",
        /// A string of the bot's, returned in the operation and its notifications
        /// (at most 256 characters).
        client_context: String = "clientContext",
    }
}

object! {
    /// The body of `POST /communications/calls/{id}/recordResponse`: the bot plays
    /// prompts, then records what the caller says.
    CallRecordResponse = action "call.recordResponse", sdk "callRecordResponseRequestBody" {
        /// The prompts to play before recording.
        prompts: Vec<Prompt> = "prompts",
        /// Whether the caller may start speaking before the prompts end.
        barge_in_allowed: bool = "bargeInAllowed",
        /// Seconds of silence before the caller starts that end the recording, 5 by
        /// default.
        initial_silence_timeout_in_seconds: i32 = "initialSilenceTimeoutInSeconds",
        /// Seconds of silence after the caller spoke that end the recording, 5 by
        /// default.
        max_silence_timeout_in_seconds: i32 = "maxSilenceTimeoutInSeconds",
        /// The longest recording, in seconds.
        max_record_duration_in_seconds: i32 = "maxRecordDurationInSeconds",
        /// Whether a beep is played before recording starts.
        play_beep: bool = "playBeep",
        /// **Beta**: not in the v1.0 metadata. Whether the recording's location is
        /// given as soon as recording starts.
        stream_while_recording: bool = "streamWhileRecording",
        /// DTMF tones that end the recording.
        stop_tones: Vec<String> = "stopTones",
        /// A string of the bot's, returned in the operation and its notifications.
        client_context: String = "clientContext",
    }
}

object! {
    /// The body of `POST /communications/calls/{id}/subscribeToTone`: the bot asks
    /// for the DTMF tones the caller presses, as `toneInfo` in notifications.
    CallSubscribeToTone = action "call.subscribeToTone", sdk "callSubscribeToToneRequestBody" {
        /// A string of the bot's, returned in the operation and its notifications.
        client_context: String = "clientContext",
    }
}

object! {
    /// The body of `POST /communications/calls/{id}/sendDtmfTones`: the bot presses
    /// keys on the call.
    CallSendDtmfTones = action "call.sendDtmfTones", sdk "callSendDtmfTonesRequestBody" {
        /// The tones to send, in order.
        tones: Vec<Tone> = "tones" (required),
        /// The pause between two tones, in milliseconds.
        delay_between_tones_ms: i32 = "delayBetweenTonesMs",
        /// A string of the bot's, returned in the operation and its notifications.
        client_context: String = "clientContext",
    }
}

object! {
    /// The body of `POST /communications/calls/{id}/cancelMediaProcessing`: the bot
    /// stops the `playPrompt` and `recordResponse` operations under way.
    CallCancelMediaProcessing = action "call.cancelMediaProcessing", sdk "callCancelMediaProcessingRequestBody" {
        /// A string of the bot's, returned in the operation and its notifications.
        client_context: String = "clientContext",
    }
}

impl CallPlayPrompt {
    /// Plays `prompts`, the required parameter, in order.
    pub fn new(prompts: impl IntoIterator<Item = Prompt>) -> Self {
        CallPlayPrompt::default().with_prompts(prompts.into_iter().collect::<Vec<_>>())
    }
}

impl CallSendDtmfTones {
    /// Sends `tones`, the required parameter, in order.
    pub fn new(tones: impl IntoIterator<Item = Tone>) -> Self {
        CallSendDtmfTones::default().with_tones(tones.into_iter().collect::<Vec<_>>())
    }
}
