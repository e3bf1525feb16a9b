//! How a call was routed: routes and the context of an incoming call.

use crate::declare::object;
use crate::declare::open_enum;
use crate::identity::AnyIdentitySet;

object! {
    /// One step of how a call was retargeted.
    CallRoute = "callRoute" {
        /// The identity that was resolved to in the call.
        r#final: AnyIdentitySet = "final" (not_null),
        /// The identity that was originally used in the call.
        original: AnyIdentitySet = "original" (not_null),
        /// The possible values are: forwarded, lookup, selfFork.
        routing_type: RoutingType = "routingType" (not_null),
    }
}

open_enum! {
    /// How a call was routed.
    RoutingType = "routingType" {
        Forwarded = "forwarded",
        Lookup = "lookup",
        SelfFork = "selfFork",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}

object! {
    /// Context of an incoming call: who it is for and on whose behalf.
    IncomingContext = "incomingContext" {
        /// The ID of the participant that is under observation. Read-only.
        observed_participant_id: String = "observedParticipantId",
        /// The identity that the call is happening on behalf of.
        on_behalf_of: AnyIdentitySet = "onBehalfOf",
        /// The ID of the participant that triggered the incoming call. Read-only.
        source_participant_id: String = "sourceParticipantId",
        /// The identity that transferred the call.
        transferor: AnyIdentitySet = "transferor",
    }
}
