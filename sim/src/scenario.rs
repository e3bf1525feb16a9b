//! Scenarios: a call's script, as a JSON file anyone can write. The built-in ones
//! are written in the same format (`sim/scenarios/*.json`).
//!
//! ```json
//! {"name": "incoming-p2p",
//!  "description": "A Teams user calls the bot and hangs up after its first prompt.",
//!  "steps": [
//!    {"incoming": "teams"},
//!    {"expectAnswer": {}},
//!    {"waitPromptCompleted": {"timeoutMs": 5000}},
//!    {"hangUp": {}}
//!  ]}
//! ```
//!
//! The steps, each an object with one member:
//!
//! - `{"incoming": "teams" | "pstn" | "recording"}` — a call to the bot, posted to
//!   its URL. Must come first. In the long form, `{"incoming": {"kind": "teams",
//!   "legacy": true}}` posts the legacy (Skype-format) notification first, which
//!   must be answered exactly `204`; `"forged": true` posts the notification only
//!   forged — signed by another key, for another audience, expired — each of which
//!   must be answered `401`, and the call never acted on.
//! - `{"expectAnswer": {}}` — the bot must answer, reject or redirect within the
//!   deadline (15 s, 5 s for a recording call, or `--answer-deadline`).
//! - `{"throttle": {"retryAfterS": 1}}` — the bot's next action (right after
//!   `incoming`: its first) is answered `429` with `Retry-After`; the same request
//!   (by `client-request-id`, else method and path) again before it elapsed is
//!   `retry_too_soon`.
//! - `{"waitEstablished": {"timeoutMs": N}}`, `{"waitPromptCompleted": {"timeoutMs":
//!   N}}` — wait until the call is established, or one of its prompts completed,
//!   and the bot was posted the notifications that say so (no finding when it
//!   does not happen: the bot's choices are its own).
//! - `{"tones": {"tones": ["1", "#"], "gapMs": N}}` — DTMF tones, one callback each.
//! - `{"roster": {"joins": ["p1"], "mutes": ["p1"], "leaves": ["p1"]}}` — one delta
//!   roster with the next sequence number.
//! - `{"hangUp": {"graceMs": N}}` — the remote side hangs up. An action that
//!   reaches Graph before the notification of the end is sent to the bot, or within
//!   `graceMs` (default 250) after, was in flight; any later one is
//!   `action_on_terminated_call`.
//! - `{"pause": {"ms": N}}` — wait.

use serde::Deserialize;

use crate::graph::Incoming;

/// A scenario: its name, what it does, and its steps.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Scenario {
    /// Its name (a built-in's, or the file's).
    pub name: String,
    /// What it does, in words.
    #[serde(default)]
    pub description: String,
    /// What happens, in order.
    pub steps: Vec<Step>,
}

/// The kind of an incoming call, as a scenario names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum Caller {
    /// A Teams user.
    Teams,
    /// A phone number.
    Pstn,
    /// A compliance recording call.
    Recording,
}

impl Caller {
    /// The Graph core's kind.
    pub fn incoming(self) -> Incoming {
        match self {
            Caller::Teams => Incoming::Teams,
            Caller::Pstn => Incoming::Pstn,
            Caller::Recording => Incoming::Recording,
        }
    }
}

/// One step of a scenario. See the [module documentation](self).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub enum Step {
    /// An incoming call.
    Incoming(IncomingStep),
    /// The bot must decide within the deadline.
    ExpectAnswer {},
    /// The bot's next action is throttled.
    Throttle {
        /// The `Retry-After`, in whole seconds.
        #[serde(rename = "retryAfterS")]
        retry_after_s: u64,
    },
    /// Until the call is established.
    WaitEstablished {
        /// How long at most.
        #[serde(rename = "timeoutMs")]
        timeout_ms: u64,
    },
    /// Until an operation of the call completed.
    WaitPromptCompleted {
        /// How long at most.
        #[serde(rename = "timeoutMs")]
        timeout_ms: u64,
    },
    /// DTMF tones.
    Tones {
        /// The tones: `0`–`9`, `*`, `#`, `A`–`D`.
        tones: Vec<String>,
        /// The time between two.
        #[serde(rename = "gapMs", default)]
        gap_ms: u64,
    },
    /// A delta roster.
    Roster {
        /// Participants who join.
        #[serde(default)]
        joins: Vec<String>,
        /// Participants who mute themselves.
        #[serde(default)]
        mutes: Vec<String>,
        /// Participants who leave.
        #[serde(default)]
        leaves: Vec<String>,
    },
    /// The remote side hangs up.
    HangUp {
        /// How long an action already in flight is allowed.
        #[serde(rename = "graceMs", default = "grace")]
        grace_ms: u64,
    },
    /// A pause.
    Pause {
        /// How long.
        ms: u64,
    },
}

