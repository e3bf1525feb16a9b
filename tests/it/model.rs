//! Building payloads in code and encoding them.

use graph_comms::call::{Call, OutgoingCallOptions};
use graph_comms::identity::{Identity, IdentitySet};
use graph_comms::media::{Modality, ServiceHostedMediaConfig};
use graph_comms::participant::InvitationParticipantInfo;
use graph_comms::{Annotation, DecodeOptions, by_name};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The seed's first request (a peer-to-peer VoIP call with service-hosted media),
/// built in code, encodes to the documented JSON.
#[test]
fn building_the_seed_peer_to_peer_request() {
    let mut john = Identity::default();
    john.display_name = Some("John".into());
    john.id = Some("112f7296-5fa4-42ca-bae8-6a692b15d4b8".into());
    let mut identity = IdentitySet::default();
    identity.user = Some(john.into());
    let mut target = InvitationParticipantInfo::default();
    target.identity = Some(identity.into());
    let mut options = OutgoingCallOptions::default();
    options.is_content_sharing_notification_enabled = Some(true);

    let mut call = Call::default();
    call.callback_uri = Some("https://bot.contoso.com/callback".into());
    call.targets = Some(vec![target]);
    call.requested_modalities = Some(vec![Modality::Audio]);
    call.call_options = Some(options.into());
    call.media_config = Some(ServiceHostedMediaConfig::default().into());

    let seed = std::fs::read(crate::corpus_dir().join("seed/01-ex01-request.json")).unwrap();
    let expected: Value = serde_json::from_slice(&seed).unwrap();
    assert_eq!(graph_comms::to_value(&call), expected);
    // And the seed decodes to the same value.
    let decoded = DecodeOptions::strict().decode::<Call>(&seed).unwrap();
    assert_eq!(decoded.value, call);
}

#[test]
fn encoding_is_canonical() {
    let call = graph_comms::from_str::<Call>(
        r##"{"x": 1, "subject": "s", "@odata.type": "#microsoft.graph.call", "id": "c", "callbackUri": "u"}"##,
    )
    .unwrap()
    .value;
    assert_eq!(
        graph_comms::to_string(&call),
        r##"{"@odata.type":"#microsoft.graph.call","id":"c","callbackUri":"u","subject":"s","x":1}"##
    );
    let mut bare = Call::default();
    bare.odata_type = Annotation::Absent;
    assert_eq!(graph_comms::to_string(&bare), "{}");
    assert_eq!(
        graph_comms::to_value(&Call::default()),
        json!({"@odata.type": "#microsoft.graph.call"})
    );
}

#[test]
fn typed_members_win_over_extra_members_of_the_same_name() {
    let mut call = Call::default();
    call.subject = Some("typed".into());
    call.extra.insert("subject".into(), json!("raw"));
    call.extra.insert("@odata.type".into(), json!("#other"));
    assert_eq!(
        graph_comms::to_value(&call),
        json!({"@odata.type": "#microsoft.graph.call", "subject": "typed"})
    );
}

/// The list of types by name is complete: every type of the v1.0 metadata in scope
/// and the request body of every bound action are in it, so is every type the beta fragments declare or refer to (but for the
/// exceptions below), and nothing else is.
#[test]
fn the_list_of_types_is_the_metadata() {
    /// Types of the crate that no metadata declares, and why.
    const NOT_METADATA: &[(&str, &str)] = &[
        (
            "error",
            "the OData error body Graph answers a failed request with: the OData JSON format defines it, not the CSDL",
        ),
        (
            "participantCollection",
            "the page of participants the participants list answers with: an OData collection, not a CSDL type",
        ),
    ];
    /// Beta types the crate does not model, and why.
    const NOT_MODELLED: &[(&str, &str)] = &[(
        "syntheticMediaDetectionInfo",
        "the type of participant.syntheticMediaDetection, a beta member no documented payload carries",
    )];
    let metadata = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/metadata");
    let tsv =
        std::fs::read_to_string(metadata.join("graph-v1.0-communications.types.tsv")).unwrap();
    let v1: BTreeSet<&str> = tsv
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .collect();
    // The request bodies of the bound actions, by their `<binding>.<action>` names.
    let bodies: Vec<String> = crate::actions::bound_actions()
        .into_iter()
        .map(|a| a.name)
        .collect();
    let v1: BTreeSet<&str> = v1
        .into_iter()
        .chain(bodies.iter().map(String::as_str))
        .collect();
    let xml = [
        "graph-beta-communications-fragments.xml",
        "graph-beta-actions.xml",
    ]
    .map(|f| std::fs::read_to_string(metadata.join(f)).unwrap())
    .concat();
    let mut beta = BTreeSet::new();
    for (prefix, end) in [
        ("<ComplexType Name=\"", '"'),
        ("<EntityType Name=\"", '"'),
        ("<EnumType Name=\"", '"'),
        ("\"graph.", '"'),
        ("(graph.", ')'),
    ] {
        for piece in xml.split(prefix).skip(1) {
            if let Some(name) = piece.split(end).next() {
                beta.insert(name.to_owned());
            }
        }
    }
    let listed: BTreeSet<&str> = by_name::types().iter().map(|t| t.name()).collect();
    let missing: Vec<&&str> = v1.iter().filter(|t| !listed.contains(*t)).collect();
    assert!(
        missing.is_empty(),
        "v1.0 metadata types not in by_name::types(): {missing:?}"
    );
    for t in &beta {
        let excused = NOT_MODELLED.iter().any(|(n, _)| n == t);
        assert!(
            listed.contains(t.as_str()) || excused,
            "`{t}` (beta fragments) is not in by_name::types()"
        );
    }
    for t in &listed {
        assert!(
            v1.contains(t) || beta.contains(*t) || NOT_METADATA.iter().any(|(n, _)| n == t),
            "`{t}` is in by_name::types() but in no metadata"
        );
    }
}

