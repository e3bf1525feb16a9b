//! Each tolerance of lenient decoding: accepted, kept, and reported.

use graph_comms::call::{Call, CallState};
use graph_comms::identity::AnyIdentity;
use graph_comms::media::Modality;
use graph_comms::participant::Participant;
use graph_comms::{Decode, DecodeOptions, Diagnostic, DiagnosticKind, from_slice, from_str};
use serde_json::json;

fn lenient<T: Decode>(json: &str) -> (T, Vec<Diagnostic>) {
    let d = from_str::<T>(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    (d.value, d.diagnostics)
}

fn only(diags: &[Diagnostic]) -> (&str, DiagnosticKind, (usize, usize)) {
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    let p = d.position.expect("position");
    (&d.pointer, d.kind, (p.line, p.column))
}

#[test]
fn trailing_commas() {
    let (call, diags) =
        lenient::<Call>("{\"requestedModalities\": [\"audio\",],\n \"subject\": \"s\",\n}");
    assert_eq!(call.requested_modalities, Some(vec![Modality::Audio]));
    assert_eq!(diags.len(), 2);
    assert_eq!(diags[0].pointer, "/requestedModalities");
    assert_eq!(diags[0].kind, DiagnosticKind::TrailingComma);
    assert_eq!(diags[1].pointer, "");
    assert_eq!(diags[1].position.map(|p| (p.line, p.column)), Some((2, 16)));
}

#[test]
fn comments() {
    let (call, diags) = lenient::<Call>("/* head */ {\"subject\": // the subject\n \"s\"}");
    assert_eq!(call.subject.as_deref(), Some("s"));
    assert_eq!(
        diags.iter().map(|d| d.kind).collect::<Vec<_>>(),
        [DiagnosticKind::Comment; 2]
    );
    let e = from_str::<Call>("{\"subject\": \"s\" /* never closed").unwrap_err();
    assert!(e.message().contains("unterminated"), "{e}");
}

#[test]
fn byte_order_mark() {
    let d = from_slice::<Call>(b"\xef\xbb\xbf{\"subject\": \"s\"}").unwrap();
    assert_eq!(only(&d.diagnostics), ("", DiagnosticKind::Bom, (1, 1)));
    assert!(
        DecodeOptions::strict()
            .decode::<Call>(b"\xef\xbb\xbf{}")
            .is_err()
    );
}

#[test]
fn spellings_of_enums_and_types() {
    let (call, diags) =
        lenient::<Call>(r##"{"@odata.type": "#microsoft.graph.CALL", "state": "Established"}"##);
    assert_eq!(call.state, Some(CallState::Established));
    // The type's other spelling is said and made canonical; the enum value's other
    // case is kept as it came, and said only when asked.
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].kind, DiagnosticKind::Spelling);
    assert_eq!(diags[0].pointer, "/@odata.type");
    assert_eq!(
        graph_comms::to_value(&call),
        json!({"@odata.type": "#microsoft.graph.call", "state": "Established"})
    );
    let asked = DecodeOptions::lenient()
        .with_report_case(true)
        .decode::<Call>(br#"{"state": "Established", "requestedModalities": ["Audio", "video"]}"#)
        .unwrap();
    let kinds: Vec<_> = asked
        .diagnostics
        .iter()
        .map(|d| (d.kind, d.pointer.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (DiagnosticKind::Case, "/state"),
            (DiagnosticKind::Case, "/requestedModalities/0")
        ]
    );
    assert_eq!(
        graph_comms::to_value(&asked.value)["requestedModalities"],
        json!(["Audio", "video"])
    );
    // Built in code, a value is written as Graph's traffic writes it.
    let built = Call::default().with_state(CallState::Established);
    assert_eq!(graph_comms::to_value(&built)["state"], "established");
    // A bare enum has nowhere to keep its spelling: there it is made canonical, and said.
    let bare = from_str::<CallState>(r#""ESTABLISHED""#).unwrap();
    assert_eq!(bare.diagnostics[0].kind, DiagnosticKind::Spelling);
}

/// An operation's status is spelled as Graph sends it, `completed`, and any other case
/// (the .NET stack's `Completed`) decodes without a word and goes back as it came.
#[test]
fn operation_statuses_keep_their_spelling() {
    use graph_comms::operation::{AnyCommsOperation, OperationStatus};
    for status in ["completed", "Completed", "COMPLETED"] {
        let json = format!(
            r##"{{"@odata.type": "#microsoft.graph.playPromptOperation", "status": "{status}"}}"##
        );
        let (op, diags) = lenient::<AnyCommsOperation>(&json);
        assert!(diags.is_empty(), "{status}: {diags:?}");
        assert_eq!(op.status(), Some(&OperationStatus::Completed));
        assert_eq!(graph_comms::to_value(&op)["status"], status);
    }
    assert_eq!(OperationStatus::Completed.as_str(), "completed");
}

#[test]
fn unknown_enum_values_are_kept_as_text() {
    let (call, diags) =
        lenient::<Call>(r#"{"state": "queued", "requestedModalities": ["audio", "smell"]}"#);
    let state = call.state.as_ref().unwrap();
    assert!(!state.is_known());
    assert_eq!(state.as_str(), "queued");
    assert_eq!(state, &CallState::from("queued"));
    assert_ne!(
        state,
        &CallState::from("Queued"),
        "unknown text compares exactly"
    );
    assert_eq!(diags.len(), 2);
    assert!(
        diags
            .iter()
            .all(|d| d.kind == DiagnosticKind::UnknownEnumValue)
    );
    assert_eq!(
        graph_comms::to_value(&call),
        json!({"state": "queued", "requestedModalities": ["audio", "smell"]})
    );
}

#[test]
fn mistyped_values_are_kept_raw() {
    let (p, diags) = lenient::<Participant>(
        r#"{"isMuted": "Boolean", "rosterSequenceNumber": "7", "isInLobby": false}"#,
    );
    assert_eq!(p.is_muted, None);
    assert_eq!(p.roster_sequence_number, None);
    assert_eq!(p.is_in_lobby, Some(false));
    assert_eq!(p.extra["isMuted"], "Boolean");
    assert_eq!(p.extra["rosterSequenceNumber"], "7");
    assert_eq!(
        diags.iter().map(|d| d.kind).collect::<Vec<_>>(),
        [DiagnosticKind::TypeMismatch; 2]
    );
    assert_eq!(diags[0].pointer, "/isMuted");
    assert_eq!(
        graph_comms::to_value(&p),
        json!({"isInLobby": false, "isMuted": "Boolean", "rosterSequenceNumber": "7"})
    );
    // Out of range is mistyped too.
    let (r, diags) =
        lenient::<graph_comms::operation::ResultInfo>(r#"{"code": 4294967296, "subcode": 1.5}"#);
    assert_eq!((r.code, r.subcode), (None, None));
    assert_eq!(diags.len(), 2);
}

#[test]
fn wrong_shapes_are_kept_raw() {
    let (call, diags) =
        lenient::<Call>(r#"{"targets": {"identity": {}}, "source": [], "subject": "s"}"#);
    assert!(call.targets.is_none() && call.source.is_none());
    assert_eq!(call.subject.as_deref(), Some("s"));
    assert_eq!(
        diags.iter().map(|d| d.kind).collect::<Vec<_>>(),
        [DiagnosticKind::Shape; 2]
    );
}

#[test]
fn duplicate_members_keep_the_last() {
    let (call, diags) = lenient::<Call>(r#"{"subject": "a", "subject": "b", "x": 1, "x": 2}"#);
    assert_eq!(call.subject.as_deref(), Some("b"));
    assert_eq!(call.extra["x"], 2);
    assert_eq!(
        diags.iter().map(|d| d.kind).collect::<Vec<_>>(),
        [DiagnosticKind::DuplicateKey; 2]
    );
}

#[test]
fn lone_surrogates_become_replacement_characters() {
    let (id, diags) = lenient::<AnyIdentity>(r#"{"displayName": "a\ud800b\ud83d\ude00"}"#);
    assert_eq!(id.display_name(), Some("a\u{fffd}b\u{1f600}"));
    assert_eq!(diags[0].kind, DiagnosticKind::LoneSurrogate);
}

#[test]
fn nulls_are_absent() {
    let (call, diags) =
        lenient::<Call>(r#"{"subject": null, "source": null, "x": null, "targets": []}"#);
    assert!(call.subject.is_none() && call.source.is_none() && call.extra.is_empty());
    assert_eq!(call.targets, Some(vec![]));
    assert!(diags.is_empty());
    assert_eq!(graph_comms::to_string(&call), r#"{"targets":[]}"#);
}

#[test]
fn unknown_members_are_kept_at_every_level() {
    let (call, _) = lenient::<Call>(
        r#"{"@odata.context": "c", "source": {"identity": {"user": {"id": "u", "identityProvider": "AAD"}}, "platformId": "0"}}"#,
    );
    assert_eq!(call.extra["@odata.context"], "c");
    let source = call.source.as_ref().unwrap();
    assert_eq!(source.extra["platformId"], "0");
    assert_eq!(
        graph_comms::to_value(&call)["source"]["identity"]["user"]["identityProvider"],
        "AAD"
    );
}

#[test]
fn diagnostics_are_capped() {
    let many = format!(
        "{{\"requestedModalities\": [{}\"audio\"]}}",
        "\"x\", ".repeat(50)
    );
    let options = DecodeOptions::lenient().with_max_diagnostics(10);
    let d = options.decode::<Call>(many.as_bytes()).unwrap();
    assert_eq!(d.diagnostics.len(), 11);
    let last = d.diagnostics.last().unwrap();
    assert_eq!(last.kind, DiagnosticKind::Truncated);
    assert!(last.message.starts_with("40 "), "{last}");
}

#[test]
fn empty_flags_name_nothing() {
    use graph_comms::participant::{OnlineMeetingRestricted, OnlineMeetingVideoDisabledReason};
    for (text, expected) in [
        ("", 0),
        (" ", 0),
        ("watermarkProtection, ,", 1),
        ("a,,b", 2),
    ] {
        let json = format!(r#"{{"videoDisabled": "{text}"}}"#);
        let (r, diags) = lenient::<OnlineMeetingRestricted>(&json);
        let flags = r.video_disabled.unwrap();
        assert_eq!(flags.0.len(), expected, "{text:?}");
        if expected == 1 {
            assert!(flags.contains(&OnlineMeetingVideoDisabledReason::WatermarkProtection));
        }
        // Whatever was dropped is reported, and the round trip holds.
        let rt = graph_comms::roundtrip::check(
            &DecodeOptions::lenient(),
            Some("onlineMeetingRestricted"),
            json.as_bytes(),
        )
        .unwrap();
        assert!(rt.holds(), "{text:?}: {:?}", rt.unexplained);
        assert_eq!(diags.is_empty(), text.is_empty(), "{text:?}: {diags:?}");
    }
}

/// Every diagnostic has a severity: a note when nothing of the value changed or was
/// lost, a warning when a value was kept raw, dropped or repaired, or the input was
/// cut short; `Decoded::warnings` gives the warnings alone.
#[test]
fn diagnostics_have_a_severity() {
    use graph_comms::Severity;
    use graph_comms::notification::CommsNotifications;
    for kind in DiagnosticKind::ALL {
        let expected = match kind {
            DiagnosticKind::TrailingComma
            | DiagnosticKind::Comment
            | DiagnosticKind::Bom
            | DiagnosticKind::UnknownType
            | DiagnosticKind::UnknownEnumValue
            | DiagnosticKind::InferredType
            | DiagnosticKind::Case
            | DiagnosticKind::ErrorShape => Severity::Note,
            _ => Severity::Warning,
        };
        assert_eq!(kind.severity(), expected, "{kind}");
        assert_eq!(kind.severity().as_str().parse(), Ok(expected));
    }
    let body = br##"{"value": [{"changeType": "updated",
        "resourceUrl": "/communications/calls/c1/participants",
        "resourceData": [{"id": "p1", "isMuted": "yes",
            "info": {"identity": {"phone": {"id": "+15551234567"}}}},]}]}"##;
    let decoded = graph_comms::from_slice::<CommsNotifications>(body).unwrap();
    let kinds = |it: &mut dyn Iterator<Item = &graph_comms::Diagnostic>| {
        it.map(|d| d.kind).collect::<Vec<_>>()
    };
    let all = kinds(&mut decoded.diagnostics.iter());
    assert!(all.contains(&DiagnosticKind::InferredType), "{all:?}");
    assert!(all.contains(&DiagnosticKind::TrailingComma), "{all:?}");
    assert_eq!(
        kinds(&mut decoded.warnings()),
        [DiagnosticKind::TypeMismatch]
    );
}
