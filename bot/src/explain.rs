//! Result codes, explained: what a `resultInfo` code and subcode mean, where that is
//! published, and whether trying again can help.
//!
//! The catalogue holds every row of the "Call end reason codes" table on Graph's
//! delete-call page ([`Source::GraphCallEnd`]); the rule Azure Communication
//! Services publishes for PSTN subcodes, `540xxx` for an inbound call and `560xxx`
//! for an outbound one, the last three digits being the SIP response of the
//! carrier's session border controller ([`Source::AcsPstn`]); and the codes
//! documented for Azure Communication Services that Graph callbacks carry too
//! ([`Source::AcsTroubleshooting`]: documented there, not for Graph). A code the
//! catalogue does not hold explains as unknown, never as a guess.
//!
//! ```
//! use graph_comms_bot::explain::{Category, explain};
//!
//! let e = explain(408, Some(8537));
//! assert_eq!(e.category, Some(Category::BotFault)); // no keepAlive for 45 minutes
//! assert_eq!(e.retryable, Some(false));
//!
//! // The message of a failed answer names its DiagCode:
//! let e = graph_comms_bot::explain::explain_text("Call was not accepted. DiagCode: 500#7106.@").unwrap();
//! assert_eq!(e.diag_code.map(|d| d.to_string()).as_deref(), Some("500#7106"));
//! assert_eq!(explain(123, Some(456)).meaning, None); // unknown: no guess
//! ```

use std::fmt;

use graph_comms::operation::ResultInfo;

mod table;

/// What kind of trouble, if any, a result code reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Category {
    /// The call or operation ended as calls end: a hang-up, a transfer that
    /// completed, the last participant leaving.
    NormalEnd,
    /// The bot did something wrong or too late: no keep-alive, a slow answer.
    BotFault,
    /// Configuration or permission: a policy, a route, a target that cannot be called.
    Configuration,
    /// The service failed on its side.
    Platform,
    /// Throttled, or over a quota.
    Throttled,
    /// The network or the media path.
    Media,
    /// The telephone network (PSTN) or its session border controller.
    Pstn,
}

impl Category {
    /// The category's stable name: `normal_end`, `bot_fault`, `configuration`,
    /// `platform`, `throttled`, `media` or `pstn`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::NormalEnd => "normal_end",
            Category::BotFault => "bot_fault",
            Category::Configuration => "configuration",
            Category::Platform => "platform",
            Category::Throttled => "throttled",
            Category::Media => "media",
            Category::Pstn => "pstn",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The published page an explanation comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    /// Graph's "Call end reason codes" table, on the v1.0 delete-call page.
    GraphCallEnd,
    /// The troubleshooting codes of Azure Communication Services: documented for
    /// that service, not for Graph, whose callbacks carry the same codes.
    AcsTroubleshooting,
    /// The rule Azure Communication Services publishes for PSTN subcodes
    /// (`540xxx` inbound, `560xxx` outbound, the SIP response in the last three
    /// digits, given by the carrier's session border controller).
    AcsPstn,
}

impl Source {
    /// The address of the page.
    pub fn url(self) -> &'static str {
        match self {
            Source::GraphCallEnd => {
                "https://learn.microsoft.com/en-us/graph/api/call-delete?view=graph-rest-1.0#call-end-reason-codes"
            }
            Source::AcsTroubleshooting => {
                "https://learn.microsoft.com/en-us/azure/communication-services/resources/troubleshooting/voice-video-calling/troubleshooting-codes"
            }
            Source::AcsPstn => {
                "https://learn.microsoft.com/en-us/azure/communication-services/concepts/telephony/troubleshooting-pstn-call-failures"
            }
        }
    }

    /// Whether the page documents Graph itself (`false`: another Microsoft service
    /// whose codes Graph's callbacks carry).
    pub fn is_graph(self) -> bool {
        matches!(self, Source::GraphCallEnd)
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.url())
    }
}

/// One row of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry {
    /// The result code.
    pub code: u32,
    /// The subcode, or `None` for a row about the code with any subcode.
    pub subcode: Option<u32>,
    /// What it means, and what a bot can do about it.
    pub meaning: &'static str,
    /// What kind of trouble it reports.
    pub category: Category,
    /// Whether trying again (the call, or the action) can help.
    pub retryable: bool,
    /// Where it is published.
    pub source: Source,
}

/// Every row of the catalogue: Graph's table in its order, then the codes
/// documented for Azure Communication Services.
pub fn catalogue() -> impl Iterator<Item = &'static Entry> {
    table::GRAPH.iter().chain(table::ACS)
}

