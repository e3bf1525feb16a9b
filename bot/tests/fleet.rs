//! The fleet example (`examples/fleet.rs`) with its contract command line, against
//! a real `redis-server` on 127.0.0.1: generated and recorded callback logs spread
//! over worker processes at random (a call split over two logs delivered side by
//! side included), with and without a worker killed mid-run, end in the states one
//! in-process `Bot` reaches from the same logs in order, and no event is emitted
//! twice.
//!
//! The Redis server is `GRAPH_COMMS_REDIS_URL` when set (`.ci/run` starts one), else
//! a `redis-server` from `PATH` started on a free port for the test and stopped
//! after it.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

#[path = "support/process.rs"]
mod process;
#[path = "support/tokens.rs"]
mod tokens;

use graph_comms_bot::auth::KeySet;
use graph_comms_bot::{Bot, Config};
use process::example;
use serde_json::{Value, json};
use tokens::{TestKey, jwks, sign};

const APP_ID: &str = "3d913abb-aec0-4964-8fa6-3c6850c4f278";

/// A Redis server for the test: the given one, or one of its own.
struct Redis {
    url: String,
    own: Option<Child>,
}

impl Drop for Redis {
    fn drop(&mut self) {
        if let Some(child) = &mut self.own {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn redis() -> Redis {
    if let Ok(url) = std::env::var("GRAPH_COMMS_REDIS_URL") {
        return Redis { url, own: None };
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("redis-server")
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        .args(["--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "no Redis: set GRAPH_COMMS_REDIS_URL, or install redis-server \
                 (Debian: apt-get install redis-server): {e}"
            )
        });
    let redis = Redis {
        url: format!("redis://127.0.0.1:{port}"),
        own: Some(child),
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "redis-server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    redis
}

/// A small deterministic random source for the generated logs.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn notification(call: &str, path: &str, change: &str, data: Value) -> String {
    json!({"value": [{"changeType": change,
        "resourceUrl": format!("/communications/calls/{call}{path}"), "resourceData": data}]})
    .to_string()
}

fn state(call: &str, state: &str) -> String {
    notification(
        call,
        "",
        "updated",
        json!({"@odata.type": "#microsoft.graph.call", "state": state}),
    )
}

fn participant(id: &str, muted: bool) -> Value {
    json!({"@odata.type": "#microsoft.graph.participant", "id": id,
        "info": {"identity": {"user": {"id": format!("user-{id}"), "displayName": format!("User {id}")}}},
        "isMuted": muted, "isInLobby": false})
}

/// One call's life as Graph tells it (set-up, sequenced delta rosters, tones,
/// prompts, a shared screen, maybe the end), with some bodies delivered twice.
fn lifecycle(call: &str, rng: &mut Lcg) -> Vec<String> {
    let mut out = vec![
        notification(
            call,
            "",
            "created",
            json!({"@odata.type": "#microsoft.graph.call", "state": "incoming", "direction": "incoming",
                "source": {"identity": {"user": {"id": "caller", "displayName": "Caller"}}}}),
        ),
        state(call, "establishing"),
        state(call, "established"),
    ];
    let people = 1 + rng.below(5);
    let mut seq = 1;
    out.push(notification(
        call,
        "/participants",
        "updated",
        json!([{"@odata.type": "#microsoft.graph.deltaParticipants", "sequenceNumber": seq,
            "participants": (0..people).map(|i| participant(&format!("p{i}"), false)).collect::<Vec<_>>()}]),
    ));
    for _ in 0..rng.below(8) {
        seq += 1;
        let who = format!("p{}", rng.below(people));
        let mut entry = participant(&who, rng.below(2) == 0);
        if rng.below(5) == 0 {
            entry["removedState"] = json!({"reason": "left"});
        }
        out.push(notification(
            call,
            "/participants",
            "updated",
            json!([{"@odata.type": "#microsoft.graph.deltaParticipants", "sequenceNumber": seq,
                "participants": [entry]}]),
        ));
    }
    for tone in 1..=rng.below(4) {
        out.push(notification(
            call,
            "",
            "updated",
            json!({"@odata.type": "#microsoft.graph.call", "state": "established",
                "toneInfo": {"sequenceId": tone, "tone": format!("tone{tone}")}}),
        ));
    }
    for op in 0..rng.below(3) {
        let id = format!("op{op}");
        let operation = |status: &str| {
            json!({"@odata.type": "#microsoft.graph.playPromptOperation", "id": id, "status": status,
                "clientContext": format!("ctx-{id}")})
        };
        out.push(notification(
            call,
            &format!("/operations/{id}"),
            "updated",
            operation("running"),
        ));
        let end = if rng.below(3) == 0 {
            "failed"
        } else {
            "completed"
        };
        out.push(notification(
            call,
            &format!("/operations/{id}"),
            "deleted",
            operation(end),
        ));
    }
    if rng.below(2) == 0 {
        let session = |change: &str| {
            notification(
                call,
                "/contentSharingSessions/s1",
                change,
                json!([{"@odata.type": "#microsoft.graph.contentSharingSession", "id": "s1"}]),
            )
        };
        out.push(session("created"));
        if rng.below(2) == 0 {
            out.push(session("deleted"));
        }
    }
    if rng.below(3) > 0 {
        out.push(state(call, "terminating"));
        out.push(notification(
            call,
            "",
            "deleted",
            json!({"@odata.type": "#microsoft.graph.call", "state": "terminated",
                "resultInfo": {"code": 0, "subcode": 7000}}),
        ));
    }
    // Graph's retries: some bodies again, later.
    for _ in 0..rng.below(4) {
        let again = out[usize::try_from(rng.below(out.len() as u64)).unwrap()].clone();
        let at = usize::try_from(rng.below(out.len() as u64 + 1)).unwrap();
        out.insert(at, again);
    }
    out
}

/// The logs: generated calls, interleaved into two files, the meeting log, and the
/// documented pages' call as one-line bodies.
fn logs(dir: &Path) -> Vec<PathBuf> {
    let mut rng = Lcg(0x5eed);
    let mut files = Vec::new();
    for file in 0..2 {
        let mut lines = Vec::new();
        for call in 0..4 {
            let id = format!("{file}{call}aa0000-0000-4000-8000-00000000000{call}");
            lines.extend(lifecycle(&id, &mut rng));
        }
        let path = dir.join(format!("generated-{file}.jsonl"));
        std::fs::write(&path, lines.join("\n")).unwrap();
        files.push(path);
    }
    // Where only delivery order decides: a hold and its return, a full roster
    // without sequence numbers muted and unmuted. A log is delivered in order, so the
    // fleet ends where one bot does.
    let call = "ordered0-0000-4000-8000-000000000000";
    let roster = |muted: bool| {
        notification(
            call,
            "/participants",
            "updated",
            json!([participant("p0", muted)]),
        )
    };
    let ordered = [
        state(call, "established"),
        roster(false),
        state(call, "hold"),
        roster(true),
        state(call, "established"),
        roster(false),
        roster(true),
    ];
    let path = dir.join("ordered.jsonl");
    std::fs::write(&path, ordered.join("\n")).unwrap();
    files.push(path);
    // One call over two logs delivered side by side: its states in one, its
    // sequenced roster in the other, so that workers write the call at once and
    // merge.
    let call = "split000-0000-4000-8000-000000000000";
    let life = lifecycle(call, &mut rng);
    let (states, rest): (Vec<String>, Vec<String>) =
        life.into_iter().partition(|b| !b.contains("/participants"));
    for (name, half) in [("split-states.jsonl", states), ("split-roster.jsonl", rest)] {
        let path = dir.join(name);
        std::fs::write(&path, half.join("\n")).unwrap();
        files.push(path);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    files.push(root.join("tests/tracker/meeting.jsonl"));
    let pages: Vec<String> = [
        "call-answer-2-notification-incoming.json",
        "call-answer-4-notification-establishing.json",
        "call-answer-5-notification-established.json",
        "call-answer-8-notification-contentsharing-started.json",
        "call-answer-9-notification-contentsharing-ended.json",
        "call-delete-1-notification-terminating.json",
        "call-delete-2-notification-terminated.json",
    ]
    .iter()
    .map(|page| {
        let text = std::fs::read(root.join("../corpus/docs").join(page)).unwrap();
        serde_json::from_slice::<Value>(&text).unwrap().to_string()
    })
    .collect();
    let path = dir.join("pages.jsonl");
    std::fs::write(&path, pages.join("\n")).unwrap();
    files.push(path);
    files
}

/// The states one bot reaches from the logs in order, as `replay --json` lines
/// without their warnings (which are what each delivery order met).
fn single_bot(files: &[PathBuf]) -> Vec<Value> {
    let key = TestKey::new("single", 7);
    let keys = KeySet::from_jwks(&jwks(&[&key])).unwrap();
    let mut bot = Bot::new(Config::new(APP_ID, "http://127.0.0.1/callback", keys));
    let now = SystemTime::now();
    let secs = now.duration_since(UNIX_EPOCH).unwrap().as_secs();
    let token = sign(
        &json!({"alg": "RS256", "typ": "JWT", "kid": key.kid}),
        &json!({"aud": APP_ID, "iss": "https://graph.microsoft.com", "iat": secs - 10,
            "nbf": secs - 10, "exp": secs + 3600}),
        &key,
    );
    for (number, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).unwrap();
        let lines = text.lines().filter(|l| !l.trim().is_empty());
        for (index, line) in lines.enumerate() {
            // The message ids the fleet gives: one per line.
            let request = http::Request::post("/callback")
                .header("Content-Type", "application/json")
                .header("Authorization", format!("Bearer {token}"))
                .header(
                    "X-Microsoft-Skype-Message-ID",
                    format!("log{number}-line{index}"),
                )
                .body(line.as_bytes().to_vec())
                .unwrap();
            assert_eq!(bot.handle_callback(&request, now).status(), 202, "{line}");
        }
    }
    bot.tracker()
        .calls()
        .map(|call| without_warnings(&call.summary_json(&[])))
        .collect()
}

fn without_warnings(line: &str) -> Value {
    let mut value: Value = serde_json::from_str(line).unwrap();
    value.as_object_mut().unwrap().remove("warnings");
    value
}

/// Runs the fleet; gives its stdout lines and its summary.
fn fleet(redis: &Redis, files: &[PathBuf], kill_one: bool) -> (Vec<String>, Value, String) {
    let mut command = Command::new(example("fleet"));
    if kill_one {
        // And a worker gone with a timer lease held, which another takes over.
        command.env("GRAPH_COMMS_FLEET_LEASE_DEATH", "1");
    }
    command.args(["--redis", &redis.url, "--workers", "3"]);
    if kill_one {
        command.arg("--kill-one");
    }
    let mut child = command
        .args(files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Bounded: the fleet stops by itself; past two minutes it is killed.
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the fleet ran for more than two minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    let last = stderr.lines().last().unwrap_or_default();
    let summary: Value = serde_json::from_str(last).unwrap_or_else(|e| panic!("{e}: {last}"));
    let lines = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    (lines, summary, stderr)
}

fn check(kill_one: bool) {
    let redis = redis();
    let dir = std::env::temp_dir().join(format!(
        "graph-comms-fleet-{}-{kill_one}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let files = logs(&dir);
    let expected = single_bot(&files);
    let bodies: usize = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            text.lines().filter(|l| !l.trim().is_empty()).count()
        })
        .sum();
    let (lines, summary, stderr) = fleet(&redis, &files, kill_one);
    let states: Vec<Value> = lines.iter().map(|l| without_warnings(l)).collect();
    assert_eq!(states.len(), expected.len(), "{lines:#?}");
    for (state, expected) in states.iter().zip(&expected) {
        assert_eq!(state, expected);
    }
    // The contract's shape: the keys in their order, the warnings an array.
    for line in &lines {
        assert!(line.starts_with(r#"{"callId":"#), "{line}");
        assert!(line.contains(r#","warnings":["#), "{line}");
    }
    let last = stderr.lines().last().unwrap_or_default();
    let order: Vec<usize> = [
        "\"bodies\"",
        "\"conflictsRetried\"",
        "\"events\"",
        "\"duplicateEvents\"",
        "\"bodiesPerSecond\"",
    ]
    .iter()
    .map(|key| last.find(key).unwrap_or_else(|| panic!("{key} in {last}")))
    .collect();
    assert!(last.starts_with(r#"{"summary":{"bodies":"#), "{last}");
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{last}");
    assert_eq!(summary["summary"]["bodies"], bodies);
    assert_eq!(summary["summary"]["duplicateEvents"], 0, "{stderr}");
    assert!(summary["summary"]["events"].as_u64().unwrap() > 0);
    assert!(summary["summary"]["bodiesPerSecond"].as_f64().unwrap() > 0.0);
    if kill_one {
        assert!(stderr.contains("killed worker"), "{stderr}");
        assert!(stderr.contains("dies holding the timer lease"), "{stderr}");
        assert!(stderr.contains("gone during the timers"), "{stderr}");
    }
    // Each established call got one keep-alive, from whichever worker held its lease.
    let established = expected
        .iter()
        .filter(|s| s["state"] == "established")
        .count();
    assert!(established > 0, "the logs leave some calls established");
    assert!(
        stderr.contains(&format!(
            "timers: {established} keepAlive sent under leases for {established} established calls"
        )),
        "{stderr}\n{lines:#?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_fleet_ends_in_the_single_bots_states() {
    check(false);
}

/// A worker killed mid-run, and one gone holding a timer lease: nothing lost, no
/// event twice, each keep-alive once (the lease expires and another worker takes
/// the call over).
#[test]
fn a_worker_killed_mid_run_loses_nothing_and_repeats_nothing() {
    check(true);
}
