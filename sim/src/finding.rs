//! Conformance findings: what the simulator holds a bot to, each a stable code.

use std::fmt;

/// How bad a finding is. `passed` means no finding of severity `error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// Worth knowing; the run still passes.
    Warning,
    /// The bot broke a rule of the protocol.
    Error,
}

impl Severity {
    /// `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The rule a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum FindingCode {
    /// No answer, reject or redirect within the deadline.
    AnswerLate,
    /// A callback acknowledged after the acknowledgement timeout.
    CallbackSlow,
    /// A valid callback not answered 2xx.
    CallbackRejected,
    /// A legacy callback not answered exactly 204.
    LegacyNot204,
    /// A forged callback answered 2xx, or acted upon.
    ForgedTokenAccepted,
    /// A request Graph would refuse: the decoding error or the lint codes.
    InvalidRequest,
    /// A request without `Authorization: Bearer`.
    MissingAuthorization,
    /// An action on a call that ended.
    ActionOnTerminatedCall,
    /// One call answered twice.
    DuplicateAnswer,
    /// A retry sent before `Retry-After` elapsed.
    RetryTooSoon,
}

impl FindingCode {
    /// The stable code: `answer_late`, `callback_slow`, …
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::AnswerLate => "answer_late",
            FindingCode::CallbackSlow => "callback_slow",
            FindingCode::CallbackRejected => "callback_rejected",
            FindingCode::LegacyNot204 => "legacy_not_204",
            FindingCode::ForgedTokenAccepted => "forged_token_accepted",
            FindingCode::InvalidRequest => "invalid_request",
            FindingCode::MissingAuthorization => "missing_authorization",
            FindingCode::ActionOnTerminatedCall => "action_on_terminated_call",
            FindingCode::DuplicateAnswer => "duplicate_answer",
            FindingCode::RetryTooSoon => "retry_too_soon",
        }
    }

    /// Its severity: every rule is an error but the slow acknowledgement, which
    /// is only measured.
    pub fn severity(self) -> Severity {
        match self {
            FindingCode::CallbackSlow => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// One finding about one call.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// The rule.
    pub code: FindingCode,
    /// The call, when the finding is about one.
    pub call_id: Option<String>,
    /// What happened, in words.
    pub message: String,
}

impl Finding {
    /// A finding of `code` about `call_id`.
    pub fn new(code: FindingCode, call_id: Option<&str>, message: impl Into<String>) -> Self {
        Finding {
            code,
            call_id: call_id.map(str::to_owned),
            message: message.into(),
        }
    }

    /// Its severity, the code's.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.severity().as_str(),
            self.code.as_str(),
            self.message
        )
    }
}
