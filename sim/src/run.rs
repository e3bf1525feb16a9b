//! The simulator with I/O: Graph's API and its OpenID configuration served on an
//! address, callbacks signed and posted to the bot, scenarios run call by call,
//! and each run's findings.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http::StatusCode;
use http_body_util::{BodyExt as _, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::json;

use crate::finding::{Finding, FindingCode, Severity};
use crate::graph::{Callback, Graph, odata_error};
use crate::keys::{self, Forgery, SigningKey};
use crate::scenario::{Caller, Scenario, Step};

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// How the simulator runs.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Settings {
    /// The bot's callback URL: where incoming calls are posted.
    pub bot: String,
    /// The bot's application id: the audience of the callback tokens.
    pub app_id: String,
    /// The tenant of the calls.
    pub tenant: String,
    /// The answer deadline for every scenario, instead of 15 s (5 s for a
    /// recording call).
    pub answer_deadline: Option<Duration>,
    /// A callback acknowledged later than this is `callback_slow`.
    pub ack_timeout: Duration,
    /// The seed of the signing keys.
    pub seed: u64,
    /// Whether to keep a transcript of every exchange ([`Simulator::take_transcript`]).
    pub transcript: bool,
    /// What goes wrong on the way to the bot.
    pub faults: Faults,
}

/// What goes wrong on the way to the bot, as it does with Graph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Faults {
    /// Nothing: each notification once, in order, at once.
    #[default]
    None,
    /// Callbacks delivered twice (the same message id), two neighbours swapped,
    /// delays, enum values in PascalCase as the .NET stack writes them, members
    /// this crate does not know. A correct bot passes under these.
    Realistic,
    /// All of the above, and notifications of types nobody knows, malformed
    /// bodies and oversized rosters (thousands of stale entries, over a megabyte).
    /// A bot may refuse the malformed and the oversized ones, with any status.
    Hostile,
}

impl Faults {
    /// `none`, `realistic` or `hostile`.
    pub fn as_str(self) -> &'static str {
        match self {
            Faults::None => "none",
            Faults::Realistic => "realistic",
            Faults::Hostile => "hostile",
        }
    }
}

impl std::str::FromStr for Faults {
    type Err = String;

    fn from_str(name: &str) -> Result<Faults, String> {
        match name {
            "none" => Ok(Faults::None),
            "realistic" => Ok(Faults::Realistic),
            "hostile" => Ok(Faults::Hostile),
            other => Err(format!(
                "`{other}` is not a fault profile: none, realistic or hostile"
            )),
        }
    }
}

impl Settings {
    /// Settings for the bot at `bot`, application `app_id`, with the defaults:
    /// deadlines of 15 s (5 s for recording), an acknowledgement timeout of 3 s,
    /// seed 1.
    pub fn new(bot: impl Into<String>, app_id: impl Into<String>) -> Self {
        Settings {
            bot: bot.into(),
            app_id: app_id.into(),
            tenant: "aa67bd4c-8475-432d-bd41-39f255720e0a".to_owned(),
            answer_deadline: None,
            ack_timeout: Duration::from_millis(3000),
            seed: 1,
            transcript: false,
            faults: Faults::None,
        }
    }
}

/// One scenario run: its call and its findings.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Report {
    /// The scenario's name.
    pub scenario: String,
    /// The call's id.
    pub call_id: String,
    /// What the bot broke, or was slow at.
    pub findings: Vec<Finding>,
    /// The call's state at Graph when the run ended: `terminated`, or `incoming`
    /// for a call only forged callbacks spoke of.
    pub state: String,
}

impl Report {
    /// Whether no finding is an error.
    pub fn passed(&self) -> bool {
        self.findings
            .iter()
            .all(|f| f.severity() != Severity::Error)
    }
}

/// What the simulator watches of one call beside Graph's state.
#[derive(Debug, Default)]
struct Watch {
    findings: Vec<Finding>,
    /// The bot's next action gets 429 with this `Retry-After`.
    throttle: Option<Duration>,
    /// A retry before this is too soon.
    retry_not_before: Option<(Instant, String)>,
    /// Whether the simulator is ending the call (its notifications on their way).
    ending: bool,
    /// When the simulator's end of the call was sent to the bot, and the grace for
    /// actions in flight.
    ended: Option<(Instant, Duration)>,
    /// Whether only forged notifications spoke of the call.
    forged_only: bool,
    /// Batches of the call's notifications being posted after a reply: a step
    /// that waits for the call waits for them too, so that the bot heard what
    /// the simulator's state says before the script goes on.
    batches: usize,
    /// Serialises the call's callbacks, in order.
    poster: Arc<tokio::sync::Mutex<()>>,
}

