//! A structure-aware target: libFuzzer's bytes become a `commsNotifications` body
//! through `arbitrary` (the crate's `arbitrary` feature); its JSON, unchanged, must
//! decode strictly to the same body, and encode to the same bytes again; so must the
//! wire text Graph would send for it (some enum values in PascalCase).
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
    assert_eq!(back.value, body);
});
