//! `graph-comms decode`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use graph_comms::{DecodeOptions, by_name};

use crate::{Failure, known_type, read_input};

/// Arguments of `decode`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Standard JSON and exact types only (the default is lenient).
    #[arg(long)]
    strict: bool,
    /// The Graph type to decode as, spelled as in the metadata (`call`,
    /// `commsNotifications`, `participant`, `organizerMeetingInfo`, ...); by default
    /// the root `@odata.type` decides.
    #[arg(long = "type", value_name = "NAME")]
    type_name: Option<String>,
    /// The payload file, or `-` for standard input.
    #[arg(default_value = "-", value_name = "FILE")]
    file: PathBuf,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Failure> {
    let type_name = known_type(args.type_name.as_deref())?;
    let input = read_input(&args.file)?;
    let options = if args.strict {
        DecodeOptions::strict()
    } else {
        DecodeOptions::lenient()
    };
    let decoded = by_name::decode_as(&options, type_name, &input).map_err(|e| {
        let hint = if type_name.is_none() && e.kind() == graph_comms::ErrorKind::UnknownType {
            " (give the type with --type NAME)"
        } else {
            ""
        };
        Failure::Data(format!("{e}{hint}"))
    })?;
    for diagnostic in &decoded.diagnostics {
        eprintln!("{}: {diagnostic}", diagnostic.severity());
    }
    let mut out = decoded.value.to_vec_pretty();
    out.push(b'\n');
    std::io::stdout()
        .write_all(&out)
        .map_err(crate::output_error)?;
    Ok(ExitCode::SUCCESS)
}
