//! The conversation, sans-IO: one state machine that holds the bot's side of every
//! call, shaped like `quinn-proto`. Bytes and typed values go in, requests,
//! replies and events come out, and time is a parameter; the caller owns the
//! sockets, the clock and the HTTP client.
//!
//! - [`Bot::handle_callback`] takes each of Graph's callback POSTs and returns the
//!   reply: it verifies the token (`401`), tells the body's kind (`202`
//!   notifications, `204` legacy, `400` neither, `413` too large, `405`/`415`),
//!   decodes it once, drops redeliveries, feeds the tracker and queues events.
//! - [`Bot::poll_event`] gives the [`Event`]s: an incoming call with its caller and
//!   deadline, state changes, roster changes, tones, finished operations with the
//!   action that started them and their explained result, the end of a call.
//! - The actions ([`answer`](Bot::answer), [`play_prompt`](Bot::play_prompt),
//!   [`mute_participant`](Bot::mute_participant), [`hang_up`](Bot::hang_up), or
//!   any body through [`action`](Bot::action)) return the `http::Request` to send,
//!   with a fresh `client-request-id`; an action on an unknown or ended call is
//!   refused. Hand each response to [`Bot::handle_response`]: it ties the action to
//!   its operation, retries `429`/`503`/`504` after `Retry-After` (or a bounded
//!   backoff) with the same request id, and turns errors into events.
//! - [`Bot::poll_timeout`], [`Bot::handle_timeout`] and [`Bot::poll_transmit`] run
//!   the timers: `keepAlive` for established calls, the answer deadline, the
//!   operation timeout, the retries.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use graph_comms_bot::auth::KeySet;
//! use graph_comms_bot::{Bot, Config, Event};
//!
//! let keys = KeySet::from_jwks(br#"{"keys": []}"#)?; // the fetched JWKS
//! let mut bot = Bot::new(Config::new("app-id", "https://bot.example.com/callback", keys));
//! let now = SystemTime::now();
//! // For each callback: let reply = bot.handle_callback(&request, now);
//! while let Some(event) = bot.poll_event() {
//!     if let Event::IncomingCall { call_id, .. } = event {
//!         let request = bot.answer(&call_id.into(), None, now)?; // send it
//!         # let _ = request;
//!     }
//! }
//! // When bot.poll_timeout() is due: bot.handle_timeout(now), then send every
//! // bot.poll_transmit(now).
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod config;
mod dedupe;
mod document;
mod event;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::hash::{BuildHasher, Hasher};
use std::time::SystemTime;

use graph_comms::DecodeOptions;
use graph_comms::action::{
    Action, ActionBody, CallAnswer, CallBound, CallKeepAlive, CallMute, CallPlayPrompt,
    CallRecordResponse, CallRedirect, CallReject, CallSubscribeToTone, CallTransfer, CallUnmute,
    ParticipantBound, ParticipantMute, ParticipantsInvite,
};
use graph_comms::call::{Call, CallState, RejectReason};
use graph_comms::media::{Modality, Prompt, ServiceHostedMediaConfig};
use graph_comms::operation::{AnyCommsOperation, OperationStatus};
use graph_comms::participant::InvitationParticipantInfo;
use http::header::{HeaderName, HeaderValue};
use http::{HeaderMap, Method, StatusCode, Uri};

pub use config::{Config, MAX_KEEP_ALIVE, Retry, Timers};
pub use document::{CallDocument, DEDUPE_KEYS_PER_CALL, DOCUMENT_VERSION, DocumentError};
pub use event::{ActionError, Event, Failure, Outgoing};

use crate::auth::{AuthErrorKind, KeySet};
use crate::explain::ExplainResult;
use crate::http::{GraphError, RetryAfter, callback_reply, create_call_response};
use crate::id::{CallId, ParticipantId};
use crate::routing;
use crate::tracker::{self, Tracker};
use dedupe::Recent;
use document::millis;

/// The header that carries a request's id, which a retry repeats.
const CLIENT_REQUEST_ID: &str = "client-request-id";

/// The bot's side of every call it is in. See the [module documentation](self).
#[derive(Debug)]
pub struct Bot {
    config: Config,
    tracker: Tracker,
    calls: BTreeMap<String, Held>,
    /// Requests sent and not yet settled, by `client-request-id`.
    outstanding: BTreeMap<String, Outstanding>,
    /// The request behind each operation id a response or notification gave.
    by_operation: BTreeMap<String, String>,
    /// The request behind each `clientContext` the bot sent.
    by_context: BTreeMap<String, String>,
    /// Calls forgotten after they ended: late notifications about them are ignored.
    forgotten: Recent,
    /// Callbacks seen, by message id and by content.
    seen: Recent,
    events: VecDeque<Event>,
    transmit: VecDeque<http::Request<Vec<u8>>>,
    keys_stale_at: Option<SystemTime>,
    ids: IdSource,
}

