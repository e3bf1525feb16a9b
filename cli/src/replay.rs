//! `graph-comms replay`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use graph_comms::DecodeOptions;
use graph_comms::notification::{CallbackBody, CommsNotifications, classify_callback};
use graph_comms_bot::explain::ExplainResult as _;
use graph_comms_bot::tracker::{TrackedCall, Tracker, Warning, WarningKind, display_name};
use serde_json::Value;

use crate::{Failure, read_input, say};

/// Arguments of `replay`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// One JSON object per call per line, sorted by call id.
    #[arg(long)]
    json: bool,
    /// Print the event log before the summary (without `--json`).
    #[arg(long)]
    events: bool,
    /// Files of `commsNotifications` bodies: one body, or JSON lines (one body per
    /// line, as a captured callback log), fed in the order given.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Failure> {
    let mut tracker = Tracker::new();
    let mut warnings: BTreeMap<String, Vec<Warning>> = BTreeMap::new();
    let mut log = Vec::new();
    let mut failed = false;
    for path in &args.files {
        let input = read_input(path)?;
        for (line, body) in bodies(&input) {
            let place = match line {
                Some(n) => format!("{}:{n}", path.display()),
                None => path.display().to_string(),
            };
            // What is not Graph-format notifications is reported, not applied.
            let body: &[u8] = &body;
            match classify_callback(&DecodeOptions::lenient(), body) {
                Ok(CallbackBody::Notifications | CallbackBody::NotAnObject) | Err(_) => {}
                Ok(CallbackBody::Legacy) => {
                    eprintln!(
                        "warning: {place}: not applied: a legacy (Skype protocol) call notification; Graph sends it again in its format when answered 204"
                    );
                    continue;
                }
                Ok(_) => {
                    eprintln!(
                        "warning: {place}: not applied: not a commsNotifications body (no `value`)"
                    );
                    continue;
                }
            }
            let decoded = match graph_comms::from_slice::<CommsNotifications>(body) {
                Ok(decoded) => decoded,
                Err(e) => {
                    eprintln!("error: {place}: {e}");
                    failed = true;
                    continue;
                }
            };
            let feed = tracker.feed_decoded(&decoded);
            log.extend(feed.events.iter().map(|e| format!("{place}: {e}")));
            for warning in feed.warnings {
                match &warning.call_id {
                    Some(id) => warnings.entry(id.clone()).or_default().push(warning),
                    None if warning.kind == WarningKind::Truncated => eprintln!(
                        "warning: {place}: not applied: the body is truncated ({})",
                        warning.message
                    ),
                    None => eprintln!("warning: {place}: {warning}"),
                }
            }
        }
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        for call in tracker.calls() {
            let warned = warnings.get(call.id()).map_or(&[][..], Vec::as_slice);
            say!(out, "{}", call.summary_json(warned));
        }
    } else {
        if args.events {
            for line in &log {
                say!(out, "{line}");
            }
            if !log.is_empty() {
                say!(out);
            }
        }
        for call in tracker.calls() {
            for line in summary_text(call, warnings.get(call.id())) {
                say!(out, "{line}");
            }
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The bodies of a file: the whole file when it is one JSON document, else each
/// non-empty line, with its number. A line of a simulator transcript
/// (`graph-comms simulate --transcript`) gives the body of a genuine callback; its
/// other lines (the bot's requests, legacy and forged callbacks) give none.
fn bodies(input: &[u8]) -> Vec<(Option<usize>, Cow<'_, [u8]>)> {
    let lines: Vec<(usize, &[u8])> = input
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
        .collect();
    let whole = lines.len() <= 1 && !lines.iter().any(|(_, l)| l.starts_with(TRANSCRIPT))
        || graph_comms::from_slice::<CommsNotifications>(input).is_ok();
    if whole {
        return vec![(None, Cow::Borrowed(input))];
    }
    lines
        .into_iter()
        .filter_map(|(n, line)| {
            if !line.starts_with(TRANSCRIPT) {
                return Some((Some(n), Cow::Borrowed(line)));
            }
            let entry: Value = serde_json::from_slice(line).ok()?;
            let callback = entry["direction"] == "toBot"
                && matches!(entry["kind"].as_str(), None | Some("genuine"));
            callback.then(|| (Some(n), Cow::Owned(entry["body"].to_string().into_bytes())))
        })
        .collect()
}

/// How a line of a simulator transcript begins.
const TRANSCRIPT: &[u8] = br#"{"direction":"#;

fn summary_text(call: &TrackedCall, warnings: Option<&Vec<Warning>>) -> Vec<String> {
    let mut lines = Vec::new();
    let result = call
        .result_info()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    lines.push(format!(
        "call {}: {}{result}",
        call.id(),
        call.state().map_or("no state yet", |s| s.as_str())
    ));
    if let Some(result) = call.result_info() {
        lines.push(format!("  result: {}", result.explain()));
    }
    lines.push(format!("  participants: {}", call.participants().len()));
    for (id, p) in call.participants() {
        let mut flags = Vec::new();
        if p.is_muted == Some(true) {
            flags.push("muted");
        }
        if p.is_in_lobby == Some(true) {
            flags.push("in lobby");
        }
        lines.push(format!(
            "    {id} {}{}",
            display_name(p).map_or_else(String::new, |n| format!("{n:?}")),
            if flags.is_empty() {
                String::new()
            } else {
                format!(" ({})", flags.join(", "))
            }
        ));
    }
    lines.push(format!("  operations: {}", call.operations().len()));
    for (id, op) in call.operations() {
        lines.push(format!(
            "    {id} {} {}",
            op.type_name,
            op.status.as_ref().map_or("no status", |s| s.as_str())
        ));
    }
    let sessions: Vec<&str> = call
        .content_sharing_sessions()
        .keys()
        .map(String::as_str)
        .collect();
    lines.push(format!(
        "  content sharing: {}",
        if sessions.is_empty() {
            "none".to_owned()
        } else {
            sessions.join(", ")
        }
    ));
    for warning in warnings.into_iter().flatten() {
        lines.push(format!("  warning: {warning}"));
    }
    lines
}
