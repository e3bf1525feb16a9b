//! Checking a token against the cached keys, the issuers, the bot's application id
//! and the caller's clock.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value};

use super::claims::Claims;
use super::error::{AuthError, AuthErrorKind, quoted};
use super::keys::{KeySet, OpenIdConfiguration, SigningAlgorithm};
use super::token;

/// The issuers of Graph's callback tokens, accepted by default: the calling
/// samples' `ValidIssuers`, and `https://api.botframework.com/` with its trailing
/// slash, as the US Government clouds write it (their keys come from another
/// OpenID configuration: give the bot that one's key set).
pub const DEFAULT_ISSUERS: [&str; 3] = [
    "https://graph.microsoft.com",
    "https://api.botframework.com",
    "https://api.botframework.com/",
];

/// The clock skew allowed on each side of `exp`, `nbf` and `iat` by default: five
/// minutes, the default `ClockSkew` of the .NET token validation the samples use.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(5 * 60);

/// The longest token (or `Authorization` value) read by default, in bytes: Graph's
/// tokens are under 2 KiB; anything far longer is refused before any decoding.
pub const DEFAULT_MAX_TOKEN_LEN: usize = 16 * 1024;

/// Verifies the bearer tokens of Graph's callbacks, without I/O.
///
/// Build one per application id with the key set the service fetched and caches,
/// and verify each callback's `Authorization` header with the current time:
///
/// ```
/// use std::time::SystemTime;
/// use graph_comms_bot::auth::{AuthErrorKind, KeySet, Verifier};
///
/// // The document served at https://api.aps.skype.com/v1/keys, fetched and cached
/// // by the service (here: a set whose one key is not an RSA signing key).
/// let jwks = br#"{"keys": [{"kty": "EC", "kid": "k1", "crv": "P-256", "x": "", "y": ""}]}"#;
/// let keys = KeySet::from_jwks(jwks)?;
/// assert_eq!(keys.skipped().len(), 1);
///
/// let verifier = Verifier::new("3d913abb-aec0-4964-8fa6-3c6850c4f278", keys);
/// let refused = verifier
///     .verify_authorization("Basic dXNlcjpwYXNz", SystemTime::now())
///     .unwrap_err();
/// assert_eq!(refused.kind(), AuthErrorKind::Malformed);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The checks, in order, each with the [`AuthErrorKind`] of its refusal:
///
/// 1. the length, before anything is decoded (`malformed`);
/// 2. the `Bearer` scheme, three base64url segments, a header that is one JSON
///    object naming each member once, no `crit` (`malformed`);
/// 3. `alg`: one of the accepted algorithms, RSA only; `none` and HMAC never
///    (`unsupported_algorithm`), which also refuses an HS256 token keyed with the
///    RSA public key's bytes;
/// 4. `kid`: a key of the set (`unknown_key`: fetch the keys again); a token with
///    no `kid` is tried against every key. Keys embedded in the header (`jwk`,
///    `jku`, `x5c`, `x5u`) are never used;
/// 5. the signature (`bad_signature`);
/// 6. the claims: one JSON object naming each claim once (`malformed`), with
///    `exp`, `iss` and `aud` (`missing_claim`);
/// 7. `exp`, then `nbf` and `iat` when present, against the clock with the
///    leeway (`expired`, `not_yet_valid`);
/// 8. `iss` among the issuers (`wrong_issuer`), `aud` (one string or an array)
///    naming the application id (`wrong_audience`). Both compare exactly.
#[derive(Clone, Debug)]
pub struct Verifier {
    app_id: String,
    keys: KeySet,
    issuers: Vec<String>,
    algorithms: Vec<SigningAlgorithm>,
    leeway: Duration,
    max_len: usize,
}

impl Verifier {
    /// A verifier for tokens addressed to `app_id` (the bot's application id),
    /// signed by one of `keys`, with the [`DEFAULT_ISSUERS`], `RS256`, the
    /// [`DEFAULT_LEEWAY`] and the [`DEFAULT_MAX_TOKEN_LEN`].
    pub fn new(app_id: impl Into<String>, keys: KeySet) -> Self {
        Verifier {
            app_id: app_id.into(),
            keys,
            issuers: DEFAULT_ISSUERS.iter().map(|&s| s.to_owned()).collect(),
            algorithms: vec![SigningAlgorithm::Rs256],
            leeway: DEFAULT_LEEWAY,
            max_len: DEFAULT_MAX_TOKEN_LEN,
        }
    }

