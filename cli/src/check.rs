//! `graph-comms check`.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use graph_comms::roundtrip::{self, RoundTrip};
use graph_comms::{DecodeOptions, DiagnosticKind, Error, by_name};
use serde_json::{Value, json};

use crate::manifest::Manifests;
use crate::{Failure, json_files, known_type, say};

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Print one JSON object per file per line instead of a table.
    #[arg(long)]
    json: bool,
    /// The Graph type of every file; by default each file's root `@odata.type`, or
    /// else the type a `manifest.tsv` beside it gives.
    #[arg(long = "type", value_name = "NAME")]
    type_name: Option<String>,
    /// Files, and directories to search for `*.json` files.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// What happened to one file.
struct Outcome {
    file: String,
    type_name: Option<String>,
    result: Result<RoundTrip, Error>,
}

impl Outcome {
    fn ok(&self) -> bool {
        self.result.as_ref().is_ok_and(RoundTrip::holds)
    }
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Failure> {
    let forced = known_type(args.type_name.as_deref())?;
    let files = json_files(&args.paths)?;
    let options = DecodeOptions::lenient();
    let mut manifests = Manifests::default();
    let mut outcomes = Vec::with_capacity(files.len());
    let mut out = std::io::stdout().lock();
    for path in &files {
        let input = std::fs::read(path)
            .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))?;
        let type_name = match forced {
            Some(name) => Some(name.to_owned()),
            None => match by_name::root_type(&options, &input) {
                Ok(Some(_)) => None,
                _ => manifests.type_of(path),
            },
        };
        let result = roundtrip::check(&options, type_name.as_deref(), &input);
        let type_name = match &result {
            Ok(rt) => Some(rt.decoded.value.type_name().to_owned()),
            Err(_) => type_name,
        };
        let outcome = Outcome {
            file: path.display().to_string(),
            type_name,
            result,
        };
        if args.json {
            say!(out, "{}", json_line(&outcome));
        }
        outcomes.push(outcome);
    }
    if !args.json {
        print_table(&mut out, &outcomes)?;
    }
    Ok(if outcomes.iter().all(Outcome::ok) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn json_line(o: &Outcome) -> Value {
    let (error, diagnostics, roundtrip, unexplained) = match &o.result {
        Ok(rt) => (
            Value::Null,
            rt.decoded
                .diagnostics
                .iter()
                .map(|d| {
                    let mut v = json!({"pointer": d.pointer, "kind": d.kind.as_str(), "severity": d.severity().as_str(), "message": d.message});
                    if let Some(p) = d.position {
                        v["line"] = json!(p.line);
                        v["column"] = json!(p.column);
                    }
                    v
                })
                .collect(),
            Value::Bool(rt.holds()),
            rt.unexplained.iter().map(|d| Value::String(d.pointer.clone())).collect(),
        ),
        Err(e) => (Value::String(e.to_string()), Vec::new(), Value::Null, Vec::new()),
    };
    let mut line = json!({
        "file": o.file,
        "type": o.type_name,
        "ok": o.ok(),
        "error": error,
        "diagnostics": diagnostics,
        "roundtrip": roundtrip,
    });
    if !unexplained.is_empty() {
        line["unexplained"] = Value::Array(unexplained);
    }
    line
}

fn print_table(out: &mut impl std::io::Write, outcomes: &[Outcome]) -> Result<(), Failure> {
    let width = outcomes
        .iter()
        .map(|o| o.file.len())
        .max()
        .unwrap_or(4)
        .max(4);
    say!(
        out,
        "{:<width$}  {:<32}  {:<6}  {:>5}  ROUND TRIP",
        "FILE",
        "TYPE",
        "RESULT",
        "DIAGS"
    );
    let mut by_kind: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut unknown_types: BTreeMap<String, usize> = BTreeMap::new();
    let (mut decoded, mut roundtrip_failures) = (0, 0);
    for o in outcomes {
        let ty = o.type_name.as_deref().unwrap_or("?");
        match &o.result {
            Ok(rt) => {
                decoded += 1;
                for d in &rt.decoded.diagnostics {
                    *by_kind.entry(d.kind.as_str()).or_default() += 1;
                    if d.kind == DiagnosticKind::UnknownType {
                        *unknown_types.entry(d.message.clone()).or_default() += 1;
                    }
                }
                let verdict = if rt.holds() {
                    "ok"
                } else {
                    roundtrip_failures += 1;
                    "FAILED"
                };
                say!(
                    out,
                    "{:<width$}  {ty:<32}  {:<6}  {:>5}  {verdict}",
                    o.file,
                    "ok",
                    rt.decoded.diagnostics.len()
                );
                for d in &rt.unexplained {
                    say!(
                        out,
                        "    unexplained difference at {}: input {:?}, encoded {:?}",
                        d.pointer,
                        d.input,
                        d.encoded
                    );
                }
                if let Some(why) = &rt.unstable {
                    say!(out, "    unstable: {why}");
                }
            }
            Err(e) => {
                say!(
                    out,
                    "{:<width$}  {ty:<32}  {:<6}  {:>5}  -",
                    o.file,
                    "ERROR",
                    "-"
                );
                say!(out, "    error: {e}");
            }
        }
    }
    say!(out);
    say!(
        out,
        "files: {}, decoded: {decoded}, failed to decode: {}",
        outcomes.len(),
        outcomes.len() - decoded
    );
    let total: usize = by_kind.values().sum();
    let kinds: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
    if kinds.is_empty() {
        say!(out, "diagnostics: 0");
    } else {
        say!(out, "diagnostics: {total} ({})", kinds.join(", "));
    }
    say!(
        out,
        "unknown types: {}",
        unknown_types.values().sum::<usize>()
    );
    for (message, n) in &unknown_types {
        say!(out, "    {n} × {message}");
    }
    say!(out, "round-trip failures: {roundtrip_failures}");
    Ok(())
}
