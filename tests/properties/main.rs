//! Properties of every type, over generated values (the `proptest` feature's
//! strategies), with a fixed seed so that every run checks the same cases. A binary
//! of its own: it needs the `proptest` and `schema` features.

#[path = "../support/shape.rs"]
mod shape;

use graph_comms::by_name::{self, GraphValue, TypeEntry};
use graph_comms::{DecodeOptions, DiagnosticKind};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// Cases per type; the top-level types get more.
fn cases(entry: &TypeEntry) -> u32 {
    match entry.name() {
        "commsNotifications" | "commsNotification" | "call" | "participant" | "entity" => 96,
        _ => 24,
    }
}

fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

fn check(entry: &TypeEntry, property: impl Fn(&dyn GraphValue) -> Result<(), TestCaseError>) {
    runner(cases(entry))
        .run(&entry.strategy(), |value| property(&*value))
        .unwrap_or_else(|e| panic!("{}: {e}", entry.name()));
}

/// Encode → decode (strict) gives back the generated value, and encoding is stable.
/// Lenient decoding of that strict JSON gives the same value and the same
/// diagnostics, none of them about syntax or mistyped values.
#[test]
fn generated_values_round_trip() {
    for entry in by_name::types() {
        check(entry, |value| {
            let json = value.to_vec();
            let strict = entry.decode(&DecodeOptions::strict(), &json).map_err(|e| {
                TestCaseError::fail(format!("{e} in {}", String::from_utf8_lossy(&json)))
            })?;
            prop_assert!(
                strict.value.eq_value(value),
                "{:?} != {:?}",
                strict.value,
                value
            );
            prop_assert_eq!(strict.value.to_vec(), json.clone());
            let lenient = entry
                .decode(&DecodeOptions::lenient(), &json)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(lenient.value.eq_value(&*strict.value));
            prop_assert_eq!(&lenient.diagnostics, &strict.diagnostics);
            for d in &lenient.diagnostics {
                prop_assert!(
                    // What the values are made of (unknown types and values, an
                    // error body in one of its other shapes), not what was tolerated.
                    matches!(
                        d.kind,
                        DiagnosticKind::UnknownType
                            | DiagnosticKind::UnknownEnumValue
                            | DiagnosticKind::ErrorShape
                    ),
                    "{d}"
                );
            }
            Ok(())
        });
    }
}

/// The pretty encoding decodes to the same value as the compact one.
#[test]
fn pretty_and_compact_encodings_agree() {
    for name in ["commsNotifications", "call"] {
        let entry = by_name::lookup(name).unwrap();
        check(entry, |value| {
            let pretty = entry
                .decode(&DecodeOptions::strict(), &value.to_vec_pretty())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(pretty.value.eq_value(value));
            Ok(())
        });
    }
}

/// Every generated value's JSON validates against its type's schema.
#[test]
fn generated_values_validate_against_their_schemas() {
    for entry in by_name::types() {
        let validator = jsonschema::validator_for(&entry.schema()).expect("compiles");
        check(entry, |value| {
            let json = value.to_json();
            let errors: Vec<String> = validator
                .iter_errors(&json)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            prop_assert!(errors.is_empty(), "{errors:#?} in {json}");
            Ok(())
        });
    }
}

/// Each scenario of the "Create call" page generates requests that encode, decode
/// strictly to the same call, and validate against the call schema.
#[test]
fn create_call_requests_are_valid() {
    use graph_comms::call::Call;
    use graph_comms::generate::{Scenario, create_call};
    let schema = jsonschema::validator_for(&graph_comms::schema::schema_for::<Call>())
        .expect("the call schema compiles");
    for scenario in Scenario::ALL {
        runner(32)
            .run(&create_call(scenario), |call| {
                let errors: Vec<String> = schema
                    .iter_errors(&graph_comms::to_value(&call))
                    .map(|e| format!("{e} at {}", e.instance_path()))
                    .collect();
                prop_assert!(errors.is_empty(), "{errors:#?}");
                let json = graph_comms::to_vec(&call);
                let back = DecodeOptions::strict()
                    .decode::<Call>(&json)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(&back.value, &call);
                prop_assert!(back.diagnostics.is_empty(), "{:?}", back.diagnostics);
                prop_assert!(call.callback_uri.is_some() && call.media_config.is_some());
                prop_assert!(call.targets.is_some() || call.meeting_info.is_some());
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{scenario:?}: {e}"));
    }
}

/// What a shape counts a body with.
type Add =
    fn(&mut shape::Shape, &TypeEntry, &dyn GraphValue, &[u8], graph_comms::generate::Profile);

/// 1 000 bodies of the type `name` generated with `profile`: each decodes strictly
/// from its wire text to the same value and validates against the type's schema;
/// counted.
fn shape_of(name: &str, profile: graph_comms::generate::Profile, add: Add) -> shape::Shape {
    use proptest::strategy::ValueTree as _;
    let entry = by_name::lookup(name).unwrap();
    let schema = jsonschema::validator_for(&entry.schema()).expect("the schema compiles");
    let mut shape = shape::Shape::default();
    let mut runner = runner(1000);
    let strategy = entry.strategy_with(profile);
    for i in 0..1000 {
        let value = strategy.new_tree(&mut runner).unwrap().current();
        let wire = graph_comms::generate::to_wire_as(entry, &*value, profile, i);
        let json: serde_json::Value = serde_json::from_slice(&wire).unwrap();
        let errors: Vec<String> = schema
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?} in {json}");
        add(&mut shape, entry, &*value, &wire, profile);
    }
    shape
}

/// 1 000 generated callback bodies have the shape of real traffic: each 1 to 3
/// notifications, each with its change type and a path its resources agree with,
/// decoding strictly and valid, with the imperfections of real traffic at their
/// documented rates; none in the clean profile, many in the hostile one
/// (tests/arbitrary holds `arbitrary` to the same).
#[test]
fn generated_callbacks_have_the_shape_of_real_traffic() {
    use graph_comms::generate::Profile;
    for profile in Profile::ALL {
        let shape = shape_of("commsNotifications", profile, shape::Shape::add_callback);
        shape.check_rates(profile);
        shape.check_callback_kinds(profile);
    }
}

/// 1 000 generated calls, and 1 000 of each action's request body, decode strictly
/// from their wire text, validate against their schemas, and carry the documented
/// rates of imperfection.
#[test]
fn generated_calls_and_action_bodies_have_the_documented_rates() {
    use graph_comms::generate::Profile;
    let profile = Profile::Realistic;
    shape_of("call", profile, shape::Shape::add).check_rates(profile);
    for action in graph_comms::action::Action::ALL {
        shape_of(action.as_str(), profile, shape::Shape::add).check_rates(profile);
    }
}
