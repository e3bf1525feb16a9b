//! A bot in another language — Python's standard library alone,
//! `sim/bots/python/bot.py` — against the simulator on 127.0.0.1: it passes every
//! built-in scenario under realistic faults, and each of its deliberately faulty
//! variants gets the finding its fault deserves. The simulator does not know which
//! language it talks to. Needs `python3` on `PATH` (skipped without it, unless `CI`
//! is set). Every wait is bounded.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use graph_comms_sim::{Faults, Scenario, Settings, Simulator};

mod support;

use support::{Running, codes, run, start_bot};

/// Whether `python3` runs here; without it the tests are skipped, but not on CI.
fn python() -> bool {
    let found = Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found || std::env::var_os("CI").is_none(),
        "python3 is needed on CI"
    );
    if !found {
        eprintln!("python3 is not on PATH: the Python bot's tests are skipped");
    }
    found
}

/// The simulator, and the Python bot (with `--fault`, when given) started against it.
async fn with_python_bot(
    fault: Option<&str>,
    adjust: impl FnOnce(&mut Settings),
) -> (Simulator, Running) {
    let mut bot = Command::new("python3");
    bot.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("bots/python/bot.py"))
        .env("PYTHONDONTWRITEBYTECODE", "1");
    if let Some(fault) = fault {
        bot.args(["--fault", fault]);
    }
    start_bot(bot, adjust).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_python_bot_passes_every_scenario_under_realistic_faults() {
    if !python() {
        return;
    }
    let (sim, _bot) = with_python_bot(None, |settings| {
        settings.faults = Faults::Realistic;
        settings.seed = 11;
    })
    .await;
    let scenarios = Scenario::builtins();
    let reports = tokio::time::timeout(Duration::from_secs(180), sim.run_many(&scenarios, 27, 9))
        .await
        .expect("the runs end within three minutes");
    assert_eq!(reports.len(), 27);
    for report in &reports {
        assert!(report.passed(), "{report:#?}");
        let expected = if report.scenario == "forged-token" {
            "incoming"
        } else {
            "terminated"
        };
        assert_eq!(report.state, expected, "{report:#?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_faulty_python_bot_gets_its_finding() {
    if !python() {
        return;
    }
    // (fault, scenario, the finding it deserves)
    let cases = [
        ("accept-forged", "forged-token", "forged_token_accepted"),
        ("legacy-202", "legacy-first", "legacy_not_204"),
        ("answer-twice", "incoming-p2p", "duplicate_answer"),
        ("ignore-retry-after", "throttled", "retry_too_soon"),
        ("no-authorization", "incoming-pstn", "missing_authorization"),
        ("act-after-hangup", "dtmf", "action_on_terminated_call"),
        ("slow-ack", "remote-hangup", "callback_slow"),
    ];
    let mut tasks = tokio::task::JoinSet::new();
    for (fault, scenario, code) in cases {
        tasks.spawn(async move {
            let (sim, bot) = with_python_bot(Some(fault), |settings| {
                settings.answer_deadline = Some(Duration::from_secs(3));
                settings.ack_timeout = Duration::from_millis(1000);
            })
            .await;
            let report = run(&sim, scenario).await;
            drop(bot);
            (fault, code, report)
        });
    }
    for (fault, code, report) in tasks.join_all().await {
        assert!(
            codes(&report).contains(&code),
            "--fault {fault}: expected {code}: {report:#?}"
        );
        // A warning does not fail a run; every other finding does.
        assert_eq!(
            report.passed(),
            code == "callback_slow",
            "{fault}: {report:#?}"
        );
    }
}
