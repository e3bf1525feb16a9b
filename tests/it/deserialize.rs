//! `serde::Deserialize`: the value lenient `from_slice` gives, through any serde
//! data format, inside a service's own types, and behind `DeserializeOwned` bounds.

use std::collections::{BTreeMap, HashMap};

use graph_comms::by_name::{self, GraphValue};
use graph_comms::call::{Call, CallState};
use graph_comms::identity::AnyIdentitySet;
use graph_comms::notification::{CommsNotifications, Resource};
use graph_comms::operation::{self, AnyCommsOperation};
use graph_comms::participant::Participant;
use graph_comms::{DecodeOptions, Decoded, DiagnosticKind, from_slice};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Each of `T`'s serde paths against lenient decoding: `serde_json` text, a
/// `serde_json::Value`, MessagePack. The same value when decoding says nothing worse
/// than notes; an error naming the first warning's pointer and kind otherwise.
fn same_through_serde<T>(bytes: &[u8], tree: &Value, what: &str)
where
    T: DeserializeOwned + graph_comms::Decode + PartialEq + std::fmt::Debug,
{
    // What each path reads: the bytes, or the tree (which kept the last of
    // duplicate members, and sorts them).
    let from_bytes = from_slice::<T>(bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
    let from_tree =
        from_slice::<T>(tree.to_string().as_bytes()).unwrap_or_else(|e| panic!("{what}: {e}"));
    let packed = rmp_serde::to_vec(tree).unwrap();
    let paths: [(&str, Result<T, String>, &Decoded<T>); 3] = [
        (
            "serde_json::from_slice",
            serde_json::from_slice(bytes).map_err(|e| e.to_string()),
            &from_bytes,
        ),
        (
            "serde_json::from_value",
            serde_json::from_value(tree.clone()).map_err(|e| e.to_string()),
            &from_tree,
        ),
        (
            "MessagePack",
            rmp_serde::from_slice(&packed).map_err(|e| e.to_string()),
            &from_tree,
        ),
    ];
    for (path, result, decoded) in paths {
        if decoded.warnings().next().is_none() {
            let value = result.unwrap_or_else(|e| panic!("{what}: {path}: {e}"));
            assert_eq!(&value, &decoded.value, "{what}: {path}");
        } else {
            let error = result.expect_err(&format!("{what}: {path}: a warning"));
            assert!(
                decoded
                    .warnings()
                    .any(|w| error.contains(&format!("{}: {}", w.pointer, w.kind))),
                "{what}: {path}: {error}"
            );
        }
    }
}

#[test]
fn every_standard_json_corpus_file_deserializes_to_the_decoded_value() {
    let (mut checked, mut not_standard) = (0, 0);
    for entry in crate::all_entries() {
        let bytes = entry.bytes();
        let what = entry.path.display().to_string();
        let Ok(tree) = serde_json::from_slice::<Value>(&bytes) else {
            // Trailing commas and comments: not JSON to serde_json, by design.
            not_standard += 1;
            continue;
        };
        let name = entry.get("type");
        // The by-name list reads the tree as lenient decoding does.
        let listed = by_name::lookup(name).unwrap_or_else(|| panic!("{what}: type {name}"));
        let decoded = listed
            .decode(&DecodeOptions::lenient(), &bytes)
            .unwrap_or_else(|e| panic!("{what}: {e}"))
            .value;
        let from_value = listed
            .from_value(&tree)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(from_value.eq_value(&*decoded), "{what}: by name");
        // And the concrete type, through each serde path.
        match name {
            "call" => same_through_serde::<Call>(&bytes, &tree, &what),
            "commsNotifications" => same_through_serde::<CommsNotifications>(&bytes, &tree, &what),
            "participant" => same_through_serde::<Participant>(&bytes, &tree, &what),
            "identity" => {
                same_through_serde::<graph_comms::identity::Identity>(&bytes, &tree, &what)
            }
            "commsOperation" => same_through_serde::<AnyCommsOperation>(&bytes, &tree, &what),
            op if op.ends_with("Operation") => {
                operation_through_serde(op, &bytes, &tree, &what);
            }
            "audioRoutingGroup" => {
                same_through_serde::<graph_comms::audio_routing::AudioRoutingGroup>(
                    &bytes, &tree, &what,
                );
            }
            "error" => {
                same_through_serde::<graph_comms::error_body::ErrorBody>(&bytes, &tree, &what);
            }
            body if body.contains('.') => body_through_serde(body, &bytes, &tree, &what),
            other => panic!("{what}: add `{other}` to this test's list"),
        }
        checked += 1;
    }
    assert!(checked > 80, "{checked} files checked");
    assert!(
        not_standard > 10,
        "{not_standard} files are not standard JSON"
    );
}

/// The operation types of the corpus, each through its own `Deserialize`.
fn operation_through_serde(name: &str, bytes: &[u8], tree: &Value, what: &str) {
    match name {
        "addLargeGalleryViewOperation" => {
            same_through_serde::<operation::AddLargeGalleryViewOperation>(bytes, tree, what);
        }
        "cancelMediaProcessingOperation" => {
            same_through_serde::<operation::CancelMediaProcessingOperation>(bytes, tree, what);
        }
        "inviteParticipantsOperation" => {
            same_through_serde::<operation::InviteParticipantsOperation>(bytes, tree, what);
        }
        "muteParticipantOperation" => {
            same_through_serde::<operation::MuteParticipantOperation>(bytes, tree, what);
        }
        "playPromptOperation" => {
            same_through_serde::<operation::PlayPromptOperation>(bytes, tree, what);
        }
        "recordOperation" => same_through_serde::<operation::RecordOperation>(bytes, tree, what),
        "sendDtmfTonesOperation" => {
            same_through_serde::<operation::SendDtmfTonesOperation>(bytes, tree, what);
        }
        "startHoldMusicOperation" => {
            same_through_serde::<operation::StartHoldMusicOperation>(bytes, tree, what);
        }
        "stopHoldMusicOperation" => {
            same_through_serde::<operation::StopHoldMusicOperation>(bytes, tree, what);
        }
        "subscribeToToneOperation" => {
            same_through_serde::<operation::SubscribeToToneOperation>(bytes, tree, what);
        }
        "unmuteParticipantOperation" => {
            same_through_serde::<operation::UnmuteParticipantOperation>(bytes, tree, what);
        }
        "updateRecordingStatusOperation" => {
            same_through_serde::<operation::UpdateRecordingStatusOperation>(bytes, tree, what);
        }
        other => panic!("{what}: add `{other}` to this test's list"),
    }
}

/// The action bodies of the corpus, each through its own `Deserialize`.
fn body_through_serde(name: &str, bytes: &[u8], tree: &Value, what: &str) {
    use graph_comms::action::*;
    match name {
        "call.addLargeGalleryView" => {
            same_through_serde::<CallAddLargeGalleryView>(bytes, tree, what)
        }
        "call.answer" => same_through_serde::<CallAnswer>(bytes, tree, what),
        "call.cancelMediaProcessing" => {
            same_through_serde::<CallCancelMediaProcessing>(bytes, tree, what);
        }
        "call.changeScreenSharingRole" => {
            same_through_serde::<CallChangeScreenSharingRole>(bytes, tree, what);
        }
        "call.keepAlive" => same_through_serde::<CallKeepAlive>(bytes, tree, what),
        "call.mute" => same_through_serde::<CallMute>(bytes, tree, what),
        "call.playPrompt" => same_through_serde::<CallPlayPrompt>(bytes, tree, what),
        "call.recordResponse" => same_through_serde::<CallRecordResponse>(bytes, tree, what),
        "call.redirect" => same_through_serde::<CallRedirect>(bytes, tree, what),
        "call.reject" => same_through_serde::<CallReject>(bytes, tree, what),
        "call.sendDtmfTones" => same_through_serde::<CallSendDtmfTones>(bytes, tree, what),
        "call.subscribeToTone" => same_through_serde::<CallSubscribeToTone>(bytes, tree, what),
        "call.transfer" => same_through_serde::<CallTransfer>(bytes, tree, what),
        "call.unmute" => same_through_serde::<CallUnmute>(bytes, tree, what),
        "call.updateRecordingStatus" => {
            same_through_serde::<CallUpdateRecordingStatus>(bytes, tree, what);
        }
        "participant.mute" => same_through_serde::<ParticipantMute>(bytes, tree, what),
        "participant.startHoldMusic" => {
            same_through_serde::<ParticipantStartHoldMusic>(bytes, tree, what);
        }
        "participant.stopHoldMusic" => {
            same_through_serde::<ParticipantStopHoldMusic>(bytes, tree, what);
        }
        "participants.invite" => same_through_serde::<ParticipantsInvite>(bytes, tree, what),
        other => panic!("{what}: add `{other}` to this test's list"),
    }
}

/// What a service keeps: a callback body with its own bookkeeping around it.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Stored {
    received_at: u64,
    body: CommsNotifications,
    calls: HashMap<String, Call>,
    last_state: Option<CallState>,
    #[serde(default)]
    resources: Vec<Resource>,
}

