//! The JSON reader under every decode: a pull parser over one byte slice.
//!
//! It is strict JSON (RFC 8259) unless the decoder is lenient, in which case it also
//! steps over what the official documents publish — comments, trailing commas and a
//! byte-order mark — recording each as a diagnostic and as a span that
//! [`repair`](crate::repair) can blank out. Because the input is one slice, any
//! position can be returned to: polymorphic dispatch and raw capture of a mistyped
//! member rewind instead of buffering.

use std::borrow::Cow;

use serde_json::{Map, Number, Value};

use super::{Decoder, Seg};
use crate::{DiagnosticKind, Error, ErrorKind};

/// Bytes that end the fast scan of a string: `"`, `\` and the control characters.
static STRING_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// A JSON number as the reader found it.
pub(crate) enum Num {
    /// An integer literal that fits `i64` (negative) or `u64`.
    Int(i128),
    /// Any other number literal; the slice is its text.
    Other,
}

impl<'a> Decoder<'a> {
    // ---------------------------------------------------------------- errors

    /// A syntax error at byte `offset`.
    pub(crate) fn syntax_at(&self, offset: usize, message: impl Into<String>) -> Error {
        self.error_at(ErrorKind::Syntax, offset, message.into())
    }

    /// An error of `kind` at byte `offset`, pointing at the current path.
    pub(crate) fn error_at(&self, kind: ErrorKind, offset: usize, message: String) -> Error {
        Error::at_offset(kind, self.pointer(), offset, message)
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
    pub(crate) fn mismatch(&self, expected: &str) -> Error {
        let (found, is_value) = self.found();
        let kind = if is_value {
            ErrorKind::Type
        } else {
            ErrorKind::Syntax
        };
        self.error_at(
            kind,
            self.pos,
            format!("expected {expected}, found {found}"),
        )
    }

    // ------------------------------------------------------------ whitespace

    /// Skips whitespace (and, when lenient, comments) and returns the next byte
    /// without consuming it; `None` at the end of the input.
    #[inline(always)]
    pub(crate) fn peek(&mut self) -> Result<Option<u8>, Error> {
        let mut next = self.bytes.get(self.pos).copied();
        if let Some(b' ' | b'\n' | b'\r' | b'\t') = next {
            self.pos = skip_whitespace(self.bytes, self.pos);
            next = self.bytes.get(self.pos).copied();
        }
        if next == Some(b'/') {
            return self.comments();
        }
        Ok(next)
    }

    /// Steps over comments and the whitespace between them (lenient mode only).
    #[cold]
    #[inline(never)]
    fn comments(&mut self) -> Result<Option<u8>, Error> {
        // Strict mode leaves the `/` for the caller to reject.
        while self.lenient && self.bytes.get(self.pos) == Some(&b'/') {
            self.comment()?;
            self.pos = skip_whitespace(self.bytes, self.pos);
        }
        Ok(self.bytes.get(self.pos).copied())
    }

    /// Steps over a comment starting at `self.pos` (lenient mode only). A lone `/`
    /// is left for the caller to reject.
    fn comment(&mut self) -> Result<(), Error> {
        let start = self.pos;
        let end = match self.bytes.get(start + 1) {
            Some(b'/') => self.bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(self.bytes.len(), |i| start + i),
            Some(b'*') => match self.bytes[start + 2..].windows(2).position(|w| w == b"*/") {
                Some(i) => start + 2 + i + 2,
                None => return Err(self.syntax_at(start, "unterminated /* comment")),
            },
            _ => return Err(self.syntax_at(start, "unexpected `/`")),
        };
        self.tolerate(
            DiagnosticKind::Comment,
            start,
            end,
            "comment ignored".to_owned(),
        );
        self.pos = end;
        Ok(())
    }

    /// Records a syntax tolerance: a diagnostic, and the span repair blanks out.
    fn tolerate(&mut self, kind: DiagnosticKind, start: usize, end: usize, message: String) {
        self.blanks.push(start..end);
        self.report_at(kind, Some(start), message);
    }

    /// Steps over a UTF-8 byte-order mark at the very start: recorded when lenient,
    /// a syntax error when strict.
    pub(crate) fn byte_order_mark(&mut self) -> Result<(), Error> {
        if self.pos == 0 && self.bytes.starts_with("\u{feff}".as_bytes()) {
            if !self.lenient {
                return Err(self.syntax_at(0, "byte-order mark before the JSON text"));
            }
            self.tolerate(
                DiagnosticKind::Bom,
                0,
                3,
                "byte-order mark ignored".to_owned(),
            );
            self.pos = 3;
        }
        Ok(())
    }

    /// Requires the end of the input (after whitespace).
    pub(crate) fn end(&mut self) -> Result<(), Error> {
        match self.peek()? {
            None => Ok(()),
            Some(_) => Err(self.syntax_at(self.pos, "trailing characters after the JSON value")),
        }
    }

    // ---------------------------------------------------------- containers

    #[inline]
    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(self.error_at(
                ErrorKind::Depth,
                self.pos,
                format!("nesting deeper than {} levels", self.max_depth),
            ));
        }
        Ok(())
    }

    /// Consumes `{`; anything else is a mismatch for `what`.
    #[inline(always)]
    pub(crate) fn begin_object(&mut self, what: &str) -> Result<(), Error> {
        match self.peek()? {
            Some(b'{') => {
                self.enter()?;
                self.pos += 1;
                Ok(())
            }
            _ => Err(self.mismatch(what)),
        }
    }

    /// Consumes `[`; anything else is a mismatch for `what`.
    #[inline]
    pub(crate) fn begin_array(&mut self, what: &str) -> Result<(), Error> {
        match self.peek()? {
            Some(b'[') => {
                self.enter()?;
                self.pos += 1;
                Ok(())
            }
            _ => Err(self.mismatch(what)),
        }
    }

    /// After `{` or a member's value: the next member's name, or `None` after the
    /// closing `}`. `first` is true until the first call for an object.
    #[inline]
    pub(crate) fn next_member(&mut self, first: &mut bool) -> Result<Option<Cow<'a, str>>, Error> {
        let mut b = self.peek()?;
        if *first {
            *first = false;
        } else if b == Some(b',') {
            let comma = self.pos;
            self.pos += 1;
            b = self.peek()?;
            if b == Some(b'}') {
                self.trailing_comma(comma)?;
            }
        } else if b != Some(b'}') {
            return Err(self.syntax_at(self.pos, "expected `,` or `}` after a member"));
        }
        match b {
            Some(b'"') => {}
            Some(b'}') => {
                self.close();
                return Ok(None);
            }
            _ => return Err(self.syntax_at(self.pos, "expected a member name (a string)")),
        }
        let key = self.string_at_quote()?;
        // The colon almost always follows the name directly.
        if self.bytes.get(self.pos) != Some(&b':') && self.peek()? != Some(b':') {
            return Err(self.syntax_at(self.pos, "expected `:` after a member name"));
        }
        self.pos += 1;
        Ok(Some(key))
    }

    /// After `[` or an element: whether another element follows (`false` after the
    /// closing `]`).
    #[inline(always)]
    pub(crate) fn next_element(&mut self, first: &mut bool) -> Result<bool, Error> {
        let b = self.peek()?;
        if *first {
            *first = false;
            if b == Some(b']') {
                self.close();
                return Ok(false);
            }
            return Ok(true);
        }
        match b {
            Some(b',') => {
                let comma = self.pos;
                self.pos += 1;
                if self.peek()? == Some(b']') {
                    self.trailing_comma(comma)?;
                    self.close();
                    return Ok(false);
                }
                Ok(true)
            }
            Some(b']') => {
                self.close();
                Ok(false)
            }
            _ => Err(self.syntax_at(self.pos, "expected `,` or `]` after an element")),
        }
    }

    /// Consumes the closing bracket at `self.pos`.
    #[inline(always)]
    fn close(&mut self) {
        self.pos += 1;
        self.depth -= 1;
    }

    /// A comma before a closing bracket: tolerated when lenient, an error when strict.
    fn trailing_comma(&mut self, comma: usize) -> Result<(), Error> {
        if !self.lenient {
            return Err(self.syntax_at(comma, "trailing comma before a closing bracket"));
        }
        self.tolerate(
            DiagnosticKind::TrailingComma,
            comma,
            comma + 1,
            "trailing comma ignored".to_owned(),
        );
        Ok(())
    }

    // -------------------------------------------------------------- scalars

    /// Consumes `null` if it comes next.
    #[inline(always)]
    pub(crate) fn null(&mut self) -> Result<bool, Error> {
        if self.peek()? == Some(b'n') {
            self.literal(b"null")?;
            return Ok(true);
        }
        Ok(false)
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Error> {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.syntax_at(self.pos, "invalid literal"))
        }
    }

    /// Reads `true` or `false`.
    #[inline]
    pub(crate) fn boolean(&mut self) -> Result<bool, Error> {
        match self.peek()? {
            Some(b't') => self.literal(b"true").map(|()| true),
            Some(b'f') => self.literal(b"false").map(|()| false),
            _ => Err(self.mismatch("a boolean")),
        }
    }

    /// Reads a string.
    #[inline]
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.string_for("a string")
    }

    /// Reads a string; anything else is a mismatch for `what`.
    #[inline(always)]
    pub(crate) fn string_for(&mut self, what: &str) -> Result<Cow<'a, str>, Error> {
        match self.peek()? {
            Some(b'"') => self.string_at_quote(),
            _ => Err(self.mismatch(what)),
        }
    }

    /// The byte offset the reader is at.
    pub(crate) fn offset(&self) -> usize {
        self.pos
    }

    /// Reads an integer that fits `T`; other numbers and other values are mismatches.
    pub(crate) fn integer<T: TryFrom<i128>>(&mut self, what: &str) -> Result<T, Error> {
        match self.peek()? {
            Some(b'-' | b'0'..=b'9') => {}
            _ => return Err(self.mismatch(what)),
        }
        let start = self.pos;
        match self.number()? {
            Num::Int(n) => T::try_from(n).map_err(|_| {
                self.error_at(
                    ErrorKind::Type,
                    start,
                    format!("expected {what}, found {n}, which is out of range"),
                )
            }),
            Num::Other => Err(self.error_at(
                ErrorKind::Type,
                start,
                format!("expected {what}, found {}", &self.src[start..self.pos]),
            )),
        }
    }

    /// Scans a number at `self.pos` (which is `-` or a digit) per RFC 8259.
    pub(crate) fn number(&mut self) -> Result<Num, Error> {
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
            _ => return Err(self.syntax_at(i, "invalid number")),
        }
        let mut integer = true;
        if b.get(i) == Some(&b'.') {
            integer = false;
            i += 1;
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                return Err(self.syntax_at(i, "invalid number: no digit after `.`"));
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
                return Err(self.syntax_at(i, "invalid number: no digit in the exponent"));
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
    pub(crate) fn string_at_quote(&mut self) -> Result<Cow<'a, str>, Error> {
        let start = self.pos + 1;
        let i = find_string_stop(self.bytes, start);
        if self.bytes.get(i) == Some(&b'"') {
            self.pos = i + 1;
            // Both ends are ASCII quotes, so both are character boundaries.
            return Ok(Cow::Borrowed(self.src.get(start..i).unwrap_or_default()));
        }
        self.string_slow(start, i)
    }

    /// The rest of a string whose first `"`, `\` or control character is at `i`.
    #[cold]
    fn string_slow(&mut self, start: usize, i: usize) -> Result<Cow<'a, str>, Error> {
        match self.bytes.get(i) {
            Some(b'\\') => {
                let mut out = String::with_capacity(i - start + 8);
                out.push_str(&self.src[start..i]);
                self.escaped_rest(i, out).map(Cow::Owned)
            }
            Some(_) => Err(self.control_character(i)),
            None => Err(self.syntax_at(self.pos, "unterminated string")),
        }
    }

    fn control_character(&self, at: usize) -> Error {
        self.syntax_at(
            at,
            format!(
                "raw control character U+{:04X} in a string (it must be escaped)",
                self.bytes[at]
            ),
        )
    }

    /// The slow path of a string: from the first backslash at `i` to the closing quote.
    fn escaped_rest(&mut self, mut i: usize, mut out: String) -> Result<String, Error> {
        let mut chunk = i;
        loop {
            match self.bytes.get(i) {
                None => return Err(self.syntax_at(self.pos, "unterminated string")),
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
                            let (c, len) = self.unicode_escape(escape)?;
                            out.push(c);
                            i = escape + len;
                            chunk = i;
                            continue;
                        }
                        _ => return Err(self.syntax_at(escape, "invalid escape in a string")),
                    };
                    out.push(c);
                    i += 2;
                    chunk = i;
                }
                Some(&b) if b < 0x20 => return Err(self.control_character(i)),
                Some(_) => i += 1,
            }
        }
    }

    /// Decodes `\uXXXX` (and a following low surrogate) at `at`; returns the
    /// character and how many bytes the escape took.
    fn unicode_escape(&mut self, at: usize) -> Result<(char, usize), Error> {
        let hex4 = |d: &Self, from: usize| -> Option<u32> {
            let h = d.bytes.get(from..from + 4)?;
            let s = std::str::from_utf8(h).ok()?;
            if !s.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(s, 16).ok()
        };
        let Some(first) = hex4(self, at + 2) else {
            return Err(self.syntax_at(at, "invalid \\u escape: four hex digits expected"));
        };
        if !(0xD800..0xE000).contains(&first) {
            // Not a surrogate: always a valid scalar value.
            return Ok((char::from_u32(first).unwrap_or('\u{fffd}'), 6));
        }
        if first < 0xDC00
            && self.bytes.get(at + 6..at + 8) == Some(b"\\u")
            && let Some(second) = hex4(self, at + 8).filter(|s| (0xDC00..0xE000).contains(s))
        {
            let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            return Ok((char::from_u32(c).unwrap_or('\u{fffd}'), 12));
        }
        if !self.lenient {
            return Err(self.syntax_at(at, format!("lone surrogate \\u{first:04X} in a string")));
        }
        self.report_at(
            DiagnosticKind::LoneSurrogate,
            Some(at),
            format!("lone surrogate \\u{first:04X} decoded as U+FFFD"),
        );
        Ok(('\u{fffd}', 6))
    }

    // ----------------------------------------------------------- any value

    /// Steps over one value of any type, checking its syntax.
    pub(crate) fn skip_value(&mut self) -> Result<(), Error> {
        match self.peek()? {
            Some(b'{') => {
                self.begin_object("an object")?;
                let mut first = true;
                while let Some(key) = self.next_member(&mut first)? {
                    self.path.push(Seg::Key(key));
                    self.skip_value()?;
                    self.path.pop();
                }
                Ok(())
            }
            Some(b'[') => {
                self.begin_array("an array")?;
                let mut first = true;
                let mut index = 0;
                while self.next_element(&mut first)? {
                    self.path.push(Seg::Index(index));
                    self.skip_value()?;
                    self.path.pop();
                    index += 1;
                }
                Ok(())
            }
            Some(b'"') => self.string_at_quote().map(drop),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number().map(drop),
            _ => Err(self.syntax_at(
                self.pos,
                format!("expected a value, found {}", self.found().0),
            )),
        }
    }

    /// Reads one value of any type as a [`Value`], for members kept raw.
    pub(crate) fn value(&mut self) -> Result<Value, Error> {
        match self.peek()? {
            Some(b'{') => self.object_value().map(Value::Object),
            Some(b'[') => {
                self.begin_array("an array")?;
                let mut items = Vec::new();
                let mut first = true;
                while self.next_element(&mut first)? {
                    self.path.push(Seg::Index(items.len()));
                    let item = self.value()?;
                    self.path.pop();
                    items.push(item);
                }
                Ok(Value::Array(items))
            }
            Some(b'"') => Ok(Value::String(self.string_at_quote()?.into_owned())),
            Some(b't' | b'f') => self.boolean().map(Value::Bool),
            Some(b'n') => self.literal(b"null").map(|()| Value::Null),
            Some(b'-' | b'0'..=b'9') => {
                let start = self.pos;
                let number = match self.number()? {
                    Num::Int(n) => match i64::try_from(n) {
                        Ok(i) => Number::from(i),
                        Err(_) => Number::from(u64::try_from(n).unwrap_or(u64::MAX)),
                    },
                    Num::Other => self.src[start..self.pos]
                        .parse::<f64>()
                        .ok()
                        .and_then(Number::from_f64)
                        .ok_or_else(|| self.syntax_at(start, "number out of range"))?,
                };
                Ok(Value::Number(number))
            }
            _ => Err(self.syntax_at(
                self.pos,
                format!("expected a value, found {}", self.found().0),
            )),
        }
    }

    /// Reads an object of any members as a map, keeping `null` members.
    pub(crate) fn object_value(&mut self) -> Result<Map<String, Value>, Error> {
        self.begin_object("an object")?;
        let mut map = Map::new();
        let mut first = true;
        while let Some(key) = self.next_member(&mut first)? {
            // Where the value starts, for a duplicate member's diagnostic or error.
            self.peek()?;
            let at = self.pos;
            self.path.push(Seg::Key(key));
            let value = self.value()?;
            let Some(Seg::Key(key)) = self.path.pop() else {
                unreachable!("the member's own segment is on top of the path")
            };
            self.insert(&mut map, key.into_owned(), value, at)?;
        }
        Ok(map)
    }
}

