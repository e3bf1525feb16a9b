//! Notifications: the `commsNotifications` that Graph posts to a bot's callback URL.
//!
//! One callback carries a [`CommsNotifications`] whose `value` holds one or more
//! [`CommsNotification`]s; each says what changed (`changeType`), where
//! (`resourceUrl`, or the legacy `resource`), and usually carries the changed
//! resources in `resourceData` — one object or an array, see [`ResourceData`].
//!
//! ```
//! use graph_comms::notification::{CommsNotifications, Resource};
//! use graph_comms::call::CallState;
//!
//! let body = br##"{
//!   "@odata.type": "#microsoft.graph.commsNotifications",
//!   "value": [{
//!     "@odata.type": "#microsoft.graph.commsNotification",
//!     "changeType": "updated",
//!     "resourceUrl": "/communications/calls/2e1a0b00-2db4-4022-9570-243709c565ab",
//!     "resourceData": {"@odata.type": "#microsoft.graph.call", "state": "established"}
//!   }]
//! }"##;
//! let notifications = graph_comms::from_slice::<CommsNotifications>(body)?.value;
//! for resource in notifications.resources() {
//!     if let Resource::Call(call) = resource {
//!         assert_eq!(call.state, Some(CallState::Established));
//!     }
//! }
//! # Ok::<(), graph_comms::Error>(())
//! ```

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::decode::{Decoder, Deferred, MemberState, Object};
use crate::enums::open_enum;
use crate::macros::object;
use crate::{Annotation, Decode, Error};

mod resource;

pub use resource::{Resource, ResourceData};

pub(crate) use resource::PathKind;
#[cfg(feature = "proptest")]
use resource::path_of;

object! {
    /// The body of a callback: a batch of notifications.
    CommsNotifications = "commsNotifications" {
        /// The notification of a change in the resource.
        value: Vec<CommsNotification> = "value",
    }
}

impl CommsNotifications {
    /// Every resource of every notification, in order: one uniform way to walk a
    /// callback, whatever shape each `resourceData` had.
    pub fn resources(&self) -> impl Iterator<Item = &Resource> {
        self.value
            .iter()
            .flatten()
            .flat_map(CommsNotification::resources)
    }
}

open_enum! {
    /// What kind of change a notification reports.
    ChangeType = "changeType" {
        /// A resource was created (an incoming call, a content sharing session started).
        Created = "created",
        /// A resource changed (call state, roster, tones).
        Updated = "updated",
        /// A resource is gone (a call terminated, an operation finished).
        Deleted = "deleted",
    }
}

/// The wire name of [`CommsNotification`], written once.
macro_rules! comms_notification {
    () => {
        "commsNotification"
    };
}

/// One notification: what changed, where, and (usually) the changed resources.
///
/// The v1.0 metadata declares only `changeType` and `resourceUrl` (the type is
/// open); `resourceData`, `resource` and `callbackUri` are what the documents'
/// payloads carry besides.
///
/// Wire type: `#microsoft.graph.commsNotification`.
///
/// `Debug` shows the members that are present, and `odata_type` only when absent.
#[derive(Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct CommsNotification {
    /// The possible values are: created, updated, deleted.
    ///
    /// Not nullable in the metadata (may still be absent from a payload).
    ///
    /// Wire name: `changeType`.
    pub change_type: Option<ChangeType>,
    /// URI of the resource that was changed, such as
    /// `/communications/calls/{id}/participants`.
    ///
    /// Not nullable in the metadata (may still be absent from a payload).
    ///
    /// Wire name: `resourceUrl`.
    pub resource_url: Option<String>,
    /// **Not in the metadata**: the legacy path of the resource that changed, such as
    /// `/app/calls/{id}`, which older payloads carry instead of (or beside) `resourceUrl`.
    ///
    /// Wire name: `resource`.
    pub resource: Option<String>,
    /// **Not in the metadata**: the callback URL the notification was sent to.
    ///
    /// Wire name: `callbackUri`.
    pub callback_uri: Option<String>,
    /// **Not in the metadata**: the changed resources, one object or an array.
    ///
    /// A resource without `@odata.type` is typed from the resource path
    /// (`resourceUrl`, else `resource`) when that is unambiguous: see [`Resource`].
    ///
    /// Wire name: `resourceData`.
    pub resource_data: Option<ResourceData>,
    /// Whether the object carries its `@odata.type` on the wire.
    pub odata_type: Annotation,
    /// Members the type does not declare, and members whose value did not fit their
    /// declared type (kept raw by lenient decoding): encoded back as they are.
    pub extra: Map<String, Value>,
}

