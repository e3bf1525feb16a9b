//! `graph-comms generate`.

use std::io::Write as _;
use std::process::ExitCode;

use graph_comms::generate::{Hosting, Profile, Scenario};
use proptest::strategy::{BoxedStrategy, Strategy as _, ValueTree as _};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::{Failure, known_type};

/// Arguments of `generate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The Graph type to generate, spelled as in the metadata (`commsNotifications`,
    /// `call`, `participant`, `call.answer`, ...). Required unless `--scenario` is
    /// given (which generates calls).
    #[arg(
        long = "type",
        value_name = "NAME",
        required_unless_present = "scenario"
    )]
    type_name: Option<String>,
    /// A scenario of the "Create call" page: `peer-to-peer`, `group`,
    /// `meeting-by-organizer`, `meeting-by-join-id`, `meeting-by-token` or `pstn`,
    /// optionally ending in `-service-hosted` or `-app-hosted` (else either media).
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
    /// How much of real traffic's imperfection the payloads carry: `clean` (none),
    /// `realistic` (one value in 20 each) or `hostile` (one in 3, any type).
    /// Scenario requests are built as a bot builds them: the profile only respells
    /// their enum values.
    #[arg(long, default_value = "realistic", value_name = "NAME")]
    profile: String,
    /// How many payloads.
    #[arg(long, default_value_t = 10, value_name = "N")]
    count: usize,
    /// The seed: the same seed gives the same payloads.
    #[arg(long, default_value_t = 0, value_name = "S")]
    seed: u64,
}

/// The scenario `name` gives, and the hosting of its media if it names one.
fn scenario(name: &str) -> Result<(Scenario, Option<Hosting>), Failure> {
    let hosted = Hosting::ALL.into_iter().find_map(|h| {
        name.strip_suffix(h.as_str())
            .and_then(|rest| rest.strip_suffix('-'))
            .map(|rest| (rest, Some(h)))
    });
    let (base, hosting) = hosted.unwrap_or((name, None));
    let names: Vec<&str> = Scenario::ALL.iter().map(|s| s.as_str()).collect();
    base.parse::<Scenario>()
        .ok()
        .map(|s| (s, hosting))
        .ok_or_else(|| {
            Failure::Usage(format!(
                "`{name}` is not a scenario: one of {}, optionally ending in -service-hosted or -app-hosted",
                names.join(", ")
            ))
        })
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Failure> {
    let profile = args.profile.parse::<Profile>().map_err(|_| {
        let names: Vec<&str> = Profile::ALL.iter().map(|p| p.as_str()).collect();
        Failure::Usage(format!(
            "`{}` is not a profile: one of {}",
            args.profile,
            names.join(", ")
        ))
    })?;
    if args.scenario.is_some() && args.type_name.as_deref().is_some_and(|t| t != "call") {
        return Err(Failure::Usage(
            "a scenario generates calls: --type, if given, is `call`".to_owned(),
        ));
    }
    let name = match &args.scenario {
        Some(_) => "call",
        None => known_type(args.type_name.as_deref())?.unwrap_or_default(),
    };
    let entry = graph_comms::by_name::lookup(name)
        .ok_or_else(|| Failure::Usage(format!("unknown type {name}")))?;
    let strategy: BoxedStrategy<Box<dyn graph_comms::by_name::GraphValue>> = match &args.scenario {
        Some(s) => {
            let calls = match scenario(s)? {
                (scenario, Some(h)) => graph_comms::generate::create_call_hosted(scenario, h),
                (scenario, None) => graph_comms::generate::create_call(scenario),
            };
            calls
                .prop_map(|c| Box::new(c) as Box<dyn graph_comms::by_name::GraphValue>)
                .boxed()
        }
        None => entry.strategy_with(profile),
    };
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&args.seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for i in 0..args.count {
        let value = strategy
            .new_tree(&mut runner)
            .map_err(|e| Failure::Data(format!("cannot generate a {name}: {e}")))?
            .current();
        let respelled = args.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ i as u64;
        let mut line = graph_comms::generate::to_wire_as(entry, &*value, profile, respelled);
        line.push(b'\n');
        out.write_all(&line).map_err(crate::output_error)?;
    }
    Ok(ExitCode::SUCCESS)
}
