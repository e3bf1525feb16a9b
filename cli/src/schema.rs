//! `graph-comms schema`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::Failure;

/// Arguments of `schema`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The folder to write into (created if missing); files of other names are left alone.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Failure> {
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Failure::Usage(format!("cannot create {}: {e}", args.out.display())))?;
    let schemas = graph_comms::schema::all();
    for (name, schema) in &schemas {
        let path = args.out.join(graph_comms::schema::file_name(name));
        let mut text = graph_comms::to_vec_pretty(schema);
        text.push(b'\n');
        std::fs::write(&path, text)
            .map_err(|e| Failure::Data(format!("cannot write {}: {e}", path.display())))?;
    }
    println!("wrote {} schemas to {}", schemas.len(), args.out.display());
    Ok(ExitCode::SUCCESS)
}
