//! What a [`Bot`](super::Bot) is set up with: who it is, where Graph is, how it
//! verifies callbacks, and its timers.

use std::time::Duration;

use crate::auth::{KeySet, Verifier};
use crate::http::{ApiVersion, Cloud, Graph};

/// The longest keep-alive interval: Graph ends a call 45 minutes after the last
/// `keepAlive` (result `408/8537`), so a longer interval is cut to this.
pub const MAX_KEEP_ALIVE: Duration = Duration::from_secs(45 * 60);

/// A bot's configuration.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Config {
    /// The bot's application id: the `aud` of Graph's callback tokens.
    pub app_id: String,
    /// The URL Graph posts the calls' notifications to (the `callbackUri` of the
    /// bodies the bot builds).
    pub callback_url: String,
    /// Where requests go: a national cloud, or any base URL (a test double, the
    /// simulator), and the API version.
    pub graph: Graph,
    /// How callback tokens are verified: the key set, the accepted issuers.
    pub verifier: Verifier,
    /// The timers.
    pub timers: Timers,
    /// How many recent callbacks are remembered to drop redeliveries (by the
    /// `X-Microsoft-Skype-Message-ID` header, else by content:
    /// [`routing::dedupe_key`](crate::routing::dedupe_key)).
    pub dedupe_capacity: usize,
}

impl Config {
    /// A configuration for the global cloud and API v1.0, verifying tokens
    /// addressed to `app_id` with `keys` and the default issuers
    /// ([`Verifier::new`]), with the default [`Timers`].
    pub fn new(app_id: impl Into<String>, callback_url: impl Into<String>, keys: KeySet) -> Self {
        let app_id = app_id.into();
        Config {
            verifier: Verifier::new(app_id.clone(), keys),
            app_id,
            callback_url: callback_url.into(),
            graph: Graph::new(Cloud::Global, ApiVersion::V1),
            timers: Timers::default(),
            dedupe_capacity: 4096,
        }
    }

    /// This configuration sending its requests to `graph`.
    #[must_use]
    pub fn with_graph(mut self, graph: Graph) -> Self {
        self.graph = graph;
        self
    }

    /// This configuration verifying callbacks with `verifier` (another cloud's
    /// issuers, the algorithms of an OpenID configuration).
    #[must_use]
    pub fn with_verifier(mut self, verifier: Verifier) -> Self {
        self.verifier = verifier;
        self
    }

    /// This configuration with `timers`.
    #[must_use]
    pub fn with_timers(mut self, timers: Timers) -> Self {
        self.timers = timers;
        self
    }
}

/// When the bot acts on its own, and how long it waits.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Timers {
    /// How often an established call gets a `keepAlive`: 15 minutes by default,
    /// never more than [`MAX_KEEP_ALIVE`].
    pub keep_alive: Duration,
    /// How long Graph waits for an incoming call to be answered, rejected or
    /// redirected: 15 seconds.
    pub answer_deadline: Duration,
    /// The same for a policy-based recording call (an incoming call with an
    /// observed participant): 5 seconds (result `408/1106` when missed).
    pub recording_answer_deadline: Duration,
    /// How long before the answer deadline the bot says it is near.
    pub answer_margin: Duration,
    /// How long an action's operation may take to finish (or a request to be
    /// answered) before the bot says it timed out.
    pub operation_timeout: Duration,
    /// How `429`, `503` and `504` responses (and failed sends) are retried.
    pub retry: Retry,
    /// How long an ended call is kept (to tell late notifications apart) before it
    /// is forgotten.
    pub linger: Duration,
    /// The least time between two [`Event::KeysStale`](super::Event::KeysStale).
    pub key_refresh_interval: Duration,
}

impl Default for Timers {
    fn default() -> Self {
        Timers {
            keep_alive: Duration::from_secs(15 * 60),
            answer_deadline: Duration::from_secs(15),
            recording_answer_deadline: Duration::from_secs(5),
            answer_margin: Duration::from_secs(3),
            operation_timeout: Duration::from_secs(5 * 60),
            retry: Retry::default(),
            linger: Duration::from_secs(10 * 60),
            key_refresh_interval: Duration::from_secs(5 * 60),
        }
    }
}

impl Timers {
    /// The keep-alive interval in force: [`keep_alive`](Self::keep_alive), at most
    /// [`MAX_KEEP_ALIVE`] and at least one second.
    pub fn keep_alive_interval(&self) -> Duration {
        self.keep_alive
            .clamp(Duration::from_secs(1), MAX_KEEP_ALIVE)
    }
}

/// How a throttled or failed request is tried again: after its `Retry-After`, or
/// else after a backoff that doubles from `initial_backoff` up to `max_backoff`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Retry {
    /// How many times a request is tried again before it fails for good.
    pub max_retries: u32,
    /// The first backoff, when the response gives no `Retry-After`.
    pub initial_backoff: Duration,
    /// The longest wait, backoff or `Retry-After`.
    pub max_backoff: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            max_retries: 4,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(60),
        }
    }
}

impl Retry {
    /// The backoff before retry number `attempt` (1 for the first).
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32 << attempt.saturating_sub(1).min(16);
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }
}
