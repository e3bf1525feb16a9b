//! Participants: the roster entries of a call, full (`participant`) and delta
//! (`deltaParticipants`), and what describes them.

use crate::declare::object;

mod delta;
mod info;
mod media_stream;
mod recording;
mod removed_state;
mod restricted;
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
mod settle;

pub use delta::DeltaParticipants;
pub use info::{InvitationParticipantInfo, ParticipantInfo};
pub use media_stream::{MediaDirection, MediaStream};
pub use recording::{RecordingInfo, RecordingStatus};
pub use removed_state::RemovedState;
pub use restricted::{
    OnlineMeetingContentSharingDisabledReason, OnlineMeetingRestricted,
    OnlineMeetingVideoDisabledReason,
};

object! {
    /// A participant in a call: an entry of the roster that roster notifications carry.
    Participant = "participant" [settle = settle::participant] {
        /// The unique identifier for an entity. Read-only.
        id: String = "id" (not_null),
        /// Information about the participant.
        info: ParticipantInfo = "info" (not_null),
        /// true if the participant is in lobby.
        is_in_lobby: bool = "isInLobby" (not_null),
        /// true if the participant is muted (client or server muted).
        is_muted: bool = "isMuted" (not_null),
        /// The list of media streams.
        media_streams: Vec<MediaStream> = "mediaStreams",
        /// A blob of data provided by the participant in the roster.
        metadata: String = "metadata",
        /// Information about whether the participant has recording capability.
        recording_info: RecordingInfo = "recordingInfo",
        /// Indicates the reason why the participant was removed from the roster.
        removed_state: RemovedState = "removedState",
        /// Indicates the reason or reasons media content from this participant is restricted.
        restricted_experience: OnlineMeetingRestricted = "restrictedExperience",
        /// Indicates the roster sequence number in which the participant was last updated.
        roster_sequence_number: i64 = "rosterSequenceNumber",
    }
}

object! {
    /// A page of a call's participants: what `GET /communications/calls/{id}/participants`
    /// answers, an OData collection.
    ParticipantCollection = untyped "participantCollection" {
        /// The participants of this page.
        value: Vec<Participant> = "value",
        /// The URL of the next page, when there is one.
        next_link: String = "@odata.nextLink",
    }
}