/// What the bot keeps of one call beside the tracker.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Held {
    /// The answer deadline of an incoming call, while it is undecided.
    #[serde(with = "millis::option")]
    answer_by: Option<SystemTime>,
    near_told: bool,
    passed_told: bool,
    /// Answered, rejected or redirected.
    decided: bool,
    /// The next `keepAlive`, for an established call.
    #[serde(with = "millis::option")]
    keep_alive_at: Option<SystemTime>,
    /// How many `keepAlive`s the timers sent.
    keep_alives: u32,
    /// When the call ended (terminated, or hung up by the bot).
    #[serde(with = "millis::option")]
    ended_at: Option<SystemTime>,
    /// Operations whose end an action's response told (the tracker tells each
    /// final status once on its own).
    finished: BTreeSet<String>,
    /// The requests about the call that were settled, by `client-request-id`.
    settled: BTreeSet<String>,
    /// The dedupe keys of the recent callbacks about the call, with when each was
    /// first seen (milliseconds since the Unix epoch).
    seen: BTreeMap<String, u64>,
}

impl Held {
    /// Its timers: the answer deadline and its margin, the keep-alive, the time
    /// to forget it.
    fn due(&self, timers: &Timers) -> impl Iterator<Item = SystemTime> {
        let undecided = self.answer_by.filter(|_| !self.decided);
        [
            undecided
                .filter(|_| !self.near_told)
                .map(|at| at.checked_sub(timers.answer_margin).unwrap_or(at)),
            undecided.filter(|_| !self.passed_told),
            self.keep_alive_at.filter(|_| self.ended_at.is_none()),
            self.ended_at.map(|at| at + timers.linger),
        ]
        .into_iter()
        .flatten()
    }
}

/// A request the bot built, until it is settled.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Outstanding {
    call_id: Option<String>,
    #[serde(with = "document::wire::outgoing")]
    outgoing: Outgoing,
    client_context: Option<String>,
    operation_id: Option<String>,
    #[serde(with = "document::wire::method")]
    method: Method,
    #[serde(with = "document::wire::uri")]
    uri: Uri,
    #[serde(with = "document::wire::headers")]
    headers: HeaderMap,
    #[serde(with = "document::wire::body")]
    body: Vec<u8>,
    /// How many times it was sent.
    attempts: u32,
    /// When to send it again, when a retry is due.
    #[serde(with = "millis::option")]
    retry_at: Option<SystemTime>,
    /// When to stop waiting for its operation (or its response).
    #[serde(with = "millis")]
    deadline: SystemTime,
    /// Whether a response was handled.
    responded: bool,
}

impl Outstanding {
    fn request(&self) -> http::Request<Vec<u8>> {
        let mut request = http::Request::new(self.body.clone());
        *request.method_mut() = self.method.clone();
        *request.uri_mut() = self.uri.clone();
        *request.headers_mut() = self.headers.clone();
        request
    }
}

/// Fresh request ids: GUID-shaped text from a random seed and a counter.
#[derive(Debug)]
struct IdSource {
    seed: u64,
    next: u64,
}

impl IdSource {
    fn new() -> Self {
        // A per-process random seed without I/O: the standard library's hasher keys.
        let seed = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        IdSource { seed, next: 0 }
    }

    fn fresh(&mut self) -> String {
        self.next += 1;
        let a = splitmix(self.seed ^ self.next);
        let b = splitmix(a ^ self.next.rotate_left(32));
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0x0fff,
            (b >> 48) & 0x3fff | 0x8000,
            b & 0xffff_ffff_ffff
        )
    }
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

