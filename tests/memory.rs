//! Memory stays proportional to the input: decoding, repairing and checking a 10 MB
//! input allocates at most a small multiple of it at its peak; the multiple for each
//! shape of input is measured (run with `--nocapture` to see it) and bounded here.
//!
//! A binary of its own, with a global allocator that counts the bytes in use and
//! their peak: inside the shared test binary it would count the other tests' memory
//! too. Its tests take turns (`ALONE`) for the same reason.

#[path = "../benches/support/counting.rs"]
mod counting;

use std::sync::Mutex;

use graph_comms::call::Call;
use graph_comms::notification::CommsNotifications;
use graph_comms::{DecodeOptions, ErrorKind, by_name, roundtrip};

/// Held by each test, so that no other allocates while it measures.
static ALONE: Mutex<()> = Mutex::new(());

/// The most bytes `f` had allocated at once, beyond what was in use before it.
fn peak_of<R>(f: impl FnOnce() -> R) -> usize {
    counting::measure(f).0
}

const TEN_MB: usize = 10 << 20;

/// Repeats `item` (joined by commas) inside `head` … `tail` up to about `len` bytes.
fn repeated(head: &str, item: &str, tail: &str, len: usize) -> String {
    let n = (len - head.len() - tail.len()) / (item.len() + 1);
    let mut s = String::with_capacity(len);
    s.push_str(head);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push_str(item);
    }
    s.push_str(tail);
    s
}

/// What strict decoding makes of an input.
#[derive(Clone, Copy, Debug)]
enum Strict {
    /// It decodes: measured like lenient decoding.
    Decodes,
    /// It is refused, with this kind of error (the input is what only lenient
    /// decoding reads): checked, not measured.
    Refuses(ErrorKind),
}

/// Checks that decoding `input` (in both modes, where strict decodes it) and
/// repairing it peak at most `factor` times its length. `roundtrip::check` holds the
/// input and the encoding each as a tree of `serde_json` values besides the decoded
/// value, and gets `4 * factor`.
fn check(what: &str, type_name: &str, input: &str, strict: Strict, factor: usize) {
    let input = input.as_bytes();
    let lenient = DecodeOptions::lenient();
    let strict_options = DecodeOptions::strict();
    let mut runs: Vec<(&str, usize, usize)> = vec![(
        "lenient",
        factor,
        peak_of(|| by_name::decode_as(&lenient, Some(type_name), input).unwrap()),
    )];
    match strict {
        Strict::Decodes => runs.push((
            "strict",
            factor,
            peak_of(|| by_name::decode_as(&strict_options, Some(type_name), input).unwrap()),
        )),
        Strict::Refuses(kind) => {
            let e = by_name::decode_as(&strict_options, Some(type_name), input).unwrap_err();
            assert_eq!(e.kind(), kind, "{what}: strict: {e}");
        }
    }
    runs.extend([
        (
            "repair",
            factor,
            peak_of(|| graph_comms::repair(input).unwrap()),
        ),
        (
            "roundtrip::check",
            4 * factor,
            peak_of(|| roundtrip::check(&lenient, Some(type_name), input).unwrap()),
        ),
    ]);
    for (how, factor, peak) in runs {
        eprintln!(
            "{what}: {how}: peak {peak} bytes for {} bytes of input ({:.1}x)",
            input.len(),
            peak as f64 / input.len() as f64
        );
        assert!(
            peak <= factor * input.len(),
            "{what}: {how} peaked at {peak} bytes, over {factor} times the input"
        );
    }
}

#[test]
fn decoding_ten_megabytes_allocates_a_small_multiple_of_it() {
    let _alone = ALONE.lock().unwrap_or_else(|e| e.into_inner());
    // A realistic roster: notifications of participants with identities, 10 MB.
    let participant = r##"{"@odata.type": "#microsoft.graph.participant", "id": "0d7664b6-6432-43ed-8d27-d9e7adec188c", "info": {"@odata.type": "#microsoft.graph.participantInfo", "identity": {"@odata.type": "#microsoft.graph.identitySet", "user": {"@odata.type": "#microsoft.graph.identity", "id": "112f7296-5fa4-42ca-bae8-6a692b15d4b8", "displayName": "John"}}}, "isMuted": true, "isInLobby": false}"##;
    let notification = format!(
        r#"{{"changeType": "updated", "resourceUrl": "/communications/calls/2f1a1100-b174-40a0-aba7-0b405e01ed92/participants", "resourceData": [{}]}}"#,
        [participant; 8].join(",")
    );
    let roster = repeated("{\"value\": [", &notification, "]}", TEN_MB);
    check("roster", "commsNotifications", &roster, Strict::Decodes, 6);
}

