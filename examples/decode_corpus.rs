//! Decodes payload files N times: the driver for instruction counts under callgrind.
//!
//! ```text
//! decode_corpus MODE N FILE...
//! ```
//!
//! MODE is `value` (`serde_json::Value`), `ignored` (`serde::de::IgnoredAny`, validation
//! only), `strict` or `lenient` (graph-comms), `serde` (graph-comms through its serde
//! `Deserialize` from serde_json text), all on the repaired bytes of each file
//! (standard JSON of the same length), or `published` (graph-comms lenient on the bytes
//! as published, trailing commas and all). Each file is decoded as the type its root
//! `@odata.type` names. Run it with N and with 0 and subtract, so that reading the
//! files is not counted.

use std::hint::black_box;

use graph_comms::DecodeOptions;
use graph_comms::by_name::{self, TypeEntry};
use graph_comms::call::Call;
use graph_comms::notification::CommsNotifications;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(n)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: decode_corpus value|ignored|strict|lenient|published N FILE...");
        std::process::exit(2);
    };
    let lenient = DecodeOptions::lenient();
    let strict = DecodeOptions::strict();
    let files: Vec<(Vec<u8>, Vec<u8>, &TypeEntry)> = args[3..]
        .iter()
        .map(|path| {
            let original = std::fs::read(path).expect("readable file");
            let repaired = graph_comms::repair(&original)
                .expect("repairable")
                .text
                .into_owned();
            let name = by_name::root_type(&lenient, &original)
                .ok()
                .flatten()
                .and_then(|t| t.rsplit('.').next().map(str::to_owned))
                .expect("a root @odata.type");
            (
                original,
                repaired,
                by_name::lookup(&name).expect("a known type"),
            )
        })
        .collect();
    for _ in 0..n {
        for (original, repaired, entry) in &files {
            match mode.as_str() {
                "value" => drop(black_box(serde_json::from_slice::<serde_json::Value>(
                    black_box(repaired),
                ))),
                "ignored" => drop(black_box(serde_json::from_slice::<serde::de::IgnoredAny>(
                    black_box(repaired),
                ))),
                "strict" => drop(black_box(entry.decode(&strict, black_box(repaired)))),
                "lenient" => drop(black_box(entry.decode(&lenient, black_box(repaired)))),
                "published" => drop(black_box(entry.decode(&lenient, black_box(original)))),
                // Through serde's `Deserialize` from serde_json text: the format's
                // parser, the JSON text written again, then the decoder.
                "serde" => match entry.name() {
                    "call" => drop(black_box(serde_json::from_slice::<Call>(black_box(
                        repaired,
                    )))),
                    "commsNotifications" => {
                        drop(black_box(serde_json::from_slice::<CommsNotifications>(
                            black_box(repaired),
                        )))
                    }
                    other => panic!("serde mode: add `{other}`"),
                },
                _ => panic!("unknown mode {mode}"),
            }
        }
    }
}
