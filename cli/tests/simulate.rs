//! `graph-comms simulate`'s contract: its flags, the listening line on stderr, the
//! `--json` lines and summary, the table, the transcript (which `replay` reads), and
//! its exit codes. The bots are the built-in one and, for the failures, a careless
//! one on 127.0.0.1 that acknowledges everything. Every run is bounded.

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// Runs the command, killed if it runs past two minutes.
fn run(args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_graph-comms"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let pid = child.id();
    let (done, finished) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        if finished.recv_timeout(Duration::from_secs(120)).is_err() {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
    });
    let out = child.wait_with_output().unwrap();
    let _ = done.send(());
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("graph-comms-simulate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// A bot that answers every request `202` at once and never acts.
fn careless_bot() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut seen = Vec::new();
                let mut buf = [0u8; 65536];
                // Reads one request (headers, then Content-Length bytes), replies, closes.
                while let Ok(n) = stream.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    seen.extend_from_slice(&buf[..n]);
                    let text = String::from_utf8_lossy(&seen).into_owned();
                    if let Some(end) = text.find("\r\n\r\n") {
                        let length = text[..end]
                            .lines()
                            .find_map(|l| {
                                let (name, value) = l.split_once(':')?;
                                name.eq_ignore_ascii_case("content-length")
                                    .then(|| value.trim().parse::<usize>().ok())?
                            })
                            .unwrap_or(0);
                        if seen.len() >= end + 4 + length {
                            break;
                        }
                    }
                }
                let _ = stream.write_all(
                    b"HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                );
            });
        }
    });
    format!("http://{addr}/callback")
}

#[test]
fn the_built_in_bot_passes_every_scenario_and_the_transcript_replays() {
    let transcript = temp("transcript.jsonl");
    let out = run(&[
        "simulate",
        "--bot",
        "builtin",
        "--scenario",
        "all",
        "--json",
        "--transcript",
        transcript.to_str().unwrap(),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{}{stderr}", text(&out.stdout));
    assert!(
        stderr.starts_with("graph-comms simulate: listening on http://127.0.0.1:"),
        "{stderr}"
    );
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 10, "{stdout}");
    let names = [
        "incoming-p2p",
        "incoming-pstn",
        "incoming-recording",
        "group-roster",
        "dtmf",
        "remote-hangup",
        "legacy-first",
        "forged-token",
        "throttled",
    ];
    for (line, name) in lines.iter().zip(names) {
        // Members in the documented order.
        assert!(
            line.starts_with(&format!(r#"{{"scenario":"{name}","callId":""#)),
            "{line}"
        );
        assert!(line.ends_with(r#","passed":true,"findings":[]}"#), "{line}");
    }
    let summary: serde_json::Value = serde_json::from_str(lines[9]).unwrap();
    let summary = &summary["summary"];
    assert!(lines[9].starts_with(r#"{"summary":{"calls":9,"passed":9,"failed":0,"callbacks":"#));
    for member in [
        "callbacks",
        "requests",
        "ackP50Ms",
        "ackP99Ms",
        "callbacksPerSecond",
    ] {
        assert!(
            summary[member].as_f64().is_some_and(|x| x > 0.0),
            "{member}: {summary}"
        );
    }
    assert!(summary["ackP50Ms"].as_f64() <= summary["ackP99Ms"].as_f64());

    // The transcript: every exchange, one JSON object per line, no secret; replay
    // reads it back to the calls' final states.
    let written = std::fs::read_to_string(&transcript).unwrap();
    let entries: Vec<serde_json::Value> = written
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        entries.len() as u64,
        summary["callbacks"].as_u64().unwrap() + summary["requests"].as_u64().unwrap()
    );
    assert!(
        entries
            .iter()
            .all(|e| e["headers"].get("authorization").is_none())
    );
    let replayed = run(&["replay", "--json", transcript.to_str().unwrap()]);
    assert_eq!(
        replayed.status.code(),
        Some(0),
        "{}",
        text(&replayed.stderr)
    );
    let states: Vec<serde_json::Value> = text(&replayed.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Every call but the forged one (whose callbacks replay leaves out) ended.
    assert_eq!(states.len(), 8, "{}", text(&replayed.stdout));
    assert!(
        states.iter().all(|s| s["state"] == "terminated"),
        "{}",
        text(&replayed.stdout)
    );
    std::fs::remove_file(&transcript).ok();
}

#[test]
fn calls_concurrency_faults_and_the_table() {
    let out = run(&[
        "simulate",
        "--bot",
        "builtin",
        "--scenario",
        "dtmf",
        "--faults",
        "realistic",
        "--calls",
        "3",
        "--concurrency",
        "3",
        "--seed",
        "5",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{stdout}");
    assert!(lines[0].starts_with("SCENARIO"), "{stdout}");
    assert!(
        lines[1..4]
            .iter()
            .all(|l| l.starts_with("dtmf ") && l.ends_with("passed"))
    );
    assert!(
        lines[4].starts_with("3 calls: 3 passed, 0 failed; "),
        "{stdout}"
    );
}

#[test]
fn a_scenario_file_is_reported_under_its_name() {
    let file = temp("hang-up-at-once.json");
    std::fs::write(
        &file,
        r#"{"name": "ignored", "steps": [{"incoming": "pstn"}, {"expectAnswer": {}}, {"hangUp": {}}]}"#,
    )
    .unwrap();
    let out = run(&[
        "simulate",
        "--bot",
        "builtin",
        "--scenario",
        file.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with(r#"{"scenario":"hang-up-at-once.json","#),
        "{}",
        text(&out.stdout)
    );
    std::fs::remove_file(&file).ok();
}

#[test]
fn a_careless_bot_gets_its_findings_and_exit_1() {
    let bot = careless_bot();
    let out = run(&[
        "simulate",
        "--bot",
        &bot,
        "--scenario",
        "forged-token",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let first: serde_json::Value =
        serde_json::from_str(text(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["passed"], false);
    let findings = first["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 3);
    for finding in findings {
        assert_eq!(finding["code"], "forged_token_accepted");
        assert_eq!(finding["severity"], "error");
        assert!(finding["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // The same bot, with a deadline of a second: it never answers.
    let out = run(&[
        "simulate",
        "--bot",
        &bot,
        "--scenario",
        "incoming-p2p",
        "--answer-deadline",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("  error: answer_late: "),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn usage_errors_and_an_unreachable_bot_exit_2() {
    for args in [
        &[
            "simulate",
            "--bot",
            "builtin",
            "--scenario",
            "no-such-scenario",
        ][..],
        &["simulate", "--bot", "builtin", "--faults", "chaotic"],
        &["simulate", "--bot", "builtin", "--calls", "0"],
        &["simulate", "--bot", "builtin", "--answer-deadline", "-1"],
        &["simulate", "--bot", "builtin", "--answer-deadline", "0"],
        &["simulate", "--bot", "https://bot.example.com/callback"],
        &["simulate", "--scenario", "all"],
    ] {
        let out = run(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // Nothing listens there: after 30 s of trying, exit 2.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = run(&[
        "simulate",
        "--bot",
        &format!("http://127.0.0.1:{port}/callback"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("graph-comms simulate: listening on http://"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did not accept connections within 30 s"),
        "{stderr}"
    );
}
