//! `graph-comms explain`.

use std::io::{Read as _, Write as _};
use std::process::ExitCode;

use graph_comms_bot::explain::explain_text;

use crate::{Failure, say};

/// Arguments of `explain`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Print `{"code","subcode","diagCode","meaning","category","retryable","source"}`,
    /// with null where unknown.
    #[arg(long)]
    json: bool,
    /// `CODE`, `CODE/SUBCODE` (or `CODE#SUBCODE`), a `resultInfo` object as JSON, or a
    /// message holding a `DiagCode: x#y`; several words are read as one text, `-`
    /// reads standard input.
    #[arg(required = true, value_name = "CODE[/SUBCODE] | TEXT")]
    input: Vec<String>,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Failure> {
    let mut text = args.input.join(" ");
    if text == "-" {
        text.clear();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::Usage(format!("cannot read standard input: {e}")))?;
    }
    let Some(explanation) = explain_text(&text) else {
        return Err(Failure::Usage(format!(
            "no result code in `{}`: give CODE, CODE/SUBCODE, a resultInfo object or a message with a DiagCode",
            text.trim()
        )));
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        say!(out, "{}", explanation.to_json());
    } else {
        say!(out, "{explanation}");
        if let Some(source) = explanation.source {
            let whose = if source.is_graph() {
                "Microsoft Graph"
            } else {
                "documented for Azure Communication Services, not for Graph"
            };
            say!(out, "source: {} ({whose})", source.url());
        }
    }
    Ok(ExitCode::SUCCESS)
}
