//! The simulator's signing key, its key set and OpenID configuration, and the
//! tokens it signs callbacks with — genuine ones, and the forged ones a bot must
//! refuse.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20::ChaCha20Rng;
use chacha20::rand_core::SeedableRng as _;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::pkcs1::EncodeRsaPrivateKey as _;
use rsa::traits::PublicKeyParts as _;
use serde_json::{Value, json};

/// The issuer of Graph's callback tokens.
pub const ISSUER: &str = "https://graph.microsoft.com";

/// A forged token: what a bot must answer `401`, and act on never.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Forgery {
    /// Signed by a key the key set does not hold, under the genuine key's id.
    OtherKey,
    /// Addressed to another application.
    OtherAudience,
    /// Expired an hour ago or more.
    Expired,
}

impl Forgery {
    /// Every forgery.
    pub const ALL: [Forgery; 3] = [Forgery::OtherKey, Forgery::OtherAudience, Forgery::Expired];

    /// Its name: `other_key`, `other_audience`, `expired`.
    pub fn as_str(self) -> &'static str {
        match self {
            Forgery::OtherKey => "other_key",
            Forgery::OtherAudience => "other_audience",
            Forgery::Expired => "expired",
        }
    }
}

/// An RSA key made from a seed (the same seed, the same key), with its key id.
#[derive(Debug)]
pub struct SigningKey {
    kid: String,
    key: rsa::PrivateKey,
    encoding: EncodingKey,
}

impl SigningKey {
    /// A 2048-bit key from `seed`.
    ///
    /// # Errors
    ///
    /// When the key cannot be made or encoded (not seen with this size).
    pub fn from_seed(
        kid: impl Into<String>,
        seed: u64,
    ) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let key = rsa::PrivateKey::new(&mut rng, 2048)?;
        let der = key.to_pkcs1_der()?;
        let encoding = EncodingKey::from_rsa_der(der.as_bytes());
        Ok(SigningKey {
            kid: kid.into(),
            key,
            encoding,
        })
    }

    /// The key's id, the `kid` of its tokens and of its JWK.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public key as a JWK, shaped as Graph's calling service serves them.
    pub fn jwk(&self) -> Value {
        let public = self.key.to_public_key();
        json!({
            "kty": "RSA",
            "use": "sig",
            "kid": self.kid,
            "n": URL_SAFE_NO_PAD.encode(public.n_bytes()),
            "e": URL_SAFE_NO_PAD.encode(public.e_bytes()),
        })
    }

    /// A token from this key with these claims.
    pub fn sign(&self, claims: &Value) -> String {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding).unwrap_or_default()
    }
}

/// The key set a bot fetches: `{"keys": [...]}`.
pub fn jwks(keys: &[&SigningKey]) -> Value {
    json!({ "keys": keys.iter().map(|k| k.jwk()).collect::<Vec<_>>() })
}

/// The OpenID configuration served at `<base>/.well-known/openid-configuration`.
pub fn openid_configuration(base: &str) -> Value {
    json!({
        "issuer": ISSUER,
        "jwks_uri": format!("{base}/keys"),
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_signing_alg_values_supported": ["RS256"],
    })
}

/// The claims of a callback token for `app_id` in `tenant`, issued at `now`, valid
/// for an hour: `iss`, `aud`, `tid`, `iat`, `nbf`, `exp`.
pub fn claims(app_id: &str, tenant: &str, now: SystemTime) -> Value {
    let at = now
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs();
    json!({
        "iss": ISSUER,
        "aud": app_id,
        "tid": tenant,
        "iat": at,
        "nbf": at,
        "exp": at + 3600,
    })
}

/// The claims of a forged token: another audience, or expired an hour and more
/// ago (a forgery by another key keeps the genuine claims).
pub fn forged_claims(forgery: Forgery, app_id: &str, tenant: &str, now: SystemTime) -> Value {
    match forgery {
        Forgery::OtherKey => claims(app_id, tenant, now),
        Forgery::OtherAudience => claims("00000000-0000-0000-0000-00000000f0e9", tenant, now),
        Forgery::Expired => claims(
            app_id,
            tenant,
            now.checked_sub(Duration::from_secs(3 * 3600))
                .unwrap_or(UNIX_EPOCH),
        ),
    }
}
