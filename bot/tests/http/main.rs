//! Sans-IO HTTP: every endpoint's URL in every cloud, the requests' headers and
//! bodies, the responses of each status class with the documents' header sets, Graph
//! errors in their three shapes, callback replies, permissions and lints.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use graph_comms::action::{
    Action, Binding, CallAddLargeGalleryView, CallAnswer, CallPlayPrompt, ParticipantMute,
    ParticipantsInvite,
};
use graph_comms::audio_routing::AudioRoutingGroup;
use graph_comms::by_name;
use graph_comms::call::Call;
use graph_comms::error_body::ErrorShape;
use graph_comms::operation::{AnyCommsOperation, OperationStatus, PlayPromptOperation};
use graph_comms::participant::Participant;
use graph_comms::{DecodeOptions, DiagnosticKind};
use graph_comms_bot::http::{
    ApiVersion, Cloud, Endpoint, Error, Graph, Permission, Permissions, RetryAfter,
    action_response, authorize, callback_reply, create_call_response, empty_response, get_response,
    permissions, set_client_request_id, to_http1_text,
};
use graph_comms_bot::id::{CallId, ParticipantId};
use graph_comms_bot::lint::{LintCode, Severity, lint};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const CALL: &str = "57dab8b1-894c-409a-b240-bd8beae78896";
const PARTICIPANT: &str = "0d7664b6-6432-43ed-8d27-d9e7adec188c";

// ------------------------------------------------------------------- requests

/// Every endpoint, in every cloud and both versions, has the documented URL.
#[test]
fn every_endpoint_in_every_cloud() {
    let hosts = [
        (Cloud::Global, "https://graph.microsoft.com"),
        (Cloud::UsGov, "https://graph.microsoft.us"),
        (Cloud::UsGovDod, "https://dod-graph.microsoft.us"),
        (Cloud::China, "https://microsoftgraph.chinacloudapi.cn"),
    ];
    let mut endpoints = vec![
        (
            Endpoint::CreateCall,
            "POST",
            "/communications/calls".to_owned(),
        ),
        (
            Endpoint::GetCall { call: CALL.into() },
            "GET",
            format!("/communications/calls/{CALL}"),
        ),
        (
            Endpoint::DeleteCall { call: CALL.into() },
            "DELETE",
            format!("/communications/calls/{CALL}"),
        ),
        (
            Endpoint::ListParticipants { call: CALL.into() },
            "GET",
            format!("/communications/calls/{CALL}/participants"),
        ),
        (
            Endpoint::GetParticipant {
                call: CALL.into(),
                participant: PARTICIPANT.into(),
            },
            "GET",
            format!("/communications/calls/{CALL}/participants/{PARTICIPANT}"),
        ),
        (
            Endpoint::DeleteParticipant {
                call: CALL.into(),
                participant: PARTICIPANT.into(),
            },
            "DELETE",
            format!("/communications/calls/{CALL}/participants/{PARTICIPANT}"),
        ),
        (
            Endpoint::CreateAudioRoutingGroup { call: CALL.into() },
            "POST",
            format!("/communications/calls/{CALL}/audioRoutingGroups"),
        ),
        (
            Endpoint::UpdateAudioRoutingGroup {
                call: CALL.into(),
                group: "oneToOne".into(),
            },
            "PATCH",
            format!("/communications/calls/{CALL}/audioRoutingGroups/oneToOne"),
        ),
        (
            Endpoint::DeleteAudioRoutingGroup {
                call: CALL.into(),
                group: "oneToOne".into(),
            },
            "DELETE",
            format!("/communications/calls/{CALL}/audioRoutingGroups/oneToOne"),
        ),
    ];
    // The actions, as their pages write their paths.
    let actions = [
        ("call.answer", "/answer"),
        ("call.reject", "/reject"),
        ("call.redirect", "/redirect"),
        ("call.transfer", "/transfer"),
        ("call.playPrompt", "/playPrompt"),
        ("call.recordResponse", "/recordResponse"),
        ("call.subscribeToTone", "/subscribeToTone"),
        ("call.mute", "/mute"),
        ("call.unmute", "/unmute"),
        ("call.updateRecordingStatus", "/updateRecordingStatus"),
        ("call.cancelMediaProcessing", "/cancelMediaProcessing"),
        ("call.changeScreenSharingRole", "/changeScreenSharingRole"),
        ("call.sendDtmfTones", "/sendDtmfTones"),
        ("call.addLargeGalleryView", "/addLargeGalleryView"),
        ("call.keepAlive", "/keepAlive"),
        ("participant.mute", "/participants/{p}/mute"),
        (
            "participant.startHoldMusic",
            "/participants/{p}/startHoldMusic",
        ),
        (
            "participant.stopHoldMusic",
            "/participants/{p}/stopHoldMusic",
        ),
        ("participants.invite", "/participants/invite"),
    ];
    assert_eq!(actions.len(), Action::ALL.len());
    for (name, tail) in actions {
        let action: Action = name.parse().unwrap();
        let endpoint = match action.binding() {
            Binding::Participant => Endpoint::participant_action(action, CALL, PARTICIPANT),
            _ => Endpoint::action(action, CALL),
        }
        .unwrap();
        let tail = tail.replace("{p}", PARTICIPANT);
        endpoints.push((
            endpoint,
            "POST",
            format!("/communications/calls/{CALL}{tail}"),
        ));
    }
    let mut urls = BTreeSet::new();
    for (cloud, host) in hosts {
        for (version, segment) in [(ApiVersion::V1, "v1.0"), (ApiVersion::Beta, "beta")] {
            let graph = Graph::new(cloud, version);
            for (endpoint, method, path) in &endpoints {
                let expected = format!("{host}/{segment}{path}");
                assert_eq!(endpoint.url(cloud, version), expected);
                let body = endpoint.body_type().map(|_| b"{}".to_vec());
                let request = graph.request(endpoint, body.clone()).unwrap();
                assert_eq!(request.method(), *method, "{expected}");
                assert_eq!(request.uri(), expected.as_str());
                assert_eq!(request.headers()["accept"], "application/json");
                assert_eq!(
                    request.headers().get("content-type").is_some(),
                    body.is_some(),
                    "{expected}"
                );
                let line = to_http1_text(&request);
                assert!(
                    line.starts_with(&format!("{method} {expected} HTTP/1.1\r\n")),
                    "{line}"
                );
                urls.insert((*method, expected));
            }
        }
    }
    assert_eq!(urls.len(), 4 * 2 * (9 + 19));
}

