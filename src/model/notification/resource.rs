//! The resources a notification carries in `resourceData`, and how its resource
//! path types them.

use super::CommsNotification;
use super::path::{ResourcePath, Under};
use crate::GraphType;
use crate::audio_routing::AudioRoutingGroup;
use crate::call::Call;
use crate::content_sharing::ContentSharingSession;
use crate::declare::polymorphic;
use crate::decode::Context;
use crate::operation::{AnyCommsOperation, CommsOperation};
use crate::participant::{DeltaParticipants, Participant};

polymorphic! {
    /// One resource of a notification's `resourceData`.
    ///
    /// Typed by its `@odata.type`; without one, by the notification's resource path when
    /// that is unambiguous (reported as an `inferred_type` diagnostic):
    ///
    /// | path ends in | type |
    /// |---|---|
    /// | `/calls/{id}` | `call` |
    /// | `/calls/{id}/participants[/…]` | `deltaParticipants` if the object has `participants` or `sequenceNumber` (and no `participant` member), else `participant` |
    /// | `/calls/{id}/contentSharingSessions[/…]` | `contentSharingSession` |
    /// | `/calls/{id}/operations[/…]` | `commsOperation` |
    /// | `/calls/{id}/audioRoutingGroups[/…]` | `audioRoutingGroup` |
    ///
    /// Path segments match without regard to case, and `/app/calls/…` legacy paths
    /// count as well. Anything else is kept whole, as an object of unknown type.
    /// The declared type is `entity`, the base type of them all.
    Resource = "entity", context {
        /// A call (call-state notifications, incoming calls).
        Call(Call),
        /// A participant (roster notifications).
        Participant(Participant),
        /// A delta roster (roster notifications with delta rosters enabled).
        DeltaParticipants(DeltaParticipants),
        /// A content sharing session.
        ContentSharingSession(ContentSharingSession),
        /// An audio routing group.
        AudioRoutingGroup(AudioRoutingGroup),
        /// An operation (operation notifications). An object of a type this crate does
        /// not know is the resource's own unknown object, never an unknown operation.
        Operation(AnyCommsOperation): nested,
    }
}

impl Resource {
    /// The resource's `id`, whatever its type.
    pub fn id(&self) -> Option<&str> {
        match self {
            Resource::Call(r) => r.id.as_deref(),
            Resource::Participant(r) => r.id.as_deref(),
            Resource::DeltaParticipants(r) => r.id.as_deref(),
            Resource::ContentSharingSession(r) => r.id.as_deref(),
            Resource::AudioRoutingGroup(r) => r.id.as_deref(),
            Resource::Operation(op) => op.id(),
            Resource::_Unknown(u) => u.members.get("id").and_then(|v| v.as_str()),
        }
    }
}

/// What a notification's resource path says its untyped resources are: the context
/// its `resourceData` is read in. `None` until the notification has a path.
pub(super) fn context_of(notification: &CommsNotification) -> Option<Context> {
    notification.path().map(|path| Context {
        types: types_under(ResourcePath::parse(path).map(|p| p.under)),
        source: "the notification's resource path",
    })
}

