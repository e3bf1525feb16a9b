//! Call documents: a call's state exported, restored and merged. The merge
//! properties over generated lifecycles and the recorded sequences, a restored bot
//! behaving as the one that exported it, versions, and timers and pending requests
//! that a merge neither loses nor doubles.

use std::collections::BTreeMap;

use graph_comms_bot::bot::{CallDocument, DOCUMENT_VERSION, DocumentError};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, RngAlgorithm, TestRng, TestRunner};

use super::*;

/// A callback as delivered: its message id and its body.
type Delivery = (String, Vec<u8>);

/// A bot that shares the harness's key, and a token valid at `at(0)` for it.
fn replica(h: &Harness) -> Bot {
    let keys = KeySet::from_jwks(&jwks(&[&h.key])).unwrap();
    let config = Config::new(APP_ID, "https://bot.example.com/callback", keys)
        .with_graph(Graph::with_base_url("http://127.0.0.1:9", ApiVersion::V1));
    Bot::new(config)
}

fn deliver(bot: &mut Bot, token: &str, delivery: &Delivery, now: SystemTime) {
    let request = post(Some(token))
        .header("X-Microsoft-Skype-Message-ID", delivery.0.as_str())
        .body(delivery.1.clone())
        .unwrap();
    let status = bot.handle_callback(&request, now).status().as_u16();
    assert_eq!(status, 202, "{}", String::from_utf8_lossy(&delivery.1));
    while bot.poll_event().is_some() {}
}

/// Every call's document, as JSON values by call id.
fn documents(bot: &Bot) -> BTreeMap<String, Value> {
    bot.call_ids()
        .map(|id| {
            let document = bot.export_call(id).unwrap();
            (
                id.to_owned(),
                serde_json::from_slice(&document.to_json()).unwrap(),
            )
        })
        .collect()
}

fn participant(id: &str, muted: bool) -> Value {
    json!({
        "@odata.type": "#microsoft.graph.participant",
        "id": id,
        "info": {"identity": {"user": {"id": format!("user-{id}"), "displayName": format!("User {id}")}}},
        "isMuted": muted,
        "isInLobby": false,
        "mediaStreams": [{"mediaType": "audio", "direction": "sendReceive", "serverMuted": false}],
    })
}

fn delta(seq: i64, participants: Vec<Value>) -> Vec<u8> {
    notification(
        &format!("/communications/calls/{CALL}/participants"),
        "updated",
        json!([{"@odata.type": "#microsoft.graph.deltaParticipants", "id": format!("delta-{seq}"),
                "sequenceNumber": seq, "participants": participants}]),
    )
}

fn operation_update(id: &str, status: &str) -> Vec<u8> {
    let mut op = json!({"@odata.type": "#microsoft.graph.playPromptOperation", "id": id,
                        "status": status, "clientContext": format!("ctx-{id}")});
    if status != "running" {
        op["resultInfo"] =
            json!({"code": if status == "failed" { 400 } else { 200 }, "subcode": 0});
    }
    notification(
        &format!("/communications/calls/{CALL}/operations/{id}"),
        if status == "running" {
            "updated"
        } else {
            "deleted"
        },
        op,
    )
}

fn session(change: &str, id: &str) -> Vec<u8> {
    notification(
        &format!("/communications/calls/{CALL}/contentSharingSessions/{id}"),
        change,
        json!([{"@odata.type": "#microsoft.graph.contentSharingSession", "id": id}]),
    )
}

