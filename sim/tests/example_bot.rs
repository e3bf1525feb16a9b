//! The example bot (`bot/examples/axum_bot.rs`, run as a process with its contract
//! command line) against the simulator on 127.0.0.1, every built-in scenario: it
//! passes them all. Every wait is bounded.

use std::process::Command;
use std::time::Duration;

use graph_comms_sim::{Faults, Scenario, Settings, Simulator};

mod support;

use support::process::example;
use support::{APP_ID, Running, start_bot};

/// Every report passed, or the findings of the first that did not.
fn all_passed(reports: &[graph_comms_sim::Report]) {
    for report in reports {
        assert!(
            report.passed(),
            "{}: {:#?}",
            report.scenario,
            report.findings
        );
    }
}

/// The simulator, and the example bot started against it.
async fn with_example_bot(adjust: impl FnOnce(&mut Settings)) -> (Simulator, Running) {
    let mut bot = Command::new(example("axum_bot"));
    bot.args(["--access-token", "any-token-the-simulator-accepts"]);
    start_bot(bot, adjust).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_example_bot_passes_every_built_in_scenario() {
    let (sim, bot) = with_example_bot(|settings| settings.transcript = true).await;
    let scenarios = Scenario::builtins();
    assert_eq!(scenarios.len(), 9);
    for scenario in &scenarios {
        let report = tokio::time::timeout(Duration::from_secs(60), sim.run(scenario))
            .await
            .expect("a scenario ends within a minute");
        assert!(report.passed(), "{}: {:#?}", scenario.name, report.findings);
    }
    // Load: every scenario again, 27 runs, 9 at a time.
    let reports = tokio::time::timeout(Duration::from_secs(120), sim.run_many(&scenarios, 27, 9))
        .await
        .expect("the runs end within two minutes");
    assert_eq!(reports.len(), 27);
    all_passed(&reports);
    // Quiet: the last callbacks and requests in flight land (bounded).
    let mut counts = sim.counts();
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = sim.counts();
        if (now.0, now.1) == (counts.0, counts.1) {
            break;
        }
        counts = now;
    }
    let (callbacks, requests, acks) = sim.counts();
    assert!(callbacks > 20 && requests > 10, "{callbacks} {requests}");
    assert_eq!(acks.len() as u64, callbacks);
    // The transcript: every exchange, both ways, no secret.
    let transcript = sim.take_transcript();
    assert_eq!(transcript.len() as u64, callbacks + requests);
    for line in &transcript {
        let entry: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(line.starts_with(r#"{"direction":"#), "{line}");
        assert!(entry["headers"].get("authorization").is_none(), "{line}");
    }
    for kind in ["genuine", "legacy", "forged"] {
        assert!(
            transcript
                .iter()
                .any(|l| l.contains(&format!(r#""kind":"{kind}""#))),
            "{kind}"
        );
    }
    assert!(
        transcript
            .iter()
            .any(|l| l.contains(r#""direction":"fromBot""#))
    );
    // In `dtmf` the bot hangs up on `#` itself, and Graph hears it.
    assert!(
        transcript.iter().any(
            |l| l.starts_with(r#"{"direction":"fromBot","method":"DELETE""#)
                && l.contains(r#""status":204"#)
        ),
        "the bot's hang-up"
    );
    drop(bot);
}

/// Under realistic faults — callbacks twice, neighbours swapped, delays, PascalCase
/// values, unknown members — the example bot still passes every scenario.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_example_bot_passes_under_realistic_faults() {
    let (sim, bot) = with_example_bot(|settings| {
        settings.faults = Faults::Realistic;
        settings.seed = 7;
    })
    .await;
    let scenarios = Scenario::builtins();
    let reports = tokio::time::timeout(Duration::from_secs(120), sim.run_many(&scenarios, 18, 6))
        .await
        .expect("the runs end within two minutes");
    assert_eq!(reports.len(), 18);
    all_passed(&reports);
    drop(bot);
}

/// A bot that acknowledges every callback with 202 and never acts: it deserves
/// `answer_late`, `legacy_not_204` and `forged_token_accepted`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_careless_bot_gets_the_findings_it_deserves() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new().fallback(|| async { http::StatusCode::ACCEPTED });
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let mut settings = Settings::new(format!("http://{addr}/callback"), APP_ID);
    settings.answer_deadline = Some(Duration::from_millis(300));
    let sim = Simulator::start("127.0.0.1:0".parse().unwrap(), settings)
        .await
        .unwrap();
    let codes = |report: &graph_comms_sim::Report| {
        report
            .findings
            .iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>()
    };
    let run = |name: &str| {
        let scenario = Scenario::builtin(name).unwrap();
        let sim = &sim;
        async move {
            tokio::time::timeout(Duration::from_secs(30), sim.run(&scenario))
                .await
                .unwrap()
        }
    };
    let p2p = run("incoming-p2p").await;
    assert!(!p2p.passed());
    assert_eq!(codes(&p2p), ["answer_late"]);
    let legacy = run("legacy-first").await;
    assert_eq!(codes(&legacy), ["legacy_not_204", "answer_late"]);
    let forged = run("forged-token").await;
    assert_eq!(codes(&forged), ["forged_token_accepted"; 3]);
}
