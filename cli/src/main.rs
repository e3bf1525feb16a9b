//! `graph-comms`: decode and check Microsoft Graph cloud-communications payloads.
//!
//! Exit status: 0 when everything decoded (and, for `check`, round-tripped; for
//! `auth`, the token verified; for `replay`, every body decoded; for `simulate`,
//! no error finding), 1 when something did not, 2 for a usage error (and, for
//! `simulate`, a bot that is not reachable). A standard output closed early (`| head`)
//! ends the command quietly, with status 0.

mod auth;
mod check;
mod decode;
mod explain;
mod generate;
mod lint;
mod manifest;
mod replay;
mod request;
mod schema;
mod simulate;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Decode and check Microsoft Graph cloud-communications payloads (calls,
/// commsNotifications, participants, operations).
#[derive(Debug, Parser)]
#[command(name = "graph-comms", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Decode one payload and print its canonical JSON; diagnostics go to stderr.
    Decode(decode::Args),
    /// Decode every *.json below the paths and check the round-trip guarantee.
    Check(check::Args),
    /// Print generated payloads of a type, one JSON document per line.
    Generate(generate::Args),
    /// Write the JSON Schema of every type, one `<type>.schema.json` file each.
    Schema(schema::Args),
    /// Print the HTTP request that sends a body, for a national cloud: request line,
    /// headers, blank line, JSON body.
    Request(request::Args),
    /// Print each request body's permissions and what the lints find in it.
    Lint(lint::Args),
    /// Verify the bearer token of a callback: print its issuer, audience, tenant and
    /// expiry as JSON (exit 0), or why it is refused (exit 1).
    Auth(auth::Args),
    /// Feed callback bodies (or JSON-lines logs of them) to the call tracker, in
    /// order, and print each call's final state.
    Replay(replay::Args),
    /// Explain a result code (`408/8537`), a resultInfo object or a message with a
    /// DiagCode: its meaning, category, whether a retry can help, and its source
    /// (exit 0), or exit 2 when the input holds no code.
    Explain(explain::Args),
    /// Play Graph's calling side for a bot under test: serve Graph's API and its
    /// keys on --listen, post signed callbacks to the bot, run the scenarios and
    /// print each call run's conformance findings (exit 1 when any is an error).
    Simulate(simulate::Args),
}

/// Why a command ended early.
#[derive(Debug)]
enum Failure {
    /// Not decodable (exit 1).
    Data(String),
    /// A usage error (exit 2).
    Usage(String),
    /// Standard output was closed by its reader (`| head`): a quiet exit 0.
    Closed,
}

/// The failure a write to standard output ended with: [`Failure::Closed`] when its
/// reader has gone, as `head` does once it has its lines.
fn output_error(e: std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::Closed
    } else {
        Failure::Data(format!("cannot write the output: {e}"))
    }
}

/// Writes one line to `$out` (as `writeln!`, with `std::io::Write` in scope),
/// returning the [`Failure`] from the enclosing function when it cannot.
macro_rules! say {
    ($out:expr) => {
        writeln!($out).map_err($crate::output_error)?
    };
    ($out:expr, $($arg:tt)*) => {
        writeln!($out, $($arg)*).map_err($crate::output_error)?
    };
}
pub(crate) use say;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Decode(args) => decode::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Request(args) => request::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Auth(args) => auth::run(&args),
        Command::Replay(args) => replay::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Simulate(args) => simulate::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Data(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Closed) => ExitCode::SUCCESS,
    }
}

/// The type name given with `--type`, checked against the by_name.
fn known_type(name: Option<&str>) -> Result<Option<&'static str>, Failure> {
    match name {
        None => Ok(None),
        Some(name) => graph_comms::by_name::lookup(name)
            .map(|t| Some(t.name()))
            .ok_or_else(|| {
                Failure::Usage(format!(
                    "`{name}` is not a Graph type this tool knows (names are spelled as in the metadata, such as `call` or `commsNotifications`)"
                ))
            }),
    }
}

/// Reads a file, or standard input for `-`.
fn read_input(path: &Path) -> Result<Vec<u8>, Failure> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Failure::Usage(format!("cannot read standard input: {e}")))?;
        Ok(buf)
    } else {
        std::fs::read(path)
            .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))
    }
}

/// Every `*.json` file at or below `paths`, in sorted order.
fn json_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect(path, &mut out)
                .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))?;
        } else if path.is_file() {
            out.push(path.clone());
        } else {
            return Err(Failure::Usage(format!(
                "{}: no such file or directory",
                path.display()
            )));
        }
    }
    Ok(out)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(std::fs::DirEntry::path);
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}
