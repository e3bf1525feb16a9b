//! A stand-in for Microsoft Graph's calling service, to test a calling bot — in any
//! language — without a Teams tenant.
//!
//! `graph-comms simulate` is its command; the repository's `docs/simulator.md`
//! says how to point a bot at it, and every rule behind a finding.
//!
//! - [`graph`]: Graph's side of every call. A bot's request goes in
//!   ([`Graph::handle`]); Graph's reply, the notifications that follow and the
//!   findings come out. Requests are checked as Graph checks them: a bearer token,
//!   a known and live call, a body that decodes strictly as the action's type and
//!   passes the lints of `graph-comms-bot`.
//! - [`keys`]: the simulator's own signing key, its key set and OpenID
//!   configuration, and the callback tokens it signs, genuine and forged.
//! - [`finding`]: the conformance findings, each a stable code and a severity.
//! - [`scenario`]: a call's script as a JSON file, and the built-in ones.
//! - [`run`]: the [`Simulator`] with I/O: Graph's API served on an address,
//!   callbacks signed and posted to the bot through a fault profile, a scenario run
//!   as one call, many runs at a time, a transcript.
//! - [`builtin`]: the example bot of `graph-comms-bot`, served in this process.

#![forbid(unsafe_code)]

pub mod builtin;
pub mod finding;
pub mod graph;
pub mod keys;
pub mod run;
pub mod scenario;

pub use finding::{Finding, FindingCode, Severity};
pub use graph::{Callback, Exchange, Graph, Incoming, SimCall};
pub use run::{Faults, Report, Settings, Simulator};
pub use scenario::{Scenario, Step};
