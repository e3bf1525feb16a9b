//! The reader: tokens of JSON text, strict or lenient, over one byte slice.

use std::borrow::Cow;
use std::ops::Range;

use super::scan::{count_controls, find_quote_or_backslash, find_string_stop, skip_whitespace};
use crate::{Error, ErrorKind};

/// What the reader reports to, and asks for the JSON pointer of an error.
///
/// The decoder keeps the path from the root to the value being read; the reader
/// only needs it when it makes an error, which is the cold path.
pub(crate) trait Trace {
    /// The JSON pointer of the value being read.
    fn pointer(&self) -> String;
    /// Lenient reading accepted something standard JSON does not allow, at byte `at`.
    fn tolerated(&mut self, tolerance: Tolerance, at: usize);
}

/// Something that lenient reading accepts and strict reading rejects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tolerance {
    /// A comma before `]` or `}`: stepped over.
    TrailingComma,
    /// A `//` or `/* */` comment: stepped over.
    Comment,
    /// A UTF-8 byte-order mark at the start: stepped over.
    ByteOrderMark,
    /// A `\u` escape naming half a surrogate pair (the code unit given): read as U+FFFD.
    LoneSurrogate(u32),
    /// The input ended inside an object or array (its closing bracket given): closed
    /// there.
    Unclosed(u8),
}

/// What a repair does to make standard JSON of what lenient reading accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Fix {
    /// Blanks out a span (a comment, a trailing comma, a byte-order mark).
    Blank(Range<usize>),
    /// Appends a closing bracket at the end of the input.
    Close(u8),
}

/// A JSON number as the reader found it.
pub(crate) enum Num {
    /// An integer literal that fits `i64` (negative) or `u64`.
    Int(i128),
    /// Any other number literal; its text is the span it was read from.
    Other,
}

/// Whether the reader can scan strings with `memchr` and account for their control
/// characters once a document ([`Reader::defer_controls`]): in a build with AVX2,
/// where `memchr`'s search is inlined and the count takes four words a step. A
/// build for baseline x86-64 pays more for the calls than it saves; its reader
/// checks each string as it reads it, and counts nothing (measured in
/// `benches/README.md`).
pub(crate) const DEFER_CONTROLS: bool = cfg!(target_feature = "avx2");

/// A place the reader can come back to: its offset and nesting depth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mark {
    /// Byte offset.
    pub(crate) pos: usize,
    /// Nesting depth there.
    pub(crate) depth: usize,
    /// The control characters stepped over as whitespace before it.
    controls: usize,
}

