//! The error a decode ends with, and where in the input it happened.

use std::fmt;

/// A place in the input: byte offset, and 1-based line and column.
///
/// The column counts characters (Unicode scalar values), not bytes, from the start
/// of the line, so it matches what an editor shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
// Closed by nature: matched and built by users as it is.
#[allow(clippy::exhaustive_structs)]
pub struct Position {
    /// Byte offset from the start of the input.
    pub offset: usize,
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `input`.
    ///
    /// An offset past the end is clamped to the end; an offset inside a multi-byte
    /// character counts that character as started.
    pub fn locate(input: &[u8], offset: usize) -> Self {
        LineCursor::new(input).locate(offset)
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Turns increasing byte offsets into positions in one pass over the input: the
/// line and the column are carried from one offset to the next, so many positions
/// on one long line (minified JSON) do not each count from the start of the line.
pub(crate) struct LineCursor<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> LineCursor<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        LineCursor {
            bytes,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// The position of `offset`, which must not be below the previous one.
    pub(crate) fn locate(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.bytes.len()).max(self.offset);
        let segment = &self.bytes[self.offset..offset];
        // A plain count vectorises; the last newline is then near the end.
        let newlines = count_newlines(segment);
        let mut from = self.offset;
        if newlines > 0 {
            self.line += newlines;
            self.column = 1;
            from += segment
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
        }
        // Characters: every byte that does not continue a UTF-8 sequence.
        self.column += self.bytes[from..offset]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        self.offset = offset;
        Position {
            offset,
            line: self.line,
            column: self.column,
        }
    }
}

/// How many `\n` bytes `bytes` holds, counted eight at a time.
pub(crate) fn count_newlines(bytes: &[u8]) -> usize {
    const LOWS: u64 = u64::from_ne_bytes([0x7f; 8]);
    const NEWLINES: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let (words, rest) = bytes.as_chunks::<8>();
    let mut count = 0;
    for w in words {
        let x = u64::from_ne_bytes(*w) ^ NEWLINES;
        // The high bit of each byte of `nonzero` says whether that byte of `x` is non-zero.
        let nonzero = ((x & LOWS) + LOWS) | x;
        count += (!nonzero & !LOWS).count_ones() as usize;
    }
    count + rest.iter().filter(|&&b| b == b'\n').count()
}

/// What kind of failure ended a decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not JSON (in lenient mode: not even JSON as the documents write
    /// it), for example an unterminated string or trailing characters.
    Syntax,
    /// The input is not UTF-8.
    Utf8,
    /// A value has the wrong JSON type or shape for its place, for example a string
    /// where a boolean belongs. Lenient decoding keeps such a value raw instead,
    /// unless it is the root.
    Type,
    /// An object names the same member twice (strict mode only; lenient keeps the last).
    DuplicateKey,
    /// Arrays and objects are nested deeper than [`DecodeOptions::max_depth`](crate::DecodeOptions::max_depth).
    Depth,
    /// The input is longer than [`DecodeOptions::max_input_len`](crate::DecodeOptions::max_input_len).
    TooLarge,
    /// The type to decode could not be determined: the root has no `@odata.type`
    /// and no type was given, or the given name is not a type this crate knows.
    UnknownType,
}

impl ErrorKind {
    /// A stable, lower-case name for the kind, for logs and machine-readable output.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax",
            ErrorKind::Utf8 => "utf8",
            ErrorKind::Type => "type",
            ErrorKind::DuplicateKey => "duplicate_key",
            ErrorKind::Depth => "depth",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::UnknownType => "unknown_type",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a payload could not be decoded, with the JSON pointer of the value at fault
/// and its position in the input.
///
/// `Display` gives one line: `<pointer>: <message> at line L column C`, with the
/// pointer written as `(root)` for the whole document. The error is one pointer wide,
/// so that results on the decoding path stay small.
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Inner>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    pointer: String,
    offset: Option<usize>,
    position: Option<Position>,
    message: String,
}

impl Error {
    pub(crate) fn new(
        kind: ErrorKind,
        pointer: String,
        position: Option<Position>,
        message: String,
    ) -> Self {
        Error(Box::new(Inner {
            kind,
            pointer,
            offset: position.map(|p| p.offset),
            position,
            message,
        }))
    }

    /// An error at byte `offset`, whose line and column [`located`](Self::located)
    /// works out later: most errors made while decoding are recovered from, and
    /// should not pay for a scan of the input.
    #[cold]
    pub(crate) fn at_offset(
        kind: ErrorKind,
        pointer: String,
        offset: usize,
        message: String,
    ) -> Self {
        Error(Box::new(Inner {
            kind,
            pointer,
            offset: Some(offset),
            position: None,
            message,
        }))
    }