/// Eight copies of `byte`.
const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The eight bytes at `i` as a little-endian word, if there are eight.
#[inline(always)]
fn word_at(bytes: &[u8], i: usize) -> Option<u64> {
    bytes
        .get(i..)?
        .first_chunk::<8>()
        .map(|w| u64::from_le_bytes(*w))
}

/// A mask whose lowest set bit is the high bit of the first byte of `w` (in memory
/// order) that is `"`, `\` or below 0x20; zero when there is none. Bits above the
/// lowest may be set spuriously.
#[inline(always)]
fn string_stops(w: u64) -> u64 {
    const ONES: u64 = splat(0x01);
    const HIGHS: u64 = splat(0x80);
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let quote = zero_byte(w ^ splat(b'"'));
    let backslash = zero_byte(w ^ splat(b'\\'));
    let control = w.wrapping_sub(splat(0x20)) & !w & HIGHS;
    quote | backslash | control
}

/// The index of the first `"`, `\` or control character at or after `i`, or the
/// length of `bytes` when there is none.
#[inline]
fn find_string_stop(bytes: &[u8], mut i: usize) -> usize {
    while let Some(w) = word_at(bytes, i) {
        let stops = string_stops(w);
        if stops != 0 {
            return i + (stops.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if STRING_STOP[usize::from(b)] {
            return i;
        }
        i += 1;
    }
    i
}

/// The index of the first byte at or after `i` that is not JSON whitespace.
#[inline]
fn skip_whitespace(bytes: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(i) {
        i += 1;
        // Indentation: a run of spaces, stepped over eight at a time.
        if bytes.get(i) == Some(&b' ') {
            i = skip_spaces(bytes, i + 1);
        }
    }
    i
}

/// The index of the first byte at or after `i` that is not a space.
#[inline]
fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    while let Some(w) = word_at(bytes, i) {
        let others = w ^ splat(b' ');
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::{find_string_stop, skip_spaces, skip_whitespace};

    #[test]
    fn string_stops_are_found_in_every_lane() {
        for len in 0..20 {
            for lane in 0..len {
                for special in [b'"', b'\\', 0x00, 0x1f] {
                    let mut w = vec![b'a'; len];
                    w[lane] = special;
                    // A later stop must not hide the first one.
                    if lane + 1 < len {
                        w[lane + 1] = b'"';
                    }
                    assert_eq!(
                        find_string_stop(&w, 0),
                        lane,
                        "{special:#x} at {lane} of {len}"
                    );
                }
            }
            assert_eq!(find_string_stop(&vec![b'a'; len], 0), len);
        }
        let text = [
            0xC3, 0xA9, b'x', 0x20, 0xFF, 0x80, b'!', b'#', 0x7f, b'~', b'"',
        ];
        assert_eq!(find_string_stop(&text, 0), 10);
    }

    #[test]
    fn whitespace_is_skipped_in_runs() {
        for n in 0..20 {
            let mut w = vec![b' '; n];
            w.push(b'x');
            w.extend_from_slice(b"        ");
            assert_eq!(skip_spaces(&w, 0), n);
        }
        assert_eq!(skip_spaces(b"   ", 0), 3);
        assert_eq!(skip_whitespace(b"\n          \t\r\n  x", 0), 16);
        assert_eq!(skip_whitespace(b" \n", 0), 2);
    }
}
