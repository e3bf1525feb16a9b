//! `graph-comms simulate`: Graph's calling side for a bot under test
//! (`graph-comms-sim`), on this machine.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use graph_comms_sim::builtin::BuiltinBot;
use graph_comms_sim::{Faults, Report, Scenario, Settings, Simulator};

use crate::{Failure, say};

/// The application id the simulator signs callbacks for, unless `--app-id` says.
const DEFAULT_APP_ID: &str = "3d913abb-aec0-4964-8fa6-3c6850c4f278";

/// How long the bot's URL has to accept connections.
const BOT_WAIT: Duration = Duration::from_secs(30);

/// Arguments of `simulate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The bot's callback URL, where incoming calls are posted (plain `http://`), or
    /// `builtin` for the example bot of graph-comms-bot, run in this process.
    #[arg(long, value_name = "URL|builtin")]
    bot: String,
    /// The address Graph's API is served on: the bot's Graph base URL is
    /// `http://ADDR`, its OpenID configuration
    /// `http://ADDR/.well-known/openid-configuration`.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// A built-in scenario, `all` of them, or a scenario file.
    #[arg(long, value_name = "NAME|all|FILE", default_value = "all")]
    scenario: String,
    /// What goes wrong on the way to the bot: `none`, `realistic` or `hostile`.
    #[arg(long, value_name = "PROFILE", default_value = "none")]
    faults: Faults,
    /// How many call runs in all, round-robin over the scenarios (one per
    /// scenario by default).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    calls: Option<u64>,
    /// How many runs at a time.
    #[arg(long, value_name = "C", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    concurrency: u64,
    /// The seed of the keys and of the faults: the same seed, the same runs (apart
    /// from timing).
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// The bot's application id: the audience of the callback tokens.
    #[arg(long, value_name = "ID", default_value = DEFAULT_APP_ID)]
    app_id: String,
    /// The answer deadline in seconds for every scenario (else 15, and 5 for a
    /// recording call).
    #[arg(long, value_name = "S")]
    answer_deadline: Option<f64>,
    /// A callback acknowledged later than this is `callback_slow`.
    #[arg(long, value_name = "MS", default_value_t = 3000)]
    ack_timeout_ms: u64,
    /// One JSON object per call run, then a summary line.
    #[arg(long)]
    json: bool,
    /// Write every exchange, in order, one JSON object per line.
    #[arg(long, value_name = "FILE")]
    transcript: Option<PathBuf>,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Failure> {
    let scenarios = scenarios(&args.scenario)?;
    let answer_deadline = match args.answer_deadline {
        None => None,
        Some(s) => Some(
            Duration::try_from_secs_f64(s)
                .ok()
                .filter(|d| !d.is_zero())
                .ok_or_else(|| {
                    Failure::Usage(format!(
                        "--answer-deadline {s}: not a number of seconds above 0"
                    ))
                })?,
        ),
    };
    let transcript = match &args.transcript {
        Some(path) => Some(
            std::fs::File::create(path)
                .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", path.display())))?,
        ),
        None => None,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Data(format!("cannot start the runtime: {e}")))?;
    runtime.block_on(simulate(args, scenarios, answer_deadline, transcript))
}

/// The scenarios `--scenario` names.
fn scenarios(name: &str) -> Result<Vec<Scenario>, Failure> {
    if name == "all" {
        return Ok(Scenario::builtins());
    }
    if let Some(scenario) = Scenario::builtin(name) {
        return Ok(vec![scenario]);
    }
    let path = Path::new(name);
    if !path.is_file() {
        let names: Vec<String> = Scenario::builtins().into_iter().map(|s| s.name).collect();
        return Err(Failure::Usage(format!(
            "`{name}` is neither a built-in scenario ({}, all) nor a file",
            names.join(", ")
        )));
    }
    let text = std::fs::read(path)
        .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))?;
    let mut scenario = Scenario::from_json(&text)
        .map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
    // A file's runs are reported under the file's name.
    scenario.name = path
        .file_name()
        .map_or_else(|| name.to_owned(), |n| n.to_string_lossy().into_owned());
    Ok(vec![scenario])
}

