//! serde `Deserialize` against lenient decoding: whenever `serde_json` reads the input
//! (standard JSON), deserializing a type through it gives exactly what `from_slice`
//! gives, for a callback body and a call; and neither ever panics.
#![no_main]

use graph_comms::call::Call;
use graph_comms::notification::CommsNotifications;
use libfuzzer_sys::fuzz_target;

fn same<T>(data: &[u8])
where
    T: serde::de::DeserializeOwned + graph_comms::Decode + PartialEq + std::fmt::Debug,
{
    let through_serde = serde_json::from_slice::<T>(data);
    let decoded = graph_comms::from_slice::<T>(data);
    if let Ok(value) = through_serde {
        let decoded = decoded.expect("serde_json read it, so lenient decoding does");
        assert_eq!(value, decoded.value);
    }
}

fuzz_target!(|data: &[u8]| {
    same::<CommsNotifications>(data);
    same::<Call>(data);
});
