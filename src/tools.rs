//! Layer 4: tools over the model — encoding, repair, the round-trip check, access
//! to the types by name, the JSON Schemas and the generators of payloads.
//!
//! They use the model; nothing in the model uses them.

pub mod by_name;
#[cfg(test)]
mod decoding;
pub(crate) mod encode;
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
pub mod generate;
pub(crate) mod repair;
pub mod roundtrip;
#[cfg(feature = "schema")]
pub mod schema;
