//! The media streams of a participant.

use crate::enums::open_enum;
use crate::macros::object;
use crate::media::Modality;

object! {
    /// One media stream of a participant.
    MediaStream = "mediaStream" {
        /// The direction. The possible values are inactive, sendOnly, receiveOnly, sendReceive.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        direction: MediaDirection = "direction",
        /// The media stream label.
        label: String = "label",
        /// The media type. The possible values are unknown, audio, video, videoBasedScreenSharing, data.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        media_type: Modality = "mediaType",
        /// If the media is muted by the server.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        server_muted: bool = "serverMuted",
        /// The source ID.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        source_id: String = "sourceId",
    }
}

open_enum! {
    /// The direction of a media stream.
    MediaDirection = "mediaDirection" {
        /// `inactive`.
        Inactive = "inactive",
        /// `sendOnly`.
        SendOnly = "sendOnly",
        /// `receiveOnly`.
        ReceiveOnly = "receiveOnly",
        /// `sendReceive`.
        SendReceive = "sendReceive",
    }
}