/// Counts for a summary.
#[derive(Debug, Default)]
struct Stats {
    callbacks: u64,
    requests: u64,
    acks: Vec<Duration>,
}

struct Shared {
    settings: Settings,
    base: String,
    graph: Mutex<Graph>,
    key: SigningKey,
    other_key: SigningKey,
    client: Client<HttpConnector, Full<Bytes>>,
    watches: Mutex<BTreeMap<String, Watch>>,
    stats: Mutex<Stats>,
    transcript: Mutex<Vec<String>>,
    /// The faults' random numbers, from the seed.
    dice: Mutex<u64>,
    /// The next callback's message id.
    messages: std::sync::atomic::AtomicU64,
    /// The genuine token and when it was signed: Graph's tokens last an hour, and
    /// one serves many callbacks (signing each would cost more than the bot's
    /// whole work).
    token: Mutex<Option<(Instant, String)>>,
    /// Batches of callbacks being posted after a reply.
    in_flight: std::sync::atomic::AtomicUsize,
}

/// The simulator, serving Graph's API at [`base_url`](Self::base_url).
pub struct Simulator {
    shared: Arc<Shared>,
    addr: SocketAddr,
}

impl std::fmt::Debug for Simulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Simulator")
            .field("addr", &self.addr)
            .finish()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Simulator {
    /// Binds `listen` and serves Graph's API, its OpenID configuration
    /// (`/.well-known/openid-configuration`) and key set (`/keys`).
    ///
    /// # Errors
    ///
    /// When the address cannot be bound or the keys made.
    pub async fn start(listen: SocketAddr, settings: Settings) -> Result<Simulator, Failure> {
        let listener = tokio::net::TcpListener::bind(listen).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            base: format!("http://{addr}"),
            graph: Mutex::new(Graph::new(settings.app_id.clone(), settings.tenant.clone())),
            key: SigningKey::from_seed("graph-comms-sim", settings.seed)?,
            other_key: SigningKey::from_seed("graph-comms-sim", settings.seed.wrapping_add(1))?,
            client: Client::builder(TokioExecutor::new()).build_http(),
            watches: Mutex::new(BTreeMap::new()),
            stats: Mutex::new(Stats::default()),
            transcript: Mutex::new(Vec::new()),
            dice: Mutex::new(settings.seed),
            messages: std::sync::atomic::AtomicU64::new(0),
            in_flight: std::sync::atomic::AtomicUsize::new(0),
            token: Mutex::new(None),
            settings,
        });
        let serving = shared.clone();
        let app = axum::Router::new().fallback(move |request: http::Request<axum::body::Body>| {
            let shared = serving.clone();
            async move { serve(shared, request).await }
        });
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Simulator { shared, addr })
    }

    /// Where Graph is: `http://ADDR`.
    pub fn base_url(&self) -> &str {
        &self.shared.base
    }

    /// The address served.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Callbacks posted, requests handled, and the bot's acknowledgement times.
    pub fn counts(&self) -> (u64, u64, Vec<Duration>) {
        let stats = lock(&self.shared.stats);
        (stats.callbacks, stats.requests, stats.acks.clone())
    }

    /// Waits until no callback is being posted, at most `timeout`; whether none is.
    /// (A run ends when its own callbacks were acknowledged; what a bot's last
    /// request led to may still be on its way.)
    pub async fn settle(&self, timeout: Duration) -> bool {
        let in_flight = &self.shared.in_flight;
        wait(timeout, || {
            in_flight.load(std::sync::atomic::Ordering::SeqCst) == 0
        })
        .await
    }

    /// The transcript so far, one JSON object per exchange, in order (empty unless
    /// [`Settings::transcript`]): `direction` (`toBot` for a callback, `fromBot`
    /// for a request), `kind` (a callback's: `genuine`, `legacy`, `forged`,
    /// `malformed` or `oversized`), `method`, `url`, `status` (`null` when no reply
    /// came), `headers` (without `Authorization`) and `body` (JSON when it is, else
    /// text).
    pub fn take_transcript(&self) -> Vec<String> {
        std::mem::take(&mut lock(&self.shared.transcript))
    }

    /// Runs one scenario: one call, from its first step to its last, and what the
    /// bot did wrong in it.
    pub async fn run(&self, scenario: &Scenario) -> Report {
        run_on(self.shared.clone(), scenario).await
    }

    /// Runs `calls` scenario runs, spread round-robin over `scenarios`, at most
    /// `concurrency` at a time; the reports in the order the runs were started.
    pub async fn run_many(
        &self,
        scenarios: &[Scenario],
        calls: usize,
        concurrency: usize,
    ) -> Vec<Report> {
        if scenarios.is_empty() {
            return Vec::new();
        }
        let permits = Arc::new(tokio::sync::Semaphore::new(concurrency.max(1)));
        let mut tasks = tokio::task::JoinSet::new();
        for n in 0..calls {
            let Ok(permit) = permits.clone().acquire_owned().await else {
                break;
            };
            let (shared, scenario) = (self.shared.clone(), scenarios[n % scenarios.len()].clone());
            tasks.spawn(async move {
                let _permit = permit;
                (n, run_on(shared, &scenario).await)
            });
        }
        let mut reports: Vec<(usize, Report)> = tasks.join_all().await;
        reports.sort_by_key(|(n, _)| *n);
        reports.into_iter().map(|(_, report)| report).collect()
    }
}

