//! Two records of one call, made one: the join of what each saw.
//!
//! Every part is merged by a rule that is commutative, associative and idempotent,
//! and that agrees with what one tracker fed the union of the notifications
//! reaches wherever the protocol orders them:
//!
//! - the state: the higher rank; between live states, the higher live clock, then
//!   the name (`established` before `hold`…): where only delivery order decides,
//!   a fixed rule decides;
//! - the call resource, member by member: the member of the higher
//!   [`Version`](super::call::Version), then the greater encoding;
//! - the roster: an entry survives when it is newer than every sequenced removal
//!   of its id (an unsequenced entry: when no record removed the id unsequenced);
//!   of the survivors, the highest sequence number, then the greater encoding;
//! - operations: the higher status rank, then its name, then the encoding;
//! - sessions: ended anywhere is ended; tones, delta numbers: the highest;
//! - the result: the one given (two different ones: the greater encoding); the
//!   resources passed through: the greater encoding.

use std::collections::BTreeMap;

use graph_comms::call::{Call, CallState};

use super::call::{LIVE, TrackedCall, Version, rank, status_rank};

/// The encoding of a value, to order two values the rules do not.
fn encoded<T: serde::Serialize>(value: &T) -> String {
    graph_comms::to_string(value)
}

/// The greater of two values by their encoding (either when equal).
fn greater<'a, T: serde::Serialize + PartialEq>(a: &'a T, b: &'a T) -> &'a T {
    if a == b || encoded(a) >= encoded(b) {
        a
    } else {
        b
    }
}

/// Where a state stands: its rank, the live clock for a live state, its name.
fn state_key(state: Option<&CallState>, clock: u64) -> (Option<u8>, u64, String) {
    let rank = state.map(rank);
    let clock = if rank == Some(LIVE) { clock } else { 0 };
    (
        rank,
        clock,
        state.map(|s| s.as_str().to_owned()).unwrap_or_default(),
    )
}

impl TrackedCall {
    /// Merges `other`, a record of the same call, into this one.
    pub(crate) fn merge(&mut self, other: &TrackedCall) {
        if state_key(other.state.as_ref(), other.state_clock)
            > state_key(self.state.as_ref(), self.state_clock)
        {
            self.state = other.state.clone();
        }
        self.state_clock = self.state_clock.max(other.state_clock);
        self.merge_call(other);
        self.merge_roster(other);
        self.delta_sequence = self.delta_sequence.max(other.delta_sequence);
        for (id, theirs) in &other.operations {
            match self.operations.get_mut(id) {
                None => {
                    self.operations.insert(id.clone(), theirs.clone());
                }
                Some(ours) => {
                    let key = |op: &super::TrackedOperation| {
                        (
                            status_rank(op.status.as_ref()),
                            op.status.as_ref().map(|s| s.as_str().to_owned()),
                        )
                    };
                    let take = match key(theirs).cmp(&key(ours)) {
                        std::cmp::Ordering::Greater => true,
                        std::cmp::Ordering::Less => false,
                        std::cmp::Ordering::Equal => {
                            ours != theirs && encoded(&theirs.operation) > encoded(&ours.operation)
                        }
                    };
                    if take {
                        *ours = theirs.clone();
                    }
                }
            }
        }
        self.ended_sessions
            .extend(other.ended_sessions.iter().cloned());
        for (id, session) in &other.sessions {
            let merged = match self.sessions.get(id) {
                Some(ours) => greater(ours, session).clone(),
                None => session.clone(),
            };
            self.sessions.insert(id.clone(), merged);
        }
        let ended = &self.ended_sessions;
        self.sessions.retain(|id, _| !ended.contains(id));
        self.last_tone = self.last_tone.max(other.last_tone);
        self.result_info = match (self.result_info.take(), &other.result_info) {
            (Some(ours), Some(theirs)) => Some(greater(&ours, theirs).clone()),
            (ours, theirs) => ours.or_else(|| theirs.clone()),
        };
        for (key, resource) in &other.others {
            let merged = match self.others.get(key) {
                Some(ours) => greater(ours, resource).clone(),
                None => resource.clone(),
            };
            self.others.insert(key.clone(), merged);
        }
    }