/// A `DiagCode: <code>#<subcode>` read from a message: the platform's own
/// diagnostic, which may differ from the result's code (`500` with `3003#7106`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct DiagCode {
    /// The number before `#`.
    pub code: u32,
    /// The number after `#`.
    pub subcode: u32,
}

impl DiagCode {
    /// The first `DiagCode: x#y` in `message` (`DiagCode` in any case, the colon
    /// and spaces optional, anything after the subcode ignored: `500#7106.@`).
    pub fn find(message: &str) -> Option<DiagCode> {
        let lower = message.to_ascii_lowercase();
        let mut from = 0;
        while let Some(at) = lower[from..].find("diagcode") {
            let rest = &message[from + at + "diagcode".len()..];
            let rest = rest.trim_start_matches([':', ' ', '\t', '=']);
            if let Some((code, rest)) = leading_number(rest)
                && let Some(rest) = rest.strip_prefix('#')
                && let Some((subcode, _)) = leading_number(rest)
            {
                return Some(DiagCode { code, subcode });
            }
            from += at + 1;
        }
        None
    }
}

impl fmt::Display for DiagCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.code, self.subcode)
    }
}

/// How an explanation was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Match {
    /// The catalogue has a row for the code and subcode.
    Exact,
    /// The catalogue has a row for the code with any subcode (a documented
    /// meaning of the code alone); the subcode has none of its own.
    Code,
    /// The PSTN subcode rule: the SIP response the carrier's border controller
    /// gave, on an inbound (`540xxx`) or outbound (`560xxx`) call.
    PstnRule {
        /// Whether the call came in from the phone network.
        inbound: bool,
        /// The SIP response, the subcode's last three digits.
        sip_status: u16,
    },
    /// Nothing published explains the code.
    Unknown,
}

/// What a code and subcode mean, as far as anything published says; every field
/// that nothing says is `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Explanation {
    /// The result code.
    pub code: Option<u32>,
    /// The subcode.
    pub subcode: Option<u32>,
    /// The `DiagCode` of the message, when one was given.
    pub diag_code: Option<DiagCode>,
    /// What it means.
    pub meaning: Option<String>,
    /// What kind of trouble it reports.
    pub category: Option<Category>,
    /// Whether trying again can help.
    pub retryable: Option<bool>,
    /// Where it is published.
    pub source: Option<Source>,
    /// How it was found.
    pub matched: Match,
}

impl Explanation {
    /// Whether anything published explains it.
    pub fn is_known(&self) -> bool {
        self.matched != Match::Unknown
    }

    /// The explanation as the CLI's `explain --json` prints it, one line of
    /// `{"code","subcode","diagCode","meaning","category","retryable","source"}`
    /// in that order, with `null` where unknown.
    pub fn to_json(&self) -> String {
        let members = [
            ("code", serde_json::json!(self.code)),
            ("subcode", serde_json::json!(self.subcode)),
            (
                "diagCode",
                serde_json::json!(self.diag_code.map(|d| d.to_string())),
            ),
            ("meaning", serde_json::json!(self.meaning)),
            (
                "category",
                serde_json::json!(self.category.map(Category::as_str)),
            ),
            ("retryable", serde_json::json!(self.retryable)),
            ("source", serde_json::json!(self.source.map(Source::url))),
        ];
        let members: Vec<String> = members
            .iter()
            .map(|(key, value)| format!("\"{key}\":{value}"))
            .collect();
        format!("{{{}}}", members.join(","))
    }
}

impl fmt::Display for Explanation {
    /// `408/8537 (bot_fault, not retryable): <meaning>`, or `500/7106: unknown`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.code, self.subcode) {
            (Some(code), Some(subcode)) => write!(f, "{code}/{subcode}")?,
            (Some(code), None) => write!(f, "{code}")?,
            (None, Some(subcode)) => write!(f, "?/{subcode}")?,
            (None, None) => f.write_str("?")?,
        }
        if let Some(diag) = self.diag_code {
            write!(f, " [DiagCode {diag}]")?;
        }
        match (&self.meaning, self.category) {
            (Some(meaning), Some(category)) => {
                let retry = match self.retryable {
                    Some(true) => ", retryable",
                    Some(false) => ", not retryable",
                    None => "",
                };
                write!(f, " ({category}{retry}): {meaning}")
            }
            (Some(meaning), None) => write!(f, ": {meaning}"),
            _ => return f.write_str(": no published explanation"),
        }?;
        if self.matched == Match::Code {
            f.write_str(" (what the code means with any subcode: none is published for this one)")?;
        }
        Ok(())
    }
}

