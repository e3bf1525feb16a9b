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

use crate::OneOrMany;
use crate::declare::{object, open_enum};

mod path;
mod resource;
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
mod settle;

pub use path::{ResourcePath, Under};
pub use resource::Resource;

mod callback;
pub use callback::{CallbackBody, classify_callback};

/// A notification's `resourceData`: one resource (call-state and operation
/// notifications) or an array of them (roster and content-sharing notifications),
/// as the payload had it; encoding keeps the shape.
/// [`as_slice`](OneOrMany::as_slice) walks both alike.
pub type ResourceData = OneOrMany<Resource>;

object! {
    /// The body of a callback: a batch of notifications.
    ///
    /// A body with neither `value` nor `@odata.type` is not one (the legacy call
    /// notification, or another object): decoding says so with a `missing_member`
    /// warning, and [`serde::Deserialize`] refuses it.
    CommsNotifications = "commsNotifications" [after = not_notifications] {
        /// The notification of a change in the resource.
        value: Vec<CommsNotification> = "value",
    }
}

/// Says when a body read as notifications has neither `value` nor `@odata.type`.
fn not_notifications(d: &mut crate::decode::Decoder<'_>, body: &CommsNotifications) {
    if body.value.is_none() && !body.odata_type.is_present() && !body.extra.contains_key("value") {
        d.not_notifications();
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

    /// Every resource of every notification with the notification it came in, whose
    /// [`resource_path`](CommsNotification::resource_path) and
    /// [`call_id`](CommsNotification::call_id) say where it is: a roster entry's
    /// call, an operation's call.
    ///
    /// ```
    /// use graph_comms::notification::{CommsNotifications, Resource};
    ///
    /// let body = br##"{"value": [{"changeType": "updated",
    ///   "resourceUrl": "/communications/calls/421f/participants",
    ///   "resourceData": [{"@odata.type": "#microsoft.graph.participant", "id": "p1", "isMuted": true}]}]}"##;
    /// let callback = graph_comms::from_slice::<CommsNotifications>(body)?.value;
    /// for (notification, resource) in callback.located_resources() {
    ///     if let Resource::Participant(p) = resource {
    ///         assert_eq!((notification.call_id(), p.id.as_deref()), (Some("421f"), Some("p1")));
    ///     }
    /// }
    /// # Ok::<(), graph_comms::Error>(())
    /// ```
    pub fn located_resources(&self) -> impl Iterator<Item = (&CommsNotification, &Resource)> {
        self.value
            .iter()
            .flatten()
            .flat_map(|n| n.resources().iter().map(move |r| (n, r)))
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

object! {
    /// One notification: what changed, where, and (usually) the changed resources.
    ///
    /// The v1.0 metadata declares only `changeType` and `resourceUrl` (the type is
    /// open); `resource`, `callbackUri` and `resourceData` are what the documents'
    /// payloads carry besides.
    CommsNotification = "commsNotification" [settle = settle::notification] {
        /// The possible values are: created, updated, deleted.
        change_type: ChangeType = "changeType" (not_null),
        /// URI of the resource that was changed, such as
        /// `/communications/calls/{id}/participants`.
        resource_url: String = "resourceUrl" (not_null),
        /// **Not in the metadata**: the legacy path of the resource that changed, such as
        /// `/app/calls/{id}`, which older payloads carry instead of (or beside) `resourceUrl`.
        resource: String = "resource",
        /// **Not in the metadata**: the callback URL the notification was sent to.
        callback_uri: String = "callbackUri",
        /// **Not in the metadata**: the changed resources, one object or an array.
        ///
        /// A resource without `@odata.type` is typed by the resource path
        /// (`resourceUrl`, else `resource`) when that is unambiguous: see [`Resource`].
        resource_data: ResourceData = "resourceData" [context = resource::context_of, schema = resource::schema_rules],
    }
}

impl CommsNotification {
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

    /// The resource path, parsed: the call and what under it the notification is
    /// about. `None` when it has no path, or one that names no call.
    ///
    /// ```
    /// use graph_comms::notification::CommsNotification;
    ///
    /// let roster = CommsNotification::default()
    ///     .with_resource_url("/communications/calls/421f0b00-2db4/participants");
    /// assert_eq!(roster.call_id(), Some("421f0b00-2db4"));
    /// let path = roster.resource_path().unwrap();
    /// assert_eq!(path.participant_id(), None, "the whole roster");
    /// ```
    pub fn resource_path(&self) -> Option<ResourcePath<'_>> {
        self.path().and_then(ResourcePath::parse)
    }

    /// The id of the call the notification is about, from its resource path; for a
    /// notification without one, the id of the call it carries.
    pub fn call_id(&self) -> Option<&str> {
        match self.resource_path() {
            Some(path) => Some(path.call_id),
            None => self.resources().iter().find_map(|r| match r {
                Resource::Call(call) => call.id.as_deref(),
                _ => None,
            }),
        }
    }
}
