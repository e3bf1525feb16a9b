//! The command-line contract: output, stderr lines and exit codes.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

#[path = "../../tests/support/trailing_commas.rs"]
mod trailing_commas;

use trailing_commas::trailing_commas;

#[path = "../../bot/tests/support/tokens.rs"]
mod tokens;

fn corpus(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../corpus")
        .join(path)
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_graph-comms"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(input) = stdin {
        // A usage error ends the process before it reads: a broken pipe is fine then.
        let _ = child.stdin.take().unwrap().write_all(input);
    }
    child.wait_with_output().unwrap()
}

/// The files a corpus set's manifest lists.
fn manifest_files(set: &str) -> Vec<PathBuf> {
    let text = std::fs::read_to_string(corpus(set).join("manifest.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .map(|f| corpus(set).join(f))
        .collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn decode_prints_canonical_json_and_warnings() {
    let file = corpus("seed/02-ex01-response.json");
    let out = run(&["decode", file.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(json["@odata.type"], "#microsoft.graph.call");
    assert!(json.get("subject").is_none(), "null members are left out");
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    // The documents' syntax changes nothing of the value: a note.
    assert!(
        lines[0].starts_with("note: /targets/0: trailing_comma: "),
        "{stderr}"
    );
}

/// Each diagnostic carries its severity: on stderr as `<severity>: `, in `check --json`
/// as a member; a value kept raw is a warning, an inferred type a note.
#[test]
fn diagnostics_carry_their_severity() {
    let dir = std::env::temp_dir().join(format!("graph-comms-severity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("participant.json");
    std::fs::write(
        &file,
        r##"{"@odata.type": "#microsoft.graph.participant", "isMuted": "yes",
            "info": {"identity": {"phone": {"id": "+15551234567"}}}}"##,
    )
    .unwrap();
    let out = run(&["decode", file.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("warning: /isMuted: type_mismatch: "),
        "{stderr}"
    );
    assert!(
        stderr.contains("note: /info/identity: inferred_type: "),
        "{stderr}"
    );
    let out = run(&["check", "--json", dir.to_str().unwrap()], None);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let severities: Vec<(&str, &str)> = line["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["kind"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert!(
        severities.contains(&("type_mismatch", "warning")),
        "{severities:?}"
    );
    assert!(
        severities.contains(&("inferred_type", "note")),
        "{severities:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn decode_strict_fails_with_pointer_and_position() {
    let file = corpus("seed/02-ex01-response.json");
    let out = run(&["decode", "--strict", file.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim_end(),
        "error: /targets/0: trailing comma before a closing bracket at line 34 column 29"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn decode_reads_stdin_and_takes_a_type() {
    let body = br#"{"organizer": {"user": {"id": "o"}}}"#;
    let out = run(
        &["decode", "--type", "organizerMeetingInfo", "-"],
        Some(body),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"organizer": {"user": {"id": "o"}}})
    );
}

#[test]
fn decode_without_type_says_to_give_one() {
    let out = run(&["decode"], Some(br#"{"value": []}"#));
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error: ") && stderr.contains("--type"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        run(&["decode", "--type", "nosuchType", "-"], Some(b"{}"))
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["decode", "/no/such/file.json"], None).status.code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(run(&["check"], None).status.code(), Some(2));
}

#[test]
fn check_reports_each_file_and_a_summary() {
    let out = run(&["check", corpus("seed").to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    let files = manifest_files("seed");
    let n = files.len();
    assert!(
        stdout.contains(&format!("files: {n}, decoded: {n}, failed to decode: 0")),
        "{stdout}"
    );
    assert!(stdout.contains("round-trip failures: 0"), "{stdout}");
    // The seed's only diagnostics are its trailing commas, and the identity sets
    // typed `identitySet` that carry a phone or an application instance (members only
    // `communicationsIdentitySet` declares).
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let commas: usize = texts.iter().map(|t| trailing_commas(t).len()).sum();
    let inferred: usize = texts
        .iter()
        .map(|t| {
            t.matches(r#""phone": {"#).count() + t.matches(r#""applicationInstance": {"#).count()
        })
        .sum();
    assert!(commas > 0 && inferred > 0);
    let total = commas + inferred;
    assert!(
        stdout.contains(&format!(
            "diagnostics: {total} (inferred_type {inferred}, trailing_comma {commas})"
        )),
        "{stdout}"
    );
}

#[test]
fn check_json_prints_one_object_per_file() {
    let out = run(&["check", "--json", corpus("edge").to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), manifest_files("edge").len());
    for line in &lines {
        for key in ["file", "type", "ok", "error", "diagnostics", "roundtrip"] {
            assert!(line.get(key).is_some(), "{key} missing in {line}");
        }
        assert_eq!(line["ok"], true);
    }
    // The legacy payload has no @odata.type: its type comes from the manifest.
    let legacy = lines
        .iter()
        .find(|l| {
            l["file"]
                .as_str()
                .unwrap()
                .ends_with("legacy-resource-path.json")
        })
        .unwrap();
    assert_eq!(legacy["type"], "commsNotifications");
    assert_eq!(legacy["diagnostics"][0]["kind"], "inferred_type");
}

#[test]
fn check_fails_on_a_file_that_does_not_decode() {
    let dir = std::env::temp_dir().join(format!("graph-comms-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("bad.json"),
        br##"{"@odata.type": "#microsoft.graph.call", "id": }"##,
    )
    .unwrap();
    let out = run(&["check", "--json", dir.to_str().unwrap()], None);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(1));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["ok"], false);
    assert!(line["error"].as_str().unwrap().contains("/id"), "{line}");
    assert_eq!(line["roundtrip"], serde_json::Value::Null);
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    use std::io::Read as _;
    for args in [
        &["generate", "--type", "call", "--count", "100000"][..],
        &["generate", "--scenario", "group", "--count", "100000"][..],
        &["check", "--json", corpus("").to_str().unwrap()][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_graph-comms"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 64];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(text(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn request_prints_the_http_request_for_every_cloud() {
    let body = corpus("docs/call-answer-3-request-servicehosted.json");
    let body = body.to_str().unwrap();
    let call = "57dab8b1-894c-409a-b240-bd8beae78896";
    for (cloud, host) in [
        ("global", "https://graph.microsoft.com"),
        ("usgov", "https://graph.microsoft.us"),
        ("usgov-dod", "https://dod-graph.microsoft.us"),
        ("china", "https://microsoftgraph.chinacloudapi.cn"),
    ] {
        let out = run(
            &[
                "request",
                "--cloud",
                cloud,
                "--type",
                "call.answer",
                "--call",
                call,
                body,
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        let mut lines = stdout.split("\r\n");
        assert_eq!(
            lines.next(),
            Some(format!("POST {host}/v1.0/communications/calls/{call}/answer HTTP/1.1").as_str())
        );
        assert!(
            stdout.contains("\r\ncontent-type: application/json\r\n"),
            "{stdout}"
        );
        let (_, json) = stdout.split_once("\r\n\r\n").unwrap();
        let json: serde_json::Value = serde_json::from_str(json.trim_end()).unwrap();
        assert_eq!(json["callbackUri"], "https://bot.contoso.com/api/calls");
    }
    // Creating a call needs no id; beta is a version; stdin is read.
    let seed = std::fs::read(corpus("seed/01-ex01-request.json")).unwrap();
    let out = run(
        &[
            "request",
            "--cloud",
            "global",
            "--version",
            "beta",
            "--type",
            "call",
        ],
        Some(&seed),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .starts_with("POST https://graph.microsoft.com/beta/communications/calls HTTP/1.1\r\n")
    );
    // A participant's action with its ids.
    let mute = corpus("docs/participant-mute-1-request.json");
    let out = run(
        &[
            "request",
            "--cloud",
            "global",
            "--type",
            "participant.mute",
            "--call",
            "c",
            "--participant",
            "p",
            mute.to_str().unwrap(),
        ],
        None,
    );
    assert!(text(&out.stdout).starts_with("POST https://graph.microsoft.com/v1.0/communications/calls/c/participants/p/mute HTTP/1.1\r\n"));
}

#[test]
fn request_refuses_a_body_of_another_type() {
    // A create-call body (its root says `#microsoft.graph.call`) is no answer.
    let call = corpus("seed/01-ex01-request.json");
    let out = run(
        &[
            "request",
            "--cloud",
            "global",
            "--type",
            "call.answer",
            "--call",
            "c1",
            call.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr)
            .contains("error: the body is a `call` (its @odata.type), not a `call.answer`"),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn request_exits_2_without_the_ids_its_endpoint_needs() {
    let mute = corpus("docs/participant-mute-1-request.json");
    let mute = mute.to_str().unwrap();
    for args in [
        &[
            "request",
            "--cloud",
            "global",
            "--type",
            "participant.mute",
            "--call",
            "c",
            mute,
        ][..],
        &[
            "request",
            "--cloud",
            "global",
            "--type",
            "call.answer",
            mute,
        ],
        &["request", "--cloud", "mars", "--type", "call", mute],
        &[
            "request",
            "--cloud",
            "global",
            "--version",
            "v2",
            "--type",
            "call",
            mute,
        ],
        &[
            "request",
            "--cloud",
            "global",
            "--type",
            "participant",
            "--call",
            "c",
            mute,
        ],
    ] {
        let out = run(args, None);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(text(&out.stderr).starts_with("error: "), "{args:?}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn lint_prints_permissions_and_findings() {
    let seed = corpus("seed/08-ex02-request.json");
    let out = run(&["lint", seed.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{}: permissions: Calls.Initiate.All + Calls.AccessMedia.All\n",
            seed.display()
        )
    );
    let dir = std::env::temp_dir().join(format!("graph-comms-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let faulty = dir.join("faulty.json");
    std::fs::write(
        &faulty,
        br##"{"@odata.type": "#microsoft.graph.call", "callbackUri": "http://bot.contoso.com/cb", "targets": [{"identity": {"user": {"id": "u"}}}]}"##,
    )
    .unwrap();
    let out = run(&["lint", faulty.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let f = faulty.display();
    assert!(
        stdout.contains(&format!(
            "{f}: error: /callbackUri: callback_uri_not_https: "
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{f}: error: (root): media_config_missing: ")),
        "{stdout}"
    );
    let out = run(
        &[
            "lint",
            "--json",
            faulty.to_str().unwrap(),
            seed.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["type"], "call");
    assert_eq!(
        lines[0]["permissions"],
        serde_json::json!([["Calls.Initiate.All"]])
    );
    assert_eq!(lines[0]["findings"][0]["code"], "callback_uri_not_https");
    assert_eq!(lines[0]["findings"][0]["severity"], "error");
    assert_eq!(lines[0]["findings"][0]["pointer"], "/callbackUri");
    assert_eq!(
        lines[1]["permissions"],
        serde_json::json!([["Calls.Initiate.All", "Calls.AccessMedia.All"]])
    );
    assert_eq!(lines[1]["findings"], serde_json::json!([]));
    // The type from a manifest beside the file: an action body.
    let answer = corpus("docs/call-answer-3-request-servicehosted.json");
    let out = run(&["lint", "--json", answer.to_str().unwrap()], None);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["type"], "call.answer");
    assert_eq!(out.status.code(), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn decode_reads_error_bodies() {
    for file in [
        "edge/error-standard.json",
        "edge/error-bare.json",
        "edge/error-calling-service.json",
    ] {
        let out = run(
            &["decode", "--type", "error", corpus(file).to_str().unwrap()],
            None,
        );
        assert_eq!(out.status.code(), Some(0), "{file}: {}", text(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            json.get("error").is_some() || json.get("message").is_some(),
            "{file}"
        );
        let shaped = text(&out.stderr).contains(": error_shape: ");
        assert_eq!(shaped, file != "edge/error-standard.json", "{file}");
    }
}

/// A scratch directory of this test process, emptied.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("graph-comms-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn auth_verifies_a_token_or_says_why_not() {
    use serde_json::json;
    use tokens::{TestKey, jwks, sign, with};

    const APP: &str = "3d913abb-aec0-4964-8fa6-3c6850c4f278";
    const AT: u64 = 1_800_000_000;
    let key = TestKey::new("key-1", 11);
    let dir = scratch("auth");
    let keys = dir.join("keys.json");
    std::fs::write(&keys, jwks(&[&key])).unwrap();
    let header = json!({ "alg": "RS256", "typ": "JWT", "kid": "key-1" });
    let claims = json!({
        "iss": "https://graph.microsoft.com",
        "aud": ["other", APP],
        "exp": AT + 3600,
        "tid": "aa67bd4c-8475-432d-bd41-39f255720e0a",
    });
    let token = sign(&header, &claims, &key);
    let keys_arg = keys.to_str().unwrap();
    let auth_as = |app: &str, extra: &[&str], stdin: &str| {
        let mut args = vec![
            "auth",
            "--keys",
            keys_arg,
            "--app-id",
            app,
            "--at",
            "1800000000",
        ];
        args.extend_from_slice(extra);
        run(&args, Some(stdin.as_bytes()))
    };
    let auth = |extra: &[&str], stdin: &str| auth_as(APP, extra, stdin);

    // The token alone, and the header value, with whitespace around them.
    for input in [format!("{token}\n"), format!("  Bearer {token}\r\n")] {
        let out = auth(&[], &input);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(
            text(&out.stdout),
            format!(
                "{{\"issuer\":\"https://graph.microsoft.com\",\"audience\":\"{APP}\",\"tenantId\":\"aa67bd4c-8475-432d-bd41-39f255720e0a\",\"expiresAt\":{}}}\n",
                AT + 3600
            )
        );
    }
    // From a file, with no tenant.
    let file = dir.join("token.txt");
    std::fs::write(
        &file,
        sign(&header, &with(claims.clone(), json!({ "tid": null })), &key),
    )
    .unwrap();
    let out = auth(&[file.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["tenantId"], serde_json::Value::Null);

    // Refused: exit 1, the kind on stderr, nothing on stdout, never the token.
    let expired = sign(
        &header,
        &with(claims.clone(), json!({ "exp": AT - 400 })),
        &key,
    );
    for (input, app, extra, kind) in [
        (expired.as_str(), APP, &[][..], "expired"),
        (expired.as_str(), APP, &["--leeway", "500"][..], ""),
        (token.as_str(), "another-app", &[][..], "wrong_audience"),
        ("not a token", APP, &[][..], "malformed"),
    ] {
        let out = auth_as(app, extra, input);
        if kind.is_empty() {
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
            continue;
        }
        assert_eq!(out.status.code(), Some(1), "{kind}: {}", text(&out.stderr));
        assert!(out.stdout.is_empty());
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with(&format!("error: {kind}: ")), "{stderr}");
        assert!(!stderr.contains(input), "{stderr}");
    }

    // The OpenID configuration's algorithms: RS512 only refuses an RS256 token.
    let config = dir.join("openid.json");
    std::fs::write(
        &config,
        r#"{"id_token_signing_alg_values_supported": ["RS512"]}"#,
    )
    .unwrap();
    let out = auth(&["--openid-config", config.to_str().unwrap()], &token);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("error: unsupported_algorithm: "),
        "{}",
        text(&out.stderr)
    );

    // Usage errors: exit 2.
    let not_keys = dir.join("not-keys.json");
    std::fs::write(&not_keys, "{}").unwrap();
    for args in [
        vec!["auth", "--app-id", APP],
        vec!["auth", "--keys", keys_arg],
        vec!["auth", "--keys", "/nonexistent/keys.json", "--app-id", APP],
        vec![
            "auth",
            "--keys",
            not_keys.to_str().unwrap(),
            "--app-id",
            APP,
        ],
        vec![
            "auth",
            "--keys",
            keys_arg,
            "--app-id",
            APP,
            "--at",
            "yesterday",
        ],
        vec![
            "auth", "--keys", keys_arg, "--app-id", APP, "--leeway", "-1",
        ],
    ] {
        let out = run(&args, Some(token.as_bytes()));
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn replay_prints_each_calls_final_state() {
    let log = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bot/tests/tracker/meeting.jsonl");
    let log = log.to_str().unwrap();
    let out = run(&["replay", "--json", log], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(
        lines[0].starts_with(r#"{"callId":"7a1f0b00-5c3f-4b8d-8a38-5c8e7a1b3c2d","state":"terminated","participants":[{"id":"alice","displayName":"Alice","isMuted":true,"isInLobby":false},"#),
        "{stdout}"
    );
    let call: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(
        call["operations"],
        serde_json::json!({"invite-1": "failed", "prompt-1": "completed"})
    );
    assert_eq!(call["contentSharingSessions"], serde_json::json!([]));
    let kinds: Vec<&str> = call["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "stale_state",
            "stale_operation",
            "sequence_gap",
            "stale_participant"
        ]
    );

    // A readable summary, and the event log before it.
    let out = run(&["replay", "--events", log], None);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            "meeting.jsonl:11: 7a1f0b00-5c3f-4b8d-8a38-5c8e7a1b3c2d: participant bob left\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("call 7a1f0b00-5c3f-4b8d-8a38-5c8e7a1b3c2d: terminated (0/7000: The conversation has ended.)\n"), "{stdout}");
    assert!(stdout.contains("    alice \"Alice\" (muted)\n"), "{stdout}");

    // Whole-file bodies and log lines together, sorted by call id; a line that does
    // not decode is reported, the rest still applied, exit 1.
    let dir = scratch("replay");
    let broken = dir.join("broken.jsonl");
    let good = r##"{"value":[{"changeType":"updated","resourceUrl":"/communications/calls/0000-a","resourceData":{"@odata.type":"#microsoft.graph.call","state":"established"}}]}"##;
    std::fs::write(&broken, format!("{good}\nnot a body\n\n")).unwrap();
    let single = corpus("seed/04-ex01-notification-established.json");
    let out = run(
        &[
            "replay",
            "--json",
            broken.to_str().unwrap(),
            single.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).starts_with("error: "),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).contains("broken.jsonl:2: "),
        "{}",
        text(&out.stderr)
    );
    let ids: Vec<String> = text(&out.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["callId"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert!(ids.len() >= 2 && ids[0] == "0000-a", "{ids:?}");
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    // No file: a usage error.
    assert_eq!(run(&["replay"], None).status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The lines `generate` prints for `args`, each checked to decode strictly as `name`.
fn generated(args: &[&str], name: &str) -> Vec<String> {
    let out = run(args, None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&out.stderr)
    );
    let entry = graph_comms::by_name::lookup(name).unwrap();
    let lines: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    for line in &lines {
        entry
            .decode(&graph_comms::DecodeOptions::strict(), line.as_bytes())
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {line}"));
    }
    lines
}

#[test]
fn generate_prints_json_lines_the_same_for_the_same_seed() {
    let args = [
        "generate",
        "--type",
        "commsNotifications",
        "--count",
        "50",
        "--seed",
        "7",
    ];
    let lines = generated(&args, "commsNotifications");
    assert_eq!(lines.len(), 50);
    assert_eq!(generated(&args, "commsNotifications"), lines);
    let other = generated(
        &[
            "generate",
            "--type",
            "commsNotifications",
            "--count",
            "50",
            "--seed",
            "8",
        ],
        "commsNotifications",
    );
    assert_ne!(other, lines);
    // Realistic: now and then a PascalCase value, an unknown member or type.
    let all = lines.concat();
    assert!(
        all.contains("\"changeType\":\"") && all.contains("future"),
        "{all}"
    );
}

#[test]
fn generate_profiles_set_the_imperfections() {
    let args = ["generate", "--type", "call", "--count", "100"];
    let clean = generated(&[&args[..], &["--profile", "clean"]].concat(), "call");
    // No value of a later version, and no member no type declares: decoded, no
    // call keeps one in `extra` (nor does any object within, whose extras would
    // show as `@odata.etag` or an `x…` member).
    for line in &clean {
        assert!(
            !line.contains("future") && !line.contains("@odata.etag"),
            "{line}"
        );
        let call = graph_comms::from_slice::<graph_comms::call::Call>(line.as_bytes())
            .unwrap()
            .value;
        assert!(call.extra.is_empty(), "{:?}", call.extra);
    }
    let clean = clean.concat();
    let hostile = generated(
        &[
            "generate",
            "--type",
            "call",
            "--count",
            "100",
            "--profile",
            "hostile",
        ],
        "call",
    )
    .concat();
    assert!(hostile.matches("future").count() > clean.matches("future").count() + 100);
    let out = run(&["generate", "--type", "call", "--profile", "wild"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("clean, realistic, hostile"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn generate_scenarios_are_the_create_call_requests() {
    for (scenario, needle) in [
        ("peer-to-peer", "\"targets\""),
        ("group-service-hosted", "serviceHostedMediaConfig"),
        ("group-app-hosted", "appHostedMediaConfig"),
        ("meeting-by-organizer", "organizerMeetingInfo"),
        ("meeting-by-join-id", "joinMeetingIdMeetingInfo"),
        ("meeting-by-token", "tokenMeetingInfo"),
        ("pstn", "\"phone\""),
    ] {
        let lines = generated(
            &["generate", "--scenario", scenario, "--count", "20"],
            "call",
        );
        assert_eq!(lines.len(), 20);
        for line in &lines {
            assert!(
                line.contains(needle) && line.contains("callbackUri"),
                "{scenario}: {line}"
            );
        }
    }
    let out = run(&["generate", "--scenario", "conference"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("peer-to-peer"),
        "{}",
        text(&out.stderr)
    );
    let out = run(
        &["generate", "--scenario", "pstn", "--type", "participant"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}

/// `replay` says what it did not apply, and why: a legacy call notification, a body
/// that is no notifications, a truncated one.
#[test]
fn replay_reports_what_it_did_not_apply() {
    let dir = std::env::temp_dir().join(format!("graph-comms-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("log.jsonl");
    let lines = [
        r#"{"id": "c1", "participants": [], "isMultiparty": false, "presentedModalityTypes": ["audio"], "callState": "incoming"}"#,
        r##"{"value": [{"changeType": "created", "resourceUrl": "/communications/calls/c1", "resourceData": {"@odata.type": "#microsoft.graph.call", "state": "incoming"}}]}"##,
        r#"{"participants": [{"identity": {"user": {"id": "u1"}}}]}"#,
        r##"{"value": [{"changeType": "updated", "resourceUrl": "/communications/calls/c1", "resourceData": {"@odata.type": "#microsoft.graph.call", "state": "established""##,
    ];
    std::fs::write(&log, lines.join("\n")).unwrap();
    let out = run(&["replay", "--json", log.to_str().unwrap()], None);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(":1: not applied: a legacy (Skype protocol) call notification"),
        "{stderr}"
    );
    assert!(
        stderr.contains(":3: not applied: not a commsNotifications body"),
        "{stderr}"
    );
    assert!(
        stderr.contains(":4: not applied: the body is truncated"),
        "{stderr}"
    );
    let state: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        state["state"], "incoming",
        "the truncated body was not applied"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn explain_every_row_of_the_published_graph_table() {
    let table = include_str!("../../bot/tests/data/graph-call-end-table.tsv");
    for line in table.lines().skip(1) {
        let mut cells = line.split('\t');
        let code = cells.next().unwrap();
        for subcode in cells.next().unwrap().split('/') {
            let input = format!("{code}/{subcode}");
            let out = run(&["explain", "--json", &input], None);
            assert_eq!(out.status.code(), Some(0), "{input}");
            let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(json["code"].as_u64(), code.parse().ok(), "{input}");
            assert_eq!(json["subcode"].as_u64(), subcode.parse().ok(), "{input}");
            assert!(
                json["meaning"].as_str().is_some_and(|m| !m.is_empty()),
                "{input}"
            );
            assert!(json["category"].is_string() && json["retryable"].is_boolean());
            assert!(
                json["source"]
                    .as_str()
                    .unwrap()
                    .contains("graph/api/call-delete")
            );
        }
    }
}

#[test]
fn explain_reads_messages_and_says_unknown_and_refuses_no_code() {
    let out = run(
        &[
            "explain",
            "Call",
            "was",
            "not",
            "accepted.",
            "DiagCode:",
            "3003#7106.@",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("3003/7106 [DiagCode 3003#7106]: no published explanation"),
        "{text}"
    );

    let out = run(
        &["explain", "--json", "-"],
        Some(br#"{"code": 0, "message": "x"}"#),
    );
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["code"], 0);
    assert_eq!(json["subcode"], serde_json::Value::Null);
    assert_eq!(json["diagCode"], serde_json::Value::Null);

    let out = run(&["explain", "--json", "123/456"], None);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["diagCode", "meaning", "category", "retryable", "source"] {
        assert_eq!(json[key], serde_json::Value::Null, "{key}");
    }

    let out = run(&["explain", "no code here"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// `replay` reads a simulator transcript: the genuine callbacks are applied; the
/// bot's requests, the legacy callback and the forged ones are not.
#[test]
fn replay_reads_a_simulator_transcript() {
    let dir = std::env::temp_dir().join(format!("graph-comms-transcript-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("transcript.jsonl");
    let call = |state: &str| {
        format!(
            r##"{{"value":[{{"changeType":"updated","resourceUrl":"/communications/calls/c1","resourceData":{{"@odata.type":"#microsoft.graph.call","state":"{state}"}}}}]}}"##
        )
    };
    let entry = |direction: &str, kind: Option<&str>, status: u16, body: &str| {
        let kind = kind.map_or_else(String::new, |k| format!(r#""kind":"{k}","#));
        format!(
            r#"{{"direction":"{direction}",{kind}"method":"POST","url":"http://127.0.0.1:1/callback","status":{status},"headers":{{"content-type":"application/json"}},"body":{body}}}"#
        )
    };
    let lines = [
        entry(
            "toBot",
            Some("legacy"),
            204,
            r#"{"id":"c1","callState":"incoming"}"#,
        ),
        entry("toBot", Some("genuine"), 202, &call("incoming")),
        entry(
            "fromBot",
            None,
            202,
            r#"{"callbackUri":"https://bot.example.com/cb"}"#,
        ),
        entry("toBot", Some("genuine"), 202, &call("established")),
        entry("toBot", Some("forged"), 401, &call("terminated")),
    ];
    std::fs::write(&log, lines.join("\n")).unwrap();
    let out = run(&["replay", "--json", log.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let state: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(state["callId"], "c1");
    assert_eq!(
        state["state"], "established",
        "the forged end was not applied"
    );
    assert!(text(&out.stderr).is_empty(), "{}", text(&out.stderr));
    std::fs::remove_dir_all(&dir).ok();
}
