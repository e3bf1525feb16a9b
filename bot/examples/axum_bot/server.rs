//! The example bot's server: one [`Bot`] behind a mutex, its callback route, the
//! task that sends its requests and the task that runs its timers. `axum_bot.rs`
//! runs it from its command line; the simulator (`graph-comms simulate --bot
//! builtin`) runs the same file in its own process.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::body::Bytes;
use graph_comms::call::{CallState, Tone};
use graph_comms::media::{MediaInfo, MediaPrompt};
use graph_comms::participant::Participant;
use graph_comms_bot::auth::{KeySet, OpenIdConfiguration};
use graph_comms_bot::http::{ApiVersion, Graph, authorize};
use graph_comms_bot::id::{CallId, ParticipantId};
use graph_comms_bot::{Bot, Config, Event, tracker};
use http_body_util::{BodyExt as _, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokio::sync::{Notify, mpsc};

pub(crate) type Failure = Box<dyn std::error::Error + Send + Sync>;

/// One line of the bot's log on stderr, unless it was asked to be quiet.
macro_rules! say {
    ($shared:expr, $($line:tt)*) => {
        if $shared.log {
            eprintln!($($line)*);
        }
    };
}

/// What the bot needs to know.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// Where Graph is: requests go to `<graph_base>/v1.0/…`.
    pub(crate) graph_base: String,
    /// The OpenID configuration whose key set signs the callbacks.
    pub(crate) openid_configuration: String,
    /// The bot's application id.
    pub(crate) app_id: String,
    /// The URL Graph posts callbacks to; its path is the one served.
    pub(crate) callback_url: String,
    /// Sent as `Authorization: Bearer` with each request.
    pub(crate) access_token: Option<String>,
    /// Whether to log what happens on stderr.
    pub(crate) log: bool,
}

/// The bot, ready to serve: fetches the OpenID configuration and its key set,
/// starts the sender and timer tasks, and gives the router of the callback URL's
/// path.
///
/// # Errors
///
/// When the OpenID configuration or its key set cannot be fetched or read.
pub(crate) async fn app(options: Options) -> Result<axum::Router, Failure> {
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let (configuration, keys) = fetch_keys(&client, &options.openid_configuration).await?;
    let mut config =
        Config::new(options.app_id.clone(), options.callback_url.clone(), keys).with_graph(
            Graph::with_base_url(options.graph_base.trim_end_matches('/'), ApiVersion::V1),
        );
    // Only the algorithms the configuration advertises.
    config.verifier = config.verifier.with_openid_configuration(&configuration);
    let (outbox, queue) = mpsc::unbounded_channel();
    let path = options
        .callback_url
        .parse::<http::Uri>()
        .map(|u| u.path().to_owned())
        .unwrap_or_else(|_| "/callback".to_owned());
    let shared = Arc::new(Shared {
        bot: Mutex::new(Bot::new(config)),
        outbox,
        timers: Notify::new(),
        welcomed: Mutex::new(BTreeSet::new()),
        app_id: options.app_id,
        openid_configuration: options.openid_configuration,
        client,
        access_token: options.access_token,
        log: options.log,
    });
    tokio::spawn(sender(shared.clone(), queue));
    tokio::spawn(timers(shared.clone()));
    Ok(axum::Router::new()
        .route(&path, axum::routing::any(callback))
        .with_state(shared))
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// What the handlers share.
struct Shared {
    bot: Mutex<Bot>,
    /// The requests to send, in order, once the callback that led to them is answered.
    outbox: mpsc::UnboundedSender<http::Request<Vec<u8>>>,
    /// Wakes the timer task when the next timeout may have moved.
    timers: Notify,
    /// The calls whose welcome prompt was played.
    welcomed: Mutex<BTreeSet<String>>,
    app_id: String,
    openid_configuration: String,
    client: HttpClient,
    access_token: Option<String>,
    log: bool,
}

/// Fetches the OpenID configuration, then the key set it names.
async fn fetch_keys(
    client: &HttpClient,
    url: &str,
) -> Result<(OpenIdConfiguration, KeySet), Box<dyn std::error::Error + Send + Sync>> {
    let configuration = OpenIdConfiguration::from_json(&get(client, url).await?)?;
    let jwks_uri = configuration
        .jwks_uri
        .clone()
        .ok_or("the OpenID configuration names no jwks_uri")?;
    let keys = KeySet::from_jwks(&get(client, &jwks_uri).await?)?;
    Ok((configuration, keys))
}

async fn get(
    client: &HttpClient,
    url: &str,
) -> Result<Bytes, Box<dyn std::error::Error + Send + Sync>> {
    let response = client.get(url.parse()?).await?;
    if !response.status().is_success() {
        return Err(format!("GET {url}: {}", response.status()).into());
    }
    Ok(response.into_body().collect().await?.to_bytes())
}

/// Graph's callback POSTs: the bot decides the reply; what it leads to is queued.
async fn callback(
    axum::extract::State(shared): axum::extract::State<Arc<Shared>>,
    request: http::Request<axum::body::Body>,
) -> http::Response<axum::body::Body> {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, 4 << 20).await else {
        return reply(http::StatusCode::PAYLOAD_TOO_LARGE);
    };
    let request = http::Request::from_parts(parts, body);
    let response = {
        let mut bot = shared.bot.lock().unwrap();
        let response = bot.handle_callback(&request, SystemTime::now());
        react(&shared, &mut bot);
        response
    };
    shared.timers.notify_one();
    response.map(axum::body::Body::from)
}

