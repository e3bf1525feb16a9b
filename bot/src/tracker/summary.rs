//! A call's record in one JSON line: the shape `graph-comms replay --json` prints,
//! and the fleet example, so that scripts compare them as they are.

use serde_json::{Value, json};

use super::call::TrackedCall;
use super::event::Warning;
use graph_comms::participant::Participant;

impl TrackedCall {
    /// The call as one JSON object, its members in this order: `callId`, `state`,
    /// `participants` (each `id`, `displayName`, `isMuted`, `isInLobby`, by id),
    /// `operations` (id to status), `contentSharingSessions` (ids) and `warnings`
    /// (each `kind`, `message`) — the line `graph-comms replay --json` prints per
    /// call.
    pub fn summary_json(&self, warnings: &[Warning]) -> String {
        let participants = array(self.participants().iter().map(|(id, p)| {
            object(&[
                ("id", json!(id).to_string()),
                ("displayName", json!(display_name(p)).to_string()),
                ("isMuted", json!(p.is_muted).to_string()),
                ("isInLobby", json!(p.is_in_lobby).to_string()),
            ])
        }));
        let operations: Vec<(&str, String)> = self
            .operations()
            .iter()
            .map(|(id, op)| {
                (
                    id.as_str(),
                    json!(op.status.as_ref().map(|s| s.as_str())).to_string(),
                )
            })
            .collect();
        let warnings = array(warnings.iter().map(|w| {
            object(&[
                ("kind", json!(w.kind.as_str()).to_string()),
                ("message", json!(w.message).to_string()),
            ])
        }));
        object(&[
            ("callId", json!(self.id()).to_string()),
            ("state", json!(self.state().map(|s| s.as_str())).to_string()),
            ("participants", participants),
            ("operations", object(&operations)),
            (
                "contentSharingSessions",
                json!(self.content_sharing_sessions().keys().collect::<Vec<_>>()).to_string(),
            ),
            ("warnings", warnings),
        ])
    }
}

/// The display name of a participant: its user's, else any of its identities'.
pub fn display_name(participant: &Participant) -> Option<String> {
    let identity = graph_comms::to_value(participant.info.as_ref()?.identity.as_ref()?);
    let members = identity.as_object()?;
    [
        "user",
        "applicationInstance",
        "application",
        "guest",
        "phone",
    ]
    .iter()
    .filter_map(|name| members.get(*name))
    .chain(members.values())
    .find_map(|m| m.get("displayName")?.as_str().map(str::to_owned))
}

/// A JSON object of already encoded values, its members in the order given (the
/// order the contract spells them in).
fn object(members: &[(&str, String)]) -> String {
    let inner: Vec<String> = members
        .iter()
        .map(|(name, value)| format!("{}:{value}", Value::from(*name)))
        .collect();
    format!("{{{}}}", inner.join(","))
}

fn array(items: impl IntoIterator<Item = String>) -> String {
    format!("[{}]", items.into_iter().collect::<Vec<_>>().join(","))
}
