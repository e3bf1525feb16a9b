//! The schemas: up to date, valid, true to the corpus and to the metadata. A
//! binary of its own: it needs the `schema` feature.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use graph_comms::schema;
use graph_comms::{DecodeOptions, DiagnosticKind};
use serde_json::{Value, json};

#[path = "../support/actions.rs"]
mod actions;
#[path = "../support/corpus.rs"]
mod support;

use support::all_entries;

/// Whether a diagnostic is one the schema of the canonical encoding faults too: a
/// value of the wrong type or shape (kept raw), or a required member missing.
fn schema_fault(kind: DiagnosticKind) -> bool {
    matches!(
        kind,
        DiagnosticKind::TypeMismatch | DiagnosticKind::Shape | DiagnosticKind::MissingMember
    )
}

fn schemas_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas")
}

fn checked_in(name: &str) -> Value {
    let path = schemas_dir().join(schema::file_name(name));
    let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&text).expect("a schema file is JSON")
}

/// The checked-in `schemas/` are exactly what the code generates.
#[test]
fn schemas_are_up_to_date() {
    let regenerate = "regenerate them with `cargo run -p graph-comms-cli -- schema --out schemas`";
    let mut expected = BTreeSet::new();
    for (name, generated) in schema::all() {
        let file = schema::file_name(name);
        let mut text = graph_comms::to_vec_pretty(&generated);
        text.push(b'\n');
        let on_disk = std::fs::read(schemas_dir().join(&file)).unwrap_or_default();
        assert!(on_disk == text, "schemas/{file} is stale: {regenerate}");
        expected.insert(file);
    }
    let present: BTreeSet<String> = std::fs::read_dir(schemas_dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".schema.json"))
        .collect();
    assert_eq!(
        present, expected,
        "schemas/ holds schemas of no type: {regenerate}"
    );
}

