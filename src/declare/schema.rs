//! What the declarations generate for the `schema` feature: the JSON Schema
//! (draft 2020-12) of every object, polymorphic point and enum, through [`schemars`].
//!
//! A schema describes the canonical JSON the encoder writes, and stays as open as the
//! protocol: members a type does not declare are allowed; a polymorphic point is an
//! `anyOf` of branches keyed by a `const` `@odata.type`, plus an open branch for an
//! object whose `@odata.type` is unknown or absent; an enum lists its known members
//! and accepts any other string; a member that the metadata declares nullable also
//! accepts `null`. Descriptions come from the declarations' documentation.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings};
use serde_json::{Map, Value, json};

use super::enums::{Flags, OpenEnum};
use crate::decode::odata::{GraphType, TYPE_MEMBER, type_value};
use crate::decode::{OneOrMany, Polymorphic, Untagged};

/// The major version of the schemas, part of every `$id`: it changes when a schema
/// stops accepting something it accepted.
pub(crate) const VERSION: &str = "v1";

/// The `$id` of the schema of the type `name`.
pub(crate) fn id(name: &str) -> String {
    format!("urn:graph-comms:schema:{VERSION}:{name}")
}

/// The schema of `T` as a standalone document: `$schema`, `$id`, `title`, and the
/// `$defs` of every type it reaches.
pub(crate) fn standalone<T: JsonSchema + GraphType>() -> Value {
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

/// One declared member of an object type.
#[derive(Debug)]
pub(crate) struct Property {
    pub(crate) key: &'static str,
    pub(crate) schema: Schema,
    pub(crate) nullable: bool,
    /// Whether the member is in the object's `required` list.
    pub(crate) required: bool,
    pub(crate) doc: &'static [&'static str],
}

/// Documentation lines (as `///` gives them) as one description.
fn description(lines: &[&str]) -> String {
    let text: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    text.join("\n").trim().to_owned()
}

