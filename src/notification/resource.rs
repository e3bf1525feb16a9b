//! The resources a notification carries in `resourceData`, and how each is typed.

use serde::ser::{Serialize, SerializeSeq, Serializer};

use crate::audio_routing::AudioRoutingGroup;
use crate::call::Call;
use crate::content_sharing::ContentSharingSession;
use crate::decode::{Decoder, MemberState, Object, Polymorphic, Variant, decode_polymorphic};
use crate::odata::Match;
use crate::operation::AnyCommsOperation;
use crate::participant::{DeltaParticipants, Participant};
use crate::{Decode, DiagnosticKind, Error, UnknownObject};

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
/// count as well. Anything else is kept whole as [`Resource::Unknown`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Resource {
    /// A call (call-state notifications, incoming calls).
    Call(Box<Call>),
    /// A participant (roster notifications).
    Participant(Box<Participant>),
    /// A delta roster (roster notifications with delta rosters enabled).
    DeltaParticipants(Box<DeltaParticipants>),
    /// A content sharing session.
    ContentSharingSession(Box<ContentSharingSession>),
    /// An audio routing group.
    AudioRoutingGroup(Box<AudioRoutingGroup>),
    /// An operation (operation notifications). An object of an unknown type is
    /// [`Resource::Unknown`], never `Operation(AnyCommsOperation::Unknown(_))`.
    Operation(AnyCommsOperation),
    /// An object whose type this crate does not know, kept whole.
    Unknown(UnknownObject),
}

impl Resource {
    /// The name the registry gives the resources of notifications: `entity`, the
    /// abstract base type of them all.
    pub const TYPE_NAME: &'static str = "entity";

    /// The metadata name of the resource's type (for an unknown object, the name its
    /// `@odata.type` gives, if any).
    pub fn type_name(&self) -> Option<&str> {
        match self {
            Resource::Call(_) => Some(Call::TYPE_NAME),
            Resource::Participant(_) => Some(Participant::TYPE_NAME),
            Resource::DeltaParticipants(_) => Some(DeltaParticipants::TYPE_NAME),
            Resource::ContentSharingSession(_) => Some(ContentSharingSession::TYPE_NAME),
            Resource::AudioRoutingGroup(_) => Some(AudioRoutingGroup::TYPE_NAME),
            Resource::Operation(op) => op.type_name(),
            Resource::Unknown(u) => u.type_name(),
        }
    }

    /// The resource's `id`, whatever its type.
    pub fn id(&self) -> Option<&str> {
        match self {
            Resource::Call(r) => r.id.as_deref(),
            Resource::Participant(r) => r.id.as_deref(),
            Resource::DeltaParticipants(r) => r.id.as_deref(),
            Resource::ContentSharingSession(r) => r.id.as_deref(),
            Resource::AudioRoutingGroup(r) => r.id.as_deref(),
            Resource::Operation(op) => op.id().map(String::as_str),
            Resource::Unknown(u) => u.members.get("id").and_then(|v| v.as_str()),
        }
    }
}

macro_rules! resource_variants {
    ($($variant:ident($ty:ty)),+ $(,)?) => {
        /// The entity types a resource can be, besides the operations.
        const ENTITIES: &[Variant<Resource>] = &[$(
            Variant {
                name: <$ty as Object>::TYPE_NAME,
                fields: <$ty as Object>::FIELDS,
                decode: |d, st| <$ty as Object>::decode_members(d, st).map(|v| Resource::$variant(Box::new(v))),
            },
        )+];
        $(
            impl From<$ty> for Resource {
                fn from(value: $ty) -> Self {
                    Resource::$variant(Box::new(value))
                }
            }
        )+
    };
}

resource_variants! {
    Call(Call),
    Participant(Participant),
    DeltaParticipants(DeltaParticipants),
    ContentSharingSession(ContentSharingSession),
    AudioRoutingGroup(AudioRoutingGroup),
}

impl From<AnyCommsOperation> for Resource {
    fn from(value: AnyCommsOperation) -> Self {
        Resource::Operation(value)
    }
}