/// What the resource path says in the schema: for each kind of path, that the
/// untyped resources of `resourceData` (member `key`) are of the types it names, as
/// [`context_of`] tells the decoder.
#[cfg(feature = "schema")]
pub(super) fn schema_rules(g: &mut schemars::SchemaGenerator, key: &str) -> Vec<serde_json::Value> {
    use crate::declare::schema::{among, one_or_many, when_untyped};
    use crate::decode::Object;
    use serde_json::json;

    let kinds = [
        (None, Under::Call),
        (Some("participants"), Under::Participants(None)),
        (
            Some("contentSharingSessions"),
            Under::ContentSharingSessions(None),
        ),
        (Some("operations"), Under::Operations(None)),
        (Some("audioRoutingGroups"), Under::AudioRoutingGroups(None)),
    ];
    let mut rules = Vec::new();
    for (collection, under) in kinds {
        let mut candidates: Vec<(&[&str], serde_json::Value)> = Vec::new();
        for name in types_under(Some(under)) {
            let (fields, schema) = match *name {
                n if n == Call::TYPE_NAME => (Call::FIELDS, g.subschema_for::<Call>()),
                n if n == Participant::TYPE_NAME => {
                    (Participant::FIELDS, g.subschema_for::<Participant>())
                }
                n if n == DeltaParticipants::TYPE_NAME => (
                    DeltaParticipants::FIELDS,
                    g.subschema_for::<DeltaParticipants>(),
                ),
                n if n == ContentSharingSession::TYPE_NAME => (
                    ContentSharingSession::FIELDS,
                    g.subschema_for::<ContentSharingSession>(),
                ),
                n if n == CommsOperation::TYPE_NAME => {
                    (CommsOperation::FIELDS, g.subschema_for::<CommsOperation>())
                }
                n if n == AudioRoutingGroup::TYPE_NAME => (
                    AudioRoutingGroup::FIELDS,
                    g.subschema_for::<AudioRoutingGroup>(),
                ),
                _ => continue,
            };
            candidates.push((fields, schema.to_value()));
        }
        let typed = match candidates.as_slice() {
            [] => continue,
            [(_, one)] => one.clone(),
            _ => among(&candidates),
        };
        let pattern = super::path::pattern(collection);
        // The path is `resourceUrl`, or else (absent or `null`) the legacy `resource`.
        let matches = json!({"anyOf": [
            {"required": ["resourceUrl"], "properties": {"resourceUrl": {"type": "string", "pattern": pattern}}},
            {"required": ["resource"], "properties": {
                "resourceUrl": {"type": "null"},
                "resource": {"type": "string", "pattern": pattern},
            }},
        ]});
        rules.push(json!({
            "if": matches,
            "then": {"properties": {key: one_or_many(when_untyped(typed))}},
        }));
    }
    rules
}

/// The types a resource under such a path can be, the one to choose when its
/// members do not tell first.
fn types_under(under: Option<Under<'_>>) -> &'static [&'static str] {
    match under {
        Some(Under::Call) => &[Call::TYPE_NAME],
        Some(Under::Participants(_)) => &[Participant::TYPE_NAME, DeltaParticipants::TYPE_NAME],
        Some(Under::ContentSharingSessions(_)) => &[ContentSharingSession::TYPE_NAME],
        Some(Under::Operations(_)) => &[CommsOperation::TYPE_NAME],
        Some(Under::AudioRoutingGroups(_)) => &[AudioRoutingGroup::TYPE_NAME],
        Some(Under::Other { .. }) | None => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::{ResourcePath, types_under};

    fn types(path: &str) -> &'static [&'static str] {
        types_under(ResourcePath::parse(path).map(|p| p.under))
    }

    #[test]
    fn paths_type_the_resources_under_them() {
        assert_eq!(types("/communications/calls/abc"), ["call"]);
        assert_eq!(types("communications/calls/abc/"), ["call"]);
        assert_eq!(
            types("/app/calls/abc/participants"),
            ["participant", "deltaParticipants"]
        );
        assert_eq!(
            types("/communications/calls/abc/participants/p1"),
            ["participant", "deltaParticipants"]
        );
        assert_eq!(
            types("/communications/calls/abc/contentsharingsessions"),
            ["contentSharingSession"]
        );
        assert_eq!(
            types("/communications/calls/abc/operations/o1"),
            ["commsOperation"]
        );
        assert_eq!(
            types("/communications/calls/abc/audioRoutingGroups"),
            ["audioRoutingGroup"]
        );
        assert!(types("/communications/calls/abc/recordings").is_empty());
        assert!(types("/communications/calls").is_empty());
        assert!(types("/users/abc").is_empty());
    }
}
