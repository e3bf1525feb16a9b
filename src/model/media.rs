//! Media: how a call's media is hosted, what is played, and media state.

use crate::declare::object;
use crate::declare::open_enum;

mod config;
mod info;
mod prompt;

pub use config::{AppHostedMediaConfig, MediaConfig, ServiceHostedMediaConfig};
pub use info::MediaInfo;
pub use prompt::{MediaPrompt, Prompt};

open_enum! {
    /// A media modality of a call.
    Modality = "modality" {
        Audio = "audio",
        Video = "video",
        VideoBasedScreenSharing = "videoBasedScreenSharing",
        Data = "data",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}

object! {
    /// The media state of a call.
    CallMediaState = "callMediaState" {
        /// The audio media state. The possible values are: active, inactive, unknownFutureValue.
        audio: MediaState = "audio",
    }
}

open_enum! {
    /// The state of a media modality.
    MediaState = "mediaState" {
        Active = "active",
        Inactive = "inactive",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}