#[test]
fn a_type_inside_a_derived_struct_round_trips() {
    let body = json!({"value": [{
        "changeType": "updated",
        "resourceUrl": "/communications/calls/421f/participants",
        "resourceData": [{"@odata.type": "#microsoft.graph.participant", "id": "p1", "isMuted": true,
                          "x-custom": {"kept": [1, 2.5, null]}}]
    }]});
    let stored = json!({
        "received_at": 1_700_000_000u64,
        "body": body,
        "calls": {"421f": {"state": "Established", "callbackUri": "https://bot.contoso.com/cb"}},
        "last_state": "ringing",
    });
    let s: Stored = serde_json::from_value(stored.clone()).unwrap();
    assert_eq!(s.last_state, Some(CallState::Ringing));
    assert_eq!(
        s.calls["421f"].state,
        Some(CallState::Established),
        "other casings read"
    );
    let resources: Vec<&Resource> = s.body.resources().collect();
    assert!(matches!(resources[..], [Resource::Participant(p)] if p.is_muted == Some(true)));
    // Through text, and back: the state is spelled as it came.
    let text = serde_json::to_string(&s).unwrap();
    let again: Stored = serde_json::from_str(&text).unwrap();
    assert_eq!(again, s);
    let mut expected = stored;
    expected["resources"] = json!([]);
    assert_eq!(serde_json::to_value(&s).unwrap(), expected);
}