impl CommsNotification {
    /// The type's name in the Graph metadata.
    pub const TYPE_NAME: &'static str = comms_notification!();
    /// The type's canonical `@odata.type` value.
    pub const ODATA_TYPE: &'static str = concat!("#microsoft.graph.", comms_notification!());

    /// The resources the notification carries (none when it has no `resourceData`).
    pub fn resources(&self) -> &[Resource] {
        self.resource_data
            .as_ref()
            .map_or(&[], ResourceData::as_slice)
    }

    /// The resource path: `resourceUrl`, or else the legacy `resource`.
    pub fn path(&self) -> Option<&str> {
        self.resource_url.as_deref().or(self.resource.as_deref())
    }
}

impl std::fmt::Debug for CommsNotification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = f.debug_struct("CommsNotification");
        if let Some(v) = &self.change_type {
            s.field("change_type", v);
        }
        if let Some(v) = &self.resource_url {
            s.field("resource_url", v);
        }
        if let Some(v) = &self.resource {
            s.field("resource", v);
        }
        if let Some(v) = &self.callback_uri {
            s.field("callback_uri", v);
        }
        if let Some(v) = &self.resource_data {
            s.field("resource_data", v);
        }
        crate::macros::debug_tail(&mut s, self.odata_type, &self.extra).finish()
    }
}

impl Object for CommsNotification {
    const TYPE_NAME: &'static str = CommsNotification::TYPE_NAME;
    const FIELDS: &'static [&'static str] = &[
        "changeType",
        "resourceUrl",
        "resource",
        "callbackUri",
        "resourceData",
    ];

    fn decode_members(d: &mut Decoder<'_>, mut st: MemberState) -> Result<Self, Error> {
        let mut out = CommsNotification::default();
        // `resourceData` met before the path that types it: read after the other members.
        let mut deferred: Option<Deferred<'_>> = None;
        while let Some(key) = d.next_member(&mut st.first)? {
            match &*key {
                "changeType" => d.field(key, &mut out.change_type, &mut out.extra)?,
                "resourceUrl" => d.field(key, &mut out.resource_url, &mut out.extra)?,
                "resource" => d.field(key, &mut out.resource, &mut out.extra)?,
                "callbackUri" => d.field(key, &mut out.callback_uri, &mut out.extra)?,
                "resourceData" => {
                    // A `resourceData` met before is replaced: the last one is kept.
                    if let Some(earlier) = deferred.take() {
                        d.peek()?;
                        d.duplicate(&earlier.key, d.offset())?;
                    }
                    if out.path().is_none() {
                        deferred = Some(d.skip_for_later(key)?);
                    } else {
                        d.set_resource_path(out.path());
                        let result = d.field(key, &mut out.resource_data, &mut out.extra);
                        d.set_resource_path(None);
                        result?;
                    }
                }
                "@odata.type" => d.own_type(key, Self::TYPE_NAME, &mut st, &mut out.extra)?,
                _ => d.extra(key, &mut out.extra)?,
            }
        }
        if let Some(Deferred { start, key }) = deferred {
            d.set_resource_path(out.path());
            let result = d.revisit(start, |d| {
                d.field(key, &mut out.resource_data, &mut out.extra)
            });
            d.set_resource_path(None);
            result?;
        }
        out.odata_type = st.annotation;
        Ok(out)
    }

    fn set_annotation(&mut self, annotation: Annotation) {
        self.odata_type = annotation;
    }
}

impl Decode for CommsNotification {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.begin_object(concat!("a `", comms_notification!(), "` object"))?;
        Self::decode_members(d, MemberState::fresh())
    }
}

