//! What a verified token says.

use std::time::SystemTime;

use serde_json::{Map, Value};

use super::keys::SigningAlgorithm;

/// The claims of a verified callback token.
///
/// Every field was checked or read from the signed claims; [`raw`](Claims::raw)
/// keeps all of them, the ones named here included.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Claims {
    /// `iss`: one of the verifier's issuers.
    pub issuer: String,
    /// The `aud` value that matched the bot's application id (`aud` may be one
    /// string or an array of them).
    pub audience: String,
    /// `tid`: the tenant the call belongs to, when the token has one.
    pub tenant_id: Option<String>,
    /// `appid`: the application the token was issued to, when present.
    pub app_id: Option<String>,
    /// `azp`: the authorized party, when present.
    pub authorized_party: Option<String>,
    /// `iat`, when present.
    pub issued_at: Option<SystemTime>,
    /// `nbf`, when present.
    pub not_before: Option<SystemTime>,
    /// `exp`.
    pub expires_at: SystemTime,
    /// The header's `kid`: the key that verified the signature.
    pub key_id: Option<String>,
    /// The header's `alg`.
    pub algorithm: SigningAlgorithm,
    /// Every claim, as signed.
    pub raw: Map<String, Value>,
}