    /// The call resources, member by member: the higher version, then the greater
    /// encoding.
    fn merge_call(&mut self, other: &TrackedCall) {
        let theirs = match (&self.call, &other.call) {
            (_, None) => None,
            (None, Some(theirs)) => {
                self.call = Some(theirs.clone());
                None
            }
            (Some(_), Some(theirs)) => Some(theirs),
        };
        if let Some(theirs) = theirs {
            let ours = self.call.as_ref().map(graph_comms::to_value);
            let theirs_value = graph_comms::to_value(theirs);
            if let (Some(serde_json::Value::Object(mut ours)), serde_json::Value::Object(theirs)) =
                (ours, theirs_value)
                && ours != theirs
            {
                let version = |versions: &BTreeMap<String, Version>, member: &str| {
                    versions.get(member).copied().unwrap_or_default()
                };
                let mut changed = false;
                for (member, value) in theirs {
                    let take = match ours.get(&member) {
                        None => true,
                        Some(known) if *known == value => false,
                        Some(known) => {
                            let (mine, yours) = (
                                version(&self.call_versions, &member),
                                version(&other.call_versions, &member),
                            );
                            let encoding = |v: &serde_json::Value| v.to_string();
                            yours > mine || (yours == mine && encoding(&value) > encoding(known))
                        }
                    };
                    if take {
                        ours.insert(member, value);
                        changed = true;
                    }
                }
                if changed {
                    let bytes = serde_json::to_vec(&ours).unwrap_or_default();
                    if let Ok(decoded) =
                        graph_comms::DecodeOptions::lenient().decode::<Call>(&bytes)
                    {
                        self.call = Some(decoded.value);
                    }
                }
            }
        }
        for (member, version) in &other.call_versions {
            let slot = self.call_versions.entry(member.clone()).or_default();
            *slot = (*slot).max(*version);
        }
    }

    /// The roster: survivors of every removal, the newest of them by id.
    fn merge_roster(&mut self, other: &TrackedCall) {
        for (id, seq) in &other.removed {
            let slot = self.removed.entry(id.clone()).or_insert(*seq);
            *slot = (*slot).max(*seq);
        }
        self.removed_unsequenced
            .extend(other.removed_unsequenced.iter().cloned());
        let survives = |call: &TrackedCall, id: &str, seq: Option<i64>| match seq {
            Some(seq) => call.removed.get(id).is_none_or(|removed| seq > *removed),
            None => !call.removed_unsequenced.contains(id),
        };
        // Ours that no longer survive go.
        let gone: Vec<String> = self
            .participants
            .keys()
            .filter(|id| !survives(self, id, self.roster_sequence.get(*id).copied()))
            .cloned()
            .collect();
        for id in gone {
            self.participants.remove(&id);
            self.roster_sequence.remove(&id);
        }
        for (id, entry) in &other.participants {
            let seq = other.roster_sequence.get(id).copied();
            if !survives(self, id, seq) {
                continue;
            }
            let take = match self.participants.get(id) {
                None => true,
                Some(ours) => {
                    let mine = self.roster_sequence.get(id).copied();
                    seq > mine || (seq == mine && ours != entry && encoded(entry) > encoded(ours))
                }
            };
            if take {
                self.participants.insert(id.clone(), entry.clone());
                match seq {
                    Some(seq) => self.roster_sequence.insert(id.clone(), seq),
                    None => self.roster_sequence.remove(id),
                };
            }
        }
    }
}

/// Graph values in a record, read back as lenient decoding reads them: a member
/// kept raw (a mistyped value Graph sent) is kept raw again, not refused as the
/// types' own serde implementation refuses what would change in silence.
pub(crate) mod kept {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<T: Serialize, S: Serializer>(
        value: &T,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(s)
    }

    pub(crate) fn deserialize<'de, T: graph_comms::Decode, D: Deserializer<'de>>(
        d: D,
    ) -> Result<T, D::Error> {
        // The value's own text, decoded once by the codec.
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        graph_comms::DecodeOptions::lenient()
            .decode::<T>(raw.get().as_bytes())
            .map(|decoded| decoded.value)
            .map_err(D::Error::custom)
    }
}

/// The resources passed through, as a list of `{typeName, id, resource}` (JSON
/// object keys are strings, and these are keyed by two).
pub(super) mod others {
    use std::collections::BTreeMap;

    use graph_comms::notification::Resource;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Other {
        type_name: String,
        id: String,
        #[serde(with = "super::kept")]
        resource: Resource,
    }

    pub(crate) fn serialize<S: Serializer>(
        others: &BTreeMap<(String, String), Resource>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(others.iter().map(|((type_name, id), resource)| Other {
            type_name: type_name.clone(),
            id: id.clone(),
            resource: resource.clone(),
        }))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<(String, String), Resource>, D::Error> {
        let list = Vec::<Other>::deserialize(deserializer)?;
        Ok(list
            .into_iter()
            .map(|o| ((o.type_name, o.id), o.resource))
            .collect())
    }
}