    /// Works out the position from the offset, in `input`.
    pub(crate) fn located(mut self, input: &[u8]) -> Self {
        if let (Some(offset), None) = (self.0.offset, self.0.position) {
            self.0.position = Some(Position::locate(input, offset));
        }
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The JSON pointer (RFC 6901) of the value at fault; empty for the root.
    pub fn pointer(&self) -> &str {
        &self.0.pointer
    }

    /// Where in the input the fault was found, when it is a place in the input.
    pub fn position(&self) -> Option<Position> {
        self.0.position
    }

    /// 1-based line of the fault, `None` when it has no position.
    pub fn line(&self) -> Option<usize> {
        self.0.position.map(|p| p.line)
    }

    /// 1-based column (in characters) of the fault, `None` when it has no position.
    pub fn column(&self) -> Option<usize> {
        self.0.position.map(|p| p.column)
    }

    /// The description of the fault, without pointer or position.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The error as a serde deserializer's: `<pointer>: <message>`, without the
    /// position, which is in JSON text written for decoding rather than in the input
    /// the deserializer read.
    pub(crate) fn to_de_error<E: serde::de::Error>(&self) -> E {
        let pointer = if self.0.pointer.is_empty() {
            "(root)"
        } else {
            &self.0.pointer
        };
        E::custom(format_args!("{pointer}: {}", self.0.message))
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("pointer", &self.0.pointer)
            .field("position", &self.0.position)
            .field("message", &self.0.message)
            .finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.0.pointer.is_empty() {
            "(root)"
        } else {
            &self.0.pointer
        };
        write!(f, "{pointer}: {}", self.0.message)?;
        if let Some(p) = self.0.position {
            write!(f, " at line {} column {}", p.line, p.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_characters() {
        let text = "{\n  \"é\": x}".as_bytes();
        let x = text.iter().position(|&b| b == b'x').unwrap();
        let p = Position::locate(text, x);
        assert_eq!((p.line, p.column), (2, 8));
        assert_eq!(
            Position::locate(text, 0),
            Position {
                offset: 0,
                line: 1,
                column: 1
            }
        );
        assert_eq!(Position::locate(text, 999).offset, text.len());
    }

    #[test]
    fn newlines_are_counted_in_every_lane() {
        for len in 0..40 {
            let mut bytes = vec![b'a'; len];
            for i in (0..len).step_by(3) {
                bytes[i] = b'\n';
            }
            bytes.iter_mut().skip(1).step_by(7).for_each(|b| *b = 0x8a);
            let expected = bytes.iter().filter(|&&b| b == b'\n').count();
            assert_eq!(count_newlines(&bytes), expected, "{bytes:?}");
        }
    }

    #[test]
    fn display_names_root_and_position() {
        let e = Error::new(
            ErrorKind::Syntax,
            String::new(),
            Some(Position {
                offset: 3,
                line: 1,
                column: 4,
            }),
            "expected value".into(),
        );
        assert_eq!(e.to_string(), "(root): expected value at line 1 column 4");
    }
}

/// A name that is in none of a table's rows: the error of every name table's
/// `FromStr` (actions, operation types, profiles, clouds, lint codes…).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnknownName {
    /// The name given.
    pub name: String,
    /// What it should have named: `action`, `operation type`, `cloud`…
    pub what: &'static str,
}

impl UnknownName {
    /// `name` is no `what`.
    pub fn new(what: &'static str, name: impl Into<String>) -> Self {
        UnknownName {
            name: name.into(),
            what,
        }
    }

    /// The item of `all` that `name_of` names `name`, or the error that says no `what`
    /// is: the body of a name table's `FromStr`.
    ///
    /// ```
    /// use graph_comms::UnknownName;
    /// use graph_comms::action::Action;
    ///
    /// let found = UnknownName::find(Action::ALL, "call.answer", "action", |a| a.as_str());
    /// assert_eq!(found, Ok(Action::CallAnswer));
    /// let lost = UnknownName::find(Action::ALL, "call.hangUp", "action", |a| a.as_str());
    /// assert_eq!(lost.unwrap_err().to_string(), "`call.hangUp` is no action this crate knows");
    /// ```
    ///
    /// # Errors
    /// When no item of `all` is named `name`.
    pub fn find<T: Copy>(
        all: &[T],
        name: &str,
        what: &'static str,
        name_of: impl Fn(T) -> &'static str,
    ) -> Result<T, UnknownName> {
        all.iter()
            .copied()
            .find(|item| name_of(*item) == name)
            .ok_or_else(|| UnknownName::new(what, name))
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is no {} this crate knows", self.name, self.what)
    }
}

impl std::error::Error for UnknownName {}