impl Serialize for CommsNotification {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if self.odata_type.is_present() {
            map.serialize_entry("@odata.type", Self::ODATA_TYPE)?;
        }
        if let Some(v) = &self.change_type {
            map.serialize_entry("changeType", v)?;
        }
        if let Some(v) = &self.resource_url {
            map.serialize_entry("resourceUrl", v)?;
        }
        if let Some(v) = &self.resource {
            map.serialize_entry("resource", v)?;
        }
        if let Some(v) = &self.callback_uri {
            map.serialize_entry("callbackUri", v)?;
        }
        if let Some(v) = &self.resource_data {
            map.serialize_entry("resourceData", v)?;
        }
        for (key, value) in &self.extra {
            let shadowed = match key.as_str() {
                "@odata.type" => self.odata_type.is_present(),
                "changeType" => self.change_type.is_some(),
                "resourceUrl" => self.resource_url.is_some(),
                "resource" => self.resource.is_some(),
                "callbackUri" => self.callback_uri.is_some(),
                "resourceData" => self.resource_data.is_some(),
                _ => false,
            };
            if !shadowed {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

#[cfg(feature = "proptest")]
impl proptest::arbitrary::Arbitrary for CommsNotification {
    type Parameters = ();
    type Strategy = proptest::strategy::BoxedStrategy<Self>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        use crate::arbitrary::{extra_members, https_url, uuid};
        use proptest::prelude::*;
        let annotation = prop_oneof![4 => Just(Annotation::Present), 1 => Just(Annotation::Absent)];
        (
            proptest::option::weighted(0.9, any::<ChangeType>()),
            proptest::option::weighted(0.9, any::<ResourceData>()),
            (uuid(), uuid(), 0..4u8),
            proptest::option::weighted(0.4, https_url()),
            annotation,
            extra_members(<Self as Object>::FIELDS),
        )
            .prop_map(
                |(
                    change_type,
                    resource_data,
                    (call, item, paths),
                    callback_uri,
                    odata_type,
                    extra,
                )| {
                    let path = path_of(
                        resource_data.as_ref().and_then(|d| d.as_slice().first()),
                        &call,
                        &item,
                    );
                    // Both paths, the current one only, the legacy one only, or neither.
                    let resource_url = (paths & 1 == 0).then(|| path.clone());
                    let resource =
                        (paths & 2 == 2).then(|| path.replacen("/communications/", "/app/", 1));
                    CommsNotification {
                        change_type,
                        resource_url,
                        resource,
                        callback_uri,
                        resource_data,
                        odata_type,
                        extra,
                    }
                },
            )
            .boxed()
    }
}

#[cfg(feature = "proptest")]
impl crate::arbitrary::Generate for CommsNotification {
    fn generate(_: &'static str) -> proptest::strategy::BoxedStrategy<Self> {
        <Self as proptest::arbitrary::Arbitrary>::arbitrary()
    }
}

impl crate::registry::GraphType for CommsNotification {
    const TYPE_NAME: &'static str = CommsNotification::TYPE_NAME;
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for CommsNotification {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        Self::TYPE_NAME.into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        use crate::schema::Property;
        crate::schema::object(
            Self::ODATA_TYPE,
            &[" One notification: what changed, where, and (usually) the changed resources."],
            vec![
                Property {
                    key: "changeType",
                    schema: g.subschema_for::<ChangeType>(),
                    nullable: false,
                    doc: &[" The possible values are: created, updated, deleted."],
                },
                Property {
                    key: "resourceUrl",
                    schema: g.subschema_for::<String>(),
                    nullable: false,
                    doc: &[" URI of the resource that was changed."],
                },
                Property {
                    key: "resource",
                    schema: g.subschema_for::<String>(),
                    nullable: true,
                    doc: &[" Not in the metadata: the legacy path of the resource that changed."],
                },
                Property {
                    key: "callbackUri",
                    schema: g.subschema_for::<String>(),
                    nullable: true,
                    doc: &[" Not in the metadata: the callback URL the notification was sent to."],
                },
                Property {
                    key: "resourceData",
                    schema: g.subschema_for::<ResourceData>(),
                    nullable: true,
                    doc: &[" Not in the metadata: the changed resources, one object or an array."],
                },
            ],
        )
    }
}