/// Every schema is a valid draft 2020-12 schema, with a stable `$id`.
#[test]
fn schemas_are_valid_2020_12() {
    for (name, generated) in schema::all() {
        assert_eq!(
            generated["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(generated["$id"], schema::id(name));
        if let Err(e) = jsonschema::meta::validate(&generated) {
            panic!("{name}: {e}");
        }
    }
}

/// The schema and the decoder agree on every corpus payload: its canonical encoding
/// validates against its type's schema exactly when lenient decoding reported no value
/// of the wrong type or shape and no required member missing — and where it does not validate, the schema faults
/// the places those diagnostics point at.
#[test]
fn corpus_encodings_validate() {
    let mut validators = BTreeMap::new();
    let (mut valid, mut invalid) = (0, 0);
    for entry in all_entries() {
        let decoded = entry.decode(&DecodeOptions::lenient()).expect("decodes");
        let name = decoded.value.type_name();
        let validator = validators
            .entry(name)
            .or_insert_with(|| jsonschema::validator_for(&checked_in(name)).expect("compiles"));
        let mistyped: Vec<&str> = decoded
            .diagnostics
            .iter()
            .filter(|d| schema_fault(d.kind))
            .map(|d| d.pointer.as_str())
            .collect();
        let encoding = decoded.value.to_json();
        let errors: Vec<String> = validator
            .iter_errors(&encoding)
            .map(|e| e.instance_path().to_string())
            .collect();
        if mistyped.is_empty() {
            assert!(errors.is_empty(), "{}: {errors:#?}", entry.path.display());
            valid += 1;
        } else {
            assert!(
                !errors.is_empty(),
                "{}: valid despite {mistyped:?}",
                entry.path.display()
            );
            let related = |a: &str, b: &str| a.starts_with(b) || b.starts_with(a);
            for e in &errors {
                assert!(
                    mistyped.iter().any(|m| related(e, m)),
                    "{}: the schema faults {e}, the decoder {mistyped:?}",
                    entry.path.display()
                );
            }
            invalid += 1;
        }
    }
    println!(
        "corpus against the schemas: {valid} valid, {invalid} rejected where the decoder kept mistyped values"
    );
    assert!(
        valid > invalid,
        "most documented payloads are what their schema says"
    );
}

/// The schemas reject what the types reject: a wrong JSON type, `null` for a member
/// the metadata says is not nullable, a known type with a wrong member.
#[test]
fn schemas_reject_what_is_not_the_type() {
    let call = jsonschema::validator_for(&checked_in("call")).unwrap();
    assert!(call.is_valid(&serde_json::json!({"subject": "s", "anything": [1]})));
    assert!(!call.is_valid(&serde_json::json!({"subject": 5})));
    assert!(!call.is_valid(&serde_json::json!({"callbackUri": null})));
    assert!(call.is_valid(&serde_json::json!({"subject": null})));
    assert!(call.is_valid(&serde_json::json!({"state": "someFutureState"})));
    assert!(!call.is_valid(&serde_json::json!({"state": 3})));
    let media = serde_json::json!({"mediaConfig": {"@odata.type": "#microsoft.graph.appHostedMediaConfig", "blob": 5}});
    assert!(!call.is_valid(&media));
    let unknown = serde_json::json!({"mediaConfig": {"@odata.type": "#microsoft.graph.futureMediaConfig", "blob": 5}});
    assert!(call.is_valid(&unknown));
    let identity = jsonschema::validator_for(&checked_in("identity")).unwrap();
    assert!(
        !identity.is_valid(&serde_json::json!({"id": 5})),
        "untyped is the base type"
    );
    assert!(
        identity.is_valid(
            &serde_json::json!({"@odata.type": "#microsoft.graph.robotIdentity", "id": 5})
        )
    );
    assert!(!identity.is_valid(&serde_json::json!({"@odata.type": "#microsoft.graph.communicationsUserIdentity", "tenantId": 5})));
    // An object read as the declared type whose members only one derived type
    // declares is checked as that type, as the decoder reads it.
    let set = jsonschema::validator_for(&checked_in("participantInfo")).unwrap();
    for (identity, valid) in [
        (serde_json::json!({"phone": {"id": "+1"}}), true),
        (serde_json::json!({"phone": {"id": 1}}), false),
        (serde_json::json!({"phone": 7}), false),
        (
            serde_json::json!({"@odata.type": "#microsoft.graph.identitySet", "phone": {"id": 1}}),
            false,
        ),
        (
            serde_json::json!({"@odata.type": "#microsoft.graph.identitySet", "endpointType": "voicemail"}),
            true,
        ),
        (
            serde_json::json!({"phone": null, "user": {"id": "u"}}),
            true,
        ),
        (serde_json::json!({"acsUser": 7}), true),
    ] {
        let info = serde_json::json!({"identity": identity});
        assert_eq!(set.is_valid(&info), valid, "{info}");
        let decoded = graph_comms::from_slice::<graph_comms::participant::ParticipantInfo>(
            info.to_string().as_bytes(),
        )
        .unwrap();
        let mistyped = decoded.diagnostics.iter().any(|d| schema_fault(d.kind));
        assert_eq!(mistyped, !valid, "{info}: {:?}", decoded.diagnostics);
    }
}

/// An untyped resource is checked as the type its notification's resource path
/// names, as the decoder types it: the schema rejects exactly what lenient decoding
/// keeps raw.
#[test]
fn untyped_resources_are_checked_as_their_path_says() {
    let validator = jsonschema::validator_for(&checked_in("commsNotifications")).unwrap();
    let cases = [
        ("/communications/calls/c1", json!({"state": 42}), false),
        (
            "/communications/calls/c1",
            json!({"state": "established"}),
            true,
        ),
        (
            "/COMMUNICATIONS/calls/c1",
            json!([{"subject": false}]),
            false,
        ),
        (
            "/communications/calls/c1",
            json!({"@odata.type": "#microsoft.graph.futureThing", "state": 42}),
            true,
        ),
        (
            "/communications/calls/c1/participants",
            json!([{"isMuted": "yes"}]),
            false,
        ),
        (
            "/communications/calls/c1/participants",
            json!([{"sequenceNumber": "7"}]),
            false,
        ),
        (
            "/communications/calls/c1/participants",
            json!([{"sequenceNumber": 7, "participants": []}]),
            true,
        ),
        // Members of both candidate types contradict each other: kept whole.
        (
            "/communications/calls/c1/participants",
            json!([{"sequenceNumber": 7, "isMuted": "x"}]),
            true,
        ),
        (
            "/communications/calls/c1/operations/o1",
            json!({"status": 3}),
            false,
        ),
        (
            "/communications/calls/c1/contentsharingsessions",
            json!([{"id": 5}]),
            false,
        ),
        (
            "/communications/calls/c1/audioRoutingGroups",
            json!([{"routingMode": 1}]),
            false,
        ),
        (
            "/communications/calls/c1/recordings",
            json!({"state": 42}),
            true,
        ),
    ];
    for (path, data, valid) in cases {
        for member in ["resourceUrl", "resource"] {
            let body =
                json!({"value": [{"changeType": "updated", member: path, "resourceData": data}]});
            assert_eq!(validator.is_valid(&body), valid, "{body}");
            let decoded = graph_comms::from_slice::<graph_comms::notification::CommsNotifications>(
                body.to_string().as_bytes(),
            )
            .unwrap();
            let mistyped = decoded.diagnostics.iter().any(|d| schema_fault(d.kind));
            assert_eq!(mistyped, !valid, "{body}: {:?}", decoded.diagnostics);
        }
    }
}

/// Every declared property of every type in the v1.0 metadata (inherited ones on
/// derived types included), and every enum member, is in the schemas with a
/// compatible JSON type and nullability — apart from the exceptions listed, with
/// their reasons, in `schemas/exceptions.tsv`.
#[test]
fn schemas_cover_the_metadata() {
    let tsv = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/metadata/graph-v1.0-communications.types.tsv"),
    )
    .unwrap();
    let rows: Vec<BTreeMap<&str, &str>> = {
        let mut lines = tsv.lines();
        let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
        lines
            .map(|l| header.iter().copied().zip(l.split('\t')).collect())
            .collect()
    };
    let exceptions = std::fs::read_to_string(schemas_dir().join("exceptions.tsv")).unwrap();
    let exceptions: BTreeSet<(String, String)> = exceptions
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            let (t, p, reason) = (f.next()?, f.next()?, f.next().unwrap_or(""));
            assert!(
                !reason.trim().is_empty(),
                "exception {t}.{p} gives no reason"
            );
            Some((t.to_owned(), p.to_owned()))
        })
        .collect();

    // Base types, kinds and abstractness, by type.
    let mut base: BTreeMap<&str, &str> = BTreeMap::new();
    let mut kind: BTreeMap<&str, &str> = BTreeMap::new();
    let mut is_abstract: BTreeMap<&str, bool> = BTreeMap::new();
    for r in &rows {
        let t = r["type_name"];
        kind.insert(t, r["kind"]);
        is_abstract.insert(t, r["abstract"] == "true");
        if let Some(b) = r["base_type"].strip_prefix("graph.") {
            base.insert(t, b);
        }
    }
    let declared = |t: &str| -> Vec<&BTreeMap<&str, &str>> {
        rows.iter()
            .filter(|r| r["type_name"] == t && !r["property"].is_empty())
            .collect()
    };

    let (mut total, mut covered) = (0, 0);
    let mut missing = Vec::new();
    for (&t, &k) in &kind {
        if is_abstract[t] {
            continue; // its properties are checked on each type derived from it
        }
        if k == "enum" {
            let schema = checked_in(t);
            let known = known_values(&schema);
            for r in declared(t) {
                total += 1;
                // Members are matched without regard to case, as decoding matches
                // them: the crate writes `operationStatus` as Graph's traffic does
                // (`completed`), where the metadata writes `Completed`.
                if known.iter().any(|k| k.eq_ignore_ascii_case(r["property"]))
                    || exceptions.contains(&(t.to_owned(), r["property"].to_owned()))
                {
                    covered += 1;
                } else {
                    missing.push(format!("{t}: member {} not listed", r["property"]));
                }
            }
            continue;
        }
        let (doc, object) = exact_schema(t);
        let mut chain = vec![t];
        while let Some(b) = base.get(chain.last().unwrap()) {
            chain.push(b);
        }
        for r in chain.iter().flat_map(|c| declared(c)) {
            let p = r["property"];
            total += 1;
            if exceptions.contains(&(t.to_owned(), p.to_owned())) {
                covered += 1;
                continue;
            }
            let Some(prop) = object["properties"].get(p) else {
                missing.push(format!("{t}.{p}: not declared"));
                continue;
            };
            let allowed = json_types(&doc, prop);
            let expected = expected_type(r["property_type"], &kind);
            let nullable = r["nullable"] == "true";
            if !allowed.contains(expected) {
                missing.push(format!("{t}.{p}: {allowed:?} does not allow {expected}"));
            } else if allowed.contains("null") != nullable {
                missing.push(format!(
                    "{t}.{p}: null allowed is {}, metadata nullable is {nullable}",
                    allowed.contains("null")
                ));
            } else {
                covered += 1;
            }
        }
    }
    println!(
        "metadata coverage: {covered}/{total} properties and enum members ({:.1} %)",
        100.0 * covered as f64 / total as f64
    );
    assert!(missing.is_empty(), "{missing:#?}");
    assert_eq!(covered, total);
}

