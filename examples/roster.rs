//! Measures decoding a roster notification of N participants: peak heap (with a
//! counting allocator) or, under callgrind, instructions.
//!
//! ```text
//! roster memory                 # peak heap / input size, for 1 000, 10 000, 100 000
//! roster decode N graph-comms|value|ignored|none   # decode once, for callgrind (`none`: build
//!                                           # the input only, the baseline to subtract)
//! ```

#[path = "../benches/support/counting.rs"]
mod counting;
#[path = "../benches/support/mod.rs"]
mod support;

use std::hint::black_box;

use graph_comms::notification::CommsNotifications;
use support::large;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("memory") => {
            println!(
                "participants  input bytes  peak heap (graph-comms)  retained  peak heap (serde_json::Value)"
            );
            for n in [1_000, 10_000, 100_000] {
                let json = support::roster_json(n);
                let (peak, retained, decoded) =
                    counting::measure(|| large().decode::<CommsNotifications>(&json));
                assert!(decoded.is_ok());
                drop(decoded);
                let (value_peak, _, value) =
                    counting::measure(|| serde_json::from_slice::<serde_json::Value>(&json));
                drop(black_box(value));
                let len = json.len() as f64;
                println!(
                    "{n:>12}  {:>11}  {:>10} ({:.2}x input)  {:>8.2}x  {:>10} ({:.2}x input)",
                    json.len(),
                    peak,
                    peak as f64 / len,
                    retained as f64 / len,
                    value_peak,
                    value_peak as f64 / len
                );
            }
        }
        Some("decode") => {
            let n: usize = args.get(2).and_then(|n| n.parse().ok()).expect("N");
            let json = black_box(support::roster_json(n));
            match args.get(3).map(String::as_str) {
                Some("value") => drop(black_box(serde_json::from_slice::<serde_json::Value>(
                    &json,
                ))),
                Some("graph-comms") => drop(black_box(large().decode::<CommsNotifications>(&json))),
                Some("ignored") => drop(black_box(
                    serde_json::from_slice::<serde::de::IgnoredAny>(&json),
                )),
                _ => {}
            }
        }
        _ => {
            eprintln!("usage: roster memory | roster decode N graph-comms|value|ignored|none");
            std::process::exit(2);
        }
    }
}
