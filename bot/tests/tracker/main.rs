//! The call tracker: each documented rule, the delivery-order properties, and the
//! replay of a captured callback log.

use std::collections::BTreeMap;

use graph_comms::notification::CommsNotifications;
use graph_comms_bot::tracker::{Event, Feed, Tracker, WarningKind};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Value, json};

const CALL: &str = "421f0b00-2db4-4022-9570-243709c565ab";

fn call_path() -> String {
    format!("/communications/calls/{CALL}")
}

/// A callback body of one notification.
fn body(change: &str, path: &str, data: Value) -> Value {
    json!({ "value": [{ "changeType": change, "resourceUrl": path, "resourceData": data }] })
}

fn state(s: &str) -> Value {
    body(
        "updated",
        &call_path(),
        json!({ "@odata.type": "#microsoft.graph.call", "id": CALL, "state": s }),
    )
}

fn participant(id: &str, muted: bool, seq: Option<i64>) -> Value {
    let mut p = json!({
        "@odata.type": "#microsoft.graph.participant",
        "id": id,
        "info": { "identity": { "user": { "id": format!("user-{id}"), "displayName": format!("User {id}") } } },
        "isMuted": muted,
        "isInLobby": false,
        "mediaStreams": [{ "mediaType": "audio", "direction": "sendReceive", "serverMuted": false }],
    });
    if let Some(seq) = seq {
        p["rosterSequenceNumber"] = json!(seq);
    }
    p
}

fn removed(id: &str, seq: i64) -> Value {
    let mut p = participant(id, false, Some(seq));
    p["removedState"] = json!({ "reason": "left" });
    p
}

fn delta(seq: i64, participants: Vec<Value>) -> Value {
    body(
        "updated",
        &format!("{}/participants", call_path()),
        json!([{ "@odata.type": "#microsoft.graph.deltaParticipants", "id": format!("delta-{seq}"),
                 "sequenceNumber": seq, "participants": participants }]),
    )
}

fn roster(change: &str, participants: Vec<Value>) -> Value {
    body(
        change,
        &format!("{}/participants", call_path()),
        Value::Array(participants),
    )
}

fn operation(id: &str, ty: &str, status: &str) -> Value {
    let mut op = json!({ "@odata.type": format!("#microsoft.graph.{ty}"), "id": id, "status": status, "clientContext": "ctx" });
    if status == "failed" || status == "completed" {
        op["resultInfo"] = json!({ "code": if status == "failed" { 400 } else { 200 }, "subcode": 0, "message": status });
    }
    body("deleted", &format!("{}/operations/{id}", call_path()), op)
}

fn session(change: &str, id: &str) -> Value {
    body(
        change,
        &format!("{}/contentSharingSessions/{id}", call_path()),
        json!([{ "@odata.type": "#microsoft.graph.contentSharingSession", "id": id }]),
    )
}

fn terminated() -> Value {
    body(
        "deleted",
        &call_path(),
        json!({ "@odata.type": "#microsoft.graph.call", "id": CALL, "state": "terminated",
                "resultInfo": { "code": 0, "subcode": 7000, "message": "The conversation has ended." } }),
    )
}

fn decode(body: &Value) -> CommsNotifications {
    graph_comms::from_slice::<CommsNotifications>(body.to_string().as_bytes())
        .expect("a callback body")
        .value
}

fn feed(tracker: &mut Tracker, body: &Value) -> Feed {
    tracker.feed_body(&decode(body))
}

fn feed_all(bodies: &[Value]) -> (Tracker, Vec<Feed>) {
    let mut tracker = Tracker::new();
    let feeds = bodies.iter().map(|b| feed(&mut tracker, b)).collect();
    (tracker, feeds)
}

fn warnings(feeds: &[Feed]) -> Vec<WarningKind> {
    feeds
        .iter()
        .flat_map(|f| f.warnings.iter().map(|w| w.kind))
        .collect()
}

fn state_of(tracker: &Tracker) -> Option<String> {
    tracker
        .call(CALL)
        .and_then(|c| c.state())
        .map(|s| s.as_str().to_owned())
}