/// Every parameter of every bound action — of the v1.0 metadata, and the ones only
/// beta declares — is a property of its body's schema (`<binding>.<action>`) with a
/// compatible JSON type and nullability, and is `required` exactly when the v1.0
/// metadata declares it neither nullable nor optional; the schema declares nothing
/// else.
#[test]
fn schemas_cover_the_action_parameters() {
    let tsv = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/metadata/graph-v1.0-communications.types.tsv"),
    )
    .unwrap();
    let mut kind: BTreeMap<&str, &str> = BTreeMap::new();
    for line in tsv.lines().skip(1) {
        let mut f = line.split('\t');
        if let (Some(t), Some(k)) = (f.next(), f.next()) {
            kind.insert(t, k);
        }
    }
    kind.insert("callDisposition", "enum"); // beta only: tests/metadata/graph-beta-actions.xml
    let beta = actions::beta_actions();
    let (mut total, mut covered) = (0, 0);
    let mut missing = Vec::new();
    for action in actions::bound_actions() {
        let schema = checked_in(&action.name);
        let required: BTreeSet<&str> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let beta_only: Vec<&actions::Parameter> = beta
            .iter()
            .filter(|b| b.name == action.name)
            .flat_map(|b| &b.parameters)
            .filter(|p| action.parameters.iter().all(|q| q.name != p.name))
            .collect();
        let mut declared: BTreeSet<&str> = BTreeSet::from(["@odata.type"]);
        for (p, in_v1) in action
            .parameters
            .iter()
            .map(|p| (p, true))
            .chain(beta_only.into_iter().map(|p| (p, false)))
        {
            total += 1;
            declared.insert(&p.name);
            let name = format!("{}({})", action.name, p.name);
            let Some(prop) = schema["properties"].get(&p.name) else {
                missing.push(format!("{name}: not declared"));
                continue;
            };
            let allowed = json_types(&schema, prop);
            let expected = expected_type(&p.ty, &kind);
            if !allowed.contains(expected) {
                missing.push(format!("{name}: {allowed:?} does not allow {expected}"));
            } else if allowed.contains("null") != p.nullable {
                missing.push(format!(
                    "{name}: null allowed is {}, metadata nullable is {}",
                    allowed.contains("null"),
                    p.nullable
                ));
            } else if required.contains(p.name.as_str()) != (in_v1 && p.required()) {
                missing.push(format!(
                    "{name}: required is {}, the metadata says {}",
                    required.contains(p.name.as_str()),
                    p.required()
                ));
            } else if !in_v1
                && !prop["description"]
                    .as_str()
                    .is_some_and(|d| d.starts_with("**Beta**"))
            {
                missing.push(format!("{name}: a beta parameter not documented as beta"));
            } else {
                covered += 1;
            }
        }
        let properties: BTreeSet<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for extra in properties.difference(&declared) {
            missing.push(format!("{}: declares {extra}, no parameter", action.name));
        }
        for r in required.difference(&declared) {
            missing.push(format!("{}: requires {r}, no parameter", action.name));
        }
    }
    println!("action parameters coverage: {covered}/{total} (v1.0 and beta)");
    assert!(missing.is_empty(), "{missing:#?}");
    assert_eq!(covered, total);
    assert!(total > 40, "every action's parameters are read: {total}");
}

