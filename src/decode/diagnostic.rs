//! Diagnostics: what a decode tolerated, kept or changed, reported instead of hidden.

use std::fmt;

use crate::Position;

/// The kind of a [`Diagnostic`]; [`as_str`](Self::as_str) is its stable name.
///
/// Kinds marked *syntax* occur only in lenient mode (strict mode rejects the input
/// instead). `type_mismatch`, `shape` and `duplicate_key` are lenient-only too. The
/// others are informational and occur in both modes: the data is kept either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// *Syntax*: a comma before `]` or `}` was ignored.
    TrailingComma,
    /// *Syntax*: a `//` or `/* */` comment was ignored.
    Comment,
    /// *Syntax*: a UTF-8 byte-order mark at the start was ignored.
    Bom,
    /// *Syntax*: the input ended inside an object or array, which was closed at the
    /// end (a document's body that lost a closing bracket, or a truncated one).
    Unclosed,
    /// An `@odata.type` this crate does not know (or that does not fit its place):
    /// the object was kept whole as an unknown object.
    UnknownType,
    /// An enum value this crate does not know: it was kept as text.
    UnknownEnumValue,
    /// A type name or enum value was recognised under another spelling (casing, a
    /// missing `#`): the canonical spelling is what encoding writes.
    Spelling,
    /// An enum value in another case than the one this crate writes (`Running` for
    /// `running`): kept as it came, and encoded back so. Reported only when
    /// [`DecodeOptions::report_case`](crate::DecodeOptions::report_case) asks.
    Case,
    /// A value of the wrong JSON type for its member (for example `"Boolean"` where a
    /// boolean belongs, or `"1"` where a number belongs): the member was kept raw
    /// among the object's unknown members and its typed field left empty.
    TypeMismatch,
    /// A value of the wrong shape for its member (an array where one value belongs, or
    /// one value where an array belongs): kept raw like a type mismatch.
    Shape,
    /// An object named the same member twice: the last one was kept.
    DuplicateKey,
    /// An object had no `@odata.type` where one was needed to choose its type, and the
    /// type was inferred from unambiguous evidence (the notification's resource path
    /// and the object's members).
    InferredType,
    /// A `\u` escape named half of a surrogate pair without the other half: it was
    /// decoded as U+FFFD.
    LoneSurrogate,
    /// A request body lacked a parameter the metadata requires (neither nullable nor
    /// optional), or had it `null`: the body was decoded as it is, but Graph refuses it.
    MissingMember,
    /// An error body not in the OData shape `{"error": {…}}`: the bare inner object, or
    /// the calling service's own `{"errorCode", "message"}`. It was read as it is;
    /// [`ErrorBody`](crate::error_body::ErrorBody) gives its code and message either way.
    ErrorShape,
    /// More diagnostics than [`DecodeOptions::max_diagnostics`](crate::DecodeOptions::max_diagnostics)
    /// occurred (or their pointers would have added up to more than the input's
    /// length plus 64 KiB); the rest were counted but not kept.
    Truncated,
}

impl DiagnosticKind {
    /// Every kind, in declaration order.
    pub const ALL: [DiagnosticKind; 16] = [
        DiagnosticKind::TrailingComma,
        DiagnosticKind::Comment,
        DiagnosticKind::Bom,
        DiagnosticKind::Unclosed,
        DiagnosticKind::UnknownType,
        DiagnosticKind::UnknownEnumValue,
        DiagnosticKind::Spelling,
        DiagnosticKind::Case,
        DiagnosticKind::TypeMismatch,
        DiagnosticKind::Shape,
        DiagnosticKind::DuplicateKey,
        DiagnosticKind::InferredType,
        DiagnosticKind::LoneSurrogate,
        DiagnosticKind::MissingMember,
        DiagnosticKind::ErrorShape,
        DiagnosticKind::Truncated,
    ];

