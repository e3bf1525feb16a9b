//! The corpus: snapshots of every file, expected types, the round-trip guarantee.

use std::fmt::Write as _;

use graph_comms::notification::CommsNotifications;
use graph_comms::{DecodeOptions, DiagnosticKind, roundtrip};

use crate::trailing_commas::trailing_commas;
use crate::{Entry, all_entries, entry_at, manifest};

/// One snapshot per corpus file, named after it: the type it decodes as, its
/// diagnostics, and its canonical JSON (pretty). `glob!` checks every file before it
/// fails, so one mismatch does not hide the others.
#[test]
fn snapshots() {
    insta::glob!("../../corpus", "*/*.json", |path| {
        let entry = entry_at(path);
        let decoded = entry
            .decode(&DecodeOptions::lenient())
            .unwrap_or_else(|e| panic!("{}: {e}", entry.path.display()));
        let mut text = format!("type: {}\ndiagnostics:\n", decoded.value.type_name());
        for d in &decoded.diagnostics {
            writeln!(text, "  {d}").unwrap();
        }
        text.push_str("---\n");
        text.push_str(&String::from_utf8(decoded.value.to_vec_pretty()).unwrap());
        text.push('\n');
        insta::with_settings!({snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
            insta::assert_snapshot!(text);
        });
    });
}

/// Decode → encode → decode gives an equal value, and the encoding equals the input
/// apart from member order, nulls, and the changes diagnostics reported.
#[test]
fn round_trip_holds_over_the_corpus() {
    let entries = all_entries();
    assert!(!entries.is_empty());
    for entry in entries {
        let rt = roundtrip::check(
            &DecodeOptions::lenient(),
            Some(entry.get("type")),
            &entry.bytes(),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", entry.path.display()));
        assert!(
            rt.holds(),
            "{}: unexplained {:?}, unstable {:?}",
            entry.path.display(),
            rt.unexplained,
            rt.unstable
        );
    }
}

/// Every documented payload decodes as its documented type, with no unknown
/// fallback anywhere inside, and its notifications' resources as documented.
#[test]
fn documented_payloads_decode_as_their_types() {
    for set in ["seed", "docs"] {
        for entry in manifest(set) {
            let decoded = entry
                .decode(&DecodeOptions::lenient())
                .unwrap_or_else(|e| panic!("{}: {e}", entry.path.display()));
            let unknown: Vec<_> = decoded
                .diagnostics
                .iter()
                .filter(|d| d.kind == DiagnosticKind::UnknownType)
                .collect();
            assert!(unknown.is_empty(), "{}: {unknown:?}", entry.path.display());
            let expected = entry.get("resource_types");
            if !expected.is_empty() {
                assert_resource_types(&entry, expected);
            }
        }
    }
}

fn assert_resource_types(entry: &Entry, expected: &str) {
    let notifications = graph_comms::from_slice::<CommsNotifications>(&entry.bytes())
        .expect("decodes")
        .value;
    let found: Vec<_> = notifications.resources().map(|r| r.type_name()).collect();
    assert!(!found.is_empty(), "{}: no resources", entry.path.display());
    for t in found {
        assert_eq!(t, Some(expected), "{}", entry.path.display());
    }
}

/// The seed's valid JSON decodes strictly; its invalid JSON (trailing commas) is
/// rejected strictly at the first trailing comma, with its pointer and position.
#[test]
fn strict_mode_accepts_the_valid_seed_and_rejects_the_invalid() {
    let seed = manifest("seed");
    let invalid = seed
        .iter()
        .filter(|e| e.get("valid_json") != "true")
        .count();
    assert!(invalid > 0, "the seed publishes invalid JSON");
    for entry in seed {
        let bytes = entry.bytes();
        let text = std::str::from_utf8(&bytes).expect("UTF-8");
        let strict = entry.decode(&DecodeOptions::strict());
        if entry.get("valid_json") == "true" {
            assert!(trailing_commas(text).is_empty(), "{}", entry.name());
            let decoded = strict.unwrap_or_else(|e| panic!("{}: {e}", entry.path.display()));
            assert!(decoded.diagnostics.iter().all(|d| !d.kind.is_syntax()));
        } else {
            let e = strict.expect_err(entry.name());
            let (line, column) = *trailing_commas(text)
                .first()
                .expect("the seed marks it invalid");
            assert_eq!(e.kind(), graph_comms::ErrorKind::Syntax, "{}", entry.name());
            assert_eq!(
                (e.line(), e.column()),
                (Some(line), Some(column)),
                "{}: {e}",
                entry.name()
            );
            assert!(e.to_string().contains("trailing comma"), "{e}");
        }
    }
}

/// Over the documents' payloads: strict decoding fails, at the first place lenient
/// decoding tolerated, exactly where the published text is not standard JSON (and
/// the standard-JSON request bodies decode strictly as they decode leniently).
#[test]
fn strict_mode_rejects_what_the_documents_publish_that_is_not_json() {
    let (mut rejected, mut bodies) = (0, 0);
    for entry in manifest("docs") {
        let lenient = entry.decode(&DecodeOptions::lenient()).unwrap();
        let strict = entry.decode(&DecodeOptions::strict());
        let first_syntax = lenient.diagnostics.iter().find(|d| d.kind.is_syntax());
        let is_json = serde_json::from_slice::<serde_json::Value>(&entry.bytes()).is_ok();
        assert_eq!(first_syntax.is_none(), is_json, "{}", entry.name());
        match (first_syntax, strict) {
            (Some(tolerated), Err(e)) => {
                assert_eq!(e.kind(), graph_comms::ErrorKind::Syntax, "{}", entry.name());
                let at = tolerated.position.expect("a tolerance has a position");
                assert_eq!(
                    (e.line(), e.column()),
                    (Some(at.line), Some(at.column)),
                    "{}: {e}",
                    entry.name()
                );
                rejected += 1;
            }
            (Some(_), Ok(_)) => panic!("{}: strict accepted it", entry.name()),
            (None, Ok(strict)) if entry.get("type").contains('.') => {
                assert!(strict.value.eq_value(&*lenient.value), "{}", entry.name());
                bodies += 1;
            }
            (None, _) => {}
        }
    }
    assert!(
        rejected >= 10,
        "{rejected} documented payloads are not JSON"
    );
    assert!(bodies >= 20, "{bodies} request bodies decode strictly");
}

/// Strict and lenient agree on the seed's valid JSON.
#[test]
fn lenient_equals_strict_on_valid_input() {
    for entry in manifest("seed")
        .into_iter()
        .filter(|e| e.get("valid_json") == "true")
    {
        let strict = entry.decode(&DecodeOptions::strict()).unwrap();
        let lenient = entry.decode(&DecodeOptions::lenient()).unwrap();
        assert!(strict.value.eq_value(&*lenient.value), "{}", entry.name());
        assert_eq!(strict.diagnostics, lenient.diagnostics, "{}", entry.name());
    }
}
