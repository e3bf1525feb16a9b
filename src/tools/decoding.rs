//! Tests of decoding whole documents of the model's types: they use both the
//! decoding machinery and the model, so they live here, above both layers.

use crate::Error;
use crate::call::Call;
use crate::decode::{Decode, DecodeOptions, Decoded};
use crate::notification::CommsNotifications;

/// The reading [`DecodeOptions::decode`] does without deferring.
fn checked<T: Decode>(options: &DecodeOptions, input: &[u8]) -> Result<Decoded<T>, Error> {
    options.decode_as(input, false)
}

fn same<T: Decode + PartialEq + std::fmt::Debug>(input: &[u8]) {
    for options in [DecodeOptions::lenient(), DecodeOptions::strict()] {
        let deferred = options.decode_as::<T>(input, true);
        let checked = checked::<T>(&options, input);
        match (deferred, checked) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(a), Err(b)) => {
                assert_eq!(a.kind(), b.kind(), "{a}");
                assert_eq!(a.position(), b.position(), "{a}");
                assert_eq!(a.message(), b.message());
            }
            (a, b) => panic!("{:?} against {:?}", a.map(|_| ()), b.map(|_| ())),
        }
    }
}

/// Deferring the control characters changes no result: not on the seed
/// corpus, not on control characters in strings anywhere, among whitespace of
/// every kind.
#[test]
fn deferred_controls_read_as_checked_strings_do() {
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seed");
    for entry in std::fs::read_dir(seed).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        same::<Call>(&bytes);
        same::<CommsNotifications>(&bytes);
    }
    for c in [0x00_u8, 0x01, b'\n', b'\r', b'\t', 0x1f] {
        for template in [
            &b"{\"subject\": \"ab#\"}"[..],
            b"{\"ab#\": 1}",
            b"{\r\n\t\"subject\": \"a\\\"#\"\n}",
            b"{\n  \"unknownMember\": {\"k\": [1, \"#\"]}\n}",
            b"{\n  \"isMuted\": \"#\"\n}",
            b"{\"participants\": [{\"info\": {\"identity\": {\"user\": {\"id\": \"#\"}}}}]}",
            b"{\"value\": [{\"resourceUrl\": \"/communications/calls/#\"}]}",
            b"{\"subject\": \"#\" // #\n}",
            b"{\"subject\": 1#}",
        ] {
            let input: Vec<u8> = template
                .iter()
                .map(|&b| if b == b'#' { c } else { b })
                .collect();
            same::<Call>(&input);
            same::<CommsNotifications>(&input);
        }
    }
}