/// The table of actions is the metadata's: one per bound action, named, bound and
/// answered by the operation the metadata returns; and each body type is its action's.
#[test]
fn the_actions_are_the_metadata() {
    use graph_comms::action::{Action, ActionBody, Binding, CallAnswer, ParticipantsInvite};
    use graph_comms::operation::OperationType;
    let bound = crate::actions::bound_actions();
    assert_eq!(bound.len(), 19);
    assert_eq!(Action::ALL.len(), bound.len());
    for metadata in &bound {
        let action: Action = metadata
            .name
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", metadata.name));
        assert_eq!(action.as_str(), metadata.name);
        assert_eq!(action.to_string(), metadata.name);
        let (binding, segment) = metadata.name.split_once('.').unwrap();
        assert_eq!(action.binding().as_str(), binding);
        assert_eq!(action.segment(), segment);
        assert_eq!(
            action.operation().map(OperationType::as_str),
            metadata.returns.as_deref(),
            "{}: the operation that answers it",
            metadata.name
        );
        if let Some(operation) = action.operation() {
            assert!(Action::answered_by(operation).any(|a| a == action));
            assert!(by_name::lookup(operation.as_str()).is_some(), "{operation}");
            assert_eq!(operation.as_str().parse(), Ok(operation));
        }
        assert!(by_name::lookup(action.as_str()).is_some());
    }
    assert_eq!(CallAnswer::ACTION, Action::CallAnswer);
    assert_eq!(ParticipantsInvite::ACTION.binding(), Binding::Participants);
    let mute: Vec<&str> = Action::answered_by(OperationType::MuteParticipant)
        .map(Action::as_str)
        .collect();
    assert_eq!(mute, ["call.mute", "participant.mute"]);
    assert!("call.hangUp".parse::<Action>().is_err());
    for t in OperationType::ALL {
        assert!(by_name::lookup(t.as_str()).is_some(), "{t}");
    }
}

/// Resource paths parse into the call and what under it, however they are written.
#[test]
fn resource_paths_name_the_call_and_what_under_it() {
    use graph_comms::notification::{ResourcePath, Under};
    let parse = |p| ResourcePath::parse(p).unwrap_or_else(|| panic!("{p}"));
    for path in [
        "/communications/calls/c1",
        "communications/calls/c1",
        "/COMMUNICATIONS/CALLS/c1/",
        "/app/calls/c1",
        "https://graph.microsoft.com/v1.0/communications/calls/c1?$select=state",
        "//communications//calls/c1#/participants/p1",
        "/communications/calls/c1?$filter=id eq 'a/b'",
        "/communications/calls/c1/#",
    ] {
        assert_eq!(parse(path).call_id, "c1", "{path}");
        assert_eq!(parse(path).under, Under::Call, "{path}");
    }
    let p = parse("/communications/calls/c1/Participants/p1");
    assert_eq!((p.call_id, p.participant_id()), ("c1", Some("p1")));
    assert_eq!(
        parse("/app/calls/c1/participants").under,
        Under::Participants(None)
    );
    assert_eq!(
        parse("/communications/calls/c1/operations/o1").operation_id(),
        Some("o1")
    );
    assert_eq!(
        parse("/communications/calls/c1/contentsharingsessions/s1").content_sharing_session_id(),
        Some("s1")
    );
    assert_eq!(
        parse("/communications/calls/c1/audioRoutingGroups/g1").audio_routing_group_id(),
        Some("g1")
    );
    assert_eq!(
        parse("/communications/calls/c1/recordings/r1").under,
        Under::Other {
            collection: "recordings",
            id: Some("r1")
        }
    );
    for none in [
        "/communications/calls",
        "/communications/calls/",
        "/users/u1/calls/c1",
        "",
        "/communications/calls?/c1",
        "/communications/calls#c1",
        "/communications/calls/?c1",
    ] {
        assert_eq!(ResourcePath::parse(none), None, "{none}");
    }
}