/// The reply table: every action answered as its page documents, the operation in
/// the body exactly where the page shows one.
#[test]
fn every_action_has_its_documented_reply() {
    use graph_comms_bot::http::reply;
    let mut with_body = 0;
    for action in Action::ALL {
        let r = reply(*action);
        assert!(matches!(r.status.as_u16(), 200 | 202), "{action}: {r:?}");
        if let Some(operation) = r.operation {
            assert_eq!(action.operation(), Some(operation), "{action}");
            with_body += 1;
        }
    }
    assert_eq!(with_body, 13);
    assert_eq!(reply(Action::CallKeepAlive).status, 200);
    assert_eq!(reply(Action::CallAnswer).status, 202);
    assert_eq!(reply(Action::CallAnswer).operation, None);
    assert_eq!(reply(Action::ParticipantStartHoldMusic).status, 202);
    assert!(reply(Action::ParticipantStartHoldMusic).operation.is_some());
}

/// A request and the response that answers it are one type: `send` builds the
/// first, `response` reads the second as that endpoint's answer.
#[test]
fn requests_name_their_responses() {
    use graph_comms_bot::http::{CallAction, CreateCall, DeleteCall, GetParticipant, Request};
    let graph = Graph::default();
    let call_id = CallId::new(CALL);
    let call = Call::default().with_callback_uri("https://bot.contoso.com/callback");
    let request = graph.send(&CreateCall(&call)).unwrap();
    assert_eq!(
        to_http1_text(&request),
        to_http1_text(&graph.create_call(&call).unwrap())
    );
    let created = CreateCall::response(&response(
        201,
        &[(
            "Location",
            &format!("https://graph.microsoft.com/v1.0/communications/calls/{CALL}"),
        )],
        "",
    ))
    .unwrap();
    assert_eq!(created.call_id, Some(call_id.clone()));
    let play = CallAction {
        call: &call_id,
        body: &CallPlayPrompt::default(),
    };
    assert_eq!(
        graph.send(&play).unwrap().uri(),
        graph
            .action(&call_id, &CallPlayPrompt::default())
            .unwrap()
            .uri()
    );
    let body = corpus("docs/call-playprompt-2-response.json");
    let outcome = CallAction::<CallPlayPrompt>::response(&response(200, &[], &body)).unwrap();
    let operation: Option<PlayPromptOperation> = outcome.operation;
    assert!(operation.is_some());
    assert_eq!(
        DeleteCall::response(&response(204, &[], "")).unwrap(),
        ::http::StatusCode::NO_CONTENT
    );
    let body = corpus("docs/participant-get-1-response.json");
    let got = GetParticipant::response(&response(200, &[], &body)).unwrap();
    assert!(got.value.id.is_some());
    let failed = GetParticipant::response(&response(404, &[], "")).unwrap_err();
    assert!(matches!(failed, Error::Graph(e) if e.status == 404));
}

/// Ids are one percent-encoded path segment each, whatever they hold.
#[test]
fn ids_are_percent_encoded() {
    let endpoint = Endpoint::GetParticipant {
        call: "a/b c".into(),
        participant: "..".into(),
    };
    assert_eq!(
        endpoint.path(),
        "/communications/calls/a%2Fb%20c/participants/%2E%2E"
    );
    let request = Graph::default().request(&endpoint, None).unwrap();
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/communications/calls/a%2Fb%20c/participants/%2E%2E"
    );
}

