//! The simulator's Graph core against the crate's own `Bot`, no I/O: an incoming
//! call signed by the simulator's key and verified by the bot through the key set
//! the simulator serves, answered, a prompt played and finished, hung up; and each
//! refusal with its finding.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use graph_comms_bot::auth::KeySet;
use graph_comms_bot::http::{ApiVersion, Graph as GraphClient, authorize};
use graph_comms_bot::id::CallId;
use graph_comms_bot::{Bot, Config, Event};
use graph_comms_sim::keys::{self, Forgery, SigningKey};
use graph_comms_sim::{Callback, FindingCode, Graph, Incoming};
use http::StatusCode;

const APP_ID: &str = "3d913abb-aec0-4964-8fa6-3c6850c4f278";
const TENANT: &str = "aa67bd4c-8475-432d-bd41-39f255720e0a";
const BOT_URL: &str = "https://bot.example.com/callback";

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_800_000_000)
}

struct World {
    key: SigningKey,
    graph: Graph,
    bot: Bot,
}

fn world() -> World {
    let key = SigningKey::from_seed("sim-1", 1).unwrap();
    let jwks = serde_json::to_vec(&keys::jwks(&[&key])).unwrap();
    let config = Config::new(APP_ID, BOT_URL, KeySet::from_jwks(&jwks).unwrap()).with_graph(
        GraphClient::with_base_url("http://127.0.0.1:9", ApiVersion::V1),
    );
    World {
        key,
        graph: Graph::new(APP_ID, TENANT),
        bot: Bot::new(config),
    }
}

impl World {
    /// Posts a callback to the bot, signed as Graph signs it; the reply's status.
    fn post(&mut self, callback: &Callback, token: &str) -> StatusCode {
        let request = http::Request::post(&callback.url)
            .header("Content-Type", "application/json")
            .header("Authorization", format!("Bearer {token}"))
            .body(callback.body.clone())
            .unwrap();
        self.bot.handle_callback(&request, now()).status()
    }

    fn deliver(&mut self, callbacks: &[Callback]) {
        let token = self.key.sign(&keys::claims(APP_ID, TENANT, now()));
        for callback in callbacks {
            assert_eq!(self.post(callback, &token), StatusCode::ACCEPTED);
        }
    }

    /// Sends a bot's request to Graph, authorized.
    fn send(&mut self, mut request: http::Request<Vec<u8>>) -> graph_comms_sim::Exchange {
        authorize(&mut request, "token-from-the-identity-platform").unwrap();
        self.graph.handle(&request)
    }

    fn events(&mut self) -> Vec<Event> {
        std::iter::from_fn(|| self.bot.poll_event()).collect()
    }
}

#[test]
fn a_call_from_incoming_to_hang_up() {
    let mut w = world();
    let incoming = w.graph.incoming(Incoming::Teams, BOT_URL);
    w.deliver(std::slice::from_ref(&incoming));
    let call_id = w
        .events()
        .into_iter()
        .find_map(|e| match e {
            Event::IncomingCall { call_id, .. } => Some(call_id),
            _ => None,
        })
        .expect("an incoming call");
    assert_eq!(call_id, incoming.call_id);
    let id = CallId::from(call_id.as_str());

    let answer = w.bot.answer(&id, None, now()).unwrap();
    let exchange = w.send(answer.clone());
    assert_eq!(exchange.response.status(), StatusCode::ACCEPTED);
    assert!(exchange.findings.is_empty(), "{:?}", exchange.findings);
    w.bot.handle_response(&answer, &exchange.response, now());
    w.deliver(&exchange.callbacks);
    assert_eq!(
        w.bot
            .tracker()
            .call(&call_id)
            .unwrap()
            .state()
            .map(|s| s.as_str()),
        Some("established")
    );
    w.events();

    let prompt = graph_comms::media::MediaPrompt::default().with_media_info(
        graph_comms::media::MediaInfo::new("https://cdn.example.com/hello.wav", "hello"),
    );
    let play = w.bot.play_prompt(&id, [prompt.into()], now()).unwrap();
    let exchange = w.send(play.clone());
    assert_eq!(exchange.response.status(), StatusCode::OK);
    w.bot.handle_response(&play, &exchange.response, now());
    w.deliver(&exchange.callbacks);
    let finished = w.events();
    assert!(
        finished.iter().any(|e| matches!(
            e,
            Event::OperationFinished {
                action: Some(graph_comms::action::Action::CallPlayPrompt),
                completed: true,
                ..
            }
        )),
        "{finished:?}"
    );

    let hang_up = w.bot.hang_up(&id, now()).unwrap();
    let exchange = w.send(hang_up);
    assert_eq!(exchange.response.status(), StatusCode::NO_CONTENT);
    w.deliver(&exchange.callbacks);
    assert!(w.graph.call(&call_id).unwrap().is_over());
    assert!(w.bot.tracker().call(&call_id).unwrap().is_done());
}