fn reply(status: http::StatusCode) -> http::Response<axum::body::Body> {
    let mut response = http::Response::new(axum::body::Body::empty());
    *response.status_mut() = status;
    response
}

/// Acts on every queued event: the bot's choices live here.
fn react(shared: &Arc<Shared>, bot: &mut Bot) {
    let now = SystemTime::now();
    while let Some(event) = bot.poll_event() {
        let result = match event {
            Event::IncomingCall {
                call_id, caller, ..
            } => {
                let who = caller.map_or_else(|| "someone".to_owned(), |c| format!("{c:?}"));
                say!(shared, "call {call_id}: incoming from {who}; answering");
                bot.answer(&CallId::from(call_id), None, now).map(Some)
            }
            Event::Call(tracker::Event::StateChanged {
                call_id,
                to: CallState::Established,
                ..
            }) => {
                say!(shared, "call {call_id}: established");
                if shared.welcomed.lock().unwrap().insert(call_id.clone()) {
                    let call = CallId::from(call_id);
                    bot.play_prompt(&call, [prompt("welcome")], now)
                        .and_then(|r| {
                            send(shared, r);
                            bot.subscribe_to_tone(&call, now)
                        })
                        .map(Some)
                } else {
                    Ok(None)
                }
            }
            Event::Call(tracker::Event::ToneReceived { call_id, tone, .. }) => {
                say!(shared, "call {call_id}: tone {tone}");
                let call = CallId::from(call_id);
                if tone == Tone::Pound {
                    bot.hang_up(&call, now).map(Some)
                } else {
                    bot.play_prompt(&call, [prompt(tone.as_str())], now)
                        .map(Some)
                }
            }
            Event::Call(tracker::Event::ParticipantJoined {
                call_id,
                participant,
            }) if joined_unmuted(&participant, &shared.app_id) => {
                let id = participant.id.clone().unwrap_or_default();
                say!(shared, "call {call_id}: {id} joined unmuted; muting");
                bot.mute_participant(&CallId::from(call_id), &ParticipantId::from(id), now)
                    .map(Some)
            }
            Event::OperationFinished {
                call_id,
                action,
                explanation,
                ..
            } => {
                let action = action.map_or("an operation", |a| a.as_str());
                let explained = explanation.map(|e| e.to_string()).unwrap_or_default();
                say!(shared, "call {call_id}: {action} finished: {explained}");
                Ok(None)
            }
            Event::CallTerminated {
                call_id,
                explanation,
                ..
            } => {
                let explained = explanation.map(|e| e.to_string()).unwrap_or_default();
                say!(shared, "call {call_id}: ended: {explained}");
                shared.welcomed.lock().unwrap().remove(&call_id);
                Ok(None)
            }
            Event::RequestFailed {
                call_id,
                outgoing,
                failure,
                ..
            } => {
                say!(
                    shared,
                    "call {}: {outgoing} failed: {failure}",
                    call_id.unwrap_or_default()
                );
                Ok(None)
            }
            Event::KeysStale { reason } => {
                say!(shared, "keys: {reason}; fetching the key set again");
                tokio::spawn(refresh_keys(shared.clone()));
                Ok(None)
            }
            Event::AnswerDeadlinePassed { call_id, .. } => {
                say!(shared, "call {call_id}: the answer deadline passed");
                Ok(None)
            }
            _ => Ok(None),
        };
        match result {
            Ok(Some(request)) => send(shared, request),
            Ok(None) => {}
            Err(e) => say!(shared, "not sent: {e}"),
        }
    }
    while let Some(request) = bot.poll_transmit(now) {
        send(shared, request);
    }
}

/// A participant who joined unmuted, other than the bot itself.
fn joined_unmuted(participant: &Participant, app_id: &str) -> bool {
    let is_bot = participant
        .info
        .as_ref()
        .and_then(|i| i.identity.as_ref())
        .and_then(|set| set.application())
        .and_then(|a| a.id())
        .is_some_and(|id| id.eq_ignore_ascii_case(app_id));
    participant.is_muted == Some(false) && !is_bot
}

