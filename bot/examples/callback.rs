//! A bot's callback endpoint, framework-neutral: verify the bearer token, then
//! decode the body and answer, with no I/O but the caller's.
//!
//! ```text
//! cargo run -p graph-comms-bot --example callback --features auth -- JWKS_FILE APP_ID BODY_FILE [AUTHORIZATION]
//! ```
//!
//! prints the status the endpoint answers with, and what it read. The README shows
//! the same handler inside an axum route.

use std::sync::RwLock;
use std::time::SystemTime;

use graph_comms::notification::Resource;
use graph_comms_bot::auth::{AuthErrorKind, KeySet, Verifier};
use graph_comms_bot::http::callback_reply;

/// What the endpoint keeps between callbacks.
struct Bot {
    /// Replaced when the service fetches the keys again.
    verifier: RwLock<Verifier>,
}

/// Answers one callback request.
fn handle(bot: &Bot, request: &http::Request<Vec<u8>>, now: SystemTime) -> http::Response<Vec<u8>> {
    // 1. Nothing in the body is believed before the token verifies.
    let verified = match bot.verifier.read() {
        Ok(verifier) => verifier.verify_request(request, now),
        Err(_) => return status(500),
    };
    let claims = match verified {
        Ok(claims) => claims,
        Err(refused) => {
            if refused.kind() == AuthErrorKind::UnknownKey {
                // The keys have rotated: the service fetches
                // graph_comms_bot::auth::JWKS_URL again (rate-limited, with its own HTTP
                // client), then `bot.verifier.write()?.set_keys(KeySet::from_jwks(&bytes)?)`.
                // Graph retries the callback, which then verifies.
            }
            eprintln!("callback refused: {refused}");
            return status(401);
        }
    };
    // 2. The body: 202 for Graph's format, 204 for the legacy one, 400 and so on.
    let reply = callback_reply(request);
    println!(
        "{} from {} for tenant {}: {}",
        reply.status.as_u16(),
        claims.issuer,
        claims.tenant_id.as_deref().unwrap_or("(none)"),
        reply.reason
    );
    // 3. What the notifications say, each resource with the call it belongs to.
    if let Some(callback) = &reply.notifications {
        for (notification, resource) in callback.located_resources() {
            let call = notification.call_id().unwrap_or("?");
            match resource {
                Resource::Call(c) => println!("call {call}: {:?}", c.state),
                Resource::Participant(p) => println!("call {call}: participant {:?}", p.id),
                other => println!("call {call}: {}", other.type_name().unwrap_or("?")),
            }
        }
    }
    reply.to_response()
}

fn status(code: u16) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(Vec::new());
    *response.status_mut() = http::StatusCode::from_u16(code).unwrap_or_default();
    response
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [jwks, app_id, body, rest @ ..] = args.as_slice() else {
        return Err("usage: callback JWKS_FILE APP_ID BODY_FILE [AUTHORIZATION]".into());
    };
    let keys = KeySet::from_jwks(&std::fs::read(jwks)?)?;
    let bot = Bot {
        verifier: RwLock::new(Verifier::new(app_id, keys)),
    };
    let mut request = http::Request::builder()
        .method("POST")
        .uri("https://bot.contoso.com/api/calling")
        .header("Content-Type", "application/json");
    if let Some(authorization) = rest.first() {
        request = request.header("Authorization", authorization);
    }
    let response = handle(
        &bot,
        &request.body(std::fs::read(body)?)?,
        SystemTime::now(),
    );
    println!("answer: {}", response.status());
    Ok(())
}