impl Bot {
    /// A bot in no call yet.
    pub fn new(config: Config) -> Self {
        let capacity = config.dedupe_capacity.max(1);
        Bot {
            config,
            tracker: Tracker::new(),
            calls: BTreeMap::new(),
            outstanding: BTreeMap::new(),
            by_operation: BTreeMap::new(),
            by_context: BTreeMap::new(),
            forgotten: Recent::new(capacity),
            seen: Recent::new(capacity),
            events: VecDeque::new(),
            transmit: VecDeque::new(),
            keys_stale_at: None,
            ids: IdSource::new(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Replaces the key set callbacks are verified with, after fetching it again
    /// (on [`Event::KeysStale`], or on a schedule).
    pub fn set_keys(&mut self, keys: KeySet) {
        self.config.verifier.set_keys(keys);
    }

    /// What the callbacks said of every call not yet forgotten.
    pub fn tracker(&self) -> &Tracker {
        &self.tracker
    }

    /// Whether the bot knows the call and it has not ended.
    pub fn is_live(&self, call_id: &str) -> bool {
        self.calls
            .get(call_id)
            .is_some_and(|c| c.ended_at.is_none())
    }

    /// Whether a request the bot built is moot: its call ended since it was built
    /// (or was forgotten), and it is not the hang-up that ended it. Graph refuses such
    /// a request (`404`), and a simulator calls it an action on an ended call: a
    /// sender that queues requests asks this before sending one. A request the bot
    /// did not build, or already settled, is not moot.
    pub fn is_moot<B>(&self, request: &http::Request<B>) -> bool {
        request_id(request)
            .and_then(|id| self.outstanding.get(&id))
            .is_some_and(|sent| self.moot(sent))
    }

    /// [`is_moot`](Self::is_moot) of a request the bot holds.
    fn moot(&self, sent: &Outstanding) -> bool {
        sent.outgoing != Outgoing::HangUp
            && sent.call_id.as_deref().is_some_and(|call| {
                self.forgotten.contains(call)
                    || self
                        .calls
                        .get(call)
                        .is_some_and(|held| held.ended_at.is_some())
            })
    }

    /// The ids of the calls the bot holds (live, or ended and not yet forgotten).
    pub fn call_ids(&self) -> impl Iterator<Item = &str> {
        self.calls.keys().map(String::as_str)
    }

    /// Everything the bot keeps for the call, as a document to store, restore on
    /// another instance or merge with another replica's; `None` when the bot
    /// does not hold the call.
    pub fn export_call(&self, call_id: &str) -> Option<CallDocument> {
        let held = self.calls.get(call_id)?.clone();
        let requests = self
            .outstanding
            .iter()
            .filter(|(_, sent)| sent.call_id.as_deref() == Some(call_id))
            .map(|(id, sent)| (id.clone(), sent.clone()))
            .collect();
        let tracked = self.tracker.call(call_id).cloned();
        Some(CallDocument::new(
            call_id.to_owned(),
            tracked,
            held,
            requests,
        ))
    }

    /// Puts the call's document in place of what the bot holds of the call: its
    /// record, timers, pending requests (with their operation and
    /// `clientContext` ties) and dedupe keys. From then on the bot behaves as the
    /// one that exported it did.
    pub fn restore_call(&mut self, document: CallDocument) {
        let (call_id, tracked, held, requests) = document.into_parts();
        let ours: Vec<String> = self
            .outstanding
            .iter()
            .filter(|(_, sent)| sent.call_id.as_deref() == Some(call_id.as_str()))
            .map(|(id, _)| id.clone())
            .collect();
        for request_id in ours {
            self.unindex(&request_id);
        }
        for (request_id, sent) in requests {
            if let Some(op) = &sent.operation_id {
                self.by_operation.insert(op.clone(), request_id.clone());
            }
            if let Some(context) = &sent.client_context {
                self.by_context.insert(context.clone(), request_id.clone());
            }
            self.outstanding.insert(request_id, sent);
        }
        for key in held.seen.keys() {
            self.seen.insert(key.clone());
        }
        self.tracker.evict(&call_id);
        if let Some(tracked) = &tracked {
            self.tracker.merge(tracked);
        }
        self.calls.insert(call_id, held);
    }

    /// Merges another replica's document of a call into what the bot holds of it
    /// (or takes it, when the bot holds nothing of the call): see
    /// [`CallDocument::merge`].
    pub fn merge_call(&mut self, document: &CallDocument) {
        let merged = match self.export_call(document.call_id()) {
            Some(mut ours) => match ours.merge(document) {
                Ok(()) => ours,
                Err(_) => return, // unreachable: the same call id
            },
            None => document.clone(),
        };
        self.restore_call(merged);
    }

    /// Handles one of Graph's callback POSTs at the time `now`, and gives the reply
    /// to send at once:
    ///
    /// 1. `405` for a method other than `POST`;
    /// 2. `401` for a token that does not verify (an unknown `kid` also queues
    ///    [`Event::KeysStale`], at most once per key refresh interval);
    /// 3. `415`, `413`, `400` or `204` as [`callback_reply`] decides (a legacy
    ///    notification gets `204`, so that Graph sends it again in its own format);
    /// 4. `202` for notifications: a redelivery (the same
    ///    `X-Microsoft-Skype-Message-ID` as a recent callback, or, without that
    ///    header, the same bytes: [`routing::dedupe_key`]) changes nothing; others
    ///    feed the tracker and queue their events.
    pub fn handle_callback<B: AsRef<[u8]>>(
        &mut self,
        request: &http::Request<B>,
        now: SystemTime,
    ) -> http::Response<Vec<u8>> {
        if request.method() != Method::POST {
            return status(StatusCode::METHOD_NOT_ALLOWED);
        }
        if let Err(e) = self.config.verifier.verify_request(request, now) {
            if e.kind() == AuthErrorKind::UnknownKey {
                let interval = self.config.timers.key_refresh_interval;
                let due = self
                    .keys_stale_at
                    .is_none_or(|at| now.duration_since(at).is_ok_and(|d| d >= interval));
                if due {
                    self.keys_stale_at = Some(now);
                    self.events.push_back(Event::KeysStale {
                        reason: e.to_string(),
                    });
                }
            }
            return status(StatusCode::UNAUTHORIZED);
        }
        let reply = callback_reply(request);
        let Some(notifications) = reply.notifications else {
            return status(reply.status);
        };
        // The message id when Graph gives one (two callbacks of the same bytes, a
        // return to `established` after `hold`, are two messages); else the bytes.
        let key = routing::dedupe_key(request);
        if self.seen.contains(&key) {
            return status(StatusCode::ACCEPTED);
        }
        self.seen.insert(key.clone());
        let keys = [key];
        let at = millis::to_millis(now);
        for notification in notifications.value.iter().flatten() {
            let Some(call_id) = notification.call_id() else {
                let feed = self.tracker.feed(notification);
                self.events
                    .extend(feed.warnings.into_iter().map(Event::Ignored));
                continue;
            };
            if self.forgotten.contains(call_id) {
                continue;
            }
            let held = self.calls.entry(call_id.to_owned()).or_default();
            for key in &keys {
                held.seen.entry(key.clone()).or_insert(at);
            }
            document::bound_seen(&mut held.seen);
            let feed = self.tracker.feed(notification);
            for warning in feed.warnings {
                self.events.push_back(Event::Ignored(warning));
            }
            for event in feed.events {
                self.tracked(event, now);
            }
        }
        status(StatusCode::ACCEPTED)
    }

    /// Turns a tracker event into the bot's, keeping the call's timers.
    fn tracked(&mut self, event: tracker::Event, now: SystemTime) {
        let call_id = event.call_id().to_owned();
        let timers = &self.config.timers;
        let held = self.calls.entry(call_id.clone()).or_default();
        match event {
            tracker::Event::StateChanged {
                to: CallState::Incoming,
                call: Some(call),
                ..
            } => {
                let recording = call
                    .incoming_context
                    .as_ref()
                    .is_some_and(|c| c.observed_participant_id.is_some());
                let deadline = if recording {
                    timers.recording_answer_deadline
                } else {
                    timers.answer_deadline
                };
                let answer_by = now + deadline;
                held.answer_by = Some(answer_by);
                self.events.push_back(Event::IncomingCall {
                    call_id,
                    caller: call.caller().cloned().map(Box::new),
                    call,
                    answer_by,
                    recording,
                });
            }
            tracker::Event::StateChanged { ref to, .. } => {
                match to {
                    CallState::Established if held.keep_alive_at.is_none() => {
                        held.keep_alive_at = Some(now + timers.keep_alive_interval());
                    }
                    CallState::Terminated => end(held, now),
                    _ => {}
                }
                if !matches!(to, CallState::Incoming | CallState::Ringing) {
                    // The call is past its set-up: nothing to answer any more.
                    held.answer_by = None;
                }
                self.events.push_back(Event::Call(event));
            }
            tracker::Event::CallTerminated {
                call_id,
                result_info,
            } => {
                end(held, now);
                let explanation = result_info.as_ref().map(ExplainResult::explain);
                self.events.push_back(Event::CallTerminated {
                    call_id,
                    result_info,
                    explanation,
                });
            }
            tracker::Event::OperationCompleted {
                operation_id,
                result_info,
                ..
            } => self.finished(call_id, operation_id, true, result_info, false),
            tracker::Event::OperationFailed {
                operation_id,
                result_info,
                ..
            } => self.finished(call_id, operation_id, false, result_info, false),
            other => self.events.push_back(Event::Call(other)),
        }
    }

    /// An operation finished: ties it to the request that started it, by its id or
    /// its `clientContext`, and tells it once. The tracker tells each final status
    /// once; an action's response that carries one (`from_response`) is told
    /// unless the tracker has it, and remembered so that the tracker's later
    /// notice is not told again.
    fn finished(
        &mut self,
        call_id: String,
        operation_id: String,
        completed: bool,
        result_info: Option<graph_comms::operation::ResultInfo>,
        from_response: bool,
    ) {
        let final_known = self
            .tracker
            .call(&call_id)
            .and_then(|c| c.operations().get(&operation_id))
            .is_some_and(|o| {
                matches!(
                    o.status,
                    Some(OperationStatus::Completed | OperationStatus::Failed)
                )
            });
        let held = self.calls.entry(call_id.clone()).or_default();
        if from_response {
            if final_known || !held.finished.insert(operation_id.clone()) {
                return;
            }
        } else if held.finished.contains(&operation_id) {
            return;
        }
        let context = self
            .tracker
            .call(&call_id)
            .and_then(|c| c.operations().get(&operation_id))
            .and_then(|o| o.operation.client_context().map(str::to_owned));
        let request_id = self.by_operation.get(&operation_id).cloned().or_else(|| {
            context
                .as_ref()
                .and_then(|c| self.by_context.get(c).cloned())
        });
        let sent = request_id.and_then(|id| self.settle(&id));
        let (action, client_context) = match sent {
            Some(sent) => (
                match sent.outgoing {
                    Outgoing::Action(action) => Some(action),
                    _ => None,
                },
                sent.client_context.or(context),
            ),
            None => (None, context),
        };
        let explanation = result_info.as_ref().map(ExplainResult::explain);
        self.events.push_back(Event::OperationFinished {
            call_id,
            operation_id,
            action,
            client_context,
            completed,
            result_info,
            explanation,
        });
    }

    /// Forgets a request, and its indexes; the call remembers it settled.
    fn settle(&mut self, request_id: &str) -> Option<Outstanding> {
        let sent = self.unindex(request_id)?;
        if let Some(held) = sent.call_id.as_ref().and_then(|id| self.calls.get_mut(id)) {
            held.settled.insert(request_id.to_owned());
        }
        Some(sent)
    }

    /// Removes a request and its indexes.
    fn unindex(&mut self, request_id: &str) -> Option<Outstanding> {
        let sent = self.outstanding.remove(request_id)?;
        if let Some(op) = &sent.operation_id {
            self.by_operation.remove(op);
        }
        if let Some(context) = &sent.client_context {
            self.by_context.remove(context);
        }
        Some(sent)
    }

    /// The next event, if any.
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// Checks that the bot may act in the call.
    fn live(&self, call_id: &CallId) -> Result<(), ActionError> {
        match self.calls.get(call_id.as_str()) {
            None => Err(ActionError::UnknownCall(call_id.to_string())),
            Some(held) if held.ended_at.is_some() => {
                Err(ActionError::CallEnded(call_id.to_string()))
            }
            Some(_) => Ok(()),
        }
    }

    /// Builds the request for an action bound to the call (or its participants
    /// collection), with `body` as its body: a fresh `client-request-id`, and a
    /// fresh `clientContext` when the body declares one and has none. The bot
    /// expects the action's response and its operation.
    ///
    /// # Errors
    ///
    /// [`ActionError::UnknownCall`] and [`ActionError::CallEnded`]; for an answer,
    /// reject or redirect, [`ActionError::AlreadyDecided`].
    pub fn action<B: CallBound + serde::Serialize>(
        &mut self,
        call_id: &CallId,
        mut body: B,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        self.live(call_id)?;
        let deciding = matches!(
            B::ACTION,
            Action::CallAnswer | Action::CallReject | Action::CallRedirect
        );
        if deciding && self.calls.get(call_id.as_str()).is_some_and(|c| c.decided) {
            return Err(ActionError::AlreadyDecided(call_id.to_string()));
        }
        let request_id = self.ids.fresh();
        let context = with_context(&mut body, &request_id);
        let request = self.config.graph.action(call_id, &body)?;
        if deciding && let Some(held) = self.calls.get_mut(call_id.as_str()) {
            held.decided = true;
            held.answer_by = None;
        }
        Ok(self.record(
            request,
            request_id,
            Some(call_id.as_str()),
            Outgoing::Action(B::ACTION),
            context,
            now,
        ))
    }

    /// Builds the request for an action bound to one participant of the call
    /// (`participant.mute`, hold music), as [`action`](Self::action) does.
    ///
    /// # Errors
    ///
    /// [`ActionError::UnknownCall`] and [`ActionError::CallEnded`].
    pub fn participant_action<B: ParticipantBound + serde::Serialize>(
        &mut self,
        call_id: &CallId,
        participant_id: &ParticipantId,
        mut body: B,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        self.live(call_id)?;
        let request_id = self.ids.fresh();
        let context = with_context(&mut body, &request_id);
        let request = self
            .config
            .graph
            .participant_action(call_id, participant_id, &body)?;
        Ok(self.record(
            request,
            request_id,
            Some(call_id.as_str()),
            Outgoing::Action(B::ACTION),
            context,
            now,
        ))
    }

    /// Answers an incoming call with `body`, or, for `None`, with service-hosted
    /// media, audio, and the configured callback URL.
    ///
    /// # Errors
    ///
    /// As [`action`](Self::action).
    pub fn answer(
        &mut self,
        call_id: &CallId,
        body: Option<CallAnswer>,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        let body = body.unwrap_or_else(|| {
            CallAnswer::new(
                self.config.callback_url.clone(),
                ServiceHostedMediaConfig::default(),
            )
            .with_accepted_modalities(vec![Modality::Audio])
        });
        self.action(call_id, body, now)
    }

    /// Rejects an incoming call.
    ///
    /// # Errors
    ///
    /// As [`action`](Self::action).
    pub fn reject(
        &mut self,
        call_id: &CallId,
        reason: RejectReason,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        self.action(call_id, CallReject::new(reason), now)
    }

    /// Redirects an incoming call to `targets`.
    ///
    /// # Errors
    ///
    /// As [`action`](Self::action).
    pub fn redirect(
        &mut self,
        call_id: &CallId,
        targets: impl IntoIterator<Item = InvitationParticipantInfo>,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        let body = CallRedirect::default().with_targets(targets.into_iter().collect::<Vec<_>>());
        self.action(call_id, body, now)
    }

    /// Transfers the call to `target`.
    ///
    /// # Errors
    ///
    /// As [`action`](Self::action).
    pub fn transfer(
        &mut self,
        call_id: &CallId,
        target: InvitationParticipantInfo,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        self.action(
            call_id,
            CallTransfer::default().with_transfer_target(target),
            now,
        )
    }

    /// Plays `prompts` into the call.
    ///
    /// # Errors
    ///
    /// As [`action`](Self::action).
    pub fn play_prompt(
        &mut self,
        call_id: &CallId,
        prompts: impl IntoIterator<Item = Prompt>,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        self.action(call_id, CallPlayPrompt::new(prompts), now)
    }

    /// Records the caller's response (`body` says the prompts and limits).
    ///
    /// # Errors
    ///
    /// As [`action`](Self::action).
    pub fn record_response(
        &mut self,
        call_id: &CallId,
        body: CallRecordResponse,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        self.action(call_id, body, now)
    }

    /// Subscribes to the DTMF tones of the call.
    ///
    /// # Errors
    ///
    /// As [`action`](Self::action).
    pub fn subscribe_to_tone(
        &mut self,
        call_id: &CallId,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        self.action(call_id, CallSubscribeToTone::default(), now)
    }

    /// Mutes the bot itself.
    ///
    /// # Errors
    ///
    /// As [`action`](Self::action).
    pub fn mute(
        &mut self,
        call_id: &CallId,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        self.action(call_id, CallMute::default(), now)
    }

    /// Unmutes the bot itself.
    ///
    /// # Errors
    ///
    /// As [`action`](Self::action).
    pub fn unmute(
        &mut self,
        call_id: &CallId,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        self.action(call_id, CallUnmute::default(), now)
    }

    /// Invites `participants` into the call.
    ///
    /// # Errors
    ///
    /// As [`action`](Self::action).
    pub fn invite(
        &mut self,
        call_id: &CallId,
        participants: impl IntoIterator<Item = InvitationParticipantInfo>,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        self.action(call_id, ParticipantsInvite::new(participants), now)
    }

    /// Mutes another participant.
    ///
    /// # Errors
    ///
    /// As [`participant_action`](Self::participant_action).
    pub fn mute_participant(
        &mut self,
        call_id: &CallId,
        participant_id: &ParticipantId,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        self.participant_action(call_id, participant_id, ParticipantMute::default(), now)
    }

    /// Sends `keepAlive` now (the timers send it on their own for established calls).
    ///
    /// # Errors
    ///
    /// As [`action`](Self::action).
    pub fn keep_alive(
        &mut self,
        call_id: &CallId,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        self.action(call_id, CallKeepAlive::default(), now)
    }

    /// Hangs up: `DELETE` of the call. No further action is built for the call.
    ///
    /// # Errors
    ///
    /// [`ActionError::UnknownCall`] and [`ActionError::CallEnded`].
    pub fn hang_up(
        &mut self,
        call_id: &CallId,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        self.live(call_id)?;
        let request = self.config.graph.delete_call(call_id)?;
        let request_id = self.ids.fresh();
        if let Some(held) = self.calls.get_mut(call_id.as_str()) {
            end(held, now);
        }
        Ok(self.record(
            request,
            request_id,
            Some(call_id.as_str()),
            Outgoing::HangUp,
            None,
            now,
        ))
    }

    /// Places a call (`POST /communications/calls`); the call is known once the
    /// response gives its id, or a callback speaks of it.
    ///
    /// # Errors
    ///
    /// [`ActionError::Http`] when the request cannot be built.
    pub fn create_call(
        &mut self,
        call: &Call,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, ActionError> {
        let request = self.config.graph.create_call(call)?;
        let request_id = self.ids.fresh();
        Ok(self.record(request, request_id, None, Outgoing::CreateCall, None, now))
    }

    /// Stamps a request with its id and keeps what is needed to settle and retry it.
    fn record(
        &mut self,
        mut request: http::Request<Vec<u8>>,
        request_id: String,
        call_id: Option<&str>,
        outgoing: Outgoing,
        client_context: Option<String>,
        now: SystemTime,
    ) -> http::Request<Vec<u8>> {
        if let Ok(value) = HeaderValue::from_str(&request_id) {
            request
                .headers_mut()
                .insert(HeaderName::from_static(CLIENT_REQUEST_ID), value);
        }
        if let Some(context) = &client_context {
            self.by_context.insert(context.clone(), request_id.clone());
        }
        self.outstanding.insert(
            request_id,
            Outstanding {
                call_id: call_id.map(str::to_owned),
                outgoing,
                client_context,
                operation_id: None,
                method: request.method().clone(),
                uri: request.uri().clone(),
                headers: request.headers().clone(),
                body: request.body().clone(),
                attempts: 1,
                retry_at: None,
                deadline: now + self.config.timers.operation_timeout,
                responded: false,
            },
        );
        request
    }

    /// Handles the response to a request the bot built, at the time `now`:
    ///
    /// - a success settles it, or, for an action answered by an operation that has
    ///   not finished, ties the operation's id to the action (a final status in
    ///   the response finishes it at once);
    /// - a created call becomes known by the id its `Location` gives;
    /// - `429`, `503` and `504` are tried again after `Retry-After` (or the
    ///   backoff) with the same `client-request-id`, until the retries run out
    ///   or the request is [moot](Self::is_moot) (a retry waiting then is dropped);
    /// - any other error is an [`Event::RequestFailed`] with Graph's error.
    ///
    /// A response to a request the bot did not build (no `client-request-id` it
    /// knows) is ignored.
    pub fn handle_response<B1, B2: AsRef<[u8]>>(
        &mut self,
        request: &http::Request<B1>,
        response: &http::Response<B2>,
        now: SystemTime,
    ) {
        let Some(request_id) = request_id(request) else {
            return;
        };
        let Some(sent) = self.outstanding.get_mut(&request_id) else {
            return;
        };
        sent.responded = true;
        let status = response.status();
        if !status.is_success() {
            let error = GraphError::new(status, response.headers(), response.body().as_ref());
            if error.is_retryable() {
                let wait = RetryAfter::from_headers(response.headers()).and_then(|r| match r {
                    RetryAfter::Delay(d) => Some(d),
                    RetryAfter::Date(date) => httpdate::parse_http_date(&date)
                        .ok()
                        .map(|at| at.duration_since(now).unwrap_or_default()),
                });
                self.retry(&request_id, wait, Some(error), now);
            } else {
                self.fail(&request_id, Failure::Graph(Box::new(error)));
            }
            return;
        }
        match sent.outgoing {
            Outgoing::CreateCall => {
                let created = create_call_response(response);
                let Some(sent) = self.settle(&request_id) else {
                    return;
                };
                match created.map(|c| c.call_id) {
                    Ok(Some(id)) => {
                        self.calls.entry(id.to_string()).or_default();
                    }
                    Ok(None) => {
                        let failure = Failure::Unreadable(
                            "the created call's response names no call (no Location, no id)"
                                .to_owned(),
                        );
                        self.events.push_back(failed(&request_id, sent, failure));
                    }
                    Err(e) => {
                        let failure = Failure::Unreadable(e.to_string());
                        self.events.push_back(failed(&request_id, sent, failure));
                    }
                }
            }
            Outgoing::HangUp => {
                self.settle(&request_id);
            }
            Outgoing::Action(action) => {
                let body = response.body().as_ref();
                let operation = (action.operation().is_some()
                    && !body.iter().all(u8::is_ascii_whitespace))
                .then(|| {
                    DecodeOptions::lenient()
                        .decode::<AnyCommsOperation>(body)
                        .ok()
                })
                .flatten()
                .map(|d| d.value);
                let id = operation.as_ref().and_then(|o| o.id().map(str::to_owned));
                let Some(id) = id.filter(|_| action.operation().is_some()) else {
                    // Answered without an operation to wait for.
                    self.settle(&request_id);
                    return;
                };
                let status = operation.as_ref().and_then(|o| o.status().cloned());
                if let Some(sent) = self.outstanding.get_mut(&request_id) {
                    sent.operation_id = Some(id.clone());
                }
                self.by_operation.insert(id.clone(), request_id);
                let call_id = self.outstanding_call(&id);
                if let (
                    Some(call_id),
                    Some(status @ (OperationStatus::Completed | OperationStatus::Failed)),
                ) = (call_id, status)
                {
                    let result_info = operation.and_then(|o| o.result_info().cloned());
                    let completed = status == OperationStatus::Completed;
                    self.finished(call_id, id, completed, result_info, true);
                }
            }
        }
    }

    /// The call of the request behind an operation.
    fn outstanding_call(&self, operation_id: &str) -> Option<String> {
        let request_id = self.by_operation.get(operation_id)?;
        self.outstanding.get(request_id)?.call_id.clone()
    }

    /// Handles a request that could not be sent (no connection, a timeout before
    /// any response): it is tried again after the backoff, as a `503` would be.
    pub fn handle_send_error<B>(&mut self, request: &http::Request<B>, now: SystemTime) {
        if let Some(request_id) = request_id(request)
            && self.outstanding.contains_key(&request_id)
        {
            self.retry(&request_id, None, None, now);
        }
    }

    /// Schedules a retry, or fails the request when its retries ran out.
    fn retry(
        &mut self,
        request_id: &str,
        wait: Option<std::time::Duration>,
        error: Option<GraphError>,
        now: SystemTime,
    ) {
        let retry = &self.config.timers.retry;
        let Some(sent) = self.outstanding.get_mut(request_id) else {
            return;
        };
        if sent.attempts > retry.max_retries {
            let attempts = sent.attempts;
            self.fail(
                request_id,
                Failure::RetriesExhausted {
                    attempts,
                    last: error.map(Box::new),
                },
            );
            return;
        }
        let wait = wait
            .unwrap_or_else(|| retry.backoff(sent.attempts))
            .min(retry.max_backoff);
        sent.retry_at = Some(now + wait);
    }

    /// Settles a request as failed, and says so.
    fn fail(&mut self, request_id: &str, failure: Failure) {
        if let Some(sent) = self.settle(request_id) {
            self.events.push_back(failed(request_id, sent, failure));
        }
    }

    /// When [`handle_timeout`](Self::handle_timeout) is next due: the earliest
    /// keep-alive, answer deadline (and its margin), operation timeout, retry or
    /// ended call to forget.
    pub fn poll_timeout(&self) -> Option<SystemTime> {
        let timers = &self.config.timers;
        let calls = self.calls.values().flat_map(|held| held.due(timers));
        let requests = self.outstanding.values().flat_map(Outstanding::due);
        calls.chain(requests).min()
    }

    /// Runs every timer due at `now`: queues the keep-alives and the retries for
    /// [`poll_transmit`](Self::poll_transmit), and the deadline and timeout events
    /// for [`poll_event`](Self::poll_event); forgets the calls that ended more
    /// than the linger time ago.
    pub fn handle_timeout(&mut self, now: SystemTime) {
        let timers = self.config.timers.clone();
        let mut keep_alive = Vec::new();
        let mut forget = Vec::new();
        for (call_id, held) in &mut self.calls {
            if let Some(answer_by) = held.answer_by.filter(|_| !held.decided) {
                let near = answer_by
                    .checked_sub(timers.answer_margin)
                    .unwrap_or(answer_by);
                if !held.near_told && now >= near {
                    held.near_told = true;
                    self.events.push_back(Event::AnswerDeadlineNear {
                        call_id: call_id.clone(),
                        answer_by,
                    });
                }
                if !held.passed_told && now >= answer_by {
                    held.passed_told = true;
                    self.events.push_back(Event::AnswerDeadlinePassed {
                        call_id: call_id.clone(),
                        answer_by,
                    });
                }
            }
            if held.ended_at.is_none()
                && let Some(at) = held.keep_alive_at
                && now >= at
            {
                held.keep_alive_at = Some(now + timers.keep_alive_interval());
                held.keep_alives += 1;
                keep_alive.push(call_id.clone());
            }
            if held.ended_at.is_some_and(|at| now >= at + timers.linger) {
                forget.push(call_id.clone());
            }
        }
        for call_id in keep_alive {
            if let Ok(request) = self.keep_alive(&CallId::from(call_id.as_str()), now) {
                self.transmit.push_back(request);
            }
        }
        for call_id in forget {
            self.forget(&call_id);
        }
        let mut timed_out = Vec::new();
        // A retry whose call ended meanwhile is dropped (but the hang-up's).
        let moot: Vec<String> = self
            .outstanding
            .iter()
            .filter(|(_, sent)| sent.retry_at.is_some() && self.moot(sent))
            .map(|(id, _)| id.clone())
            .collect();
        for (request_id, sent) in &mut self.outstanding {
            if moot.contains(request_id) {
                continue;
            } else if let Some(at) = sent.retry_at
                && now >= at
            {
                sent.retry_at = None;
                sent.attempts += 1;
                sent.deadline = now + timers.operation_timeout;
                self.transmit.push_back(sent.request());
            } else if sent.retry_at.is_none() && now >= sent.deadline {
                timed_out.push(request_id.clone());
            }
        }
        for request_id in moot {
            self.settle(&request_id);
        }
        for request_id in timed_out {
            if let Some(sent) = self.settle(&request_id) {
                self.events.push_back(Event::OperationTimedOut {
                    call_id: sent.call_id,
                    outgoing: sent.outgoing,
                    operation_id: sent.operation_id,
                    client_request_id: request_id,
                });
            }
        }
    }

    /// Forgets an ended call: its tracker state, its timers, its requests.
    fn forget(&mut self, call_id: &str) {
        self.calls.remove(call_id);
        self.tracker.evict(call_id);
        self.forgotten.insert(call_id.to_owned());
        let requests: Vec<String> = self
            .outstanding
            .iter()
            .filter(|(_, sent)| sent.call_id.as_deref() == Some(call_id))
            .map(|(id, _)| id.clone())
            .collect();
        for request_id in requests {
            self.settle(&request_id);
        }
    }

    /// The next request the timers want sent (a keep-alive, a retry), if any.
    pub fn poll_transmit(&mut self, _now: SystemTime) -> Option<http::Request<Vec<u8>>> {
        self.transmit.pop_front()
    }
}

/// A call ended: no more timers but the one that forgets it.
fn end(held: &mut Held, now: SystemTime) {
    held.ended_at.get_or_insert(now);
    held.answer_by = None;
    held.keep_alive_at = None;
}

/// The event of a failed request.
fn failed(request_id: &str, sent: Outstanding, failure: Failure) -> Event {
    Event::RequestFailed {
        call_id: sent.call_id,
        outgoing: sent.outgoing,
        client_request_id: request_id.to_owned(),
        failure,
    }
}

/// A fresh `clientContext` for a body that declares one and has none; the
/// body's context either way.
fn with_context<B: ActionBody>(body: &mut B, fresh: &str) -> Option<String> {
    let slot = body.client_context_mut()?;
    Some(slot.get_or_insert_with(|| fresh.to_owned()).clone())
}

/// The `client-request-id` the bot stamped a request with.
fn request_id<B>(request: &http::Request<B>) -> Option<String> {
    let value = request.headers().get(CLIENT_REQUEST_ID)?;
    Some(value.to_str().ok()?.to_owned())
}

/// A reply with an empty body.
fn status(status: StatusCode) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(Vec::new());
    *response.status_mut() = status;
    response
}