/// A call's life as Graph would tell it: set-up, the roster by sequenced deltas
/// (joins, mutes, leaves), tones, prompts, shared screens and maybe the end. Only
/// `established` among the live states: the order of live states is what a merge
/// cannot know, and `docs/state.md` gives its fixed rule instead.
fn lifecycle() -> impl Strategy<Value = Vec<Vec<u8>>> {
    (
        1usize..5,
        prop::collection::vec((0usize..5, any::<bool>()), 0..8),
        prop::collection::vec(0usize..5, 0..3),
        0i64..4,
        prop::collection::vec(any::<bool>(), 0..3),
        0usize..3,
        any::<bool>(),
    )
        .prop_map(|(people, churn, leaving, tones, outcomes, sessions, ends)| {
            let mut out = vec![
                corpus("call-answer-2-notification-incoming.json"),
                state("establishing"),
                call_update(json!({"@odata.type": "#microsoft.graph.call", "state": "established",
                                   "mediaState": {"audio": "active"}})),
            ];
            let mut seq = 1;
            out.push(delta(
                seq,
                (0..people).map(|i| participant(&format!("p{i}"), false)).collect(),
            ));
            for (who, muted) in churn {
                seq += 1;
                out.push(delta(seq, vec![participant(&format!("p{}", who % people), muted)]));
            }
            for who in leaving {
                seq += 1;
                let mut gone = participant(&format!("p{}", who % people), false);
                gone["removedState"] = json!({"reason": "left"});
                out.push(delta(seq, vec![gone]));
            }
            for tone in 1..=tones {
                out.push(call_update(json!({"@odata.type": "#microsoft.graph.call",
                    "state": "established", "toneInfo": {"sequenceId": tone, "tone": format!("tone{tone}")}})));
            }
            for (i, ok) in outcomes.into_iter().enumerate() {
                let id = format!("op{i}");
                out.push(operation_update(&id, "running"));
                out.push(operation_update(&id, if ok { "completed" } else { "failed" }));
            }
            for i in 0..sessions {
                out.push(session("created", &format!("s{i}")));
                if i == 0 {
                    out.push(session("deleted", &format!("s{i}")));
                }
            }
            if ends {
                out.push(state("terminating"));
                out.push(terminated(0, 7000));
            }
            out
        })
}

/// The recorded sequences: the meeting log, and the documented pages' calls.
fn recorded() -> Vec<Vec<u8>> {
    let log = std::fs::read_to_string(format!(
        "{}/tests/tracker/meeting.jsonl",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut bodies: Vec<Vec<u8>> = log.lines().map(|l| l.as_bytes().to_vec()).collect();
    for page in [
        "call-answer-2-notification-incoming.json",
        "call-answer-4-notification-establishing.json",
        "call-answer-5-notification-established.json",
        "call-answer-8-notification-contentsharing-started.json",
        "call-answer-9-notification-contentsharing-ended.json",
        "call-playprompt-3-notification.json",
        "call-mute-3-notification-roster.json",
        "call-delete-1-notification-terminating.json",
        "call-delete-2-notification-terminated.json",
    ] {
        bodies.push(corpus(page));
    }
    bodies
}

/// How a run spreads a log over replicas: which copies (with duplicates) go to
/// which replica, in which order each is fed, and how the documents are merged.
#[derive(Clone, Debug)]
struct Spread {
    copies: Vec<usize>,
    replicas: usize,
    owner: Vec<usize>,
    merges: Vec<(usize, bool)>,
}

fn spread(len: usize) -> impl Strategy<Value = Spread> {
    (
        prop::collection::vec(0..len, 0..len),
        1usize..=8,
        prop::collection::vec(any::<usize>(), len * 2),
        prop::collection::vec((any::<usize>(), any::<bool>()), 8),
    )
        .prop_flat_map(move |(again, replicas, owner, merges)| {
            let copies: Vec<usize> = (0..len).chain(again).collect();
            (
                Just(copies).prop_shuffle(),
                Just(replicas),
                Just(owner),
                Just(merges),
            )
        })
        .prop_map(|(copies, replicas, owner, merges)| Spread {
            owner: owner.iter().map(|o| o % replicas).collect(),
            copies,
            replicas,
            merges,
        })
}

/// Feeds each replica its share, in the shuffled order, then merges the
/// documents of each call in the order and grouping `spread` says.
fn fleet(h: &Harness, log: &[Vec<u8>], spread: &Spread) -> BTreeMap<String, Value> {
    let now = at(0);
    let token = token(&h.key, now);
    let mut replicas: Vec<Bot> = (0..spread.replicas).map(|_| replica(h)).collect();
    for (n, &copy) in spread.copies.iter().enumerate() {
        let owner = spread.owner[n % spread.owner.len()];
        deliver(
            &mut replicas[owner],
            &token,
            &(message_id(log, copy), log[copy].clone()),
            now,
        );
    }
    let mut by_call: BTreeMap<String, Vec<CallDocument>> = BTreeMap::new();
    for bot in &replicas {
        for id in bot.call_ids() {
            by_call
                .entry(id.to_owned())
                .or_default()
                .push(bot.export_call(id).unwrap());
        }
    }
    let mut merged = BTreeMap::new();
    for (id, mut documents) in by_call {
        let mut choices = spread.merges.iter().cycle();
        while documents.len() > 1 {
            let &(pick, flip) = choices.next().unwrap();
            let i = pick % (documents.len() - 1);
            let right = documents.remove(i + 1);
            let left = &mut documents[i];
            if flip {
                let mut right = right;
                right.merge(left).unwrap();
                *left = right;
            } else {
                left.merge(&right).unwrap();
            }
        }
        let document = documents.pop().unwrap();
        // Through the JSON form, as a store holds it.
        let document = CallDocument::from_json(&document.to_json()).unwrap();
        merged.insert(id, serde_json::from_slice(&document.to_json()).unwrap());
    }
    merged
}

/// The JSON pointers at which two values differ, with both sides.
fn differences(a: &Value, b: &Value, at: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let (l, r) = (
                    x.get(key).unwrap_or(&Value::Null),
                    y.get(key).unwrap_or(&Value::Null),
                );
                differences(l, r, &format!("{at}/{key}"), out);
            }
        }
        _ if a != b => out.push(format!("{at}: {a} != {b}")),
        _ => {}
    }
}

