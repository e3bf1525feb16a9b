//! The decoder never panics on mutations of the corpus payloads — byte flips,
//! truncation, inserted and deleted punctuation, quotes and comments, duplicated
//! members, deep nesting — in either mode, nor do the repair pass and the round-trip
//! check; and whatever decodes re-encodes to JSON that decodes to an equal value.
//!
//! Every corpus payload gets the same number of cases, from a fixed seed per payload,
//! so that every run checks the same inputs.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use graph_comms::by_name::{self, GraphValue};
use graph_comms::{DecodeOptions, Decoded, DiagnosticKind, Error, roundtrip};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// Mutated inputs per corpus payload.
const CASES_PER_PAYLOAD: u32 = 128;

/// What can be inserted: punctuation, quotes, comments, escapes, and bytes that are
/// not UTF-8.
const TOKENS: &[&[u8]] = &[
    b",",
    b",,",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b":",
    b"//",
    b"// comment\n",
    b"/*",
    b"*/",
    b"/* comment */",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"\\udc00\\ud800",
    b"null",
    b"1e400",
    b"-",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xc3",
    b"\x00",
    b"\n",
    b"\"@odata.type\": \"#microsoft.graph.call\",",
    b"\"@odata.type\": null,",
    b"\"x\": [],",
];

/// Bytes a deletion aims at.
const TARGETS: &[u8] = b",{}[]\":/";

/// A place in a sequence of any length, as a fraction of it.
#[derive(Clone, Copy, Debug)]
struct Pos(u64);

impl Pos {
    /// The place in a sequence of `len` (`len` > 0).
    fn of(self, len: usize) -> usize {
        ((u128::from(self.0) * len as u128) >> 64) as usize
    }
}

impl Arbitrary for Pos {
    type Parameters = ();
    type Strategy = BoxedStrategy<Pos>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        any::<u64>().prop_map(Pos).boxed()
    }
}

#[derive(Clone, Debug)]
enum Mutation {
    /// Flips one bit of one byte.
    Flip(Pos, u8),
    /// Sets one byte.
    Set(Pos, u8),
    /// Cuts the input short.
    Truncate(Pos),
    /// Inserts one of the tokens.
    Insert(Pos, Pos),
    /// Deletes a run of bytes.
    Delete(Pos, usize),
    /// Deletes one occurrence of one of the target bytes.
    DeleteByte(Pos, Pos),
    /// Deletes one comment (`//` to the end of the line, or `/*` to `*/`), or the
    /// opening or the closing of one.
    DeleteComment(Pos, u8),
    /// Repeats one member: `"k": v` becomes `"k": v, "k": v`.
    DuplicateMember(Pos),
    /// Wraps one member's value (or, with `None`, the whole input) in nested arrays or
    /// objects.
    Nest(Option<Pos>, usize, bool),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Pos>(), 0..8u8).prop_map(|(i, bit)| Mutation::Flip(i, bit)),
        2 => (any::<Pos>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        1 => any::<Pos>().prop_map(Mutation::Truncate),
        3 => (any::<Pos>(), any::<Pos>()).prop_map(|(i, t)| Mutation::Insert(i, t)),
        2 => (any::<Pos>(), 1..16usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        2 => (any::<Pos>(), any::<Pos>()).prop_map(|(i, t)| Mutation::DeleteByte(i, t)),
        1 => (any::<Pos>(), 0..3u8).prop_map(|(i, part)| Mutation::DeleteComment(i, part)),
        4 => any::<Pos>().prop_map(Mutation::DuplicateMember),
        3 => (
            proptest::option::of(any::<Pos>()),
            prop_oneof![4 => 1..8usize, 2 => 120..136usize, 1 => Just(600)],
            any::<bool>()
        )
            .prop_map(|(at, depth, objects)| Mutation::Nest(at, depth, objects)),
    ]
}