/// A resource type an `@odata.type` names: an entity, or an operation.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Found {
    Entity(&'static Variant<Resource>),
    Operation(&'static Variant<AnyCommsOperation>),
}

impl Polymorphic for Resource {
    const BASE: &'static str = Resource::TYPE_NAME;
    const WHAT: &'static str = "a resource object";
    type Found = Found;

    fn resolve(value: &str) -> Option<(Found, Match)> {
        crate::decode::resolve(ENTITIES, value)
            .map(|(v, m)| (Found::Entity(v), m))
            .or_else(|| {
                crate::decode::resolve(AnyCommsOperation::VARIANTS, value)
                    .map(|(v, m)| (Found::Operation(v), m))
            })
    }

    fn name(found: Found) -> &'static str {
        match found {
            Found::Entity(v) => v.name,
            Found::Operation(v) => v.name,
        }
    }

    fn decode_found(found: Found, d: &mut Decoder<'_>, st: MemberState) -> Result<Self, Error> {
        match found {
            Found::Entity(v) => (v.decode)(d, st),
            Found::Operation(v) => (v.decode)(d, st).map(Resource::Operation),
        }
    }

    fn untagged(d: &mut Decoder<'_>) -> Result<Self, Error> {
        let chosen = match d.resource_path {
            Some(PathKind::Call) => Some(Found::Entity(&ENTITIES[0])),
            Some(PathKind::Participants) => participant_or_delta(d)?,
            Some(PathKind::ContentSharingSessions) => Some(Found::Entity(&ENTITIES[3])),
            Some(PathKind::AudioRoutingGroups) => Some(Found::Entity(&ENTITIES[4])),
            Some(PathKind::Operations) => Some(Found::Operation(&AnyCommsOperation::VARIANTS[0])),
            Some(PathKind::Other) | None => None,
        };
        let Some(found) = chosen else {
            return d.unknown_untyped("resource").map(Resource::Unknown);
        };
        d.peek()?;
        d.report_at(
            DiagnosticKind::InferredType,
            Some(d.offset()),
            format!(
                "no `@odata.type`: `{}` inferred from the notification's resource path",
                Self::name(found)
            ),
        );
        d.begin_object(Self::WHAT)?;
        Self::decode_found(found, d, MemberState::fresh())
    }

    fn unknown(object: UnknownObject) -> Self {
        Resource::Unknown(object)
    }
}

/// For an untyped object under a `participants` path: a delta roster when it has
/// the members only a delta roster has, a participant when it has none of them.
fn participant_or_delta(d: &mut Decoder<'_>) -> Result<Option<Found>, Error> {
    let start = d.checkpoint();
    let members = d.scan_members()?;
    d.restore(start);
    let has = |fields: &[&str]| {
        members
            .iter()
            .any(|m| *m != "id" && fields.contains(&m.as_ref()))
    };
    let delta = has(DeltaParticipants::FIELDS);
    let participant = has(Participant::FIELDS);
    Ok(match (delta, participant) {
        (true, false) => Some(Found::Entity(&ENTITIES[2])),
        (false, _) => Some(Found::Entity(&ENTITIES[1])),
        (true, true) => None,
    })
}

impl Decode for Resource {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        decode_polymorphic(d)
    }
}

impl Serialize for Resource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Resource::Call(r) => r.serialize(serializer),
            Resource::Participant(r) => r.serialize(serializer),
            Resource::DeltaParticipants(r) => r.serialize(serializer),
            Resource::ContentSharingSession(r) => r.serialize(serializer),
            Resource::AudioRoutingGroup(r) => r.serialize(serializer),
            Resource::Operation(r) => r.serialize(serializer),
            Resource::Unknown(r) => r.serialize(serializer),
        }
    }
}

impl crate::registry::GraphType for Resource {
    const TYPE_NAME: &'static str = Resource::TYPE_NAME;
}

/// What a notification's resource path says the resources under it are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PathKind {
    Call,
    Participants,
    ContentSharingSessions,
    Operations,
    AudioRoutingGroups,
    Other,
}

