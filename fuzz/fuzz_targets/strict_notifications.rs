//! Strict decoding of a callback body: any input decodes or fails with an error; and
//! on input that strict decoding accepts, lenient decoding does exactly the same.
#![no_main]

use graph_comms::DecodeOptions;
use graph_comms::notification::CommsNotifications;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(strict) = DecodeOptions::strict().decode::<CommsNotifications>(data) else {
        return;
    };
    // Strict mode tolerates nothing syntactic.
    for d in &strict.diagnostics {
        assert!(
            !matches!(d.kind.as_str(), "trailing_comma" | "comment" | "bom"),
            "strict decoding reported {d}"
        );
    }
    // Walking the resources must not panic either.
    for resource in strict.value.resources() {
        let _ = (resource.type_name(), resource.id());
    }
    // README: a lenient decode of input that is already strict JSON does exactly
    // what strict does.
    let lenient = DecodeOptions::lenient()
        .decode::<CommsNotifications>(data)
        .expect("lenient decoding accepts what strict decoding accepts");
    assert_eq!(lenient.value, strict.value);
    assert_eq!(lenient.diagnostics, strict.diagnostics);
});
