//! The documents a bot fetches and caches: the key set (JWKS) and the OpenID
//! configuration that points at it.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::DecodingKey;
use serde_json::{Map, Value};

use super::error::{DocumentError, quoted};

/// The smallest RSA modulus accepted, in bits (RFC 7518 §3.3: "A key of size 2048
/// bits or larger MUST be used").
const MIN_RSA_BITS: usize = 2048;

/// An RSA signature algorithm a callback token can be signed with.
///
/// Graph's configuration advertises `RS256` only; the others are here for clouds
/// whose configuration advertises them. HMAC and `none` have no value: a
/// verifier holding public keys can never accept them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SigningAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512,
    /// RSASSA-PSS with SHA-256.
    Ps256,
    /// RSASSA-PSS with SHA-384.
    Ps384,
    /// RSASSA-PSS with SHA-512.
    Ps512,
}

impl std::str::FromStr for SigningAlgorithm {
    type Err = graph_comms::UnknownName;

    /// The algorithm of a JOSE name, exactly as spelled (`RS256`).
    fn from_str(name: &str) -> Result<Self, graph_comms::UnknownName> {
        graph_comms::UnknownName::find(&Self::ALL, name, "signing algorithm", Self::as_str)
    }
}

impl SigningAlgorithm {
    /// Every algorithm, in the order above.
    pub const ALL: [SigningAlgorithm; 6] = [
        SigningAlgorithm::Rs256,
        SigningAlgorithm::Rs384,
        SigningAlgorithm::Rs512,
        SigningAlgorithm::Ps256,
        SigningAlgorithm::Ps384,
        SigningAlgorithm::Ps512,
    ];

    /// The JOSE name, as in a token header's `alg`: `RS256` and so on.
    pub fn as_str(self) -> &'static str {
        match self {
            SigningAlgorithm::Rs256 => "RS256",
            SigningAlgorithm::Rs384 => "RS384",
            SigningAlgorithm::Rs512 => "RS512",
            SigningAlgorithm::Ps256 => "PS256",
            SigningAlgorithm::Ps384 => "PS384",
            SigningAlgorithm::Ps512 => "PS512",
        }
    }

    pub(super) fn jsonwebtoken(self) -> jsonwebtoken::Algorithm {
        match self {
            SigningAlgorithm::Rs256 => jsonwebtoken::Algorithm::RS256,
            SigningAlgorithm::Rs384 => jsonwebtoken::Algorithm::RS384,
            SigningAlgorithm::Rs512 => jsonwebtoken::Algorithm::RS512,
            SigningAlgorithm::Ps256 => jsonwebtoken::Algorithm::PS256,
            SigningAlgorithm::Ps384 => jsonwebtoken::Algorithm::PS384,
            SigningAlgorithm::Ps512 => jsonwebtoken::Algorithm::PS512,
        }
    }
}

impl fmt::Display for SigningAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One usable key of a [`KeySet`].
#[derive(Clone)]
pub(super) struct Key {
    pub(super) kid: Option<String>,
    /// The key's own `alg`, when it names one: the only algorithm it verifies.
    pub(super) alg: Option<String>,
    pub(super) decoding: DecodingKey,
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key")
            .field("kid", &self.kid)
            .field("alg", &self.alg)
            .finish_non_exhaustive()
    }
}

/// A key of the JWKS document that the set does not use, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SkippedKey {
    /// The key's JSON pointer in the document (`/keys/2`).
    pub pointer: String,
    /// Its `kid`, when it has one.
    pub kid: Option<String>,
    /// Why it is not used: not RSA, not for signatures, too short, no modulus...
    pub reason: String,
}

/// The signing keys a bot trusts: the JWKS document served at the configuration's
/// `jwks_uri` (for Graph's callbacks, `https://api.aps.skype.com/v1/keys`), parsed.
///
/// The caller fetches the document and caches it; nothing here does I/O. Graph
/// rotates its keys: when a token names a `kid` the set does not hold, verification
/// fails with [`AuthErrorKind::UnknownKey`](super::AuthErrorKind::UnknownKey), the
/// sign to fetch the document again (no more often than, say, every five minutes,
/// so that forged tokens cannot make the bot fetch in a loop).
///
/// Keys the set cannot use are kept out and listed by [`skipped`](KeySet::skipped),
/// never an error: an elliptic-curve or encryption key beside the RSA signing keys
/// leaves the others usable.
#[derive(Clone, Debug)]
pub struct KeySet {
    keys: Vec<Key>,
    skipped: Vec<SkippedKey>,
}

impl KeySet {
    /// Reads a JWKS document (RFC 7517 §5): an object whose `keys` array holds
    /// JWKs. RSA signing keys (`kty` `RSA`, `use` absent or `sig`, `n` and `e`,
    /// a modulus of at least 2048 bits) are kept; the others are skipped.
    ///
    /// # Errors
    ///
    /// When the document is not JSON, not an object, or has no `keys` array.
    pub fn from_jwks(json: &[u8]) -> Result<Self, DocumentError> {
        const DOC: &str = "JWKS";
        let document: Value = serde_json::from_slice(json)
            .map_err(|e| DocumentError::new(DOC, "", format!("not JSON: {e}")))?;
        let Some(object) = document.as_object() else {
            return Err(DocumentError::new(DOC, "", "not a JSON object"));
        };
        let Some(entries) = object.get("keys").and_then(Value::as_array) else {
            return Err(DocumentError::new(DOC, "/keys", "no array of keys"));
        };
        let mut set = KeySet {
            keys: Vec::new(),
            skipped: Vec::new(),
        };
        for (i, entry) in entries.iter().enumerate() {
            let pointer = format!("/keys/{i}");
            let kid = entry.get("kid").and_then(Value::as_str).map(str::to_owned);
            match usable_key(entry) {
                Ok(key) => set.keys.push(key),
                Err(reason) => set.skipped.push(SkippedKey {
                    pointer,
                    kid,
                    reason,
                }),
            }
        }
        Ok(set)
    }

