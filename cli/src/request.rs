//! `graph-comms request`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use graph_comms::{DecodeOptions, by_name};
use graph_comms_bot::http::{ApiVersion, Cloud, Endpoint, Graph, to_http1_text};

use crate::{Failure, known_type, read_input};

/// Arguments of `request`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The national cloud: `global`, `usgov`, `usgov-dod` or `china`.
    #[arg(long, value_name = "CLOUD")]
    cloud: String,
    /// The API version: `v1.0` or `beta`.
    #[arg(long, default_value = "v1.0", value_name = "VERSION")]
    version: String,
    /// The request body's type: `call` (create a call), an action's
    /// `<binding>.<action>` (`call.answer`, `participants.invite`), or
    /// `audioRoutingGroup` (create one).
    #[arg(long = "type", value_name = "NAME")]
    type_name: String,
    /// The call's id, for every endpoint but creating a call.
    #[arg(long, value_name = "ID")]
    call: Option<String>,
    /// The participant's id, for an action bound to one participant.
    #[arg(long, value_name = "ID")]
    participant: Option<String>,
    /// The body file, or `-` for standard input.
    #[arg(default_value = "-", value_name = "FILE")]
    file: PathBuf,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Failure> {
    let cloud: Cloud = args.cloud.parse().map_err(|e| {
        Failure::Usage(format!(
            "{e}: the clouds are global, usgov, usgov-dod and china"
        ))
    })?;
    let version: ApiVersion = args
        .version
        .parse()
        .map_err(|e| Failure::Usage(format!("{e}: the versions are v1.0 and beta")))?;
    let name = known_type(Some(&args.type_name))?.unwrap_or_default();
    let endpoint = Endpoint::for_body(name, args.call.as_deref(), args.participant.as_deref())
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let input = read_input(&args.file)?;
    // A body that says it is of another type is not sent as this one.
    if let Ok(said) = by_name::decode_as(&DecodeOptions::lenient(), None, &input)
        && said.value.type_name() != name
    {
        return Err(Failure::Data(format!(
            "the body is a `{}` (its @odata.type), not a `{name}`",
            said.value.type_name()
        )));
    }
    let decoded = by_name::decode_as(&DecodeOptions::lenient(), Some(name), &input)
        .map_err(|e| Failure::Data(e.to_string()))?;
    for diagnostic in &decoded.diagnostics {
        eprintln!("{}: {diagnostic}", diagnostic.severity());
    }
    let request = Graph::new(cloud, version)
        .request(&endpoint, Some(decoded.value.to_vec()))
        .map_err(|e| Failure::Data(e.to_string()))?;
    let mut text = to_http1_text(&request).into_bytes();
    text.push(b'\n');
    std::io::stdout()
        .write_all(&text)
        .map_err(crate::output_error)?;
    Ok(ExitCode::SUCCESS)
}
