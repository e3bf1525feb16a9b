//! One tracked call: its state, merged resource, operations, sessions and result.

use std::collections::{BTreeMap, BTreeSet};

use super::event::{Event, Feed, Warning, WarningKind};
use graph_comms::call::{Call, CallState};
use graph_comms::content_sharing::ContentSharingSession;
use graph_comms::notification::{ChangeType, Resource};
use graph_comms::operation::{AnyCommsOperation, OperationStatus, ResultInfo};
use graph_comms::participant::Participant;

/// An operation of a call: its type, its status and its last resource.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct TrackedOperation {
    /// Its type, as the resource names it (`playPromptOperation`…;
    /// `commsOperation` when the resource names none).
    pub type_name: String,
    /// Its status.
    #[serde(with = "super::merge::kept")]
    pub status: Option<OperationStatus>,
    /// Its last resource taken.
    #[serde(with = "super::merge::kept")]
    pub operation: AnyCommsOperation,
}

/// Where a member of the call resource stands in the protocol's order: the rank
/// of the state it came with; for the `state` member of a live state, the live
/// clock; for `toneInfo`, the tone's sequence id. A member does not replace one of
/// a higher version; between equal versions, delivery order decides (and a merge
/// of documents, a fixed rule).
pub(crate) type Version = (u8, u64, i64);

/// What the callbacks say of one call.
///
/// It serialises (serde) to the `tracker` member of a call document, whose JSON
/// form `docs/state.md` describes; a [`CallDocument`](crate::bot::CallDocument)
/// is the unit to store, restore and merge.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrackedCall {
    pub(crate) id: String,
    #[serde(with = "super::merge::kept")]
    pub(crate) state: Option<CallState>,
    /// How many times the call moved between live states (`established`, `hold`…),
    /// counting its entry into them as one: the order of live states that the
    /// protocol does not give, as this record saw it.
    pub(crate) state_clock: u64,
    #[serde(with = "super::merge::kept")]
    pub(crate) call: Option<Call>,
    /// The version of each member of [`call`](Self::call), by wire name.
    pub(crate) call_versions: BTreeMap<String, Version>,
    #[serde(with = "super::merge::kept")]
    pub(crate) participants: BTreeMap<String, Participant>,
    /// The sequence number of each participant's last entry taken.
    pub(crate) roster_sequence: BTreeMap<String, i64>,
    /// The sequence number of each sequenced removal.
    pub(crate) removed: BTreeMap<String, i64>,
    /// The participants whose last unsequenced notice was a removal.
    pub(crate) removed_unsequenced: BTreeSet<String>,
    /// The highest delta roster sequence number seen.
    pub(crate) delta_sequence: Option<i64>,
    pub(crate) operations: BTreeMap<String, TrackedOperation>,
    #[serde(with = "super::merge::kept")]
    pub(crate) sessions: BTreeMap<String, ContentSharingSession>,
    pub(crate) ended_sessions: BTreeSet<String>,
    pub(crate) last_tone: Option<i64>,
    #[serde(with = "super::merge::kept")]
    pub(crate) result_info: Option<ResultInfo>,
    /// The last of each resource passed through, by type and id: what a
    /// redelivery repeats.
    #[serde(with = "super::merge::others")]
    pub(crate) others: BTreeMap<(String, String), Resource>,
}

/// Where a state ranks: set-up states in their order, the live ones together,
/// then terminating and terminated.
pub(crate) fn rank(state: &CallState) -> u8 {
    match state {
        CallState::Incoming => 0,
        CallState::Establishing => 1,
        CallState::Ringing => 2,
        CallState::Terminating => 4,
        CallState::Terminated => 5,
        _ => 3,
    }
}

pub(crate) const LIVE: u8 = 3;

/// Where a status ranks; the final ones share the top.
pub(crate) fn status_rank(status: Option<&OperationStatus>) -> u8 {
    match status {
        Some(OperationStatus::NotStarted) => 0,
        Some(OperationStatus::Completed | OperationStatus::Failed) => 2,
        _ => 1,
    }
}

