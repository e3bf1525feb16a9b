//! Measures the call tracker on a 1 000-participant meeting's delta roster
//! stream: everyone joins (deltas of 50), mute churn (one participant a delta, three
//! times the roster), everyone leaves (deltas of 50).
//!
//! ```text
//! tracker memory            # the tracker's heap per participant, in the meeting
//!                           # and after everyone left, against the decoded resources
//! tracker run none|decode|feed   # for callgrind: build the stream; also decode it;
//!                                # also feed the tracker
//! ```

#[path = "../../benches/support/counting.rs"]
mod counting;

use std::hint::black_box;

use graph_comms::notification::CommsNotifications;
use graph_comms_bot::tracker::Tracker;
use serde_json::{Value, json};

const PEOPLE: usize = 1_000;
const BATCH: usize = 50;
const CHURN: usize = 3 * PEOPLE;
const CALL: &str = "/communications/calls/421f0b00-2db4-4022-9570-243709c565ab/participants";

fn participant(i: usize, muted: bool, seq: i64, left: bool) -> Value {
    let mut p = json!({
        "@odata.type": "#microsoft.graph.participant",
        "id": format!("{i:08x}-5c3f-4b8d-8a38-5c8e7a1b3c2d"),
        "info": {
            "@odata.type": "#microsoft.graph.participantInfo",
            "identity": {
                "@odata.type": "#microsoft.graph.identitySet",
                "user": {
                    "@odata.type": "#microsoft.graph.identity",
                    "id": format!("{i:08x}-aec0-4964-8fa6-3c6850c4f278"),
                    "displayName": format!("Attendee {i}"),
                    "tenantId": "aa67bd4c-8475-432d-bd41-39f255720e0a"
                }
            },
            "languageId": "en-US",
            "region": "amer"
        },
        "mediaStreams": [
            { "@odata.type": "#microsoft.graph.mediaStream", "mediaType": "audio", "label": "main-audio",
              "sourceId": format!("{}", i * 2), "direction": "sendReceive", "serverMuted": false },
            { "@odata.type": "#microsoft.graph.mediaStream", "mediaType": "video", "label": "main-video",
              "sourceId": format!("{}", i * 2 + 1), "direction": "receiveOnly", "serverMuted": false }
        ],
        "isMuted": muted,
        "isInLobby": false,
        "rosterSequenceNumber": seq
    });
    if left {
        p["removedState"] = json!({ "reason": "Removed from roster" });
    }
    p
}

fn delta(seq: i64, participants: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({ "value": [{
        "@odata.type": "#microsoft.graph.commsNotification",
        "changeType": "updated",
        "resourceUrl": CALL,
        "resourceData": [{ "@odata.type": "#microsoft.graph.deltaParticipants",
            "id": format!("roster-{seq}"), "sequenceNumber": seq, "participants": participants }]
    }]}))
    .unwrap()
}

/// The stream's bodies: joins, churn, leaves; and how many of them are joins and
/// churn (the meeting at its fullest).
fn stream() -> (Vec<Vec<u8>>, usize) {
    let mut bodies = Vec::new();
    let mut seq = 0;
    for start in (0..PEOPLE).step_by(BATCH) {
        seq += 1;
        bodies.push(delta(
            seq,
            (start..start + BATCH)
                .map(|i| participant(i, false, seq, false))
                .collect(),
        ));
    }
    for k in 0..CHURN {
        seq += 1;
        let i = (k * 7919) % PEOPLE;
        bodies.push(delta(seq, vec![participant(i, k % 2 == 0, seq, false)]));
    }
    let full = bodies.len();
    for start in (0..PEOPLE).step_by(BATCH) {
        seq += 1;
        bodies.push(delta(
            seq,
            (start..start + BATCH)
                .map(|i| participant(i, false, seq, true))
                .collect(),
        ));
    }
    (bodies, full)
}

fn decode(bodies: &[Vec<u8>]) -> Vec<CommsNotifications> {
    bodies
        .iter()
        .map(|b| {
            graph_comms::from_slice::<CommsNotifications>(b)
                .unwrap()
                .value
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("memory") => {
            let (bodies, full) = stream();
            let decoded = decode(&bodies);
            // The decoded resources of one full roster, as a baseline: what holding
            // every participant once costs outside the tracker.
            let joins: Vec<Vec<u8>> = bodies[..PEOPLE / BATCH].to_vec();
            let (_, resources, kept) = counting::measure(|| decode(&joins));
            drop(black_box(kept));
            let feed = |bodies: &[CommsNotifications]| {
                let mut tracker = Tracker::new();
                for body in bodies {
                    black_box(tracker.feed_body(body));
                }
                tracker
            };
            let (_, in_meeting, tracker) = counting::measure(|| feed(&decoded[..full]));
            drop(black_box(tracker));
            let (_, after, tracker) = counting::measure(|| feed(&decoded));
            drop(black_box(tracker));
            let per = |bytes: usize| bytes as f64 / PEOPLE as f64;
            println!(
                "{} notifications, {PEOPLE} participants: the tracker holds {:.0} bytes a participant in the meeting ({:.2}x the decoded resources, {:.0} bytes), {:.0} bytes a participant after everyone left",
                bodies.len(),
                per(in_meeting),
                in_meeting as f64 / resources as f64,
                per(resources),
                per(after),
            );
        }
        Some("run") => {
            let (bodies, _) = black_box(stream());
            match args.get(2).map(String::as_str) {
                Some("decode") => drop(black_box(decode(&bodies))),
                Some("feed") => {
                    let decoded = decode(&bodies);
                    let mut tracker = Tracker::new();
                    for body in &decoded {
                        black_box(tracker.feed_body(body));
                    }
                    println!("{}", bodies.len());
                }
                _ => {}
            }
        }
        _ => {
            eprintln!("usage: tracker memory | tracker run none|decode|feed");
            std::process::exit(2);
        }
    }
}
