//! The JWS compact serialization (RFC 7515 §7.1), read defensively: three
//! base64url segments, and a header and claims that are each one JSON object naming
//! each member once.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::error::{AuthError, AuthErrorKind};

/// A token split into its segments.
#[derive(Debug)]
pub(super) struct Compact<'a> {
    /// The base64url header.
    pub(super) header: &'a str,
    /// The base64url claims.
    pub(super) claims: &'a str,
    /// The signature, decoded.
    pub(super) signature: Vec<u8>,
    /// What the signature signs: `header.claims`, as the token spells them.
    pub(super) signed: &'a str,
}

fn malformed(message: impl Into<String>) -> AuthError {
    AuthError::new(AuthErrorKind::Malformed, message)
}

/// Splits `token` into its three segments, each base64url without padding, the
/// header and claims non-empty (the signature may be empty here, so that an
/// unsigned `alg: none` token is refused for its algorithm). A token with a segment
/// repeated, or two tokens run together, has more than three.
pub(super) fn split(token: &str) -> Result<Compact<'_>, AuthError> {
    let count = token.split('.').count();
    let mut parts = token.split('.');
    let (Some(header), Some(claims), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed(format!(
            "the token has {count} dot-separated segment{}, a signed JWT has 3",
            if count == 1 { "" } else { "s" }
        )));
    };
    for (name, segment) in [
        ("header", header),
        ("claims", claims),
        ("signature", signature),
    ] {
        if segment.is_empty() && name != "signature" {
            return Err(malformed(format!("the {name} segment is empty")));
        }
        if let Some(at) = segment
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        {
            return Err(malformed(format!(
                "the {name} segment is not base64url (a byte outside A-Z a-z 0-9 - _ at its offset {at})"
            )));
        }
    }
    let signature = decode(signature, "signature")?;
    Ok(Compact {
        header,
        claims,
        signature,
        signed: &token[..header.len() + 1 + claims.len()],
    })
}

fn decode(segment: &str, name: &str) -> Result<Vec<u8>, AuthError> {
    URL_SAFE_NO_PAD
        .decode(segment)
        .map_err(|e| malformed(format!("the {name} segment is not base64url: {e}")))
}

/// The JSON object a header or claims segment encodes.
pub(super) fn object(segment: &str, name: &str) -> Result<Map<String, Value>, AuthError> {
    let bytes = decode(segment, name)?;
    serde_json::from_slice::<UniqueObject>(&bytes)
        .map(|o| o.0)
        .map_err(|e| {
            malformed(format!(
                "the {name} segment does not hold one JSON object: {e}"
            ))
        })
}

/// A JSON object whose members each appear once: with a member twice, two readers
/// of the same token could see two different values (`{"alg":"RS256","alg":"none"}`),
/// so the token is refused (RFC 7515 §4: "the Header Parameter names ... MUST be
/// unique", and RFC 7519 §4 for claims).
struct UniqueObject(Map<String, Value>);

impl<'de> Deserialize<'de> for UniqueObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(UniqueVisitor)
    }
}

struct UniqueVisitor;

impl<'de> Visitor<'de> for UniqueVisitor {
    type Value = UniqueObject;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<UniqueObject, A::Error> {
        let mut out = Map::new();
        while let Some(name) = access.next_key::<String>()? {
            let value: Value = access.next_value()?;
            if out.contains_key(&name) {
                return Err(de::Error::custom(format_args!(
                    "member {} appears twice",
                    super::error::quoted(&name)
                )));
            }
            out.insert(name, value);
        }
        Ok(UniqueObject(out))
    }
}
