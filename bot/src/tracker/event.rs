//! What a feed returns: the events the notifications add up to, and the warnings
//! for what the tracker ignored or suspects.

use std::fmt;

use graph_comms::call::{Call, CallState, Tone};
use graph_comms::notification::{ChangeType, Resource};
use graph_comms::operation::{OperationStatus, ResultInfo};
use graph_comms::participant::Participant;

/// Something that happened to a tracked call.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// The call moved to a new state.
    StateChanged {
        /// The call's id.
        call_id: String,
        /// The state before, if one was known.
        from: Option<CallState>,
        /// The state now.
        to: CallState,
        /// The call resource as it is now, merged from every notification so far:
        /// on `incoming`, the caller ([`Call::caller`]) is one step away. `None` when
        /// the call ended by a deletion that carried no resource.
        call: Option<Box<Call>>,
    },
    /// Members of the call resource other than its state and tone changed
    /// (`mediaState`, `chatInfo`, `meetingInfo`, `replacesContext`…).
    CallUpdated {
        /// The call's id.
        call_id: String,
        /// What changed, by wire name, in the metadata's order.
        changed: Vec<String>,
        /// The call resource as it is now.
        call: Box<Call>,
    },
    /// A participant entered the roster.
    ParticipantJoined {
        /// The call's id.
        call_id: String,
        /// The participant, as the notification gave it.
        participant: Box<Participant>,
    },
    /// A participant of the roster changed.
    ParticipantUpdated {
        /// The call's id.
        call_id: String,
        /// The participant, as it is now.
        participant: Box<Participant>,
        /// What changed, by wire name (`isMuted`, `isInLobby`, `mediaStreams`, or
        /// any other member).
        changed: Vec<String>,
    },
    /// A participant left the roster.
    ParticipantLeft {
        /// The call's id.
        call_id: String,
        /// The participant's id.
        participant_id: String,
    },
    /// An operation is running, or changed without finishing.
    OperationUpdated {
        /// The call's id.
        call_id: String,
        /// The operation's id.
        operation_id: String,
        /// Its type (`playPromptOperation`…).
        type_name: String,
        /// Its status.
        status: Option<OperationStatus>,
    },
    /// An operation completed.
    OperationCompleted {
        /// The call's id.
        call_id: String,
        /// The operation's id.
        operation_id: String,
        /// Its type (`playPromptOperation`…).
        type_name: String,
        /// Its result, when given.
        result_info: Option<ResultInfo>,
    },
    /// An operation failed.
    OperationFailed {
        /// The call's id.
        call_id: String,
        /// The operation's id.
        operation_id: String,
        /// Its type.
        type_name: String,
        /// Why, when given.
        result_info: Option<ResultInfo>,
    },
    /// A DTMF tone reached the call (`toneInfo` of a call resource).
    ToneReceived {
        /// The call's id.
        call_id: String,
        /// The tone.
        tone: Tone,
        /// Its sequence id, when given.
        sequence_id: Option<i64>,
    },
    /// A content-sharing session started.
    SharingStarted {
        /// The call's id.
        call_id: String,
        /// The session's id.
        session_id: String,
    },
    /// A content-sharing session ended.
    SharingEnded {
        /// The call's id.
        call_id: String,
        /// The session's id.
        session_id: String,
    },
    /// The call ended.
    CallTerminated {
        /// The call's id.
        call_id: String,
        /// Why, when given.
        result_info: Option<ResultInfo>,
    },
    /// A resource the tracker does not follow (an audio routing group, a type this
    /// crate does not know), passed through as it came.
    Other {
        /// The call's id.
        call_id: String,
        /// The notification's change type.
        change_type: Option<ChangeType>,
        /// The resource.
        resource: Box<Resource>,
    },
}

impl Event {
    /// The id of the call the event is about.
    pub fn call_id(&self) -> &str {
        match self {
            Event::StateChanged { call_id, .. }
            | Event::CallUpdated { call_id, .. }
            | Event::ParticipantJoined { call_id, .. }
            | Event::ParticipantUpdated { call_id, .. }
            | Event::ParticipantLeft { call_id, .. }
            | Event::OperationUpdated { call_id, .. }
            | Event::OperationCompleted { call_id, .. }
            | Event::OperationFailed { call_id, .. }
            | Event::ToneReceived { call_id, .. }
            | Event::SharingStarted { call_id, .. }
            | Event::SharingEnded { call_id, .. }
            | Event::CallTerminated { call_id, .. }
            | Event::Other { call_id, .. } => call_id,
        }
    }
}

