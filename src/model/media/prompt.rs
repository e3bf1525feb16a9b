//! Prompts: what a bot plays into a call.

use crate::declare::{object, polymorphic};
use crate::media::MediaInfo;

polymorphic! {
    /// Something to play into a call; `prompt` is abstract, and `mediaPrompt` is its
    /// concrete type.
    Prompt = "prompt", abstract {
        Media(MediaPrompt),
    }
    common {
        /// The media information.
        media_info: MediaInfo,
    }
}

object! {
    /// A prompt that plays a media file.
    MediaPrompt = "mediaPrompt" {
        /// The media information.
        media_info: MediaInfo = "mediaInfo" (not_null),
    }
}

impl MediaPrompt {
    /// A prompt that plays `media_info`.
    pub fn new(media_info: MediaInfo) -> Self {
        MediaPrompt::default().with_media_info(media_info)
    }
}
