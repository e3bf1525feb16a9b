//! The result-code catalogue against its source: every row of Graph's published
//! "Call end reason codes" table (transcribed in `data/graph-call-end-table.tsv`)
//! explains from the catalogue, attributed to that table; the PSTN rule, the
//! `DiagCode` reader, and unknown codes explained as unknown.

use graph_comms::operation::ResultInfo;
use graph_comms_bot::explain::{
    Category, DiagCode, ExplainResult, Match, Source, catalogue, explain, explain_text,
};

/// The published rows: code, subcodes (one row may give two), the page's reason.
fn published() -> Vec<(u32, Vec<u32>, String)> {
    let text = include_str!("data/graph-call-end-table.tsv");
    text.lines()
        .skip(1)
        .map(|line| {
            let mut cells = line.split('\t');
            let code = cells.next().unwrap().parse().unwrap();
            let subcodes = cells
                .next()
                .unwrap()
                .split('/')
                .map(|s| s.parse().unwrap())
                .collect();
            (code, subcodes, cells.next().unwrap().to_owned())
        })
        .collect()
}

#[test]
fn every_row_of_the_published_graph_table_explains() {
    let rows = published();
    assert_eq!(
        rows.len(),
        29,
        "the table as published on the delete-call page"
    );
    let mut pairs = 0;
    for (code, subcodes, reason) in &rows {
        for &subcode in subcodes {
            let e = explain(*code, Some(subcode));
            assert_eq!(e.matched, Match::Exact, "{code}/{subcode} ({reason})");
            assert_eq!(e.source, Some(Source::GraphCallEnd), "{code}/{subcode}");
            assert!(e.meaning.as_deref().is_some_and(|m| !m.is_empty()));
            assert!(e.category.is_some() && e.retryable.is_some());
            pairs += 1;
        }
    }
    let graph_rows = catalogue()
        .filter(|r| r.source == Source::GraphCallEnd)
        .count();
    assert_eq!(
        graph_rows, pairs,
        "the catalogue holds no Graph row the table does not"
    );
}

#[test]
fn the_rows_people_ask_about() {
    let keep_alive = explain(408, Some(8537));
    assert_eq!(keep_alive.category, Some(Category::BotFault));
    assert!(keep_alive.meaning.unwrap().contains("keepAlive"));
    let late = explain(408, Some(1106));
    assert_eq!(late.category, Some(Category::BotFault));
    assert_eq!(explain(200, Some(7015)).category, Some(Category::NormalEnd));
}

#[test]
fn no_code_and_subcode_pair_is_said_twice() {
    let mut seen = std::collections::BTreeSet::new();
    for row in catalogue() {
        assert!(seen.insert((row.code, row.subcode)), "{row:?}");
        assert!(!row.meaning.is_empty());
        assert!(row.source.url().starts_with("https://learn.microsoft.com/"));
    }
}

#[test]
fn pstn_subcodes_read_by_their_rule() {
    let e = explain(404, Some(540_404));
    assert_eq!(
        e.matched,
        Match::PstnRule {
            inbound: true,
            sip_status: 404
        }
    );
    assert_eq!(e.category, Some(Category::Pstn));
    assert_eq!(e.source, Some(Source::AcsPstn));
    assert!(!e.source.unwrap().is_graph());
    assert!(e.meaning.unwrap().contains("SIP 404"));
    let e = explain(502, Some(560_502));
    assert_eq!(
        e.matched,
        Match::PstnRule {
            inbound: false,
            sip_status: 502
        }
    );
    // A documented one wins over the rule.
    assert_eq!(explain(403, Some(560_403)).matched, Match::Exact);
    assert_eq!(
        explain(200, Some(540_000)).source,
        Some(Source::GraphCallEnd)
    );
}

#[test]
fn unknown_codes_are_unknown_not_guessed() {
    for (code, subcode) in [(123, Some(456)), (200, Some(1)), (999, None)] {
        let e = explain(code, subcode);
        assert_eq!(e.matched, Match::Unknown);
        assert_eq!(
            (e.meaning, e.category, e.retryable, e.source),
            (None, None, None, None)
        );
    }
    // The code's own row, for a subcode of no row of its own, says so.
    let e = explain(500, Some(7106));
    assert_eq!(e.matched, Match::Code);
    assert_eq!(e.source, Some(Source::AcsTroubleshooting));
}

#[test]
fn diag_codes_and_texts() {
    let find = |s: &str| DiagCode::find(s).map(|d| d.to_string());
    assert_eq!(
        find("Call was not accepted by bot. DiagCode: 3003#7106.@").as_deref(),
        Some("3003#7106")
    );
    assert_eq!(find("diagcode:500#1203002"), Some("500#1203002".to_owned()));
    assert_eq!(find("DiagCode: none"), None);
    assert_eq!(find("no code"), None);

    let e = explain_text("408/8537").unwrap();
    assert_eq!((e.code, e.subcode), (Some(408), Some(8537)));
    assert_eq!(explain_text(" 410#301005 ").unwrap().matched, Match::Exact);
    assert_eq!(explain_text("500").unwrap().matched, Match::Code);
    let e = explain_text("Server Internal Error. DiagCode: 500#1005.@").unwrap();
    assert_eq!((e.code, e.subcode), (Some(500), Some(1005)));
    assert_eq!(e.source, Some(Source::GraphCallEnd));
    let e = explain_text(r#"{"code": 500, "subcode": 7106, "message": "DiagCode: 3003#7106.@"}"#)
        .unwrap();
    assert_eq!((e.code, e.subcode), (Some(500), Some(7106)));
    assert_eq!(e.diag_code.map(|d| (d.code, d.subcode)), Some((3003, 7106)));
    assert!(explain_text("hello").is_none());
    assert!(explain_text("12/x").is_none());
    assert!(explain_text("").is_none());
}

#[test]
fn a_result_info_explains_itself() {
    let result = ResultInfo::default().with_code(408).with_subcode(8537);
    let e = result.explain();
    assert_eq!(e.category, Some(Category::BotFault));
    assert!(
        e.to_string()
            .starts_with("408/8537 (bot_fault, not retryable): ")
    );
    let line = e.to_json();
    assert!(line.starts_with(r#"{"code":408,"subcode":8537,"diagCode":null,"meaning":""#));
    let json: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(json["code"], 408);
    assert_eq!(json["diagCode"], serde_json::Value::Null);
    assert_eq!(json["source"], Source::GraphCallEnd.url());
    let unknown = ResultInfo::default().with_code(1).explain();
    assert_eq!(unknown.to_string(), "1: no published explanation");
}
