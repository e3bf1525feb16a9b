//! How a call was routed: routes and the context of an incoming call.

use crate::enums::open_enum;
use crate::identity::AnyIdentitySet;
use crate::macros::object;

object! {
    /// One step of how a call was retargeted.
    CallRoute = "callRoute" {
        /// The identity that was resolved to in the call.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        r#final: AnyIdentitySet = "final",
        /// The identity that was originally used in the call.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        original: AnyIdentitySet = "original",
        /// The possible values are: forwarded, lookup, selfFork.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        routing_type: RoutingType = "routingType",
    }
}

open_enum! {
    /// How a call was routed.
    RoutingType = "routingType" {
        /// `forwarded`.
        Forwarded = "forwarded",
        /// `lookup`.
        Lookup = "lookup",
        /// `selfFork`.
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
