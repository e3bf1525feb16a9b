//! Resource paths: the call, and what under it, that a notification's `resourceUrl`
//! (or legacy `resource`) names.

/// A notification's resource path, parsed: the call it is about, and what under the
/// call it names.
///
/// Parsed from `/communications/calls/{id}[/{collection}[/{id}]]` and the legacy
/// `/app/calls/…`: segments match without regard to case, the leading slash may be
/// missing, a query or fragment is ignored, and a path may come as a whole URL
/// (`https://graph.microsoft.com/v1.0/communications/calls/…`).
///
/// ```
/// use graph_comms::notification::{ResourcePath, Under};
///
/// let path = ResourcePath::parse("/communications/calls/421f/participants/p1").unwrap();
/// assert_eq!(path.call_id, "421f");
/// assert_eq!(path.under, Under::Participants(Some("p1")));
/// assert_eq!(path.participant_id(), Some("p1"));
///
/// let legacy = ResourcePath::parse("app/Calls/57dab8b1/operations/11cccef6").unwrap();
/// assert_eq!(legacy.operation_id(), Some("11cccef6"));
/// assert_eq!(ResourcePath::parse("/communications/calls"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ResourcePath<'a> {
    /// The call's id.
    pub call_id: &'a str,
    /// What under the call the path names: the call itself, or a collection of it
    /// and perhaps one member.
    pub under: Under<'a>,
}

/// Whether `segment` is `name`, without regard to case; the spelling Graph writes
/// is compared first, in one step.
#[inline(always)]
fn named(segment: &str, name: &str) -> bool {
    segment == name || segment.eq_ignore_ascii_case(name)
}

/// The non-empty segments of a path, up to its query or fragment. One pass over the
/// bytes: this runs for every notification's resource.
struct Segments<'a> {
    /// What is left to read; empty once a `?` or `#` is met.
    rest: &'a str,
}

impl<'a> Iterator for Segments<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            let bytes = self.rest.as_bytes();
            if bytes.is_empty() {
                return None;
            }
            let cut = bytes
                .iter()
                .position(|&b| matches!(b, b'/' | b'?' | b'#'))
                .unwrap_or(bytes.len());
            // The bytes looked for are ASCII: `cut` is at a character's boundary.
            let (segment, tail) = self.rest.split_at(cut);
            self.rest = match tail.as_bytes().first() {
                Some(b'/') => &tail[1..],
                _ => "",
            };
            if !segment.is_empty() {
                return Some(segment);
            }
        }
    }
}

/// What under a call a resource path names; each collection with the id of one of
/// its members when the path has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Under<'a> {
    /// The call itself: `/communications/calls/{id}`.
    Call,
    /// `…/participants[/{id}]`.
    Participants(Option<&'a str>),
    /// `…/contentSharingSessions[/{id}]`.
    ContentSharingSessions(Option<&'a str>),
    /// `…/operations[/{id}]`.
    Operations(Option<&'a str>),
    /// `…/audioRoutingGroups[/{id}]`.
    AudioRoutingGroups(Option<&'a str>),
    /// Another collection of the call, by the name the path gives it.
    Other {
        /// The collection's segment, as written.
        collection: &'a str,
        /// The member's id, if the path has one.
        id: Option<&'a str>,
    },
}

impl<'a> ResourcePath<'a> {
    /// Parses a resource path; `None` when it names no call (`/communications/calls`
    /// alone, a path of another API).
    pub fn parse(path: &'a str) -> Option<Self> {
        let mut segments = Segments { rest: path };
        let mut before: Option<&str> = None;
        loop {
            let segment = segments.next()?;
            let after_root = before.is_none_or(|b| named(b, "communications") || named(b, "app"));
            if after_root && named(segment, "calls") {
                break;
            }
            before = Some(segment);
        }
        let mut rest = segments;
        let call_id = rest.next()?;
        let under = match rest.next() {
            None => Under::Call,
            Some(collection) => {
                let id = rest.next();
                let is = |name: &str| named(collection, name);
                if is("participants") {
                    Under::Participants(id)
                } else if is("contentSharingSessions") {
                    Under::ContentSharingSessions(id)
                } else if is("operations") {
                    Under::Operations(id)
                } else if is("audioRoutingGroups") {
                    Under::AudioRoutingGroups(id)
                } else {
                    Under::Other { collection, id }
                }
            }
        };
        Some(ResourcePath { call_id, under })
    }

    /// The participant's id, for a path to one participant.
    pub fn participant_id(&self) -> Option<&'a str> {
        match self.under {
            Under::Participants(id) => id,
            _ => None,
        }
    }

    /// The operation's id, for a path to one operation.
    pub fn operation_id(&self) -> Option<&'a str> {
        match self.under {
            Under::Operations(id) => id,
            _ => None,
        }
    }

    /// The content sharing session's id, for a path to one session.
    pub fn content_sharing_session_id(&self) -> Option<&'a str> {
        match self.under {
            Under::ContentSharingSessions(id) => id,
            _ => None,
        }
    }

    /// The audio routing group's id, for a path to one group.
    pub fn audio_routing_group_id(&self) -> Option<&'a str> {
        match self.under {
            Under::AudioRoutingGroups(id) => id,
            _ => None,
        }
    }
}

