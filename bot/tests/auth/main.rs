//! Callback token verification: tokens made here with keys made here (no real
//! secrets, no network), refused with each error kind, verified from each issuer.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[path = "../support/tokens.rs"]
mod tokens;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use graph_comms_bot::auth::{
    AuthError, AuthErrorKind, DEFAULT_ISSUERS, KeySet, OpenIdConfiguration, SigningAlgorithm,
    Verifier,
};
use jsonwebtoken::Algorithm;
use serde_json::{Value, json};
use tokens::{TestKey, b64, jwks, secret, sign, sign_as, sign_raw, with};

const APP_ID: &str = "3d913abb-aec0-4964-8fa6-3c6850c4f278";
const TENANT: &str = "aa67bd4c-8475-432d-bd41-39f255720e0a";
/// The clock of every test: 2027-01-15T08:00:00Z.
const NOW: u64 = 1_800_000_000;

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

fn key_set(keys: &[&TestKey]) -> KeySet {
    KeySet::from_jwks(&jwks(keys)).expect("a key set")
}

/// The header and claims of a token Graph would send.
fn header(key: &TestKey) -> Value {
    json!({ "alg": "RS256", "typ": "JWT", "kid": key.kid, "x5t": key.kid })
}

fn claims() -> Value {
    json!({
        "aud": APP_ID,
        "iss": "https://api.botframework.com",
        "iat": NOW - 60,
        "nbf": NOW - 60,
        "exp": NOW + 3600,
        "tid": TENANT,
        "appid": "26a7ee05-5602-4d76-a7ba-eae8b7b67941",
        "serviceurl": "https://smba.trafficmanager.net/amer/"
    })
}

struct Keys {
    a: TestKey,
    b: TestKey,
    attacker: TestKey,
}

fn keys() -> Keys {
    Keys {
        a: TestKey::new("key-a", 1),
        b: TestKey::new("key-b", 2),
        attacker: TestKey::new("key-a", 3),
    }
}

fn refused(result: Result<graph_comms_bot::auth::Claims, AuthError>) -> AuthError {
    match result {
        Ok(claims) => panic!("verified: {claims:?}"),
        Err(e) => e,
    }
}

#[test]
fn a_token_from_each_issuer_verifies() {
    let keys = keys();
    let verifier = Verifier::new(APP_ID, key_set(&[&keys.a, &keys.b]));
    for issuer in DEFAULT_ISSUERS {
        let token = sign(
            &header(&keys.a),
            &with(claims(), json!({ "iss": issuer })),
            &keys.a,
        );
        let claims = verifier.verify(&token, at(NOW)).expect(issuer);
        assert_eq!(claims.issuer, issuer);
        assert_eq!(claims.audience, APP_ID);
        assert_eq!(claims.tenant_id.as_deref(), Some(TENANT));
        assert_eq!(
            claims.app_id.as_deref(),
            Some("26a7ee05-5602-4d76-a7ba-eae8b7b67941")
        );
        assert_eq!(claims.authorized_party, None);
        assert_eq!(claims.expires_at, at(NOW + 3600));
        assert_eq!(claims.issued_at, Some(at(NOW - 60)));
        assert_eq!(claims.not_before, Some(at(NOW - 60)));
        assert_eq!(claims.key_id.as_deref(), Some("key-a"));
        assert_eq!(claims.algorithm, SigningAlgorithm::Rs256);
        assert_eq!(
            claims.raw["serviceurl"],
            "https://smba.trafficmanager.net/amer/"
        );
    }
    // No tid, an azp, a fractional exp, no nbf or iat: all fine.
    let token = sign(
        &header(&keys.a),
        &with(
            claims(),
            json!({ "tid": null, "nbf": null, "iat": null, "azp": "bot", "exp": (NOW as f64) + 0.5 }),
        ),
        &keys.a,
    );
    let claims = verifier.verify(&token, at(NOW)).unwrap();
    assert_eq!(claims.tenant_id, None);
    assert_eq!(claims.authorized_party.as_deref(), Some("bot"));
    assert_eq!(claims.issued_at, None);
    assert_eq!(claims.expires_at, at(NOW) + Duration::from_millis(500));
}