/// Explains a code and subcode: the catalogue's row for both, else the PSTN rule
/// for a `540xxx`/`560xxx` subcode, else the row for the code with any subcode,
/// else unknown.
pub fn explain(code: u32, subcode: Option<u32>) -> Explanation {
    let mut e = Explanation::unknown(Some(code), subcode);
    let row = |sub: Option<u32>| catalogue().find(|r| r.code == code && r.subcode == sub);
    if let Some(r) = subcode.and_then(|s| row(Some(s))) {
        e.fill(r, Match::Exact);
    } else if let Some((inbound, sip_status)) = subcode.and_then(pstn_rule) {
        e.meaning = Some(format!(
            "On an {} phone (PSTN) call, the carrier's session border controller gave the final response: SIP {sip_status}. Its logs say more.",
            if inbound { "inbound" } else { "outbound" },
        ));
        e.category = Some(Category::Pstn);
        e.source = Some(Source::AcsPstn);
        e.matched = Match::PstnRule {
            inbound,
            sip_status,
        };
    } else if let Some(r) = row(None) {
        e.fill(r, Match::Code);
    }
    e
}

impl Explanation {
    /// The codes, with nothing published about them.
    fn unknown(code: Option<u32>, subcode: Option<u32>) -> Self {
        Explanation {
            code,
            subcode,
            diag_code: None,
            meaning: None,
            category: None,
            retryable: None,
            source: None,
            matched: Match::Unknown,
        }
    }

    fn fill(&mut self, row: &Entry, matched: Match) {
        self.meaning = Some(row.meaning.to_owned());
        self.category = Some(row.category);
        self.retryable = Some(row.retryable);
        self.source = Some(row.source);
        self.matched = matched;
    }
}

/// `540xxx` (inbound) or `560xxx` (outbound), with a SIP status in the last three
/// digits.
fn pstn_rule(subcode: u32) -> Option<(bool, u16)> {
    let sip = u16::try_from(subcode % 1000).ok()?;
    let inbound = match subcode / 1000 {
        540 => true,
        560 => false,
        _ => return None,
    };
    (100..700).contains(&sip).then_some((inbound, sip))
}

/// Explains what a text holds: `CODE`, `CODE/SUBCODE` or `CODE#SUBCODE`; a
/// `resultInfo` object as JSON (its `code`, `subcode` and the `DiagCode` of its
/// `message`); or a message, from its `DiagCode`. `None` when the text holds no code.
pub fn explain_text(text: &str) -> Option<Explanation> {
    let text = text.trim();
    if text.starts_with('{') {
        let value: serde_json::Value = serde_json::from_str(text).ok()?;
        let object = value.get("resultInfo").unwrap_or(&value);
        let number = |key: &str| {
            object
                .get(key)
                .and_then(serde_json::Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
        };
        let message = object.get("message").and_then(serde_json::Value::as_str);
        return explained(number("code"), number("subcode"), message);
    }
    if let Some((code, rest)) = leading_number(text) {
        if rest.is_empty() {
            return Some(explain(code, None));
        }
        if let Some(sub) = rest.strip_prefix(['/', '#'])
            && let Some((subcode, "")) = leading_number(sub)
        {
            return Some(explain(code, Some(subcode)));
        }
    }
    explained(None, None, Some(text))
}

/// The explanation of a code and subcode, else of the message's `DiagCode`, with
/// that `DiagCode`.
fn explained(
    code: Option<u32>,
    subcode: Option<u32>,
    message: Option<&str>,
) -> Option<Explanation> {
    let diag = message.and_then(DiagCode::find);
    let mut e = match (code, diag) {
        (Some(code), _) => explain(code, subcode),
        (None, Some(d)) => explain(d.code, Some(d.subcode)),
        (None, None) => return None,
    };
    e.diag_code = diag;
    Some(e)
}

/// The decimal number `text` starts with (at most nine digits), and what follows.
fn leading_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    Some((text[..digits].parse().ok()?, &text[digits..]))
}

/// Explains a [`ResultInfo`]: its code and subcode, and the `DiagCode` of its message.
pub trait ExplainResult {
    /// What the result means, as far as anything published says.
    fn explain(&self) -> Explanation;
}

impl ExplainResult for ResultInfo {
    fn explain(&self) -> Explanation {
        let number = |n: Option<i32>| n.and_then(|n| u32::try_from(n).ok());
        let (code, subcode) = (number(self.code), number(self.subcode));
        explained(code, subcode, self.message.as_deref())
            .unwrap_or_else(|| Explanation::unknown(code, subcode))
    }
}
