//! A calling bot's side of the Microsoft Graph cloud-communications conversation,
//! without I/O.
//!
//! [`graph-comms`](graph_comms) is the codec: every body, notification and error
//! Graph exchanges with a calling bot, decoded tolerantly and encoded canonically.
//! This crate is what a bot does with them, and it sends and receives nothing
//! itself: its inputs and outputs are the [`http`](::http) crate's requests and
//! responses, and the time is always a parameter.
//!
//! - [`http`]: the request for every calls endpoint in every national cloud, the
//!   typed response that answers it, Graph's errors, the reply to a callback POST,
//!   and the application permissions each request needs.
//! - [`auth`] (feature `auth`): verification of the bearer token Graph signs each
//!   callback with, against the caller's cached key set and clock.
//! - [`tracker`]: call, roster, operation and content-sharing state from callbacks
//!   delivered in any order.
//! - [`lint`]: documented rules checked on a request body before it is sent.
//!
//! ```
//! use graph_comms::action::CallAnswer;
//! use graph_comms::media::ServiceHostedMediaConfig;
//! use graph_comms_bot::http::{ApiVersion, Cloud, Graph};
//! use graph_comms_bot::id::CallId;
//!
//! let graph = Graph::new(Cloud::Global, ApiVersion::V1);
//! let answer = CallAnswer::new("https://bot.contoso.com/callback", ServiceHostedMediaConfig::default());
//! let request = graph.action(&CallId::new("2e1a0b00-2db4-4022-9570-243709c565ab"), &answer)?;
//! assert_eq!(
//!     request.uri(),
//!     "https://graph.microsoft.com/v1.0/communications/calls/2e1a0b00-2db4-4022-9570-243709c565ab/answer"
//! );
//! # Ok::<(), graph_comms_bot::http::Error>(())
//! ```
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "auth")]
#[cfg_attr(docsrs, doc(cfg(feature = "auth")))]
pub mod auth;
pub mod http;
pub mod id;
pub mod lint;
pub mod tracker;

/// The workspace README's examples, compiled and run as doctests (they use both
/// crates, and this one depends on the codec).
#[cfg(all(doctest, feature = "auth"))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// This crate's README, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct CrateReadmeDoctests;