    /// Accepts the algorithms the configuration advertises, and only those (see
    /// [`OpenIdConfiguration::algorithms`]). A configuration that advertises no
    /// RSA algorithm leaves none: every token is then refused.
    #[must_use]
    pub fn with_openid_configuration(mut self, configuration: &OpenIdConfiguration) -> Self {
        self.algorithms = configuration.algorithms();
        self
    }

    /// Accepts exactly these algorithms.
    #[must_use]
    pub fn with_algorithms(
        mut self,
        algorithms: impl IntoIterator<Item = SigningAlgorithm>,
    ) -> Self {
        self.algorithms = algorithms.into_iter().collect();
        self
    }

    /// Accepts exactly these issuers (for another cloud's tokens), in place of the
    /// [`DEFAULT_ISSUERS`].
    #[must_use]
    pub fn with_issuers<S: Into<String>>(mut self, issuers: impl IntoIterator<Item = S>) -> Self {
        self.issuers = issuers.into_iter().map(Into::into).collect();
        self
    }

    /// Allows this much clock skew on each side of `exp`, `nbf` and `iat`.
    #[must_use]
    pub fn with_leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }

    /// Refuses tokens (and `Authorization` values) longer than `max_len` bytes.
    #[must_use]
    pub fn with_max_token_len(mut self, max_len: usize) -> Self {
        self.max_len = max_len;
        self
    }

    /// Replaces the key set, after the service fetched it again.
    pub fn set_keys(&mut self, keys: KeySet) {
        self.keys = keys;
    }

    /// The key set tokens are checked against.
    pub fn keys(&self) -> &KeySet {
        &self.keys
    }

    /// The application id tokens must be addressed to.
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The accepted issuers.
    pub fn issuers(&self) -> &[String] {
        &self.issuers
    }

    /// The accepted algorithms.
    pub fn algorithms(&self) -> &[SigningAlgorithm] {
        &self.algorithms
    }

    /// Verifies a token (the compact JWS, surrounding whitespace ignored) at the
    /// time `now`.
    ///
    /// # Errors
    ///
    /// An [`AuthError`] whose kind says why the token is refused.
    pub fn verify(&self, token: impl AsRef<[u8]>, now: SystemTime) -> Result<Claims, AuthError> {
        let text = self.text(token.as_ref(), "token")?;
        self.verify_compact(text, now)
    }

    /// Verifies the value of an `Authorization` header, `Bearer <token>` (the
    /// scheme in any case, surrounding whitespace ignored), at the time `now`.
    /// An `http::HeaderValue` can be passed as it is.
    ///
    /// # Errors
    ///
    /// An [`AuthError`] whose kind says why the token is refused; `malformed` for a
    /// value that is not a `Bearer` credential.
    pub fn verify_authorization(
        &self,
        value: impl AsRef<[u8]>,
        now: SystemTime,
    ) -> Result<Claims, AuthError> {
        let text = self.text(value.as_ref(), "Authorization value")?;
        let (scheme, credential) = text.split_once([' ', '\t']).unwrap_or((text, ""));
        if !scheme.eq_ignore_ascii_case("bearer") {
            return Err(AuthError::new(
                AuthErrorKind::Malformed,
                "the Authorization value is not a Bearer credential",
            ));
        }
        let credential = credential.trim_start_matches([' ', '\t']);
        if credential.is_empty() {
            return Err(AuthError::new(
                AuthErrorKind::Malformed,
                "the Authorization value has no token after Bearer",
            ));
        }
        self.verify_compact(credential, now)
    }

    /// Verifies the `Authorization` header of a callback request at the time `now`.
    ///
    /// # Errors
    ///
    /// As [`verify_authorization`](Verifier::verify_authorization); `malformed`
    /// when the request has no `Authorization` header, or more than one.
    pub fn verify_request<B>(
        &self,
        request: &http::Request<B>,
        now: SystemTime,
    ) -> Result<Claims, AuthError> {
        let mut values = request
            .headers()
            .get_all(http::header::AUTHORIZATION)
            .iter();
        let (Some(value), None) = (values.next(), values.next()) else {
            return Err(AuthError::new(
                AuthErrorKind::Malformed,
                "the request needs exactly one Authorization header",
            ));
        };
        self.verify_authorization(value, now)
    }

    /// The input as text, once its length is known to be within bounds.
    fn text<'a>(&self, input: &'a [u8], what: &str) -> Result<&'a str, AuthError> {
        if input.len() > self.max_len {
            return Err(AuthError::new(
                AuthErrorKind::Malformed,
                format!(
                    "the {what} is {} bytes long, more than the limit of {}",
                    input.len(),
                    self.max_len
                ),
            ));
        }
        let text = std::str::from_utf8(input).map_err(|_| {
            AuthError::new(AuthErrorKind::Malformed, format!("the {what} is not text"))
        })?;
        Ok(text.trim_matches(|c: char| c.is_ascii_whitespace()))
    }

    fn verify_compact(&self, token: &str, now: SystemTime) -> Result<Claims, AuthError> {
        let compact = token::split(token)?;
        let header = token::object(compact.header, "header")?;
        let algorithm = self.algorithm(&header)?;
        if header.contains_key("crit") {
            return Err(AuthError::new(
                AuthErrorKind::Malformed,
                "the header lists critical extensions (crit), which this verifier does not understand",
            ));
        }
        let kid = match header.get("kid") {
            None | Some(Value::Null) => None,
            Some(Value::String(kid)) => Some(kid.as_str()),
            Some(_) => {
                return Err(AuthError::new(
                    AuthErrorKind::Malformed,
                    "the header's kid is not a string",
                ));
            }
        };
        if compact.signature.is_empty() {
            return Err(AuthError::new(
                AuthErrorKind::Malformed,
                "the signature segment is empty",
            ));
        }
        self.check_signature(&compact, kid, algorithm)?;
        let claims = token::object(compact.claims, "claims")?;
        self.check_claims(claims, kid, algorithm, now)
    }

    /// The header's `alg`, when it is one of the accepted algorithms.
    fn algorithm(&self, header: &Map<String, Value>) -> Result<SigningAlgorithm, AuthError> {
        let name = match header.get("alg") {
            Some(Value::String(name)) => name,
            Some(_) => {
                return Err(AuthError::new(
                    AuthErrorKind::Malformed,
                    "the header's alg is not a string",
                ));
            }
            None => {
                return Err(AuthError::new(
                    AuthErrorKind::Malformed,
                    "the header has no alg",
                ));
            }
        };
        name.parse::<SigningAlgorithm>()
            .ok()
            .filter(|alg| self.algorithms.contains(alg))
            .ok_or_else(|| {
                let accepted: Vec<&str> = self.algorithms.iter().map(|a| a.as_str()).collect();
                AuthError::new(
                    AuthErrorKind::UnsupportedAlgorithm,
                    format!(
                        "the token is signed with {}; accepted: {}",
                        quoted(name),
                        if accepted.is_empty() {
                            "none".to_owned()
                        } else {
                            accepted.join(", ")
                        }
                    ),
                )
            })
    }

    /// Whether a key the `kid` selects signed the token.
    fn check_signature(
        &self,
        compact: &token::Compact<'_>,
        kid: Option<&str>,
        algorithm: SigningAlgorithm,
    ) -> Result<(), AuthError> {
        let named = || {
            kid.map_or_else(
                || "no key of the set".to_owned(),
                |k| format!("key {}", quoted(k)),
            )
        };
        let factory = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.verifier_factory;
        let mut candidates = 0;
        let mut tried = 0;
        let mut other_algorithm = None;
        for key in self.keys.candidates(kid) {
            candidates += 1;
            if let Some(own) = key.alg.as_deref()
                && own != algorithm.as_str()
            {
                other_algorithm.get_or_insert(own);
                continue;
            }
            tried += 1;
            if let Ok(verifier) = factory(&algorithm.jsonwebtoken(), &key.decoding)
                && verifier
                    .verify(compact.signed.as_bytes(), &compact.signature)
                    .is_ok()
            {
                return Ok(());
            }
        }
        if candidates == 0 {
            return Err(AuthError::new(
                AuthErrorKind::UnknownKey,
                match kid {
                    Some(kid) => format!(
                        "the key set has no key {}: fetch the keys again, they may have rotated",
                        quoted(kid)
                    ),
                    None => "the token names no key (kid) and the key set is empty".to_owned(),
                },
            ));
        }
        if tried == 0 {
            return Err(AuthError::new(
                AuthErrorKind::UnsupportedAlgorithm,
                format!(
                    "{} is for {}, the token is signed with {algorithm}",
                    named(),
                    quoted(other_algorithm.unwrap_or_default())
                ),
            ));
        }
        Err(AuthError::new(
            AuthErrorKind::BadSignature,
            format!("the signature is not {}'s", named()),
        ))
    }

    fn check_claims(
        &self,
        raw: Map<String, Value>,
        kid: Option<&str>,
        algorithm: SigningAlgorithm,
        now: SystemTime,
    ) -> Result<Claims, AuthError> {
        let missing = |name: &str| {
            AuthError::new(
                AuthErrorKind::MissingClaim,
                format!("the token has no {name} claim"),
            )
        };
        let (exp, expires_at) = date(&raw, "exp")?.ok_or_else(|| missing("exp"))?;
        let issuer = text(&raw, "iss")?.ok_or_else(|| missing("iss"))?;
        let audiences = audiences(&raw)?.ok_or_else(|| missing("aud"))?;
        let not_before = date(&raw, "nbf")?;
        let issued_at = date(&raw, "iat")?;

        let now = match now.duration_since(UNIX_EPOCH) {
            Ok(since) => since.as_secs_f64(),
            Err(before) => -before.duration().as_secs_f64(),
        };
        let leeway = self.leeway.as_secs_f64();
        if now >= exp + leeway {
            return Err(AuthError::new(
                AuthErrorKind::Expired,
                format!(
                    "the token expired at {exp} (Unix time), {}s ago; the leeway is {leeway}s",
                    now - exp
                ),
            ));
        }
        for (name, at) in [("nbf", not_before), ("iat", issued_at)] {
            if let Some((at, _)) = at
                && now + leeway < at
            {
                return Err(AuthError::new(
                    AuthErrorKind::NotYetValid,
                    format!(
                        "the token's {name} is {at} (Unix time), {}s ahead; the leeway is {leeway}s",
                        at - now
                    ),
                ));
            }
        }
        if !self.issuers.iter().any(|i| *i == issuer) {
            return Err(AuthError::new(
                AuthErrorKind::WrongIssuer,
                format!(
                    "the token's issuer {} is not one of the accepted issuers",
                    quoted(issuer)
                ),
            ));
        }
        let Some(audience) = audiences.iter().find(|a| **a == self.app_id) else {
            return Err(AuthError::new(
                AuthErrorKind::WrongAudience,
                format!(
                    "the token is addressed to {}, not to the application {}",
                    audiences
                        .iter()
                        .map(|a| quoted(a))
                        .collect::<Vec<_>>()
                        .join(", "),
                    quoted(&self.app_id)
                ),
            ));
        };
        Ok(Claims {
            issuer: issuer.to_owned(),
            audience: (*audience).to_owned(),
            tenant_id: text(&raw, "tid")?.map(str::to_owned),
            app_id: text(&raw, "appid")?.map(str::to_owned),
            authorized_party: text(&raw, "azp")?.map(str::to_owned),
            issued_at: issued_at.map(|(_, t)| t),
            not_before: not_before.map(|(_, t)| t),
            expires_at,
            key_id: kid.map(str::to_owned),
            algorithm,
            raw,
        })
    }
}

