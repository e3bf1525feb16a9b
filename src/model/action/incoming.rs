//! Answering an incoming call: `answer`, `reject` and `redirect`.

use crate::call::{IncomingCallOptions, RejectReason};
use crate::declare::{object, open_enum};
use crate::media::{MediaConfig, Modality};
use crate::participant::InvitationParticipantInfo;

object! {
    /// The body of `POST /communications/calls/{id}/answer`: the bot takes an incoming
    /// call, with its media and the callback for the call's notifications.
    CallAnswer = action "call.answer", sdk "callAnswerRequestBody" {
        /// The URL Graph posts the call's notifications to. It must be `https`.
        callback_uri: String = "callbackUri" (required),
        /// Who hosts the media: the service (`serviceHostedMediaConfig`) or the bot
        /// (`appHostedMediaConfig`).
        media_config: MediaConfig = "mediaConfig" (required),
        /// The modalities the bot accepts, such as `audio` and `video`.
        accepted_modalities: Vec<Modality> = "acceptedModalities",
        /// How many participants the bot handles at once (policy-based recording
        /// bots), up to 32.
        participant_capacity: i32 = "participantCapacity",
        /// Features turned on for the answered call. An optional parameter.
        call_options: IncomingCallOptions = "callOptions",
    }
}

object! {
    /// The body of `POST /communications/calls/{id}/reject`: the bot declines an
    /// incoming call.
    CallReject = action "call.reject", sdk "callRejectRequestBody" {
        /// Why the bot declines: `none`, `busy` or `forbidden`.
        reason: RejectReason = "reason",
        /// A callback URL for this call's notifications, in place of the bot's
        /// configured one.
        callback_uri: String = "callbackUri",
    }
}

object! {
    /// The body of `POST /communications/calls/{id}/redirect`: the bot sends an
    /// incoming call on to other targets before answering it.
    CallRedirect = action "call.redirect", sdk "callRedirectRequestBody" {
        /// Where the call goes. Several targets ring at once.
        targets: Vec<InvitationParticipantInfo> = "targets" (required),
        /// **Beta**: not in the v1.0 metadata, and deprecated in beta: Graph tells a
        /// forward from a simultaneous ring by the number of targets.
        target_disposition: CallDisposition = "targetDisposition",
        /// How long to ring the targets, in seconds: 15 to 90, 55 by default.
        timeout: i32 = "timeout",
        /// A callback URL for the redirected call's notifications.
        callback_uri: String = "callbackUri",
        /// **Beta**: not in the v1.0 metadata. Whether to hide the callee from the
        /// caller.
        mask_callee: bool = "maskCallee",
        /// **Beta**: not in the v1.0 metadata. Whether to hide the caller from the
        /// callee.
        mask_caller: bool = "maskCaller",
    }
}

open_enum! {
    /// How a redirected call reaches its targets.
    ///
    /// **Beta**: not in the v1.0 metadata.
    CallDisposition = "callDisposition" {
        Default = "default",
        SimultaneousRing = "simultaneousRing",
        Forward = "forward",
    }
}

impl CallAnswer {
    /// An answer with its required parameters: the callback for the call's
    /// notifications, and who hosts the media.
    pub fn new(callback_uri: impl Into<String>, media_config: impl Into<MediaConfig>) -> Self {
        CallAnswer::default()
            .with_callback_uri(callback_uri)
            .with_media_config(media_config)
    }
}

impl CallReject {
    /// A rejection for `reason`.
    pub fn new(reason: RejectReason) -> Self {
        CallReject::default().with_reason(reason)
    }
}

impl CallRedirect {
    /// A redirection to `targets`, its required parameter.
    pub fn new(targets: impl IntoIterator<Item = InvitationParticipantInfo>) -> Self {
        CallRedirect::default().with_targets(targets.into_iter().collect::<Vec<_>>())
    }
}
