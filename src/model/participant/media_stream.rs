//! The media streams of a participant.

use crate::declare::object;
use crate::declare::open_enum;
use crate::media::Modality;

object! {
    /// One media stream of a participant.
    MediaStream = "mediaStream" {
        /// The direction. The possible values are inactive, sendOnly, receiveOnly, sendReceive.
        direction: MediaDirection = "direction" (not_null),
        /// The media stream label.
        label: String = "label",
        /// The media type. The possible values are unknown, audio, video, videoBasedScreenSharing, data.
        media_type: Modality = "mediaType" (not_null),
        /// If the media is muted by the server.
        server_muted: bool = "serverMuted" (not_null),
        /// The source ID.
        source_id: String = "sourceId" (not_null),
    }
}

open_enum! {
    /// The direction of a media stream.
    MediaDirection = "mediaDirection" {
        Inactive = "inactive",
        SendOnly = "sendOnly",
        ReceiveOnly = "receiveOnly",
        SendReceive = "sendReceive",
    }
}
