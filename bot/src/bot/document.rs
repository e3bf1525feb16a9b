//! A call's state as a document: everything a [`Bot`](super::Bot) keeps for one
//! call, to store, restore on another instance, and merge with another replica's.
//!
//! `docs/state.md` describes the JSON form and the merge rules.

use std::collections::BTreeMap;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use graph_comms::call::CallState;
use serde::{Deserialize, Serialize};

use super::{Held, Outstanding, Timers};
use crate::tracker::TrackedCall;

/// The version of the documents this crate writes and reads.
pub const DOCUMENT_VERSION: u32 = 1;

/// How many dedupe keys a document keeps: the most recent.
pub const DEDUPE_KEYS_PER_CALL: usize = 256;

/// Everything a [`Bot`](super::Bot) keeps for one call: the tracker's record
/// (state, call resource, roster and tombstones, operations, sessions, tones),
/// the bot's timers and their due times, the requests not yet settled and the
/// settled ones' ids, and the keys of the recent callbacks about it.
///
/// [`Bot::export_call`](super::Bot::export_call) writes one,
/// [`Bot::restore_call`](super::Bot::restore_call) and
/// [`Bot::merge_call`](super::Bot::merge_call) read one back, and
/// [`merge`](Self::merge) joins two replicas' documents of a call: the result is
/// the state one bot reaches from the union of the notifications each saw.
///
/// Not in a document: the events not yet polled, the requests the timers queued
/// and not yet polled (poll them before exporting), a call being created whose
/// id no response has given yet, and the bot-wide key and forget lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CallDocument {
    version: u32,
    call_id: String,
    tracker: Option<TrackedCall>,
    bot: Held,
    requests: BTreeMap<String, Outstanding>,
}

/// Why a document was not read, or not merged.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocumentError {
    /// The document is of another version than [`DOCUMENT_VERSION`] (or has
    /// none): nothing of it is restored.
    Version {
        /// The version it declares, if any.
        found: Option<u64>,
    },
    /// The document is not a call document of this version: the JSON error, with
    /// its line and column.
    Invalid {
        /// What is wrong.
        message: String,
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
    },
    /// The two documents are of different calls.
    OtherCall {
        /// This document's call.
        ours: String,
        /// The other's.
        theirs: String,
    },
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocumentError::Version { found: Some(v) } => write!(
                f,
                "a call document of version {v}; this crate reads version {DOCUMENT_VERSION} only, and restores nothing of another"
            ),
            DocumentError::Version { found: None } => write!(
                f,
                "not a call document: no numeric `version` member (this crate reads version {DOCUMENT_VERSION})"
            ),
            DocumentError::Invalid {
                message,
                line,
                column,
            } => write!(
                f,
                "an invalid call document at line {line}, column {column}: {message}"
            ),
            DocumentError::OtherCall { ours, theirs } => write!(
                f,
                "documents of two calls ({ours} and {theirs}) do not merge"
            ),
        }
    }
}

impl std::error::Error for DocumentError {}

impl CallDocument {
    pub(super) fn new(
        call_id: String,
        tracker: Option<TrackedCall>,
        bot: Held,
        requests: BTreeMap<String, Outstanding>,
    ) -> Self {
        CallDocument {
            version: DOCUMENT_VERSION,
            call_id,
            tracker,
            bot,
            requests,
        }
    }

    pub(super) fn into_parts(
        self,
    ) -> (
        String,
        Option<TrackedCall>,
        Held,
        BTreeMap<String, Outstanding>,
    ) {
        (self.call_id, self.tracker, self.bot, self.requests)
    }

    /// The call's id.
    pub fn call_id(&self) -> &str {
        &self.call_id
    }

    /// What the callbacks said of the call, when any spoke of it.
    pub fn tracked(&self) -> Option<&TrackedCall> {
        self.tracker.as_ref()
    }

    /// Whether the call ended (terminated, or hung up by the bot).
    pub fn has_ended(&self) -> bool {
        self.bot.ended_at.is_some()
    }

    /// When the call's next timer is due, with these timers: its answer deadline
    /// (and the margin before it), keep-alive, the retry or timeout of a request,
    /// or the time to forget it. A fleet gives a due call to one worker at a time
    /// (a lease), which restores it, runs
    /// [`Bot::handle_timeout`](super::Bot::handle_timeout) and writes it back.
    pub fn next_due(&self, timers: &Timers) -> Option<SystemTime> {
        self.bot
            .due(timers)
            .chain(self.requests.values().flat_map(Outstanding::due))
            .min()
    }