fn wrong_type(name: &str, expected: &str) -> AuthError {
    AuthError::new(
        AuthErrorKind::Malformed,
        format!("the token's {name} claim is not {expected}"),
    )
}

/// A string claim, when present.
fn text<'a>(claims: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, AuthError> {
    match claims.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(wrong_type(name, "a string")),
    }
}

/// A NumericDate claim (RFC 7519 §2: seconds since the epoch, possibly
/// fractional), when present: its seconds and its time.
fn date(claims: &Map<String, Value>, name: &str) -> Result<Option<(f64, SystemTime)>, AuthError> {
    let seconds = match claims.get(name) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n.as_f64(),
        Some(_) => None,
    }
    .filter(|s| s.is_finite())
    .ok_or_else(|| wrong_type(name, "a NumericDate (a number of seconds)"))?;
    let time = if seconds >= 0.0 {
        Duration::try_from_secs_f64(seconds)
            .ok()
            .and_then(|d| UNIX_EPOCH.checked_add(d))
    } else {
        Duration::try_from_secs_f64(-seconds)
            .ok()
            .and_then(|d| UNIX_EPOCH.checked_sub(d))
    };
    let time = time.ok_or_else(|| wrong_type(name, "a date this machine can represent"))?;
    Ok(Some((seconds, time)))
}

/// `aud`: one string or an array of strings (RFC 7519 §4.1.3), when present.
fn audiences(claims: &Map<String, Value>) -> Result<Option<Vec<&str>>, AuthError> {
    match claims.get("aud") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(vec![s.as_str()])),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .ok_or_else(|| wrong_type("aud", "a string or an array of strings"))
            })
            .collect::<Result<_, _>>()
            .map(Some),
        Some(_) => Err(wrong_type("aud", "a string or an array of strings")),
    }
}