impl PathKind {
    /// Classifies a path such as `/communications/calls/{id}/participants`.
    pub(crate) fn of(path: &str) -> PathKind {
        let path = path.split(['?', '#']).next().unwrap_or(path);
        let mut segments = path.split('/').filter(|s| !s.is_empty());
        while let Some(segment) = segments.next() {
            if segment.eq_ignore_ascii_case("calls") {
                if segments.next().is_none() {
                    return PathKind::Other;
                }
                let Some(collection) = segments.next() else {
                    return PathKind::Call;
                };
                return [
                    ("participants", PathKind::Participants),
                    ("contentSharingSessions", PathKind::ContentSharingSessions),
                    ("operations", PathKind::Operations),
                    ("audioRoutingGroups", PathKind::AudioRoutingGroups),
                ]
                .into_iter()
                .find(|(name, _)| collection.eq_ignore_ascii_case(name))
                .map_or(PathKind::Other, |(_, kind)| kind);
            }
        }
        PathKind::Other
    }
}

impl Decoder<'_> {
    /// Sets (or clears) the resource path that types untyped resources.
    pub(crate) fn set_resource_path(&mut self, path: Option<&str>) {
        self.resource_path = path.map(PathKind::of);
    }
}

/// A notification's `resourceData`: one resource or an array of them, as the payload
/// had it (encoding keeps the shape). [`as_slice`](Self::as_slice) walks both alike.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ResourceData {
    /// One resource (call-state and operation notifications).
    One(Resource),
    /// An array of resources (roster and content-sharing notifications).
    Many(Vec<Resource>),
}

impl ResourceData {
    /// The resources, whichever the shape.
    pub fn as_slice(&self) -> &[Resource] {
        match self {
            ResourceData::One(r) => std::slice::from_ref(r),
            ResourceData::Many(rs) => rs,
        }
    }

    /// An iterator over the resources.
    pub fn iter(&self) -> std::slice::Iter<'_, Resource> {
        self.as_slice().iter()
    }

    /// The resources, as a vector.
    pub fn into_vec(self) -> Vec<Resource> {
        match self {
            ResourceData::One(r) => vec![r],
            ResourceData::Many(rs) => rs,
        }
    }
}

impl<'a> IntoIterator for &'a ResourceData {
    type Item = &'a Resource;
    type IntoIter = std::slice::Iter<'a, Resource>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl From<Resource> for ResourceData {
    fn from(value: Resource) -> Self {
        ResourceData::One(value)
    }
}

impl From<Vec<Resource>> for ResourceData {
    fn from(value: Vec<Resource>) -> Self {
        ResourceData::Many(value)
    }
}

impl Decode for ResourceData {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        match d.peek()? {
            Some(b'[') => Vec::<Resource>::decode(d).map(ResourceData::Many),
            Some(b'{') => Resource::decode(d).map(ResourceData::One),
            _ => Err(d.mismatch("a resource object or an array of them")),
        }
    }
}

impl Serialize for ResourceData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ResourceData::One(r) => r.serialize(serializer),
            ResourceData::Many(rs) => {
                let mut seq = serializer.serialize_seq(Some(rs.len()))?;
                for r in rs {
                    seq.serialize_element(r)?;
                }
                seq.end()
            }
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Resource {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        Resource::TYPE_NAME.into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let operations = g.subschema_for::<AnyCommsOperation>();
        let operation_tags: Vec<String> = AnyCommsOperation::VARIANTS
            .iter()
            .map(|v| crate::odata::type_value(v.name))
            .collect();
        let entities = vec![
            (Call::ODATA_TYPE, g.subschema_for::<Call>()),
            (Participant::ODATA_TYPE, g.subschema_for::<Participant>()),
            (
                DeltaParticipants::ODATA_TYPE,
                g.subschema_for::<DeltaParticipants>(),
            ),
            (
                ContentSharingSession::ODATA_TYPE,
                g.subschema_for::<ContentSharingSession>(),
            ),
            (
                AudioRoutingGroup::ODATA_TYPE,
                g.subschema_for::<AudioRoutingGroup>(),
            ),
        ];
        let mut schema = crate::schema::choice(
            &[" A resource of a notification: a call, a participant, a delta roster, a content sharing session, an audio routing group or an operation. An object without `@odata.type` is typed by the notification's resource path."],
            entities,
            None,
        )
        .to_value();
        if let Some(branches) = schema["anyOf"].as_array_mut() {
            let open = branches.len() - 1;
            if let Some(tags) =
                branches[open]["properties"]["@odata.type"]["not"]["enum"].as_array_mut()
            {
                tags.extend(
                    operation_tags
                        .iter()
                        .map(|t| serde_json::Value::from(t.as_str())),
                );
            }
            branches.insert(
                open,
                serde_json::json!({
                    "allOf": [operations.to_value()],
                    "properties": {"@odata.type": {"enum": operation_tags}},
                    "required": ["@odata.type"],
                }),
            );
        }
        schemars::Schema::try_from(schema).unwrap_or_default()
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for ResourceData {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "resourceData".into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let resource = g.subschema_for::<Resource>().to_value();
        schemars::json_schema!({
            "anyOf": [resource, {"type": "array", "items": resource}],
        })
    }
}

