//! Delta rosters: the participants changed since the last roster notification.

use crate::declare::object;
use crate::participant::Participant;

object! {
    /// A delta roster: the participants that changed since the last roster update,
    /// sent when `isDeltaRosterEnabled` is set in the call options.
    DeltaParticipants = "deltaParticipants" {
        /// The unique identifier for an entity. Read-only.
        id: String = "id" (not_null),
        /// The sequence number for the roster update that is used to identify the notification order.
        sequence_number: i64 = "sequenceNumber",
        /// The collection of participants that were updated since the last roster update.
        participants: Vec<Participant> = "participants",
    }
}
