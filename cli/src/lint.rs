//! `graph-comms lint`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use graph_comms::{DecodeOptions, by_name};
use graph_comms_bot::http::{Endpoint, Permission, permissions};
use graph_comms_bot::lint::{Finding, Severity, lint};
use serde_json::json;

use crate::manifest::Manifests;
use crate::{Failure, known_type, say};

/// Arguments of `lint`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// One JSON object per file per line instead of text.
    #[arg(long)]
    json: bool,
    /// The request body's type (`call`, `call.answer`, …); by default the root
    /// `@odata.type`, else the `type` of a `manifest.tsv` beside the file.
    #[arg(long = "type", value_name = "NAME")]
    type_name: Option<String>,
    /// The request bodies.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// The permission sets as names.
fn names(sets: &[Vec<Permission>]) -> Vec<Vec<&'static str>> {
    sets.iter()
        .map(|set| set.iter().map(|p| p.as_str()).collect())
        .collect()
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Failure> {
    let forced = known_type(args.type_name.as_deref())?;
    let options = DecodeOptions::lenient();
    let mut manifests = Manifests::default();
    let mut out = std::io::stdout().lock();
    let mut failed = false;
    for path in &args.files {
        let file = path.display().to_string();
        let input =
            std::fs::read(path).map_err(|e| Failure::Usage(format!("cannot read {file}: {e}")))?;
        let type_name = match forced {
            Some(name) => Some(name.to_owned()),
            None => match by_name::root_type(&options, &input) {
                Ok(Some(_)) => None,
                _ => manifests.type_of(path),
            },
        };
        let decoded = match by_name::decode_as(&options, type_name.as_deref(), &input) {
            Ok(decoded) => decoded,
            Err(e) => {
                failed = true;
                if args.json {
                    let line = json!({"file": file, "type": type_name, "error": e.to_string()});
                    say!(out, "{line}");
                } else {
                    say!(out, "{file}: error: {e}");
                }
                continue;
            }
        };
        let value = &*decoded.value;
        let name = value.type_name();
        let needed = Endpoint::for_body(name, Some("{id}"), Some("{id}"))
            .map(|endpoint| names(permissions(&endpoint, Some(value)).alternatives()))
            .ok();
        let findings: Vec<Finding> = lint(value);
        failed |= findings.iter().any(|f| f.severity == Severity::Error);
        if args.json {
            let findings: Vec<_> = findings
                .iter()
                .map(|f| {
                    json!({"pointer": f.pointer, "code": f.code.as_str(), "severity": f.severity.as_str(), "message": f.message})
                })
                .collect();
            let line =
                json!({"file": file, "type": name, "permissions": needed, "findings": findings});
            say!(out, "{line}");
        } else {
            match &needed {
                Some(sets) if sets.is_empty() => {
                    say!(
                        out,
                        "{file}: permissions: none of its own (checked when the call was created)"
                    );
                }
                Some(sets) => {
                    let text: Vec<String> = sets.iter().map(|s| s.join(" + ")).collect();
                    say!(out, "{file}: permissions: {}", text.join(" | "));
                }
                None => say!(out, "{file}: permissions: not a request body"),
            }
            for finding in &findings {
                say!(out, "{file}: {finding}");
            }
        }
    }
    out.flush().map_err(crate::output_error)?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