fn same(
    merged: &BTreeMap<String, Value>,
    expected: &BTreeMap<String, Value>,
) -> Result<(), TestCaseError> {
    let mut out = Vec::new();
    let (a, b) = (json!(merged), json!(expected));
    differences(&a, &b, "", &mut out);
    prop_assert!(out.is_empty(), "merged != single bot:\n{}", out.join("\n"));
    Ok(())
}

/// A body's message id: Graph repeats it when it delivers the same body again.
fn message_id(log: &[Vec<u8>], i: usize) -> String {
    let first = log.iter().position(|b| *b == log[i]).unwrap_or(i);
    format!("m{first}")
}

/// One bot fed the log in order.
fn single(h: &Harness, log: &[Vec<u8>]) -> BTreeMap<String, Value> {
    let now = at(0);
    let token = token(&h.key, now);
    let mut bot = replica(h);
    for (i, body) in log.iter().enumerate() {
        deliver(&mut bot, &token, &(message_id(log, i), body.clone()), now);
    }
    documents(&bot)
}

fn runner(cases: u32) -> TestRunner {
    let config = ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

#[test]
fn replicas_merged_in_any_grouping_equal_one_bot() {
    let h = harness();
    let strategy = lifecycle().prop_flat_map(|log| {
        let n = log.len();
        (Just(log), spread(n))
    });
    runner(48)
        .run(&strategy, |(log, spread)| {
            let expected = single(&h, &log);
            prop_assert!(!expected.is_empty());
            same(&fleet(&h, &log, &spread), &expected)
        })
        .unwrap();
}

#[test]
fn replicas_of_the_recorded_sequences_equal_one_bot() {
    let h = harness();
    let log = recorded();
    let expected = single(&h, &log);
    assert_eq!(
        expected.len(),
        4,
        "the meeting and the pages' calls: {:?}",
        expected.keys()
    );
    runner(48)
        .run(&spread(log.len()), |spread| {
            same(&fleet(&h, &log, &spread), &expected)
        })
        .unwrap();
}

#[test]
fn the_merge_is_idempotent_and_commutative_on_what_delivery_order_decides() {
    // Live states and unsequenced rosters: the fixed rule, whatever the order.
    let h = harness();
    let now = at(0);
    let token = token(&h.key, now);
    let roster = |change: &str, who: &str, muted: bool| {
        notification(
            &format!("/communications/calls/{CALL}/participants"),
            change,
            json!([participant(who, muted)]),
        )
    };
    let bodies = [
        state("established"),
        state("hold"),
        state("established"),
        roster("created", "a", false),
        roster("updated", "a", true),
        roster("deleted", "a", true),
        roster("created", "b", false),
    ];
    for mask in 0u32..(1 << bodies.len()) {
        let (mut left, mut right) = (replica(&h), replica(&h));
        for (i, body) in bodies.iter().enumerate() {
            let side = if mask & (1 << i) == 0 {
                &mut left
            } else {
                &mut right
            };
            deliver(side, &token, &(format!("m{i}"), body.clone()), now);
        }
        let (Some(a), Some(b)) = (left.export_call(CALL), right.export_call(CALL)) else {
            continue;
        };
        let (mut ab, mut ba, mut aa) = (a.clone(), b.clone(), a.clone());
        ab.merge(&b).unwrap();
        ba.merge(&a).unwrap();
        aa.merge(&a).unwrap();
        assert_eq!(ab, ba, "commutative, split {mask:b}");
        assert_eq!(aa, a, "idempotent");
        let mut again = ab.clone();
        again.merge(&b).unwrap();
        assert_eq!(again, ab, "absorbing");
        // Where only delivery order decides, the state is one of the two sides'.
        let state = |d: &CallDocument| d.tracked().and_then(|t| t.state().cloned());
        assert!(state(&ab) == state(&a) || state(&ab) == state(&b));
    }
}

/// What a bot does from here on, with request ids blanked (each bot draws its own).
fn behaviour(bot: &mut Bot, token: &str, from: u64) -> Vec<String> {
    let mut seen = Vec::new();
    let note = |bot: &mut Bot, seen: &mut Vec<String>| {
        while let Some(event) = bot.poll_event() {
            seen.push(mask_ids(&format!("{event:?}")));
        }
    };
    let tone = call_update(
        json!({"@odata.type": "#microsoft.graph.call", "state": "established",
        "toneInfo": {"sequenceId": 9, "tone": "pound"}}),
    );
    deliver_keep(bot, token, &tone, at(from));
    note(bot, &mut seen);
    // A redelivery of a callback the exporter had seen.
    deliver_keep(bot, token, &state("established"), at(from));
    note(bot, &mut seen);
    let mut now = at(from);
    for _ in 0..6 {
        let Some(due) = bot.poll_timeout() else { break };
        now = due.max(now);
        bot.handle_timeout(now);
        while let Some(request) = bot.poll_transmit(now) {
            seen.push(mask_ids(&format!(
                "{} {} {}",
                request.method(),
                request.uri(),
                String::from_utf8_lossy(request.body())
            )));
        }
        note(bot, &mut seen);
    }
    seen.push(format!("{:?}", bot.poll_timeout()));
    seen
}

/// The text with every GUID-shaped id blanked.
fn mask_ids(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let guid = bytes.len() >= i + 36
            && bytes[i..i + 36].iter().enumerate().all(|(j, b)| match j {
                8 | 13 | 18 | 23 => *b == b'-',
                _ => b.is_ascii_hexdigit(),
            });
        if guid {
            out.push_str("<id>");
            i += 36;
        } else {
            out.push(char::from(bytes[i]));
            i += 1;
        }
    }
    out
}

