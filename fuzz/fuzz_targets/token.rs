//! Callback token verification never panics, never accepts what it must refuse,
//! and never prints the token.
//!
//! The first byte picks what the rest is:
//! - `2`: a header and claims set, as JSON texts separated by the first
//!   newline, which the target encodes and signs with the trusted key, so that the
//!   verifier's reading of the header and claims, after the signature, is fuzzed
//!   too. Whatever verifies then must satisfy every rule: the application id, an
//!   accepted issuer, a lifetime around the clock. (Signing costs a private-key
//!   operation, so this mode is the slow one: one byte value of 256.)
//! - any other even byte: a token, as it arrives (unsigned by anyone the verifier
//!   trusts, so it must be refused);
//! - an odd byte: an `Authorization` header value (likewise refused).
#![no_main]

use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20::ChaCha20Rng;
use chacha20::rand_core::SeedableRng as _;
use graph_comms_bot::auth::{AuthError, DEFAULT_ISSUERS, DEFAULT_LEEWAY, KeySet, Verifier};
use jsonwebtoken::{Algorithm, EncodingKey};
use libfuzzer_sys::fuzz_target;
use rsa::pkcs1::EncodeRsaPrivateKey as _;
use rsa::traits::PublicKeyParts as _;

const APP_ID: &str = "3d913abb-aec0-4964-8fa6-3c6850c4f278";
const NOW: u64 = 1_800_000_000;

struct Fixture {
    verifier: Verifier,
    signer: EncodingKey,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let key = rsa::PrivateKey::new(&mut ChaCha20Rng::seed_from_u64(1), 2048).unwrap();
        let public = key.to_public_key();
        let jwks = serde_json::json!({ "keys": [{
            "kty": "RSA", "use": "sig", "kid": "fuzz",
            "n": URL_SAFE_NO_PAD.encode(public.n_bytes()),
            "e": URL_SAFE_NO_PAD.encode(public.e_bytes()),
        }]});
        let keys = KeySet::from_jwks(jwks.to_string().as_bytes()).unwrap();
        Fixture {
            verifier: Verifier::new(APP_ID, keys),
            signer: EncodingKey::from_rsa_der(key.to_pkcs1_der().unwrap().as_bytes()),
        }
    })
}

/// The message of a refusal never holds the input (when it is long enough to tell).
fn quiet(error: &AuthError, input: &[u8]) {
    if input.len() >= 24
        && let Ok(text) = std::str::from_utf8(input)
    {
        assert!(!error.message().contains(text.trim()), "{error}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let fixture = fixture();
    let now = UNIX_EPOCH + Duration::from_secs(NOW);
    match mode {
        2 => signed(fixture, rest, now),
        _ => {
            let verified = if mode % 2 == 0 {
                fixture.verifier.verify(rest, now)
            } else {
                fixture.verifier.verify_authorization(rest, now)
            };
            // Nobody but the fixture holds the key: nothing the fuzzer writes verifies.
            let error = verified.expect_err("an unsigned token verified");
            quiet(&error, rest);
        }
    }
});

/// Signs the header and claims texts with the trusted key and verifies the token:
/// what verifies keeps every rule.
fn signed(fixture: &Fixture, rest: &[u8], now: SystemTime) {
    let split = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
    let (header, claims) = (&rest[..split], rest.get(split + 1..).unwrap_or_default());
    let message = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(claims)
    );
    let Ok(signature) =
        jsonwebtoken::crypto::sign(message.as_bytes(), &fixture.signer, Algorithm::RS256)
    else {
        return;
    };
    let token = format!("{message}.{signature}");
    match fixture.verifier.verify(&token, now) {
        Ok(verified) => {
            assert_eq!(verified.audience, APP_ID);
            assert!(DEFAULT_ISSUERS.contains(&verified.issuer.as_str()));
            assert!(verified.expires_at + DEFAULT_LEEWAY > now);
            for start in [verified.not_before, verified.issued_at]
                .into_iter()
                .flatten()
            {
                assert!(start <= now + DEFAULT_LEEWAY);
            }
            assert!(verified.key_id.as_deref().is_none_or(|kid| kid == "fuzz"));
        }
        Err(error) => quiet(&error, token.as_bytes()),
    }
}