#[test]
fn the_header_form() {
    let keys = keys();
    let verifier = Verifier::new(APP_ID, key_set(&[&keys.a]));
    let token = sign(&header(&keys.a), &claims(), &keys.a);
    for value in [
        format!("Bearer {token}"),
        format!("bearer {token}"),
        format!("BEARER \t {token}"),
        format!("  Bearer {token}\r\n"),
    ] {
        verifier
            .verify_authorization(&value, at(NOW))
            .unwrap_or_else(|e| panic!("{value:?}: {e}"));
    }
    // The bare token, with the whitespace a file adds around it.
    verifier.verify(format!("\n{token}\n"), at(NOW)).unwrap();
    for value in [
        format!("Basic {token}"),
        format!("Bearer{token}"),
        "Bearer".to_owned(),
        "Bearer   ".to_owned(),
        token.clone(),
        String::new(),
    ] {
        let error = refused(verifier.verify_authorization(&value, at(NOW)));
        assert_eq!(error.kind(), AuthErrorKind::Malformed, "{value:?}");
    }
}

#[test]
fn the_request_form() {
    let keys = keys();
    let verifier = Verifier::new(APP_ID, key_set(&[&keys.a]));
    let token = sign(&header(&keys.a), &claims(), &keys.a);
    let request = http::Request::builder()
        .method("POST")
        .uri("https://bot.contoso.com/callback")
        .header("Authorization", format!("Bearer {token}"))
        .body(Vec::<u8>::new())
        .unwrap();
    assert_eq!(
        verifier.verify_request(&request, at(NOW)).unwrap().audience,
        APP_ID
    );
    let mut twice = request.clone();
    twice.headers_mut().append(
        "Authorization",
        http::HeaderValue::from_str(&format!("Bearer {token}")).unwrap(),
    );
    let mut none = request;
    none.headers_mut().remove("Authorization");
    for request in [twice, none] {
        let error = refused(verifier.verify_request(&request, at(NOW)));
        assert_eq!(error.kind(), AuthErrorKind::Malformed);
    }
}

/// The segment with its last character's unused low bits set: the same bytes to
/// a lax decoder, another spelling of them.
fn non_canonical(segment: &str) -> String {
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = segment.to_owned();
    let last = out.pop().unwrap();
    let index = ALPHABET.find(last).unwrap();
    out.push(char::from(ALPHABET.as_bytes()[index | 0b11]));
    out
}

/// Replaces a token's segment `index` with `segment`.
fn replace_segment(token: &str, index: usize, segment: &str) -> String {
    let mut parts: Vec<&str> = token.split('.').collect();
    parts[index] = segment;
    parts.join(".")
}