fn prompt(name: &str) -> graph_comms::media::Prompt {
    MediaPrompt::default()
        .with_media_info(MediaInfo::new(
            format!("https://cdn.contoso.com/prompts/{name}.wav"),
            name,
        ))
        .into()
}

fn send(shared: &Shared, request: http::Request<Vec<u8>>) {
    let _ = shared.outbox.send(request);
}

/// Hands each queued request to its call's lane: a call's requests go out one
/// after another, in order, and different calls' side by side.
async fn sender(shared: Arc<Shared>, mut queue: mpsc::UnboundedReceiver<http::Request<Vec<u8>>>) {
    let mut lanes: HashMap<String, mpsc::UnboundedSender<http::Request<Vec<u8>>>> = HashMap::new();
    while let Some(request) = queue.recv().await {
        let call = call_of(request.uri()).unwrap_or_default().to_owned();
        {
            // The lanes of ended calls close once they are drained.
            let bot = shared.bot.lock().unwrap();
            lanes.retain(|id, lane| !lane.is_closed() && (id.is_empty() || bot.is_live(id)));
        }
        let lane = lanes.entry(call).or_insert_with(|| {
            let (lane, queue) = mpsc::unbounded_channel();
            tokio::spawn(send_in_order(shared.clone(), queue));
            lane
        });
        let _ = lane.send(request);
    }
}

/// The call a request is about: the id after `/communications/calls/`.
fn call_of(uri: &http::Uri) -> Option<&str> {
    let rest = uri.path().split("/communications/calls/").nth(1)?;
    rest.split('/').next().filter(|id| !id.is_empty())
}

/// Sends one call's requests in order, and hands each response back to the bot. A
/// request made moot meanwhile (its call ended) is not sent: Graph would refuse it.
async fn send_in_order(
    shared: Arc<Shared>,
    mut queue: mpsc::UnboundedReceiver<http::Request<Vec<u8>>>,
) {
    while let Some(request) = queue.recv().await {
        if shared.bot.lock().unwrap().is_moot(&request) {
            say!(
                shared,
                "{} {}: not sent: the call ended",
                request.method(),
                request.uri()
            );
            continue;
        }
        let (parts, body) = request.clone_parts();
        let mut outgoing = http::Request::from_parts(parts, Full::new(Bytes::from(body)));
        if let Some(token) = &shared.access_token
            && let Err(e) = authorize(&mut outgoing, token)
        {
            say!(shared, "the access token is not a header value: {e}");
        }
        let result = shared.client.request(outgoing).await;
        let response = match result {
            Ok(response) => {
                let (parts, body) = response.into_parts();
                let body = body
                    .collect()
                    .await
                    .map(|b| b.to_bytes())
                    .unwrap_or_default();
                Some(http::Response::from_parts(parts, body))
            }
            Err(e) => {
                say!(
                    shared,
                    "{} {}: not sent: {e}",
                    request.method(),
                    request.uri()
                );
                None
            }
        };
        let mut bot = shared.bot.lock().unwrap();
        match response {
            Some(response) => bot.handle_response(&request, &response, SystemTime::now()),
            None => bot.handle_send_error(&request, SystemTime::now()),
        }
        react(&shared, &mut bot);
        drop(bot);
        shared.timers.notify_one();
    }
}

/// Sleeps until the bot's next timeout (or a change), then runs its timers.
async fn timers(shared: Arc<Shared>) {
    loop {
        let due = shared.bot.lock().unwrap().poll_timeout();
        let wait = due
            .map(|at| at.duration_since(SystemTime::now()).unwrap_or_default())
            .unwrap_or(Duration::from_secs(3600));
        tokio::select! {
            () = tokio::time::sleep(wait) => {
                let mut bot = shared.bot.lock().unwrap();
                bot.handle_timeout(SystemTime::now());
                react(&shared, &mut bot);
            }
            () = shared.timers.notified() => {}
        }
    }
}

/// Fetches the key set again and gives it to the bot.
async fn refresh_keys(shared: Arc<Shared>) {
    match fetch_keys(&shared.client, &shared.openid_configuration).await {
        Ok((_, keys)) => shared.bot.lock().unwrap().set_keys(keys),
        Err(e) => say!(shared, "keys: cannot fetch them again: {e}"),
    }
}

/// A request's parts and body, copied to send it while the original is kept to
/// match its response.
trait CloneParts {
    fn clone_parts(&self) -> (http::request::Parts, Vec<u8>);
}

impl CloneParts for http::Request<Vec<u8>> {
    fn clone_parts(&self) -> (http::request::Parts, Vec<u8>) {
        let mut copy = http::Request::new(());
        *copy.method_mut() = self.method().clone();
        *copy.uri_mut() = self.uri().clone();
        *copy.headers_mut() = self.headers().clone();
        (copy.into_parts().0, self.body().clone())
    }
}
