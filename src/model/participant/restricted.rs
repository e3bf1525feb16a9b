//! Media restrictions on a participant.

use crate::declare::object;
use crate::declare::open_enum;
use crate::enums::Flags;

object! {
    /// Why a participant's media content is restricted.
    OnlineMeetingRestricted = "onlineMeetingRestricted" {
        /// Specifies the reason shared content from this participant is disabled. The possible values are: watermarkProtection, unknownFutureValue.
        content_sharing_disabled: Flags<OnlineMeetingContentSharingDisabledReason> = "contentSharingDisabled",
        /// Specifies the reason video from this participant is disabled. The possible values are: watermarkProtection, unknownFutureValue.
        video_disabled: Flags<OnlineMeetingVideoDisabledReason> = "videoDisabled",
    }
}

open_enum! {
    /// Why content sharing is disabled for a participant.
    ///
    /// A flags enum: a member of [`Flags`] on the wire.
    OnlineMeetingContentSharingDisabledReason = "onlineMeetingContentSharingDisabledReason" {
        WatermarkProtection = "watermarkProtection",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}

open_enum! {
    /// Why video is disabled for a participant.
    ///
    /// A flags enum: a member of [`Flags`] on the wire.
    OnlineMeetingVideoDisabledReason = "onlineMeetingVideoDisabledReason" {
        WatermarkProtection = "watermarkProtection",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}
