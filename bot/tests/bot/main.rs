//! The `Bot` state machine, with no network and a fake clock: every reply code,
//! documented callbacks shuffled and redelivered, correlation of actions with their
//! operations, every timer, retries and refusals.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[path = "../support/tokens.rs"]
mod tokens;

mod document;

use graph_comms::action::Action;
use graph_comms::call::CallState;
use graph_comms::media::{MediaInfo, MediaPrompt};
use graph_comms_bot::auth::KeySet;
use graph_comms_bot::bot::{ActionError, Failure, Outgoing, Timers};
use graph_comms_bot::explain::Category;
use graph_comms_bot::http::{ApiVersion, Graph};
use graph_comms_bot::id::{CallId, ParticipantId};
use graph_comms_bot::{Bot, Config, Event, tracker};
use serde_json::{Value, json};
use tokens::{TestKey, jwks, sign};

const APP_ID: &str = "3d913abb-aec0-4964-8fa6-3c6850c4f278";
const CALL: &str = "57DAB8B1894C409AB240BD8BEAE78896";
/// 2027-01-15T08:00:00Z.
const T0: u64 = 1_800_000_000;

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(T0 + seconds)
}

struct Harness {
    key: TestKey,
    bot: Bot,
}

fn harness() -> Harness {
    harness_with(Timers::default())
}

fn harness_with(timers: Timers) -> Harness {
    let key = TestKey::new("key-a", 1);
    let keys = KeySet::from_jwks(&jwks(&[&key])).unwrap();
    let config = Config::new(APP_ID, "https://bot.example.com/callback", keys)
        .with_graph(Graph::with_base_url("http://127.0.0.1:9", ApiVersion::V1))
        .with_timers(timers);
    Harness {
        key,
        bot: Bot::new(config),
    }
}

fn token(key: &TestKey, now: SystemTime) -> String {
    let now = now.duration_since(UNIX_EPOCH).unwrap().as_secs();
    sign(
        &json!({"alg": "RS256", "typ": "JWT", "kid": key.kid}),
        &json!({
            "aud": APP_ID, "iss": "https://graph.microsoft.com",
            "iat": now - 60, "nbf": now - 60, "exp": now + 3600,
            "tid": "aa67bd4c-8475-432d-bd41-39f255720e0a"
        }),
        key,
    )
}

fn post(token: Option<&str>) -> http::request::Builder {
    let mut builder = http::Request::post("/callback").header("Content-Type", "application/json");
    if let Some(token) = token {
        builder = builder.header("Authorization", format!("Bearer {token}"));
    }
    builder
}

impl Harness {
    fn callback(&mut self, body: &[u8], now: SystemTime) -> u16 {
        let request = post(Some(&token(&self.key, now)))
            .body(body.to_vec())
            .unwrap();
        self.bot.handle_callback(&request, now).status().as_u16()
    }

    fn events(&mut self) -> Vec<Event> {
        std::iter::from_fn(|| self.bot.poll_event()).collect()
    }
}

fn corpus(name: &str) -> Vec<u8> {
    let path = format!("{}/../corpus/docs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A call resource notification for `CALL`.
fn call_update(resource: Value) -> Vec<u8> {
    notification(
        &format!("/communications/calls/{CALL}"),
        "updated",
        resource,
    )
}

fn notification(path: &str, change: &str, resource: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "@odata.type": "#microsoft.graph.commsNotifications",
        "value": [{"@odata.type": "#microsoft.graph.commsNotification",
                   "changeType": change, "resourceUrl": path, "resourceData": resource}]
    }))
    .unwrap()
}

fn state(state: &str) -> Vec<u8> {
    call_update(json!({"@odata.type": "#microsoft.graph.call", "state": state}))
}

fn terminated(code: i32, subcode: i32) -> Vec<u8> {
    call_update(
        json!({"@odata.type": "#microsoft.graph.call", "state": "terminated",
        "resultInfo": {"code": code, "subcode": subcode}}),
    )
}

fn incoming(h: &mut Harness, now: SystemTime) {
    assert_eq!(
        h.callback(&corpus("call-answer-2-notification-incoming.json"), now),
        202
    );
}

