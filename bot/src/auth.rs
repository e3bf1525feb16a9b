//! Verification of the bearer token Graph signs each callback with (the `auth`
//! feature), without I/O.
//!
//! A bot's callback URL is public: anyone who finds it can post a
//! `commsNotifications` body. Graph puts a signed JWT in each callback's
//! `Authorization` header; a bot trusts the body only once the token verifies:
//!
//! - signed (RS256) by a key of the set served at [`JWKS_URL`], which the
//!   [`OPENID_CONFIGURATION_URL`] document names as its `jwks_uri`;
//! - issued by one of the [`DEFAULT_ISSUERS`], `https://graph.microsoft.com` or
//!   `https://api.botframework.com` (and with a trailing slash, as the US Government
//!   clouds write it);
//! - addressed (`aud`) to the bot's application id;
//! - within its lifetime, with five minutes of [`DEFAULT_LEEWAY`];
//! - its tenant read from `tid`.
//!
//! The service fetches both documents and caches them ([`KeySet`],
//! [`OpenIdConfiguration`]); the [`Verifier`] checks tokens against them and the
//! clock the caller passes in, so tests and replays are deterministic. A token
//! naming a `kid` the set lacks is refused as [`AuthErrorKind::UnknownKey`]: the
//! keys have rotated, fetch them again.
//!
//! Signatures are checked by `jsonwebtoken` with its pure-Rust RustCrypto backend;
//! everything around them (the token's syntax, the header, the claims, the
//! clock) is checked here, strictly: see [`Verifier`] for the order.

mod claims;
mod error;
mod keys;
mod token;
mod verifier;

pub use claims::Claims;
pub use error::{AuthError, AuthErrorKind, DocumentError};
pub use keys::{KeySet, OpenIdConfiguration, SigningAlgorithm, SkippedKey};
pub use verifier::{DEFAULT_ISSUERS, DEFAULT_LEEWAY, DEFAULT_MAX_TOKEN_LEN, Verifier};

/// Where Graph's calling service publishes its OpenID configuration.
pub const OPENID_CONFIGURATION_URL: &str =
    "https://api.aps.skype.com/v1/.well-known/OpenIdConfiguration";

/// The `jwks_uri` of that configuration: the key set callback tokens are signed
/// with.
pub const JWKS_URL: &str = "https://api.aps.skype.com/v1/keys";