fn deliver_keep(bot: &mut Bot, token: &str, body: &[u8], now: SystemTime) {
    let request = post(Some(token)).body(body.to_vec()).unwrap();
    bot.handle_callback(&request, now);
}

#[test]
fn a_restored_bot_behaves_as_the_one_that_exported_it() {
    let mut h = harness();
    let now = at(0);
    incoming(&mut h, now);
    let events = h.events();
    let call_id = events
        .iter()
        .find_map(|e| match e {
            Event::IncomingCall { call_id, .. } => Some(call_id.clone()),
            _ => None,
        })
        .unwrap();
    let id = CallId::from(call_id.as_str());
    let answer = h.bot.answer(&id, None, at(1)).unwrap();
    h.bot
        .handle_response(&answer, &response(202, Value::Null), at(1));
    let established = notification(
        &format!("/communications/calls/{call_id}"),
        "updated",
        json!({"@odata.type": "#microsoft.graph.call", "state": "established"}),
    );
    h.callback(&established, at(2));
    let prompt = h.bot.play_prompt(&id, [prompt().into()], at(3)).unwrap();
    h.bot.handle_response(
        &prompt,
        &response(
            429,
            json!({"error": {"code": "TooManyRequests", "message": "slow down"}}),
        ),
        at(3),
    );
    h.events();

    let document = h.bot.export_call(&call_id).unwrap();
    let json = document.to_json();
    let mut restored = replica(&h);
    restored.restore_call(CallDocument::from_json(&json).unwrap());
    assert_eq!(
        restored.export_call(&call_id).unwrap(),
        document,
        "a round trip"
    );
    assert_eq!(restored.poll_timeout(), h.bot.poll_timeout());
    let later = token(&h.key, at(4));
    assert_eq!(
        behaviour(&mut restored, &later, 4),
        behaviour(&mut h.bot, &later, 4)
    );
    // Merging a document into a bot that holds none is restoring it.
    let mut merged = replica(&h);
    merged.merge_call(&document);
    assert_eq!(merged.export_call(&call_id).unwrap(), document);
}

