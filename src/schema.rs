//! JSON Schema (draft 2020-12) for every type of the crate, generated from the types
//! themselves with [`schemars`]. Needs the `schema` feature.
//!
//! A schema describes the canonical JSON the encoder writes, and stays as open as the
//! protocol: members a type does not declare are allowed; a polymorphic point is an
//! `anyOf` of branches keyed by a `const` `@odata.type`, plus an open branch for an
//! object whose `@odata.type` is unknown or absent; an enum lists its known members
//! and accepts any other string; a member that the metadata declares nullable also
//! accepts `null`. Descriptions come from the metadata.
//!
//! [`all`] gives one self-contained schema per type (its `$defs` carry every type it
//! reaches), as `graph-comms schema --out DIR` writes them under `schemas/`.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, generate::SchemaSettings};
use serde_json::{Map, Value, json};

use crate::odata::TYPE_MEMBER;
use crate::registry;

/// The major version of the schemas, part of every `$id`: it changes when a schema
/// stops accepting something it accepted.
pub const VERSION: &str = "v1";

/// The `$id` of the schema of the type `name`.
pub fn id(name: &str) -> String {
    format!("urn:graph-comms:schema:{VERSION}:{name}")
}

/// The file name of the schema of the type `name`: `<name>.schema.json`.
pub fn file_name(name: &str) -> String {
    format!("{name}.schema.json")
}

/// The schema of `T` as a standalone document: `$schema`, `$id`, `title`, and the
/// `$defs` of every type it reaches.
pub fn schema_for<T: JsonSchema + registry::GraphType>() -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<T>();
    let object = schema.ensure_object();
    object.insert("title".into(), T::TYPE_NAME.into());
    let mut ordered = Map::new();
    for key in ["$schema", "$id", "title", "description"] {
        if key == "$id" {
            ordered.insert(key.into(), id(T::TYPE_NAME).into());
        } else if let Some(v) = object.remove(key) {
            ordered.insert(key.into(), v);
        }
    }
    ordered.append(object);
    Value::Object(ordered)
}

/// Every type's schema, by type name, in the registry's order.
pub fn all() -> Vec<(&'static str, Value)> {
    registry::types()
        .iter()
        .map(|t| (t.name(), t.schema()))
        .collect()
}

/// One declared member of an object type.
#[derive(Debug)]
pub(crate) struct Property {
    pub(crate) key: &'static str,
    pub(crate) schema: Schema,
    pub(crate) nullable: bool,
    pub(crate) doc: &'static [&'static str],
}

/// Documentation lines (as `///` gives them) as one description.
pub(crate) fn description(lines: &[&str]) -> String {
    let text: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    text.join("\n").trim().to_owned()
}

/// An open enum: its known members, or any other string.
fn open_strings(known: &[&str]) -> Value {
    json!({"anyOf": [{"enum": known}, {"type": "string"}]})
}

/// The schema of an object type.
pub(crate) fn object(odata_type: &str, doc: &[&str], properties: Vec<Property>) -> Schema {
    let mut props = Map::new();
    props.insert(
        TYPE_MEMBER.into(),
        json!({"const": odata_type, "description": "The type annotation, when the object carries it."}),
    );
    for p in properties {
        let mut schema = p.schema.to_value();
        if p.nullable {
            schema = json!({"anyOf": [schema, {"type": "null"}]});
        }
        let text = description(p.doc);
        if !text.is_empty()
            && let Value::Object(map) = &mut schema
        {
            map.insert("description".into(), text.into());
        }
        props.insert(p.key.into(), schema);
    }
    let schema = json!({
        "description": description(doc),
        "type": "object",
        "properties": props,
        "additionalProperties": true,
    });
    Schema::try_from(schema).unwrap_or_default()
}

/// The schema of a polymorphic point: one branch per concrete type, keyed by its
/// `@odata.type`, and an open branch for unknown or absent types. At a concrete
/// declared type (`base` given), an object without `@odata.type` is that type.
pub(crate) fn choice(doc: &[&str], variants: Vec<(&str, Schema)>, base: Option<Schema>) -> Schema {
    let tags: Vec<&str> = variants.iter().map(|(tag, _)| *tag).collect();
    let mut branches: Vec<Value> = variants
        .into_iter()
        .map(|(tag, schema)| {
            json!({
                "allOf": [schema.to_value()],
                "properties": {TYPE_MEMBER: {"const": tag}},
                "required": [TYPE_MEMBER],
            })
        })
        .collect();
    let mut open = json!({
        "description": "An object of a type not listed here (kept whole), or without `@odata.type`.",
        "type": "object",
        "properties": {TYPE_MEMBER: {"not": {"enum": tags}}},
    });
    if let Some(base) = base {
        open["if"] = json!({"not": {"required": [TYPE_MEMBER]}});
        open["then"] = base.to_value();
    }
    branches.push(open);
    let schema = json!({
        "description": description(doc),
        "type": "object",
        "anyOf": branches,
    });
    Schema::try_from(schema).unwrap_or_default()
}

/// The schema of an open enum.
pub(crate) fn open_enum(doc: &[&str], known: &[&str]) -> Schema {
    let mut schema = open_strings(known);
    schema["description"] = description(doc).into();
    Schema::try_from(schema).unwrap_or_default()
}

/// The schema name of a polymorphic point's enum: its Rust name, lower camel case.
pub(crate) fn choice_name(rust_name: &str) -> Cow<'static, str> {
    let mut chars = rust_name.chars();
    let first = chars.next().map(|c| c.to_ascii_lowercase());
    first.into_iter().chain(chars).collect::<String>().into()
}
