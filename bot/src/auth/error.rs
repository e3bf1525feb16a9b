//! Why a token was refused, and why a key document does not read.

use std::fmt;

/// The stable kind of an [`AuthError`]: what scripts and logs match on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthErrorKind {
    /// Not a JWS compact token this verifier reads: too long, not `Bearer`, not
    /// three base64url segments, a header or claims set that is not one JSON
    /// object (or names a member twice), a claim of the wrong JSON type.
    Malformed,
    /// The header's `alg` is `none`, HMAC, or any algorithm the configuration does
    /// not advertise.
    UnsupportedAlgorithm,
    /// The header's `kid` is not in the key set: refresh the cached keys (Graph
    /// rotates them) and verify again.
    UnknownKey,
    /// The signature is not the key's signature of the token's first two segments:
    /// another key signed it, or the header or claims were changed.
    BadSignature,
    /// `exp` has passed, leeway included.
    Expired,
    /// `nbf`, or `iat`, is still ahead, leeway included.
    NotYetValid,
    /// `aud` does not name the bot's application id.
    WrongAudience,
    /// `iss` is not one of the accepted issuers.
    WrongIssuer,
    /// A claim the check needs (`exp`, `iss`, `aud`) is absent.
    MissingClaim,
}

impl AuthErrorKind {
    /// The kind's stable name: `malformed`, `unsupported_algorithm`, `unknown_key`,
    /// `bad_signature`, `expired`, `not_yet_valid`, `wrong_audience`,
    /// `wrong_issuer` or `missing_claim`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthErrorKind::Malformed => "malformed",
            AuthErrorKind::UnsupportedAlgorithm => "unsupported_algorithm",
            AuthErrorKind::UnknownKey => "unknown_key",
            AuthErrorKind::BadSignature => "bad_signature",
            AuthErrorKind::Expired => "expired",
            AuthErrorKind::NotYetValid => "not_yet_valid",
            AuthErrorKind::WrongAudience => "wrong_audience",
            AuthErrorKind::WrongIssuer => "wrong_issuer",
            AuthErrorKind::MissingClaim => "missing_claim",
        }
    }
}

impl fmt::Display for AuthErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused token: its [`kind`](AuthError::kind) and a message for logs.
///
/// The message never contains the token. It may quote a short, escaped header or
/// claim value (a `kid`, an issuer) that says what was wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthError {
    kind: AuthErrorKind,
    message: String,
}

impl AuthError {
    pub(super) fn new(kind: AuthErrorKind, message: impl Into<String>) -> Self {
        AuthError {
            kind,
            message: message.into(),
        }
    }

    /// What kind of refusal this is.
    pub fn kind(&self) -> AuthErrorKind {
        self.kind
    }

    /// What was wrong, in words.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// `<kind>: <message>`.
impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for AuthError {}

/// A key set (JWKS) or OpenID configuration document that does not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentError {
    document: &'static str,
    pointer: String,
    message: String,
}

impl DocumentError {
    pub(super) fn new(
        document: &'static str,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        DocumentError {
            document,
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// The JSON pointer of the offending value (`""` for the whole document).
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// What is wrong there.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// `<document> at <pointer>: <message>`.
impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {:?}: {}",
            self.document, self.pointer, self.message
        )
    }
}

impl std::error::Error for DocumentError {}

/// `value`, escaped and cut to a length fit for a log line: for quoting what a
/// token says without letting it write the log.
pub(super) fn quoted(value: &str) -> String {
    const MAX: usize = 80;
    let mut cut: String = value.chars().take(MAX).collect();
    if cut.len() < value.len() {
        cut.push('…');
    }
    format!("{cut:?}")
}
