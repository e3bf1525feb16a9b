//! What a [`Bot`](super::Bot) tells its caller, and why it refuses an action.

use std::fmt;
use std::time::SystemTime;

use graph_comms::action::Action;
use graph_comms::call::Call;
use graph_comms::identity::AnyIdentitySet;
use graph_comms::operation::ResultInfo;

use crate::explain::Explanation;
use crate::http::GraphError;
use crate::tracker;

/// Something the bot's caller may act on, from [`Bot::poll_event`](super::Bot::poll_event).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// A call came in: answer, reject or redirect it by `answer_by`.
    IncomingCall {
        /// The call's id.
        call_id: String,
        /// Who is calling ([`Call::caller`]).
        caller: Option<Box<AnyIdentitySet>>,
        /// The call resource.
        call: Box<Call>,
        /// When Graph stops waiting for the bot's answer.
        answer_by: SystemTime,
        /// Whether it is a policy-based recording call (it has an observed
        /// participant), with its shorter deadline.
        recording: bool,
    },
    /// An incoming call's answer deadline is near, and it is still undecided.
    AnswerDeadlineNear {
        /// The call's id.
        call_id: String,
        /// The deadline.
        answer_by: SystemTime,
    },
    /// An incoming call's answer deadline passed without an answer, rejection or
    /// redirection: Graph will end it (`408/1106` for a recording call).
    AnswerDeadlinePassed {
        /// The call's id.
        call_id: String,
        /// The deadline.
        answer_by: SystemTime,
    },
    /// An operation finished, as its notification (or the action's response) said.
    OperationFinished {
        /// The call's id.
        call_id: String,
        /// The operation's id.
        operation_id: String,
        /// The action that started it, when this bot sent it.
        action: Option<Action>,
        /// The `clientContext` the action carried.
        client_context: Option<String>,
        /// Whether it completed (`false`: it failed).
        completed: bool,
        /// Its result, when given.
        result_info: Option<ResultInfo>,
        /// What the result means.
        explanation: Option<Explanation>,
    },
    /// An action's operation has not finished (or its request has had no response)
    /// within the operation timeout. Nothing more is waited for.
    OperationTimedOut {
        /// The call's id, when known.
        call_id: Option<String>,
        /// What was sent.
        outgoing: Outgoing,
        /// The operation's id, when the response gave one.
        operation_id: Option<String>,
        /// The request's `client-request-id`.
        client_request_id: String,
    },
    /// The call ended.
    CallTerminated {
        /// The call's id.
        call_id: String,
        /// Why, when given.
        result_info: Option<ResultInfo>,
        /// What the result means.
        explanation: Option<Explanation>,
    },
    /// A callback was signed with a key the bot does not have: fetch the key set
    /// again and give it to [`Bot::set_keys`](super::Bot::set_keys). Asked at most
    /// once per [`Timers::key_refresh_interval`](super::Timers::key_refresh_interval).
    KeysStale {
        /// The verifier's words.
        reason: String,
    },
    /// A request failed: Graph refused it, or its retries ran out.
    RequestFailed {
        /// The call's id, when known.
        call_id: Option<String>,
        /// What was sent.
        outgoing: Outgoing,
        /// The request's `client-request-id`.
        client_request_id: String,
        /// Why.
        failure: Failure,
    },
    /// What the call tracker saw: a state change (but `incoming`, which is
    /// [`IncomingCall`](Event::IncomingCall)), a call update, a roster change, a
    /// tone, a sharing session, a resource passed through, an operation still
    /// running.
    Call(tracker::Event),
    /// A notification the tracker did not apply, and why.
    Ignored(tracker::Warning),
}

impl Event {
    /// The id of the call the event is about, when it is about one.
    pub fn call_id(&self) -> Option<&str> {
        match self {
            Event::IncomingCall { call_id, .. }
            | Event::AnswerDeadlineNear { call_id, .. }
            | Event::AnswerDeadlinePassed { call_id, .. }
            | Event::OperationFinished { call_id, .. }
            | Event::CallTerminated { call_id, .. } => Some(call_id),
            Event::OperationTimedOut { call_id, .. } | Event::RequestFailed { call_id, .. } => {
                call_id.as_deref()
            }
            Event::Call(event) => Some(event.call_id()),
            Event::Ignored(warning) => warning.call_id.as_deref(),
            Event::KeysStale { .. } => None,
        }
    }
}

/// What a request the bot built was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Outgoing {
    /// `POST /communications/calls`.
    CreateCall,
    /// A bound action.
    Action(Action),
    /// `DELETE` of the call: hanging up.
    HangUp,
}

impl fmt::Display for Outgoing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outgoing::CreateCall => f.write_str("create call"),
            Outgoing::Action(action) => f.write_str(action.as_str()),
            Outgoing::HangUp => f.write_str("hang up"),
        }
    }
}

/// Why a request failed.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Failure {
    /// Graph answered with an error that a retry does not mend.
    Graph(Box<GraphError>),
    /// Throttled or unavailable each time, until the retries ran out: the last
    /// error, if Graph gave one (`None` when the request could not be sent).
    RetriesExhausted {
        /// How many times it was sent.
        attempts: u32,
        /// The last error.
        last: Option<Box<GraphError>>,
    },
    /// A success the bot cannot read: a created call whose response names no
    /// call, a body that does not decode.
    Unreadable(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Graph(e) => write!(f, "{e}"),
            Failure::RetriesExhausted { attempts, last } => {
                write!(f, "no success after {attempts} attempts")?;
                match last {
                    Some(e) => write!(f, ": {e}"),
                    None => f.write_str(": the request could not be sent"),
                }
            }
            Failure::Unreadable(e) => write!(f, "the response cannot be read: {e}"),
        }
    }
}

/// Why the bot refuses to build a request.
#[derive(Debug)]
#[non_exhaustive]
pub enum ActionError {
    /// No callback and no created call spoke of this call.
    UnknownCall(String),
    /// The call ended, or the bot hung it up: nothing more can be done in it.
    CallEnded(String),
    /// The incoming call was already answered, rejected or redirected.
    AlreadyDecided(String),
    /// The request could not be built.
    Http(crate::http::Error),
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActionError::UnknownCall(id) => write!(f, "no call {id} is known to this bot"),
            ActionError::CallEnded(id) => write!(f, "the call {id} has ended"),
            ActionError::AlreadyDecided(id) => {
                write!(
                    f,
                    "the incoming call {id} was already answered, rejected or redirected"
                )
            }
            ActionError::Http(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ActionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ActionError::Http(e) => Some(e),
            _ => None,
        }
    }
}

impl From<crate::http::Error> for ActionError {
    fn from(e: crate::http::Error) -> Self {
        ActionError::Http(e)
    }
}
