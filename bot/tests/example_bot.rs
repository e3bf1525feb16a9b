//! The example bot (`examples/axum_bot.rs`), run as a process with its contract
//! command line, holds a call from incoming to hang-up against scripted, signed
//! callbacks, with a fake Graph (and its OpenID configuration and key set) on
//! 127.0.0.1. Every wait is bounded.

use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[path = "support/process.rs"]
mod process;
#[path = "support/tokens.rs"]
mod tokens;

use axum::body::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use process::{Running, example, listening};
use serde_json::{Value, json};
use tokens::{TestKey, jwks, sign};

const APP_ID: &str = "3d913abb-aec0-4964-8fa6-3c6850c4f278";
const CALL: &str = "57DAB8B1894C409AB240BD8BEAE78896";

/// What the fake Graph received: method, path, body.
type Seen = Arc<Mutex<Vec<(String, String, Value)>>>;

async fn fake_graph(key: &TestKey, seen: Seen) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let keys = jwks(&[key]);
    let configuration = json!({
        "issuer": "https://graph.microsoft.com",
        "jwks_uri": format!("http://{addr}/keys"),
        "id_token_signing_alg_values_supported": ["RS256"]
    })
    .to_string();
    let app = axum::Router::new().fallback(move |request: http::Request<axum::body::Body>| {
        let (seen, keys, configuration) = (seen.clone(), keys.clone(), configuration.clone());
        async move {
            let (parts, body) = request.into_parts();
            let body = axum::body::to_bytes(body, 1 << 20).await.unwrap();
            let path = parts.uri.path().to_owned();
            let respond = |status: u16, body: Vec<u8>| {
                http::Response::builder()
                    .status(status)
                    .header("Content-Type", "application/json")
                    .body(axum::body::Body::from(body))
                    .unwrap()
            };
            match path.as_str() {
                "/.well-known/openid-configuration" => {
                    return respond(200, configuration.into_bytes());
                }
                "/keys" => return respond(200, keys),
                _ => {}
            }
            let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let action = path.rsplit('/').next().unwrap_or_default().to_owned();
            let n = {
                let mut seen = seen.lock().unwrap();
                seen.push((parts.method.to_string(), path.clone(), json.clone()));
                seen.len()
            };
            let operation = |kind: &str| {
                json!({"@odata.type": format!("#microsoft.graph.{kind}"), "id": format!("op-{n}"),
                       "status": "running", "clientContext": json["clientContext"]})
            };
            match (parts.method.as_str(), action.as_str()) {
                ("DELETE", _) => respond(204, Vec::new()),
                (_, "answer") => respond(202, Vec::new()),
                (_, "playPrompt") => respond(
                    200,
                    operation("playPromptOperation").to_string().into_bytes(),
                ),
                (_, "subscribeToTone") => respond(
                    200,
                    operation("subscribeToToneOperation")
                        .to_string()
                        .into_bytes(),
                ),
                (_, "mute") => respond(
                    200,
                    operation("muteParticipantOperation")
                        .to_string()
                        .into_bytes(),
                ),
                _ => respond(200, Vec::new()),
            }
        }
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

fn token(key: &TestKey) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    sign(
        &json!({"alg": "RS256", "typ": "JWT", "kid": key.kid}),
        &json!({"aud": APP_ID, "iss": "https://graph.microsoft.com", "iat": now - 10,
                "nbf": now - 10, "exp": now + 3600, "tid": "aa67bd4c-8475-432d-bd41-39f255720e0a"}),
        key,
    )
}

fn notification(path: &str, change: &str, resource: Value) -> Value {
    json!({"@odata.type": "#microsoft.graph.commsNotifications",
           "value": [{"@odata.type": "#microsoft.graph.commsNotification", "changeType": change,
                      "resourceUrl": path, "resourceData": resource}]})
}

fn call(resource: Value) -> Value {
    notification(
        &format!("/communications/calls/{CALL}"),
        "updated",
        resource,
    )
}

/// Waits (at most ten seconds) until the fake Graph has seen a request matching `f`.
async fn until(seen: &Seen, what: &str, f: impl Fn(&(String, String, Value)) -> bool) {
    for _ in 0..200 {
        if seen.lock().unwrap().iter().any(&f) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the bot never sent {what}: {:?}", seen.lock().unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_example_bot_holds_a_call_from_incoming_to_hang_up() {
    let key = TestKey::new("key-a", 1);
    let seen: Seen = Arc::default();
    let graph = fake_graph(&key, seen.clone()).await;

    let mut child = Command::new(example("axum_bot"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--graph-base",
            &format!("http://{graph}"),
        ])
        .args([
            "--openid-configuration",
            &format!("http://{graph}/.well-known/openid-configuration"),
        ])
        .args([
            "--app-id",
            APP_ID,
            "--callback-url",
            "http://127.0.0.1/callback",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example bot starts");
    let stderr = child.stderr.take().unwrap();
    let addr = listening(&mut child);
    let bot = Running(child);

    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let post = |body: Value, token: String| {
        let request = http::Request::post(format!("http://{addr}/callback"))
            .header("Content-Type", "application/json")
            .header("Authorization", format!("Bearer {token}"))
            .body(Full::new(Bytes::from(body.to_string())))
            .unwrap();
        let client = client.clone();
        async move {
            let response = tokio::time::timeout(Duration::from_secs(10), client.request(request))
                .await
                .expect("an answer within 10 s")
                .expect("the bot answers");
            let status = response.status().as_u16();
            let _ = response.into_body().collect().await;
            status
        }
    };
    let incoming: Value = serde_json::from_str(include_str!(
        "../../corpus/docs/call-answer-2-notification-incoming.json"
    ))
    .unwrap();

    // A forged callback is refused, and nothing is done.
    let stranger = TestKey::new("key-a", 3);
    assert_eq!(post(incoming.clone(), token(&stranger)).await, 401);

    assert_eq!(post(incoming, token(&key)).await, 202);
    until(&seen, "the answer", |(_, path, body)| {
        path.ends_with(&format!("/calls/{CALL}/answer"))
            && body["acceptedModalities"] == json!(["audio"])
    })
    .await;

    let established = call(json!({"@odata.type": "#microsoft.graph.call", "state": "established"}));
    assert_eq!(post(established, token(&key)).await, 202);
    until(&seen, "the welcome prompt", |(_, path, body)| {
        path.ends_with("/playPrompt") && body.to_string().contains("welcome.wav")
    })
    .await;
    until(&seen, "subscribeToTone", |(_, path, _)| {
        path.ends_with("/subscribeToTone")
    })
    .await;

    let roster = notification(
        &format!("/communications/calls/{CALL}/participants"),
        "updated",
        json!([
            {"@odata.type": "#microsoft.graph.participant", "id": "bot-leg", "isMuted": false, "isInLobby": false,
             "info": {"identity": {"application": {"id": APP_ID}}}},
            {"@odata.type": "#microsoft.graph.participant", "id": "carol", "isMuted": false, "isInLobby": false,
             "info": {"identity": {"user": {"id": "8a34a46b-3d17-4adc-8dce-dc4e7d572698", "displayName": "Carol"}}}}
        ]),
    );
    assert_eq!(post(roster, token(&key)).await, 202);
    until(&seen, "carol's mute", |(_, path, _)| {
        path.ends_with("/participants/carol/mute")
    })
    .await;

    let tone = |tone: &str, sequence: i64| {
        call(
            json!({"@odata.type": "#microsoft.graph.call", "state": "established",
                    "toneInfo": {"tone": tone, "sequenceId": sequence}}),
        )
    };
    assert_eq!(post(tone("tone5", 1), token(&key)).await, 202);
    until(&seen, "the prompt for 5", |(_, path, body)| {
        path.ends_with("/playPrompt") && body.to_string().contains("tone5.wav")
    })
    .await;

    // The welcome prompt's operation completes: its result is explained in the log.
    let welcome_op = {
        let seen = seen.lock().unwrap();
        let n = seen
            .iter()
            .position(|(_, p, _)| p.ends_with("/playPrompt"))
            .unwrap()
            + 1;
        let context = seen[n - 1].2["clientContext"].clone();
        (format!("op-{n}"), context)
    };
    let completed = notification(
        &format!("/communications/calls/{CALL}/operations/{}", welcome_op.0),
        "deleted",
        json!({"@odata.type": "#microsoft.graph.playPromptOperation", "id": welcome_op.0,
               "clientContext": welcome_op.1, "status": "completed",
               "resultInfo": {"code": 200, "subcode": 0, "message": "Action completed successfully."}}),
    );
    assert_eq!(post(completed, token(&key)).await, 202);

    assert_eq!(post(tone("pound", 2), token(&key)).await, 202);
    until(&seen, "the hang-up", |(method, path, _)| {
        method == "DELETE" && path.ends_with(&format!("/communications/calls/{CALL}"))
    })
    .await;
    let terminated = call(
        json!({"@odata.type": "#microsoft.graph.call", "state": "terminated",
        "resultInfo": {"code": 200, "subcode": 7000, "message": "The conversation has ended by bot."}}),
    );
    assert_eq!(post(terminated, token(&key)).await, 202);
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Nothing was muted but carol, nothing after the hang-up, and the log explains.
    let seen = seen.lock().unwrap().clone();
    assert_eq!(
        seen.iter().filter(|(_, p, _)| p.ends_with("/mute")).count(),
        1,
        "{seen:?}"
    );
    let last = seen.iter().rposition(|(m, _, _)| m == "DELETE").unwrap();
    assert_eq!(
        last,
        seen.len() - 1,
        "no request after the hang-up: {seen:?}"
    );
    drop(bot);
    let log = std::io::read_to_string(stderr).unwrap();
    assert!(log.contains("call.playPrompt finished: 200/0"), "{log}");
    assert!(log.contains("ended: 200/7000 (normal_end"), "{log}");
}
