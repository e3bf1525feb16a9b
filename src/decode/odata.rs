//! OData names: the metadata name and `@odata.type` of every Graph type
//! ([`GraphType`]), the `@odata.type` annotation, and how its spellings are read.

/// The namespace of every type in this crate, as `@odata.type` values begin.
pub const NAMESPACE: &str = "microsoft.graph";

/// The `@odata.type` member name.
pub const TYPE_MEMBER: &str = "@odata.type";

/// A type of the Graph metadata: its name there, and its `@odata.type`.
///
/// Every type of the crate implements it, written once in the type's declaration;
/// what decoding, encoding, the schemas and the generators know of a type's name
/// comes from here.
///
/// For a polymorphic point (`AnyIdentity`, `MediaConfig`, …) the name is the
/// declared type's; the resources of a notification
/// ([`Resource`](crate::notification::Resource)) are `entity`, their common base type.
///
/// ```
/// use graph_comms::GraphType;
/// use graph_comms::meeting::OrganizerMeetingInfo;
///
/// assert_eq!(OrganizerMeetingInfo::TYPE_NAME, "organizerMeetingInfo");
/// assert_eq!(OrganizerMeetingInfo::ODATA_TYPE, "#microsoft.graph.organizerMeetingInfo");
/// ```
pub trait GraphType {
    /// The type's name in the metadata, such as `organizerMeetingInfo`.
    const TYPE_NAME: &'static str;
    /// The type's canonical `@odata.type` value: `#microsoft.graph.` and the name. An
    /// action's request body (`call.answer`), which has no type of its own, has the
    /// one an SDK may write: `#microsoft.graph.callAnswerRequestBody`.
    const ODATA_TYPE: &'static str;
}

/// Whether an object carries its `@odata.type` annotation on the wire.
///
/// Decoding records what the input did, and encoding repeats it, so that a decoded
/// payload encodes back as it came. A value built in code carries the annotation by
/// default, as the Graph documents write every object they send.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Annotation {
    /// `"@odata.type": "#microsoft.graph.<type>"` is written (the default).
    #[default]
    Present,
    /// No `@odata.type` is written.
    Absent,
    /// The `@odata.type` of a base type is written: this value, such as
    /// `#microsoft.graph.identitySet`. Decoding gives it to an object annotated as the
    /// base type of its place whose members only a derived type declares (a set with
    /// `phone` written as an `identitySet`), which it reads as that derived type.
    Base(&'static str),
}

impl Annotation {
    /// Whether an `@odata.type` is written.
    pub fn is_present(self) -> bool {
        self != Annotation::Absent
    }

    /// The `@odata.type` written for an object whose own is `own`, if any.
    pub fn written(self, own: &'static str) -> Option<&'static str> {
        match self {
            Annotation::Present => Some(own),
            Annotation::Absent => None,
            Annotation::Base(base) => Some(base),
        }
    }
}

/// How a type name in an `@odata.type` value compared with the one looked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Match {
    /// The canonical spelling: `#microsoft.graph.<name>`.
    Exact,
    /// The same type, spelled otherwise (no `#`, other casing).
    Spelling,
}

/// Splits an `@odata.type` value into the type name after `#microsoft.graph.`, and
/// whether that prefix was spelled canonically. The `#` may be missing and the
/// namespace cased otherwise; a value in another namespace gives `None`.
pub(crate) fn split_type(value: &str) -> Option<(&str, Match)> {
    const CANONICAL: &str = "#microsoft.graph.";
    if let Some(name) = value.strip_prefix(CANONICAL) {
        return Some((name, Match::Exact));
    }
    let rest = value.strip_prefix('#').unwrap_or(value);
    let prefix = &CANONICAL[1..];
    let head = rest.as_bytes().get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix.as_bytes()) {
        return rest.get(prefix.len()..).map(|name| (name, Match::Spelling));
    }
    None
}

/// How the type named by `value` compares with `name`: `None` when it names another.
pub(crate) fn match_type(value: &str, name: &str) -> Option<Match> {
    let (found, prefix) = split_type(value)?;
    if found == name {
        Some(prefix)
    } else if found.eq_ignore_ascii_case(name) {
        Some(Match::Spelling)
    } else {
        None
    }
}

/// The canonical `@odata.type` value for the type `name`.
pub fn type_value(name: &str) -> String {
    format!("#{NAMESPACE}.{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_a_type() {
        assert_eq!(
            split_type("#microsoft.graph.call"),
            Some(("call", Match::Exact))
        );
        assert_eq!(
            split_type("microsoft.graph.call"),
            Some(("call", Match::Spelling))
        );
        assert_eq!(
            split_type("#Microsoft.Graph.call"),
            Some(("call", Match::Spelling))
        );
        assert_eq!(
            split_type("#microsoft.graph.callRecords.userIdentity")
                .unwrap()
                .0,
            "callRecords.userIdentity"
        );
        assert_eq!(split_type("#microsoft.skype.call"), None);
        assert_eq!(split_type("call"), None);
        assert_eq!(split_type("#microsoft.graph"), None);
        assert_eq!(split_type("#micro\u{e9}"), None);
        assert_eq!(
            match_type("#microsoft.graph.CALL", "call"),
            Some(Match::Spelling)
        );
        assert_eq!(
            match_type("#microsoft.graph.call", "call"),
            Some(Match::Exact)
        );
        assert_eq!(match_type("#microsoft.graph.participant", "call"), None);
        assert_eq!(type_value("call"), "#microsoft.graph.call");
    }
}