/// Other shapes, 2 MB each (enough to see a ratio; faster in a debug build).
#[test]
fn other_shapes_allocate_a_multiple_of_the_input() {
    let _alone = ALONE.lock().unwrap_or_else(|e| e.into_inner());
    const LEN: usize = 2 << 20;
    // Long strings, typed and unknown.
    let strings = format!(
        "{{\"subject\": \"{}\", \"x\": \"{}\"}}",
        "s".repeat(LEN / 2),
        "x\\n".repeat(LEN / 6)
    );
    check("strings", "call", &strings, Strict::Decodes, 3);

    // Many unknown members, and a long array of numbers kept raw: a `serde_json`
    // value is 32 bytes, and a map's entries live in B-tree nodes.
    let mut members = String::from("{\"subject\": \"s\"");
    let mut i = 0;
    while members.len() < LEN / 2 {
        members.push_str(&format!(", \"member{i}\": {i}"));
        i += 1;
    }
    members.push_str(", \"array\": [");
    members.push_str(&["12345"; LEN / 12].join(","));
    members.push_str("]}");
    check("members", "call", &members, Strict::Decodes, 8);

    // Comments everywhere: most diagnostics only counted, every span kept for repair.
    let comments = repeated("{\"x\": [", "/* c */ 1", "]}", LEN);
    check(
        "comments",
        "call",
        &comments,
        Strict::Refuses(ErrorKind::Syntax),
        8,
    );

    // Under a long member name: the diagnostics' pointers are held to the budget.
    let long_name = format!(
        "{{\"{}\": [{}]}}",
        "n".repeat(LEN / 2),
        ["/**/ 1"; LEN / 14].join(",")
    );
    check(
        "long name",
        "call",
        &long_name,
        Strict::Refuses(ErrorKind::Syntax),
        12,
    );

    // Mistyped members kept raw: each object gets a map for them, and a map's first
    // B-tree node has room for eleven entries (over 600 bytes) whatever it holds.
    let mistyped = repeated(
        "{\"value\": [",
        r#"{"changeType": 1, "resourceUrl": 2}"#,
        "]}",
        LEN,
    );
    check(
        "mistyped",
        "commsNotifications",
        &mistyped,
        Strict::Refuses(ErrorKind::Type),
        40,
    );
}

/// The densest input: the smallest JSON for the largest value, an empty object where
/// a struct of many members belongs. Memory is still proportional to the input, but
/// the ratio is the struct's size to the three bytes of `{},` (a `participant` is over
/// 500 bytes), and a growing `Vec` may hold up to twice its items: this measures it,
/// and documents the bound.
#[test]
fn empty_objects_cost_their_struct_size() {
    let _alone = ALONE.lock().unwrap_or_else(|e| e.into_inner());
    fn measure<T: graph_comms::Decode>(what: &str, head: &str, tail: &str, item: usize) {
        let input = repeated(head, "{}", tail, TEN_MB / 4);
        let input = input.as_bytes();
        let items = (input.len() - head.len() - tail.len()) / 3;
        let peak = peak_of(|| DecodeOptions::lenient().decode::<T>(input).unwrap());
        eprintln!(
            "{what}: {item} bytes each: peak {peak} bytes for {} bytes ({:.1}x)",
            input.len(),
            peak as f64 / input.len() as f64
        );
        assert!(peak <= 2 * items * item + 4 * input.len(), "{what}: {peak}");
    }
    measure::<Call>(
        "empty participants",
        "{\"participants\": [",
        "]}",
        std::mem::size_of::<graph_comms::participant::Participant>(),
    );
    measure::<CommsNotifications>(
        "empty notifications",
        "{\"value\": [",
        "]}",
        std::mem::size_of::<graph_comms::notification::CommsNotification>(),
    );
}
