//! The bound actions of the v1.0 metadata (`tests/metadata/graph-v1.0-communications.xml`,
//! a copy of the reference CSDL) and the beta parameters of those that differ
//! (`tests/metadata/graph-beta-actions.xml`), read without an XML library: each
//! action's binding, parameters and return type.
//!
//! Shared by the test binaries (`#[path]`-included); not a test target itself.

#![allow(dead_code)]

use std::path::PathBuf;

/// One parameter of a bound action, as the metadata declares it.
#[derive(Debug)]
pub(crate) struct Parameter {
    pub(crate) name: String,
    /// `Edm.String`, `graph.mediaConfig`, `Collection(graph.prompt)`, …
    pub(crate) ty: String,
    /// `Nullable` (true unless the metadata says `false`).
    pub(crate) nullable: bool,
    /// Annotated `Org.OData.Core.V1.OptionalParameter`.
    pub(crate) optional: bool,
}

impl Parameter {
    /// Whether a body must carry the parameter: not nullable, not optional.
    pub(crate) fn required(&self) -> bool {
        !self.nullable && !self.optional
    }
}

/// One bound action.
#[derive(Debug)]
pub(crate) struct BoundAction {
    /// `<binding>.<action>`: `call.answer`, `participants.invite`.
    pub(crate) name: String,
    /// The parameters but the binding one.
    pub(crate) parameters: Vec<Parameter>,
    /// The return type's name (`playPromptOperation`), if any.
    pub(crate) returns: Option<String>,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_owned())
}

/// Every bound action of the v1.0 metadata, in its order.
pub(crate) fn bound_actions() -> Vec<BoundAction> {
    actions_in("graph-v1.0-communications.xml")
}

/// The bound actions whose beta parameters differ from v1.0, with their beta
/// parameters (`tests/metadata/graph-beta-actions.xml`).
pub(crate) fn beta_actions() -> Vec<BoundAction> {
    actions_in("graph-beta-actions.xml")
}

fn actions_in(file: &str) -> Vec<BoundAction> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/metadata")
        .join(file);
    let xml = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    for block in xml.split("<Action ").skip(1) {
        let block = &block[..block.find("</Action>").expect("a closed <Action>")];
        let head = &block[..block.find('>').unwrap()];
        if attribute(head, "IsBound").as_deref() != Some("true") {
            continue;
        }
        let action = attribute(&format!(" {head}"), "Name").unwrap();
        let mut binding = None;
        let mut parameters = Vec::new();
        for piece in block.split("<Parameter ").skip(1) {
            let tag = format!(" {}", &piece[..piece.find('>').unwrap()]);
            let name = attribute(&tag, "Name").unwrap();
            let ty = attribute(&tag, "Type").unwrap();
            if name == "bindingParameter" {
                binding = Some(match ty.as_str() {
                    "graph.call" => "call",
                    "graph.participant" => "participant",
                    "Collection(graph.participant)" => "participants",
                    other => panic!("{action}: unexpected binding {other}"),
                });
                continue;
            }
            let body = if tag.ends_with('/') {
                ""
            } else {
                &piece[..piece.find("</Parameter>").unwrap_or(0)]
            };
            parameters.push(Parameter {
                name,
                ty,
                nullable: attribute(&tag, "Nullable").as_deref() != Some("false"),
                optional: body.contains("Org.OData.Core.V1.OptionalParameter"),
            });
        }
        let returns = block.split("<ReturnType ").nth(1).map(|r| {
            let tag = format!(" {}", &r[..r.find('>').unwrap()]);
            attribute(&tag, "Type")
                .unwrap()
                .trim_start_matches("graph.")
                .to_owned()
        });
        out.push(BoundAction {
            name: format!("{}.{action}", binding.expect("a binding parameter")),
            parameters,
            returns,
        });
    }
    out
}