/// The schema of the object type `T`.
pub(crate) fn object<T: GraphType>(
    doc: &[&str],
    properties: Vec<Property>,
    rules: Vec<Value>,
) -> Schema {
    let mut props = Map::new();
    props.insert(
        TYPE_MEMBER.into(),
        json!({"const": T::ODATA_TYPE, "description": "The type annotation, when the object carries it."}),
    );
    let mut required = Vec::new();
    for p in properties {
        if p.required {
            required.push(Value::from(p.key));
        }
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
    let mut schema = json!({
        "description": description(doc),
        "type": "object",
        "properties": props,
        "additionalProperties": true,
    });
    if !required.is_empty() {
        schema["required"] = Value::Array(required);
    }
    if !rules.is_empty() {
        schema["allOf"] = Value::Array(rules);
    }
    Schema::try_from(schema).unwrap_or_default()
}

/// The branch of one variant of a polymorphic point.
#[derive(Debug)]
pub(crate) struct Branch {
    /// The `@odata.type` values the branch takes.
    tags: Vec<String>,
    /// The schema of what it holds.
    schema: Schema,
    /// Whether it holds one type (a `const` tag) rather than a nested point.
    one: bool,
    /// For one type, its schema without the `@odata.type` member: what an object of
    /// it annotated as a base type must be.
    members: Option<Value>,
}

impl Branch {
    /// The branch of an object type.
    pub(crate) fn one<T: JsonSchema + GraphType>(g: &mut SchemaGenerator) -> Self {
        let mut members = T::json_schema(g).to_value();
        if let Value::Object(map) = &mut members {
            map.remove("description");
        }
        if let Some(Value::Object(props)) = members.get_mut("properties") {
            props.remove(TYPE_MEMBER);
            for prop in props.values_mut() {
                if let Value::Object(p) = prop {
                    p.remove("description");
                }
            }
        }
        Branch {
            tags: vec![T::ODATA_TYPE.to_owned()],
            schema: g.subschema_for::<T>(),
            one: true,
            members: Some(members),
        }
    }

    /// The branch of a nested polymorphic point: every type it holds.
    pub(crate) fn nested<T: JsonSchema + Polymorphic>(g: &mut SchemaGenerator) -> Self {
        let mut tags = Vec::new();
        crate::decode::each_variant(T::CASES, &mut |v| tags.push(type_value(v.name)));
        Branch {
            tags,
            schema: g.subschema_for::<T>(),
            one: false,
            members: None,
        }
    }
}

/// The schema of the polymorphic point `T`: one branch per variant, keyed by its
/// `@odata.type` (or, for a nested point, its types), and an open branch for unknown
/// or absent types. Where the declared type is concrete, an object without
/// `@odata.type` is that type.
pub(crate) fn choice<T: Polymorphic>(doc: &[&str], variants: Vec<Branch>) -> Schema {
    let base = (T::UNTAGGED == Untagged::Declared)
        .then(|| {
            variants
                .iter()
                .find(|b| b.one && b.tags[0] == T::ODATA_TYPE)
                .map(|b| declared::<T>(b, &variants))
        })
        .flatten();
    let tags: Vec<&str> = variants
        .iter()
        .flat_map(|b| b.tags.iter().map(String::as_str))
        .collect();
    let mut branches: Vec<Value> = variants
        .iter()
        .map(|b| {
            let (tag, schema) = if b.one {
                let schema = match &base {
                    Some(base) if b.tags[0] == T::ODATA_TYPE => {
                        let mut base = base.clone();
                        base["$anchor"] = anchor::<T>().into();
                        base
                    }
                    _ => b.schema.clone().to_value(),
                };
                (json!({"const": b.tags[0]}), schema)
            } else {
                (json!({"enum": b.tags}), b.schema.clone().to_value())
            };
            json!({
                "allOf": [schema],
                "properties": {TYPE_MEMBER: tag},
                "required": [TYPE_MEMBER],
            })
        })
        .collect();
    let mut open = json!({
        "description": "An object of a type not listed here (kept whole), or without `@odata.type`.",
        "type": "object",
        "properties": {TYPE_MEMBER: {"not": {"enum": tags}}},
    });
    if base.is_some() {
        // The same schema as the declared type's branch, by its anchor.
        open["if"] = json!({"not": {"required": [TYPE_MEMBER]}});
        open["then"] = json!({"$ref": format!("#{}", anchor::<T>())});
    }
    branches.push(open);
    let schema = json!({
        "description": description(doc),
        "type": "object",
        "anyOf": branches,
    });
    Schema::try_from(schema).unwrap_or_default()
}

/// The anchor of what an object read as the declared type of the point `T` must be.
fn anchor<T: Polymorphic>() -> String {
    format!("{}-declared", T::TYPE_NAME)
}

/// What an object read as the declared type of a concrete point must be: that type,
/// and — when its members are ones only one derived type declares, and none another
/// declares — that derived type, whose `@odata.type` it does not carry (as the
/// decoder infers it).
fn declared<T: Polymorphic>(base: &Branch, variants: &[Branch]) -> Value {
    let evidence = T::evidence();
    let mut all = vec![base.schema.clone().to_value()];
    for branch in variants
        .iter()
        .filter(|b| b.one && b.tags[0] != T::ODATA_TYPE)
    {
        let (telling, others) = evidence.of_type(&branch.tags[0]);
        if telling.is_empty() {
            continue;
        }
        let mut condition =
            vec![json!({"anyOf": telling.into_iter().map(present).collect::<Vec<_>>()})];
        if !others.is_empty() {
            // Every member another type declares is absent (or `null`).
            condition.push(absent(others));
        }
        if let Some(members) = &branch.members {
            all.push(json!({"if": {"allOf": condition}, "then": members}));
        }
    }
    json!({"allOf": all})
}

/// An object has member `m`, and not as `null` (a `null` member is an absent one).
pub(crate) fn present(m: &str) -> Value {
    json!({"required": [m], "properties": {m: {"not": {"type": "null"}}}})
}

/// An object has none of `members` (or has them as `null`).
pub(crate) fn absent<'m>(members: impl IntoIterator<Item = &'m str>) -> Value {
    let nulls: Map<String, Value> = members
        .into_iter()
        .map(|m| (m.to_owned(), json!({"type": "null"})))
        .collect();
    json!({"properties": nulls})
}