/// Runs one scenario on the simulator's state.
async fn run_on(shared: Arc<Shared>, scenario: &Scenario) -> Report {
    let shared = &*shared;
    let mut call_id = String::new();
    let mut caller = Caller::Teams;
    for (index, step) in scenario.steps.iter().enumerate() {
        match step {
            Step::Incoming(incoming) => {
                caller = incoming.caller();
                let callback =
                    lock(&shared.graph).incoming(caller.incoming(), &shared.settings.bot);
                call_id = callback.call_id.clone();
                // A throttle right after the call throttles the bot's first action:
                // armed before the bot hears of the call.
                let throttle = match scenario.steps.get(index + 1) {
                    Some(Step::Throttle { retry_after_s }) => {
                        Some(Duration::from_secs(*retry_after_s))
                    }
                    _ => None,
                };
                lock(&shared.watches).insert(
                    call_id.clone(),
                    Watch {
                        forged_only: incoming.forged(),
                        throttle,
                        ..Watch::default()
                    },
                );
                if incoming.forged() {
                    for forgery in Forgery::ALL {
                        post(shared, &callback, Token::Forged(forgery)).await;
                    }
                    continue;
                }
                if incoming.legacy() {
                    let legacy = Callback {
                        body: legacy_body(&call_id, &shared.settings.app_id),
                        ..callback.clone()
                    };
                    post(shared, &legacy, Token::Legacy).await;
                }
                post_all(shared, vec![callback]).await;
            }
            Step::ExpectAnswer {} => {
                let deadline = shared.settings.answer_deadline.unwrap_or(match caller {
                    Caller::Recording => Duration::from_secs(5),
                    _ => Duration::from_secs(15),
                });
                let decided = wait(deadline, || {
                    lock(&shared.graph)
                        .call(&call_id)
                        .is_some_and(|c| c.state != "incoming")
                })
                .await;
                if !decided {
                    finding(
                        shared,
                        &call_id,
                        FindingCode::AnswerLate,
                        format!(
                            "no answer, reject or redirect within {} s",
                            deadline.as_secs_f64()
                        ),
                    );
                    ending(shared, &call_id);
                    let callbacks = lock(&shared.graph).hang_up(&call_id);
                    let sent = post_all(shared, callbacks).await;
                    end(shared, &call_id, Duration::ZERO, sent);
                }
            }
            Step::Throttle { retry_after_s } => {
                let armed = matches!(
                    index.checked_sub(1).and_then(|i| scenario.steps.get(i)),
                    Some(Step::Incoming(_))
                );
                if !armed && let Some(watch) = lock(&shared.watches).get_mut(&call_id) {
                    watch.throttle = Some(Duration::from_secs(*retry_after_s));
                }
            }
            Step::WaitEstablished { timeout_ms } => {
                wait(Duration::from_millis(*timeout_ms), || {
                    lock(&shared.graph)
                        .call(&call_id)
                        .is_some_and(|c| c.state == "established" || c.is_over())
                        && delivered(shared, &call_id)
                })
                .await;
            }
            Step::WaitPromptCompleted { timeout_ms } => {
                wait(Duration::from_millis(*timeout_ms), || {
                    lock(&shared.graph)
                        .call(&call_id)
                        .is_some_and(|c| c.is_over() || c.prompts_completed > 0)
                        && delivered(shared, &call_id)
                })
                .await;
            }
            Step::Tones { tones, gap_ms } => {
                for (n, tone) in tones.iter().enumerate() {
                    let name = tone_name(tone);
                    let seq = i64::try_from(n).unwrap_or(0) + 1;
                    let callback = lock(&shared.graph).tone(&call_id, seq, &name);
                    if let Some(callback) = callback {
                        post_all(shared, vec![callback]).await;
                    }
                    tokio::time::sleep(Duration::from_millis(*gap_ms)).await;
                }
            }
            Step::Roster {
                joins,
                mutes,
                leaves,
            } => {
                let callback = lock(&shared.graph).roster(&call_id, joins, mutes, leaves);
                if let Some(callback) = callback {
                    post_all(shared, vec![callback]).await;
                }
            }
            Step::HangUp { grace_ms } => {
                ending(shared, &call_id);
                let callbacks = lock(&shared.graph).hang_up(&call_id);
                let sent = post_all(shared, callbacks).await;
                end(shared, &call_id, Duration::from_millis(*grace_ms), sent);
            }
            Step::Pause { ms } => tokio::time::sleep(Duration::from_millis(*ms)).await,
        }
    }
    // The call's callbacks all acknowledged, and, once the simulator sent its end of
    // the call, the grace and half a second more passed: an action that late is
    // still found.
    let poster = lock(&shared.watches)
        .get(&call_id)
        .map(|w| w.poster.clone());
    if let Some(poster) = poster {
        let _ = poster.lock().await;
    }
    let tail = lock(&shared.watches)
        .get(&call_id)
        .and_then(|w| w.ended)
        .map(|(at, grace)| (at + grace + LATE).saturating_duration_since(Instant::now()));
    if let Some(tail) = tail {
        tokio::time::sleep(tail).await;
    }
    let findings = lock(&shared.watches)
        .get_mut(&call_id)
        .map(|w| std::mem::take(&mut w.findings))
        .unwrap_or_default();
    let state = lock(&shared.graph)
        .call(&call_id)
        .map(|c| c.state.clone())
        .unwrap_or_default();
    Report {
        scenario: scenario.name.clone(),
        call_id,
        findings,
        state,
    }
}

