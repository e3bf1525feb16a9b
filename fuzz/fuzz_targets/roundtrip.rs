//! Round trip: whatever decodes (leniently, as a type chosen by the first byte)
//! encodes to JSON that decodes to an equal value, and `roundtrip::check` runs.
#![no_main]

use graph_comms::{DecodeOptions, by_name, roundtrip};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let types = by_name::types();
    let entry = &types[usize::from(selector) % types.len()];
    let options = DecodeOptions::lenient();
    let Ok(decoded) = entry.decode(&options, rest) else {
        return;
    };
    // `GraphValue::to_vec` is `graph_comms::to_vec` on the concrete type.
    let encoded = decoded.value.to_vec();
    let again = match entry.decode(&options, &encoded) {
        Ok(again) => again,
        Err(e) => panic!(
            "the encoding of a decoded `{}` does not decode: {e}\nencoding: {}",
            entry.name(),
            String::from_utf8_lossy(&encoded)
        ),
    };
    assert!(
        again.value.eq_value(&*decoded.value),
        "decode(encode(v)) != v for `{}`\nfirst:  {:?}\nsecond: {:?}\nencoding: {}",
        entry.name(),
        decoded.value,
        again.value,
        String::from_utf8_lossy(&encoded)
    );
    // Encoding is stable.
    assert_eq!(again.value.to_vec(), encoded, "encoding is not stable");
    if let Err(e) = roundtrip::check(&options, Some(entry.name()), rest) {
        panic!("roundtrip::check fails on input that decodes: {e}");
    }
});
