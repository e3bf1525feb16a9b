//! The resources a notification carries in `resourceData`, and how its resource
//! path types them.

use super::CommsNotification;
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
            Resource::Operation(op) => op.id().map(String::as_str),
            Resource::_Unknown(u) => u.members.get("id").and_then(|v| v.as_str()),
        }
    }
}

/// What a notification's resource path says its untyped resources are: the context
/// its `resourceData` is read in. `None` until the notification has a path.
pub(super) fn context_of(notification: &CommsNotification) -> Option<Context> {
    notification.path().map(|path| Context {
        types: PathKind::of(path).types(),
        source: "the notification's resource path",
    })
}

/// What a notification's resource path says the resources under it are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PathKind {
    Call,
    Participants,
    ContentSharingSessions,
    Operations,
    AudioRoutingGroups,
    Other,
}

impl PathKind {
    /// Classifies a path such as `/communications/calls/{id}/participants`.
    fn of(path: &str) -> PathKind {
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

    /// The types a resource under such a path can be, the one to choose when its
    /// members do not tell first.
    fn types(self) -> &'static [&'static str] {
        match self {
            PathKind::Call => &[Call::TYPE_NAME],
            PathKind::Participants => &[Participant::TYPE_NAME, DeltaParticipants::TYPE_NAME],
            PathKind::ContentSharingSessions => &[ContentSharingSession::TYPE_NAME],
            PathKind::Operations => &[CommsOperation::TYPE_NAME],
            PathKind::AudioRoutingGroups => &[AudioRoutingGroup::TYPE_NAME],
            PathKind::Other => &[],
        }
    }
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