impl TrackedCall {
    pub(crate) fn new(id: &str) -> Self {
        TrackedCall {
            id: id.to_owned(),
            state: None,
            state_clock: 0,
            call: None,
            call_versions: BTreeMap::new(),
            participants: BTreeMap::new(),
            roster_sequence: BTreeMap::new(),
            removed: BTreeMap::new(),
            removed_unsequenced: BTreeSet::new(),
            delta_sequence: None,
            operations: BTreeMap::new(),
            sessions: BTreeMap::new(),
            ended_sessions: BTreeSet::new(),
            last_tone: None,
            result_info: None,
            others: BTreeMap::new(),
        }
    }

    /// The call's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The call's state, once a notification gave one.
    pub fn state(&self) -> Option<&CallState> {
        self.state.as_ref()
    }

    /// The call resources taken, merged member by member.
    pub fn call(&self) -> Option<&Call> {
        self.call.as_ref()
    }

    /// The roster: each participant's latest resource, by id.
    pub fn participants(&self) -> &BTreeMap<String, Participant> {
        &self.participants
    }

    /// The operations, by id.
    pub fn operations(&self) -> &BTreeMap<String, TrackedOperation> {
        &self.operations
    }

    /// The content-sharing sessions present, by id.
    pub fn content_sharing_sessions(&self) -> &BTreeMap<String, ContentSharingSession> {
        &self.sessions
    }

    /// The result of a terminated call, when given.
    pub fn result_info(&self) -> Option<&ResultInfo> {
        self.result_info.as_ref()
    }

    /// Whether the call terminated: nothing will change its state again, and the
    /// caller may [`evict`](super::Tracker::evict) it.
    pub fn is_done(&self) -> bool {
        self.state == Some(CallState::Terminated)
    }

    pub(super) fn warn(&self, feed: &mut Feed, kind: WarningKind, message: String) {
        feed.warnings
            .push(Warning::new(kind, Some(&self.id), message));
    }

    pub(super) fn apply_call(&mut self, resource: &Call, deleted: bool, feed: &mut Feed) {
        let new = if deleted {
            Some(CallState::Terminated)
        } else {
            resource.state.clone()
        };
        if let Some(new) = &new
            && let Some(current) = &self.state
            && new != current
        {
            let stale = if *current == CallState::Terminated {
                Some(WarningKind::AfterTermination)
            } else if (rank(new) < rank(current) && rank(new) < LIVE)
                || (*current == CallState::Terminating && rank(new) == LIVE)
            {
                Some(WarningKind::StaleState)
            } else {
                None
            };
            if let Some(kind) = stale {
                self.warn(
                    feed,
                    kind,
                    format!(
                        "call {}: state {} after {}, ignored",
                        self.id,
                        new.as_str(),
                        current.as_str()
                    ),
                );
                if rank(new) == LIVE {
                    // The call was live, whenever this arrives.
                    self.state_clock = self.state_clock.max(1);
                }
                // Its other members are recorded where they are not older than
                // the known ones (a tone Graph sent before the end, a member
                // only the late set-up resource carried), without events.
                self.take_members(resource, rank(new), deleted);
                if let Some(seq) = resource.tone_info.as_ref().and_then(|t| t.sequence_id) {
                    self.last_tone = Some(self.last_tone.map_or(seq, |last| last.max(seq)));
                }
                return;
            }
        }
        let previous_tone = self.call.as_ref().and_then(|c| c.tone_info.clone());
        if let Some(new) = &new
            && rank(new) == LIVE
            && self.state.as_ref() != Some(new)
        {
            self.state_clock = match &self.state {
                Some(current) if rank(current) == LIVE => self.state_clock + 1,
                _ => self.state_clock.max(1),
            };
        }
        let effective = new.as_ref().or(self.state.as_ref()).map_or(0, rank);
        let known = self.take_members(resource, effective, deleted);
        let merged = self.call.as_ref().unwrap_or(resource);
        if let Some(known) = known {
            let changed: Vec<String> = known
                .changed_members(merged)
                .into_iter()
                // Said by their own events.
                .filter(|m| !matches!(*m, "state" | "toneInfo" | "resultInfo"))
                .map(str::to_owned)
                .collect();
            if !changed.is_empty() {
                feed.events.push(Event::CallUpdated {
                    call_id: self.id.clone(),
                    changed,
                    call: Box::new(merged.clone()),
                });
            }
        }
        if let Some(tone) = &resource.tone_info {
            let fresh = match (tone.sequence_id, self.last_tone) {
                (Some(seq), Some(last)) => seq > last,
                // Without a sequence id, only a repeat of the last tone is known stale.
                (None, _) => previous_tone.as_ref() != Some(tone),
                (Some(_), None) => true,
            };
            if fresh {
                if let Some(t) = &tone.tone {
                    feed.events.push(Event::ToneReceived {
                        call_id: self.id.clone(),
                        tone: t.clone(),
                        sequence_id: tone.sequence_id,
                    });
                }
                self.last_tone = tone.sequence_id.or(self.last_tone);
            } else if tone.sequence_id.is_some() && tone.sequence_id != self.last_tone {
                self.warn(
                    feed,
                    WarningKind::StaleTone,
                    format!(
                        "call {}: tone {} older than tone {}, ignored",
                        self.id,
                        tone.sequence_id.unwrap_or_default(),
                        self.last_tone.unwrap_or_default()
                    ),
                );
            }
        }
        match new {
            Some(CallState::Terminated) => self.terminate(resource.result_info.as_ref(), feed),
            Some(new) if self.state.as_ref() != Some(&new) => {
                feed.events.push(Event::StateChanged {
                    call_id: self.id.clone(),
                    from: self.state.replace(new.clone()),
                    to: new,
                    call: self.call.clone().map(Box::new),
                });
            }
            _ => {}
        }
    }

