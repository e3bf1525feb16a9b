//! The integration tests of the core: one binary, a module per area. The schema
//! and property tests are binaries of their own (`tests/schema`, `tests/properties`),
//! declared with the features they need.

#[path = "../support/actions.rs"]
mod actions;
#[path = "../support/corpus.rs"]
mod support;
#[path = "../support/trailing_commas.rs"]
mod trailing_commas;

mod architecture;
mod build;
mod corpus;
mod deserialize;
mod dispatch;
mod limits;
mod model;
mod mutations;
mod strict;
mod tolerance;

pub(crate) use support::*;

/// What a build without the features skips, said where `cargo test` shows it: the
/// test binaries that need them are declared with `required-features`, which cargo
/// passes over in silence.
#[cfg(not(feature = "schema"))]
#[test]
#[ignore = "skipped: tests/schema needs `--features schema`"]
fn schema_tests_need_the_schema_feature() {}

/// See [`schema_tests_need_the_schema_feature`].
#[cfg(not(all(feature = "proptest", feature = "schema")))]
#[test]
#[ignore = "skipped: tests/properties needs `--features proptest,schema`"]
fn property_tests_need_the_proptest_and_schema_features() {}
