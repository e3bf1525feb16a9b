//! Audio routing groups of a call.

use crate::enums::open_enum;
use crate::macros::object;

object! {
    /// An audio routing group: which participants hear which.
    AudioRoutingGroup = "audioRoutingGroup" {
        /// The unique identifier for an entity. Read-only.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        id: String = "id",
        /// List of receiving participant ids.
        receivers: Vec<String> = "receivers",
        /// Routing group mode.  The possible values are: oneToOne, multicast.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        routing_mode: RoutingMode = "routingMode",
        /// List of source participant ids.
        sources: Vec<String> = "sources",
    }
}

open_enum! {
    /// How an audio routing group routes.
    RoutingMode = "routingMode" {
        /// `oneToOne`.
        OneToOne = "oneToOne",
        /// `multicast`.
        Multicast = "multicast",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}