#[test]
fn deserializing_keeps_what_lenient_decoding_keeps() {
    let input = json!({
        "@odata.type": "#microsoft.graph.call",
        "state": "parked",
        "source": {"identity": {"@odata.type": "#microsoft.graph.futureIdentitySet", "x": 1}},
        "unknownMember": {"a": [true]}
    });
    let call: Call = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(call.state.as_ref().map(CallState::as_str), Some("parked"));
    let identity = call
        .source
        .as_ref()
        .and_then(|s| s.identity.as_ref())
        .unwrap();
    assert!(!identity.is_known());
    assert_eq!(
        graph_comms::to_value(&call),
        input,
        "and encodes back as it came"
    );
    let decoded = from_slice::<Call>(input.to_string().as_bytes()).unwrap();
    assert_eq!(decoded.value, call);
    assert_eq!(decoded.diagnostics.len(), 2, "notes serde drops");
    assert_eq!(decoded.warnings().count(), 0);
}

/// What would change in silence is an error through serde, which has no place for
/// diagnostics: a mistyped value, and a callback body that is not notifications (a
/// legacy call notification decodes as an empty batch otherwise).
#[test]
fn serde_refuses_what_it_cannot_say() {
    let mistyped = json!({"@odata.type": "#microsoft.graph.call", "subject": 42});
    let e = serde_json::from_value::<Call>(mistyped)
        .unwrap_err()
        .to_string();
    assert!(e.contains("/subject: type_mismatch: "), "{e}");
    let e = serde_json::from_value::<CommsNotifications>(json!({"value": "not an array"}))
        .unwrap_err()
        .to_string();
    assert!(e.contains("/value: shape: "), "{e}");
    let legacy = json!({"id": "57dab8b1", "participants": [], "isMultiparty": false,
        "presentedModalityTypes": ["audio"], "callState": "incoming"});
    let e = serde_json::from_value::<CommsNotifications>(legacy)
        .unwrap_err()
        .to_string();
    assert!(e.contains("not Graph-format notifications"), "{e}");
    // from_slice says the same as a warning, and still gives what it read.
    let decoded = from_slice::<CommsNotifications>(br#"{"callState": "incoming"}"#).unwrap();
    assert_eq!(
        decoded.warnings().map(|d| d.kind).collect::<Vec<_>>(),
        [DiagnosticKind::MissingMember]
    );
}

/// `Raw` keeps the text of a payload an envelope carries, and decodes it on demand
/// with its diagnostics.
#[test]
fn raw_keeps_the_text_and_decodes_on_demand() {
    use graph_comms::Raw;
    #[derive(serde::Deserialize, serde::Serialize)]
    struct Envelope {
        body: Raw<Call>,
    }
    let envelope: Envelope =
        serde_json::from_str(r#"{"body": {"subject": 42, "state": "Established"}}"#).unwrap();
    let decoded = envelope.body.decode().unwrap();
    assert_eq!(decoded.warnings().count(), 1, "the mistyped subject, said");
    assert_eq!(decoded.value.state, Some(CallState::Established));
    let strict = envelope.body.decode_with(&DecodeOptions::strict());
    assert!(strict.is_err());
    assert_eq!(
        serde_json::to_value(&envelope).unwrap(),
        json!({"body": {"subject": 42, "state": "Established"}})
    );
    let built = Raw::from_value(&Call::default().with_subject("s"));
    assert_eq!(built.decode().unwrap().value.subject.as_deref(), Some("s"));
}

/// Numbers kept raw read as `serde_json::Value` reads them, so that both paths agree:
/// `-0` keeps its sign (a float), large integers become floats.
#[test]
fn raw_numbers_agree_with_serde_json() {
    for n in [
        "-0",
        "-0.0",
        "0",
        "1E2",
        "18446744073709551615",
        "-9223372036854775809",
        "12345678901234567890123",
        "5e-324",
    ] {
        let text = format!(r#"{{"x-n": {n}}}"#);
        let decoded = from_slice::<Call>(text.as_bytes()).unwrap().value;
        let through_serde: Call = serde_json::from_str(&text).unwrap();
        assert_eq!(decoded, through_serde, "{n}");
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(decoded.extra["x-n"], value["x-n"], "{n}");
    }
}

#[test]
fn a_root_of_the_wrong_type_is_a_serde_error_with_its_pointer() {
    let e = serde_json::from_str::<Call>("[1, 2]").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("(root): expected a `call` object"),
        "{e}"
    );
    let e = serde_json::from_str::<Stored>(
        r#"{"received_at": 1, "body": [], "calls": {}, "last_state": null}"#,
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("(root): expected a `commsNotifications` object"),
        "{e}"
    );
    // The pointer is within the value deserialized: a mistyped member deeper down is
    // kept raw, as lenient decoding keeps it; a root that is no call is an error.
    let e = serde_json::from_str::<HashMap<String, Call>>(r#"{"a": "call"}"#).unwrap_err();
    assert!(e.to_string().contains("expected a `call` object"), "{e}");
    let e = serde_json::from_value::<CallState>(json!(3)).unwrap_err();
    assert!(e.to_string().contains("callState"), "{e}");
}

#[test]
fn deep_value_trees_fail_instead_of_exhausting_the_stack() {
    let mut deep = json!({});
    // 600 levels: past the limit of 512, within what serde_json can drop.
    for _ in 0..300 {
        deep = json!({"x-deep": [deep]});
    }
    let tree = json!({"state": "established", "x": deep});
    let e = serde_json::from_value::<Call>(tree).unwrap_err();
    assert!(e.to_string().contains("nested deeper"), "{e}");
}

#[test]
fn option_and_maps_decode_and_deserialize() {
    let none = from_slice::<Option<Call>>(b"null").unwrap().value;
    assert_eq!(none, None);
    let some = from_slice::<Option<Call>>(br#"{"state": "hold"}"#)
        .unwrap()
        .value;
    assert_eq!(some.and_then(|c| c.state), Some(CallState::Hold));
    let body =
        br#"{"a": {"state": "hold"}, "b": {"state": "terminated"}, "a": {"state": "incoming"}}"#;
    let Decoded {
        value, diagnostics, ..
    } = from_slice::<HashMap<String, Call>>(body).unwrap();
    assert_eq!(value.len(), 2);
    assert_eq!(
        value["a"].state,
        Some(CallState::Incoming),
        "the last duplicate wins"
    );
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].pointer, "/a");
    let strict = DecodeOptions::strict().decode::<BTreeMap<String, Call>>(body);
    assert!(strict.is_err(), "a duplicate is an error when strict");
    let sets: BTreeMap<String, AnyIdentitySet> =
        serde_json::from_str(r#"{"x": {"user": {"id": "u"}}}"#).unwrap();
    assert!(sets["x"].is_known());
}

/// Every listed type is `DeserializeOwned` (the by-name list requires it of each, so
/// the crate would not build otherwise); the bounds a service's framework puts are
/// met by the usual wrappers too.
#[test]
fn deserialize_owned_holds_for_the_public_types() {
    fn owned<T: DeserializeOwned>() {}
    owned::<Call>();
    owned::<CommsNotifications>();
    owned::<Option<Call>>();
    owned::<HashMap<String, Call>>();
    owned::<Vec<Resource>>();
    owned::<graph_comms::OneOrMany<Resource>>();
    owned::<graph_comms::UnknownObject>();
    owned::<graph_comms::enums::Flags<graph_comms::participant::MediaDirection>>();
    assert!(by_name::types().len() > 100);
    let _: Box<dyn GraphValue> = by_name::lookup("call")
        .unwrap()
        .from_value(&json!({}))
        .unwrap();
}
