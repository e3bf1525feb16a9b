//! A bot process under test: the simulator started for it, then the bot, with the
//! command line every bot here shares (`--listen ADDR --graph-base URL
//! --openid-configuration URL --app-id ID --callback-url URL`), killed when the
//! test ends.
#![allow(dead_code)]

use std::process::{Command, Stdio};
use std::time::Duration;

use graph_comms_sim::{Report, Scenario, Settings, Simulator};

#[path = "../../../bot/tests/support/process.rs"]
pub(crate) mod process;

pub(crate) use process::Running;

/// The bot's application id.
pub(crate) const APP_ID: &str = "3d913abb-aec0-4964-8fa6-3c6850c4f278";

/// Starts the simulator (its settings adjusted), then `bot` with the shared command
/// line appended, and waits for its `listening on ADDR` line.
pub(crate) async fn start_bot(
    mut bot: Command,
    adjust: impl FnOnce(&mut Settings),
) -> (Simulator, Running) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let callback = format!("http://127.0.0.1:{port}/callback");
    let mut settings = Settings::new(callback.clone(), APP_ID);
    adjust(&mut settings);
    let sim = Simulator::start("127.0.0.1:0".parse().unwrap(), settings)
        .await
        .unwrap();
    let base = sim.base_url().to_owned();
    let mut child = bot
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .args(["--graph-base", &base])
        .args([
            "--openid-configuration",
            &format!("{base}/.well-known/openid-configuration"),
        ])
        .args(["--app-id", APP_ID, "--callback-url", &callback])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    process::listening(&mut child);
    (sim, Running(child))
}

/// One run of the built-in scenario `name`, within a minute.
pub(crate) async fn run(sim: &Simulator, name: &str) -> Report {
    let scenario = Scenario::builtin(name).unwrap();
    tokio::time::timeout(Duration::from_secs(60), sim.run(&scenario))
        .await
        .expect("a run ends within a minute")
}

/// The codes of a run's findings, in order.
pub(crate) fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}
