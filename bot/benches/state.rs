//! What a call document costs: its size per participant, writing and reading it,
//! and merging two replicas' documents, each against the baseline of decoding and
//! tracking the roster notification the document holds (the work a callback costs
//! anyway), in the same run.
//!
//! ```text
//! cargo bench -p graph-comms-bot --bench state
//! ```

#[path = "../tests/support/tokens.rs"]
mod tokens;

use std::hint::black_box;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use criterion::{Criterion, criterion_group, criterion_main};
use graph_comms::notification::CommsNotifications;
use graph_comms_bot::auth::KeySet;
use graph_comms_bot::bot::CallDocument;
use graph_comms_bot::tracker::Tracker;
use graph_comms_bot::{Bot, Config};
use serde_json::{Value, json};

const APP_ID: &str = "3d913abb-aec0-4964-8fa6-3c6850c4f278";
const CALL: &str = "421f0b00-2db4-4022-9570-243709c565ab";

/// A delta roster of `people` participants (from `first`), at `seq`.
fn roster(first: usize, people: usize, seq: i64, muted: bool) -> Vec<u8> {
    let participants: Vec<Value> = (first..first + people)
        .map(|i| {
            json!({"@odata.type": "#microsoft.graph.participant", "id": format!("participant-{i:06}"),
                "info": {"identity": {"user": {"id": format!("8a34a46b-3d17-4adc-8dce-{i:012}"),
                    "displayName": format!("Participant {i}"), "tenantId": "aa67bd4c-8475-432d-bd41-39f255720e0a"}}},
                "isMuted": muted, "isInLobby": false,
                "mediaStreams": [{"mediaType": "audio", "sourceId": "1", "direction": "sendReceive", "serverMuted": false}]})
        })
        .collect();
    serde_json::to_vec(&json!({"value": [{"changeType": "updated",
        "resourceUrl": format!("/communications/calls/{CALL}/participants"),
        "resourceData": [{"@odata.type": "#microsoft.graph.deltaParticipants", "sequenceNumber": seq,
            "participants": participants}]}]}))
    .unwrap()
}

struct Replicas {
    key: tokens::TestKey,
    token: String,
}

impl Replicas {
    fn new() -> Self {
        let key = tokens::TestKey::new("bench", 1);
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let token = tokens::sign(
            &json!({"alg": "RS256", "typ": "JWT", "kid": key.kid}),
            &json!({"aud": APP_ID, "iss": "https://graph.microsoft.com", "iat": now - 10,
                "nbf": now - 10, "exp": now + 3600}),
            &key,
        );
        Replicas { key, token }
    }

    /// A bot fed `bodies`, and its document of the call.
    fn document(&self, bodies: &[Vec<u8>]) -> CallDocument {
        let keys = KeySet::from_jwks(&tokens::jwks(&[&self.key])).unwrap();
        let mut bot = Bot::new(Config::new(APP_ID, "http://127.0.0.1/callback", keys));
        for body in bodies {
            let request = http::Request::post("/callback")
                .header("Content-Type", "application/json")
                .header("Authorization", format!("Bearer {}", self.token))
                .body(body.clone())
                .unwrap();
            assert_eq!(
                bot.handle_callback(&request, SystemTime::now()).status(),
                202
            );
        }
        bot.export_call(CALL).unwrap()
    }
}

fn established() -> Vec<u8> {
    serde_json::to_vec(&json!({"value": [{"changeType": "updated",
        "resourceUrl": format!("/communications/calls/{CALL}"),
        "resourceData": {"@odata.type": "#microsoft.graph.call", "state": "established"}}]}))
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let replicas = Replicas::new();
    for people in [10usize, 100, 1000] {
        let everyone = roster(0, people, 1, false);
        // Two replicas: one saw everyone join; the other saw the second half muted.
        let a = replicas.document(&[established(), everyone.clone()]);
        let b = replicas.document(&[
            established(),
            roster(people / 2, people - people / 2, 2, true),
        ]);
        let json = a.to_json();
        let empty = replicas.document(&[established()]).to_json();
        println!(
            "document, {people} participants: {} bytes, {} bytes per participant (roster body: {} bytes, {} per participant)",
            json.len(),
            (json.len() - empty.len()) / people,
            everyone.len(),
            everyone.len() / people
        );
        let mut group = c.benchmark_group(format!("state/{people}"));
        group.sample_size(20);
        group.measurement_time(Duration::from_secs(2));
        group.warm_up_time(Duration::from_millis(500));
        group.bench_function("baseline: decode and track the roster", |bench| {
            bench.iter(|| {
                let body =
                    graph_comms::from_slice::<CommsNotifications>(black_box(&everyone)).unwrap();
                let mut tracker = Tracker::new();
                black_box(tracker.feed_body(&body.value));
            });
        });
        group.bench_function("write the document", |bench| {
            bench.iter(|| black_box(black_box(&a).to_json()));
        });
        group.bench_function("read the document", |bench| {
            bench.iter(|| black_box(CallDocument::from_json(black_box(&json)).unwrap()));
        });
        group.bench_function("merge two replicas", |bench| {
            bench.iter(|| {
                let mut merged = black_box(&a).clone();
                merged.merge(black_box(&b)).unwrap();
                black_box(merged)
            });
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
