//! A stand-in for Microsoft Graph's calling service, to test a calling bot — in any
//! language — without a Teams tenant.
//!
//! Work in progress (issue 25): this is its core so far, without I/O.
//!
//! - [`graph`]: Graph's side of every call. A bot's request goes in
//!   ([`Graph::handle`]); Graph's reply, the notifications that follow and the
//!   findings come out. Requests are checked as Graph checks them: a bearer token,
//!   a known and live call, a body that decodes strictly as the action's type and
//!   passes the lints of `graph-comms-bot`.
//! - [`keys`]: the simulator's own signing key, its key set and OpenID
//!   configuration, and the callback tokens it signs, genuine and forged.
//! - [`finding`]: the conformance findings, each a stable code and a severity.

#![forbid(unsafe_code)]

pub mod finding;
pub mod graph;
pub mod keys;

pub use finding::{Finding, FindingCode, Severity};
pub use graph::{Callback, Exchange, Graph, Incoming, SimCall};