/// The typed builders: canonical bodies, the caller's authorization and request id,
/// and the ids each action needs.
#[test]
fn requests_carry_canonical_bodies_and_the_callers_headers() {
    let graph = Graph::new(Cloud::Global, ApiVersion::V1);
    let call = Call::default().with_callback_uri("https://bot.contoso.com/callback");
    let mut request = graph.create_call(&call).unwrap();
    assert_eq!(request.body(), br##"{"@odata.type":"#microsoft.graph.call","callbackUri":"https://bot.contoso.com/callback"}"##);
    authorize(&mut request, "eyJ0eXAiOiJKV1Qi").unwrap();
    set_client_request_id(&mut request, "f2fa86af-3c51-4bc2-8fc0-475452d9764f").unwrap();
    assert_eq!(
        request.headers()["authorization"],
        "Bearer eyJ0eXAiOiJKV1Qi"
    );
    assert_eq!(
        request.headers()["client-request-id"],
        "f2fa86af-3c51-4bc2-8fc0-475452d9764f"
    );
    let text = to_http1_text(&request);
    assert!(
        text.contains("authorization: ***\r\n"),
        "the token is not printed: {text}"
    );
    assert!(text.ends_with("\r\n\r\n{\"@odata.type\":\"#microsoft.graph.call\",\"callbackUri\":\"https://bot.contoso.com/callback\"}"));
    assert!(authorize(&mut request, "bad\ntoken").is_err());

    let call_id = CallId::new(CALL);
    let participant = ParticipantId::new(PARTICIPANT);
    let invite = graph
        .action(&call_id, &ParticipantsInvite::default())
        .unwrap();
    assert!(invite.uri().to_string().ends_with("/participants/invite"));
    assert_eq!(invite.body(), b"{}");
    // A participant-bound body has no call-bound request (a compile error, shown in
    // `Graph`'s docs); at run time, the endpoint says why.
    assert!(matches!(
        Endpoint::action(Action::ParticipantMute, CALL),
        Err(Error::MissingId { endpoint, id: "participant" }) if endpoint == "participant.mute"
    ));
    assert!(matches!(
        Endpoint::participant_action(Action::CallAnswer, CALL, PARTICIPANT),
        Err(Error::WrongBinding {
            action: Action::CallAnswer
        })
    ));
    let mute = graph
        .participant_action(&call_id, &participant, &ParticipantMute::default())
        .unwrap();
    assert!(
        mute.uri()
            .to_string()
            .ends_with(&format!("/participants/{PARTICIPANT}/mute"))
    );
    let answer = graph.action(&call_id, &CallAnswer::default()).unwrap();
    assert!(
        answer
            .uri()
            .to_string()
            .ends_with(&format!("/calls/{CALL}/answer"))
    );
    let group = AudioRoutingGroup::default().with_id("oneToOne");
    let patch = graph
        .update_audio_routing_group(&call_id, &"oneToOne".into(), &group)
        .unwrap();
    assert_eq!(patch.method(), "PATCH");
    assert_eq!(graph.delete_call(&call_id).unwrap().method(), "DELETE");
    assert_eq!(graph.list_participants(&call_id).unwrap().body(), b"");
    // Any base URL: a test double, a simulator.
    let local = Graph::with_base_url("http://127.0.0.1:8080/", ApiVersion::Beta);
    assert_eq!(
        local.get_call(&call_id).unwrap().uri(),
        format!("http://127.0.0.1:8080/beta/communications/calls/{CALL}").as_str()
    );

    assert!(matches!(
        Endpoint::for_body("call.answer", None, None),
        Err(Error::MissingId { endpoint, id: "call" }) if endpoint == "call.answer"
    ));
    assert!(matches!(
        Endpoint::for_body("participant", Some(CALL), None),
        Err(Error::NoEndpoint(name)) if name == "participant"
    ));
    assert!(matches!(
        Endpoint::for_body("audioRoutingGroup", Some(CALL), None),
        Ok(Endpoint::CreateAudioRoutingGroup { .. })
    ));
    assert_eq!("usgov-dod".parse::<Cloud>(), Ok(Cloud::UsGovDod));
    assert!("azure".parse::<Cloud>().is_err());
    assert_eq!("beta".parse::<ApiVersion>(), Ok(ApiVersion::Beta));
}

// ------------------------------------------------------------------ responses

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

fn corpus(path: &str) -> String {
    std::fs::read_to_string(root().join("../corpus").join(path)).unwrap()
}

/// `201 Created`: the call id from `Location`, else from the body; the call decoded.
#[test]
fn create_call_responses() {
    let location = "https://graph.microsoft.com/v1.0/communications/calls/2e1a0b00-2db4-4022-9570-243709c565ab";
    let body = corpus("seed/02-ex01-response.json");
    let created = create_call_response(&response(
        201,
        &[("Location", location), ("Content-Type", "application/json")],
        &body,
    ))
    .unwrap();
    assert_eq!(
        created.call_id.as_deref(),
        Some("2e1a0b00-2db4-4022-9570-243709c565ab")
    );
    assert_eq!(created.location.as_deref(), Some(location));
    assert!(created.call.is_some());
    // Without Location, the body's id.
    let created = create_call_response(&response(
        201,
        &[],
        r#"{"id": "abc", "state": "establishing"}"#,
    ))
    .unwrap();
    assert_eq!(created.call_id.as_deref(), Some("abc"));
    // Without a body, the header alone.
    let created = create_call_response(&response(201, &[("Location", location)], "")).unwrap();
    assert_eq!(
        created.call_id.as_deref(),
        Some("2e1a0b00-2db4-4022-9570-243709c565ab")
    );
    assert!(created.call.is_none());
    // A success that is not a call.
    assert!(matches!(
        create_call_response(&response(201, &[], "[1, 2")),
        Err(Error::Decode(_))
    ));
}

/// An action's response: the operation on `200`/`202` with a body, its URL from
/// `Location`; nothing on `202`/`204` without one.
#[test]
fn action_responses() {
    let location = "https://graph.microsoft.com/v1.0/communications/calls/57dab8b1-894c-409a-b240-bd8beae78896/operations/0fe0623f-d628-42ed-b4bd-8ac290072cc5";
    let body = corpus("docs/call-playprompt-2-response.json");
    let outcome = action_response::<CallPlayPrompt, _>(&response(
        200,
        &[("Location", location), ("Content-Type", "application/json")],
        &body,
    ))
    .unwrap();
    assert_eq!(outcome.status, 200);
    let operation: &PlayPromptOperation = outcome.operation.as_ref().unwrap();
    assert_eq!(operation.status, Some(OperationStatus::Running));
    assert_eq!(
        outcome.operation_id().as_deref(),
        Some("0fe0623f-d628-42ed-b4bd-8ac290072cc5")
    );
    // "HTTP/1.1 202 ACCEPTED" with the operation (addLargeGalleryView).
    let body = corpus("docs/call-addlargegalleryview-2-response.json");
    let outcome = action_response::<CallAddLargeGalleryView, _>(&response(
        202,
        &[("Location", location)],
        &body,
    ))
    .unwrap();
    assert_eq!(outcome.status, 202);
    assert!(outcome.operation.is_some());
    // "202 Accepted" without a body (answer).
    let outcome = action_response::<CallAnswer, _>(&response(202, &[], "")).unwrap();
    assert_eq!(
        (outcome.status, outcome.operation, outcome.location),
        (
            ::http::StatusCode::ACCEPTED,
            None::<AnyCommsOperation>,
            None
        )
    );
    // DELETE: 204 No Content.
    assert_eq!(empty_response(&response(204, &[], "")).unwrap(), 204);
    // GET of a participant.
    let body = corpus("docs/participant-get-1-response.json");
    let got = get_response::<Participant, _>(&response(
        200,
        &[("Content-Type", "application/json")],
        &body,
    ))
    .unwrap();
    assert!(got.value.id.is_some());
}

/// Errors: the OData shape, the bare inner object, the calling service's own; the
/// DiagCode, the request ids, `Retry-After` on 429 and 503.
#[test]
fn error_responses_in_every_shape() {
    let standard = r#"{"error": {"code": "Forbidden", "message": "Call source identity invalid. DiagCode: 7504#7504.@", "innerError": {"date": "2026-12-02T02:59:12", "request-id": "6a2b4f7c-1d0e-4c1a-9b3e-2f8d7c6b5a49", "client-request-id": "f2fa86af-3c51-4bc2-8fc0-475452d9764f"}}}"#;
    let Err(Error::Graph(e)) = empty_response(&response(
        403,
        &[
            ("request-id", "6a2b4f7c-1d0e-4c1a-9b3e-2f8d7c6b5a49"),
            ("client-request-id", "f2fa86af-3c51-4bc2-8fc0-475452d9764f"),
        ],
        standard,
    )) else {
        panic!("an error");
    };
    assert_eq!(e.status, 403);
    assert_eq!(e.code(), Some("Forbidden"));
    assert_eq!(e.diag_code(), Some("7504#7504.@"));
    assert_eq!(
        e.request_id.as_deref(),
        Some("6a2b4f7c-1d0e-4c1a-9b3e-2f8d7c6b5a49")
    );
    let body = e.body.as_ref().unwrap();
    assert_eq!(body.shape(), ErrorShape::Standard);
    let inner = body.inner_error().unwrap();
    assert_eq!(
        inner.client_request_id.as_deref(),
        Some("f2fa86af-3c51-4bc2-8fc0-475452d9764f")
    );
    assert_eq!(inner.date.as_deref(), Some("2026-12-02T02:59:12"));
    assert!(e.diagnostics.is_empty());
    assert!(!e.is_retryable());

    let bare = r#"{"code": "NotFound", "message": "Call not found.", "target": "callId", "details": [{"code": "CallNotFound", "message": "m"}], "innerError": {"request-id": "r", "extra": 1}}"#;
    let Err(Error::Graph(e)) = create_call_response(&response(404, &[], bare)) else {
        panic!()
    };
    let body = e.body.as_ref().unwrap();
    assert_eq!(body.shape(), ErrorShape::Bare);
    assert_eq!(
        (e.code(), body.target()),
        (Some("NotFound"), Some("callId"))
    );
    assert_eq!(body.details().len(), 1);
    assert_eq!(body.inner_error().unwrap().extra["extra"], 1);
    assert_eq!(e.diagnostics.len(), 1);
    assert_eq!(e.diagnostics[0].kind, DiagnosticKind::ErrorShape);

    let calling = r#"{"errorCode": "7503", "message": "Call is not in a state to perform the operation. DiagCode: 500#7112.@", "instanceAnnotations": []}"#;
    let Err(Error::Graph(e)) = empty_response(&response(409, &[], calling)) else {
        panic!()
    };
    assert_eq!(e.body.as_ref().unwrap().shape(), ErrorShape::CallingService);
    assert_eq!(
        (e.code(), e.diag_code()),
        (Some("7503"), Some("500#7112.@"))
    );
    assert_eq!(e.diagnostics[0].kind, DiagnosticKind::ErrorShape);
    let numeric = graph_comms::from_slice::<graph_comms::error_body::ErrorBody>(
        br#"{"errorCode": 7503, "message": "m"}"#,
    )
    .unwrap();
    assert_eq!(numeric.value.numeric_error_code(), Some(7503));

    // Throttling, with the fractional seconds Graph writes.
    let throttled =
        r#"{"error": {"code": "TooManyRequests", "message": "Please retry again later."}}"#;
    let Err(Error::Graph(e)) =
        empty_response(&response(429, &[("Retry-After", "2.128")], throttled))
    else {
        panic!()
    };
    assert_eq!(
        e.retry_after,
        Some(RetryAfter::Delay(Duration::from_millis(2128)))
    );
    assert!(e.is_retryable());
    let Err(Error::Graph(e)) = empty_response(&response(503, &[("Retry-After", "120")], "")) else {
        panic!()
    };
    assert_eq!(
        e.retry_after,
        Some(RetryAfter::Delay(Duration::from_secs(120)))
    );
    assert!(e.body.is_none());
    let Err(Error::Graph(e)) = empty_response(&response(
        503,
        &[("Retry-After", "Wed, 02 Dec 2026 03:00:00 GMT")],
        "<html>busy</html>",
    )) else {
        panic!()
    };
    assert_eq!(
        e.retry_after,
        Some(RetryAfter::Date("Wed, 02 Dec 2026 03:00:00 GMT".into()))
    );
    assert!(
        e.body.is_none() && e.body_error.is_some(),
        "a body that is not JSON is kept as an error"
    );
    assert_eq!(e.to_string(), "Graph answered 503");
}

/// `graph-comms decode --type error` goes through the by-name list: all three shapes.
#[test]
fn error_bodies_decode_by_name() {
    for (body, shape) in [
        (
            r#"{"error": {"code": "c", "message": "m"}}"#,
            ErrorShape::Standard,
        ),
        (r#"{"code": "c", "message": "m"}"#, ErrorShape::Bare),
        (
            r#"{"errorCode": 1, "message": "m", "instanceAnnotations": []}"#,
            ErrorShape::CallingService,
        ),
    ] {
        let decoded =
            by_name::decode_as(&DecodeOptions::lenient(), Some("error"), body.as_bytes()).unwrap();
        let error = decoded
            .value
            .as_any()
            .downcast_ref::<graph_comms::error_body::ErrorBody>()
            .unwrap();
        assert_eq!(error.shape(), shape);
        assert_eq!(error.message(), Some("m"));
        assert_eq!(
            decoded.value.to_json(),
            serde_json::from_str::<serde_json::Value>(body).unwrap(),
            "lossless"
        );
    }
}

// ------------------------------------------------------------------ callbacks

fn callback(method: &str, content_type: Option<&str>, body: &[u8]) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder().method(method).uri("/api/calls");
    if let Some(ct) = content_type {
        builder = builder.header("Content-Type", ct);
    }
    builder.body(body.to_vec()).unwrap()
}

/// The reply to each kind of callback.
#[test]
fn callback_replies() {
    let graph = std::fs::read(root().join("../corpus/seed/03-ex01-notification-establishing.json"))
        .unwrap();
    let reply = callback_reply(&callback(
        "POST",
        Some("application/json; charset=utf-8"),
        &graph,
    ));
    assert_eq!(reply.status, 202, "{}", reply.reason);
    assert!(reply.notifications.is_some());
    assert_eq!(reply.to_response().status(), 202);
    // The documents' trailing commas are tolerated, and said.
    let published =
        std::fs::read(root().join("../corpus/docs/call-mute-3-notification-roster.json")).unwrap();
    let reply = callback_reply(&callback("POST", Some("application/json"), &published));
    assert_eq!(reply.status, 202);
    assert!(!reply.diagnostics.is_empty());
    // Old beta notifications without @odata.type but with `value` are Graph's.
    let beta = std::fs::read(
        root().join("../corpus/docs/beta-commsnotification-1-notification-incoming.json"),
    )
    .unwrap();
    assert_eq!(callback_reply(&callback("POST", None, &beta)).status, 202);
    // The legacy (Skype protocol) format: 204, so that Graph resends it as Graph's.
    let legacy = br#"{"id": "57dab8b1-894c-409a-b240-bd8beae78896", "participants": [{"identity": "8:orgid:2a8d2ea4", "languageId": "en-US", "originator": true}], "isMultiparty": false, "presentedModalityTypes": ["audio"], "callState": "incoming"}"#;
    let reply = callback_reply(&callback("POST", Some("application/json"), legacy));
    assert_eq!(reply.status, 204, "{}", reply.reason);
    assert!(reply.notifications.is_none());
    // What is not a callback.
    assert_eq!(
        callback_reply(&callback(
            "POST",
            Some("application/json"),
            b"{\"value\": ["
        ))
        .status,
        400
    );
    assert_eq!(
        callback_reply(&callback("POST", Some("application/json"), b"[1]")).status,
        400
    );
    // Bodies of the wrong kind: each a 400 that names its reason.
    for (body, reason) in [
        (&br#"{"value": 5}"#[..], "`value` is not an array"),
        (
            br##"{"@odata.type": "#microsoft.graph.call", "state": "established"}"##,
            "a `#microsoft.graph.call` object",
        ),
        (
            br#"{"participants": [{"identity": {"user": {"id": "u1"}}}], "clientContext": "c"}"#,
            "neither Graph-format notifications",
        ),
        (
            br##"{"prompts": [{"@odata.type": "#microsoft.graph.mediaPrompt"}]}"##,
            "neither Graph-format notifications",
        ),
    ] {
        let reply = callback_reply(&callback("POST", Some("application/json"), body));
        assert_eq!(reply.status, 400, "{}", String::from_utf8_lossy(body));
        assert!(reply.reason.contains(reason), "{}", reply.reason);
    }
    // A body over the decoder's limit is too large, not malformed.
    let mut huge = br#"{"value": [], "x": ""#.to_vec();
    huge.resize(16 * 1024 * 1024 + 1, b'a');
    assert_eq!(
        callback_reply(&callback("POST", Some("application/json"), &huge)).status,
        413
    );
    assert_eq!(callback_reply(&callback("GET", None, b"")).status, 405);
    assert_eq!(
        callback_reply(&callback("POST", Some("text/plain"), b"{}")).status,
        415
    );
}

// ---------------------------------------------------------------- permissions

fn names(sets: &[Vec<Permission>]) -> Vec<Vec<&'static str>> {
    sets.iter()
        .map(|s| s.iter().map(|p| p.as_str()).collect())
        .collect()
}

/// Each seed request names the permissions its example's note documents (the
/// seed's own misspellings `Calls.InitiateGroupCalls.All`, `Calls.JoinGroupCalls.All`
/// read as the names Graph defines).
#[test]
fn seed_requests_need_their_documented_permissions() {
    let documented: [(&str, &[&str]); 7] = [
        ("01-ex01-request.json", &["Calls.Initiate.All"]),
        (
            "08-ex02-request.json",
            &["Calls.Initiate.All", "Calls.AccessMedia.All"],
        ),
        ("10-ex03-request.json", &["Calls.InitiateGroupCall.All"]),
        ("12-ex04-request.json", &["Calls.InitiateGroupCall.All"]),
        ("14-ex05-request.json", &["Calls.JoinGroupCall.All"]),
        ("26-ex09-request.json", &["Calls.Initiate.All"]),
        (
            "28-ex10-request.json",
            &["Calls.Initiate.All", "Calls.AccessMedia.All"],
        ),
    ];
    for (file, needed) in documented {
        let bytes = std::fs::read(root().join("../corpus/seed").join(file)).unwrap();
        let call = graph_comms::from_slice::<Call>(&bytes).unwrap().value;
        let sets = names(permissions(&Endpoint::CreateCall, Some(&call)).alternatives());
        assert!(
            sets.iter()
                .any(|set| needed.iter().all(|n| set.contains(n))),
            "{file}: {sets:?} lacks {needed:?}"
        );
        // Least privileged first: no alternative is a superset of an earlier one.
        for (i, set) in sets.iter().enumerate() {
            for earlier in &sets[..i] {
                assert!(!earlier.iter().all(|p| set.contains(p)), "{file}: {sets:?}");
            }
        }
    }
}

/// Every permission name the crate emits is one Graph defines
/// (`tests/metadata/graph-permissions.tsv`, from the permissions reference).
#[test]
fn every_permission_is_one_graph_defines() {
    let defined =
        std::fs::read_to_string(root().join("tests/metadata/graph-permissions.tsv")).unwrap();
    let defined: BTreeSet<&str> = defined
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .collect();
    for p in Permission::ALL {
        assert!(defined.contains(p.as_str()), "{p}");
    }
    let mut emitted = BTreeSet::new();
    let mut endpoints = vec![
        Endpoint::CreateCall,
        Endpoint::GetCall { call: CALL.into() },
        Endpoint::DeleteCall { call: CALL.into() },
        Endpoint::ListParticipants { call: CALL.into() },
        Endpoint::GetParticipant {
            call: CALL.into(),
            participant: PARTICIPANT.into(),
        },
        Endpoint::DeleteParticipant {
            call: CALL.into(),
            participant: PARTICIPANT.into(),
        },
        Endpoint::CreateAudioRoutingGroup { call: CALL.into() },
        Endpoint::UpdateAudioRoutingGroup {
            call: CALL.into(),
            group: "g".into(),
        },
        Endpoint::DeleteAudioRoutingGroup {
            call: CALL.into(),
            group: "g".into(),
        },
    ];
    for action in Action::ALL {
        endpoints.push(match action.binding() {
            Binding::Participant => {
                Endpoint::participant_action(*action, CALL, PARTICIPANT).unwrap()
            }
            _ => Endpoint::action(*action, CALL).unwrap(),
        });
    }
    for endpoint in &endpoints {
        for set in permissions(endpoint, None).alternatives() {
            emitted.extend(set.iter().map(|p| p.as_str()));
        }
    }
    assert!(emitted.len() >= 6, "{emitted:?}");
    for name in emitted {
        assert!(
            defined.contains(name),
            "{name} is not a permission Graph defines"
        );
    }
    // Answer's media decides: app-hosted needs Calls.AccessMedia.All.
    let answer = CallAnswer::new(
        "https://bot.contoso.com",
        graph_comms::media::AppHostedMediaConfig::new("b"),
    );
    let endpoint = Endpoint::action(Action::CallAnswer, CALL).unwrap();
    assert_eq!(
        names(permissions(&endpoint, Some(&answer)).alternatives()),
        [["Calls.AccessMedia.All"]]
    );
    // An empty answer says why: none needed, or checked when the call was created.
    let reject = Endpoint::action(Action::CallReject, CALL).unwrap();
    assert_eq!(permissions(&reject, None), Permissions::NoneNeeded);
    let answer = Endpoint::action(Action::CallAnswer, CALL).unwrap();
    assert_eq!(
        permissions(
            &answer,
            Some(&CallAnswer::new(
                "https://bot.contoso.com",
                graph_comms::media::ServiceHostedMediaConfig::default()
            ))
        ),
        Permissions::CheckedAtCreation
    );
    let get = Endpoint::GetCall { call: CALL.into() };
    assert_eq!(permissions(&get, None), Permissions::CheckedAtCreation);
}

// ---------------------------------------------------------------------- lints

/// The seed's ten create-call requests lint clean.
#[test]
fn seed_requests_lint_clean() {
    let manifest = std::fs::read_to_string(root().join("../corpus/seed/manifest.tsv")).unwrap();
    let mut checked = 0;
    for line in manifest.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields[2] != "request" {
            continue;
        }
        let bytes = std::fs::read(root().join("../corpus/seed").join(fields[0])).unwrap();
        let call = graph_comms::from_slice::<Call>(&bytes).unwrap().value;
        let findings = lint(&call);
        assert!(findings.is_empty(), "{}: {findings:#?}", fields[0]);
        checked += 1;
    }
    assert_eq!(checked, 10);
}