#[test]
fn refusals_and_their_findings() {
    let mut w = world();
    let incoming = w.graph.incoming(Incoming::Pstn, BOT_URL);
    w.deliver(std::slice::from_ref(&incoming));
    w.events();
    let id = CallId::from(incoming.call_id.as_str());

    // No bearer token.
    let answer = w.bot.answer(&id, None, now()).unwrap();
    let exchange = w.graph.handle(&answer);
    assert_eq!(exchange.response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(exchange.findings[0].code, FindingCode::MissingAuthorization);

    // A body Graph would refuse: strict decoding fails.
    let mut bad = answer.clone();
    *bad.body_mut() = br#"{"callbackUri": 42}"#.to_vec();
    let exchange = w.send(bad);
    assert_eq!(exchange.response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(exchange.findings[0].code, FindingCode::InvalidRequest);
    let error: serde_json::Value = serde_json::from_slice(exchange.response.body()).unwrap();
    assert!(error["error"]["message"].is_string(), "an OData error body");

    // Answered once, then twice.
    assert_eq!(
        w.send(answer.clone()).response.status(),
        StatusCode::ACCEPTED
    );
    let twice = w.send(answer.clone());
    assert_eq!(twice.response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(twice.findings[0].code, FindingCode::DuplicateAnswer);

    // An unknown call; an action after the end.
    let mut unknown = answer.clone();
    *unknown.uri_mut() = "http://127.0.0.1:9/v1.0/communications/calls/nope/answer"
        .parse()
        .unwrap();
    assert_eq!(w.send(unknown).response.status(), StatusCode::NOT_FOUND);
    w.graph.hang_up(&incoming.call_id);
    let late = w.send(answer);
    assert_eq!(late.response.status(), StatusCode::NOT_FOUND);
    assert_eq!(late.findings[0].code, FindingCode::ActionOnTerminatedCall);
}

#[test]
fn the_bot_refuses_every_forged_token() {
    let mut w = world();
    let incoming = w.graph.incoming(Incoming::Recording, BOT_URL);
    let other = SigningKey::from_seed("sim-1", 2).unwrap();
    for forgery in Forgery::ALL {
        let claims = keys::forged_claims(forgery, APP_ID, TENANT, now());
        let token = match forgery {
            Forgery::OtherKey => other.sign(&claims),
            _ => w.key.sign(&claims),
        };
        assert_eq!(
            w.post(&incoming, &token),
            StatusCode::UNAUTHORIZED,
            "{}",
            forgery.as_str()
        );
    }
    assert!(w.events().is_empty(), "nothing from forged callbacks");
    // The genuine one: a recording call, with its shorter deadline.
    w.deliver(std::slice::from_ref(&incoming));
    assert!(w.events().iter().any(|e| matches!(
        e,
        Event::IncomingCall {
            recording: true,
            ..
        }
    )));
}

/// A call's audio routing groups: created, refused when the id is taken or the body
/// is not one, listed, updated, deleted; none after the call ended.
#[test]
fn audio_routing_groups() {
    let mut w = world();
    let incoming = w.graph.incoming(Incoming::Teams, BOT_URL);
    w.deliver(std::slice::from_ref(&incoming));
    w.events();
    let id = incoming.call_id.clone();
    let answer = w
        .bot
        .answer(&CallId::from(id.as_str()), None, now())
        .unwrap();
    assert_eq!(w.send(answer).response.status(), StatusCode::ACCEPTED);
    let groups = format!("http://127.0.0.1:9/v1.0/communications/calls/{id}/audioRoutingGroups");
    let request = |method: &str, url: &str, body: &str| {
        http::Request::builder()
            .method(method)
            .uri(url)
            .header("Content-Type", "application/json")
            .body(body.as_bytes().to_vec())
            .unwrap()
    };
    let group = r##"{"@odata.type": "#microsoft.graph.audioRoutingGroup", "id": "oneToOne",
        "routingMode": "oneToOne", "sources": ["p1"], "receivers": ["p2"]}"##;
    let created = w.send(request("POST", &groups, group));
    assert_eq!(created.response.status(), StatusCode::CREATED);
    let body: serde_json::Value = serde_json::from_slice(created.response.body()).unwrap();
    assert_eq!(body["id"], "oneToOne");
    assert_eq!(
        w.send(request("POST", &groups, group)).response.status(),
        StatusCode::CONFLICT
    );
    let wrong = w.send(request("POST", &groups, r#"{"routingMode": 42}"#));
    assert_eq!(wrong.response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(wrong.findings[0].code, FindingCode::InvalidRequest);

    let one = format!("{groups}/oneToOne");
    let patched = w.send(request(
        "PATCH",
        &one,
        r#"{"routingMode": "oneToOne", "receivers": ["p3"]}"#,
    ));
    assert_eq!(patched.response.status(), StatusCode::OK);
    let listed = w.send(request("GET", &groups, ""));
    let listed: serde_json::Value = serde_json::from_slice(listed.response.body()).unwrap();
    assert_eq!(listed["value"][0]["receivers"], serde_json::json!(["p3"]));
    assert_eq!(listed["value"][0]["sources"], serde_json::json!(["p1"]));

    assert_eq!(
        w.send(request("DELETE", &one, "")).response.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        w.send(request("GET", &one, "")).response.status(),
        StatusCode::NOT_FOUND
    );
    w.graph.hang_up(&id);
    let late = w.send(request("POST", &groups, group));
    assert_eq!(late.response.status(), StatusCode::NOT_FOUND);
    assert_eq!(late.findings[0].code, FindingCode::ActionOnTerminatedCall);
}
