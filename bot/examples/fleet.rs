//! A fleet of bot processes with no affinity, sharing each call's state through
//! Redis: call documents merged on write, events claimed once, timers taken under
//! a lease.
//!
//! ```text
//! cargo run -p graph-comms-bot --example fleet -- \
//!     --redis redis://127.0.0.1:6379 --workers 4 [--kill-one] LOG...
//! ```
//!
//! Each LOG is a callback log: one `commsNotifications` body per line, in
//! delivery order. The example plays Graph: it signs a token with its own key
//! (whose JWKS it puts in Redis for the workers), starts N worker processes (itself
//! again, each an HTTP server on 127.0.0.1) and posts every body of every log to a
//! worker chosen at random. The logs run side by side; each is a delivery sequence,
//! its next body posted once the one before is acknowledged, as Graph delivers one
//! call's callbacks. Each line is one message (`X-Microsoft-Skype-Message-ID`
//! `log<N>-line<M>`, from 0); a body whose worker does not answer is posted again,
//! with the same message id, to another worker, as Graph retries. With `--kill-one`, one worker is
//! killed (SIGKILL) a third of the way through and started again.
//!
//! Each worker, for each callback:
//!
//! 1. routes it by its call id ([`routing::call_id`], a scan, no decode), reads
//!    the call's document and revision from Redis and restores it into a fresh
//!    [`Bot`];
//! 2. runs [`Bot::handle_callback`] (token, redelivery by the keys the document
//!    carries, tracker) and collects the events;
//! 3. writes back with optimistic concurrency: a script sets the document only if
//!    the revision is still the one read; on a conflict the worker reads the newer
//!    document, merges its own into it ([`CallDocument::merge`]) and tries again
//!    (counted in `conflictsRetried`); the same script claims each event by its
//!    key in the call's claim set and appends the claimed ones to the fleet's
//!    event log, so that an event is emitted once across the fleet and atomically
//!    with the state that caused it.
//!
//! Then the example asks every worker to run the timers as of 16 minutes later: a
//! worker takes a due call only while it holds its lease (`SET NX PX`); a lease
//! whose holder died expires and the next round takes the call over (with
//! `GRAPH_COMMS_FLEET_LEASE_DEATH` set, worker 0 exits as soon as it holds a lease,
//! to show it). Each established call gets one `keepAlive`.
//!
//! At the end it prints each call's final state from Redis, one JSON line per call
//! in the shape of `graph-comms replay --json`, sorted by call id (the `warnings`
//! are those the workers raised for the call), and, as its last line on stderr,
//! `{"summary":{"bodies","conflictsRetried","events","duplicateEvents","bodiesPerSecond"}}`.
//! Its keys live under a prefix of its own in the Redis database, deleted at the
//! end.

#[path = "../tests/support/tokens.rs"]
mod tokens;

use std::collections::BTreeSet;
use std::hash::{BuildHasher as _, Hasher as _};
use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use clap::Parser;
use graph_comms_bot::auth::KeySet;
use graph_comms_bot::bot::{CallDocument, Timers};
use graph_comms_bot::http::{ApiVersion, Graph};
use graph_comms_bot::tracker::{self, Warning};
use graph_comms_bot::{Bot, Config, Event, routing};
use http_body_util::{BodyExt as _, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use redis::aio::MultiplexedConnection;
use serde_json::json;

const APP_ID: &str = "3d913abb-aec0-4964-8fa6-3c6850c4f278";
/// How long a timer lease lasts when its holder does not release it.
const LEASE: Duration = Duration::from_secs(2);
/// How far ahead the timers are run at the end: past one keep-alive interval.
const TIMERS_AHEAD: Duration = Duration::from_secs(16 * 60);

/// Bots in several processes, one call state in Redis.
#[derive(Debug, Parser)]
struct Args {
    /// The Redis server that holds the call documents.
    #[arg(long, value_name = "URL")]
    redis: String,
    /// How many worker processes.
    #[arg(long, value_name = "N", required_unless_present = "worker")]
    workers: Option<usize>,
    /// Kill one worker with SIGKILL mid-run, and start it again.
    #[arg(long)]
    kill_one: bool,
    /// Callback logs: one commsNotifications body per line.
    #[arg(value_name = "FILE", required_unless_present = "worker")]
    files: Vec<PathBuf>,
    /// Run as worker number N (the fleet starts its workers so).
    #[arg(long, hide = true)]
    worker: Option<usize>,
    /// The run's key prefix (given to workers).
    #[arg(long, hide = true)]
    run: Option<String>,
    /// A worker that exits as soon as it holds a timer lease (given to worker 0
    /// when `GRAPH_COMMS_FLEET_LEASE_DEATH` is set, to show a lease taken over).
    #[arg(long, hide = true)]
    die_holding_lease: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let outcome = match args.worker {
        Some(n) => runtime.block_on(worker(n, &args)),
        None => runtime.block_on(fleet(&args)),
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fleet: {e}");
            ExitCode::FAILURE
        }
    }
}

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// The run's Redis keys.
#[derive(Clone, Debug)]
struct Keys(String);