    /// The usable keys' ids, in the document's order (a key without `kid` is not
    /// listed).
    pub fn key_ids(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().filter_map(|k| k.kid.as_deref())
    }

    /// How many keys are usable.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no key is usable: every token will be refused as `unknown_key`.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The keys of the document that are not used, and why.
    pub fn skipped(&self) -> &[SkippedKey] {
        &self.skipped
    }

    /// The usable keys a token's `kid` selects: those with that id, or every key
    /// when the token names none.
    pub(super) fn candidates<'a>(&'a self, kid: Option<&'a str>) -> impl Iterator<Item = &'a Key> {
        self.keys
            .iter()
            .filter(move |k| kid.is_none() || k.kid.as_deref() == kid)
    }
}

/// The key a JWK describes, or why it is not usable.
fn usable_key(entry: &Value) -> Result<Key, String> {
    let Some(jwk) = entry.as_object() else {
        return Err("not a JSON object".to_owned());
    };
    let text = |name: &str| -> Result<Option<&str>, String> {
        match jwk.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(format!("`{name}` is not a string")),
        }
    };
    match text("kty")? {
        Some("RSA") => {}
        Some(other) => return Err(format!("key type {} is not RSA", quoted(other))),
        None => return Err("no `kty`".to_owned()),
    }
    if let Some(usage) = text("use")?
        && usage != "sig"
    {
        return Err(format!("for {}, not for signatures", quoted(usage)));
    }
    if let Some(ops) = jwk.get("key_ops").and_then(Value::as_array)
        && !ops.iter().any(|op| op.as_str() == Some("verify"))
    {
        return Err("its `key_ops` do not include `verify`".to_owned());
    }
    let component = |name: &str| -> Result<Vec<u8>, String> {
        let value = text(name)?.ok_or_else(|| format!("no `{name}`"))?;
        URL_SAFE_NO_PAD
            .decode(value)
            .map_err(|e| format!("`{name}` is not base64url: {e}"))
    };
    let n = component("n")?;
    let e = component("e")?;
    let significant = n.iter().skip_while(|b| **b == 0).count();
    let bits = significant * 8
        - n.iter()
            .find(|b| **b != 0)
            .map_or(0, |b| b.leading_zeros() as usize);
    if bits < MIN_RSA_BITS {
        return Err(format!(
            "its modulus has {bits} bits, fewer than {MIN_RSA_BITS}"
        ));
    }
    if e.iter().all(|b| *b == 0) {
        return Err("its exponent is zero".to_owned());
    }
    Ok(Key {
        kid: text("kid")?.map(str::to_owned),
        alg: text("alg")?.map(str::to_owned),
        decoding: DecodingKey::from_rsa_raw_components(&n, &e),
    })
}

/// The OpenID configuration document a bot fetches beside the key set (for Graph's
/// callbacks, `https://api.aps.skype.com/v1/.well-known/OpenIdConfiguration`).
///
/// A [`Verifier`](super::Verifier) takes from it the algorithms it advertises
/// (`id_token_signing_alg_values_supported`). Its `issuer` is read and exposed but
/// not trusted on its own: the verifier's issuers stay the ones it was given.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct OpenIdConfiguration {
    /// `issuer`.
    pub issuer: Option<String>,
    /// `jwks_uri`: where the key set is served.
    pub jwks_uri: Option<String>,
    /// `id_token_signing_alg_values_supported`, as written.
    pub signing_algorithms: Vec<String>,
    /// The whole document.
    pub raw: Map<String, Value>,
}

impl OpenIdConfiguration {
    /// Reads the document.
    ///
    /// # Errors
    ///
    /// When it is not a JSON object, or one of the three members above is of the
    /// wrong JSON type.
    pub fn from_json(json: &[u8]) -> Result<Self, DocumentError> {
        const DOC: &str = "OpenID configuration";
        let document: Value = serde_json::from_slice(json)
            .map_err(|e| DocumentError::new(DOC, "", format!("not JSON: {e}")))?;
        let Value::Object(raw) = document else {
            return Err(DocumentError::new(DOC, "", "not a JSON object"));
        };
        let text = |name: &str| -> Result<Option<String>, DocumentError> {
            match raw.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(DocumentError::new(DOC, format!("/{name}"), "not a string")),
            }
        };
        let issuer = text("issuer")?;
        let jwks_uri = text("jwks_uri")?;
        const ALGS: &str = "id_token_signing_alg_values_supported";
        let signing_algorithms = match raw.get(ALGS) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(names)) => names
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    name.as_str().map(str::to_owned).ok_or_else(|| {
                        DocumentError::new(DOC, format!("/{ALGS}/{i}"), "not a string")
                    })
                })
                .collect::<Result<_, _>>()?,
            Some(_) => {
                return Err(DocumentError::new(DOC, format!("/{ALGS}"), "not an array"));
            }
        };
        Ok(OpenIdConfiguration {
            issuer,
            jwks_uri,
            signing_algorithms,
            raw,
        })
    }

    /// The advertised algorithms this crate verifies, in the document's order:
    /// names it does not know (`HS256`, `ES256`, `none`) are left out.
    pub fn algorithms(&self) -> Vec<SigningAlgorithm> {
        let mut out = Vec::new();
        for name in &self.signing_algorithms {
            if let Ok(alg) = name.parse::<SigningAlgorithm>()
                && !out.contains(&alg)
            {
                out.push(alg);
            }
        }
        out
    }
}
