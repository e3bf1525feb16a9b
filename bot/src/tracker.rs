//! Call, roster and operation state from callbacks, in any delivery order: a
//! state machine with no I/O and no clock of its own.
//!
//! Feed it each callback body (or notification) in the order it arrived; it keeps,
//! per call, the state, the last known `call` resource merged member by member, the
//! roster, the operations, the content-sharing sessions and the result of a
//! terminated call, and returns each feed's [`Event`]s and [`Warning`]s.
//!
//! ```
//! use graph_comms::notification::CommsNotifications;
//! use graph_comms_bot::tracker::{Event, Tracker};
//!
//! let established = br##"{"value": [{"changeType": "updated",
//!   "resourceUrl": "/communications/calls/421f",
//!   "resourceData": {"@odata.type": "#microsoft.graph.call", "state": "established"}}]}"##;
//! let establishing = br##"{"value": [{"changeType": "updated",
//!   "resourceUrl": "/communications/calls/421f",
//!   "resourceData": {"@odata.type": "#microsoft.graph.call", "state": "establishing"}}]}"##;
//!
//! let mut tracker = Tracker::new();
//! for body in [&established[..], establishing] {
//!     let callback = graph_comms::from_slice::<CommsNotifications>(body)?.value;
//!     let feed = tracker.feed_body(&callback);
//!     for warning in &feed.warnings {
//!         println!("{warning}"); // stale_state: the late `establishing`
//!     }
//! }
//! let call = tracker.call("421f").unwrap();
//! assert_eq!(call.state().map(|s| s.as_str()), Some("established"));
//! # Ok::<(), graph_comms::Error>(())
//! ```
//!
//! # Rules
//!
//! - The call id comes from the resource path (`resourceUrl`, else the legacy
//!   `resource`, `/app/calls/…`), else from a call resource's `id`; participant,
//!   operation and session ids from the resources, else from the path.
//! - Call states rank: set-up (`incoming`, `establishing`, `ringing`, in that
//!   order), live (`established`, `hold`, `transferring`, `transferAccepted`,
//!   `redirecting`, and states this crate does not know), `terminating`,
//!   `terminated`. A set-up state below the call's rank is stale: ignored, warned.
//!   After `terminating` only `terminated` is taken. Nothing moves a call out of
//!   `terminated`; a call resource with change type `deleted` is terminated. Live
//!   states follow each other in delivery order, so returns are kept: back to
//!   `established` from `hold`, or after a failed transfer.
//! - A call resource that is taken is merged into the last one member by member:
//!   the members it carries replace the known ones, the others stay; the
//!   `toneInfo` of a stale tone does not replace a newer one.
//! - Participants: `created` and `updated` upsert each listed participant,
//!   `deleted` removes them. A participant that carries a `rosterSequenceNumber`
//!   (or is in a `deltaParticipants` with a `sequenceNumber`) is applied only when
//!   newer than its last entry; one with `removedState` is removed, and its removal
//!   is remembered with its sequence number, so an older entry arriving later
//!   cannot bring it back (nor one of the same number: a removal wins). A delta whose sequence number skips ahead of the
//!   highest seen is a `sequence_gap` warning: the caller may want to `GET` the
//!   roster.
//! - Operations: statuses rank `notStarted`, `running`, then `completed` or
//!   `failed`, which are final. A lower status after a higher one is stale, as is
//!   a second, different final status.
//! - Content-sharing sessions are present after `created`/`updated` and gone after
//!   `deleted`; a session reported again after it ended is stale.
//! - Tones are events once each: a tone whose `sequenceId` is not above the last
//!   one's is not repeated.
//! - Once the call terminated, what a late notification says of its roster,
//!   operations or sessions is recorded without events, with an
//!   `after_termination` warning.
//! - Redelivering a notification changes nothing and repeats no event. Resources of
//!   other types (audio routing groups, types this crate does not know) pass
//!   through as [`Event::Other`] (once, while they do not change, when they have
//!   an id); unknown members stay in the resources. Nothing fails a feed.
//!
//! Where the protocol gives the order (set-up and final states, sequence numbers,
//! final operation statuses, ended sessions), any delivery order of the same
//! notifications gives the same state; the property tests hold the tracker to it.
//! Two records of a call merge ([`Tracker::merge`]) into the record of the union
//! of their notifications, by the same rules; where only delivery order decides,
//! the merge applies the fixed rules `docs/state.md` gives.
//!
//! # Memory
//!
//! A call is kept until the caller [`evict`](Tracker::evict)s it;
//! [`TrackedCall::is_done`] says when it terminated. Each participant costs its
//! resource plus its sequence number; each removal a tombstone of its id and
//! number. The README gives the measured figures.

mod call;
mod event;
mod merge;
mod roster;
mod summary;

use std::collections::BTreeMap;

pub use call::{TrackedCall, TrackedOperation};
pub use event::{Event, Feed, Warning, WarningKind};
pub use summary::display_name;

use graph_comms::notification::Under;
use graph_comms::notification::{ChangeType, CommsNotification, CommsNotifications, Resource};
use graph_comms::{Decoded, DiagnosticKind};

/// The state of every call the callbacks have spoken of.
#[derive(Clone, Debug, Default)]
pub struct Tracker {
    calls: BTreeMap<String, TrackedCall>,
}