    /// The JSON form: one object, its members in a fixed order.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Reads a document from its JSON form. The version is checked first: a
    /// document of another version is refused whole.
    ///
    /// # Errors
    ///
    /// [`DocumentError::Version`] or [`DocumentError::Invalid`].
    pub fn from_json(bytes: &[u8]) -> Result<Self, DocumentError> {
        #[derive(Deserialize)]
        struct Probe {
            version: Option<serde_json::Value>,
        }
        let probe: Probe = serde_json::from_slice(bytes).map_err(invalid)?;
        let found = probe.version.as_ref().and_then(serde_json::Value::as_u64);
        if found != Some(u64::from(DOCUMENT_VERSION)) {
            return Err(DocumentError::Version { found });
        }
        serde_json::from_slice(bytes).map_err(invalid)
    }

    /// Merges `other`, another replica's document of the same call, into this
    /// one. Commutative, associative and idempotent; the rules are in
    /// `docs/state.md`. Pending requests are kept unless either side settled them,
    /// and each timer keeps the furthest progress of either side, so the merge
    /// itself neither loses a request nor sends one twice.
    ///
    /// # Errors
    ///
    /// [`DocumentError::OtherCall`] when the documents are of different calls.
    pub fn merge(&mut self, other: &CallDocument) -> Result<(), DocumentError> {
        if self.call_id != other.call_id {
            return Err(DocumentError::OtherCall {
                ours: self.call_id.clone(),
                theirs: other.call_id.clone(),
            });
        }
        match (&mut self.tracker, &other.tracker) {
            (Some(ours), Some(theirs)) => ours.merge(theirs),
            (None, Some(theirs)) => self.tracker = Some(theirs.clone()),
            _ => {}
        }
        self.bot.merge(&other.bot);
        for (id, theirs) in &other.requests {
            match self.requests.get_mut(id) {
                Some(ours) => ours.merge(theirs),
                None => {
                    self.requests.insert(id.clone(), theirs.clone());
                }
            }
        }
        let settled = &self.bot.settled;
        self.requests.retain(|id, _| !settled.contains(id));
        // What the merged state says is over stays over.
        let state = self.tracker.as_ref().and_then(|t| t.state().cloned());
        let setting_up = matches!(state, None | Some(CallState::Incoming | CallState::Ringing));
        if self.bot.decided || self.bot.ended_at.is_some() || !setting_up {
            self.bot.answer_by = None;
        }
        if self.bot.ended_at.is_some() {
            self.bot.keep_alive_at = None;
        }
        Ok(())
    }
}

fn invalid(e: serde_json::Error) -> DocumentError {
    DocumentError::Invalid {
        message: e.to_string(),
        line: e.line(),
        column: e.column(),
    }
}

fn earliest(a: Option<SystemTime>, b: Option<SystemTime>) -> Option<SystemTime> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl Held {
    /// Joins another replica's view of the call's timers.
    fn merge(&mut self, other: &Held) {
        self.answer_by = earliest(self.answer_by, other.answer_by);
        self.near_told |= other.near_told;
        self.passed_told |= other.passed_told;
        self.decided |= other.decided;
        // The furthest keep-alive: more sent, then the earlier due.
        let progress = |h: &Held| {
            (
                h.keep_alive_at.is_some(),
                h.keep_alives,
                std::cmp::Reverse(h.keep_alive_at),
            )
        };
        if progress(other) > progress(self) {
            self.keep_alive_at = other.keep_alive_at;
            self.keep_alives = other.keep_alives;
        }
        self.ended_at = earliest(self.ended_at, other.ended_at);
        self.finished.extend(other.finished.iter().cloned());
        self.settled.extend(other.settled.iter().cloned());
        for (key, at) in &other.seen {
            let slot = self.seen.entry(key.clone()).or_insert(*at);
            *slot = (*slot).max(*at);
        }
        bound_seen(&mut self.seen);
    }
}

/// Keeps the [`DEDUPE_KEYS_PER_CALL`] most recent keys (the later time, then the
/// greater key): the same set whatever the order of merges.
pub(super) fn bound_seen(seen: &mut BTreeMap<String, u64>) {
    // One key over, as a callback adds: one scan, no allocation but the key's.
    while seen.len() > DEDUPE_KEYS_PER_CALL {
        let oldest = seen
            .iter()
            .min_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0)))
            .map(|(key, _)| key.clone());
        match oldest {
            Some(key) => {
                seen.remove(&key);
            }
            None => return,
        }
    }
}