impl Keys {
    fn jwks(&self) -> String {
        format!("{}jwks", self.0)
    }
    fn calls(&self) -> String {
        format!("{}calls", self.0)
    }
    fn doc(&self, call: &str) -> String {
        format!("{}doc:{call}", self.0)
    }
    fn rev(&self, call: &str) -> String {
        format!("{}rev:{call}", self.0)
    }
    fn claims(&self, call: &str) -> String {
        format!("{}claims:{call}", self.0)
    }
    fn lease(&self, call: &str) -> String {
        format!("{}lease:{call}", self.0)
    }
    fn warnings(&self, call: &str) -> String {
        format!("{}warnings:{call}", self.0)
    }
    fn emitted(&self) -> String {
        format!("{}emitted", self.0)
    }
    fn conflicts(&self) -> String {
        format!("{}conflicts", self.0)
    }
    fn keep_alives(&self) -> String {
        format!("{}keepalives", self.0)
    }
}

/// Sets the document if the revision is still the one read; claims each event
/// and logs the claimed ones; counts the keep-alives sent. Returns the number of
/// events claimed, or -1 on a conflict.
const COMMIT: &str = r"
local rev = redis.call('GET', KEYS[2]) or '0'
if rev ~= ARGV[1] then return -1 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('INCR', KEYS[2])
redis.call('SADD', KEYS[5], ARGV[3])
if tonumber(ARGV[4]) > 0 then redis.call('INCRBY', KEYS[6], ARGV[4]) end
local claimed = 0
for i = 5, #ARGV do
  if redis.call('SADD', KEYS[3], ARGV[i]) == 1 then
    redis.call('RPUSH', KEYS[4], ARGV[3] .. '\t' .. ARGV[i])
    claimed = claimed + 1
  end
end
return claimed
";

/// Releases a lease if this holder still holds it.
const RELEASE: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
";

