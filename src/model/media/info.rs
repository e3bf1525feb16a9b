//! Media files a call can play.

use crate::declare::object;

object! {
    /// A media file: where it is, and an ID to cache it by.
    MediaInfo = "mediaInfo" {
        /// Optional. Used to uniquely identity the resource. If passed in, the prompt uri is against this resourceId as a key.
        resource_id: String = "resourceId",
        /// Path to the prompt that will be played. Currently supports only Wave file (.wav) format, single-channel, 16-bit samples with a 16,000 (16 KHz) sampling rate.
        uri: String = "uri" (not_null),
    }
}

impl MediaInfo {
    /// A media file at `uri`, which prompts name by `resource_id`.
    pub fn new(uri: impl Into<String>, resource_id: impl Into<String>) -> Self {
        MediaInfo::default()
            .with_uri(uri)
            .with_resource_id(resource_id)
    }
}
