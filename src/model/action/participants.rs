//! The bot's and others' place in a call: muting, hold music, inviting and
//! transferring.

use crate::declare::object;
use crate::media::Prompt;
use crate::participant::{InvitationParticipantInfo, ParticipantInfo};

object! {
    /// The body of `POST /communications/calls/{id}/mute`: the bot mutes itself.
    CallMute = action "call.mute", sdk "callMuteRequestBody" {
        /// A string of the bot's, returned in the operation and its notifications.
        client_context: String = "clientContext",
    }
}

object! {
    /// The body of `POST /communications/calls/{id}/unmute`: the bot unmutes itself.
    CallUnmute = action "call.unmute", sdk "callUnmuteRequestBody" {
        /// A string of the bot's, returned in the operation and its notifications.
        client_context: String = "clientContext",
    }
}

object! {
    /// The body of `POST /communications/calls/{id}/participants/{id}/mute`: the bot
    /// mutes another participant (who may unmute).
    ParticipantMute = action "participant.mute", sdk "participantMuteRequestBody" {
        /// A string of the bot's, returned in the operation and its notifications.
        client_context: String = "clientContext",
    }
}

object! {
    /// The body of `POST /communications/calls/{id}/participants/{id}/startHoldMusic`:
    /// the bot puts a participant on hold, with music.
    ParticipantStartHoldMusic = action "participant.startHoldMusic", sdk "participantStartHoldMusicRequestBody" {
        /// The music to play in place of the default.
        custom_prompt: Prompt = "customPrompt",
        /// A string of the bot's, returned in the operation and its notifications.
        client_context: String = "clientContext",
    }
}

object! {
    /// The body of `POST /communications/calls/{id}/participants/{id}/stopHoldMusic`:
    /// the bot takes a participant off hold.
    ParticipantStopHoldMusic = action "participant.stopHoldMusic", sdk "participantStopHoldMusicRequestBody" {
        /// A string of the bot's, returned in the operation and its notifications.
        client_context: String = "clientContext",
    }
}

object! {
    /// The body of `POST /communications/calls/{id}/participants/invite`: the bot
    /// brings others into the call.
    ParticipantsInvite = action "participants.invite", sdk "participantInviteRequestBody" {
        /// Who to invite. With `replacesCallId`, a participant moves over from a
        /// peer-to-peer call.
        participants: Vec<InvitationParticipantInfo> = "participants" (required),
        /// A string of the bot's, returned in the operation and its notifications.
        client_context: String = "clientContext",
    }
}

object! {
    /// The body of `POST /communications/calls/{id}/transfer`: the bot hands a
    /// peer-to-peer or group call over to someone else.
    CallTransfer = action "call.transfer", sdk "callTransferRequestBody" {
        /// Who the call is transferred to.
        transfer_target: InvitationParticipantInfo = "transferTarget" (required),
        /// For a consultative transfer, the participant being transferred. An
        /// optional parameter.
        transferee: ParticipantInfo = "transferee",
    }
}

impl ParticipantsInvite {
    /// Invites `participants`, the required parameter.
    pub fn new(participants: impl IntoIterator<Item = InvitationParticipantInfo>) -> Self {
        ParticipantsInvite::default()
            .with_participants(participants.into_iter().collect::<Vec<_>>())
    }
}

impl CallTransfer {
    /// A transfer to `transfer_target`, the required parameter.
    pub fn new(transfer_target: InvitationParticipantInfo) -> Self {
        CallTransfer::default().with_transfer_target(transfer_target)
    }
}