impl Tracker {
    /// A tracker that knows no call.
    pub fn new() -> Self {
        Tracker::default()
    }

    /// Feeds a decoded callback body, unless its decoding says it was cut short
    /// (an `unclosed` diagnostic: a truncated delivery, whose full roster would
    /// remove real participants): then nothing is applied, and the feed says so with
    /// a `truncated` warning.
    pub fn feed_decoded(&mut self, decoded: &Decoded<CommsNotifications>) -> Feed {
        if let Some(cut) = decoded
            .diagnostics
            .iter()
            .find(|d| d.kind == DiagnosticKind::Unclosed)
        {
            let mut feed = Feed::default();
            feed.warnings.push(Warning::new(
                WarningKind::Truncated,
                None,
                format!("a truncated callback body, not applied: {cut}"),
            ));
            return feed;
        }
        self.feed_body(&decoded.value)
    }

    /// Feeds every notification of a callback body, in order.
    pub fn feed_body(&mut self, body: &CommsNotifications) -> Feed {
        let mut feed = Feed::default();
        for notification in body.value.iter().flatten() {
            feed.extend(self.feed(notification));
        }
        feed
    }

    /// Feeds one notification.
    pub fn feed(&mut self, notification: &CommsNotification) -> Feed {
        let mut feed = Feed::default();
        let Some(call_id) = notification.call_id() else {
            feed.warnings.push(Warning::new(
                WarningKind::NoCallId,
                None,
                format!(
                    "a notification whose path ({}) and resources name no call",
                    notification.path().unwrap_or("none")
                ),
            ));
            return feed;
        };
        let call = self
            .calls
            .entry(call_id.to_owned())
            .or_insert_with(|| TrackedCall::new(call_id));
        let change = notification.change_type.as_ref();
        let deleted = change == Some(&ChangeType::Deleted);
        let under = notification.resource_path().map(|p| p.under);
        let resources = notification.resources();
        let late = call.is_done() && !matches!(under, Some(Under::Call) | None);
        if late {
            // The call is over: what a late notification says of its roster,
            // operations or sessions goes into the record, so that every delivery
            // order ends in the same state, but raises no event (a bot would act on
            // a participant of a call that no longer exists).
            call.warn(
                &mut feed,
                WarningKind::AfterTermination,
                format!(
                    "call {}: a {} notification about {} after the call terminated, recorded without events",
                    call.id(),
                    change.map_or("", |c| c.as_str()),
                    notification.path().unwrap_or("its resources")
                ),
            );
        }
        let mut quiet = Feed::default();
        let feed_to = if late { &mut quiet } else { &mut feed };
        if resources.is_empty() && deleted {
            // A deletion without resource data names what it deletes by its path.
            match under {
                Some(Under::Call) => call.terminate(None, feed_to),
                Some(Under::Participants(Some(id))) => call.remove_participant(id, None, feed_to),
                Some(Under::ContentSharingSessions(Some(id))) => call.end_session(id, feed_to),
                _ => {}
            }
        }
        for resource in resources {
            match resource {
                Resource::Call(c) => call.apply_call(c, deleted, feed_to),
                Resource::Participant(p) => {
                    let path_id = match under {
                        Some(Under::Participants(id)) => id,
                        _ => None,
                    };
                    call.apply_participant(p, path_id, deleted, None, feed_to);
                }
                Resource::DeltaParticipants(delta) => call.apply_delta(delta, deleted, feed_to),
                Resource::ContentSharingSession(session) => {
                    let path_id = match under {
                        Some(Under::ContentSharingSessions(id)) => id,
                        _ => None,
                    };
                    call.apply_session(session, path_id, deleted, feed_to);
                }
                Resource::Operation(op) => {
                    let path_id = match under {
                        Some(Under::Operations(id)) => id,
                        _ => None,
                    };
                    call.apply_operation(op, path_id, feed_to);
                }
                other => call.pass_through(other, change, feed_to),
            }
        }
        feed
    }

    /// The call of this id, if the callbacks have spoken of it.
    pub fn call(&self, call_id: &str) -> Option<&TrackedCall> {
        self.calls.get(call_id)
    }

    /// Every tracked call, by id.
    pub fn calls(&self) -> impl Iterator<Item = &TrackedCall> {
        self.calls.values()
    }

    /// Forgets a call (a terminated one, typically: see
    /// [`TrackedCall::is_done`]) and gives it back. Notifications about it that
    /// arrive later start a new record.
    pub fn evict(&mut self, call_id: &str) -> Option<TrackedCall> {
        self.calls.remove(call_id)
    }

    /// Merges another record of a call (another replica's, or one restored from a
    /// store) into this tracker's record of that call, or takes it when this
    /// tracker has none: the state one tracker reaches from the union of the
    /// notifications both records saw, wherever the protocol orders them. The
    /// merge is commutative, associative and idempotent; its rules are on
    /// [`TrackedCall`] and in `docs/state.md`.
    pub fn merge(&mut self, other: &TrackedCall) {
        match self.calls.get_mut(other.id()) {
            Some(ours) => ours.merge(other),
            None => {
                self.calls.insert(other.id().to_owned(), other.clone());
            }
        }
    }

    /// How many calls are tracked.
    pub fn len(&self) -> usize {
        self.calls.len()
    }

    /// Whether no call is tracked.
    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }
}