#[test]
fn documents_of_another_version_are_refused_whole() {
    let h = harness();
    let mut bot = replica(&h);
    deliver(
        &mut bot,
        &token(&h.key, at(0)),
        &("m".into(), state("established")),
        at(0),
    );
    let json: Value = serde_json::from_slice(&bot.export_call(CALL).unwrap().to_json()).unwrap();
    assert_eq!(json["version"], DOCUMENT_VERSION);
    for version in [json!(0), json!(2), json!("1"), Value::Null] {
        let mut other = json.clone();
        other["version"] = version;
        let error = CallDocument::from_json(&serde_json::to_vec(&other).unwrap()).unwrap_err();
        assert!(matches!(error, DocumentError::Version { .. }), "{error}");
    }
    let mut broken = json.clone();
    broken["bot"]["keepAlives"] = json!("many");
    let error = CallDocument::from_json(&serde_json::to_vec_pretty(&broken).unwrap()).unwrap_err();
    assert!(
        matches!(error, DocumentError::Invalid { line, .. } if line > 1),
        "{error}"
    );
    let mut other_call = bot.export_call(CALL).unwrap();
    let mut stranger = replica(&h);
    let elsewhere = notification(
        "/communications/calls/another-call",
        "updated",
        json!({"@odata.type": "#microsoft.graph.call", "state": "established"}),
    );
    deliver(
        &mut stranger,
        &token(&h.key, at(0)),
        &("n".into(), elsewhere),
        at(0),
    );
    let theirs = stranger
        .export_call(stranger.call_ids().next().unwrap())
        .unwrap();
    assert!(matches!(
        other_call.merge(&theirs),
        Err(DocumentError::OtherCall { .. })
    ));
}

#[test]
fn a_merge_neither_loses_a_pending_request_nor_sends_one_twice() {
    let mut h = harness();
    let token = token(&h.key, at(0));
    let mut a = replica(&h);
    deliver(&mut a, &token, &("m1".into(), state("established")), at(0));
    let b_doc = a.export_call(CALL).unwrap();
    let mut b = replica(&h);
    b.restore_call(b_doc.clone());

    // A plays a prompt: B's document has no such request; merged, it is pending.
    let request = a
        .play_prompt(&CallId::from(CALL), [prompt().into()], at(1))
        .unwrap();
    let mut merged = b_doc.clone();
    merged.merge(&a.export_call(CALL).unwrap()).unwrap();
    b.restore_call(merged.clone());
    let b_due = b.poll_timeout().unwrap();
    assert!(b_due <= at(1) + Timers::default().operation_timeout);

    // A settles it (the operation completed in the response); the older document
    // does not bring it back.
    let done = json!({"@odata.type": "#microsoft.graph.playPromptOperation", "id": "op-1",
                      "status": "completed", "resultInfo": {"code": 200, "subcode": 0}});
    a.handle_response(&request, &response(200, done), at(2));
    let finished: Vec<Event> = std::iter::from_fn(|| a.poll_event()).collect();
    assert!(
        finished
            .iter()
            .any(|e| matches!(e, Event::OperationFinished { .. }))
    );
    let mut settled = a.export_call(CALL).unwrap();
    settled.merge(&merged).unwrap();
    let json: Value = serde_json::from_slice(&settled.to_json()).unwrap();
    assert_eq!(json["requests"], json!({}), "{json:#}");

    // A sends the keep-alive; merged with B's older timers, it is not due again.
    let keep_alive_at = at(0) + Timers::default().keep_alive_interval();
    a.handle_timeout(keep_alive_at);
    assert!(a.poll_transmit(keep_alive_at).is_some());
    let mut stale = b.export_call(CALL).unwrap();
    stale.merge(&a.export_call(CALL).unwrap()).unwrap();
    let mut c = replica(&h);
    c.restore_call(stale);
    c.handle_timeout(keep_alive_at);
    let again: Vec<_> = std::iter::from_fn(|| c.poll_transmit(keep_alive_at))
        .filter(|r| r.uri().path().ends_with("/keepAlive"))
        .collect();
    assert!(again.is_empty(), "the keep-alive A sent is not sent again");
    h.events();
}

