//! Audio routing groups of a call.

use crate::declare::object;
use crate::declare::open_enum;

object! {
    /// An audio routing group: which participants hear which.
    AudioRoutingGroup = "audioRoutingGroup" {
        /// The unique identifier for an entity. Read-only.
        id: String = "id" (not_null),
        /// List of receiving participant ids.
        receivers: Vec<String> = "receivers",
        /// Routing group mode.  The possible values are: oneToOne, multicast.
        routing_mode: RoutingMode = "routingMode" (not_null),
        /// List of source participant ids.
        sources: Vec<String> = "sources",
    }
}

open_enum! {
    /// How an audio routing group routes.
    RoutingMode = "routingMode" {
        OneToOne = "oneToOne",
        Multicast = "multicast",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}