/// How long after the grace an action is still looked for, when a run ends.
const LATE: Duration = Duration::from_millis(500);

/// Polls `done` until it holds or `timeout` passes; whether it held.
async fn wait(timeout: Duration, mut done: impl FnMut() -> bool) -> bool {
    let until = Instant::now() + timeout;
    loop {
        if done() {
            return true;
        }
        if Instant::now() >= until {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// The simulator ends the call: until its end is sent, an action is no finding.
fn ending(shared: &Shared, call_id: &str) {
    if let Some(watch) = lock(&shared.watches).get_mut(call_id) {
        watch.ending = true;
    }
}

/// The simulator's end of the call was sent to the bot at `sent`: later actions
/// are findings once the grace passed.
fn end(shared: &Shared, call_id: &str, grace: Duration, sent: Option<Instant>) {
    if let Some(watch) = lock(&shared.watches).get_mut(call_id) {
        watch
            .ended
            .get_or_insert((sent.unwrap_or_else(Instant::now), grace));
    }
}

fn finding(shared: &Shared, call_id: &str, code: FindingCode, message: String) {
    if let Some(watch) = lock(&shared.watches).get_mut(call_id) {
        watch
            .findings
            .push(Finding::new(code, Some(call_id), message));
    }
}

/// How a callback is signed, and what its reply must be.
#[derive(Clone, Copy, Debug)]
enum Token {
    /// As Graph signs it: any 2xx acknowledges.
    Genuine,
    /// A legacy callback, signed as Graph signs it: exactly 204.
    Legacy,
    /// Forged: exactly 401.
    Forged(Forgery),
    /// A malformed body: any reply.
    Malformed,
    /// An oversized roster: any reply.
    Oversized,
}

/// Posts Graph's notifications, in order, through the fault profile; when the last
/// of them was first sent.
async fn post_all(shared: &Shared, callbacks: Vec<Callback>) -> Option<Instant> {
    let faults = shared.settings.faults;
    let mut batch: Vec<(Callback, String)> = callbacks
        .into_iter()
        .map(|c| {
            let n = shared
                .messages
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            (c, format!("sim-message-{n:08}"))
        })
        .collect();
    let mut last = None;
    if faults == Faults::None {
        for (callback, id) in &batch {
            last = Some(post_as(shared, callback, Token::Genuine, Some(id)).await);
        }
        return last;
    }
    // Two neighbours swapped, now and then.
    if batch.len() >= 2 && roll(shared, 3) {
        let at = roll_below(shared, batch.len() as u64 - 1) as usize;
        batch.swap(at, at + 1);
    }
    for (callback, id) in &batch {
        tokio::time::sleep(Duration::from_millis(roll_below(shared, 25))).await;
        let mut shown = callback.clone();
        shown.body = disguise(shared, &callback.body);
        if faults == Faults::Hostile && roll(shared, 4) {
            let mut broken = callback.clone();
            broken.body.truncate(broken.body.len() / 2);
            post_as(shared, &broken, Token::Malformed, None).await;
        }
        last = Some(post_as(shared, &shown, Token::Genuine, Some(id)).await);
        if roll(shared, 5) {
            // Again: Graph retries what it thinks was not received.
            post_as(shared, &shown, Token::Genuine, Some(id)).await;
        }
        if faults == Faults::Hostile && roll(shared, 4) {
            let stranger = Callback {
                body: crate::graph::notification(
                    &callback.call_id,
                    "/somethingNew",
                    "updated",
                    json!({"@odata.type": "#microsoft.graph.somethingNew", "id": "x1", "shape": {"of": ["things", 2, null]}}),
                ),
                ..callback.clone()
            };
            post_as(shared, &stranger, Token::Genuine, None).await;
        }
        if faults == Faults::Hostile && roll(shared, 8) {
            let oversized = Callback {
                body: oversized_roster(&callback.call_id),
                ..callback.clone()
            };
            post_as(shared, &oversized, Token::Oversized, None).await;
        }
    }
    last
}

/// A roster of 4 000 participants, all muted, as one delta of sequence number 0:
/// older than any the call had, so a bot that keeps to sequence numbers changes
/// nothing, and over a megabyte.
fn oversized_roster(call_id: &str) -> Vec<u8> {
    let participants: Vec<serde_json::Value> = (0..4000)
        .map(|n| {
            json!({"@odata.type": "#microsoft.graph.participant", "id": format!("crowd-{n:05}"),
                "info": {"@odata.type": "#microsoft.graph.participantInfo",
                    "identity": {"@odata.type": "#microsoft.graph.identitySet",
                        "user": {"@odata.type": "#microsoft.graph.identity",
                            "id": format!("crowd-user-{n:05}"), "displayName": format!("Crowd member {n}")}}},
                "isMuted": true, "isInLobby": false,
                "mediaStreams": [{"@odata.type": "#microsoft.graph.mediaStream",
                    "mediaType": "audio", "direction": "sendReceive", "serverMuted": false}]})
        })
        .collect();
    let delta = json!([{"@odata.type": "#microsoft.graph.deltaParticipants",
        "sequenceNumber": 0, "participants": participants}]);
    crate::graph::notification(call_id, "/participants", "updated", delta)
}

/// A true roll one time in `n`.
fn roll(shared: &Shared, n: u64) -> bool {
    roll_below(shared, n) == 0
}

/// A number below `n` from the seeded generator (splitmix64).
fn roll_below(shared: &Shared, n: u64) -> u64 {
    let mut state = lock(&shared.dice);
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut x = *state;
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (x ^ (x >> 31)) % n.max(1)
}

/// The body as the .NET stack may write it: enum values in PascalCase, members
/// nobody declared.
fn disguise(shared: &Shared, body: &[u8]) -> Vec<u8> {
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return body.to_vec();
    };
    let pascal = roll(shared, 2);
    let notifications = value
        .get_mut("value")
        .and_then(serde_json::Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_object_mut);
    for notification in notifications {
        if pascal && let Some(change) = notification.get_mut("changeType") {
            capitalise(change);
        }
        if let Some(data) = notification
            .get_mut("resourceData")
            .and_then(serde_json::Value::as_object_mut)
        {
            if pascal {
                for member in ["state", "status"] {
                    if let Some(value) = data.get_mut(member) {
                        capitalise(value);
                    }
                }
            }
            data.insert("simUnknownMember".to_owned(), json!({"kept": true}));
        }
        notification.insert("simUnknownMember".to_owned(), json!(1));
    }
    serde_json::to_vec(&value).unwrap_or_else(|_| body.to_vec())
}

/// `established` → `Established`, in place; anything else is left alone.
fn capitalise(value: &mut serde_json::Value) {
    if let Some(text) = value.as_str() {
        let mut chars = text.chars();
        if let Some(first) = chars.next() {
            *value = json!(format!("{}{}", first.to_ascii_uppercase(), chars.as_str()));
        }
    }
}

/// Signs and posts one callback, after the call's earlier ones, and checks the
/// reply.
async fn post(shared: &Shared, callback: &Callback, token: Token) {
    post_as(shared, callback, token, None).await;
}

/// [`post`], with the message id Graph repeats on each delivery of a notification;
/// when it was sent.
async fn post_as(
    shared: &Shared,
    callback: &Callback,
    token: Token,
    message_id: Option<&str>,
) -> Instant {
    let poster = lock(&shared.watches)
        .get(&callback.call_id)
        .map(|w| w.poster.clone());
    let _turn = match &poster {
        Some(poster) => Some(poster.lock().await),
        None => None,
    };
    let settings = &shared.settings;
    let now = SystemTime::now();
    let jwt = match token {
        Token::Genuine | Token::Legacy | Token::Malformed | Token::Oversized => {
            genuine_token(shared, now)
        }
        Token::Forged(forgery) => {
            let claims = keys::forged_claims(forgery, &settings.app_id, &settings.tenant, now);
            match forgery {
                Forgery::OtherKey => shared.other_key.sign(&claims),
                _ => shared.key.sign(&claims),
            }
        }
    };
    let mut request = http::Request::post(&callback.url)
        .header(http::header::CONTENT_TYPE, "application/json")
        .header(http::header::AUTHORIZATION, format!("Bearer {jwt}"));
    if let Some(id) = message_id {
        request = request.header("X-Microsoft-Skype-Message-ID", id);
    }
    let request = request.body(Full::new(Bytes::from(callback.body.clone())));
    let sent = Instant::now();
    let Ok(request) = request else { return sent };
    // Waits up to 30 s for the reply, and never sends a callback twice.
    let outcome =
        tokio::time::timeout(Duration::from_secs(30), shared.client.request(request)).await;
    let took = sent.elapsed();
    let status = match outcome {
        Ok(Ok(response)) => {
            let status = response.status();
            let _ = response.into_body().collect().await;
            Some(status)
        }
        _ => None,
    };
    {
        let mut stats = lock(&shared.stats);
        stats.callbacks += 1;
        if status.is_some() {
            stats.acks.push(took);
        }
    }
    if shared.settings.transcript {
        let kind = match token {
            Token::Genuine => "genuine",
            Token::Legacy => "legacy",
            Token::Forged(_) => "forged",
            Token::Malformed => "malformed",
            Token::Oversized => "oversized",
        };
        record(
            shared,
            "toBot",
            Some(kind),
            "POST",
            &callback.url,
            status,
            &[("content-type", "application/json")],
            &callback.body,
        );
    }
    let call_id = &callback.call_id;
    let shown = status.map_or_else(|| "no reply".to_owned(), |s| s.as_u16().to_string());
    match token {
        Token::Genuine => {
            if !status.is_some_and(|s| s.is_success()) {
                finding(
                    shared,
                    call_id,
                    FindingCode::CallbackRejected,
                    format!("a valid callback answered {shown}"),
                );
            } else if took > settings.ack_timeout {
                finding(
                    shared,
                    call_id,
                    FindingCode::CallbackSlow,
                    format!(
                        "a callback acknowledged in {} ms (more than {} ms)",
                        took.as_millis(),
                        settings.ack_timeout.as_millis()
                    ),
                );
            }
        }
        Token::Legacy => {
            if status != Some(StatusCode::NO_CONTENT) {
                finding(
                    shared,
                    call_id,
                    FindingCode::LegacyNot204,
                    format!("a legacy callback answered {shown}, not 204"),
                );
            }
        }
        Token::Malformed | Token::Oversized => {}
        Token::Forged(forgery) => {
            if status.is_some_and(|s| s.is_success()) {
                finding(
                    shared,
                    call_id,
                    FindingCode::ForgedTokenAccepted,
                    format!("a callback forged ({}) answered {shown}", forgery.as_str()),
                );
            }
        }
    }
    sent
}

/// A genuine token, signed again once a minute.
fn genuine_token(shared: &Shared, now: SystemTime) -> String {
    let mut token = lock(&shared.token);
    match &*token {
        Some((at, jwt)) if at.elapsed() < Duration::from_secs(60) => jwt.clone(),
        _ => {
            let settings = &shared.settings;
            let jwt = shared
                .key
                .sign(&keys::claims(&settings.app_id, &settings.tenant, now));
            *token = Some((Instant::now(), jwt.clone()));
            jwt
        }
    }
}

/// Counts a request of the bot's and writes it to the transcript, with the status
/// it got.
fn note_request(shared: &Shared, request: &http::Request<Vec<u8>>, status: StatusCode) {
    lock(&shared.stats).requests += 1;
    if shared.settings.transcript {
        let headers: Vec<(&str, &str)> = request
            .headers()
            .iter()
            .filter(|(name, _)| *name != http::header::AUTHORIZATION)
            .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
            .collect();
        record(
            shared,
            "fromBot",
            None,
            request.method().as_str(),
            &request.uri().to_string(),
            Some(status),
            &headers,
            request.body(),
        );
    }
}

/// Appends one exchange to the transcript.
#[allow(clippy::too_many_arguments)]
fn record(
    shared: &Shared,
    direction: &str,
    kind: Option<&str>,
    method: &str,
    url: &str,
    status: Option<StatusCode>,
    headers: &[(&str, &str)],
    body: &[u8],
) {
    let body = if body.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_slice(body).unwrap_or_else(|_| {
            serde_json::Value::String(String::from_utf8_lossy(body).into_owned())
        })
    };
    let headers: serde_json::Map<String, serde_json::Value> = headers
        .iter()
        .map(|(name, value)| ((*name).to_owned(), json!(value)))
        .collect();
    // Its members in a fixed order, for people reading it.
    let kind = kind.map_or_else(String::new, |k| format!(r#""kind":{},"#, json!(k)));
    let entry = format!(
        r#"{{"direction":{},{kind}"method":{},"url":{},"status":{},"headers":{},"body":{}}}"#,
        json!(direction),
        json!(method),
        json!(url),
        json!(status.map(|s| s.as_u16())),
        serde_json::Value::Object(headers),
        body,
    );
    lock(&shared.transcript).push(entry);
}

/// The documented legacy (Skype-format) incoming call: neither `value` nor
/// `@odata.type` at its root.
fn legacy_body(call_id: &str, app_id: &str) -> Vec<u8> {
    let body = json!({
        "id": call_id,
        "callState": "incoming",
        "appId": app_id,
        "links": {"callback": format!("/app/calls/{call_id}")},
    });
    serde_json::to_vec(&body).unwrap_or_default()
}

/// A tone's name in Graph's enum: `1` is `tone1`, `#` is `pound`, `*` is `star`.
fn tone_name(tone: &str) -> String {
    match tone {
        "#" => "pound".to_owned(),
        "*" => "star".to_owned(),
        t if t.len() == 1 => format!("tone{t}"),
        t => t.to_owned(),
    }
}

/// One request to the simulator.
async fn serve(
    shared: Arc<Shared>,
    request: http::Request<axum::body::Body>,
) -> http::Response<axum::body::Body> {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, 8 << 20).await else {
        return odata_error(StatusCode::PAYLOAD_TOO_LARGE, "BadRequest", "too large")
            .map(Into::into);
    };
    let path = parts.uri.path().to_owned();
    if parts.method == http::Method::GET && path == "/.well-known/openid-configuration" {
        return json(&keys::openid_configuration(&shared.base));
    }
    if parts.method == http::Method::GET && path == "/keys" {
        return json(&keys::jwks(&[&shared.key]));
    }
    let request = http::Request::from_parts(parts, body.to_vec());
    let call_id = crate::graph::call_in(&path).map(str::to_owned);
    let acting = request.method() == http::Method::POST || request.method() == http::Method::DELETE;
    if let Some(call_id) = &call_id
        && acting
    {
        let mut watches = lock(&shared.watches);
        if let Some(watch) = watches.get_mut(call_id) {
            if watch.forged_only {
                watch.findings.push(Finding::new(
                    FindingCode::ForgedTokenAccepted,
                    Some(call_id),
                    format!(
                        "{} {path}: acted on a call only forged callbacks spoke of",
                        request.method()
                    ),
                ));
            }
            // The throttled request again: by its client-request-id, else by its
            // method and path.
            let identity = request
                .headers()
                .get("client-request-id")
                .and_then(|v| v.to_str().ok())
                .map_or_else(|| format!("{} {path}", request.method()), str::to_owned);
            if watch
                .retry_not_before
                .as_ref()
                .is_some_and(|(_, throttled)| *throttled == identity)
                && let Some((not_before, _)) = watch.retry_not_before.take()
                && Instant::now() < not_before
            {
                watch.findings.push(Finding::new(
                    FindingCode::RetryTooSoon,
                    Some(call_id),
                    format!("{path} retried before Retry-After elapsed"),
                ));
            }
            if let Some(wait) = watch.throttle.take() {
                watch.retry_not_before = Some((Instant::now() + wait, identity));
                let mut response = odata_error(
                    StatusCode::TOO_MANY_REQUESTS,
                    "TooManyRequests",
                    "Too many requests: try again after the time Retry-After gives.",
                );
                if let Ok(value) = http::HeaderValue::from_str(&wait.as_secs().to_string()) {
                    response
                        .headers_mut()
                        .insert(http::header::RETRY_AFTER, value);
                }
                drop(watches);
                note_request(&shared, &request, response.status());
                return response.map(Into::into);
            }
        }
    }
    let exchange = lock(&shared.graph).handle(&request);
    if let Some(call_id) = &call_id {
        let mut watches = lock(&shared.watches);
        if let Some(watch) = watches.get_mut(call_id) {
            let in_grace =
                watch.ending && watch.ended.is_none_or(|(at, grace)| at.elapsed() <= grace);
            watch.findings.extend(
                exchange
                    .findings
                    .iter()
                    .filter(|f| !(in_grace && f.code == FindingCode::ActionOnTerminatedCall))
                    .cloned(),
            );
        }
    }
    note_request(&shared, &request, exchange.response.status());
    let callbacks = exchange.callbacks;
    if !callbacks.is_empty() {
        // Posted after the reply, in order, as Graph does.
        let poster = shared.clone();
        shared
            .in_flight
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let call_id = callbacks[0].call_id.clone();
        batch(&shared, &call_id, true);
        tokio::spawn(async move {
            post_all(&poster, callbacks).await;
            batch(&poster, &call_id, false);
            poster
                .in_flight
                .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        });
    }
    exchange.response.map(Into::into)
}

/// A batch of the call's notifications starts (`true`) or ends being posted.
fn batch(shared: &Shared, call_id: &str, starts: bool) {
    if let Some(watch) = lock(&shared.watches).get_mut(call_id) {
        if starts {
            watch.batches += 1;
        } else {
            watch.batches = watch.batches.saturating_sub(1);
        }
    }
}

/// Whether every batch of the call's notifications was posted.
fn delivered(shared: &Shared, call_id: &str) -> bool {
    lock(&shared.watches)
        .get(call_id)
        .is_none_or(|w| w.batches == 0)
}

fn json(value: &serde_json::Value) -> http::Response<axum::body::Body> {
    let mut response = http::Response::new(axum::body::Body::from(
        serde_json::to_vec(value).unwrap_or_default(),
    ));
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    response
}
