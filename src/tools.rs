//! Layer 4: tools over the model — encoding, repair, the round-trip check, access
//! to the types by name, the JSON Schemas, the generators of payloads, sans-IO HTTP
//! the lints of request bodies, the verification of callback tokens, and the
//! tracker of call state.
//!
//! They use the model; nothing in the model uses them.

#[cfg(feature = "auth")]
pub mod auth;
pub mod by_name;
pub(crate) mod encode;
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
pub mod generate;
#[cfg(feature = "http")]
pub mod http;
pub mod lint;
pub(crate) mod repair;
pub mod roundtrip;
#[cfg(feature = "schema")]
pub mod schema;
pub mod tracker;
