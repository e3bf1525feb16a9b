//! Test keys and tokens, made in the tests from fixed seeds: no real secrets.
#![allow(dead_code)]

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20::ChaCha20Rng;
use chacha20::rand_core::SeedableRng as _;
use jsonwebtoken::{Algorithm, EncodingKey};
use rsa::pkcs1::{EncodeRsaPrivateKey as _, EncodeRsaPublicKey as _};
use rsa::traits::PublicKeyParts as _;
use serde_json::{Value, json};

/// An RSA key made from a fixed seed, with the id a JWKS gives it.
pub(crate) struct TestKey {
    pub(crate) kid: &'static str,
    pub(crate) key: rsa::PrivateKey,
}

impl TestKey {
    pub(crate) fn new(kid: &'static str, seed: u64) -> Self {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let key = rsa::PrivateKey::new(&mut rng, 2048).expect("an RSA key");
        TestKey { kid, key }
    }

    /// The key's JWK, shaped as Graph's calling service serves them.
    pub(crate) fn jwk(&self) -> Value {
        let public = self.key.to_public_key();
        json!({
            "kty": "RSA",
            "use": "sig",
            "kid": self.kid,
            "x5t": self.kid,
            "n": URL_SAFE_NO_PAD.encode(public.n_bytes()),
            "e": URL_SAFE_NO_PAD.encode(public.e_bytes()),
            "x5c": ["MIIDBTCCAe2gAwIBAgIQ"],
            "endorsements": ["msteams"]
        })
    }

    pub(crate) fn public_der(&self) -> Vec<u8> {
        self.key
            .to_public_key()
            .to_pkcs1_der()
            .expect("a DER public key")
            .into_vec()
    }

    pub(crate) fn encoding_key(&self) -> EncodingKey {
        EncodingKey::from_rsa_der(self.key.to_pkcs1_der().expect("a DER key").as_bytes())
    }
}

pub(crate) fn jwks(keys: &[&TestKey]) -> Vec<u8> {
    serde_json::to_vec(&json!({ "keys": keys.iter().map(|k| k.jwk()).collect::<Vec<_>>() }))
        .unwrap()
}

pub(crate) fn b64(json: &str) -> String {
    URL_SAFE_NO_PAD.encode(json)
}

/// A token of the exact header and claims texts, signed with `algorithm` by
/// `signer`.
/// An HMAC key of these bytes.
pub(crate) fn secret(bytes: &[u8]) -> EncodingKey {
    EncodingKey::from_secret(bytes).expect("an HMAC key")
}

pub(crate) fn sign_raw(
    header: &str,
    claims: &str,
    signer: &EncodingKey,
    algorithm: Algorithm,
) -> String {
    let message = format!("{}.{}", b64(header), b64(claims));
    let signature =
        jsonwebtoken::crypto::sign(message.as_bytes(), signer, algorithm).expect("a signature");
    format!("{message}.{signature}")
}

pub(crate) fn sign_as(
    header: &Value,
    claims: &Value,
    key: &TestKey,
    algorithm: Algorithm,
) -> String {
    sign_raw(
        &header.to_string(),
        &claims.to_string(),
        &key.encoding_key(),
        algorithm,
    )
}

pub(crate) fn sign(header: &Value, claims: &Value, key: &TestKey) -> String {
    sign_as(header, claims, key, Algorithm::RS256)
}

/// The same header or claims with `changes` made: a null removes the member.
pub(crate) fn with(mut value: Value, changes: Value) -> Value {
    for (name, change) in changes.as_object().unwrap() {
        if change.is_null() {
            value.as_object_mut().unwrap().remove(name);
        } else {
            value[name] = change.clone();
        }
    }
    value
}