#[cfg(feature = "proptest")]
impl proptest::arbitrary::Arbitrary for Resource {
    type Parameters = ();
    type Strategy = proptest::strategy::BoxedStrategy<Self>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        use proptest::prelude::*;
        /// Objects of type `T`, carrying their `@odata.type` as a resource must.
        fn typed<T: Arbitrary + Object + 'static>(
            wrap: fn(T) -> Resource,
        ) -> BoxedStrategy<Resource> {
            any::<T>()
                .prop_map(move |mut v| {
                    v.set_annotation(crate::Annotation::Present);
                    wrap(v)
                })
                .boxed()
        }
        crate::arbitrary::choice(
            vec![
                typed::<Call>(Resource::from),
                typed::<Participant>(Resource::from),
                typed::<DeltaParticipants>(Resource::from),
                typed::<ContentSharingSession>(Resource::from),
                typed::<AudioRoutingGroup>(Resource::from),
                // An operation of unknown type is a `Resource::Unknown`, which decoding gives.
                any::<AnyCommsOperation>()
                    .prop_filter("an unknown type", |op| {
                        !matches!(op, AnyCommsOperation::Unknown(_))
                    })
                    .prop_map(Resource::Operation)
                    .boxed(),
            ],
            Resource::Unknown,
            Resource::TYPE_NAME,
        )
    }
}

#[cfg(feature = "proptest")]
impl proptest::arbitrary::Arbitrary for ResourceData {
    type Parameters = ();
    type Strategy = proptest::strategy::BoxedStrategy<Self>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        use proptest::prelude::*;
        prop_oneof![
            any::<Resource>().prop_map(ResourceData::One),
            proptest::collection::vec(any::<Resource>(), 0..3).prop_map(ResourceData::Many),
        ]
        .boxed()
    }
}

/// The resource path of a notification about `resource` in the call `call`.
#[cfg(feature = "proptest")]
pub(crate) fn path_of(resource: Option<&Resource>, call: &str, item: &str) -> String {
    let collection = match resource {
        None | Some(Resource::Call(_)) => return format!("/communications/calls/{call}"),
        Some(Resource::Participant(_) | Resource::DeltaParticipants(_)) => "participants",
        Some(Resource::ContentSharingSession(_)) => "contentsharingsessions",
        Some(Resource::AudioRoutingGroup(_)) => "audioRoutingGroups",
        Some(Resource::Operation(_)) => {
            return format!("/communications/calls/{call}/operations/{item}");
        }
        Some(Resource::Unknown(_)) => "recordings",
    };
    format!("/communications/calls/{call}/{collection}")
}

#[cfg(test)]
mod tests {
    use super::PathKind;

    #[test]
    fn paths_classify_by_the_segment_after_the_call() {
        assert_eq!(PathKind::of("/communications/calls/abc"), PathKind::Call);
        assert_eq!(PathKind::of("communications/calls/abc/"), PathKind::Call);
        assert_eq!(
            PathKind::of("/app/calls/abc/participants"),
            PathKind::Participants
        );
        assert_eq!(
            PathKind::of("/communications/calls/abc/participants/p1"),
            PathKind::Participants
        );
        assert_eq!(
            PathKind::of("/communications/calls/abc/contentsharingsessions"),
            PathKind::ContentSharingSessions
        );
        assert_eq!(
            PathKind::of("/communications/calls/abc/operations/o1"),
            PathKind::Operations
        );
        assert_eq!(
            PathKind::of("/communications/calls/abc/audioRoutingGroups"),
            PathKind::AudioRoutingGroups
        );
        assert_eq!(
            PathKind::of("/communications/calls/abc/recordings"),
            PathKind::Other
        );
        assert_eq!(PathKind::of("/communications/calls"), PathKind::Other);
        assert_eq!(PathKind::of("/users/abc"), PathKind::Other);
    }
}
