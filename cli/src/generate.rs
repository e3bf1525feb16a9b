//! `graph-comms generate`.

use std::io::Write as _;
use std::process::ExitCode;

use proptest::strategy::{Strategy as _, ValueTree as _};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::{Failure, known_type};

/// Arguments of `generate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The Graph type to generate, spelled as in the metadata (`commsNotifications`,
    /// `call`, `participant`, ...).
    #[arg(long = "type", value_name = "NAME")]
    type_name: String,
    /// How many payloads.
    #[arg(long, default_value_t = 10, value_name = "N")]
    count: usize,
    /// The seed: the same seed gives the same payloads.
    #[arg(long, default_value_t = 0, value_name = "S")]
    seed: u64,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Failure> {
    let name = known_type(Some(&args.type_name))?.unwrap_or_default();
    let entry = graph_comms::by_name::lookup(name)
        .ok_or_else(|| Failure::Usage(format!("unknown type {name}")))?;
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&args.seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = entry.strategy();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for _ in 0..args.count {
        let value = strategy
            .new_tree(&mut runner)
            .map_err(|e| Failure::Data(format!("cannot generate a {name}: {e}")))?
            .current();
        let mut line = value.to_vec();
        line.push(b'\n');
        out.write_all(&line).map_err(crate::output_error)?;
    }
    Ok(ExitCode::SUCCESS)
}
