//! A structure-aware target: libFuzzer's bytes become a `commsNotifications` body
//! through `arbitrary` (the crate's `arbitrary` feature); its JSON, unchanged, must
//! decode strictly to the same body, and encode to the same bytes again.
//!
//! The pattern for a target against one's own parser: take the typed value, encode
//! it with `graph_comms::to_vec`, and hand the bytes to the parser under test.
#![no_main]

use graph_comms::DecodeOptions;
use graph_comms::notification::CommsNotifications;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: CommsNotifications| {
    let json = graph_comms::to_vec(&body);
    let back = DecodeOptions::strict()
        .decode::<CommsNotifications>(&json)
        .expect("strict decoding reads what the crate wrote");
    assert_eq!(back.value, body);
    assert_eq!(graph_comms::to_vec(&back.value), json);
});