/// The stable kind of a [`Warning`]; serde writes its stable name.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningKind {
    /// A notification whose path and resources name no call: ignored.
    NoCallId,
    /// A call state older than the call's: a set-up state after the call was set
    /// up, anything but `terminated` after `terminating`. Ignored.
    StaleState,
    /// A notification after the call terminated: a state change is ignored; what
    /// it says of the roster, operations or sessions is recorded without events.
    AfterTermination,
    /// A roster entry older than the participant's latest entry or removal. Ignored.
    StaleParticipant,
    /// Delta rosters are missing between two sequence numbers: `GET` the roster to
    /// be sure of it.
    SequenceGap,
    /// An operation status older than the operation's, or a second, different
    /// final status. Ignored.
    StaleOperation,
    /// A content-sharing session reported again after it ended. Ignored.
    StaleSession,
    /// A tone whose sequence id is not newer than the last one. Ignored.
    StaleTone,
    /// A resource without the id the tracker keys it by. Ignored.
    NoResourceId,
    /// A callback body cut short (its decoding closed what the input left open).
    /// Not applied.
    Truncated,
}

impl WarningKind {
    /// The kind's stable name: `no_call_id`, `stale_state`, `after_termination`,
    /// `stale_participant`, `sequence_gap`, `stale_operation`, `stale_session`,
    /// `stale_tone`, `no_resource_id` or `truncated`.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::NoCallId => "no_call_id",
            WarningKind::StaleState => "stale_state",
            WarningKind::AfterTermination => "after_termination",
            WarningKind::StaleParticipant => "stale_participant",
            WarningKind::SequenceGap => "sequence_gap",
            WarningKind::StaleOperation => "stale_operation",
            WarningKind::StaleSession => "stale_session",
            WarningKind::StaleTone => "stale_tone",
            WarningKind::NoResourceId => "no_resource_id",
            WarningKind::Truncated => "truncated",
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a feed ignored or suspects. Serde writes `{"kind", "callId", "message"}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Warning {
    /// What kind of thing it is.
    pub kind: WarningKind,
    /// The call it concerns, when known.
    pub call_id: Option<String>,
    /// In words.
    pub message: String,
}

impl Warning {
    pub(super) fn new(
        kind: WarningKind,
        call_id: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        Warning {
            kind,
            call_id: call_id.map(str::to_owned),
            message: message.into(),
        }
    }
}

/// `<kind>: <message>`.
impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

/// What one feed returns.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Feed {
    /// What happened, in the order the notifications said it.
    pub events: Vec<Event>,
    /// What was ignored or is suspect.
    pub warnings: Vec<Warning>,
}

impl Feed {
    /// Appends another feed's events and warnings.
    pub fn extend(&mut self, other: Feed) {
        self.events.extend(other.events);
        self.warnings.extend(other.warnings);
    }
}

/// One line for a log: `<call id>: <what happened>`.
impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.call_id())?;
        let id = |p: &Participant| p.id.clone().unwrap_or_default();
        let status = |s: &Option<OperationStatus>| {
            s.as_ref()
                .map_or("no status".to_owned(), |s| s.as_str().to_owned())
        };
        let result = |r: &Option<ResultInfo>| match r {
            Some(r) => format!(" ({r})"),
            None => String::new(),
        };
        match self {
            Event::StateChanged { from, to, .. } => match from {
                Some(from) => write!(f, "state {} -> {}", from.as_str(), to.as_str()),
                None => write!(f, "state {}", to.as_str()),
            },
            Event::CallUpdated { changed, .. } => write!(f, "call changed {}", changed.join(", ")),
            Event::ParticipantJoined { participant, .. } => {
                write!(f, "participant {} joined", id(participant))
            }
            Event::ParticipantUpdated {
                participant,
                changed,
                ..
            } => write!(
                f,
                "participant {} changed {}",
                id(participant),
                changed.join(", ")
            ),
            Event::ParticipantLeft { participant_id, .. } => {
                write!(f, "participant {participant_id} left")
            }
            Event::OperationUpdated {
                operation_id,
                type_name,
                status: s,
                ..
            } => write!(f, "{type_name} {operation_id} {}", status(s)),
            Event::OperationCompleted {
                operation_id,
                type_name,
                result_info,
                ..
            } => write!(
                f,
                "{type_name} {operation_id} completed{}",
                result(result_info)
            ),
            Event::OperationFailed {
                operation_id,
                type_name,
                result_info,
                ..
            } => write!(
                f,
                "{type_name} {operation_id} failed{}",
                result(result_info)
            ),
            Event::ToneReceived {
                tone, sequence_id, ..
            } => match sequence_id {
                Some(seq) => write!(f, "tone {} (#{seq})", tone.as_str()),
                None => write!(f, "tone {}", tone.as_str()),
            },
            Event::SharingStarted { session_id, .. } => {
                write!(f, "content sharing {session_id} started")
            }
            Event::SharingEnded { session_id, .. } => {
                write!(f, "content sharing {session_id} ended")
            }
            Event::CallTerminated { result_info, .. } => {
                write!(f, "terminated{}", result(result_info))
            }
            Event::Other {
                change_type,
                resource,
                ..
            } => write!(
                f,
                "{} {} {}",
                change_type.as_ref().map_or("changed", |c| c.as_str()),
                resource.type_name().unwrap_or("resource"),
                resource.id().unwrap_or("")
            ),
        }
    }
}