impl Mutation {
    fn apply(&self, input: &mut Vec<u8>) {
        let len = input.len();
        match *self {
            Mutation::Flip(i, bit) if len > 0 => input[i.of(len)] ^= 1 << bit,
            Mutation::Set(i, b) if len > 0 => input[i.of(len)] = b,
            Mutation::Truncate(i) => input.truncate(i.of(len + 1)),
            Mutation::Insert(i, t) => {
                let at = i.of(len + 1);
                input.splice(at..at, TOKENS[t.of(TOKENS.len())].iter().copied());
            }
            Mutation::Delete(i, n) if len > 0 => {
                let at = i.of(len);
                input.drain(at..(at + n).min(len));
            }
            Mutation::DeleteByte(i, t) => {
                let target = TARGETS[t.of(TARGETS.len())];
                let found: Vec<usize> = (0..len).filter(|&j| input[j] == target).collect();
                if !found.is_empty() {
                    input.remove(found[i.of(found.len())]);
                }
            }
            Mutation::DeleteComment(i, part) => {
                let comments = comments(input);
                if !comments.is_empty() {
                    let c = comments[i.of(comments.len())].clone();
                    let span = match part {
                        0 => c,
                        1 => c.start..c.start + 2,
                        _ => c.end.saturating_sub(2).max(c.start)..c.end,
                    };
                    input.drain(span);
                }
            }
            Mutation::DuplicateMember(i) => {
                let members = members(input);
                if !members.is_empty() {
                    let m = members[i.of(members.len())].clone();
                    let mut copy = b", ".to_vec();
                    copy.extend_from_slice(&input[m.clone()]);
                    input.splice(m.end..m.end, copy);
                }
            }
            Mutation::Nest(at, depth, objects) => {
                let span = match at {
                    None => 0..len,
                    Some(i) => {
                        let members = members(input);
                        if members.is_empty() {
                            return;
                        }
                        let m = &members[i.of(members.len())];
                        let Some(colon) = input[m.clone()].iter().position(|&b| b == b':') else {
                            return;
                        };
                        m.start + colon + 1..m.end
                    }
                };
                let (open, close): (&[u8], &[u8]) = if objects {
                    (b"{\"n\":", b"}")
                } else {
                    (b"[", b"]")
                };
                input.splice(span.end..span.end, close.repeat(depth));
                input.splice(span.start..span.start, open.repeat(depth));
            }
            _ => {}
        }
    }
}

