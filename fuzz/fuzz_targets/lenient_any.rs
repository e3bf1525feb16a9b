//! Lenient decoding as any registered type (chosen by the first byte), and by the
//! root `@odata.type`: any input decodes or fails with an error.
#![no_main]

use graph_comms::DecodeOptions;
use graph_comms::by_name;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let types = by_name::types();
    let entry = &types[usize::from(selector) % types.len()];
    let options = DecodeOptions::lenient();
    if let Ok(decoded) = entry.decode(&options, rest) {
        assert_eq!(decoded.value.type_name(), entry.name());
        assert!(decoded.diagnostics.len() <= options.max_diagnostics + 1);
    }
    if let Ok(decoded) = by_name::decode_as(&options, None, rest) {
        let _ = decoded.value.to_json();
    }
});
