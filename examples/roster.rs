//! Measures decoding a roster notification of N participants: peak heap (with a
//! counting allocator) or, under callgrind, instructions.
//!
//! ```text
//! roster memory                 # peak heap / input size, for 1 000, 10 000, 100 000
//! roster decode N graph-comms|value|none   # decode once, for callgrind (`none`: build
//!                                           # the input only, the baseline to subtract)
//! ```

// A global allocator is `unsafe` to implement; this measuring tool is the one place
// that does so, and only wraps the system allocator to count bytes.
#![allow(unsafe_code)]

#[path = "../benches/support/mod.rs"]
mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use graph_comms::notification::CommsNotifications;
use support::large;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to `System` unchanged; the counters are atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's obligations are passed on to `System`.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as for `alloc`.
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            let now = if new_size >= layout.size() {
                CURRENT.fetch_add(new_size - layout.size(), Relaxed) + (new_size - layout.size())
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Relaxed) - (layout.size() - new_size)
            };
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The peak heap that `f` adds to what is allocated when it starts, and what it
/// returns still holds.
fn peak_of<T>(f: impl FnOnce() -> T) -> (usize, usize, T) {
    let base = CURRENT.load(Relaxed);
    PEAK.store(base, Relaxed);
    let value = f();
    (
        PEAK.load(Relaxed) - base,
        CURRENT.load(Relaxed) - base,
        value,
    )
}

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
                    peak_of(|| large().decode::<CommsNotifications>(&json));
                assert!(decoded.is_ok());
                drop(decoded);
                let (value_peak, _, value) =
                    peak_of(|| serde_json::from_slice::<serde_json::Value>(&json));
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
                _ => {}
            }
        }
        _ => {
            eprintln!("usage: roster memory | roster decode N graph-comms|value|none");
            std::process::exit(2);
        }
    }
}