/// What a person reads off a call: state, roster (id and mute), operations
/// (id and status), sessions and the result.
type Summary = (
    Option<String>,
    BTreeMap<String, Option<bool>>,
    BTreeMap<String, Option<String>>,
    Vec<String>,
    Option<String>,
);

fn summary(tracker: &Tracker) -> Summary {
    let Some(call) = tracker.call(CALL) else {
        return Default::default();
    };
    (
        call.state().map(|s| s.as_str().to_owned()),
        call.participants()
            .iter()
            .map(|(id, p)| (id.clone(), p.is_muted))
            .collect(),
        call.operations()
            .iter()
            .map(|(id, op)| {
                (
                    id.clone(),
                    op.status.as_ref().map(|s| s.as_str().to_owned()),
                )
            })
            .collect(),
        call.content_sharing_sessions().keys().cloned().collect(),
        call.result_info()
            .map(|r| format!("{:?}/{:?}", r.code, r.subcode)),
    )
}

#[test]
fn call_ids_come_from_the_paths_and_the_resources() {
    let mut tracker = Tracker::new();
    // resourceUrl, the legacy resource path, and a call resource without a path.
    feed(&mut tracker, &state("establishing"));
    let legacy = json!({ "value": [{ "changeType": "updated", "resource": "/app/calls/57dab8b1-894c-409a-b240-bd8beae78896",
        "resourceData": { "@odata.type": "#microsoft.graph.call", "state": "established" } }] });
    feed(&mut tracker, &legacy);
    let bare = json!({ "value": [{ "changeType": "created",
        "resourceData": { "@odata.type": "#microsoft.graph.call", "id": "2f1a1100-726f-4705-a2c5-2d8d8a8a2d9f", "state": "incoming" } }] });
    feed(&mut tracker, &bare);
    let ids: Vec<&str> = tracker.calls().map(|c| c.id()).collect();
    assert_eq!(
        ids,
        [
            "2f1a1100-726f-4705-a2c5-2d8d8a8a2d9f",
            CALL,
            "57dab8b1-894c-409a-b240-bd8beae78896"
        ]
    );
    // A notification that names no call is ignored, with a warning.
    let nowhere = json!({ "value": [{ "changeType": "updated", "resourceUrl": "/communications/calls",
        "resourceData": { "@odata.type": "#microsoft.graph.participant", "id": "p" } }] });
    let f = feed(&mut tracker, &nowhere);
    assert_eq!(warnings(&[f]), [WarningKind::NoCallId]);
    assert_eq!(tracker.len(), 3);
    // A participant's id may come from the path alone.
    let f = feed(
        &mut tracker,
        &body(
            "updated",
            &format!("{}/participants/p9", call_path()),
            json!({ "@odata.type": "#microsoft.graph.participant", "isMuted": true }),
        ),
    );
    assert!(
        matches!(&f.events[..], [Event::ParticipantJoined { participant, .. }] if participant.id.as_deref() == Some("p9"))
    );
}