    /// Merges the members `resource` carries into the call resource, each unless
    /// the known one is of a higher [`Version`] (`rank` is that of the state the
    /// resource comes with), and gives back the resource as it was.
    fn take_members(&mut self, resource: &Call, rank: u8, deleted: bool) -> Option<Call> {
        let tone = resource.tone_info.as_ref().and_then(|t| t.sequence_id);
        let mut older = Vec::new();
        let empty = Call::default();
        for member in empty.changed_members(resource) {
            let version = match member {
                "toneInfo" => (rank, 0, tone.unwrap_or(0)),
                "state" if rank == LIVE => (rank, self.state_clock, 0),
                _ => (rank, 0, 0),
            };
            match self.call_versions.get(member) {
                Some(known) if version < *known => older.push(member),
                _ => {
                    self.call_versions.insert(member.to_owned(), version);
                }
            }
        }
        let known = self.call.take();
        let mut merged = match &known {
            None if older.is_empty() => resource.clone(),
            Some(known) if older.is_empty() => {
                let mut merged = known.clone();
                merged.merge_from(resource);
                merged
            }
            _ => {
                // Member by member, leaving out the older ones.
                let mut object = match known.as_ref().map(graph_comms::to_value) {
                    Some(serde_json::Value::Object(object)) => object,
                    _ => serde_json::Map::new(),
                };
                if let serde_json::Value::Object(carried) = graph_comms::to_value(resource) {
                    for (member, value) in carried {
                        if !older.contains(&member.as_str()) {
                            object.insert(member, value);
                        }
                    }
                }
                let bytes = serde_json::to_vec(&object).unwrap_or_default();
                graph_comms::DecodeOptions::lenient()
                    .decode::<Call>(&bytes)
                    .map_or_else(|_| known.clone().unwrap_or_default(), |d| d.value)
            }
        };
        if deleted {
            // A deleted call is terminated, whatever its resource says.
            merged.state = Some(CallState::Terminated);
            self.call_versions.insert("state".to_owned(), (rank, 0, 0));
        }
        self.call = Some(merged);
        known
    }

    /// A resource the tracker does not follow, passed through unless it repeats the
    /// last one of its type and id.
    pub(super) fn pass_through(
        &mut self,
        resource: &Resource,
        change: Option<&ChangeType>,
        feed: &mut Feed,
    ) {
        if let Some(id) = resource.id() {
            let key = (
                resource.type_name().unwrap_or_default().to_owned(),
                id.to_owned(),
            );
            if self.others.get(&key) == Some(resource) {
                return;
            }
            self.others.insert(key, resource.clone());
        }
        feed.events.push(Event::Other {
            call_id: self.id.clone(),
            change_type: change.cloned(),
            resource: Box::new(resource.clone()),
        });
    }