fn header(request: &http::Request<Vec<u8>>, name: &str) -> String {
    request.headers()[name].to_str().unwrap().to_owned()
}

fn response(status: u16, body: Value) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .body(if body.is_null() {
            Vec::new()
        } else {
            serde_json::to_vec(&body).unwrap()
        })
        .unwrap()
}

#[test]
fn every_reply_code() {
    let mut h = harness();
    let now = at(0);
    let body = state("established");
    let token = token(&h.key, now);
    let reply = |h: &mut Harness, request: http::Request<Vec<u8>>| {
        h.bot.handle_callback(&request, now).status().as_u16()
    };

    let get = http::Request::get("/callback").body(Vec::new()).unwrap();
    assert_eq!(reply(&mut h, get), 405);
    let unsigned = post(None).body(body.clone()).unwrap();
    assert_eq!(reply(&mut h, unsigned), 401, "no token");
    let attacker = TestKey::new("key-a", 3); // the same kid, another key
    let forged = post(Some(&self::token(&attacker, now)))
        .body(body.clone())
        .unwrap();
    assert_eq!(reply(&mut h, forged), 401, "another key");
    let expired = post(Some(&self::token(
        &h.key,
        at(0) - Duration::from_secs(7200),
    )))
    .body(body.clone())
    .unwrap();
    assert_eq!(reply(&mut h, expired), 401, "expired");
    // A legacy callback is verified first too.
    let legacy = br#"{"id": "57dab8b1-894c-409a-b240-bd8beae78896", "callState": "incoming"}"#;
    let unsigned_legacy = post(None).body(legacy.to_vec()).unwrap();
    assert_eq!(reply(&mut h, unsigned_legacy), 401);
    assert!(h.events().is_empty(), "nothing from refused callbacks");

    let text = http::Request::post("/callback")
        .header("Content-Type", "text/plain")
        .header("Authorization", format!("Bearer {token}"))
        .body(body.clone())
        .unwrap();
    assert_eq!(reply(&mut h, text), 415);
    let huge = vec![b' '; graph_comms::DecodeOptions::lenient().max_input_len + 1];
    assert_eq!(h.callback(&huge, now), 413);
    assert_eq!(
        h.callback(br##"{"@odata.type": "#microsoft.graph.call"}"##, now),
        400
    );
    assert_eq!(h.callback(b"[1]", now), 400);
    assert_eq!(h.callback(legacy, now), 204);
    assert!(h.events().is_empty());
    assert_eq!(h.callback(&body, now), 202);
    assert!(!h.events().is_empty());
}

#[test]
fn an_unknown_key_asks_for_the_key_set_once_per_interval() {
    let mut h = harness();
    let stranger = TestKey::new("key-z", 4);
    let body = state("established");
    let send = |h: &mut Harness, now| {
        let request = post(Some(&token(&stranger, now)))
            .body(body.clone())
            .unwrap();
        h.bot.handle_callback(&request, now).status().as_u16()
    };
    assert_eq!(send(&mut h, at(0)), 401);
    assert_eq!(send(&mut h, at(10)), 401);
    let stale = |events: Vec<Event>| {
        events
            .iter()
            .filter(|e| matches!(e, Event::KeysStale { .. }))
            .count()
    };
    assert_eq!(stale(h.events()), 1, "once within the interval");
    assert_eq!(send(&mut h, at(301)), 401);
    assert_eq!(stale(h.events()), 1, "again after it");
    // The new key set: the same callback verifies.
    h.bot
        .set_keys(KeySet::from_jwks(&jwks(&[&h.key, &stranger])).unwrap());
    assert_eq!(send(&mut h, at(302)), 202);
}

#[test]
fn an_incoming_call_carries_its_caller_and_deadline() {
    let mut h = harness();
    incoming(&mut h, at(0));
    let events = h.events();
    let [
        Event::IncomingCall {
            call_id,
            caller,
            answer_by,
            recording,
            ..
        },
    ] = &events[..]
    else {
        panic!("{events:?}");
    };
    assert_eq!(call_id, CALL);
    assert!(caller.as_ref().and_then(|c| c.user()).is_some());
    assert_eq!(*answer_by, at(15));
    assert!(!recording);

    let mut h = harness();
    assert_eq!(
        h.callback(
            &corpus("call-answer-10-notification-incoming-policyrecording.json"),
            at(0)
        ),
        202
    );
    let events = h.events();
    let Some(Event::IncomingCall {
        answer_by,
        recording,
        ..
    }) = events.first()
    else {
        panic!("{events:?}");
    };
    assert!(recording);
    assert_eq!(*answer_by, at(5), "policy-based recording: 5 seconds");
}

#[test]
fn the_answer_deadline_on_a_fake_clock() {
    let mut h = harness();
    incoming(&mut h, at(0));
    h.events();
    assert_eq!(h.bot.poll_timeout(), Some(at(12)), "the margin before 15 s");
    h.bot.handle_timeout(at(11));
    assert!(h.events().is_empty());
    h.bot.handle_timeout(at(12));
    assert!(
        matches!(&h.events()[..], [Event::AnswerDeadlineNear { answer_by, .. }] if *answer_by == at(15))
    );
    assert_eq!(h.bot.poll_timeout(), Some(at(15)));
    h.bot.handle_timeout(at(15));
    assert!(matches!(
        &h.events()[..],
        [Event::AnswerDeadlinePassed { .. }]
    ));
    h.bot.handle_timeout(at(16));
    assert!(h.events().is_empty(), "each told once");

    // Answered in time: no deadline event.
    let mut h = harness();
    incoming(&mut h, at(0));
    h.events();
    h.bot.answer(&CallId::from(CALL), None, at(1)).unwrap();
    h.bot.handle_timeout(at(20));
    assert!(h.events().is_empty());
}

#[test]
fn actions_are_refused_on_unknown_ended_or_decided_calls() {
    let mut h = harness();
    let call = CallId::from(CALL);
    assert!(matches!(
        h.bot.play_prompt(&call, [], at(0)),
        Err(ActionError::UnknownCall(_))
    ));
    incoming(&mut h, at(0));
    let answer = h.bot.answer(&call, None, at(1)).unwrap();
    assert_eq!(
        answer.uri(),
        &*format!("http://127.0.0.1:9/v1.0/communications/calls/{CALL}/answer")
    );
    let body: Value = serde_json::from_slice(answer.body()).unwrap();
    assert_eq!(body["callbackUri"], "https://bot.example.com/callback");
    assert_eq!(body["acceptedModalities"], json!(["audio"]));
    assert!(matches!(
        h.bot.answer(&call, None, at(2)),
        Err(ActionError::AlreadyDecided(_))
    ));
    assert_eq!(h.callback(&terminated(200, 4097), at(3)), 202);
    assert!(matches!(
        h.bot.mute(&call, at(4)),
        Err(ActionError::CallEnded(_))
    ));
    assert!(matches!(
        h.bot.hang_up(&call, at(4)),
        Err(ActionError::CallEnded(_))
    ));
    let events = h.events();
    let explained = events.iter().find_map(|e| match e {
        Event::CallTerminated { explanation, .. } => explanation.clone(),
        _ => None,
    });
    assert_eq!(
        explained.and_then(|e| e.category),
        Some(Category::NormalEnd)
    );

    // Hanging up ends the call for the bot at once.
    let mut h = harness();
    incoming(&mut h, at(0));
    let delete = h.bot.hang_up(&call, at(1)).unwrap();
    assert_eq!(delete.method(), http::Method::DELETE);
    assert!(matches!(
        h.bot.play_prompt(&call, [], at(2)),
        Err(ActionError::CallEnded(_))
    ));
}

fn prompt() -> MediaPrompt {
    MediaPrompt::default().with_media_info(MediaInfo::new(
        "https://cdn.example.com/welcome.wav",
        "welcome",
    ))
}

fn operation(id: &str, context: &str, status: &str) -> Value {
    json!({"@odata.type": "#microsoft.graph.playPromptOperation", "id": id,
           "clientContext": context, "status": status,
           "resultInfo": {"code": 200, "subcode": 0, "message": "Action completed successfully."}})
}

fn established(h: &mut Harness, now: SystemTime) {
    incoming(h, now);
    let answer = h.bot.answer(&CallId::from(CALL), None, now).unwrap();
    h.bot
        .handle_response(&answer, &response(202, Value::Null), now);
    assert_eq!(
        h.callback(&corpus("call-answer-5-notification-established.json"), now),
        202
    );
    h.events();
}

#[test]
fn an_operation_is_tied_to_the_action_that_started_it() {
    let mut h = harness();
    established(&mut h, at(0));
    let call = CallId::from(CALL);
    let request = h.bot.play_prompt(&call, [prompt().into()], at(1)).unwrap();
    let request_id = header(&request, "client-request-id");
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    let context = body["clientContext"].as_str().unwrap().to_owned();
    assert_eq!(
        context, request_id,
        "a fresh clientContext: the request's id"
    );

    h.bot.handle_response(
        &request,
        &response(200, operation("op-1", &context, "running")),
        at(2),
    );
    assert!(h.events().is_empty());
    let done = notification(
        &format!("/communications/calls/{CALL}/operations/op-1"),
        "deleted",
        operation("op-1", &context, "completed"),
    );
    assert_eq!(h.callback(&done, at(3)), 202);
    let events = h.events();
    let [
        Event::OperationFinished {
            action,
            client_context,
            completed,
            explanation,
            ..
        },
    ] = &events[..]
    else {
        panic!("{events:?}");
    };
    assert_eq!(*action, Some(Action::CallPlayPrompt));
    assert_eq!(client_context.as_deref(), Some(&*context));
    assert!(completed);
    assert!(explanation.is_some());
    h.bot.handle_timeout(at(10_000));
    assert!(
        !h.events()
            .iter()
            .any(|e| matches!(e, Event::OperationTimedOut { .. })),
        "a finished operation does not time out"
    );

    // The notification before the response: tied by its clientContext.
    let request = h.bot.play_prompt(&call, [prompt().into()], at(20)).unwrap();
    let context = header(&request, "client-request-id");
    let done = notification(
        &format!("/communications/calls/{CALL}/operations/op-2"),
        "deleted",
        operation("op-2", &context, "completed"),
    );
    assert_eq!(h.callback(&done, at(21)), 202);
    assert!(matches!(
        &h.events()[..],
        [Event::OperationFinished {
            action: Some(Action::CallPlayPrompt),
            ..
        }]
    ));
    h.bot.handle_response(
        &request,
        &response(200, operation("op-2", &context, "running")),
        at(22),
    );
    h.bot.handle_timeout(at(20_000));
    let prompt_events = h.events().into_iter().filter(|e| match e {
        Event::OperationFinished { .. } => true,
        Event::OperationTimedOut { outgoing, .. } => {
            *outgoing != Outgoing::Action(Action::CallKeepAlive)
        }
        _ => false,
    });
    assert_eq!(prompt_events.count(), 0, "nothing twice, nothing timed out");
}

#[test]
fn a_final_status_in_the_response_finishes_the_operation_once() {
    let mut h = harness();
    established(&mut h, at(0));
    let call = CallId::from(CALL);
    let request = h
        .bot
        .mute_participant(&call, &ParticipantId::from("p-1"), at(1))
        .unwrap();
    let context = header(&request, "client-request-id");
    let mut op = operation("op-9", &context, "completed");
    op["@odata.type"] = json!("#microsoft.graph.muteParticipantOperation");
    h.bot
        .handle_response(&request, &response(200, op.clone()), at(2));
    assert!(matches!(
        &h.events()[..],
        [Event::OperationFinished {
            action: Some(Action::ParticipantMute),
            completed: true,
            ..
        }]
    ));
    let path = format!("/communications/calls/{CALL}/operations/op-9");
    assert_eq!(h.callback(&notification(&path, "deleted", op), at(3)), 202);
    assert!(h.events().is_empty(), "the notification repeats nothing");
}

#[test]
fn an_operation_that_never_finishes_times_out() {
    let mut timers = Timers::default();
    timers.operation_timeout = Duration::from_secs(30);
    let mut h = harness_with(timers);
    established(&mut h, at(0));
    let request = h
        .bot
        .play_prompt(&CallId::from(CALL), [prompt().into()], at(100))
        .unwrap();
    let context = header(&request, "client-request-id");
    h.bot.handle_response(
        &request,
        &response(200, operation("op-3", &context, "running")),
        at(101),
    );
    assert!(h.bot.poll_timeout().unwrap() <= at(130));
    h.bot.handle_timeout(at(129));
    assert!(h.events().is_empty());
    h.bot.handle_timeout(at(130));
    let events = h.events();
    let [
        Event::OperationTimedOut {
            operation_id,
            outgoing,
            ..
        },
    ] = &events[..]
    else {
        panic!("{events:?}");
    };
    assert_eq!(operation_id.as_deref(), Some("op-3"));
    assert_eq!(*outgoing, Outgoing::Action(Action::CallPlayPrompt));
}

#[test]
fn established_calls_are_kept_alive() {
    let mut h = harness();
    established(&mut h, at(0));
    // The answer's response settles it; only the keep-alive is due.
    let fifteen = at(15 * 60);
    assert_eq!(h.bot.poll_timeout().map(|t| t <= fifteen), Some(true));
    h.bot.handle_timeout(at(15 * 60 - 1));
    assert!(h.bot.poll_transmit(at(15 * 60 - 1)).is_none());
    h.bot.handle_timeout(fifteen);
    let keep_alive = h.bot.poll_transmit(fifteen).expect("a keepAlive");
    assert_eq!(
        keep_alive.uri(),
        &*format!("http://127.0.0.1:9/v1.0/communications/calls/{CALL}/keepAlive")
    );
    assert!(h.bot.poll_transmit(fifteen).is_none());
    h.bot
        .handle_response(&keep_alive, &response(200, Value::Null), fifteen);
    h.bot.handle_timeout(at(30 * 60));
    assert!(h.bot.poll_transmit(at(30 * 60)).is_some(), "every interval");

    // An interval over 45 minutes is cut to 45.
    let mut timers = Timers::default();
    timers.keep_alive = Duration::from_secs(3600);
    let mut h = harness_with(timers);
    established(&mut h, at(0));
    h.bot.handle_timeout(at(45 * 60));
    assert!(h.bot.poll_transmit(at(45 * 60)).is_some());

    // An ended call is not kept alive.
    let mut h = harness();
    established(&mut h, at(0));
    assert_eq!(h.callback(&terminated(200, 4097), at(10)), 202);
    h.bot.handle_timeout(at(3600));
    assert!(h.bot.poll_transmit(at(3600)).is_none());
}

#[test]
fn throttled_requests_are_retried_after_retry_after_with_the_same_id() {
    let mut h = harness();
    incoming(&mut h, at(0));
    h.events();
    let call = CallId::from(CALL);
    let answer = h.bot.answer(&call, None, at(0)).unwrap();
    let id = header(&answer, "client-request-id");
    let throttled = http::Response::builder()
        .status(429)
        .header("Retry-After", "3")
        .body(Vec::new())
        .unwrap();
    h.bot.handle_response(&answer, &throttled, at(1));
    assert_eq!(h.bot.poll_timeout(), Some(at(4)), "Retry-After: 3");
    h.bot.handle_timeout(at(3));
    assert!(
        h.bot.poll_transmit(at(3)).is_none(),
        "not before Retry-After"
    );
    h.bot.handle_timeout(at(4));
    let retry = h.bot.poll_transmit(at(4)).expect("the retry");
    assert_eq!(header(&retry, "client-request-id"), id);
    assert_eq!(retry.body(), answer.body());
    assert_eq!(retry.uri(), answer.uri());

    // Without Retry-After: a doubling backoff, then a failure when the retries run out.
    let unavailable = response(503, Value::Null);
    let mut now = at(4);
    let mut waits = Vec::new();
    let mut request = retry;
    loop {
        h.bot.handle_response(&request, &unavailable, now);
        let Some(due) = h.bot.poll_timeout().filter(|&t| t < at(1000)) else {
            break;
        };
        waits.push(due.duration_since(now).unwrap().as_secs());
        now = due;
        h.bot.handle_timeout(now);
        let Some(next) = h.bot.poll_transmit(now) else {
            break;
        };
        request = next;
    }
    assert_eq!(waits, [2, 4, 8], "the first retry went after Retry-After");
    let events = h.events();
    let [
        Event::RequestFailed {
            failure: Failure::RetriesExhausted { attempts, last },
            outgoing,
            ..
        },
    ] = &events[..]
    else {
        panic!("{events:?}");
    };
    assert_eq!(*attempts, 5);
    assert_eq!(last.as_ref().map(|e| e.status.as_u16()), Some(503));
    assert_eq!(*outgoing, Outgoing::Action(Action::CallAnswer));
}

/// A request queued before its call ended is moot once it has, and a retry of it is
/// dropped; the hang-up that ended the call is neither.
#[test]
fn requests_made_moot_by_the_end_of_their_call() {
    let mut h = harness();
    established(&mut h, at(0));
    let call = CallId::from(CALL);
    let prompt = h.bot.play_prompt(&call, [prompt().into()], at(1)).unwrap();
    let throttled = http::Response::builder()
        .status(429)
        .header("Retry-After", "5")
        .body(Vec::new())
        .unwrap();
    h.bot.handle_response(&prompt, &throttled, at(1));
    let hang_up = h.bot.hang_up(&call, at(2)).unwrap();
    assert!(h.bot.is_moot(&prompt), "its call ended after it was built");
    assert!(!h.bot.is_moot(&hang_up), "the hang-up is what ended it");
    // The hang-up is throttled too: it is retried, the prompt is not.
    h.bot.handle_response(&hang_up, &throttled, at(2));
    h.bot.handle_timeout(at(10));
    let retried: Vec<_> = std::iter::from_fn(|| h.bot.poll_transmit(at(10))).collect();
    assert_eq!(retried.len(), 1, "{retried:?}");
    assert_eq!(retried[0].method(), http::Method::DELETE);
    // A request the bot did not build is never moot.
    assert!(!h.bot.is_moot(&http::Request::new(Vec::<u8>::new())));
}

#[test]
fn graph_errors_become_request_failed_events() {
    let mut h = harness();
    established(&mut h, at(0));
    let request = h
        .bot
        .play_prompt(&CallId::from(CALL), [prompt().into()], at(1))
        .unwrap();
    let error =
        json!({"error": {"code": "Forbidden", "message": "Not allowed. DiagCode: 403#1203.@"}});
    h.bot
        .handle_response(&request, &response(403, error), at(2));
    let events = h.events();
    let [
        Event::RequestFailed {
            failure: Failure::Graph(e),
            ..
        },
    ] = &events[..]
    else {
        panic!("{events:?}");
    };
    assert_eq!(e.status.as_u16(), 403);
    assert_eq!(e.diag_code(), Some("403#1203.@"));
    h.bot.handle_timeout(at(100_000));
    assert!(
        !h.events()
            .iter()
            .any(|e| matches!(e, Event::OperationTimedOut { .. }))
    );
}

#[test]
fn redeliveries_give_no_second_event() {
    let mut h = harness();
    let body = corpus("call-answer-2-notification-incoming.json");
    assert_eq!(h.callback(&body, at(0)), 202);
    assert_eq!(h.events().len(), 1);
    assert_eq!(h.callback(&body, at(1)), 202, "the same content");
    assert!(h.events().is_empty());

    // The same message id, another spelling of the content.
    let established = state("established");
    let send = |h: &mut Harness, body: &[u8], now| {
        let request = post(Some(&token(&h.key, now)))
            .header(
                "X-Microsoft-Skype-Message-ID",
                "bcdf89d6-f2d0-42ba-be6d-df0fca384019",
            )
            .body(body.to_vec())
            .unwrap();
        h.bot.handle_callback(&request, now).status().as_u16()
    };
    assert_eq!(send(&mut h, &established, at(2)), 202);
    assert_eq!(h.events().len(), 1);
    let mut respaced = established.clone();
    respaced.push(b'\n');
    assert_eq!(send(&mut h, &respaced, at(3)), 202);
    assert!(h.events().is_empty());

    // The same bytes under another message id are another message: a return to
    // `established` after `hold`.
    let message = |h: &mut Harness, id: &str, body: &[u8], now| {
        let request = post(Some(&token(&h.key, now)))
            .header("X-Microsoft-Skype-Message-ID", id)
            .body(body.to_vec())
            .unwrap();
        h.bot.handle_callback(&request, now).status().as_u16()
    };
    assert_eq!(message(&mut h, "m-hold", &state("hold"), at(4)), 202);
    assert_eq!(message(&mut h, "m-back", &established, at(5)), 202);
    let back = h.events();
    assert!(
        back.iter().any(|e| matches!(
            e,
            Event::Call(tracker::Event::StateChanged {
                to: CallState::Established,
                ..
            })
        )),
        "{back:?}"
    );
}

/// A small generator for the shuffles: deterministic, no dependency.
fn lcg(seed: &mut u64) -> usize {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (*seed >> 33) as usize
}

#[test]
fn documented_callbacks_shuffled_and_duplicated_end_in_one_state() {
    let terminated = String::from_utf8(corpus("call-delete-2-notification-terminated.json"))
        .unwrap()
        .replace("57dab8b1-894c-409a-b240-bd8beae78896", CALL);
    let bodies: Vec<Vec<u8>> = vec![
        corpus("call-answer-2-notification-incoming.json"),
        corpus("call-answer-4-notification-establishing.json"),
        corpus("call-answer-5-notification-established.json"),
        corpus("call-playprompt-3-notification.json"),
        terminated.into_bytes(),
    ];
    for seed in 0..40u64 {
        let mut rng = seed;
        let mut order: Vec<usize> = (0..bodies.len())
            .chain([lcg(&mut rng) % bodies.len()])
            .collect();
        for i in (1..order.len()).rev() {
            order.swap(i, lcg(&mut rng) % (i + 1));
        }
        // Graph ends a call last: the terminated notification is delivered after the others.
        order.retain(|&i| i != 4);
        order.push(4);
        let mut h = harness();
        let mut events = Vec::new();
        for (n, &i) in order.iter().enumerate() {
            assert_eq!(h.callback(&bodies[i], at(n as u64)), 202);
            events.extend(h.events());
        }
        let call = h.bot.tracker().call(CALL).expect("the call");
        assert_eq!(
            call.state(),
            Some(&CallState::Terminated),
            "order {order:?}"
        );
        assert!(!h.bot.is_live(CALL));
        let count = |f: &dyn Fn(&Event) -> bool| events.iter().filter(|e| f(e)).count();
        assert_eq!(
            count(&|e| matches!(e, Event::CallTerminated { .. })),
            1,
            "{order:?}"
        );
        assert!(count(&|e| matches!(e, Event::IncomingCall { .. })) <= 1);
        assert_eq!(
            count(&|e| matches!(e, Event::OperationFinished { .. })),
            1,
            "{order:?}"
        );
        assert!(events.iter().all(|e| !matches!(
            e,
            Event::Call(tracker::Event::StateChanged {
                to: CallState::Incoming,
                ..
            })
        )));
    }
}

#[test]
fn an_ended_call_is_forgotten_after_the_linger_time() {
    let mut h = harness();
    established(&mut h, at(0));
    assert_eq!(h.callback(&terminated(200, 5001), at(10)), 202);
    h.events();
    h.bot.handle_timeout(at(10 + 600));
    assert!(h.bot.tracker().call(CALL).is_none(), "forgotten");
    // A late notification about it brings nothing back.
    assert_eq!(h.callback(&state("established"), at(700)), 202);
    assert!(h.events().is_empty());
    assert!(h.bot.tracker().call(CALL).is_none());
}