/// The spans of the members (`"name": value`) a light scan of `input` finds: every
/// string followed by `:` whose value can be stepped over. Good enough on JSON, and
/// harmless on what mutation made of it.
fn members(input: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < input.len() {
        if input[i] == b'"' {
            let Some(end) = string_end(input, i) else {
                break;
            };
            let mut j = end;
            while input.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            if input.get(j) == Some(&b':')
                && let Some(value_end) = value_end(input, j + 1)
            {
                out.push(i..value_end);
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// The spans of the comments outside strings.
fn comments(input: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < input.len() {
        match (input[i], input.get(i + 1)) {
            (b'"', _) => match string_end(input, i) {
                Some(end) => i = end,
                None => break,
            },
            (b'/', Some(b'/')) => {
                let end = input[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(input.len(), |n| i + n);
                out.push(i..end);
                i = end;
            }
            (b'/', Some(b'*')) => {
                let end = input[i + 2..]
                    .windows(2)
                    .position(|w| w == b"*/")
                    .map_or(input.len(), |n| i + 2 + n + 2);
                out.push(i..end);
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The index after the string whose opening quote is at `start`.
fn string_end(input: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        match input.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The index after the value that starts (after whitespace) at `start`.
fn value_end(input: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    while input.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    match input.get(i)? {
        b'"' => string_end(input, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            while i < input.len() {
                match input[i] {
                    b'"' => {
                        i = string_end(input, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            let end = input[i..]
                .iter()
                .position(|&b| matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace())
                .map_or(input.len(), |n| i + n);
            (end > i).then_some(end)
        }
    }
}

fn fail(what: &str, input: &[u8], detail: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(format!(
        "{what}: {detail}\ninput: {}",
        String::from_utf8_lossy(input)
    ))
}

/// What decoded re-encodes to JSON that decodes (with the same options, as the type it
/// was decoded as) to an equal value.
fn reencodes(
    options: &DecodeOptions,
    decoded: &Decoded<Box<dyn GraphValue>>,
    input: &[u8],
) -> Result<(), TestCaseError> {
    let encoded = decoded.value.to_vec();
    let again = by_name::decode_as(options, Some(decoded.value.type_name()), &encoded)
        .map_err(|e| fail("the encoding does not decode", input, e))?;
    if !again.value.eq_value(&*decoded.value) {
        return Err(fail(
            "decode(encode(v)) != v",
            input,
            format!(
                "{:?}\n  !=\n{:?}\nencoding: {}",
                decoded.value,
                again.value,
                String::from_utf8_lossy(&encoded)
            ),
        ));
    }
    Ok(())
}

/// Cases run, and how many of them decoded strictly and leniently (as the manifest
/// type), for checking that the mutations leave enough that decodes.
static CASES: [AtomicUsize; 3] = [const { AtomicUsize::new(0) }; 3];

fn property(type_name: &str, input: &[u8]) -> Result<(), TestCaseError> {
    CASES[0].fetch_add(1, Ordering::Relaxed);
    for (i, options) in [DecodeOptions::strict(), DecodeOptions::lenient()]
        .into_iter()
        .enumerate()
    {
        let decoded: [Result<_, Error>; 2] = [
            by_name::decode_as(&options, Some(type_name), input),
            by_name::decode_as(&options, None, input),
        ];
        if decoded[0].is_ok() {
            CASES[i + 1].fetch_add(1, Ordering::Relaxed);
        }
        for d in decoded.iter().flatten() {
            reencodes(&options, d, input)?;
        }
        if let Ok(check) = roundtrip::check(&options, Some(type_name), input) {
            if let Some(why) = &check.unstable {
                return Err(fail("roundtrip::check: unstable", input, why));
            }
            if !check.unexplained.is_empty() {
                return Err(fail(
                    "roundtrip::check: unexplained",
                    input,
                    format!("{:?}", check.unexplained),
                ));
            }
        }
    }
    if let Ok(repaired) = graph_comms::repair(input) {
        // Nothing moves; the brackets left open at the end are appended.
        let closed = repaired
            .diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::Unclosed)
            .count();
        prop_assert_eq!(repaired.text.len(), input.len() + closed);
        let again = graph_comms::repair(&repaired.text)
            .map_err(|e| fail("the repaired text does not repair", input, e))?;
        prop_assert_eq!(&*again.text, &*repaired.text);
    }
    Ok(())
}

#[test]
fn mutated_corpus_payloads_never_panic_and_what_decodes_round_trips() {
    let strategy = proptest::collection::vec(mutation(), 1..=3);
    for (n, entry) in crate::all_entries().iter().enumerate() {
        let original = entry.bytes();
        let type_name = entry.get("type").to_owned();
        let config = Config {
            cases: CASES_PER_PAYLOAD,
            failure_persistence: None,
            ..Config::default()
        };
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&(n as u64).to_le_bytes());
        seed[8..].copy_from_slice(b"graph-comms mutations 00");
        let mut runner =
            TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
        runner
            .run(&strategy, |mutations| {
                let mut input = original.clone();
                for m in &mutations {
                    m.apply(&mut input);
                }
                property(&type_name, &input)
            })
            .unwrap_or_else(|e| panic!("{}: {e}", entry.name()));
    }
    let [cases, strict, lenient] = CASES.each_ref().map(|c| c.load(Ordering::Relaxed));
    eprintln!("{cases} mutated inputs: {strict} decode strictly, {lenient} leniently");
    // Mutations that break every input would test only the first error path.
    assert!(lenient * 5 > cases && strict * 20 > cases, "too few decode");
}

/// The mutations do what they say, so that the property sees what it should.
#[test]
fn mutations_mutate() {
    let json = br#"{"a": 1, "b": {"c": [1, "x,}"]}}"#;
    let spans: Vec<&[u8]> = members(json).into_iter().map(|m| &json[m]).collect();
    assert_eq!(
        spans,
        [
            &br#""a": 1"#[..],
            br#""b": {"c": [1, "x,}"]}"#,
            br#""c": [1, "x,}"]"#
        ]
    );
    let mut input = json.to_vec();
    Mutation::DuplicateMember(Pos(0)).apply(&mut input);
    assert_eq!(&input[..], br#"{"a": 1, "a": 1, "b": {"c": [1, "x,}"]}}"#);
    let mut input = json.to_vec();
    Mutation::Nest(Some(Pos(0)), 2, false).apply(&mut input);
    assert_eq!(&input[..], br#"{"a":[[ 1]], "b": {"c": [1, "x,}"]}}"#);
    let commented = b"[1, // one\n /* two */ 2]";
    let mut input = commented.to_vec();
    Mutation::DeleteComment(Pos(0), 0).apply(&mut input);
    assert_eq!(&input[..], b"[1, \n /* two */ 2]");
    let mut input = commented.to_vec();
    Mutation::DeleteComment(Pos(u64::MAX), 2).apply(&mut input);
    assert_eq!(&input[..], b"[1, // one\n /* two  2]");
    let mut input = b"[1]".to_vec();
    Mutation::Nest(None, 2, true).apply(&mut input);
    assert_eq!(&input[..], br#"{"n":{"n":[1]}}"#);
}