async fn simulate(
    args: &Args,
    scenarios: Vec<Scenario>,
    answer_deadline: Option<Duration>,
    transcript: Option<std::fs::File>,
) -> Result<ExitCode, Failure> {
    let builtin = if args.bot == "builtin" {
        let bot = BuiltinBot::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .map_err(|e| Failure::Usage(format!("cannot start the built-in bot: {e}")))?;
        Some(bot)
    } else {
        None
    };
    let bot_url = match &builtin {
        Some(bot) => bot.callback_url().to_owned(),
        None => args.bot.clone(),
    };
    let bot_addr = reachable_address(&bot_url)?;
    let mut settings = Settings::new(bot_url, args.app_id.clone());
    settings.answer_deadline = answer_deadline;
    settings.ack_timeout = Duration::from_millis(args.ack_timeout_ms);
    settings.seed = args.seed;
    settings.transcript = transcript.is_some();
    settings.faults = args.faults;
    let sim = Simulator::start(args.listen, settings)
        .await
        .map_err(|e| Failure::Usage(format!("cannot listen on {}: {e}", args.listen)))?;
    eprintln!("graph-comms simulate: listening on {}", sim.base_url());
    let _serving = match builtin {
        Some(bot) => Some(
            bot.serve(sim.base_url(), &args.app_id, None)
                .await
                // A bot that cannot start is an unreachable one: exit 2.
                .map_err(|e| Failure::Usage(format!("the built-in bot did not start: {e}")))?,
        ),
        None => None,
    };
    wait_for(&bot_addr, &args.bot).await?;

    let calls = args.calls.map_or(scenarios.len(), |n| {
        usize::try_from(n).unwrap_or(usize::MAX)
    });
    let concurrency = usize::try_from(args.concurrency).unwrap_or(usize::MAX);
    let started = Instant::now();
    let reports = sim.run_many(&scenarios, calls, concurrency).await;
    sim.settle(Duration::from_secs(5)).await;
    let elapsed = started.elapsed();
    let (callbacks, requests, mut acks) = sim.counts();
    if let Some(mut file) = transcript {
        let text: String = sim
            .take_transcript()
            .into_iter()
            .map(|line| line + "\n")
            .collect();
        file.write_all(text.as_bytes())
            .map_err(|e| Failure::Data(format!("cannot write the transcript: {e}")))?;
    }

    acks.sort_unstable();
    let summary = Summary {
        calls: reports.len(),
        passed: reports.iter().filter(|r| r.passed()).count(),
        callbacks,
        requests,
        ack_p50_ms: percentile(&acks, 50),
        ack_p99_ms: percentile(&acks, 99),
        callbacks_per_second: callbacks as f64 / elapsed.as_secs_f64().max(1e-9),
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        for report in &reports {
            say!(out, "{}", report_json(report));
        }
        say!(out, "{}", summary.json());
    } else {
        table(&mut out, &reports, &summary)?;
    }
    Ok(if summary.passed == summary.calls {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The host and port of the bot's URL, which must be plain `http://`.
fn reachable_address(url: &str) -> Result<String, Failure> {
    let uri: http::Uri = url
        .parse()
        .map_err(|e| Failure::Usage(format!("--bot {url}: not a URL: {e}")))?;
    if uri.scheme_str() != Some("http") {
        return Err(Failure::Usage(format!(
            "--bot {url}: the simulator posts callbacks over plain http:// (or give `builtin`)"
        )));
    }
    let authority = uri
        .authority()
        .ok_or_else(|| Failure::Usage(format!("--bot {url}: no host")))?;
    Ok(format!(
        "{}:{}",
        authority.host(),
        authority.port_u16().unwrap_or(80)
    ))
}

/// Waits until the bot accepts connections, up to [`BOT_WAIT`]: else exit 2.
async fn wait_for(addr: &str, bot: &str) -> Result<(), Failure> {
    let until = Instant::now() + BOT_WAIT;
    loop {
        let attempt =
            tokio::time::timeout(Duration::from_secs(1), tokio::net::TcpStream::connect(addr))
                .await;
        if matches!(attempt, Ok(Ok(_))) {
            return Ok(());
        }
        if Instant::now() >= until {
            return Err(Failure::Usage(format!(
                "the bot at {bot} did not accept connections within {} s",
                BOT_WAIT.as_secs()
            )));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The nearest-rank percentile of sorted durations, in milliseconds (0 when none).
fn percentile(sorted: &[Duration], p: usize) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len()).div_ceil(100).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1000.0
}

/// What the runs add up to.
#[derive(Debug)]
struct Summary {
    calls: usize,
    passed: usize,
    callbacks: u64,
    requests: u64,
    ack_p50_ms: f64,
    ack_p99_ms: f64,
    callbacks_per_second: f64,
}

impl Summary {
    /// The last line of `--json`, its members in the documented order.
    fn json(&self) -> String {
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Line {
            calls: usize,
            passed: usize,
            failed: usize,
            callbacks: u64,
            requests: u64,
            ack_p50_ms: f64,
            ack_p99_ms: f64,
            callbacks_per_second: f64,
        }
        let line = Line {
            calls: self.calls,
            passed: self.passed,
            failed: self.calls - self.passed,
            callbacks: self.callbacks,
            requests: self.requests,
            ack_p50_ms: round(self.ack_p50_ms),
            ack_p99_ms: round(self.ack_p99_ms),
            callbacks_per_second: round(self.callbacks_per_second),
        };
        #[derive(serde::Serialize)]
        struct Last {
            summary: Line,
        }
        serde_json::to_string(&Last { summary: line }).unwrap_or_default()
    }
}

/// To a hundredth.
fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A line of `--json` for one run, its members in the documented order.
fn report_json(report: &Report) -> String {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Line<'a> {
        scenario: &'a str,
        call_id: &'a str,
        passed: bool,
        findings: Vec<FindingLine<'a>>,
    }
    #[derive(serde::Serialize)]
    struct FindingLine<'a> {
        code: &'a str,
        severity: &'a str,
        message: &'a str,
    }
    let line = Line {
        scenario: &report.scenario,
        call_id: &report.call_id,
        passed: report.passed(),
        findings: report
            .findings
            .iter()
            .map(|f| FindingLine {
                code: f.code.as_str(),
                severity: f.severity().as_str(),
                message: &f.message,
            })
            .collect(),
    };
    serde_json::to_string(&line).unwrap_or_default()
}

/// The readable form: a line per run, its findings under it, and the summary.
fn table(
    out: &mut impl std::io::Write,
    reports: &[Report],
    summary: &Summary,
) -> Result<(), Failure> {
    let width = reports
        .iter()
        .map(|r| r.scenario.len())
        .max()
        .unwrap_or(0)
        .max("SCENARIO".len());
    say!(out, "{:<width$}  {:<36}  RESULT", "SCENARIO", "CALL");
    for report in reports {
        let result = if report.passed() { "passed" } else { "FAILED" };
        say!(
            out,
            "{:<width$}  {:<36}  {result}",
            report.scenario,
            report.call_id
        );
        for finding in &report.findings {
            say!(
                out,
                "  {}: {}: {}",
                finding.severity().as_str(),
                finding.code.as_str(),
                finding.message
            );
        }
    }
    say!(
        out,
        "{} calls: {} passed, {} failed; {} callbacks, {} requests; ack p50 {:.2} ms, p99 {:.2} ms; {:.1} callbacks/s",
        summary.calls,
        summary.passed,
        summary.calls - summary.passed,
        summary.callbacks,
        summary.requests,
        summary.ack_p50_ms,
        summary.ack_p99_ms,
        summary.callbacks_per_second
    );
    Ok(())
}