#[test]
fn every_forged_expired_misaddressed_or_malformed_token_is_refused_with_its_kind() {
    use AuthErrorKind::*;
    let keys = keys();
    let verifier = Verifier::new(APP_ID, key_set(&[&keys.a, &keys.b]));
    let good = sign(&header(&keys.a), &claims(), &keys.a);
    let h = header(&keys.a);
    let c = claims();
    let segments: Vec<&str> = good.split('.').collect();
    let claims_text = c.to_string();
    let header_text = h.to_string();
    let a = keys.a.encoding_key();
    let signature = URL_SAFE_NO_PAD.decode(segments[2]).unwrap();
    let mut flipped = signature.clone();
    flipped[100] ^= 1;

    let cases: Vec<(&str, String, AuthErrorKind)> = vec![
        // Malformed, before any key is touched.
        (
            "too long",
            format!("{good}{}", "A".repeat(16 * 1024)),
            Malformed,
        ),
        ("two segments", segments[..2].join("."), Malformed),
        (
            "a duplicated claims segment",
            [segments[0], segments[1], segments[1], segments[2]].join("."),
            Malformed,
        ),
        (
            "two tokens run together",
            format!("{good} {good}"),
            Malformed,
        ),
        (
            "two tokens joined by a dot",
            format!("{good}.{good}"),
            Malformed,
        ),
        (
            "an empty signature",
            replace_segment(&good, 2, ""),
            Malformed,
        ),
        ("an empty header", replace_segment(&good, 0, ""), Malformed),
        ("padding", format!("{good}=="), Malformed),
        (
            "standard base64",
            replace_segment(&good, 2, "ab+/cd"),
            Malformed,
        ),
        (
            "a header that is not JSON",
            replace_segment(&good, 0, &b64("not json")),
            Malformed,
        ),
        (
            "a header that is an array",
            replace_segment(&good, 0, &b64("[1,2]")),
            Malformed,
        ),
        (
            "a header with a trailing comma",
            replace_segment(&good, 0, &b64(r#"{"alg":"RS256","kid":"key-a",}"#)),
            Malformed,
        ),
        (
            "a header naming alg twice",
            replace_segment(
                &good,
                0,
                &b64(r#"{"alg":"RS256","kid":"key-a","alg":"none"}"#),
            ),
            Malformed,
        ),
        (
            "a header without alg",
            sign(&with(h.clone(), json!({ "alg": null })), &c, &keys.a),
            Malformed,
        ),
        (
            "an alg that is a number",
            sign(&with(h.clone(), json!({ "alg": 256 })), &c, &keys.a),
            Malformed,
        ),
        (
            "a kid that is a number",
            sign(&with(h.clone(), json!({ "kid": 7 })), &c, &keys.a),
            Malformed,
        ),
        (
            "a critical extension",
            sign(&with(h.clone(), json!({ "crit": ["exp"] })), &c, &keys.a),
            Malformed,
        ),
        (
            "signed claims that are not JSON",
            sign_raw(&header_text, "{\"exp\": ", &a, Algorithm::RS256),
            Malformed,
        ),
        (
            "signed claims naming aud twice",
            sign_raw(
                &header_text,
                &format!(
                    r#"{{"aud":"{APP_ID}","iss":"https://graph.microsoft.com","exp":{},"aud":"other"}}"#,
                    NOW + 60
                ),
                &a,
                Algorithm::RS256,
            ),
            Malformed,
        ),
        (
            "an exp that is a string",
            sign(
                &h,
                &with(c.clone(), json!({ "exp": "1800003600" })),
                &keys.a,
            ),
            Malformed,
        ),
        (
            "an exp out of range",
            sign_raw(
                &header_text,
                &format!(r#"{{"aud":"{APP_ID}","iss":"https://graph.microsoft.com","exp":1e300}}"#),
                &a,
                Algorithm::RS256,
            ),
            Malformed,
        ),
        (
            "an aud that is a number",
            sign(&h, &with(c.clone(), json!({ "aud": 1 })), &keys.a),
            Malformed,
        ),
        (
            "a tid that is an object",
            sign(&h, &with(c.clone(), json!({ "tid": {} })), &keys.a),
            Malformed,
        ),
        // The algorithm.
        (
            "alg none, unsigned",
            format!("{}.{}.", b64(r#"{"alg":"none","typ":"JWT"}"#), segments[1]),
            UnsupportedAlgorithm,
        ),
        (
            "alg none, with the good signature",
            replace_segment(&good, 0, &b64(r#"{"alg":"none","kid":"key-a"}"#)),
            UnsupportedAlgorithm,
        ),
        (
            "HS256 keyed with the public key's DER",
            sign_raw(
                &with(h.clone(), json!({ "alg": "HS256" })).to_string(),
                &claims_text,
                &secret(&keys.a.public_der()),
                Algorithm::HS256,
            ),
            UnsupportedAlgorithm,
        ),
        (
            "HS256 keyed with the JWK's modulus text",
            sign_raw(
                &with(h.clone(), json!({ "alg": "HS256" })).to_string(),
                &claims_text,
                &secret(keys.a.jwk()["n"].as_str().unwrap().as_bytes()),
                Algorithm::HS256,
            ),
            UnsupportedAlgorithm,
        ),
        (
            "RS512, not advertised",
            sign_as(
                &with(h.clone(), json!({ "alg": "RS512" })),
                &c,
                &keys.a,
                Algorithm::RS512,
            ),
            UnsupportedAlgorithm,
        ),
        (
            "ES256",
            replace_segment(&good, 0, &b64(r#"{"alg":"ES256","kid":"key-a"}"#)),
            UnsupportedAlgorithm,
        ),
        (
            "a lowercase rs256",
            replace_segment(&good, 0, &b64(r#"{"alg":"rs256","kid":"key-a"}"#)),
            UnsupportedAlgorithm,
        ),
        // The key.
        (
            "a kid not in the set",
            sign(&with(h.clone(), json!({ "kid": "key-z" })), &c, &keys.a),
            UnknownKey,
        ),
        // The signature.
        (
            "another key under a known kid",
            sign(&h, &c, &keys.attacker),
            BadSignature,
        ),
        (
            "tampered claims",
            replace_segment(
                &good,
                1,
                &b64(&with(c.clone(), json!({ "aud": "another-app" })).to_string()),
            ),
            BadSignature,
        ),
        (
            "a tampered header",
            replace_segment(
                &good,
                0,
                &b64(&with(h.clone(), json!({ "kid": "key-b" })).to_string()),
            ),
            BadSignature,
        ),
        (
            "a truncated signature",
            replace_segment(
                &good,
                2,
                &URL_SAFE_NO_PAD.encode(&signature[..signature.len() - 3]),
            ),
            BadSignature,
        ),
        (
            "a flipped signature bit",
            replace_segment(&good, 2, &URL_SAFE_NO_PAD.encode(&flipped)),
            BadSignature,
        ),
        (
            "a non-canonical signature encoding",
            replace_segment(&good, 2, &non_canonical(segments[2])),
            Malformed,
        ),
        (
            "no kid, signed by a stranger",
            sign(&with(h.clone(), json!({ "kid": null })), &c, &keys.attacker),
            BadSignature,
        ),
        // The claims.
        (
            "expired",
            sign(
                &h,
                &with(
                    c.clone(),
                    json!({ "exp": NOW - 301, "nbf": NOW - 3600, "iat": NOW - 3600 }),
                ),
                &keys.a,
            ),
            Expired,
        ),
        (
            "not yet valid",
            sign(&h, &with(c.clone(), json!({ "nbf": NOW + 301 })), &keys.a),
            NotYetValid,
        ),
        (
            "issued in the future",
            sign(
                &h,
                &with(c.clone(), json!({ "iat": NOW + 301, "nbf": null })),
                &keys.a,
            ),
            NotYetValid,
        ),
        (
            "another audience",
            sign(
                &h,
                &with(c.clone(), json!({ "aud": "another-app" })),
                &keys.a,
            ),
            WrongAudience,
        ),
        (
            "an audience array without the app",
            sign(&h, &with(c.clone(), json!({ "aud": ["a", "b"] })), &keys.a),
            WrongAudience,
        ),
        (
            "an empty audience array",
            sign(&h, &with(c.clone(), json!({ "aud": [] })), &keys.a),
            WrongAudience,
        ),
        (
            "the app id in another case",
            sign(
                &h,
                &with(c.clone(), json!({ "aud": APP_ID.to_uppercase() })),
                &keys.a,
            ),
            WrongAudience,
        ),
        (
            "another issuer",
            sign(
                &h,
                &with(
                    c.clone(),
                    json!({ "iss": "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/" }),
                ),
                &keys.a,
            ),
            WrongIssuer,
        ),
        (
            "an issuer with a trailing slash",
            sign(
                &h,
                &with(c.clone(), json!({ "iss": "https://graph.microsoft.com/" })),
                &keys.a,
            ),
            WrongIssuer,
        ),
        (
            "no exp",
            sign(&h, &with(c.clone(), json!({ "exp": null })), &keys.a),
            MissingClaim,
        ),
        (
            "no iss",
            sign(&h, &with(c.clone(), json!({ "iss": null })), &keys.a),
            MissingClaim,
        ),
        (
            "no aud",
            sign(&h, &with(c.clone(), json!({ "aud": null })), &keys.a),
            MissingClaim,
        ),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for (name, token, kind) in &cases {
        let error = refused(verifier.verify(token, at(NOW)));
        assert_eq!(error.kind(), *kind, "{name}: {error}");
        assert_eq!(
            error.to_string(),
            format!("{}: {}", kind.as_str(), error.message())
        );
        // The message never prints the token, nor any of its segments.
        for segment in token.split(['.', ' ']).filter(|s| s.len() > 8) {
            assert!(!error.message().contains(segment), "{name}: {error}");
        }
        // The header form refuses it the same way.
        let header_form =
            refused(verifier.verify_authorization(format!("Bearer {token}"), at(NOW)));
        assert_eq!(
            header_form.kind(),
            *kind,
            "{name} (header form): {header_form}"
        );
        seen.insert(kind.as_str());
    }
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        [
            "bad_signature",
            "expired",
            "malformed",
            "missing_claim",
            "not_yet_valid",
            "unknown_key",
            "unsupported_algorithm",
            "wrong_audience",
            "wrong_issuer",
        ]
    );
    // And the good token, beside them, verifies.
    verifier.verify(&good, at(NOW)).unwrap();
}

#[test]
fn input_that_is_not_text_is_malformed() {
    let keys = keys();
    let verifier = Verifier::new(APP_ID, key_set(&[&keys.a]));
    for input in [&b"\xff\xfe.\x00.\x80"[..], b"Bearer \xc3"] {
        assert_eq!(
            refused(verifier.verify(input, at(NOW))).kind(),
            AuthErrorKind::Malformed
        );
    }
    let limited = verifier.clone().with_max_token_len(100);
    let token = sign(&header(&keys.a), &claims(), &keys.a);
    let error = refused(limited.verify(&token, at(NOW)));
    assert_eq!(error.kind(), AuthErrorKind::Malformed);
    assert!(
        error.message().contains("more than the limit of 100"),
        "{error}"
    );
}

#[test]
fn the_leeway_on_both_sides() {
    let keys = keys();
    let verifier = Verifier::new(APP_ID, key_set(&[&keys.a]));
    let token = sign(
        &header(&keys.a),
        &with(
            claims(),
            json!({ "nbf": NOW, "iat": NOW, "exp": NOW + 600 }),
        ),
        &keys.a,
    );
    // Five minutes early, and up to five minutes late: accepted.
    for now in [NOW - 300, NOW, NOW + 600 + 299] {
        verifier
            .verify(&token, at(now))
            .unwrap_or_else(|e| panic!("{now}: {e}"));
    }
    // A second beyond either side: refused.
    assert_eq!(
        refused(verifier.verify(&token, at(NOW - 301))).kind(),
        AuthErrorKind::NotYetValid
    );
    assert_eq!(
        refused(verifier.verify(&token, at(NOW + 600 + 300))).kind(),
        AuthErrorKind::Expired
    );
    // With no leeway, the token is valid from nbf up to (not at) exp.
    let exact = verifier.clone().with_leeway(Duration::ZERO);
    exact.verify(&token, at(NOW)).unwrap();
    exact.verify(&token, at(NOW + 599)).unwrap();
    assert_eq!(
        refused(exact.verify(&token, at(NOW - 1))).kind(),
        AuthErrorKind::NotYetValid
    );
    assert_eq!(
        refused(exact.verify(&token, at(NOW + 600))).kind(),
        AuthErrorKind::Expired
    );
    // A clock before 1970 is a clock, too.
    assert_eq!(
        refused(exact.verify(&token, UNIX_EPOCH - Duration::from_secs(1))).kind(),
        AuthErrorKind::NotYetValid
    );
}

#[test]
fn key_rotation() {
    let keys = keys();
    let old = Verifier::new(APP_ID, key_set(&[&keys.a]));
    // Graph starts signing with a second key, published beside the first.
    let token = sign(&header(&keys.b), &claims(), &keys.b);
    let error = refused(old.verify(&token, at(NOW)));
    assert_eq!(error.kind(), AuthErrorKind::UnknownKey);
    assert!(error.message().contains("\"key-b\""), "{error}");
    assert!(error.message().contains("fetch the keys again"), "{error}");

    let mut verifier = old.clone();
    verifier.set_keys(key_set(&[&keys.a, &keys.b]));
    assert_eq!(
        verifier.keys().key_ids().collect::<Vec<_>>(),
        ["key-a", "key-b"]
    );
    let claims_b = verifier.verify(&token, at(NOW)).unwrap();
    assert_eq!(claims_b.key_id.as_deref(), Some("key-b"));
    // Tokens under the first key still verify.
    let token_a = sign(&header(&keys.a), &claims(), &keys.a);
    verifier.verify(&token_a, at(NOW)).unwrap();
    // A token that names no key is tried against each.
    let unnamed = sign(
        &with(header(&keys.b), json!({ "kid": null })),
        &claims(),
        &keys.b,
    );
    assert_eq!(verifier.verify(&unnamed, at(NOW)).unwrap().key_id, None);
    // With an empty set, every token names an unknown key.
    let empty = Verifier::new(APP_ID, KeySet::from_jwks(br#"{"keys": []}"#).unwrap());
    assert!(empty.keys().is_empty());
    for token in [&token, &unnamed] {
        assert_eq!(
            refused(empty.verify(token, at(NOW))).kind(),
            AuthErrorKind::UnknownKey
        );
    }
}

#[test]
fn audiences_and_issuers() {
    let keys = keys();
    let verifier = Verifier::new(APP_ID, key_set(&[&keys.a]));
    let token = sign(
        &header(&keys.a),
        &with(
            claims(),
            json!({ "aud": ["https://graph.microsoft.com", APP_ID] }),
        ),
        &keys.a,
    );
    assert_eq!(verifier.verify(&token, at(NOW)).unwrap().audience, APP_ID);

    // Another cloud's issuer, configured in place of the defaults.
    let usgov = "https://graph.microsoft.us";
    let token = sign(
        &header(&keys.a),
        &with(claims(), json!({ "iss": usgov })),
        &keys.a,
    );
    assert_eq!(
        refused(verifier.verify(&token, at(NOW))).kind(),
        AuthErrorKind::WrongIssuer
    );
    let configured = verifier.clone().with_issuers([usgov]);
    assert_eq!(configured.issuers(), [usgov]);
    assert_eq!(configured.verify(&token, at(NOW)).unwrap().issuer, usgov);
    let graph = sign(&header(&keys.a), &claims(), &keys.a);
    assert_eq!(
        refused(configured.verify(&graph, at(NOW))).kind(),
        AuthErrorKind::WrongIssuer
    );
}

/// The shape of the document at OPENID_CONFIGURATION_URL.
const OPENID: &str = r#"{
  "issuer": "https://api.botframework.com",
  "authorization_endpoint": "https://invalid.botframework.com",
  "jwks_uri": "https://api.aps.skype.com/v1/keys",
  "id_token_signing_alg_values_supported": ["RS256"],
  "token_endpoint_auth_methods_supported": ["private_key_jwt"]
}"#;

#[test]
fn the_openid_configuration_sets_the_algorithms() {
    let keys = keys();
    let configuration = OpenIdConfiguration::from_json(OPENID.as_bytes()).unwrap();
    assert_eq!(
        configuration.jwks_uri.as_deref(),
        Some(graph_comms_bot::auth::JWKS_URL)
    );
    assert_eq!(
        configuration.issuer.as_deref(),
        Some("https://api.botframework.com")
    );
    assert_eq!(configuration.algorithms(), [SigningAlgorithm::Rs256]);
    assert_eq!(
        configuration.raw["token_endpoint_auth_methods_supported"][0],
        "private_key_jwt"
    );

    let rs256 = sign(&header(&keys.a), &claims(), &keys.a);
    let rs512 = sign_as(
        &with(header(&keys.a), json!({ "alg": "RS512" })),
        &claims(),
        &keys.a,
        Algorithm::RS512,
    );
    let hs256 = sign_raw(
        &with(header(&keys.a), json!({ "alg": "HS256" })).to_string(),
        &claims().to_string(),
        &secret(&keys.a.public_der()),
        Algorithm::HS256,
    );
    let verifier =
        Verifier::new(APP_ID, key_set(&[&keys.a])).with_openid_configuration(&configuration);
    verifier.verify(&rs256, at(NOW)).unwrap();
    assert_eq!(
        refused(verifier.verify(&rs512, at(NOW))).kind(),
        AuthErrorKind::UnsupportedAlgorithm
    );

    // A configuration that advertises RS512 and HMAC: RS512 only, never HMAC.
    let other = OpenIdConfiguration::from_json(
        br#"{"id_token_signing_alg_values_supported": ["HS256", "RS512", "none"]}"#,
    )
    .unwrap();
    assert_eq!(other.algorithms(), [SigningAlgorithm::Rs512]);
    let verifier = verifier.with_openid_configuration(&other);
    assert_eq!(verifier.algorithms(), [SigningAlgorithm::Rs512]);
    let claims = verifier.verify(&rs512, at(NOW)).unwrap();
    assert_eq!(claims.algorithm, SigningAlgorithm::Rs512);
    for token in [&rs256, &hs256] {
        assert_eq!(
            refused(verifier.verify(token, at(NOW))).kind(),
            AuthErrorKind::UnsupportedAlgorithm
        );
    }

    // Documents that do not read say where.
    for (json, pointer) in [
        (&b"{"[..], ""),
        (b"[]", ""),
        (br#"{"issuer": 1}"#, "/issuer"),
        (
            br#"{"id_token_signing_alg_values_supported": "RS256"}"#,
            "/id_token_signing_alg_values_supported",
        ),
        (
            br#"{"id_token_signing_alg_values_supported": ["RS256", 2]}"#,
            "/id_token_signing_alg_values_supported/1",
        ),
    ] {
        let error = OpenIdConfiguration::from_json(json).unwrap_err();
        assert_eq!(error.pointer(), pointer, "{error}");
    }
}

#[test]
fn the_key_set_keeps_what_it_can_use_and_says_what_it_skipped() {
    let keys = keys();
    let mut short = keys.a.jwk();
    short["kid"] = json!("short");
    short["n"] = json!(URL_SAFE_NO_PAD.encode([0xC1u8; 128]));
    let mut rs512 = keys.b.jwk();
    rs512["alg"] = json!("RS512");
    let document = json!({ "keys": [
        keys.a.jwk(),
        { "kty": "EC", "kid": "ec", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0" },
        { "kty": "RSA", "kid": "enc", "use": "enc", "n": "AQAB", "e": "AQAB" },
        { "kty": "RSA", "kid": "only-x5c", "use": "sig", "x5c": ["MIIDBTCCAe2gAwIBAgIQ"] },
        short,
        { "kty": "RSA", "kid": "not-base64", "n": "***", "e": "AQAB" },
        "not a key",
        rs512,
    ]});
    let set = KeySet::from_jwks(document.to_string().as_bytes()).unwrap();
    assert_eq!(set.key_ids().collect::<Vec<_>>(), ["key-a", "key-b"]);
    assert_eq!(set.len(), 2);
    let skipped: Vec<(&str, Option<&str>)> = set
        .skipped()
        .iter()
        .map(|s| (s.pointer.as_str(), s.kid.as_deref()))
        .collect();
    assert_eq!(
        skipped,
        [
            ("/keys/1", Some("ec")),
            ("/keys/2", Some("enc")),
            ("/keys/3", Some("only-x5c")),
            ("/keys/4", Some("short")),
            ("/keys/5", Some("not-base64")),
            ("/keys/6", None),
        ]
    );
    assert!(
        set.skipped()[3].reason.contains("1024 bits"),
        "{:?}",
        set.skipped()[3]
    );

    // A key that names its algorithm verifies only that one.
    let verifier = Verifier::new(APP_ID, set.clone());
    let rs256_b = sign(&header(&keys.b), &claims(), &keys.b);
    let error = refused(verifier.verify(&rs256_b, at(NOW)));
    assert_eq!(error.kind(), AuthErrorKind::UnsupportedAlgorithm, "{error}");
    let rs512_b = sign_as(
        &with(header(&keys.b), json!({ "alg": "RS512" })),
        &claims(),
        &keys.b,
        Algorithm::RS512,
    );
    let verifier = verifier.with_algorithms(SigningAlgorithm::ALL);
    verifier.verify(&rs512_b, at(NOW)).unwrap();

    // Documents that are not key sets are errors, with where.
    for (json, pointer) in [
        (&b"{\"keys\": ["[..], ""),
        (b"[]", ""),
        (b"{}", "/keys"),
        (br#"{"keys": {}}"#, "/keys"),
    ] {
        let error = KeySet::from_jwks(json).unwrap_err();
        assert_eq!(error.pointer(), pointer, "{error}");
        assert!(error.to_string().starts_with("JWKS at"), "{error}");
    }
}
