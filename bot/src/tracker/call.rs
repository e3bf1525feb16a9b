//! One tracked call: its state, merged resource, operations, sessions and result.

use std::collections::{BTreeMap, BTreeSet};

use super::event::{Event, Feed, Warning, WarningKind};
use graph_comms::call::{Call, CallState};
use graph_comms::content_sharing::ContentSharingSession;
use graph_comms::notification::{ChangeType, Resource};
use graph_comms::operation::{AnyCommsOperation, OperationStatus, ResultInfo};
use graph_comms::participant::Participant;

/// An operation of a call: its type, its status and its last resource.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TrackedOperation {
    /// Its type, as the resource names it (`playPromptOperation`…;
    /// `commsOperation` when the resource names none).
    pub type_name: String,
    /// Its status.
    pub status: Option<OperationStatus>,
    /// Its last resource taken.
    pub operation: AnyCommsOperation,
}

/// What the callbacks say of one call.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackedCall {
    id: String,
    pub(super) state: Option<CallState>,
    pub(super) call: Option<Call>,
    pub(super) participants: BTreeMap<String, Participant>,
    /// The sequence number of each participant's last entry taken.
    pub(super) roster_sequence: BTreeMap<String, i64>,
    /// The sequence number of each sequenced removal.
    pub(super) removed: BTreeMap<String, i64>,
    /// The highest delta roster sequence number seen.
    pub(super) delta_sequence: Option<i64>,
    operations: BTreeMap<String, TrackedOperation>,
    sessions: BTreeMap<String, ContentSharingSession>,
    ended_sessions: BTreeSet<String>,
    last_tone: Option<i64>,
    result_info: Option<ResultInfo>,
    /// The last of each resource passed through, by type and id: what a
    /// redelivery repeats.
    others: BTreeMap<(String, String), Resource>,
}

/// Where a state ranks: set-up states in their order, the live ones together,
/// then terminating and terminated.
fn rank(state: &CallState) -> u8 {
    match state {
        CallState::Incoming => 0,
        CallState::Establishing => 1,
        CallState::Ringing => 2,
        CallState::Terminating => 4,
        CallState::Terminated => 5,
        _ => 3,
    }
}

const LIVE: u8 = 3;

/// Where a status ranks; the final ones share the top.
fn status_rank(status: Option<&OperationStatus>) -> u8 {
    match status {
        Some(OperationStatus::NotStarted) => 0,
        Some(OperationStatus::Completed | OperationStatus::Failed) => 2,
        _ => 1,
    }
}

impl TrackedCall {
    pub(super) fn new(id: &str) -> Self {
        TrackedCall {
            id: id.to_owned(),
            state: None,
            call: None,
            participants: BTreeMap::new(),
            roster_sequence: BTreeMap::new(),
            removed: BTreeMap::new(),
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
                return;
            }
        }
        let previous_tone = self.call.as_ref().and_then(|c| c.tone_info.clone());
        let (mut merged, changed) = match self.call.take() {
            None => (resource.clone(), Vec::new()),
            Some(known) => {
                let mut merged = known.clone();
                merged.merge_from(resource);
                let changed: Vec<String> = known
                    .changed_members(&merged)
                    .into_iter()
                    // Said by their own events.
                    .filter(|m| !matches!(*m, "state" | "toneInfo" | "resultInfo"))
                    .map(str::to_owned)
                    .collect();
                (merged, changed)
            }
        };
        if deleted {
            merged.state = Some(CallState::Terminated);
        }
        if !changed.is_empty() {
            feed.events.push(Event::CallUpdated {
                call_id: self.id.clone(),
                changed,
                call: Box::new(merged.clone()),
            });
        }
        self.call = Some(merged);
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
