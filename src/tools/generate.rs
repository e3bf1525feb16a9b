//! Generators of realistic payloads, for property tests and for feeding fuzzers:
//! proptest strategies with the `proptest` feature, `arbitrary::Arbitrary` with the
//! `arbitrary` feature, both from the same declarations and the same [`Profile`].
//!
//! Generated values are valid (they encode to JSON that strict decoding reads back
//! to an equal value) and look like Graph's traffic: a callback body carries one to
//! three notifications, each with its change type and a resource path that agrees
//! with its resources (a call's id is the one in the path, and its `@odata.id`; a
//! full roster lists 1 to 50 participants; an operation's status, completion reason
//! and result agree); identities are users, applications or application instances
//! with GUIDs, phones in E.164. Real traffic's imperfections are kept as a minority,
//! at the rates [`Profile`] documents: members no type declares, objects of unknown
//! `@odata.type`, enum values of later versions, the single-object `resourceData`
//! shape, and (in the text [`to_wire`] writes) PascalCase enum values.
//!
//! With `proptest`, every type implements `proptest::arbitrary::Arbitrary` with a
//! [`Profile`] as its parameters: `any::<CommsNotifications>()` is realistic traffic,
//! `any_with::<CommsNotifications>(Profile::Hostile)` hostile traffic.
//! `create_call` generates `POST /communications/calls` requests for each scenario
//! of the "Create call" page.
//!
#![cfg_attr(feature = "proptest", doc = "```")]
#![cfg_attr(not(feature = "proptest"), doc = "```ignore")]
//! use graph_comms::notification::CommsNotifications;
//! use proptest::prelude::*;
//! use proptest::test_runner::TestRunner;
//!
//! // Twenty realistic callback bodies, to feed a parser under test.
//! let mut runner = TestRunner::deterministic();
//! for _ in 0..20 {
//!     let body = any::<CommsNotifications>().new_tree(&mut runner).unwrap().current();
//!     let json = graph_comms::to_vec(&body);
//!     let back = graph_comms::from_slice::<CommsNotifications>(&json).unwrap();
//!     assert_eq!(back.value, body);
//! }
//! ```
//!
//! With `arbitrary`, every type implements `arbitrary::Arbitrary` (realistic
//! traffic), usable directly as a cargo-fuzz target's input; `Clean` and
//! `Hostile` wrap a type to build it with those profiles instead, and `Wire`
//! builds a value with its wire text.

use serde::Serialize;

use crate::declare::traffic::Dice;
pub use crate::declare::traffic::Profile;
use crate::{Decode, DecodeOptions, Diagnostic, DiagnosticKind};

/// The JSON Graph would send for `value`: its canonical encoding, with enum values
/// spelled in PascalCase at the rate of `profile` (as the .NET SDK re-serialises
/// them: `Established`), chosen by `seed`. Lists of flags (`audio,video`) keep
/// their spelling: one of their items may be text of a later version, which must
/// stay as it is. Strict decoding reads the text back to a value equal to `value`,
/// reporting each respelled value as a `spelling` diagnostic.
pub fn to_wire<T: Decode + Serialize>(value: &T, profile: Profile, seed: u64) -> Vec<u8> {
    respell(crate::to_vec(value), profile, seed, &|text| {
        diagnostics(
            DecodeOptions::lenient()
                .with_report_case(true)
                .decode::<T>(text)
                .map(|d| d.diagnostics),
        )
    })
}

/// [`to_wire`] for a value of the type `entry` lists.
pub fn to_wire_as(
    entry: &crate::by_name::TypeEntry,
    value: &dyn crate::by_name::GraphValue,
    profile: Profile,
    seed: u64,
) -> Vec<u8> {
    respell(value.to_vec(), profile, seed, &|text| {
        diagnostics(
            entry
                .decode(&DecodeOptions::lenient().with_report_case(true), text)
                .map(|d| d.diagnostics),
        )
    })
}

fn diagnostics(result: Result<Vec<Diagnostic>, crate::Error>) -> Vec<Diagnostic> {
    result.unwrap_or_default()
}

/// Respells enum values in the canonical text `json`, in place (the rest stays
/// byte for byte): the decoder itself says which strings are enum values, as the
/// strings it reads as a known member under another spelling once each string
/// value's first letter is upper-cased.
fn respell(
    mut json: Vec<u8>,
    profile: Profile,
    seed: u64,
    read: &dyn Fn(&[u8]) -> Vec<Diagnostic>,
) -> Vec<u8> {
    let Some(n) = profile.one_in() else {
        return json;
    };
    let mut probe = json.clone();
    for at in string_values(&json) {
        if let Some(first) = probe.get_mut(at + 1) {
            first.make_ascii_uppercase();
        }
    }
    let mut dice = SplitMix(seed, profile);
    for d in read(&probe) {
        if d.kind != DiagnosticKind::Case {
            continue;
        }
        if let Some(at) = d.position.map(|p| p.offset)
            && json.get(at) == Some(&b'"')
            && dice.one_in(usize::from(n))
            && let Some(first) = json.get_mut(at + 1)
        {
            first.make_ascii_uppercase();
        }
    }
    json
}

/// The offsets of the opening quotes of the string values (not member names) of the
/// compact JSON text `json` that begin with a lower-case ASCII letter and hold no
/// comma (lists of flags keep their spelling).
fn string_values(json: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < json.len() {
        if json[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let mut comma = false;
        while i < json.len() && json[i] != b'"' {
            comma |= json[i] == b',';
            i += if json[i] == b'\\' { 2 } else { 1 };
        }
        i += 1;
        let key = json.get(i) == Some(&b':');
        if !key && !comma && json.get(start + 1).is_some_and(u8::is_ascii_lowercase) {
            out.push(start);
        }
    }
    out
}

/// A small deterministic generator (SplitMix64) for the choices of [`to_wire`].
struct SplitMix(u64, Profile);

impl Dice for SplitMix {
    fn profile(&self) -> Profile {
        self.1
    }

    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        match u64::try_from(n) {
            Ok(0) | Err(_) => 0,
            Ok(n) => usize::try_from(z % n).unwrap_or(0),
        }
    }
}

#[cfg(feature = "arbitrary")]
mod built;
#[cfg(feature = "arbitrary")]
pub use built::{Clean, Hostile, Wire};

#[cfg(feature = "proptest")]
mod scenario;
#[cfg(feature = "proptest")]
pub use scenario::{Hosting, Scenario, create_call, create_call_hosted, uuid};

#[cfg(test)]
mod tests {
    use super::string_values;

    #[test]
    fn string_values_are_not_member_names() {
        let json = br#"{"a":"bc","d":["e","F","g,h"],"i":{"j":"k\"l"}}"#;
        let found: Vec<&[u8]> = string_values(json)
            .iter()
            .map(|&at| &json[at..at + 2])
            .collect();
        assert_eq!(found, [&b"\"b"[..], b"\"e", b"\"k"]);
    }
}
