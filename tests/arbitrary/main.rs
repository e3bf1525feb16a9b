//! `arbitrary::Arbitrary` on every type (the `arbitrary` feature): whatever bytes a
//! fuzzer gives, building terminates with a value whose JSON strict decoding reads
//! back to the same value.

#[path = "../support/shape.rs"]
mod shape;

use arbitrary::{Arbitrary, Unstructured};
use graph_comms::DecodeOptions;
use graph_comms::by_name;
use graph_comms::generate::Profile;
use graph_comms::notification::CommsNotifications;

/// Bytes from a fixed xorshift generator: the same inputs on every run.
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// Builds a value of each type from `input`, and checks its round trip.
fn round_trip_every_type(input: &[u8]) {
    for entry in by_name::types() {
        let mut u = Unstructured::new(input);
        let value = entry
            .arbitrary(&mut u)
            .unwrap_or_else(|e| panic!("{}: {e}", entry.name()));
        let json = value.to_vec();
        let back = entry
            .decode(&DecodeOptions::strict(), &json)
            .unwrap_or_else(|e| {
                panic!(
                    "{}: strict decoding rejects {}: {e}",
                    entry.name(),
                    String::from_utf8_lossy(&json)
                )
            });
        assert_eq!(
            back.value.to_vec(),
            json,
            "{}: {}",
            entry.name(),
            String::from_utf8_lossy(&json)
        );
        // Proportional to the input: a value is never much larger than its bytes.
        assert!(
            json.len() <= 64 * input.len() + 64 * 1024,
            "{}: {} bytes of JSON from {} bytes",
            entry.name(),
            json.len(),
            input.len()
        );
    }
}

#[test]
fn every_type_builds_from_any_bytes_and_round_trips_strictly() {
    round_trip_every_type(&[]);
    round_trip_every_type(&[0xff; 64]);
    for seed in 0..150 {
        round_trip_every_type(&bytes(seed, (seed as usize * 37) % 2048));
    }
}

#[test]
fn hundred_kilobyte_inputs_terminate() {
    for seed in 0..3 {
        round_trip_every_type(&bytes(1000 + seed, 100 * 1024));
    }
}

#[test]
fn a_callback_body_is_a_cargo_fuzz_input() {
    // What a fuzz target's `|body: CommsNotifications|` receives.
    let data = bytes(7, 4096);
    let mut u = Unstructured::new(&data);
    let body = CommsNotifications::arbitrary(&mut u).unwrap();
    let json = graph_comms::to_vec(&body);
    let back = DecodeOptions::strict()
        .decode::<CommsNotifications>(&json)
        .unwrap();
    assert_eq!(back.value, body);
    // Different bytes, different bodies: the build reads its input.
    let other = CommsNotifications::arbitrary(&mut Unstructured::new(&bytes(8, 4096))).unwrap();
    assert_ne!(graph_comms::to_vec(&other), json);
}

/// What a shape counts a body with.
type Add = fn(&mut shape::Shape, &by_name::TypeEntry, &dyn by_name::GraphValue, &[u8], Profile);

/// 1 000 bodies of the type `name` built from random bytes with `profile`, each
/// checked and counted.
fn shape_of(name: &str, profile: Profile, seed: u64, add: Add) -> shape::Shape {
    let entry = by_name::lookup(name).unwrap();
    let mut shape = shape::Shape::default();
    for i in 0..1000 {
        let data = bytes(seed + i, 2048 + (i as usize % 7) * 1024);
        let value = entry
            .arbitrary_with(profile, &mut Unstructured::new(&data))
            .unwrap();
        let wire = graph_comms::generate::to_wire_as(entry, &*value, profile, i);
        add(&mut shape, entry, &*value, &wire, profile);
    }
    shape
}

/// 1 000 callback bodies built from random bytes have the shape of real traffic:
/// 1 to 3 notifications, each with a path its resources agree with; with its
/// imperfections at their documented rates; none in the clean profile, many in the
/// hostile one.
#[test]
fn built_callbacks_have_the_shape_of_real_traffic() {
    for profile in Profile::ALL {
        let shape = shape_of(
            "commsNotifications",
            profile,
            5000,
            shape::Shape::add_callback,
        );
        shape.check_rates(profile);
        shape.check_callback_kinds(profile);
    }
}

/// 1 000 calls built from random bytes decode strictly from their wire text, with
/// the documented rates.
#[test]
fn built_calls_have_the_documented_rates() {
    for profile in Profile::ALL {
        shape_of("call", profile, 9000, shape::Shape::add).check_rates(profile);
    }
}

/// `Clean`, `Hostile` and `Wire` are cargo-fuzz inputs too.
#[test]
fn profiles_wrap_any_type() {
    use graph_comms::generate::{Clean, Hostile, Wire};
    let data = bytes(11, 8192);
    let Clean(clean) =
        Clean::<CommsNotifications>::arbitrary(&mut Unstructured::new(&data)).unwrap();
    let Hostile(hostile) =
        Hostile::<CommsNotifications>::arbitrary(&mut Unstructured::new(&data)).unwrap();
    assert_ne!(clean, hostile);
    assert!(clean.extra.is_empty());
    let wire = Wire::<CommsNotifications>::arbitrary(&mut Unstructured::new(&data)).unwrap();
    let back = DecodeOptions::strict()
        .decode::<CommsNotifications>(&wire.json)
        .unwrap();
    assert!(shape::same_but_case(
        &graph_comms::to_value(&back.value),
        &graph_comms::to_value(&wire.value)
    ));
}
