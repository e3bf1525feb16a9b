//! Each polymorphic point: dispatch on `@odata.type`, its spellings, its absence.

use graph_comms::call::{Call, CallOptions};
use graph_comms::identity::{AnyIdentity, AnyIdentitySet};
use graph_comms::media::{MediaConfig, Prompt};
use graph_comms::meeting::MeetingInfo;
use graph_comms::notification::{CommsNotifications, Resource, ResourceData};
use graph_comms::operation::AnyCommsOperation;
use graph_comms::{Annotation, Decode, DecodeOptions, DiagnosticKind, from_str};

fn kinds<T: Decode>(json: &str) -> (T, Vec<DiagnosticKind>) {
    let d = from_str::<T>(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    (d.value, d.diagnostics.iter().map(|d| d.kind).collect())
}

#[test]
fn media_config_dispatches_and_infers() {
    let (v, k) = kinds::<MediaConfig>(
        r##"{"@odata.type": "#microsoft.graph.appHostedMediaConfig", "blob": "b"}"##,
    );
    assert!(matches!(&v, MediaConfig::AppHosted(c) if c.blob.as_deref() == Some("b")));
    assert!(k.is_empty());
    let (v, k) = kinds::<MediaConfig>(
        r##"{"preFetchMedia": [], "@odata.type": "#microsoft.graph.serviceHostedMediaConfig"}"##,
    );
    assert!(matches!(v, MediaConfig::ServiceHosted(_)));
    assert!(k.is_empty());
    let (v, k) = kinds::<MediaConfig>(r#"{"preFetchMedia": []}"#);
    assert!(matches!(&v, MediaConfig::ServiceHosted(c) if c.odata_type == Annotation::Absent));
    assert_eq!(k, [DiagnosticKind::InferredType]);
    let (v, k) = kinds::<MediaConfig>(r#"{}"#);
    assert!(!v.is_known());
    assert_eq!(v.type_name(), None);
    assert_eq!(graph_comms::to_string(&v), "{}");
    assert_eq!(k, [DiagnosticKind::UnknownType]);
    // Members that contradict each other point nowhere.
    let (v, _) = kinds::<MediaConfig>(r#"{"blob": "b", "preFetchMedia": []}"#);
    assert!(!v.is_known());
}

#[test]
fn meeting_info_dispatches_each_variant() {
    let (v, _) = kinds::<MeetingInfo>(
        r##"{"@odata.type": "#microsoft.graph.organizerMeetingInfo", "organizer": {"user": {"id": "o"}}, "allowConversationWithoutHost": true}"##,
    );
    assert_eq!(v.type_name(), Some("organizerMeetingInfo"));
    assert_eq!(v.allow_conversation_without_host(), Some(&true));
    let (v, _) = kinds::<MeetingInfo>(
        r##"{"@odata.type": "#microsoft.graph.joinMeetingIdMeetingInfo", "joinMeetingId": "1", "passcode": null}"##,
    );
    assert!(matches!(&v, MeetingInfo::JoinMeetingId(m) if m.passcode.is_none()));
    let (v, _) = kinds::<MeetingInfo>(
        r##"{"@odata.type": "#microsoft.graph.tokenMeetingInfo", "token": "t"}"##,
    );
    assert!(matches!(&v, MeetingInfo::Token(m) if m.token.as_deref() == Some("t")));
    let (v, k) = kinds::<MeetingInfo>(r##"{"token": "t"}"##);
    assert!(matches!(v, MeetingInfo::Token(_)));
    assert_eq!(k, [DiagnosticKind::InferredType]);
}

#[test]
fn call_options_without_type_is_ambiguous() {
    let (v, _) = kinds::<CallOptions>(
        r##"{"@odata.type": "#microsoft.graph.incomingCallOptions", "isDeltaRosterEnabled": true}"##,
    );
    assert!(matches!(v, CallOptions::Incoming(_)));
    assert_eq!(v.is_delta_roster_enabled(), Some(&true));
    let (v, k) = kinds::<CallOptions>(r##"{"isDeltaRosterEnabled": true}"##);
    assert!(!v.is_known());
    assert_eq!(k, [DiagnosticKind::UnknownType]);
}

#[test]
fn prompt_dispatches() {
    let (v, _) = kinds::<Prompt>(
        r##"{"@odata.type": "#microsoft.graph.mediaPrompt", "mediaInfo": {"uri": "https://cdn.contoso.com/beep.wav"}}"##,
    );
    assert!(
        matches!(&v, Prompt::Media(p) if p.media_info.as_ref().and_then(|m| m.uri.as_deref()) == Some("https://cdn.contoso.com/beep.wav"))
    );
}

#[test]
fn identity_is_the_base_type_without_annotation() {
    let (v, k) = kinds::<AnyIdentity>(r#"{"id": "u1", "displayName": "John", "tenantId": "t"}"#);
    let AnyIdentity::Identity(i) = &v else {
        panic!("{v:?}")
    };
    assert_eq!(i.odata_type, Annotation::Absent);
    assert_eq!(i.extra["tenantId"], "t");
    assert_eq!(v.id(), Some("u1"));
    assert!(k.is_empty());
    let (v, _) = kinds::<AnyIdentity>(
        r##"{"@odata.type": "#microsoft.graph.communicationsUserIdentity", "id": "u1", "tenantId": "t"}"##,
    );
    assert!(
        matches!(&v, AnyIdentity::CommunicationsUser(u) if u.tenant_id.as_deref() == Some("t"))
    );
    let (v, _) = kinds::<AnyIdentity>(
        r##"{"@odata.type": "#microsoft.graph.callRecords.userIdentity", "userPrincipalName": "a@b"}"##,
    );
    assert!(matches!(v, AnyIdentity::CallRecordsUser(_)));
}

#[test]
fn identity_set_dispatches_to_communications() {
    let (v, _) = kinds::<AnyIdentitySet>(
        r##"{"@odata.type": "#microsoft.graph.communicationsIdentitySet", "phone": {"id": "+1"}, "user": {"id": "u"}}"##,
    );
    let AnyIdentitySet::Communications(s) = &v else {
        panic!("{v:?}")
    };
    assert_eq!(s.phone.as_ref().and_then(AnyIdentity::id), Some("+1"));
    assert!(v.user().is_some());
    // The documents write `identitySet` with members only the derived type declares:
    // the object is of that type, and keeps the annotation it came with.
    let input = r##"{"@odata.type": "#microsoft.graph.identitySet", "phone": {"id": "+1"}}"##;
    let (v, k) = kinds::<AnyIdentitySet>(input);
    let AnyIdentitySet::Communications(s) = &v else {
        panic!("{v:?}")
    };
    assert_eq!(s.phone.as_ref().and_then(AnyIdentity::id).unwrap(), "+1");
    assert_eq!(
        s.odata_type,
        Annotation::Base("#microsoft.graph.identitySet")
    );
    assert!(s.extra.is_empty());
    assert_eq!(k, [DiagnosticKind::InferredType]);
    assert_eq!(
        graph_comms::to_value(&v),
        serde_json::from_str::<serde_json::Value>(input).unwrap()
    );
}

/// At each concrete point (`identitySet`, `identity`, `commsOperation`), an object
/// read as the declared type whose members only one derived type declares is of that
/// type; one whose members more than one declares stays the declared type.
#[test]
fn members_only_a_derived_type_declares_type_the_object() {
    fn derived<T: Decode + serde::Serialize>(input: &str, expected: Option<&str>) -> T {
        let d = from_str::<T>(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        let kinds: Vec<DiagnosticKind> = d.diagnostics.iter().map(|d| d.kind).collect();
        if expected.is_some() {
            assert_eq!(kinds, [DiagnosticKind::InferredType], "{input}");
            assert_eq!(d.diagnostics[0].pointer, "", "{input}");
        } else {
            assert!(kinds.is_empty(), "{input}: {kinds:?}");
        }
        // Encoding writes back the annotation the object had: none, or the base's.
        let back: serde_json::Value = serde_json::from_str(input).unwrap();
        assert_eq!(graph_comms::to_value(&d.value), back, "{input}");
        d.value
    }
    let names = |v: &AnyIdentitySet| v.type_name().map(str::to_owned);

    // identitySet, untyped and typed as the base; each member only the derived set has.
    for member in [
        "phone",
        "applicationInstance",
        "guest",
        "encrypted",
        "onPremises",
        "azureCommunicationServicesUser",
    ] {
        for annotation in ["", r##""@odata.type": "#microsoft.graph.identitySet", "##] {
            let input =
                format!(r#"{{{annotation}"user": {{"id": "u"}}, "{member}": {{"id": "x"}}}}"#);
            let v = derived::<AnyIdentitySet>(&input, Some("communicationsIdentitySet"));
            assert_eq!(
                names(&v).as_deref(),
                Some("communicationsIdentitySet"),
                "{input}"
            );
        }
    }
    for (member, value) in [
        ("assertedIdentity", r#"{"id": "x"}"#),
        ("endpointType", r#""voicemail""#),
    ] {
        let input = format!(r#"{{"{member}": {value}}}"#);
        let v = derived::<AnyIdentitySet>(&input, Some("communicationsIdentitySet"));
        assert_eq!(
            names(&v).as_deref(),
            Some("communicationsIdentitySet"),
            "{input}"
        );
    }
    // Members no type declares tell nothing: neither v1.0 nor beta declares `acsUser`
    // or `spoolUser` on any identity set.
    for input in [
        r#"{"user": {"id": "u"}, "x-custom": 1}"#,
        r#"{"acsUser": {"id": "8:acs:1"}, "spoolUser": {"id": "s"}}"#,
    ] {
        let v = derived::<AnyIdentitySet>(input, None);
        assert_eq!(names(&v).as_deref(), Some("identitySet"));
    }

    // identity: `azureCommunicationServicesResourceId` and `applicationType` are each
    // one type's; `tenantId` is two types' (a user's and an application instance's).
    let v = derived::<AnyIdentity>(
        r#"{"id": "a", "azureCommunicationServicesResourceId": "r"}"#,
        Some(""),
    );
    assert_eq!(
        v.type_name(),
        Some("azureCommunicationServicesUserIdentity")
    );
    let v = derived::<AnyIdentity>(
        r##"{"@odata.type": "#microsoft.graph.identity", "id": "a", "applicationType": "bot"}"##,
        Some(""),
    );
    assert_eq!(v.type_name(), Some("communicationsApplicationIdentity"));
    let v = derived::<AnyIdentity>(r#"{"id": "a", "tenantId": "t", "displayName": "n"}"#, None);
    assert!(matches!(&v, AnyIdentity::Identity(i) if i.extra.contains_key("tenantId")));

    // commsOperation: `recordingLocation` is a record operation's; `completionReason`
    // is a prompt's, a recording's and a tone sending's alike.
    let v =
        derived::<AnyCommsOperation>(r#"{"id": "o", "recordingLocation": "https://r"}"#, Some(""));
    assert_eq!(v.type_name(), Some("recordOperation"));
    let v = derived::<AnyCommsOperation>(
        r##"{"@odata.type": "#microsoft.graph.commsOperation", "id": "o", "participants": []}"##,
        Some(""),
    );
    assert_eq!(v.type_name(), Some("inviteParticipantsOperation"));
    let v = derived::<AnyCommsOperation>(
        r#"{"id": "o", "completionReason": "completedSuccessfully"}"#,
        None,
    );
    assert_eq!(v.type_name(), Some("commsOperation"));

    // The caller of an incoming PSTN call, where a bot routing by caller looks for it.
    let input = r#"{"source": {"identity": {"phone": {"id": "+14255550100"}}}}"#;
    let d = from_str::<Call>(input).unwrap();
    let identity = d.value.source.as_ref().and_then(|s| s.identity.as_ref());
    let Some(AnyIdentitySet::Communications(set)) = identity else {
        panic!("{identity:?}")
    };
    assert_eq!(
        set.phone.as_ref().and_then(AnyIdentity::id).unwrap(),
        "+14255550100"
    );
    assert_eq!(d.diagnostics.len(), 1);
    assert_eq!(d.diagnostics[0].pointer, "/source/identity");
    assert_eq!(d.diagnostics[0].kind, DiagnosticKind::InferredType);
    assert_eq!(
        graph_comms::to_string(&d.value),
        input.replace(": ", ":").replace(", ", ",")
    );

    // The last `@odata.type` decides, as for any duplicate member, before or after the
    // member that tells.
    for input in [
        r##"{"@odata.type": "#microsoft.graph.identitySet", "@odata.type": "#microsoft.graph.futureSet", "phone": {"id": "x"}}"##,
        r##"{"@odata.type": "#microsoft.graph.identitySet", "phone": {"id": "x"}, "@odata.type": "#microsoft.graph.futureSet"}"##,
    ] {
        let v = from_str::<AnyIdentitySet>(input).unwrap().value;
        assert!(!v.is_known(), "{input}: {v:?}");
        assert_eq!(v.type_name(), Some("futureSet"));
    }
    let input = r##"{"@odata.type": "#microsoft.graph.futureSet", "phone": {"id": "x"}, "@odata.type": "#microsoft.graph.identitySet"}"##;
    let v = from_str::<AnyIdentitySet>(input).unwrap().value;
    assert!(
        matches!(&v, AnyIdentitySet::Communications(s) if s.odata_type == Annotation::Base("#microsoft.graph.identitySet")),
        "{v:?}"
    );
    // Members of two derived types contradict each other: the declared type, as is.
    let v = derived::<AnyIdentity>(
        r#"{"id": "a", "azureCommunicationServicesResourceId": "r", "applicationType": "bot"}"#,
        None,
    );
    assert_eq!(v.type_name(), Some("identity"));

    // Typed as a derived type, or as another, nothing is inferred.
    let v = derived::<AnyIdentitySet>(
        r##"{"@odata.type": "#microsoft.graph.chatMessageFromIdentitySet", "phone": {"id": "x"}}"##,
        None,
    );
    assert_eq!(names(&v).as_deref(), Some("chatMessageFromIdentitySet"));
}

#[test]
fn operations_dispatch_to_their_types() {
    for name in [
        "addLargeGalleryViewOperation",
        "cancelMediaProcessingOperation",
        "inviteParticipantsOperation",
        "muteParticipantOperation",
        "playPromptOperation",
        "recordOperation",
        "sendDtmfTonesOperation",
        "startHoldMusicOperation",
        "stopHoldMusicOperation",
        "subscribeToToneOperation",
        "unmuteParticipantOperation",
        "updateRecordingStatusOperation",
        "commsOperation",
    ] {
        let json = format!(
            r##"{{"@odata.type": "#microsoft.graph.{name}", "status": "running", "id": "o"}}"##
        );
        let (v, k) = kinds::<AnyCommsOperation>(&json);
        assert_eq!(v.type_name(), Some(name));
        assert_eq!(v.id(), Some("o"));
        assert_eq!(k, [], "{name}: `running` is the spelling Graph sends");
        assert_eq!(
            graph_comms::to_value(&v)["status"],
            "running",
            "{name}: written as it came"
        );
    }
}

#[test]
fn resources_dispatch_by_type_then_by_path() {
    let cases = [
        (
            "/communications/calls/c",
            r#"{"state": "established"}"#,
            Some("call"),
        ),
        (
            "/communications/calls/c/participants",
            r#"[{"info": {}}]"#,
            Some("participant"),
        ),
        (
            "/communications/calls/c/participants",
            r#"[{"id": "p"}]"#,
            Some("participant"),
        ),
        (
            "/communications/calls/c/participants",
            r#"[{"sequenceNumber": 2}]"#,
            Some("deltaParticipants"),
        ),
        (
            "/communications/calls/c/participants",
            r#"[{"sequenceNumber": 2, "info": {}}]"#,
            None,
        ),
        (
            "/communications/calls/c/contentSharingSessions",
            r#"[{"id": "s"}]"#,
            Some("contentSharingSession"),
        ),
        (
            "/communications/calls/c/audioRoutingGroups/g",
            r#"{"routingMode": "multicast"}"#,
            Some("audioRoutingGroup"),
        ),
        (
            "/communications/calls/c/operations/o",
            r#"{"status": "completed"}"#,
            Some("commsOperation"),
        ),
        (
            "/communications/calls/c/other",
            r#"{"status": "completed"}"#,
            None,
        ),
        // The type, when given, wins over the path.
        (
            "/communications/calls/c/participants",
            r##"{"@odata.type": "#microsoft.graph.playPromptOperation"}"##,
            Some("playPromptOperation"),
        ),
    ];
    for (url, data, expected) in cases {
        let body = format!(
            r#"{{"value": [{{"changeType": "updated", "resourceUrl": "{url}", "resourceData": {data}}}]}}"#
        );
        let n = from_str::<CommsNotifications>(&body).unwrap().value;
        let resource = n.resources().next().unwrap();
        assert_eq!(resource.type_name(), expected, "{url} {data}");
        assert_eq!(resource.is_known(), expected.is_some());
    }
}

#[test]
fn resource_data_keeps_its_shape() {
    let one = r##"{"value": [{"resourceUrl": "/communications/calls/c", "resourceData": {"@odata.type": "#microsoft.graph.call"}}]}"##;
    let many = r##"{"value": [{"resourceUrl": "/communications/calls/c", "resourceData": [{"@odata.type": "#microsoft.graph.call"}]}]}"##;
    for (json, is_one) in [(one, true), (many, false)] {
        let n = from_str::<CommsNotifications>(json).unwrap().value;
        let data = n.value.as_ref().unwrap()[0].resource_data.as_ref().unwrap();
        assert_eq!(matches!(data, ResourceData::One(_)), is_one);
        assert_eq!(data.as_slice().len(), 1);
        let encoded: serde_json::Value = serde_json::from_slice(&graph_comms::to_vec(&n)).unwrap();
        assert_eq!(encoded["value"][0]["resourceData"].is_object(), is_one);
    }
}

#[test]
fn unknown_types_are_kept_whole_and_encode_back() {
    let json = r##"{"@odata.type": "#microsoft.graph.futureMediaConfig", "a": null, "b": [1, {"c": "d"}]}"##;
    let (v, k) = kinds::<MediaConfig>(json);
    assert!(!v.is_known(), "{v:?}");
    assert_eq!(v.type_name(), Some("futureMediaConfig"));
    assert_eq!(k, [DiagnosticKind::UnknownType]);
    let back: serde_json::Value = serde_json::from_slice(&graph_comms::to_vec(&v)).unwrap();
    assert_eq!(
        back,
        serde_json::from_str::<serde_json::Value>(json).unwrap()
    );
}

#[test]
fn annotation_is_kept_as_it_came() {
    let call = from_str::<Call>(r#"{"subject": "x"}"#).unwrap().value;
    assert_eq!(call.odata_type, Annotation::Absent);
    assert_eq!(graph_comms::to_string(&call), r#"{"subject":"x"}"#);
    let call = from_str::<Call>(r##"{"subject": "x", "@odata.type": "microsoft.graph.call"}"##)
        .unwrap()
        .value;
    assert_eq!(call.odata_type, Annotation::Present);
    assert_eq!(
        graph_comms::to_string(&call),
        r##"{"@odata.type":"#microsoft.graph.call","subject":"x"}"##
    );
}

#[test]
fn the_tag_is_found_wherever_it_stands() {
    let first = r##"{"@odata.type": "#microsoft.graph.mediaPrompt", "mediaInfo": {"uri": "u"}}"##;
    let last = r##"{"mediaInfo": {"uri": "u"}, "@odata.type": "#microsoft.graph.mediaPrompt"}"##;
    let a = DecodeOptions::strict()
        .decode::<Prompt>(first.as_bytes())
        .unwrap();
    let b = DecodeOptions::strict()
        .decode::<Prompt>(last.as_bytes())
        .unwrap();
    assert_eq!(a, b);
    assert!(a.diagnostics.is_empty());
}

#[test]
fn resource_data_before_its_path_keeps_the_last_of_duplicates() {
    // Both before the path: the last is kept, the first reported.
    let both_before = r#"{"value": [{"resourceData": {"id": "first"}, "resourceData": {"id": "second"},
        "resourceUrl": "/communications/calls/c"}]}"#;
    // One before the path, one after: the one after is the last.
    let around = r#"{"value": [{"resourceData": {"id": "first"}, "resourceUrl": "/communications/calls/c",
        "resourceData": {"id": "second"}}]}"#;
    for json in [both_before, around] {
        let d = from_str::<CommsNotifications>(json).unwrap();
        let ids: Vec<_> = d.value.resources().map(Resource::id).collect();
        assert_eq!(ids, [Some("second")], "{json}");
        let kinds: Vec<_> = d.diagnostics.iter().map(|d| d.kind).collect();
        assert!(
            kinds.contains(&DiagnosticKind::DuplicateKey),
            "{json}: {kinds:?}"
        );
        let e = DecodeOptions::strict()
            .decode::<CommsNotifications>(json.as_bytes())
            .unwrap_err();
        assert_eq!(e.kind(), graph_comms::ErrorKind::DuplicateKey, "{json}");
    }
    // A syntax error inside a deferred resourceData names it in its pointer.
    let broken =
        r#"{"value": [{"resourceData": {"id": tru}, "resourceUrl": "/communications/calls/c"}]}"#;
    let e = from_str::<CommsNotifications>(broken).unwrap_err();
    assert_eq!(e.pointer(), "/value/0/resourceData/id");
}

#[test]
fn the_root_type_is_the_last_one() {
    let json = br##"{"@odata.type": "#microsoft.graph.call", "@odata.type": "#microsoft.graph.participant"}"##;
    let options = DecodeOptions::lenient();
    assert_eq!(
        graph_comms::by_name::root_type(&options, json)
            .unwrap()
            .as_deref(),
        Some("#microsoft.graph.participant")
    );
    let decoded = graph_comms::by_name::decode_as(&options, None, json).unwrap();
    assert_eq!(decoded.value.type_name(), "participant");
}

/// An object read as its declared type turns out, at a member, to be of a derived
/// type: its read goes on to the end, and polymorphic members after the turning
/// point (each dispatched and watched in turn) do not take the turn for their own.
#[test]
fn a_turn_to_a_derived_type_belongs_to_its_object() {
    for input in [
        r##"{"@odata.type": "#microsoft.graph.identitySet", "phone": {"id": "+15551234567"}, "user": {"@odata.type": "#microsoft.graph.identity", "id": "u1", "tenantId": "t"}, "application": {"id": "a1"}}"##,
        r##"{"user": {"id": "u1"}, "phone": {"id": "+15551234567"}, "applicationInstance": {"@odata.type": "#microsoft.graph.identity", "id": "i1"}}"##,
        r##"{"phone": {"id": "+15551234567"}, "user": {"id": "u1", "tenantId": "t"}, "extra": [1, {"a": null}], "guest": {"id": "g"}}"##,
    ] {
        for options in [DecodeOptions::lenient(), DecodeOptions::strict()] {
            let d = options
                .decode::<AnyIdentitySet>(input.as_bytes())
                .unwrap_or_else(|e| panic!("{input}: {e}"));
            let AnyIdentitySet::Communications(set) = &d.value else {
                panic!("{input}: {:?}", d.value);
            };
            assert!(set.phone.is_some(), "{input}");
            assert!(
                set.user.is_some() || set.application_instance.is_some(),
                "{input}"
            );
            assert!(
                d.diagnostics
                    .iter()
                    .any(|x| x.kind == DiagnosticKind::InferredType),
                "{input}: {:?}",
                d.diagnostics
            );
            // The value encodes back to what came, annotation included.
            let again = options
                .decode::<AnyIdentitySet>(graph_comms::to_string(&d.value).as_bytes())
                .unwrap();
            assert_eq!(again.value, d.value, "{input}");
        }
    }
}