impl Outstanding {
    /// Joins another replica's view of the same request: the furthest attempt.
    fn merge(&mut self, other: &Outstanding) {
        use std::cmp::Ordering;
        match other.attempts.cmp(&self.attempts) {
            Ordering::Greater => {
                self.attempts = other.attempts;
                self.retry_at = other.retry_at;
                self.deadline = other.deadline;
            }
            Ordering::Equal => {
                self.retry_at = earliest(self.retry_at, other.retry_at);
                self.deadline = self.deadline.max(other.deadline);
            }
            Ordering::Less => {}
        }
        self.responded |= other.responded;
        self.operation_id = match (self.operation_id.take(), &other.operation_id) {
            (Some(a), Some(b)) => Some(a.max(b.clone())),
            (a, b) => a.or_else(|| b.clone()),
        };
    }

    /// Its timers: the retry, the deadline.
    pub(super) fn due(&self) -> impl Iterator<Item = SystemTime> {
        [self.retry_at, Some(self.deadline)].into_iter().flatten()
    }
}

/// Times in documents: milliseconds since the Unix epoch.
pub(super) mod millis {
    use super::{Duration, SystemTime, UNIX_EPOCH};
    use serde::{Deserialize, Deserializer, Serializer};

    pub(in crate::bot) fn to_millis(at: SystemTime) -> u64 {
        at.duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    pub(in crate::bot) fn from_millis(ms: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(ms)
    }

    pub(in crate::bot) fn serialize<S: Serializer>(
        at: &SystemTime,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_u64(to_millis(*at))
    }

    pub(in crate::bot) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<SystemTime, D::Error> {
        u64::deserialize(d).map(from_millis)
    }

    /// An optional time.
    pub(in crate::bot) mod option {
        use super::{SystemTime, from_millis, to_millis};
        use serde::{Deserialize, Deserializer, Serializer};

        pub(in crate::bot) fn serialize<S: Serializer>(
            at: &Option<SystemTime>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match at {
                Some(at) => s.serialize_some(&to_millis(*at)),
                None => s.serialize_none(),
            }
        }

        pub(in crate::bot) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<SystemTime>, D::Error> {
            Ok(Option::<u64>::deserialize(d)?.map(from_millis))
        }
    }
}

/// The parts of a request in documents: method, URI, headers and body as text,
/// what was sent as its name.
pub(super) mod wire {
    use graph_comms::action::Action;
    use http::{HeaderMap, Method, Uri};
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::bot::Outgoing;

    pub(in crate::bot) mod method {
        use super::*;
        pub(in crate::bot) fn serialize<S: Serializer>(
            m: &Method,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            s.serialize_str(m.as_str())
        }
        pub(in crate::bot) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Method, D::Error> {
            let text = String::deserialize(d)?;
            Method::from_bytes(text.as_bytes()).map_err(D::Error::custom)
        }
    }

    pub(in crate::bot) mod uri {
        use super::*;
        pub(in crate::bot) fn serialize<S: Serializer>(u: &Uri, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(u)
        }
        pub(in crate::bot) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Uri, D::Error> {
            String::deserialize(d)?.parse().map_err(D::Error::custom)
        }
    }

    pub(in crate::bot) mod headers {
        use super::*;
        use http::header::{HeaderName, HeaderValue};
        pub(in crate::bot) fn serialize<S: Serializer>(
            h: &HeaderMap,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            s.collect_seq(
                h.iter().map(|(name, value)| {
                    (name.as_str(), String::from_utf8_lossy(value.as_bytes()))
                }),
            )
        }
        pub(in crate::bot) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<HeaderMap, D::Error> {
            let pairs = Vec::<(String, String)>::deserialize(d)?;
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                let name = HeaderName::from_bytes(name.as_bytes()).map_err(D::Error::custom)?;
                let value = HeaderValue::from_str(&value).map_err(D::Error::custom)?;
                map.append(name, value);
            }
            Ok(map)
        }
    }

    pub(in crate::bot) mod body {
        use super::*;
        pub(in crate::bot) fn serialize<S: Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&String::from_utf8_lossy(b))
        }
        pub(in crate::bot) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Vec<u8>, D::Error> {
            Ok(String::deserialize(d)?.into_bytes())
        }
    }

    pub(in crate::bot) mod outgoing {
        use super::*;
        pub(in crate::bot) fn serialize<S: Serializer>(
            o: &Outgoing,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            s.serialize_str(match o {
                Outgoing::CreateCall => "createCall",
                Outgoing::HangUp => "hangUp",
                Outgoing::Action(action) => action.as_str(),
            })
        }
        pub(in crate::bot) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Outgoing, D::Error> {
            let name = String::deserialize(d)?;
            Ok(match name.as_str() {
                "createCall" => Outgoing::CreateCall,
                "hangUp" => Outgoing::HangUp,
                other => Outgoing::Action(other.parse::<Action>().map_err(D::Error::custom)?),
            })
        }
    }
}