    pub(super) fn terminate(&mut self, result: Option<&ResultInfo>, feed: &mut Feed) {
        if result.is_some() && self.result_info.is_none() {
            self.result_info = result.cloned();
        }
        if self.is_done() {
            return;
        }
        let from = self.state.replace(CallState::Terminated);
        feed.events.push(Event::StateChanged {
            call_id: self.id.clone(),
            from,
            to: CallState::Terminated,
            call: self.call.clone().map(Box::new),
        });
        feed.events.push(Event::CallTerminated {
            call_id: self.id.clone(),
            result_info: self.result_info.clone(),
        });
    }

    pub(super) fn apply_operation(
        &mut self,
        op: &AnyCommsOperation,
        path_id: Option<&str>,
        feed: &mut Feed,
    ) {
        let Some(id) = op.id().or(path_id) else {
            self.warn(
                feed,
                WarningKind::NoResourceId,
                format!("call {}: an operation without an id, ignored", self.id),
            );
            return;
        };
        let status = op.status().cloned();
        if let Some(known) = self.operations.get(id) {
            if known.status == status && known.operation == *op {
                return;
            }
            let (was, now) = (
                status_rank(known.status.as_ref()),
                status_rank(status.as_ref()),
            );
            if now < was || (was == 2 && known.status != status) {
                let name = |s: &Option<OperationStatus>| {
                    s.as_ref().map_or("no status", |s| s.as_str()).to_owned()
                };
                self.warn(
                    feed,
                    WarningKind::StaleOperation,
                    format!(
                        "call {}: operation {id} {} after {}, ignored",
                        self.id,
                        name(&status),
                        name(&known.status)
                    ),
                );
                return;
            }
            if was == 2 {
                // The same final status again, with other members: keep the first.
                return;
            }
        }
        let type_name = op.type_name().unwrap_or("commsOperation").to_owned();
        let call_id = self.id.clone();
        let operation_id = id.to_owned();
        let result_info = op.result_info().cloned();
        feed.events.push(match &status {
            Some(OperationStatus::Completed) => Event::OperationCompleted {
                call_id,
                operation_id: operation_id.clone(),
                type_name: type_name.clone(),
                result_info,
            },
            Some(OperationStatus::Failed) => Event::OperationFailed {
                call_id,
                operation_id: operation_id.clone(),
                type_name: type_name.clone(),
                result_info,
            },
            _ => Event::OperationUpdated {
                call_id,
                operation_id: operation_id.clone(),
                type_name: type_name.clone(),
                status: status.clone(),
            },
        });
        self.operations.insert(
            operation_id,
            TrackedOperation {
                type_name,
                status,
                operation: op.clone(),
            },
        );
    }

    pub(super) fn apply_session(
        &mut self,
        session: &ContentSharingSession,
        path_id: Option<&str>,
        deleted: bool,
        feed: &mut Feed,
    ) {
        let Some(id) = session.id.as_deref().or(path_id) else {
            self.warn(
                feed,
                WarningKind::NoResourceId,
                format!(
                    "call {}: a content-sharing session without an id, ignored",
                    self.id
                ),
            );
            return;
        };
        if deleted {
            self.end_session(id, feed);
        } else if self.ended_sessions.contains(id) {
            self.warn(
                feed,
                WarningKind::StaleSession,
                format!(
                    "call {}: session {id} reported after it ended, ignored",
                    self.id
                ),
            );
        } else if self
            .sessions
            .insert(id.to_owned(), session.clone())
            .is_none()
        {
            feed.events.push(Event::SharingStarted {
                call_id: self.id.clone(),
                session_id: id.to_owned(),
            });
        }
    }

    pub(super) fn end_session(&mut self, id: &str, feed: &mut Feed) {
        self.ended_sessions.insert(id.to_owned());
        if self.sessions.remove(id).is_some() {
            feed.events.push(Event::SharingEnded {
                call_id: self.id.clone(),
                session_id: id.to_owned(),
            });
        }
    }
}