/// A pull reader of JSON text over one byte slice.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    max_depth: usize,
    lenient: bool,
    /// What lenient reading stepped over or closed, which a repair fixes.
    fixes: Vec<Fix>,
    /// Whether strings are scanned for their ends only, the control characters
    /// JSON forbids in them accounted for by [`end`](Self::end) instead.
    defer_controls: bool,
    /// The control characters (newlines, tabs, carriage returns) stepped over as
    /// whitespace.
    controls: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `src`, nesting at most `max_depth` levels.
    pub(crate) fn new(src: &'a str, max_depth: usize, lenient: bool) -> Self {
        Reader {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            depth: 0,
            max_depth,
            lenient,
            fixes: Vec::new(),
            defer_controls: false,
            controls: 0,
        }
    }

    /// Scans strings for their ends only (a SIMD search for `"` and `\\`), and
    /// leaves the control characters JSON forbids in them to [`end`](Self::end): the
    /// input holds one in a string exactly when it holds more control characters
    /// than the reader stepped over as whitespace, and `end` is then an error
    /// (without a position: the caller reads the input again, checking every
    /// string, to learn where).
    pub(crate) fn defer_controls(&mut self) {
        self.defer_controls = true;
    }

    /// Whether the reader accepts what the documents publish besides standard JSON.
    #[inline(always)]
    pub(crate) fn is_lenient(&self) -> bool {
        self.lenient
    }

    /// The whole input.
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The byte offset the reader is at.
    #[inline(always)]
    pub(crate) fn offset(&self) -> usize {
        self.pos
    }

    /// Where the reader is, to come back to with [`rewind`](Self::rewind).
    #[inline(always)]
    pub(crate) fn mark(&self) -> Mark {
        Mark {
            pos: self.pos,
            depth: self.depth,
            controls: self.controls,
        }
    }

    /// Goes back (or forward) to `mark`.
    #[inline(always)]
    pub(crate) fn rewind(&mut self, mark: Mark) {
        self.pos = mark.pos;
        self.depth = mark.depth;
        self.controls = mark.controls;
    }

    /// What lenient reading stepped over (comments, trailing commas, BOM) or closed
    /// at the end of the input, in input order.
    pub(crate) fn fixes(&self) -> &[Fix] {
        &self.fixes
    }

    /// Forgets the fixes after the first `len`.
    #[inline(always)]
    pub(crate) fn truncate_fixes(&mut self, len: usize) {
        self.fixes.truncate(len);
    }

    /// The text of the input between two offsets (a number's, say).
    pub(crate) fn text(&self, span: Range<usize>) -> &'a str {
        self.src.get(span).unwrap_or_default()
    }

    // ---------------------------------------------------------------- errors

    /// A syntax error at byte `offset`.
    #[cold]
    pub(crate) fn syntax_at(
        &self,
        t: &impl Trace,
        offset: usize,
        message: impl Into<String>,
    ) -> Error {
        Self::error_at(t, ErrorKind::Syntax, offset, message.into())
    }

    /// An error of `kind` at byte `offset`, at the pointer `t` gives.
    #[cold]
    pub(crate) fn error_at(
        t: &impl Trace,
        kind: ErrorKind,
        offset: usize,
        message: String,
    ) -> Error {
        Error::at_offset(kind, t.pointer(), offset, message)
    }

    /// What the next value is, in words, for "expected …, found …" messages, and
    /// whether it starts a value at all.
    pub(crate) fn found(&self) -> (Cow<'static, str>, bool) {
        let what = match self.bytes.get(self.pos) {
            None => "end of input",
            Some(b'{') => "an object",
            Some(b'[') => "an array",
            Some(b'"') => "a string",
            Some(b't' | b'f') => "a boolean",
            Some(b'n') => "null",
            Some(b'-' | b'0'..=b'9') => "a number",
            Some(_) => {
                let c = self.src[self.pos..].chars().next().unwrap_or('\u{fffd}');
                return (Cow::Owned(format!("`{}`", c.escape_debug())), false);
            }
        };
        (Cow::Borrowed(what), self.pos < self.bytes.len())
    }

    /// The error for a value that is not what its place needs. At the end of the
    /// input, or at a character that starts no value, it is a syntax error instead.
    #[cold]
    pub(crate) fn mismatch(&self, t: &impl Trace, expected: &str) -> Error {
        let (found, is_value) = self.found();
        let kind = if is_value {
            ErrorKind::Type
        } else {
            ErrorKind::Syntax
        };
        Self::error_at(
            t,
            kind,
            self.pos,
            format!("expected {expected}, found {found}"),
        )
    }

    // ------------------------------------------------------------ whitespace

    /// Skips whitespace (and, when lenient, comments) and returns the next byte
    /// without consuming it; `None` at the end of the input.
    #[inline(always)]
    pub(crate) fn peek(&mut self, t: &mut impl Trace) -> Result<Option<u8>, Error> {
        let mut next = self.bytes.get(self.pos).copied();
        if let Some(b' ' | b'\n' | b'\r' | b'\t') = next {
            self.pos = skip_whitespace(self.bytes, self.pos, &mut self.controls, DEFER_CONTROLS);
            next = self.bytes.get(self.pos).copied();
        }
        if next == Some(b'/') {
            return self.comments(t);
        }
        Ok(next)
    }

    /// Steps over comments and the whitespace between them (lenient mode only).
    #[cold]
    #[inline(never)]
    fn comments(&mut self, t: &mut impl Trace) -> Result<Option<u8>, Error> {
        // Strict mode leaves the `/` for the caller to reject.
        while self.lenient && self.bytes.get(self.pos) == Some(&b'/') {
            self.comment(t)?;
            self.pos = skip_whitespace(self.bytes, self.pos, &mut self.controls, DEFER_CONTROLS);
        }
        Ok(self.bytes.get(self.pos).copied())
    }

    /// Steps over a comment starting at `self.pos` (lenient mode only). A lone `/`
    /// is left for the caller to reject.
    fn comment(&mut self, t: &mut impl Trace) -> Result<(), Error> {
        let start = self.pos;
        let end = match self.bytes.get(start + 1) {
            Some(b'/') => self.bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(self.bytes.len(), |i| start + i),
            Some(b'*') => match self.bytes[start + 2..].windows(2).position(|w| w == b"*/") {
                Some(i) => start + 2 + i + 2,
                None => return Err(self.syntax_at(t, start, "unterminated /* comment")),
            },
            _ => return Err(self.syntax_at(t, start, "unexpected `/`")),
        };
        self.stepped_over(t, Tolerance::Comment, start..end);
        self.pos = end;
        Ok(())
    }

    /// Records a span standard JSON does not allow: reported, and kept for repair.
    fn stepped_over(&mut self, t: &mut impl Trace, tolerance: Tolerance, span: Range<usize>) {
        t.tolerated(tolerance, span.start);
        self.fixes.push(Fix::Blank(span));
    }

    /// Steps over a UTF-8 byte-order mark at the very start: tolerated when lenient,
    /// a syntax error when strict.
    pub(crate) fn byte_order_mark(&mut self, t: &mut impl Trace) -> Result<(), Error> {
        if self.pos == 0 && self.bytes.starts_with("\u{feff}".as_bytes()) {
            if !self.lenient {
                return Err(self.syntax_at(t, 0, "byte-order mark before the JSON text"));
            }
            self.stepped_over(t, Tolerance::ByteOrderMark, 0..3);
            self.pos = 3;
        }
        Ok(())
    }

    /// Requires the end of the input (after whitespace).
    pub(crate) fn end(&mut self, t: &mut impl Trace) -> Result<(), Error> {
        match self.peek(t)? {
            None if DEFER_CONTROLS
                && self.defer_controls
                && count_controls(self.bytes) != self.controls =>
            {
                Err(self.syntax_at(
                    t,
                    0,
                    "a raw control character in a string (it must be escaped)",
                ))
            }
            None => Ok(()),
            Some(_) => Err(self.syntax_at(t, self.pos, "trailing characters after the JSON value")),
        }
    }

    // ---------------------------------------------------------- containers

    #[inline]
    fn enter(&mut self, t: &impl Trace) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(Self::error_at(
                t,
                ErrorKind::Depth,
                self.pos,
                format!("nesting deeper than {} levels", self.max_depth),
            ));
        }
        Ok(())
    }

    /// Consumes `{`; anything else is a mismatch for `what`.
    #[inline(always)]
    pub(crate) fn begin_object(&mut self, t: &mut impl Trace, what: &str) -> Result<(), Error> {
        match self.peek(t)? {
            Some(b'{') => {
                self.enter(t)?;
                self.pos += 1;
                Ok(())
            }
            _ => Err(self.mismatch(t, what)),
        }
    }

    /// Consumes `[`; anything else is a mismatch for `what`.
    #[inline]
    pub(crate) fn begin_array(&mut self, t: &mut impl Trace, what: &str) -> Result<(), Error> {
        match self.peek(t)? {
            Some(b'[') => {
                self.enter(t)?;
                self.pos += 1;
                Ok(())
            }
            _ => Err(self.mismatch(t, what)),
        }
    }

    /// After `{` or a member's value: the next member's name, or `None` after the
    /// closing `}`. `first` is true until the first call for an object.
    #[inline(always)]
    pub(crate) fn next_member(
        &mut self,
        t: &mut impl Trace,
        first: &mut bool,
    ) -> Result<Option<Cow<'a, str>>, Error> {
        let mut b = self.peek(t)?;
        let mut after_comma = false;
        if *first {
            *first = false;
        } else if b == Some(b',') {
            let comma = self.pos;
            self.pos += 1;
            after_comma = true;
            b = self.peek(t)?;
            if b == Some(b'}') {
                self.trailing_comma(t, comma)?;
            }
        } else if b != Some(b'}') {
            if b.is_none() && self.lenient {
                self.unclosed(t, b'}');
                return Ok(None);
            }
            return Err(self.syntax_at(t, self.pos, "expected `,` or `}` after a member"));
        }
        match b {
            Some(b'"') => {}
            Some(b'}') => {
                self.close();
                return Ok(None);
            }
            // Right after `{` (after a comma, a member name is missing).
            None if self.lenient && !after_comma => {
                self.unclosed(t, b'}');
                return Ok(None);
            }
            _ => return Err(self.syntax_at(t, self.pos, "expected a member name (a string)")),
        }
        let key = self.string_at_quote(t)?;
        // The colon almost always follows the name directly.
        if self.bytes.get(self.pos) != Some(&b':') && self.peek(t)? != Some(b':') {
            return Err(self.syntax_at(t, self.pos, "expected `:` after a member name"));
        }
        self.pos += 1;
        Ok(Some(key))
    }

    /// After `[` or an element: whether another element follows (`false` after the
    /// closing `]`).
    #[inline(always)]
    pub(crate) fn next_element(
        &mut self,
        t: &mut impl Trace,
        first: &mut bool,
    ) -> Result<bool, Error> {
        let b = self.peek(t)?;
        if *first {
            *first = false;
            if b == Some(b']') {
                self.close();
                return Ok(false);
            }
            if b.is_none() && self.lenient {
                self.unclosed(t, b']');
                return Ok(false);
            }
            return Ok(true);
        }
        match b {
            Some(b',') => {
                let comma = self.pos;
                self.pos += 1;
                if self.peek(t)? == Some(b']') {
                    self.trailing_comma(t, comma)?;
                    self.close();
                    return Ok(false);
                }
                Ok(true)
            }
            Some(b']') => {
                self.close();
                Ok(false)
            }
            None if self.lenient => {
                self.unclosed(t, b']');
                Ok(false)
            }
            _ => Err(self.syntax_at(t, self.pos, "expected `,` or `]` after an element")),
        }
    }

    /// Consumes the closing bracket at `self.pos`.
    #[inline(always)]
    fn close(&mut self) {
        self.pos += 1;
        self.depth -= 1;
    }

    /// The input ended inside a container whose closing bracket is `closer`
    /// (lenient mode only): closed there, and the closer kept for repair.
    #[cold]
    fn unclosed(&mut self, t: &mut impl Trace, closer: u8) {
        self.depth -= 1;
        t.tolerated(Tolerance::Unclosed(closer), self.pos);
        self.fixes.push(Fix::Close(closer));
    }

    /// A comma before a closing bracket: tolerated when lenient, an error when strict.
    fn trailing_comma(&mut self, t: &mut impl Trace, comma: usize) -> Result<(), Error> {
        if !self.lenient {
            return Err(self.syntax_at(t, comma, "trailing comma before a closing bracket"));
        }
        self.stepped_over(t, Tolerance::TrailingComma, comma..comma + 1);
        Ok(())
    }

    // -------------------------------------------------------------- scalars

    /// Consumes `null` if it comes next.
    #[inline(always)]
    pub(crate) fn null(&mut self, t: &mut impl Trace) -> Result<bool, Error> {
        if self.peek(t)? == Some(b'n') {
            self.literal(t, b"null")?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Consumes `word` (`true`, `false` or `null`), which must come next.
    pub(crate) fn literal(&mut self, t: &impl Trace, word: &[u8]) -> Result<(), Error> {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.syntax_at(t, self.pos, "invalid literal"))
        }
    }

    /// Reads `true` or `false`.
    #[inline]
    pub(crate) fn boolean(&mut self, t: &mut impl Trace) -> Result<bool, Error> {
        match self.peek(t)? {
            Some(b't') => self.literal(t, b"true").map(|()| true),
            Some(b'f') => self.literal(t, b"false").map(|()| false),
            _ => Err(self.mismatch(t, "a boolean")),
        }
    }

    /// Reads a string; anything else is a mismatch for `what`.
    #[inline(always)]
    pub(crate) fn string_for(
        &mut self,
        t: &mut impl Trace,
        what: &str,
    ) -> Result<Cow<'a, str>, Error> {
        match self.peek(t)? {
            Some(b'"') => self.string_at_quote(t),
            _ => Err(self.mismatch(t, what)),
        }
    }

    /// Reads an integer that fits `I`; other numbers and other values are mismatches.
    pub(crate) fn integer<I: TryFrom<i128>>(
        &mut self,
        t: &mut impl Trace,
        what: &str,
    ) -> Result<I, Error> {
        match self.peek(t)? {
            Some(b'-' | b'0'..=b'9') => {}
            _ => return Err(self.mismatch(t, what)),
        }
        let start = self.pos;
        match self.number(t)? {
            Num::Int(n) => I::try_from(n).map_err(|_| {
                Self::error_at(
                    t,
                    ErrorKind::Type,
                    start,
                    format!("expected {what}, found {n}, which is out of range"),
                )
            }),
            Num::Other => Err(Self::error_at(
                t,
                ErrorKind::Type,
                start,
                format!("expected {what}, found {}", &self.src[start..self.pos]),
            )),
        }
    }

    /// Scans a number at `self.pos` (which is `-` or a digit) per RFC 8259.
    pub(crate) fn number(&mut self, t: &impl Trace) -> Result<Num, Error> {
        let b = self.bytes;
        let start = self.pos;
        let mut i = start;
        let negative = b.get(i) == Some(&b'-');
        if negative {
            i += 1;
        }
        let digits = i;
        let mut value: i128 = 0;
        let mut overflow = false;
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while let Some(&d @ b'0'..=b'9') = b.get(i) {
                    if i - digits < 20 {
                        value = value * 10 + i128::from(d - b'0');
                    } else {
                        overflow = true;
                    }
                    i += 1;
                }
            }
            _ => return Err(self.syntax_at(t, i, "invalid number")),
        }
        let mut integer = true;
        if b.get(i) == Some(&b'.') {
            integer = false;
            i += 1;
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                return Err(self.syntax_at(t, i, "invalid number: no digit after `.`"));
            }
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            integer = false;
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                return Err(self.syntax_at(t, i, "invalid number: no digit in the exponent"));
            }
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        self.pos = i;
        let limit = if negative {
            -i128::from(i64::MIN)
        } else {
            i128::from(u64::MAX)
        };
        let in_range = !overflow && value <= limit;
        if integer && in_range {
            Ok(Num::Int(if negative { -value } else { value }))
        } else {
            Ok(Num::Other)
        }
    }

    /// Reads a string whose opening quote is at `self.pos`.
    #[inline(always)]
    pub(crate) fn string_at_quote(&mut self, t: &mut impl Trace) -> Result<Cow<'a, str>, Error> {
        let start = self.pos + 1;
        let i = if DEFER_CONTROLS && self.defer_controls {
            find_quote_or_backslash(self.bytes, start)
        } else {
            find_string_stop(self.bytes, start)
        };
        if self.bytes.get(i) == Some(&b'"') {
            self.pos = i + 1;
            // Both ends are ASCII quotes, so both are character boundaries.
            return Ok(Cow::Borrowed(self.src.get(start..i).unwrap_or_default()));
        }
        self.string_slow(t, start, i)
    }

    /// The rest of a string whose first `"`, `\` or control character is at `i`.
    #[cold]
    fn string_slow(
        &mut self,
        t: &mut impl Trace,
        start: usize,
        i: usize,
    ) -> Result<Cow<'a, str>, Error> {
        match self.bytes.get(i) {
            Some(b'\\') => {
                let mut out = String::with_capacity(i - start + 8);
                out.push_str(&self.src[start..i]);
                self.escaped_rest(t, i, out).map(Cow::Owned)
            }
            Some(_) => Err(self.control_character(t, i)),
            None => Err(self.syntax_at(t, self.pos, "unterminated string")),
        }
    }

    fn control_character(&self, t: &impl Trace, at: usize) -> Error {
        self.syntax_at(
            t,
            at,
            format!(
                "raw control character U+{:04X} in a string (it must be escaped)",
                self.bytes[at]
            ),
        )
    }

    /// The slow path of a string: from the first backslash at `i` to the closing quote.
    fn escaped_rest(
        &mut self,
        t: &mut impl Trace,
        mut i: usize,
        mut out: String,
    ) -> Result<String, Error> {
        let mut chunk = i;
        loop {
            match self.bytes.get(i) {
                None => return Err(self.syntax_at(t, self.pos, "unterminated string")),
                Some(b'"') => {
                    out.push_str(&self.src[chunk..i]);
                    self.pos = i + 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.src[chunk..i]);
                    let escape = i;
                    let c = match self.bytes.get(i + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let (c, len) = self.unicode_escape(t, escape)?;
                            out.push(c);
                            i = escape + len;
                            chunk = i;
                            continue;
                        }
                        _ => return Err(self.syntax_at(t, escape, "invalid escape in a string")),
                    };
                    out.push(c);
                    i += 2;
                    chunk = i;
                }
                Some(&b) if b < 0x20 => return Err(self.control_character(t, i)),
                Some(_) => i += 1,
            }
        }
    }

    /// Decodes `\uXXXX` (and a following low surrogate) at `at`; returns the
    /// character and how many bytes the escape took.
    fn unicode_escape(&mut self, t: &mut impl Trace, at: usize) -> Result<(char, usize), Error> {
        let hex4 = |bytes: &[u8], from: usize| -> Option<u32> {
            let h = bytes.get(from..from + 4)?;
            let s = std::str::from_utf8(h).ok()?;
            if !s.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(s, 16).ok()
        };
        let Some(first) = hex4(self.bytes, at + 2) else {
            return Err(self.syntax_at(t, at, "invalid \\u escape: four hex digits expected"));
        };
        if !(0xD800..0xE000).contains(&first) {
            // Not a surrogate: always a valid scalar value.
            return Ok((char::from_u32(first).unwrap_or('\u{fffd}'), 6));
        }
        if first < 0xDC00
            && self.bytes.get(at + 6..at + 8) == Some(b"\\u")
            && let Some(second) = hex4(self.bytes, at + 8).filter(|s| (0xDC00..0xE000).contains(s))
        {
            let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            return Ok((char::from_u32(c).unwrap_or('\u{fffd}'), 12));
        }
        if !self.lenient {
            return Err(self.syntax_at(
                t,
                at,
                format!("lone surrogate \\u{first:04X} in a string"),
            ));
        }
        t.tolerated(Tolerance::LoneSurrogate(first), at);
        Ok(('\u{fffd}', 6))
    }
}