    /// The kind's stable snake_case name, as printed by the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticKind::TrailingComma => "trailing_comma",
            DiagnosticKind::Comment => "comment",
            DiagnosticKind::Bom => "bom",
            DiagnosticKind::Unclosed => "unclosed",
            DiagnosticKind::UnknownType => "unknown_type",
            DiagnosticKind::UnknownEnumValue => "unknown_enum_value",
            DiagnosticKind::Spelling => "spelling",
            DiagnosticKind::Case => "case",
            DiagnosticKind::TypeMismatch => "type_mismatch",
            DiagnosticKind::Shape => "shape",
            DiagnosticKind::DuplicateKey => "duplicate_key",
            DiagnosticKind::InferredType => "inferred_type",
            DiagnosticKind::LoneSurrogate => "lone_surrogate",
            DiagnosticKind::MissingMember => "missing_member",
            DiagnosticKind::ErrorShape => "error_shape",
            DiagnosticKind::Truncated => "truncated",
        }
    }

    /// Whether this kind is about JSON syntax (the repair pass's business).
    pub fn is_syntax(self) -> bool {
        matches!(
            self,
            DiagnosticKind::TrailingComma
                | DiagnosticKind::Comment
                | DiagnosticKind::Bom
                | DiagnosticKind::Unclosed
        )
    }

    /// Whether encoding the decoded value writes something other than the input at
    /// this diagnostic's pointer (as opposed to keeping the input as it was).
    pub fn changes_value(self) -> bool {
        matches!(
            self,
            DiagnosticKind::Spelling | DiagnosticKind::DuplicateKey | DiagnosticKind::LoneSurrogate
        )
    }
}

impl DiagnosticKind {
    /// How much the kind matters: a [`Note`](Severity::Note) when nothing of the
    /// value changed or was lost (an inferred type, a type or enum value kept as it
    /// came, the documents' syntax, an error body's shape); a
    /// [`Warning`](Severity::Warning) when a value was kept raw, dropped or repaired,
    /// when the input was cut short, or when a request body lacks what Graph requires.
    pub fn severity(self) -> Severity {
        match self {
            DiagnosticKind::TrailingComma
            | DiagnosticKind::Comment
            | DiagnosticKind::Bom
            | DiagnosticKind::UnknownType
            | DiagnosticKind::UnknownEnumValue
            | DiagnosticKind::InferredType
            | DiagnosticKind::Case
            | DiagnosticKind::ErrorShape => Severity::Note,
            DiagnosticKind::Unclosed
            | DiagnosticKind::Spelling
            | DiagnosticKind::TypeMismatch
            | DiagnosticKind::Shape
            | DiagnosticKind::DuplicateKey
            | DiagnosticKind::LoneSurrogate
            | DiagnosticKind::MissingMember
            | DiagnosticKind::Truncated => Severity::Warning,
        }
    }
}

/// How much a [`Diagnostic`] matters. Ordered: a warning is more than a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Severity {
    /// Nothing of the value changed or was lost: worth knowing, nothing to act on.
    Note,
    /// A value was kept raw, dropped or repaired, or the input was cut short: what
    /// the decoded value holds is not all the input said.
    Warning,
}

impl Severity {
    /// `note` or `warning`, as the CLI writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = crate::UnknownName;

    fn from_str(name: &str) -> Result<Severity, crate::UnknownName> {
        match name {
            "note" => Ok(Severity::Note),
            "warning" => Ok(Severity::Warning),
            _ => Err(crate::UnknownName::new("severity", name)),
        }
    }
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing a decode tolerated or noticed: where (JSON pointer and, where it applies,
/// position), what kind, and a message.
///
/// `Display` gives `<pointer>: <kind>: <message>`, the pointer written as `(root)`
/// for the whole document; the CLI prints that behind its [severity](Self::severity),
/// `warning: ` or `note: `.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// JSON pointer (RFC 6901) of the value concerned; empty for the root.
    pub pointer: String,
    /// What happened.
    pub kind: DiagnosticKind,
    /// A human-readable description.
    pub message: String,
    /// Where in the input, when the diagnostic is about a place in it.
    pub position: Option<Position>,
}

impl Diagnostic {
    /// How much it matters: its kind's [`severity`](DiagnosticKind::severity).
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    /// Whether it is a warning: a value kept raw, dropped or repaired, or input cut
    /// short.
    pub fn is_warning(&self) -> bool {
        self.severity() == Severity::Warning
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "(root)"
        } else {
            &self.pointer
        };
        write!(f, "{pointer}: {}: {}", self.kind, self.message)?;
        if let Some(p) = self.position {
            write!(f, " (line {} column {})", p.line, p.column)?;
        }
        Ok(())
    }
}