/// A document cut, spliced or with bytes changed is read or refused, never a panic;
/// one that is read writes itself back the same, and merges with a good one.
#[test]
fn damaged_documents_are_refused_or_read_whole() {
    let h = harness();
    let mut bot = replica(&h);
    let token = token(&h.key, at(0));
    for (i, body) in recorded().iter().enumerate().take(9) {
        deliver_keep(&mut bot, &token, body, at(i as u64));
    }
    let good = bot
        .export_call("7a1f0b00-5c3f-4b8d-8a38-5c8e7a1b3c2d")
        .unwrap();
    let json = good.to_json();
    let edits = prop::collection::vec((0..json.len(), any::<u8>(), 0usize..3), 1..6);
    runner(256)
        .run(&edits, |edits| {
            let mut damaged = json.clone();
            for (at, byte, how) in edits {
                let at = at.min(damaged.len().saturating_sub(1));
                match how {
                    0 => damaged[at] = byte,
                    1 => damaged.truncate(at),
                    _ => {
                        let copy = damaged[at..].to_vec();
                        damaged.extend_from_slice(&copy);
                    }
                }
                if damaged.is_empty() {
                    break;
                }
            }
            if let Ok(document) = CallDocument::from_json(&damaged) {
                let again = CallDocument::from_json(&document.to_json()).unwrap();
                prop_assert_eq!(&again, &document);
                let mut merged = document.clone();
                let _ = merged.merge(&good);
                let mut restored = replica(&h);
                restored.restore_call(document);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_call_id_scan_never_panics_and_agrees_with_the_decoder() {
    // Any bytes: an answer or none, never a panic.
    runner(512)
        .run(&prop::collection::vec(any::<u8>(), 0..256), |bytes| {
            let _ = graph_comms_bot::routing::call_id_of_body(&bytes);
            Ok(())
        })
        .unwrap();
    // Every recorded callback: the scan names the call the decoder does.
    for body in recorded() {
        let decoded =
            graph_comms::from_slice::<graph_comms::notification::CommsNotifications>(&body)
                .unwrap()
                .value;
        let first = decoded.value.iter().flatten().next().unwrap();
        assert_eq!(
            graph_comms_bot::routing::call_id_of_body(&body).as_deref(),
            first.call_id(),
            "{}",
            String::from_utf8_lossy(&body)
        );
    }
}

/// A long call keeps the most recent dedupe keys, and replicas that split its
/// callbacks merge to the same keys as one bot, in either order.
#[test]
fn dedupe_keys_are_bounded_to_the_most_recent() {
    let h = harness();
    let token = token(&h.key, at(0));
    let tone = |n: u64| {
        call_update(
            json!({"@odata.type": "#microsoft.graph.call", "state": "established",
            "toneInfo": {"sequenceId": n, "tone": "tone1"}}),
        )
    };
    let total = graph_comms_bot::bot::DEDUPE_KEYS_PER_CALL as u64 + 44;
    let (mut one, mut even, mut odd) = (replica(&h), replica(&h), replica(&h));
    for n in 0..total {
        let delivery = (format!("m{n}"), tone(n + 1));
        deliver(&mut one, &token, &delivery, at(n));
        deliver(
            if n % 2 == 0 { &mut even } else { &mut odd },
            &token,
            &delivery,
            at(n),
        );
    }
    let keys = |d: &CallDocument| -> Value {
        serde_json::from_slice::<Value>(&d.to_json()).unwrap()["bot"]["seen"].clone()
    };
    let single = one.export_call(CALL).unwrap();
    let seen = keys(&single);
    let seen = seen.as_object().unwrap();
    assert_eq!(seen.len(), graph_comms_bot::bot::DEDUPE_KEYS_PER_CALL);
    assert!(seen.contains_key(&format!("id:m{}", total - 1)));
    assert!(!seen.contains_key("id:m0"), "the oldest are forgotten");
    let (a, b) = (
        even.export_call(CALL).unwrap(),
        odd.export_call(CALL).unwrap(),
    );
    let (mut ab, mut ba) = (a.clone(), b.clone());
    ab.merge(&b).unwrap();
    ba.merge(&a).unwrap();
    assert_eq!(keys(&ab), keys(&single));
    assert_eq!(keys(&ba), keys(&single));
}
