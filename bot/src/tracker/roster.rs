//! The roster of a tracked call: full and delta participant notifications.

use super::call::TrackedCall;
use super::event::{Event, Feed, WarningKind};
use graph_comms::participant::{DeltaParticipants, Participant};

impl TrackedCall {
    /// A participant of a roster notification; `sequence` is the delta's number,
    /// the fallback for a participant without its own.
    pub(super) fn apply_participant(
        &mut self,
        participant: &Participant,
        path_id: Option<&str>,
        deleted: bool,
        sequence: Option<i64>,
        feed: &mut Feed,
    ) {
        let Some(id) = participant.id.as_deref().or(path_id) else {
            self.warn(
                feed,
                WarningKind::NoResourceId,
                format!("call {}: a participant without an id, ignored", self.id()),
            );
            return;
        };
        let sequence = participant.roster_sequence_number.or(sequence);
        if let Some(seq) = sequence {
            let newest = self.roster_sequence.get(id).copied();
            let removal = self.removed.get(id).copied();
            let latest = newest.max(removal);
            let removing = deleted || participant.removed_state.is_some();
            // A removal beats an entry of the same number.
            let removal_wins =
                seq == latest.unwrap_or(i64::MIN) && removing && removal != Some(seq);
            if let Some(latest) = latest
                && seq <= latest
                && !removal_wins
            {
                // The same entry again is a redelivery; an older one is stale.
                if seq < latest || removal == Some(seq) && !removing {
                    self.warn(
                        feed,
                        WarningKind::StaleParticipant,
                        format!(
                            "call {}: participant {id} at sequence {seq}, older than {latest}, ignored",
                            self.id()
                        ),
                    );
                }
                return;
            }
        }
        if deleted || participant.removed_state.is_some() {
            self.remove_participant(id, sequence, feed);
            return;
        }
        match sequence {
            Some(seq) => {
                self.roster_sequence.insert(id.to_owned(), seq);
            }
            None => {
                self.removed_unsequenced.remove(id);
            }
        }
        let mut entry = participant.clone();
        if entry.id.is_none() {
            entry.id = Some(id.to_owned());
        }
        let event = match self.participants.get(id) {
            None => Some(Event::ParticipantJoined {
                call_id: self.id().to_owned(),
                participant: Box::new(entry.clone()),
            }),
            Some(known) => {
                let changed = changed_members(known, &entry);
                (!changed.is_empty()).then(|| Event::ParticipantUpdated {
                    call_id: self.id().to_owned(),
                    participant: Box::new(entry.clone()),
                    changed,
                })
            }
        };
        feed.events.extend(event);
        // The latest entry is kept even when only its sequence number is new.
        self.participants.insert(id.to_owned(), entry);
    }

    /// Removes a participant; a sequenced removal is remembered.
    pub(super) fn remove_participant(&mut self, id: &str, sequence: Option<i64>, feed: &mut Feed) {
        match sequence {
            Some(seq) => {
                self.removed.insert(id.to_owned(), seq);
                self.roster_sequence.remove(id);
            }
            None => {
                self.removed_unsequenced.insert(id.to_owned());
            }
        }
        if self.participants.remove(id).is_some() {
            feed.events.push(Event::ParticipantLeft {
                call_id: self.id().to_owned(),
                participant_id: id.to_owned(),
            });
        }
    }

    pub(super) fn apply_delta(
        &mut self,
        delta: &DeltaParticipants,
        deleted: bool,
        feed: &mut Feed,
    ) {
        if let Some(seq) = delta.sequence_number {
            if let Some(highest) = self.delta_sequence
                && seq > highest.saturating_add(1)
            {
                self.warn(
                    feed,
                    WarningKind::SequenceGap,
                    format!(
                        "call {}: delta roster {seq} follows {highest}; {} missing (GET the roster to be sure of it)",
                        self.id(),
                        if seq - highest == 2 {
                            format!("{} is", highest + 1)
                        } else {
                            format!("{} to {} are", highest + 1, seq - 1)
                        }
                    ),
                );
            }
            self.delta_sequence = Some(self.delta_sequence.map_or(seq, |h| h.max(seq)));
        }
        for participant in delta.participants.iter().flatten() {
            self.apply_participant(participant, None, deleted, delta.sequence_number, feed);
        }
    }
}

/// The wire names of the members that differ between two entries of a participant
/// (its `rosterSequenceNumber` aside, which every newer entry changes), sorted.
fn changed_members(known: &Participant, new: &Participant) -> Vec<String> {
    let mut changed: Vec<String> = known
        .changed_members(new)
        .into_iter()
        .filter(|name| *name != "rosterSequenceNumber")
        .map(str::to_owned)
        .collect();
    changed.sort();
    changed
}