/// The schema document a type's exact schema is in, and that schema: the file's root,
/// or — where the file is the choice among the type and its derived types — its
/// entry in `$defs`.
fn exact_schema(t: &str) -> (Value, Value) {
    let doc = checked_in(t);
    let exact = if doc.get("properties").is_some() {
        doc.clone()
    } else {
        doc["$defs"][t].clone()
    };
    assert!(exact.get("properties").is_some(), "{t}: no object schema");
    (doc, exact)
}

/// The JSON types a schema allows, resolving `$ref`s within `doc`.
fn json_types(doc: &Value, schema: &Value) -> BTreeSet<&'static str> {
    const ALL: [&str; 7] = [
        "string", "boolean", "integer", "number", "object", "array", "null",
    ];
    let mut out = BTreeSet::new();
    match schema {
        Value::Bool(true) => out.extend(ALL),
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                let target = doc
                    .pointer(r.trim_start_matches('#'))
                    .unwrap_or(&Value::Null);
                out.extend(json_types(doc, target));
            }
            for key in ["anyOf", "oneOf"] {
                for s in m.get(key).and_then(Value::as_array).into_iter().flatten() {
                    out.extend(json_types(doc, s));
                }
            }
            match m.get("type") {
                Some(Value::String(t)) => out.extend(ALL.iter().filter(|a| *a == t)),
                Some(Value::Array(ts)) => {
                    out.extend(ALL.iter().filter(|a| ts.iter().any(|t| t == *a)))
                }
                _ => {}
            }
            if m.contains_key("enum") || m.contains_key("const") {
                out.insert("string");
            }
        }
        _ => {}
    }
    out
}

/// The JSON type a metadata type is written as.
fn expected_type(edm: &str, kind: &BTreeMap<&str, &str>) -> &'static str {
    if edm.starts_with("Collection(") {
        return "array";
    }
    match edm {
        "Edm.String" | "Edm.DateTimeOffset" | "Edm.Guid" | "Edm.Duration" => "string",
        "Edm.Boolean" => "boolean",
        "Edm.Int32" | "Edm.Int64" => "integer",
        "Edm.Double" => "number",
        other => match kind.get(other.trim_start_matches("graph.")) {
            Some(&"enum") => "string",
            _ => "object",
        },
    }
}

fn known_values(schema: &Value) -> BTreeSet<String> {
    schema["anyOf"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b.get("enum")?.as_array())
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}