/// One faulty body per lint: each gets its finding, at its pointer, with its
/// severity; and the documented action bodies lint clean but for their placeholders.
#[test]
fn every_lint_finds_its_fault() {
    let bot = r##""source": {"identity": {"@odata.type": "#microsoft.graph.communicationsIdentitySet", "applicationInstance": {"id": "3d913abb-aec0-4964-8fa6-3c6850c4f278"}}}"##;
    let media = r##""mediaConfig": {"@odata.type": "#microsoft.graph.serviceHostedMediaConfig"}"##;
    let user = r#"{"identity": {"user": {"id": "8f1f4b49"}}}"#;
    let cases: Vec<(&str, String, &str, &str, Severity)> = vec![
        ("call", format!(r#"{{{media}, "targets": [{user}]}}"#), "callback_uri_missing", "", Severity::Error),
        ("call", format!(r#"{{"callbackUri": "http://bot.contoso.com/cb", {media}, "targets": [{user}]}}"#), "callback_uri_not_https", "/callbackUri", Severity::Error),
        ("call", format!(r#"{{"callbackUri": "/cb", {media}, "targets": [{user}]}}"#), "callback_uri_not_absolute", "/callbackUri", Severity::Error),
        ("call", format!(r#"{{"callbackUri": "https://bot.contoso.com/cb", "targets": [{user}]}}"#), "media_config_missing", "", Severity::Error),
        ("call", format!(r#"{{"callbackUri": "https://bot.contoso.com/cb", {media}}}"#), "no_targets_or_meeting", "", Severity::Error),
        ("call", format!(r##"{{"callbackUri": "https://bot.contoso.com/cb", {media}, "meetingInfo": {{"@odata.type": "#microsoft.graph.organizerMeetingInfo", "organizer": {{"user": {{"id": "o"}}}}}}}}"##), "organizer_meeting_without_chat_info", "/meetingInfo", Severity::Error),
        ("call", format!(r#"{{"callbackUri": "https://bot.contoso.com/cb", {media}, {bot}, "tenantId": "t", "targets": [{{"identity": {{"phone": {{"id": "12345678901"}}}}}}]}}"#), "phone_not_e164", "/targets/0/identity/phone/id", Severity::Error),
        ("call", format!(r#"{{"callbackUri": "https://bot.contoso.com/cb", {media}, "tenantId": "t", "targets": [{{"identity": {{"phone": {{"id": "+12345678901"}}}}}}]}}"#), "pstn_without_application_instance", "/source", Severity::Error),
        ("call", format!(r#"{{"callbackUri": "https://bot.contoso.com/cb", {media}, {bot}, "targets": [{{"identity": {{"phone": {{"id": "+12345678901"}}}}}}]}}"#), "pstn_without_tenant_id", "", Severity::Warning),
        ("call", format!(r#"{{"callbackUri": "https://bot.contoso.com/cb", {media}, "targets": [{user}, {user}, {user}, {user}, {user}, {user}]}}"#), "too_many_targets", "/targets", Severity::Error),
        ("call", format!(r#"{{"callbackUri": "https://bot.contoso.com/cb", {media}, "targets": [{user}], "requestedModalities": []}}"#), "requested_modalities_empty", "/requestedModalities", Severity::Error),
        ("call.answer", format!(r#"{{"callbackUri": "https://bot.contoso.com/cb", {media}}}"#), "accepted_modalities_missing", "", Severity::Warning),
        ("call.answer", r#"{"callbackUri": "https://bot.contoso.com/cb", "acceptedModalities": ["audio"]}"#.into(), "missing_required_parameter", "", Severity::Error),
        ("call.reject", r#"{"reason": "busy", "callbackUri": "http://bot.contoso.com/cb"}"#.into(), "callback_uri_not_https", "/callbackUri", Severity::Error),
        ("call.redirect", format!(r#"{{"targets": [{user}], "timeout": 10}}"#), "timeout_out_of_range", "/timeout", Severity::Error),
        ("call.redirect", format!(r#"{{"targets": [{}]}}"#, [user; 26].join(",")), "too_many_targets", "/targets", Severity::Error),
        ("call.playPrompt", format!(r#"{{"prompts": [{}]}}"#, vec![r#"{"mediaInfo": {"uri": "https://x/a.wav"}}"#; 21].join(",")), "too_many_prompts", "/prompts", Severity::Error),
        ("call.playPrompt", format!(r#"{{"prompts": [], "clientContext": "{}"}}"#, "c".repeat(257)), "client_context_too_long", "/clientContext", Severity::Error),
        ("call.recordResponse", r#"{"prompts": [{"mediaInfo": {"uri": "https://x/a.wav"}}, {"mediaInfo": {"uri": "https://x/b.wav"}}]}"#.into(), "too_many_prompts", "/prompts", Severity::Error),
        ("call.recordResponse", r#"{"maxRecordDurationInSeconds": 300}"#.into(), "timeout_out_of_range", "/maxRecordDurationInSeconds", Severity::Error),
        ("call.sendDtmfTones", r#"{"tones": ["tone1", "tone10"]}"#.into(), "unknown_tone", "/tones/1", Severity::Error),
        ("participants.invite", format!(r#"{{"participants": [{{"replacesCallId": "r", "identity": {{"user": {{"id": "a"}}}}}}, {user}]}}"#), "replaces_call_with_several", "/participants", Severity::Warning),
        ("participants.invite", format!(r#"{{"participants": [{}]}}"#, [user; 6].join(",")), "too_many_participants", "/participants", Severity::Error),
        ("call.transfer", "{}".into(), "missing_required_parameter", "", Severity::Error),
        ("participant.startHoldMusic", format!(r#"{{"clientContext": "{}"}}"#, "é".repeat(257)), "client_context_too_long", "/clientContext", Severity::Error),
        // A real answer Graph refused with 400: arrays wrapped by Newtonsoft.Json.
        ("call.answer", r##"{"callbackUri": "https://bot.contoso.com/cb", "mediaConfig": {"@odata.type": "#microsoft.graph.serviceHostedMediaConfig", "preFetchMedia": {"$id": "3", "$values": []}}, "acceptedModalities": {"$id": "2", "$values": ["Audio"]}}"##.into(), "newtonsoft_wrapper", "/acceptedModalities/$values", Severity::Error),
        ("call.answer", r##"{"callbackUri": "https://bot.contoso.com/cb", "mediaConfig": {"@odata.type": "#microsoft.graph.serviceHostedMediaConfig", "preFetchMedia": {"$id": "3", "$values": []}}, "acceptedModalities": {"$id": "2", "$values": ["Audio"]}}"##.into(), "mistyped_value", "/mediaConfig/preFetchMedia", Severity::Error),
        // Phone numbers in every body that carries them.
        ("participants.invite", r#"{"participants": [{"identity": {"phone": {"id": "+61xxxxxxxx"}}}]}"#.into(), "phone_not_e164", "/participants/0/identity/phone/id", Severity::Error),
        ("participants.invite", r#"{"participants": [{"identity": {"phone": {"id": "0412 345 678"}}}]}"#.into(), "phone_not_e164", "/participants/0/identity/phone/id", Severity::Error),
        ("call.transfer", r#"{"transferTarget": {"endpointType": "default", "identity": {"phone": {"id": "12345"}}}}"#.into(), "phone_not_e164", "/transferTarget/identity/phone/id", Severity::Error),
        ("call.redirect", r#"{"targets": [{"identity": {"phone": {"id": "+1 555"}}}], "timeout": 30}"#.into(), "phone_not_e164", "/targets/0/identity/phone/id", Severity::Error),
    ];
    let mut codes = BTreeSet::new();
    for (type_name, body, code, pointer, severity) in &cases {
        let decoded =
            by_name::decode_as(&DecodeOptions::lenient(), Some(type_name), body.as_bytes())
                .unwrap_or_else(|e| panic!("{body}: {e}"));
        let findings = lint(&*decoded.value);
        assert!(
            findings.iter().any(|f| f.code.as_str() == *code
                && f.pointer == *pointer
                && f.severity == *severity),
            "{type_name} {body}: {findings:#?}"
        );
        assert!(findings.iter().all(|f| !f.message.is_empty()));
        codes.insert(*code);
    }
    assert_eq!(codes.len(), LintCode::ALL.len(), "{codes:?}");
    // Lints never change the body.
    let body = by_name::decode_as(
        &DecodeOptions::lenient(),
        Some("call"),
        br#"{"callbackUri": "http://x"}"#,
    )
    .unwrap();
    let before = body.value.to_json();
    let _ = lint(&*body.value);
    assert_eq!(body.value.to_json(), before);
}

/// The documented action bodies lint clean, but for their placeholders (a
/// `callbackUri-value` where a URL is checked is found, and only that).
#[test]
fn documented_action_bodies_lint_clean() {
    let manifest = std::fs::read_to_string(root().join("../corpus/docs/manifest.tsv")).unwrap();
    let mut checked = 0;
    for line in manifest.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        if !fields[1].contains('.') {
            continue;
        }
        let bytes = std::fs::read(root().join("../corpus/docs").join(fields[0])).unwrap();
        let decoded =
            by_name::decode_as(&DecodeOptions::lenient(), Some(fields[1]), &bytes).unwrap();
        let findings = lint(&*decoded.value);
        let json = decoded.value.to_json();
        let placeholder = |pointer: &str| {
            json.pointer(pointer)
                .and_then(serde_json::Value::as_str)
                .is_some_and(|s| s.ends_with("-value") || s.starts_with('<'))
        };
        let errors: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error && !placeholder(&f.pointer))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", fields[0]);
        checked += 1;
    }
    assert!(checked >= 25, "{checked}");
}
