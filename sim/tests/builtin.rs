//! The built-in bot (the example bot's own source, served in this process) against
//! the simulator: a thousand calls, a hundred at a time, each ending as it should;
//! and its faulty variants, each getting the findings its fault deserves. Every
//! wait is bounded.

use std::time::Duration;

use graph_comms_sim::builtin::{BuiltinBot, Misbehaviour, Serving};
use graph_comms_sim::{Scenario, Settings, Simulator};

mod support;

use support::{APP_ID, codes, run};

/// The simulator and the built-in bot serving against it.
async fn start(
    misbehaviour: Option<Misbehaviour>,
    adjust: impl FnOnce(&mut Settings),
) -> (Simulator, Serving) {
    let bot = BuiltinBot::bind("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let mut settings = Settings::new(bot.callback_url(), APP_ID);
    adjust(&mut settings);
    let sim = Simulator::start("127.0.0.1:0".parse().unwrap(), settings)
        .await
        .unwrap();
    let serving = bot
        .serve(sim.base_url(), APP_ID, misbehaviour)
        .await
        .unwrap();
    (sim, serving)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_calls_a_hundred_at_a_time() {
    let (sim, _bot) = start(None, |_| {}).await;
    let scenarios = Scenario::builtins();
    let reports = tokio::time::timeout(
        Duration::from_secs(300),
        sim.run_many(&scenarios, 1000, 100),
    )
    .await
    .expect("1 000 runs end within five minutes");
    assert_eq!(reports.len(), 1000);
    for (n, report) in reports.iter().enumerate() {
        // Round-robin over the scenarios, in the order they were started.
        assert_eq!(report.scenario, scenarios[n % scenarios.len()].name);
        assert!(report.findings.is_empty(), "{report:#?}");
        // Every call ended, but the one only forged callbacks told of: the bot
        // never heard of it.
        let expected = if report.scenario == "forged-token" {
            "incoming"
        } else {
            "terminated"
        };
        assert_eq!(report.state, expected, "{report:#?}");
    }
    let mut ids: Vec<&str> = reports.iter().map(|r| r.call_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 1000, "a call of its own for each run");
    assert!(sim.settle(Duration::from_secs(10)).await);
    let (callbacks, requests, acks) = sim.counts();
    assert_eq!(acks.len() as u64, callbacks, "every callback acknowledged");
    assert!(
        callbacks >= 5000 && requests >= 2000,
        "{callbacks} {requests}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepting_a_forged_token_is_found() {
    let (sim, _bot) = start(Some(Misbehaviour::AcceptForged), |_| {}).await;
    assert_eq!(
        codes(&run(&sim, "forged-token").await),
        ["forged_token_accepted"; 3]
    );
    // Genuine callbacks are still acknowledged as they should be.
    assert!(codes(&run(&sim, "incoming-p2p").await).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_legacy_callback_acknowledged_202_is_found() {
    let (sim, _bot) = start(Some(Misbehaviour::LegacyAccepted), |_| {}).await;
    assert_eq!(codes(&run(&sim, "legacy-first").await), ["legacy_not_204"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_acknowledgement_is_found_and_only_warned() {
    let (sim, _bot) = start(
        Some(Misbehaviour::SlowAck(Duration::from_millis(300))),
        |settings| settings.ack_timeout = Duration::from_millis(100),
    )
    .await;
    let report = run(&sim, "remote-hangup").await;
    assert!(!report.findings.is_empty());
    assert!(
        codes(&report).iter().all(|c| *c == "callback_slow"),
        "{report:#?}"
    );
    assert!(report.passed(), "callback_slow is a warning");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_without_a_token_are_found() {
    let (sim, _bot) = start(Some(Misbehaviour::NoAccessToken), |settings| {
        settings.answer_deadline = Some(Duration::from_secs(1));
    })
    .await;
    let report = run(&sim, "incoming-p2p").await;
    // The answer was refused 401, so the call was never answered either.
    assert_eq!(codes(&report), ["missing_authorization", "answer_late"]);
    assert!(!report.passed());
}

/// Hostile faults — unknown types, truncated bodies, oversized rosters on top of the
/// realistic ones — may be refused, but they do not make the bot break a rule.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_faults_break_no_rule() {
    let (sim, _bot) = start(None, |settings| {
        settings.faults = graph_comms_sim::Faults::Hostile;
        settings.seed = 3;
        settings.transcript = true;
    })
    .await;
    let reports = tokio::time::timeout(
        Duration::from_secs(180),
        sim.run_many(&Scenario::builtins(), 18, 9),
    )
    .await
    .expect("the runs end within three minutes");
    for report in &reports {
        assert!(report.passed(), "{report:#?}");
    }
    let transcript = sim.take_transcript();
    for kind in ["malformed", "oversized"] {
        assert!(
            transcript
                .iter()
                .any(|l| l.contains(&format!(r#""kind":"{kind}""#))),
            "{kind}"
        );
    }
}
