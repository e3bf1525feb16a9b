//! A structure-aware target: libFuzzer's bytes become a `commsNotifications` body
//! through `arbitrary` (the crate's `arbitrary` feature); its JSON, unchanged, must
//! decode strictly to the same body, and encode to the same bytes again; the wire text
//! Graph would send for it (some enum values in PascalCase) must decode strictly to the
//! same body but for the case of those values, which it keeps: it encodes back to the
//! wire text exactly.
//!
//! The pattern for a target against one's own parser: take the typed value, encode
//! it with `graph_comms::to_vec`, and hand the bytes to the parser under test.
#![no_main]

use graph_comms::DecodeOptions;
use graph_comms::generate::Profile;
use graph_comms::notification::CommsNotifications;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: CommsNotifications| {
    let json = graph_comms::to_vec(&body);
    let back = DecodeOptions::strict()
        .decode::<CommsNotifications>(&json)
        .expect("strict decoding reads what the crate wrote");
    assert_eq!(back.value, body);
    assert_eq!(graph_comms::to_vec(&back.value), json);
    let wire = graph_comms::generate::to_wire(&body, Profile::Realistic, json.len() as u64);
    let back = DecodeOptions::strict()
        .decode::<CommsNotifications>(&wire)
        .expect("strict decoding reads the wire text");
    assert!(same_but_case(
        &graph_comms::to_value(&back.value),
        &graph_comms::to_value(&body)
    ));
    assert_eq!(graph_comms::to_vec(&back.value), wire);
});

/// Whether two JSON values differ at most in the case of their strings.
fn same_but_case(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.eq_ignore_ascii_case(b),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_but_case(a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| b.get(k).is_some_and(|w| same_but_case(v, w)))
        }
        _ => a == b,
    }
}