/// `schema` for an object without `@odata.type`; anything else is left alone.
pub(crate) fn when_untyped(schema: Value) -> Value {
    json!({"if": {"not": {"required": [TYPE_MEMBER]}}, "then": schema})
}

/// `item`, or an array of such items (an `item` that holds of any array, as `if`
/// rules do, still checks each element).
pub(crate) fn one_or_many(item: Value) -> Value {
    json!({"if": {"type": "array"}, "then": {"items": item}, "else": item})
}

/// A regular expression (ECMA 262, which has no flag for it) matching `text` without
/// regard to ASCII case.
pub(crate) fn case_insensitive(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
            } else {
                regex_escape(c)
            }
        })
        .collect()
}

fn regex_escape(c: char) -> String {
    if r"\^$.|?*+()[]{}".contains(c) {
        format!("\\{c}")
    } else {
        c.to_string()
    }
}

/// An object typed among `candidates` (each its declared members and its schema) as
/// the decoder types an untyped object among the types a context names: the one its
/// members point to, the first when no member tells them apart, none when the
/// members contradict each other.
pub(crate) fn among(candidates: &[(&[&str], Value)]) -> Value {
    let declared_by = |m: &str| candidates.iter().filter(|(f, _)| f.contains(&m)).count();
    let mut telling: Vec<&str> = candidates
        .iter()
        .flat_map(|(f, _)| f.iter().copied())
        .filter(|m| declared_by(m) < candidates.len())
        .collect();
    telling.sort_unstable();
    telling.dedup();
    let mut rules = Vec::new();
    for (fields, schema) in candidates {
        let own: Vec<Value> = fields
            .iter()
            .filter(|m| declared_by(m) == 1)
            .map(|m| present(m))
            .collect();
        if own.is_empty() {
            continue;
        }
        let others = telling.iter().copied().filter(|m| !fields.contains(m));
        rules.push(json!({
            "if": {"allOf": [{"anyOf": own}, absent(others)]},
            "then": schema,
        }));
    }
    if let Some((_, first)) = candidates.first() {
        rules.push(json!({"if": absent(telling.iter().copied()), "then": first}));
    }
    json!({"allOf": rules})
}

/// The name of a polymorphic point's schema in `$defs`: its declared type's name, but
/// for a concrete declared type, whose name is its object's: then the enum's Rust
/// name, lower camel case (`anyIdentity`).
pub(crate) fn choice_name<T: Polymorphic>(rust_name: &str) -> Cow<'static, str> {
    if T::UNTAGGED != Untagged::Declared {
        return T::TYPE_NAME.into();
    }
    let mut chars = rust_name.chars();
    let first = chars.next().map(|c| c.to_ascii_lowercase());
    first.into_iter().chain(chars).collect::<String>().into()
}

/// The schema of the open enum `E`: its known members, or any other string.
pub(crate) fn open_enum<E: OpenEnum>(doc: &[&str]) -> Schema {
    let schema = json!({
        "anyOf": [{"enum": E::VALUES}, {"type": "string"}],
        "description": description(doc),
    });
    Schema::try_from(schema).unwrap_or_default()
}

impl<E: OpenEnum> JsonSchema for Flags<E> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("{}Flags", E::TYPE_NAME).into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let values = E::VALUES.join(", ");
        schemars::json_schema!({
            "type": "string",
            "description": format!(
                "`{}` flags: known members ({values}) and any others, joined by commas.",
                E::TYPE_NAME
            ),
        })
    }
}

impl<T: JsonSchema> JsonSchema for OneOrMany<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("oneOrMany_{}", T::schema_name()).into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let one = g.subschema_for::<T>().to_value();
        schemars::json_schema!({
            "anyOf": [one, {"type": "array", "items": one}],
        })
    }
}