/// A worker: an HTTP server for callbacks (`/callback`) and timer rounds
/// (`/timers`, the time as milliseconds since the epoch in the body).
async fn worker(number: usize, args: &Args) -> Result<ExitCode, Failure> {
    let keys = Keys(args.run.clone().ok_or("a worker needs --run")?);
    let mut redis = connect(&args.redis).await?;
    let jwks: Vec<u8> = redis::cmd("GET")
        .arg(keys.jwks())
        .query_async::<Option<Vec<u8>>>(&mut redis)
        .await?
        .ok_or("no key set in Redis")?;
    let mut timers = Timers::default();
    // Ended calls stay held through the run, so their final state stays in view.
    timers.linger = Duration::from_secs(3600);
    let config = Config::new(
        APP_ID,
        "http://127.0.0.1/callback",
        KeySet::from_jwks(&jwks)?,
    )
    .with_graph(Graph::with_base_url("http://127.0.0.1:9", ApiVersion::V1))
    .with_timers(timers);
    let shared = Arc::new(Worker {
        number,
        keys,
        redis,
        config,
        leases: AtomicUsize::new(0),
        die_holding_lease: args.die_holding_lease,
    });
    let app = axum::Router::new()
        .route(
            "/callback",
            axum::routing::post({
                let shared = shared.clone();
                move |request: http::Request<axum::body::Body>| {
                    let shared = shared.clone();
                    async move { shared.callback(request).await }
                }
            }),
        )
        .route(
            "/timers",
            axum::routing::post({
                let shared = shared.clone();
                move |body: Bytes| {
                    let shared = shared.clone();
                    async move { shared.timers(&body).await }
                }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    println!("listening on {}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(ExitCode::SUCCESS)
}

struct Worker {
    number: usize,
    keys: Keys,
    redis: MultiplexedConnection,
    config: Config,
    leases: AtomicUsize,
    die_holding_lease: bool,
}

impl Worker {
    async fn callback(
        &self,
        request: http::Request<axum::body::Body>,
    ) -> http::Response<axum::body::Body> {
        let (parts, body) = request.into_parts();
        let Ok(body) = axum::body::to_bytes(body, 8 << 20).await else {
            return reply(http::StatusCode::PAYLOAD_TOO_LARGE, Vec::new());
        };
        let request = http::Request::from_parts(parts, body);
        match self.handle(&request).await {
            Ok(response) => {
                let (parts, body) = response.into_parts();
                http::Response::from_parts(parts, axum::body::Body::from(body))
            }
            // Not acknowledged: Graph (here, the fleet) delivers it again.
            Err(e) => reply(
                http::StatusCode::SERVICE_UNAVAILABLE,
                e.to_string().into_bytes(),
            ),
        }
    }

    async fn handle(
        &self,
        request: &http::Request<Bytes>,
    ) -> Result<http::Response<Vec<u8>>, Failure> {
        let mut redis = self.redis.clone();
        let Some(call_id) = routing::call_id(request) else {
            // Not about a call (legacy, malformed): the reply says so.
            let mut bot = Bot::new(self.config.clone());
            return Ok(bot.handle_callback(request, SystemTime::now()));
        };
        let mut bot = Bot::new(self.config.clone());
        let (known, revision) = load(&mut redis, &self.keys, &call_id).await?;
        if let Some(document) = known {
            bot.restore_call(document);
        }
        let response = bot.handle_callback(request, SystemTime::now());
        if response.status().is_success() {
            let (events, warnings) = drain(&mut bot);
            self.commit(&mut redis, &mut bot, &call_id, revision, &events, 0)
                .await?;
            self.warn(&mut redis, &warnings).await?;
        }
        Ok(response)
    }

    /// Writes the bot's document of the call, merged with whatever another worker
    /// wrote since `revision`, and claims the events.
    async fn commit(
        &self,
        redis: &mut MultiplexedConnection,
        bot: &mut Bot,
        call_id: &str,
        mut revision: u64,
        events: &[Event],
        keep_alives: usize,
    ) -> Result<(), Failure> {
        let Some(mut document) = bot.export_call(call_id) else {
            return Ok(());
        };
        let claims: BTreeSet<String> = events.iter().filter_map(claim).collect();
        let script = redis::Script::new(COMMIT);
        loop {
            let mut invocation = script.prepare_invoke();
            invocation
                .key(self.keys.doc(call_id))
                .key(self.keys.rev(call_id))
                .key(self.keys.claims(call_id))
                .key(self.keys.emitted())
                .key(self.keys.calls())
                .key(self.keys.keep_alives())
                .arg(revision.to_string())
                .arg(document.to_json())
                .arg(call_id)
                .arg(keep_alives);
            for key in &claims {
                invocation.arg(key);
            }
            let claimed: i64 = invocation.invoke_async(redis).await?;
            if claimed >= 0 {
                return Ok(());
            }
            // Another worker wrote first: merge into its document and try again.
            redis::cmd("INCR")
                .arg(self.keys.conflicts())
                .query_async::<i64>(redis)
                .await?;
            let (newer, newer_revision) = load(redis, &self.keys, call_id).await?;
            if let Some(newer) = newer {
                let mut merged = newer;
                merged.merge(&document)?;
                document = merged;
            }
            revision = newer_revision;
        }
    }

    async fn warn(
        &self,
        redis: &mut MultiplexedConnection,
        warnings: &[Warning],
    ) -> Result<(), Failure> {
        for warning in warnings {
            let Some(call_id) = &warning.call_id else {
                continue;
            };
            redis::cmd("RPUSH")
                .arg(self.keys.warnings(call_id))
                .arg(serde_json::to_string(warning)?)
                .query_async::<i64>(redis)
                .await?;
        }
        Ok(())
    }

    /// One round of timers as of `body` (milliseconds since the epoch): each due
    /// call is taken under its lease, its timers run, its document written back.
    async fn timers(&self, body: &[u8]) -> http::Response<axum::body::Body> {
        match self.run_timers(body).await {
            Ok(done) => reply(http::StatusCode::OK, done.to_string().into_bytes()),
            Err(e) => reply(
                http::StatusCode::SERVICE_UNAVAILABLE,
                e.to_string().into_bytes(),
            ),
        }
    }

    async fn run_timers(&self, body: &[u8]) -> Result<serde_json::Value, Failure> {
        let millis: u64 = std::str::from_utf8(body)?.trim().parse()?;
        let now = UNIX_EPOCH + Duration::from_millis(millis);
        let mut redis = self.redis.clone();
        let calls: Vec<String> = redis::cmd("SMEMBERS")
            .arg(self.keys.calls())
            .query_async(&mut redis)
            .await?;
        let (mut due, mut taken) = (0, 0);
        for call_id in calls {
            let (Some(document), revision) = load(&mut redis, &self.keys, &call_id).await? else {
                continue;
            };
            if document
                .next_due(&self.config.timers)
                .is_none_or(|at| at > now)
            {
                continue;
            }
            due += 1;
            let holder = format!(
                "worker-{}-{}",
                self.number,
                self.leases.fetch_add(1, Ordering::Relaxed)
            );
            let lease: Option<String> = redis::cmd("SET")
                .arg(self.keys.lease(&call_id))
                .arg(&holder)
                .arg("NX")
                .arg("PX")
                .arg(u64::try_from(LEASE.as_millis()).unwrap_or(u64::MAX))
                .query_async(&mut redis)
                .await?;
            if lease.is_none() {
                continue; // another worker holds it
            }
            if self.die_holding_lease {
                // Gone with the lease held: it expires, and another worker takes
                // the call over.
                eprintln!(
                    "fleet: worker {} dies holding the timer lease of {call_id}",
                    self.number
                );
                std::process::exit(137);
            }
            // Read again under the lease: the holder before may have written.
            let (document, revision) = match load(&mut redis, &self.keys, &call_id).await? {
                (Some(document), revision) => (document, revision),
                (None, _) => (document, revision),
            };
            let mut bot = Bot::new(self.config.clone());
            bot.restore_call(document);
            bot.handle_timeout(now);
            let mut keep_alives = 0;
            while let Some(request) = bot.poll_transmit(now) {
                // Sent to Graph here; this fleet has no Graph, so it counts them.
                if request.uri().path().ends_with("/keepAlive") {
                    keep_alives += 1;
                }
            }
            let (events, warnings) = drain(&mut bot);
            self.commit(
                &mut redis,
                &mut bot,
                &call_id,
                revision,
                &events,
                keep_alives,
            )
            .await?;
            self.warn(&mut redis, &warnings).await?;
            redis::Script::new(RELEASE)
                .key(self.keys.lease(&call_id))
                .arg(&holder)
                .invoke_async::<i64>(&mut redis)
                .await?;
            taken += 1;
        }
        Ok(json!({"due": due, "taken": taken}))
    }
}

/// The call's document and its revision (0 when there is none yet).
async fn load(
    redis: &mut MultiplexedConnection,
    keys: &Keys,
    call_id: &str,
) -> Result<(Option<CallDocument>, u64), Failure> {
    let (document, revision): (Option<Vec<u8>>, Option<u64>) = redis::cmd("MGET")
        .arg(keys.doc(call_id))
        .arg(keys.rev(call_id))
        .query_async(redis)
        .await?;
    let document = document.map(|d| CallDocument::from_json(&d)).transpose()?;
    Ok((document, revision.unwrap_or(0)))
}

/// The bot's events, and the warnings among them.
fn drain(bot: &mut Bot) -> (Vec<Event>, Vec<Warning>) {
    let mut events = Vec::new();
    let mut warnings = Vec::new();
    while let Some(event) = bot.poll_event() {
        match event {
            Event::Ignored(warning) => warnings.push(warning),
            event => events.push(event),
        }
    }
    (events, warnings)
}

/// The key that claims an event in its call's claim set: what it is about, so
/// that two workers that saw the same happening from different views emit it
/// once.
fn claim(event: &Event) -> Option<String> {
    let hash = |text: String| routing::content_key(text.as_bytes());
    Some(match event {
        Event::IncomingCall { .. } => "incomingCall".to_owned(),
        Event::AnswerDeadlineNear { .. } => "answerDeadlineNear".to_owned(),
        Event::AnswerDeadlinePassed { .. } => "answerDeadlinePassed".to_owned(),
        Event::OperationFinished { operation_id, .. } => {
            format!("operationFinished:{operation_id}")
        }
        Event::OperationTimedOut {
            client_request_id, ..
        } => format!("operationTimedOut:{client_request_id}"),
        Event::CallTerminated { .. } => "callTerminated".to_owned(),
        Event::RequestFailed {
            client_request_id, ..
        } => format!("requestFailed:{client_request_id}"),
        Event::Call(event) => match event {
            tracker::Event::StateChanged { to, .. } => format!("state:{}", to.as_str()),
            tracker::Event::ParticipantJoined { participant, .. } => {
                format!("joined:{}", participant.id.as_deref().unwrap_or_default())
            }
            tracker::Event::ParticipantLeft { participant_id, .. } => {
                format!("left:{participant_id}")
            }
            tracker::Event::ParticipantUpdated { participant, .. } => format!(
                "participantUpdated:{}:{}",
                participant.id.as_deref().unwrap_or_default(),
                hash(graph_comms::to_string(participant))
            ),
            tracker::Event::ToneReceived {
                sequence_id, tone, ..
            } => format!(
                "tone:{}",
                sequence_id.map_or_else(|| tone.as_str().to_owned(), |s| s.to_string())
            ),
            tracker::Event::SharingStarted { session_id, .. } => {
                format!("sharingStarted:{session_id}")
            }
            tracker::Event::SharingEnded { session_id, .. } => format!("sharingEnded:{session_id}"),
            tracker::Event::OperationUpdated {
                operation_id,
                status,
                ..
            } => format!(
                "operation:{operation_id}:{}",
                status.as_ref().map_or("", |s| s.as_str())
            ),
            other => format!("call:{}", hash(format!("{other:?}"))),
        },
        Event::Ignored(_) | Event::KeysStale { .. } => return None,
        other => format!("other:{}", hash(format!("{other:?}"))),
    })
}

fn reply(status: http::StatusCode, body: Vec<u8>) -> http::Response<axum::body::Body> {
    let mut response = http::Response::new(axum::body::Body::from(body));
    *response.status_mut() = status;
    response
}

async fn connect(url: &str) -> Result<MultiplexedConnection, Failure> {
    let client = redis::Client::open(url)?;
    Ok(client.get_multiplexed_async_connection().await?)
}

/// A worker process and where it listens.
struct Running {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(
    number: usize,
    args: &Args,
    run: &str,
    die_holding_lease: bool,
) -> Result<Running, Failure> {
    let mut command = Command::new(std::env::current_exe()?);
    if die_holding_lease {
        command.arg("--die-holding-lease");
    }
    let mut child = command
        .args([
            "--worker",
            &number.to_string(),
            "--run",
            run,
            "--redis",
            &args.redis,
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(30))
        .map_err(|_| format!("worker {number} did not start within 30 s"))?;
    let addr = line
        .trim()
        .strip_prefix("listening on ")
        .ok_or_else(|| format!("worker {number} said {line:?}"))?
        .parse()?;
    Ok(Running { child, addr })
}

/// Random numbers for choosing workers: a seed from the standard library's
/// hasher keys, then splitmix.
struct Dice(u64);

impl Dice {
    fn new() -> Self {
        Dice(
            std::collections::hash_map::RandomState::new()
                .build_hasher()
                .finish(),
        )
    }

    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x ^= x >> 31;
        usize::try_from(x % n.max(1) as u64).unwrap_or(0)
    }
}

async fn fleet(args: &Args) -> Result<ExitCode, Failure> {
    let workers = args.workers.unwrap_or(1).max(1);
    let mut dice = Dice::new();
    let run = format!("graph-comms-fleet:{:016x}:", dice.0);
    let keys = Keys(run.clone());
    let mut redis = connect(&args.redis).await?;

    // Graph's side: a signing key, its key set where the workers find it.
    let seed = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let key = tokens::TestKey::new("fleet", seed);
    redis::cmd("SET")
        .arg(keys.jwks())
        .arg(tokens::jwks(&[&key]))
        .query_async::<()>(&mut redis)
        .await?;
    let now = seed;
    let token = tokens::sign(
        &json!({"alg": "RS256", "typ": "JWT", "kid": key.kid}),
        &json!({"aud": APP_ID, "iss": "https://graph.microsoft.com", "iat": now - 10,
                "nbf": now - 10, "exp": now + 3600, "tid": "aa67bd4c-8475-432d-bd41-39f255720e0a"}),
        &key,
    );

    // Each log is a delivery sequence: its next body goes out once the one before
    // is acknowledged, as Graph delivers one call's callbacks; the logs run side by
    // side, each body to a worker chosen at random.
    let mut logs: Vec<Vec<Vec<u8>>> = Vec::new();
    for path in &args.files {
        let text = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        logs.push(
            text.split(|&b| b == b'\n')
                .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
                .map(<[u8]>::to_vec)
                .collect(),
        );
    }
    let total: usize = logs.iter().map(Vec::len).sum();

    let lease_death = std::env::var_os("GRAPH_COMMS_FLEET_LEASE_DEATH").is_some();
    let mut running = Vec::new();
    for number in 0..workers {
        running.push(start(number, args, &run, lease_death && number == 0)?);
    }
    let table: Arc<RwLock<Vec<SocketAddr>>> =
        Arc::new(RwLock::new(running.iter().map(|r| r.addr).collect()));
    let client: Client<HttpConnector, Full<Bytes>> =
        Client::builder(TokioExecutor::new()).build_http();

    let started = Instant::now();
    let delivered = Arc::new(AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for (number, log) in logs.into_iter().enumerate() {
        let (client, addrs, token, done) = (
            client.clone(),
            table.clone(),
            token.clone(),
            delivered.clone(),
        );
        let seed = dice.below(usize::MAX);
        tasks.spawn(async move {
            let mut dice = Dice(seed as u64);
            let mut failed = 0;
            for (line, body) in log.iter().enumerate() {
                // One message id per line, the same on each redelivery of it.
                let message_id = format!("log{number}-line{line}");
                if let Err(e) = deliver(&client, &addrs, &token, &message_id, body, &mut dice).await
                {
                    eprintln!("fleet: {e}");
                    failed += 1;
                }
                done.fetch_add(1, Ordering::Relaxed);
            }
            failed
        });
    }
    if args.kill_one {
        // A third of the way through, bodies in flight.
        while delivered.load(Ordering::Relaxed) < total / 3 && !tasks.is_empty() {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        let victim = dice.below(workers);
        kill_one(
            &mut running,
            &table,
            victim,
            args,
            &run,
            lease_death && victim == 0,
        )?;
    }
    let mut undelivered = 0;
    while let Some(failed) = tasks.join_next().await {
        undelivered += failed?;
    }
    let seconds = started.elapsed().as_secs_f64();

    // The timers, as of later: each due call taken under its lease.
    let later = SystemTime::now() + TIMERS_AHEAD;
    let millis = later.duration_since(UNIX_EPOCH)?.as_millis().to_string();
    let mut keep_alive_rounds = 0;
    // Enough rounds for a dead holder's lease to expire.
    for _ in 0..20 {
        keep_alive_rounds += 1;
        let mut due = 0;
        let addrs = table.read().map_err(|_| "poisoned")?.clone();
        for (number, addr) in addrs.into_iter().enumerate() {
            let request = http::Request::post(format!("http://{addr}/timers"))
                .body(Full::new(Bytes::from(millis.clone())))?;
            let answer = match client.request(request).await {
                Ok(response) => response.into_body().collect().await.map(|b| b.to_bytes()),
                Err(e) => {
                    eprintln!("fleet: worker {number} gone during the timers ({e}); started again");
                    let again = start(number, args, &run, false)?;
                    table.write().map_err(|_| "poisoned")?[number] = again.addr;
                    running[number] = again;
                    due += 1; // what it held comes due again once its lease expires
                    continue;
                }
            };
            let answer: serde_json::Value = serde_json::from_slice(&answer?)?;
            due += answer["due"].as_u64().unwrap_or(0);
        }
        if due == 0 {
            break;
        }
        tokio::time::sleep(LEASE / 4).await;
    }
    drop(running); // the workers stop: what follows on stderr is the summary's

    // The final states, from Redis.
    let mut calls: Vec<String> = redis::cmd("SMEMBERS")
        .arg(keys.calls())
        .query_async(&mut redis)
        .await?;
    calls.sort();
    let mut established = 0;
    for call_id in &calls {
        let (Some(document), _) = load(&mut redis, &keys, call_id).await? else {
            continue;
        };
        let Some(tracked) = document.tracked() else {
            continue;
        };
        if tracked.state().is_some_and(|s| s.as_str() == "established") {
            established += 1;
        }
        let raised: Vec<String> = redis::cmd("LRANGE")
            .arg(keys.warnings(call_id))
            .arg(0)
            .arg(-1)
            .query_async(&mut redis)
            .await?;
        let warnings: Vec<Warning> = raised
            .iter()
            .filter_map(|w| serde_json::from_str(w).ok())
            .collect();
        println!("{}", tracked.summary_json(&warnings));
    }
    let emitted: Vec<String> = redis::cmd("LRANGE")
        .arg(keys.emitted())
        .arg(0)
        .arg(-1)
        .query_async(&mut redis)
        .await?;
    let distinct: BTreeSet<&String> = emitted.iter().collect();
    let conflicts: Option<u64> = redis::cmd("GET")
        .arg(keys.conflicts())
        .query_async(&mut redis)
        .await?;
    let keep_alives: Option<u64> = redis::cmd("GET")
        .arg(keys.keep_alives())
        .query_async(&mut redis)
        .await?;
    cleanup(&mut redis, &keys).await?;
    eprintln!(
        "timers: {} keepAlive sent under leases for {established} established calls, in {keep_alive_rounds} rounds",
        keep_alives.unwrap_or(0)
    );
    let rate = if seconds > 0.0 {
        (total as f64 / seconds * 10.0).round() / 10.0
    } else {
        0.0
    };
    // In the contract's order.
    eprintln!(
        r#"{{"summary":{{"bodies":{},"conflictsRetried":{},"events":{},"duplicateEvents":{},"bodiesPerSecond":{}}}}}"#,
        total,
        conflicts.unwrap_or(0),
        emitted.len(),
        emitted.len() - distinct.len(),
        json!(rate),
    );
    Ok(if undelivered == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Kills a worker with SIGKILL, bodies in flight, and starts it again.
fn kill_one(
    running: &mut [Running],
    table: &RwLock<Vec<SocketAddr>>,
    victim: usize,
    args: &Args,
    run: &str,
    die_holding_lease: bool,
) -> Result<(), Failure> {
    let old = &mut running[victim];
    old.child.kill()?; // SIGKILL on Unix
    old.child.wait()?;
    let again = start(victim, args, run, die_holding_lease)?;
    table.write().map_err(|_| "poisoned")?[victim] = again.addr;
    running[victim] = again;
    eprintln!("fleet: killed worker {victim} with SIGKILL and started it again");
    Ok(())
}

/// Posts one body to a random worker until one acknowledges it, as Graph
/// retries a callback that was not answered.
async fn deliver(
    client: &Client<HttpConnector, Full<Bytes>>,
    table: &RwLock<Vec<SocketAddr>>,
    token: &str,
    message_id: &str,
    body: &[u8],
    dice: &mut Dice,
) -> Result<(), String> {
    for attempt in 0..100 {
        let addr = {
            let table = table.read().map_err(|_| "poisoned")?;
            table[dice.below(table.len())]
        };
        let request = http::Request::post(format!("http://{addr}/callback"))
            .header("Content-Type", "application/json")
            .header("Authorization", format!("Bearer {token}"))
            .header(routing::MESSAGE_ID, message_id)
            .body(Full::new(Bytes::copy_from_slice(body)))
            .map_err(|e| e.to_string())?;
        match client.request(request).await {
            Ok(response) if response.status().is_success() => return Ok(()),
            Ok(response) if response.status().is_client_error() => {
                return Err(format!("a body refused with {}", response.status()));
            }
            // A worker gone, or one that could not store the call: again.
            _ => tokio::time::sleep(Duration::from_millis(10 * (attempt + 1).min(20))).await,
        }
    }
    Err("a body no worker acknowledged in 100 attempts".to_owned())
}

/// Deletes the run's keys.
async fn cleanup(redis: &mut MultiplexedConnection, keys: &Keys) -> Result<(), Failure> {
    let mut cursor = 0u64;
    loop {
        let (next, found): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("MATCH")
            .arg(format!("{}*", keys.0))
            .arg("COUNT")
            .arg(1000)
            .query_async(redis)
            .await?;
        if !found.is_empty() {
            redis::cmd("DEL")
                .arg(&found)
                .query_async::<i64>(redis)
                .await?;
        }
        if next == 0 {
            return Ok(());
        }
        cursor = next;
    }
}
