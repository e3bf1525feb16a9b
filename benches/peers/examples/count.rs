//! The driver for instruction counts under callgrind, one peer at a time.
//!
//! ```text
//! count seed PEER N FILE...     # the files (repaired into standard JSON) N times
//! count roster PEER N           # a roster notification of N participants, once
//! count roster-size none N      # prints the size of that roster in bytes
//! ```
//!
//! PEER is one of `lenient`, `strict`, `serde_json-typed`, `sonic-rs-typed`,
//! `simd-json-typed`, `value`, `ignored`, or `none` (the input only: the baseline to
//! subtract). Run `seed` with N and with 0, and subtract, so that reading the files
//! is not counted.

#[path = "../../support/mod.rs"]
mod support;

use graph_comms::DecodeOptions;
use graph_comms::by_name;
use graph_comms_peers::{Kind, Peer, decode};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = || -> ! {
        eprintln!("usage: count seed PEER N FILE... | count roster PEER N");
        std::process::exit(2)
    };
    let peer = match args.get(2).map(String::as_str) {
        Some("none") => None,
        Some(name) => Some(Peer::from_name(name).unwrap_or_else(|| usage())),
        None => usage(),
    };
    let n: usize = args
        .get(3)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| usage());
    let mut scratch = Vec::new();
    match args.get(1).map(String::as_str) {
        Some("seed") => {
            let files: Vec<(Kind, Vec<u8>)> = args[4..]
                .iter()
                .map(|path| {
                    let original = std::fs::read(path).expect("a readable file");
                    let root = by_name::root_type(&DecodeOptions::lenient(), &original)
                        .ok()
                        .flatten()
                        .expect("a root @odata.type");
                    let kind = if root.ends_with(".commsNotifications") {
                        Kind::Notifications
                    } else {
                        Kind::Call
                    };
                    let repaired = graph_comms::repair(&original)
                        .expect("repairable")
                        .text
                        .into_owned();
                    (kind, repaired)
                })
                .collect();
            for _ in 0..n {
                for (kind, bytes) in &files {
                    if let Some(peer) = peer {
                        assert!(decode(peer, *kind, bytes, &mut scratch), "{}", peer.name());
                    }
                }
            }
        }
        Some("roster-size") => println!("{}", support::roster_json(n).len()),
        Some("roster") => {
            let json = std::hint::black_box(support::roster_json(n));
            if let Some(peer) = peer {
                assert!(decode(peer, Kind::Notifications, &json, &mut scratch));
            }
        }
        _ => usage(),
    }
}