/// Every notification of the corpus whose path names a call gives its call id, and
/// every resource comes with the notification that locates it.
#[test]
fn every_corpus_notification_gives_its_call() {
    use graph_comms::notification::CommsNotifications;
    let mut with_call = 0;
    for entry in crate::all_entries()
        .into_iter()
        .filter(|e| e.get("type") == "commsNotifications")
    {
        let body = graph_comms::from_slice::<CommsNotifications>(&entry.bytes())
            .unwrap()
            .value;
        for notification in body.value.iter().flatten() {
            let Some(path) = notification.path() else {
                continue;
            };
            if !path.to_ascii_lowercase().contains("calls/") {
                continue;
            }
            let id = notification
                .call_id()
                .unwrap_or_else(|| panic!("{}: {path}", entry.name()));
            assert!(
                path.contains(&format!("/{id}")),
                "{}: {path} gives {id}",
                entry.name()
            );
            with_call += 1;
        }
        let located = body.located_resources().count();
        assert_eq!(located, body.resources().count(), "{}", entry.name());
    }
    assert!(with_call > 50, "{with_call}");
}

/// A request body is found by its metadata name and by the `@odata.type` an SDK
/// writes for it, which it keeps; without that annotation it is written bare.
#[test]
fn a_body_is_found_by_name_and_by_its_sdk_annotation() {
    use graph_comms::action::CallAnswer;
    let body = br##"{"@odata.type": "#microsoft.graph.callAnswerRequestBody", "callbackUri": "https://bot.contoso.com/api/calls", "mediaConfig": {"@odata.type": "#microsoft.graph.serviceHostedMediaConfig"}}"##;
    let decoded = by_name::decode_as(&DecodeOptions::strict(), None, body).unwrap();
    assert_eq!(decoded.value.type_name(), "call.answer");
    let answer = decoded.value.as_any().downcast_ref::<CallAnswer>().unwrap();
    assert_eq!(answer.odata_type, Annotation::Present);
    assert!(answer.extra.is_empty());
    assert_eq!(
        by_name::lookup("call.answer").map(|t| t.odata_type()),
        Some("#microsoft.graph.callAnswerRequestBody")
    );
    let bare = CallAnswer::default().with_callback_uri("https://bot.contoso.com/api/calls");
    assert_eq!(
        graph_comms::to_string(&bare),
        r#"{"callbackUri":"https://bot.contoso.com/api/calls"}"#
    );
    // Another type where the body is: lenient keeps it and says so; strict refuses.
    let foreign = br##"{"@odata.type": "#microsoft.graph.call", "callbackUri": "https://x"}"##;
    let lenient = DecodeOptions::lenient()
        .decode::<CallAnswer>(foreign)
        .unwrap();
    assert_eq!(
        lenient.value.extra.get("@odata.type"),
        Some(&json!("#microsoft.graph.call"))
    );
    assert!(
        lenient
            .diagnostics
            .iter()
            .any(|d| d.kind == graph_comms::DiagnosticKind::TypeMismatch)
    );
    assert!(
        DecodeOptions::strict()
            .decode::<CallAnswer>(foreign)
            .is_err()
    );
    // And its required members: reported when absent or null, not when present.
    let kinds = |input: &[u8]| -> Vec<String> {
        DecodeOptions::strict()
            .decode::<CallAnswer>(input)
            .unwrap()
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.pointer, d.kind))
            .collect()
    };
    assert_eq!(
        kinds(br#"{"callbackUri": null}"#),
        [" missing_member", " missing_member"]
    );
    assert!(kinds(br##"{"callbackUri": "https://x", "mediaConfig": {"@odata.type": "#microsoft.graph.appHostedMediaConfig"}}"##).is_empty());
}

/// A result prints the codes it has, no more: `code` 0 alone is `0`, not `0/0`.
#[test]
fn results_print_only_their_codes() {
    use graph_comms::operation::ResultInfo;
    let r = |json: &str| {
        graph_comms::from_str::<ResultInfo>(json)
            .unwrap()
            .value
            .to_string()
    };
    assert_eq!(r(r#"{"code": 0}"#), "0");
    assert_eq!(
        r(r#"{"code": 200, "subcode": 5504, "message": "ok"}"#),
        "200/5504: ok"
    );
    assert_eq!(r(r#"{"message": "Call ended."}"#), "Call ended.");
    assert_eq!(r(r#"{"subcode": 8537}"#), "?/8537");
}