/// The regular expression (for JSON Schema's `pattern`) of the paths
/// [`ResourcePath::parse`] reads as naming the call itself (`collection` `None`) or
/// a collection under it: the same segments, in any casing.
#[cfg(feature = "schema")]
pub(super) fn pattern(collection: Option<&str>) -> String {
    use crate::declare::schema::case_insensitive as ci;
    let root = format!(
        "^(?:/*|(?:[^?#]*/)?(?:{}|{})/+){}/+[^/?#]+",
        ci("communications"),
        ci("app"),
        ci("calls")
    );
    match collection {
        None => format!("{root}/*(?:[?#]|$)"),
        Some(name) => format!("{root}/+{}(?:[/?#]|$)", ci(name)),
    }
}

#[cfg(all(test, feature = "schema"))]
mod tests {
    use super::{ResourcePath, Under, pattern};

    /// The pattern of each kind of path matches exactly the paths parsed as it.
    #[test]
    fn patterns_match_what_parse_reads() {
        let paths = [
            "/communications/calls/c1",
            "communications/calls/c1/",
            "/APP/Calls/c1",
            "https://graph.microsoft.com/v1.0/communications/calls/c1?$x=1",
            "/communications/calls/c1/participants",
            "/communications/calls/c1/Participants/p1",
            "/app/calls/c1/operations/o1",
            "/communications/calls/c1/contentsharingsessions",
            "/communications/calls/c1/audioRoutingGroups/g",
            "/communications/calls/c1/recordings",
            "/communications/calls/c1/participantsx",
            "/communications/calls",
            "/users/u/calls/c1",
            "",
        ];
        type Is = fn(&Under<'_>) -> bool;
        let kinds: [(Option<&str>, Is); 5] = [
            (None, |u| *u == Under::Call),
            (Some("participants"), |u| {
                matches!(u, Under::Participants(_))
            }),
            (Some("operations"), |u| matches!(u, Under::Operations(_))),
            (Some("contentSharingSessions"), |u| {
                matches!(u, Under::ContentSharingSessions(_))
            }),
            (Some("audioRoutingGroups"), |u| {
                matches!(u, Under::AudioRoutingGroups(_))
            }),
        ];
        for (collection, is) in kinds {
            let schema = serde_json::json!({"type": "string", "pattern": pattern(collection)});
            let validator = jsonschema::validator_for(&schema).unwrap();
            for path in paths {
                let parsed = ResourcePath::parse(path).is_some_and(|p| is(&p.under));
                assert_eq!(
                    validator.is_valid(&serde_json::json!(path)),
                    parsed,
                    "{collection:?} {path}"
                );
            }
        }
    }
}
