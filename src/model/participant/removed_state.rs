//! Why a participant left the roster.

use crate::declare::object;

object! {
    /// Why a participant was removed from the roster.
    RemovedState = "removedState" {
        /// The removal reason for the participant resource.
        reason: String = "reason",
    }
}
