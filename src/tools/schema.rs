//! JSON Schema (draft 2020-12) for every type of the crate, generated from the types'
//! declarations with [`schemars`]. Needs the `schema` feature.
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

use schemars::JsonSchema;
use serde_json::Value;

use crate::GraphType;
use crate::declare::schema as generated;
use crate::tools::by_name;

/// The major version of the schemas, part of every `$id`: it changes when a schema
/// stops accepting something it accepted.
pub const VERSION: &str = generated::VERSION;

/// The `$id` of the schema of the type `name`.
pub fn id(name: &str) -> String {
    generated::id(name)
}

/// The file name of the schema of the type `name`: `<name>.schema.json`.
pub fn file_name(name: &str) -> String {
    format!("{name}.schema.json")
}

/// The schema of `T` as a standalone document: `$schema`, `$id`, `title`, and the
/// `$defs` of every type it reaches.
pub fn schema_for<T: JsonSchema + GraphType>() -> Value {
    generated::standalone::<T>()
}

/// Every type's schema, by type name, in the order of [`by_name::types`].
pub fn all() -> Vec<(&'static str, Value)> {
    by_name::types()
        .iter()
        .map(|t| (t.name(), t.schema()))
        .collect()
}