#[test]
fn set_up_states_after_the_call_is_set_up_are_stale() {
    let (tracker, feeds) = feed_all(&[
        state("established"),
        state("establishing"),
        state("incoming"),
    ]);
    assert_eq!(state_of(&tracker).as_deref(), Some("established"));
    assert_eq!(
        warnings(&feeds),
        [WarningKind::StaleState, WarningKind::StaleState]
    );
    // Set-up states in their own order: incoming, establishing.
    let (tracker, feeds) = feed_all(&[state("establishing"), state("incoming")]);
    assert_eq!(state_of(&tracker).as_deref(), Some("establishing"));
    assert_eq!(warnings(&feeds), [WarningKind::StaleState]);
    // And in order, every change is an event.
    let (_, feeds) = feed_all(&[
        state("incoming"),
        state("establishing"),
        state("established"),
    ]);
    let changes: Vec<(Option<String>, String)> = feeds
        .iter()
        .flat_map(|f| &f.events)
        .filter_map(|e| match e {
            Event::StateChanged { from, to, .. } => Some((
                from.as_ref().map(|s| s.as_str().to_owned()),
                to.as_str().to_owned(),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(
        changes,
        [
            (None, "incoming".to_owned()),
            (Some("incoming".to_owned()), "establishing".to_owned()),
            (Some("establishing".to_owned()), "established".to_owned()),
        ]
    );
}

#[test]
fn nothing_moves_a_call_out_of_terminated() {
    let (tracker, feeds) = feed_all(&[
        state("established"),
        terminated(),
        state("established"),
        state("hold"),
    ]);
    assert_eq!(state_of(&tracker).as_deref(), Some("terminated"));
    assert_eq!(
        warnings(&feeds),
        [WarningKind::AfterTermination, WarningKind::AfterTermination]
    );
    let call = tracker.call(CALL).unwrap();
    assert!(call.is_done());
    assert_eq!(call.result_info().and_then(|r| r.subcode), Some(7000));
    assert!(feeds[1].events.iter().any(|e| matches!(e, Event::CallTerminated { result_info: Some(r), .. } if r.subcode == Some(7000))));
    // After terminating, only terminated.
    let (tracker, feeds) = feed_all(&[state("terminating"), state("established")]);
    assert_eq!(state_of(&tracker).as_deref(), Some("terminating"));
    assert_eq!(warnings(&feeds), [WarningKind::StaleState]);
    // A call resource whose change type is deleted is terminated, whatever its state
    // says; so is a deletion of the call's path with no resource data.
    let deleted = body(
        "deleted",
        &call_path(),
        json!({ "@odata.type": "#microsoft.graph.call", "state": "established" }),
    );
    let (tracker, _) = feed_all(&[state("established"), deleted]);
    assert_eq!(state_of(&tracker).as_deref(), Some("terminated"));
    let bare = json!({ "value": [{ "changeType": "deleted", "resourceUrl": call_path() }] });
    let (tracker, feeds) = feed_all(&[state("established"), bare]);
    assert_eq!(state_of(&tracker).as_deref(), Some("terminated"));
    assert!(
        feeds[1]
            .events
            .iter()
            .any(|e| matches!(e, Event::CallTerminated { .. }))
    );
}

#[test]
fn legitimate_returns_are_kept() {
    let (tracker, feeds) = feed_all(&[state("established"), state("hold"), state("established")]);
    assert_eq!(state_of(&tracker).as_deref(), Some("established"));
    assert!(warnings(&feeds).is_empty());
    let (tracker, feeds) = feed_all(&[
        state("established"),
        state("transferring"),
        state("established"),
    ]);
    assert_eq!(state_of(&tracker).as_deref(), Some("established"));
    assert!(warnings(&feeds).is_empty());
}

#[test]
fn call_resources_merge_member_by_member() {
    let first = body(
        "updated",
        &call_path(),
        json!({ "@odata.type": "#microsoft.graph.call", "state": "establishing",
        "callbackUri": "https://bot.contoso.com/callback", "subject": "Standup" }),
    );
    let second = body(
        "updated",
        &call_path(),
        json!({ "@odata.type": "#microsoft.graph.call", "state": "established",
        "mediaState": { "audio": "active" }, "x-custom": 1 }),
    );
    let (tracker, _) = feed_all(&[first, second]);
    let call = tracker.call(CALL).unwrap().call().unwrap();
    assert_eq!(call.subject.as_deref(), Some("Standup"));
    assert_eq!(
        call.callback_uri.as_deref(),
        Some("https://bot.contoso.com/callback")
    );
    assert!(call.media_state.is_some());
    assert_eq!(call.state.as_ref().map(|s| s.as_str()), Some("established"));
    assert_eq!(call.extra["x-custom"], 1, "unknown members pass through");
}

#[test]
fn participants_created_and_updated_upsert_deleted_removes() {
    let (tracker, feeds) = feed_all(&[
        roster(
            "created",
            vec![participant("a", false, None), participant("b", false, None)],
        ),
        roster(
            "updated",
            vec![participant("a", true, None), participant("b", false, None)],
        ),
        roster("deleted", vec![participant("b", false, None)]),
    ]);
    let call = tracker.call(CALL).unwrap();
    assert_eq!(call.participants().keys().collect::<Vec<_>>(), ["a"]);
    assert_eq!(call.participants()["a"].is_muted, Some(true));
    let events: Vec<String> = feeds
        .iter()
        .flat_map(|f| &f.events)
        .map(|e| match e {
            Event::ParticipantJoined { participant, .. } => {
                format!("joined {}", participant.id.as_deref().unwrap())
            }
            Event::ParticipantUpdated {
                participant,
                changed,
                ..
            } => format!("updated {} {changed:?}", participant.id.as_deref().unwrap()),
            Event::ParticipantLeft { participant_id, .. } => format!("left {participant_id}"),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        events,
        ["joined a", "joined b", "updated a [\"isMuted\"]", "left b"]
    );
}

#[test]
fn delta_rosters_apply_by_sequence_number() {
    // a joins at 1, is muted at 3; the entry of 2 (unmuted) arrives late: ignored.
    let (tracker, feeds) = feed_all(&[
        delta(1, vec![participant("a", false, None)]),
        delta(3, vec![participant("a", true, None)]),
        delta(2, vec![participant("a", false, None)]),
    ]);
    assert_eq!(
        tracker.call(CALL).unwrap().participants()["a"].is_muted,
        Some(true)
    );
    assert_eq!(
        warnings(&feeds),
        [WarningKind::SequenceGap, WarningKind::StaleParticipant]
    );
    // A participant's own rosterSequenceNumber wins over the delta's.
    let (tracker, _) = feed_all(&[
        delta(5, vec![participant("a", true, Some(9))]),
        delta(6, vec![participant("a", false, None)]),
    ]);
    assert_eq!(
        tracker.call(CALL).unwrap().participants()["a"].is_muted,
        Some(true)
    );
}

#[test]
fn a_removal_is_remembered() {
    // b leaves at 4; its older entries, arriving later, cannot bring it back.
    let (tracker, feeds) = feed_all(&[
        delta(1, vec![participant("b", false, None)]),
        delta(4, vec![removed("b", 4)]),
        delta(2, vec![participant("b", true, None)]),
        delta(3, vec![participant("b", false, Some(3))]),
    ]);
    let call = tracker.call(CALL).unwrap();
    assert!(call.participants().is_empty());
    assert_eq!(
        warnings(&feeds),
        [
            WarningKind::SequenceGap,
            WarningKind::StaleParticipant,
            WarningKind::StaleParticipant
        ]
    );
    assert!(feeds[1].events.iter().any(
        |e| matches!(e, Event::ParticipantLeft { participant_id, .. } if participant_id == "b")
    ));
    // A newer entry is a return.
    let (tracker, _) = feed_all(&[
        delta(4, vec![removed("b", 4)]),
        delta(5, vec![participant("b", false, None)]),
    ]);
    assert!(tracker.call(CALL).unwrap().participants().contains_key("b"));
}

#[test]
fn a_gap_in_sequence_numbers_is_a_warning() {
    let (_, feeds) = feed_all(&[delta(1, vec![]), delta(2, vec![]), delta(5, vec![])]);
    let gaps: Vec<&str> = feeds
        .iter()
        .flat_map(|f| &f.warnings)
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(gaps.len(), 1);
    assert!(gaps[0].contains("3 to 4 are missing"), "{gaps:?}");
    // The late deltas fill it without another warning.
    let (_, feeds) = feed_all(&[delta(1, vec![]), delta(3, vec![]), delta(2, vec![])]);
    assert_eq!(warnings(&feeds), [WarningKind::SequenceGap]);
}

#[test]
fn operations_end_once() {
    let (tracker, feeds) = feed_all(&[
        operation("op1", "playPromptOperation", "running"),
        operation("op1", "playPromptOperation", "completed"),
        operation("op1", "playPromptOperation", "running"),
        operation("op2", "inviteParticipantsOperation", "failed"),
        operation("op2", "inviteParticipantsOperation", "completed"),
    ]);
    let ops = tracker.call(CALL).unwrap().operations();
    assert_eq!(
        ops["op1"].status.as_ref().map(|s| s.as_str()),
        Some("completed")
    );
    assert_eq!(ops["op1"].type_name, "playPromptOperation");
    assert_eq!(
        ops["op2"].status.as_ref().map(|s| s.as_str()),
        Some("failed")
    );
    assert_eq!(
        warnings(&feeds),
        [WarningKind::StaleOperation, WarningKind::StaleOperation]
    );
    assert!(
        matches!(&feeds[1].events[..], [Event::OperationCompleted { operation_id, .. }] if operation_id == "op1")
    );
    assert!(
        matches!(&feeds[3].events[..], [Event::OperationFailed { type_name, result_info: Some(r), .. }]
        if type_name == "inviteParticipantsOperation" && r.code == Some(400))
    );
}

#[test]
fn content_sharing_sessions_come_and_go() {
    let (tracker, feeds) = feed_all(&[
        session("created", "s1"),
        session("updated", "s1"),
        session("deleted", "s1"),
        session("updated", "s1"),
    ]);
    assert!(
        tracker
            .call(CALL)
            .unwrap()
            .content_sharing_sessions()
            .is_empty()
    );
    assert_eq!(warnings(&feeds), [WarningKind::StaleSession]);
    let events: Vec<&Event> = feeds.iter().flat_map(|f| &f.events).collect();
    assert!(
        matches!(
            events[..],
            [Event::SharingStarted { .. }, Event::SharingEnded { .. }]
        ),
        "{events:?}"
    );
}

#[test]
fn tones_are_events_once_each() {
    let tone = |seq: i64, t: &str| {
        body(
            "updated",
            &call_path(),
            json!({ "@odata.type": "#microsoft.graph.call", "state": "established", "toneInfo": { "sequenceId": seq, "tone": t } }),
        )
    };
    let (_, feeds) = feed_all(&[
        tone(1, "tone1"),
        tone(1, "tone1"),
        tone(2, "pound"),
        tone(1, "tone1"),
    ]);
    let tones: Vec<String> = feeds
        .iter()
        .flat_map(|f| &f.events)
        .filter_map(|e| match e {
            Event::ToneReceived { tone, .. } => Some(tone.as_str().to_owned()),
            _ => None,
        })
        .collect();
    assert_eq!(tones, ["tone1", "pound"]);
    assert_eq!(warnings(&feeds), [WarningKind::StaleTone]);
}

#[test]
fn unknown_resources_pass_through() {
    let unknown = body(
        "updated",
        &format!("{}/breakoutRooms/r1", call_path()),
        json!({ "@odata.type": "#microsoft.graph.breakoutRoom", "id": "r1", "name": "Room 1" }),
    );
    let (_, feeds) = feed_all(&[unknown]);
    assert!(feeds[0].warnings.is_empty());
    match &feeds[0].events[..] {
        [Event::Other { resource, .. }] => {
            assert_eq!(resource.type_name(), Some("breakoutRoom"));
            assert_eq!(graph_comms::to_value(&**resource)["name"], "Room 1");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn redelivery_changes_nothing() {
    // Every callback body of the corpus, each delivered twice in a row.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let mut tracker = Tracker::new();
    let mut bodies = 0;
    for set in ["seed", "docs", "edge"] {
        let manifest = std::fs::read_to_string(root.join(set).join("manifest.tsv")).unwrap();
        let mut lines = manifest.lines();
        let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
        let (file, ty) = (
            header.iter().position(|h| *h == "file").unwrap(),
            header.iter().position(|h| *h == "type").unwrap(),
        );
        for line in lines {
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.get(ty) != Some(&"commsNotifications") {
                continue;
            }
            let bytes = std::fs::read(root.join(set).join(cells[file])).unwrap();
            let Ok(decoded) = graph_comms::from_slice::<CommsNotifications>(&bytes) else {
                continue;
            };
            tracker.feed_body(&decoded.value);
            let before = format!("{tracker:?}");
            let again = tracker.feed_body(&decoded.value);
            assert!(
                again.events.is_empty(),
                "{set}/{}: {:?}",
                cells[file],
                again.events
            );
            assert_eq!(format!("{tracker:?}"), before, "{set}/{}", cells[file]);
            bodies += 1;
        }
    }
    assert!(bodies >= 20, "{bodies} callback bodies in the corpus");
}

#[test]
fn eviction() {
    let (mut tracker, _) = feed_all(&[state("established"), terminated()]);
    assert!(tracker.call(CALL).unwrap().is_done());
    let call = tracker.evict(CALL).unwrap();
    assert_eq!(call.state().map(|s| s.as_str()), Some("terminated"));
    assert!(tracker.is_empty());
}

/// A call's life, as notifications each of which the rules can order: set-up and
/// final states, sequenced delta rosters, operations, sessions.
fn lifecycle() -> impl Strategy<Value = Vec<Value>> {
    (
        any::<bool>(),
        1usize..6,
        prop::collection::vec((0usize..6, any::<bool>()), 0..12),
        prop::collection::vec(0usize..6, 0..3),
        prop::collection::vec(any::<bool>(), 0..3),
        0usize..3,
        any::<bool>(),
    )
        .prop_map(
            |(incoming, people, churn, leaving, outcomes, sessions, ends)| {
                let mut out = Vec::new();
                if incoming {
                    out.push(state("incoming"));
                }
                out.push(state("establishing"));
                out.push(state("established"));
                let mut seq = 0;
                let joins: Vec<Value> = (0..people)
                    .map(|i| participant(&format!("p{i}"), false, None))
                    .collect();
                seq += 1;
                out.push(delta(seq, joins));
                for (who, muted) in churn {
                    seq += 1;
                    out.push(delta(
                        seq,
                        vec![participant(&format!("p{}", who % people), muted, None)],
                    ));
                }
                for who in leaving {
                    seq += 1;
                    out.push(delta(
                        seq,
                        vec![removed(&format!("p{}", who % people), seq)],
                    ));
                }
                for (i, ok) in outcomes.into_iter().enumerate() {
                    let id = format!("op{i}");
                    out.push(operation(&id, "playPromptOperation", "running"));
                    out.push(operation(
                        &id,
                        "playPromptOperation",
                        if ok { "completed" } else { "failed" },
                    ));
                }
                for i in 0..sessions {
                    out.push(session("created", &format!("s{i}")));
                    if i == 0 {
                        out.push(session("deleted", &format!("s{i}")));
                    }
                }
                if ends {
                    out.push(state("terminating"));
                    out.push(terminated());
                }
                out
            },
        )
}

fn runner() -> TestRunner {
    let config = Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

fn final_summary(bodies: &[Value]) -> Summary {
    summary(&feed_all(bodies).0)
}

/// Whether a body ends the call (`terminating`, `terminated`): Graph sends those last,
/// and what comes after them is reported, not applied.
fn ends_the_call(body: &Value) -> bool {
    let state = &body["value"][0]["resourceData"]["state"];
    state == "terminating" || state == "terminated"
}

/// Every order of `bodies` in which the call ends last, as Graph sends it.
fn shuffled_before_the_end(bodies: Vec<Value>) -> impl Strategy<Value = Vec<Value>> {
    let (ends, rest): (Vec<Value>, Vec<Value>) = bodies.into_iter().partition(ends_the_call);
    Just(rest).prop_shuffle().prop_map(move |mut order| {
        order.extend(ends.iter().cloned());
        order
    })
}

#[test]
fn every_delivery_order_gives_the_same_state() {
    let strategy =
        lifecycle().prop_flat_map(|life| (Just(life.clone()), shuffled_before_the_end(life)));
    runner()
        .run(&strategy, |(life, shuffled)| {
            prop_assert_eq!(final_summary(&life), final_summary(&shuffled));
            Ok(())
        })
        .unwrap();
}

#[test]
fn duplicated_deliveries_change_nothing() {
    let strategy = lifecycle()
        .prop_flat_map(|life| {
            let n = life.len();
            (Just(life), prop::collection::vec(0..n, 0..n * 2))
        })
        .prop_flat_map(|(life, again)| {
            let mut doubled = life.clone();
            doubled.extend(again.iter().map(|&i| life[i].clone()));
            (Just(life), shuffled_before_the_end(doubled))
        });
    runner()
        .run(&strategy, |(life, doubled)| {
            prop_assert_eq!(final_summary(&life), final_summary(&doubled));
            Ok(())
        })
        .unwrap();
}

/// `meeting.jsonl`: a callback log of one meeting, one body per line, assembled
/// from the documented payload shapes (incoming call, roster deltas, a prompt, a
/// failed invitation, a shared screen, the end), delivered late and twice where
/// Graph's retries would: Alice answers, mutes; Bob leaves; Carol joins late.
#[test]
fn a_captured_log_replays_to_what_a_person_reads_off_it() {
    let log = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tracker/meeting.jsonl"),
    )
    .unwrap();
    let mut tracker = Tracker::new();
    let mut warned = Vec::new();
    for line in log.lines().filter(|l| !l.trim().is_empty()) {
        let body = graph_comms::from_str::<CommsNotifications>(line)
            .unwrap()
            .value;
        warned.extend(
            tracker
                .feed_body(&body)
                .warnings
                .into_iter()
                .map(|w| w.kind),
        );
    }
    let call = tracker.calls().next().unwrap();
    assert_eq!(tracker.len(), 1);
    assert_eq!(call.state().map(|s| s.as_str()), Some("terminated"));
    // Alice stayed (muted), Bob left, Carol joined late and left with the call.
    let roster: Vec<(&str, Option<bool>)> = call
        .participants()
        .iter()
        .map(|(id, p)| (id.as_str(), p.is_muted))
        .collect();
    assert_eq!(roster, [("alice", Some(true)), ("carol", Some(false))]);
    let ops: Vec<(&str, &str)> = call
        .operations()
        .iter()
        .map(|(id, op)| (id.as_str(), op.status.as_ref().map_or("", |s| s.as_str())))
        .collect();
    assert_eq!(ops, [("invite-1", "failed"), ("prompt-1", "completed")]);
    assert!(call.content_sharing_sessions().is_empty());
    assert_eq!(call.result_info().and_then(|r| r.subcode), Some(7000));
    // The late 'establishing', the late running status of the prompt, delta 4
    // before delta 3, and Bob's entry of delta 3, older than his leaving at 4.
    assert_eq!(
        warned,
        [
            WarningKind::StaleState,
            WarningKind::StaleOperation,
            WarningKind::SequenceGap,
            WarningKind::StaleParticipant,
        ]
    );
}

#[test]
fn the_latest_entry_is_kept_even_when_only_its_number_changes() {
    let (tracker, feeds) = feed_all(&[
        delta(1, vec![participant("a", false, None)]),
        delta(2, vec![participant("a", false, None)]),
    ]);
    let a = &tracker.call(CALL).unwrap().participants()["a"];
    assert_eq!(
        a.roster_sequence_number, None,
        "the delta's number is not written into the entry"
    );
    assert!(feeds[1].events.is_empty(), "{:?}", feeds[1].events);
    let (tracker, feeds) = feed_all(&[
        delta(1, vec![participant("a", false, Some(1))]),
        delta(2, vec![participant("a", false, Some(2))]),
    ]);
    let a = &tracker.call(CALL).unwrap().participants()["a"];
    assert_eq!(a.roster_sequence_number, Some(2));
    assert!(
        feeds[1].events.is_empty(),
        "rosterSequenceNumber alone is no update"
    );
}

#[test]
fn a_tone_without_a_sequence_id_is_not_repeated_by_a_redelivery() {
    let tone = |t: &str| {
        body(
            "updated",
            &call_path(),
            json!({ "@odata.type": "#microsoft.graph.call", "state": "established", "toneInfo": { "tone": t } }),
        )
    };
    let (_, feeds) = feed_all(&[tone("tone5"), tone("tone5"), tone("tone6")]);
    let tones: Vec<&Event> = feeds
        .iter()
        .flat_map(|f| &f.events)
        .filter(|e| matches!(e, Event::ToneReceived { .. }))
        .collect();
    assert_eq!(tones.len(), 2, "{tones:?}");
    assert!(warnings(&feeds).is_empty());
}

#[test]
fn a_deleted_call_resource_reads_terminated() {
    let deleted = body(
        "deleted",
        &call_path(),
        json!({ "@odata.type": "#microsoft.graph.call", "state": "established" }),
    );
    let (tracker, _) = feed_all(&[deleted]);
    let call = tracker.call(CALL).unwrap();
    assert_eq!(
        call.call()
            .and_then(|c| c.state.as_ref())
            .map(|s| s.as_str()),
        Some("terminated")
    );
}

/// A call resource whose other members change says which; the state change carries
/// the call, so the caller of an incoming call is one step away.
#[test]
fn call_changes_are_events_and_carry_the_call() {
    let mut tracker = Tracker::new();
    let incoming = body(
        "created",
        &call_path(),
        json!({ "@odata.type": "#microsoft.graph.call", "id": CALL, "state": "incoming",
            "source": { "identity": { "phone": { "id": "+12345678901" } } } }),
    );
    let first = feed(&mut tracker, &incoming);
    let Some(Event::StateChanged {
        call: Some(call), ..
    }) = first.events.first()
    else {
        panic!("{:?}", first.events);
    };
    let caller = call.caller().and_then(|c| c.phone()).and_then(|p| p.id());
    assert_eq!(caller, Some("+12345678901"));
    let media = body(
        "updated",
        &call_path(),
        json!({ "@odata.type": "#microsoft.graph.call", "mediaState": { "audio": "active" },
            "chatInfo": { "threadId": "19:meeting_x@thread.v2" } }),
    );
    let feed1 = feed(&mut tracker, &media);
    let changed: Vec<&Vec<String>> = feed1
        .events
        .iter()
        .filter_map(|e| match e {
            Event::CallUpdated { changed, .. } => Some(changed),
            _ => None,
        })
        .collect();
    assert_eq!(
        changed,
        [&vec!["chatInfo".to_owned(), "mediaState".to_owned()]]
    );
    // The same again changes nothing, and says nothing.
    assert!(feed(&mut tracker, &media).events.is_empty());
}

/// A truncated delivery is never applied: its full roster would remove real
/// participants.
#[test]
fn a_truncated_body_is_not_applied() {
    let mut tracker = Tracker::new();
    let full = format!(
        r##"{{"value": [{{"changeType": "updated", "resourceUrl": "/communications/calls/{CALL}/participants",
            "resourceData": [{{"@odata.type": "#microsoft.graph.participant", "id": "alice"}}, {{"@odata.type": "#microsoft.graph.participant", "id": "bob"}}]}}]}}"##
    );
    let decoded = graph_comms::from_str::<CommsNotifications>(&full).unwrap();
    assert!(tracker.feed_decoded(&decoded).warnings.is_empty());
    let cut = &full[..full
        .find("{\"@odata.type\": \"#microsoft.graph.participant\", \"id\": \"bob\"")
        .unwrap()
        - 2];
    let decoded = graph_comms::from_str::<CommsNotifications>(cut).unwrap();
    let feed = tracker.feed_decoded(&decoded);
    assert_eq!(
        warnings(std::slice::from_ref(&feed)),
        [WarningKind::Truncated]
    );
    assert!(feed.events.is_empty());
    let roster = tracker.call(CALL).unwrap().participants();
    assert_eq!(roster.len(), 2, "{roster:?}");
}

/// Once the call terminated, what late notifications say of its roster, operations and
/// sessions is reported as `after_termination` and recorded without events: no bot is
/// told that a participant joined a call that is over, and the record ends the same in
/// every delivery order (Graph sent them before the end; a fleet may apply them after).
#[test]
fn nothing_joins_a_call_that_is_over() {
    let late = [
        delta(2, vec![participant("carol", false, None)]),
        operation("op9", "playPromptOperation", "running"),
        session("created", "s9"),
    ];
    let mut bodies = vec![
        state("established"),
        delta(1, vec![participant("alice", false, None)]),
        terminated(),
    ];
    bodies.extend(late.iter().cloned());
    let (tracker, feeds) = feed_all(&bodies);
    let call = tracker.call(CALL).unwrap();
    assert!(call.participants().contains_key("alice"));
    assert!(call.participants().contains_key("carol"));
    assert!(call.operations().contains_key("op9"));
    assert!(call.content_sharing_sessions().contains_key("s9"));
    assert_eq!(
        warnings(&feeds),
        [WarningKind::AfterTermination; 3],
        "{feeds:?}"
    );
    // The same notifications before the end: the same record.
    let mut in_order = bodies[..2].to_vec();
    in_order.extend(late.iter().cloned());
    in_order.push(terminated());
    assert_eq!(summary(&tracker), final_summary(&in_order));
    assert!(feeds[3..].iter().all(|f| f.events.is_empty()));
}
