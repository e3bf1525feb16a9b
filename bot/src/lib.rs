#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "auth")]
#[cfg_attr(docsrs, doc(cfg(feature = "auth")))]
pub mod auth;
#[cfg(feature = "auth")]
#[cfg_attr(docsrs, doc(cfg(feature = "auth")))]
pub mod bot;
pub mod explain;
pub mod http;
pub mod id;
pub mod lint;
pub mod routing;
pub mod tracker;

#[cfg(feature = "auth")]
pub use bot::{Bot, Config, Event};

/// The workspace README's examples, compiled and run as doctests (they use both
/// crates, and this one depends on the codec).
#[cfg(all(doctest, feature = "auth"))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