fn grace() -> u64 {
    250
}

/// An incoming call's step.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum IncomingStep {
    /// Just the kind: `"teams"`.
    Kind(Caller),
    /// The kind, and how the notification comes.
    Detailed {
        /// The kind.
        kind: Caller,
        /// Whether the legacy (Skype-format) notification comes first.
        #[serde(default)]
        legacy: bool,
        /// Whether the notification comes only forged.
        #[serde(default)]
        forged: bool,
    },
}

impl IncomingStep {
    /// The caller.
    pub fn caller(&self) -> Caller {
        match self {
            IncomingStep::Kind(kind) | IncomingStep::Detailed { kind, .. } => *kind,
        }
    }

    /// Whether the legacy notification comes first.
    pub fn legacy(&self) -> bool {
        matches!(self, IncomingStep::Detailed { legacy: true, .. })
    }

    /// Whether the notification comes only forged.
    pub fn forged(&self) -> bool {
        matches!(self, IncomingStep::Detailed { forged: true, .. })
    }
}

/// Why a scenario file was not read.
#[derive(Debug)]
#[non_exhaustive]
pub struct ScenarioError(pub String);

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScenarioError {}

impl Scenario {
    /// Reads a scenario from its JSON text.
    ///
    /// # Errors
    ///
    /// A [`ScenarioError`] with the line and column of what is wrong, or when it
    /// does not begin with an `incoming` step.
    pub fn from_json(text: &[u8]) -> Result<Scenario, ScenarioError> {
        let scenario: Scenario = serde_json::from_slice(text)
            .map_err(|e| ScenarioError(format!("line {}, column {}: {e}", e.line(), e.column())))?;
        if !matches!(scenario.steps.first(), Some(Step::Incoming(_))) {
            return Err(ScenarioError(format!(
                "scenario {}: the first step must be `incoming`",
                scenario.name
            )));
        }
        Ok(scenario)
    }

    /// The built-in scenario of this name.
    pub fn builtin(name: &str) -> Option<Scenario> {
        BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, text)| Scenario::from_json(text.as_bytes()).ok())
    }

    /// Every built-in scenario, in the contract's order.
    pub fn builtins() -> Vec<Scenario> {
        BUILTIN
            .iter()
            .filter_map(|(_, text)| Scenario::from_json(text.as_bytes()).ok())
            .collect()
    }
}

/// The built-in scenarios' files, by name.
const BUILTIN: &[(&str, &str)] = &[
    (
        "incoming-p2p",
        include_str!("../scenarios/incoming-p2p.json"),
    ),
    (
        "incoming-pstn",
        include_str!("../scenarios/incoming-pstn.json"),
    ),
    (
        "incoming-recording",
        include_str!("../scenarios/incoming-recording.json"),
    ),
    (
        "group-roster",
        include_str!("../scenarios/group-roster.json"),
    ),
    ("dtmf", include_str!("../scenarios/dtmf.json")),
    (
        "remote-hangup",
        include_str!("../scenarios/remote-hangup.json"),
    ),
    (
        "legacy-first",
        include_str!("../scenarios/legacy-first.json"),
    ),
    (
        "forged-token",
        include_str!("../scenarios/forged-token.json"),
    ),
    ("throttled", include_str!("../scenarios/throttled.json")),
];
