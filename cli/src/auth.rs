//! `graph-comms auth`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use graph_comms_bot::auth::{KeySet, OpenIdConfiguration, Verifier};

use crate::{Failure, read_input, say};

/// Arguments of `auth`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The key set (JWKS) as served at the configuration's `jwks_uri`
    /// (https://api.aps.skype.com/v1/keys).
    #[arg(long, value_name = "JWKS_FILE")]
    keys: PathBuf,
    /// The bot's application id: the audience the token must name.
    #[arg(long, value_name = "APP_ID")]
    app_id: String,
    /// The OpenID configuration document: its advertised algorithms are the
    /// accepted ones (RS256 without it).
    #[arg(long, value_name = "FILE")]
    openid_config: Option<PathBuf>,
    /// The time to verify at, in Unix seconds (default: now).
    #[arg(long, value_name = "UNIX_SECONDS")]
    at: Option<u64>,
    /// The clock skew allowed on each side of the token's lifetime.
    #[arg(long, default_value_t = 300, value_name = "SECONDS")]
    leeway: u64,
    /// The token, or the whole `Authorization` header value (`Bearer <token>`);
    /// `-` for standard input. Surrounding whitespace is ignored.
    #[arg(default_value = "-", value_name = "TOKEN_FILE")]
    file: PathBuf,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Failure> {
    let keys = KeySet::from_jwks(&read_input(&args.keys)?)
        .map_err(|e| Failure::Usage(format!("{}: {e}", args.keys.display())))?;
    for skipped in keys.skipped() {
        eprintln!(
            "warning: {}: key {} skipped: {}",
            args.keys.display(),
            skipped.pointer,
            skipped.reason
        );
    }
    let mut verifier =
        Verifier::new(&args.app_id, keys).with_leeway(Duration::from_secs(args.leeway));
    if let Some(path) = &args.openid_config {
        let configuration = OpenIdConfiguration::from_json(&read_input(path)?)
            .map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
        verifier = verifier.with_openid_configuration(&configuration);
    }
    let now = args
        .at
        .map_or_else(SystemTime::now, |s| UNIX_EPOCH + Duration::from_secs(s));
    let input = read_input(&args.file)?;
    let text = String::from_utf8_lossy(&input);
    let text = text.trim();
    let header_form = text
        .split_once(char::is_whitespace)
        .is_some_and(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"));
    let verified = if header_form {
        verifier.verify_authorization(text, now)
    } else {
        verifier.verify(text, now)
    };
    let claims = verified.map_err(|e| Failure::Data(e.to_string()))?;
    let expires_at = match claims.expires_at.duration_since(UNIX_EPOCH) {
        Ok(d) if d.subsec_nanos() == 0 => serde_json::Value::from(d.as_secs()),
        Ok(d) => serde_json::Value::from(d.as_secs_f64()),
        Err(before) => serde_json::Value::from(-before.duration().as_secs_f64()),
    };
    let string = |s: &str| serde_json::Value::from(s).to_string();
    let mut out = std::io::stdout().lock();
    say!(
        out,
        "{{\"issuer\":{},\"audience\":{},\"tenantId\":{},\"expiresAt\":{expires_at}}}",
        string(&claims.issuer),
        string(&claims.audience),
        claims
            .tenant_id
            .as_deref()
            .map_or_else(|| "null".to_owned(), string),
    );
    Ok(ExitCode::SUCCESS)
}
