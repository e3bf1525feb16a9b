//! Typed, lossless, tolerant Microsoft Graph cloud-communications payloads.
//!
//! `graph-comms` models the JSON a calling bot exchanges with Microsoft Graph: the
//! [`call`](call::Call) it sends to `POST /communications/calls` (a peer-to-peer
//! call, a group call, joining a meeting, calling a phone number), the calls Graph
//! returns, and the [`commsNotifications`](notification::CommsNotifications) Graph
//! posts to the bot's callback URL (call state, rosters full and delta, content
//! sharing, operations). It does no I/O.
//!
//! # Decoding
//!
//! [`from_slice`] decodes leniently; [`DecodeOptions::strict`] gives standard JSON
//! and exact types. Both return the value with its [`Diagnostic`]s.
//!
//! ```
//! use graph_comms::notification::{CommsNotifications, Resource};
//!
//! let body = br##"{"value": [{"changeType": "updated",
//!   "resourceUrl": "/communications/calls/421f/participants",
//!   "resourceData": [{"@odata.type": "#microsoft.graph.participant", "isMuted": true, "id": "p1"}]}]}"##;
//! let decoded = graph_comms::from_slice::<CommsNotifications>(body)?;
//! for resource in decoded.value.resources() {
//!     if let Resource::Participant(p) = resource {
//!         assert_eq!(p.is_muted, Some(true));
//!     }
//! }
//! # Ok::<(), graph_comms::Error>(())
//! ```
//!
//! # The model
//!
//! - Modules follow the protocol's areas: [`call`], [`participant`], [`media`],
//!   [`meeting`], [`identity`], [`notification`], [`operation`],
//!   [`content_sharing`], [`audio_routing`].
//! - Every member of every object is an `Option`: absent and `null` are the same,
//!   and encoding leaves `None` out. Members a type does not declare are kept in its
//!   `extra` map and encoded back. Whether an object carried `@odata.type` is kept in
//!   its `odata_type` field ([`Annotation`]).
//! - Every polymorphic point is an enum chosen by `@odata.type`, with an `Unknown`
//!   variant that keeps an unrecognised object whole ([`UnknownObject`]). An abstract
//!   declared type (`mediaConfig`, `meetingInfo`, `callOptions`, `prompt`) is an enum
//!   of that name; a concrete one with derived types is `Any<Name>`
//!   ([`AnyIdentity`](identity::AnyIdentity), [`AnyIdentitySet`](identity::AnyIdentitySet),
//!   [`AnyCommsOperation`](operation::AnyCommsOperation)).
//! - Every enum is open ([`enums`]).
//!
//! # Tolerance and round trip
//!
//! Lenient decoding accepts trailing commas, comments and a byte-order mark, reads
//! `@odata.type` values and enum members under other spellings, keeps values of the
//! wrong type raw in `extra`, and reports each as a [`Diagnostic`]. Decoding then
//! encoding gives back the input, apart from member order, `null` members, and the
//! changes a diagnostic reported (spellings made canonical, duplicate members
//! dropped).
#![forbid(unsafe_code)]

mod decode;
mod diagnostic;
mod encode;
mod error;
mod macros;
mod repair;
mod unknown;

#[cfg(feature = "proptest")]
pub mod arbitrary;
pub mod audio_routing;
pub mod call;
pub mod content_sharing;
pub mod enums;
pub mod identity;
pub mod media;
pub mod meeting;
pub mod notification;
pub mod odata;
pub mod operation;
pub mod participant;
pub mod registry;
pub mod roundtrip;
#[cfg(feature = "schema")]
pub mod schema;

pub use decode::{Decode, DecodeOptions, Decoded, Mode, from_slice, from_str};
pub use diagnostic::{Diagnostic, DiagnosticKind};
pub use encode::{to_string, to_string_pretty, to_value, to_vec, to_vec_pretty};
pub use error::{Error, ErrorKind, Position};
pub use odata::Annotation;
pub use repair::{Repaired, repair};
pub use unknown::UnknownObject;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
