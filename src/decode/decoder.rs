//! The decoder: the reader, the path to the value being read, and what was reported.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::{Diagnostic, DiagnosticKind};
use crate::error::{LineCursor, Position};
use crate::json::{Mark, Reader, Tolerance, Trace};
use crate::{Error, ErrorKind};

/// What the kept diagnostics' pointers may add up to beyond the input's length.
const POINTER_BUDGET_FLOOR: usize = 64 << 10;

/// One step of the path from the root to the value being read.
#[derive(Debug)]
pub(crate) enum Seg<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

/// What an enclosing object says about the untyped objects of one of its members,
/// such as a notification's resource path about its `resourceData`.
///
/// `pub` (in a private module) because the sealed trait the `arbitrary` wrappers
/// are bounded by takes one; crate-private in effect.
#[derive(Clone, Copy, Debug)]
#[cfg_attr(not(feature = "arbitrary"), allow(unreachable_pub))]
pub struct Context {
    /// The metadata names of the types an untyped object there can be, the one to
    /// choose when nothing else tells first.
    pub(crate) types: &'static [&'static str],
    /// Where that comes from, in words, for diagnostics.
    pub(crate) source: &'static str,
}

/// A member's value skipped to be read later: where it starts, and the member's name.
#[derive(Debug)]
pub(crate) struct Deferred<'a> {
    start: Mark,
    pub(crate) key: Cow<'a, str>,
}

/// Everything a decoder can return to after a failed attempt.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Checkpoint {
    at: Mark,
    fixes: usize,
    path: usize,
    diags: usize,
    pointer_bytes: usize,
    dropped: usize,
}

impl Checkpoint {
    /// The byte offset of the checkpoint.
    pub(crate) fn offset(&self) -> usize {
        self.at.pos
    }
}

/// Where decoding is in the document, and what it has reported: the [`Trace`] of
/// the reader.
#[derive(Debug)]
pub(crate) struct Log<'a> {
    path: Vec<Seg<'a>>,
    /// What was reported, in the order it was; a position's line and column are
    /// worked out at the end (see [`Decoder::into_diagnostics`]), from its offset.
    diags: Vec<Diagnostic>,
    max_diags: usize,
    /// The length of the kept diagnostics' pointers, added up.
    pointer_bytes: usize,
    /// The most `pointer_bytes` may reach.
    pointer_budget: usize,
    dropped: usize,
}

impl Log<'_> {
    /// The JSON pointer of the current value.
    fn pointer(&self) -> String {
        let mut p = String::with_capacity(self.least_pointer_len());
        self.push_pointer(&mut p);
        p
    }

    /// The current value's JSON pointer's length before escaping (which only
    /// lengthens it), an index counted as one digit.
    fn least_pointer_len(&self) -> usize {
        self.path
            .iter()
            .map(|seg| match seg {
                Seg::Key(k) => 1 + k.len(),
                Seg::Index(_) => 2,
            })
            .sum()
    }

    /// Appends the JSON pointer of the current value to `p`.
    fn push_pointer(&self, p: &mut String) {
        for seg in &self.path {
            p.push('/');
            match seg {
                Seg::Key(k) => push_pointer_token(p, k),
                Seg::Index(i) => {
                    let _ = write!(p, "{i}");
                }
            }
        }
    }

    /// Records a diagnostic at the current path (or at its member `key`).
    fn report(
        &mut self,
        kind: DiagnosticKind,
        key: Option<&str>,
        offset: Option<usize>,
        message: String,
    ) {
        if let Some(pointer) = self.diagnostic_pointer(key) {
            self.diags.push(Diagnostic {
                pointer,
                kind,
                message,
                position: offset.map(|offset| Position {
                    offset,
                    line: 0,
                    column: 0,
                }),
            });
        }
    }

    /// The pointer for a new diagnostic — of the current value, or of its member `key`
    /// — or `None` when the diagnostic is only counted: when `max_diags` are kept
    /// already, or the pointers would go over their budget. Costs nothing in the
    /// first case and a step per path segment in the second, so that a flood of
    /// diagnostics under a long member name is not a copy of that name each.
    fn diagnostic_pointer(&mut self, key: Option<&str>) -> Option<String> {
        if self.diags.len() >= self.max_diags {
            self.dropped += 1;
            return None;
        }
        // At least the pointer's length: escaping only lengthens it.
        let least = self.least_pointer_len() + key.map_or(0, |k| 1 + k.len());
        if self.pointer_bytes.saturating_add(least) > self.pointer_budget {
            self.dropped += 1;
            return None;
        }
        let mut pointer = String::with_capacity(least);
        self.push_pointer(&mut pointer);
        if let Some(key) = key {
            pointer.push('/');
            push_pointer_token(&mut pointer, key);
        }
        self.pointer_bytes += pointer.len();
        Some(pointer)
    }
}

impl Trace for Log<'_> {
    fn pointer(&self) -> String {
        Log::pointer(self)
    }

    fn tolerated(&mut self, tolerance: Tolerance, at: usize) {
        let (kind, message) = match tolerance {
            Tolerance::TrailingComma => (
                DiagnosticKind::TrailingComma,
                "trailing comma ignored".to_owned(),
            ),
            Tolerance::Comment => (DiagnosticKind::Comment, "comment ignored".to_owned()),
            Tolerance::ByteOrderMark => (DiagnosticKind::Bom, "byte-order mark ignored".to_owned()),
            Tolerance::LoneSurrogate(unit) => (
                DiagnosticKind::LoneSurrogate,
                format!("lone surrogate \\u{unit:04X} decoded as U+FFFD"),
            ),
            Tolerance::Unclosed(closer) => (
                DiagnosticKind::Unclosed,
                format!(
                    "the input ended inside this {}: closed with `{}` there",
                    if closer == b'}' { "object" } else { "array" },
                    char::from(closer)
                ),
            ),
        };
        self.report(kind, None, Some(at), message);
    }
}

/// An object being watched: its depth, and which members it should not have (that
/// tell it to be of a derived type, or of another type than the one it is read as).
pub(super) type Watch = (usize, fn(&str) -> bool);

/// The state of one decode: the reader, the path to the current value, what has been
/// reported, and the context enclosing objects give. Sealed: it cannot be named
/// outside the crate.
#[derive(Debug)]
pub struct Decoder<'a> {
    pub(super) read: Reader<'a>,
    pub(super) log: Log<'a>,
    /// What the enclosing object says the untyped objects being read are.
    context: Option<Context>,
    /// Set when an object whose type was chosen by its first member has another
    /// `@odata.type` member: the dispatcher reads it again (see `decode_polymorphic`).
    pub(super) retype: bool,
    /// While an object is watched — read as a concrete point's declared type, or as
    /// the derived type its members showed — its depth, and the members it should not
    /// have: reading one ends the object's read (see `dispatch::derived`).
    pub(super) watch: Option<Watch>,
    /// The member of those the watched object had, which ended its member loop:
    /// the dispatcher then reads it again.
    pub(super) tripped: Option<Cow<'a, str>>,
    /// How many enum values of the member being read came spelled in another case
    /// than the canonical one: the member's object keeps the received text.
    pub(crate) spelled: u32,
    /// Whether such a spelling is reported, as a `case` note.
    pub(crate) report_case: bool,
    /// Whether an object's `extra` may hold a member under a declared name (a
    /// mistyped value kept raw, a received spelling): until one does, a declared
    /// member read needs no look for an earlier raw one of its name.
    pub(super) kept_raw: bool,
}

impl<'a> Decoder<'a> {
    /// A decoder over `read`, keeping at most `max_diags` diagnostics.
    pub(crate) fn new(read: Reader<'a>, max_diags: usize) -> Self {
        let pointer_budget = read.bytes().len().saturating_add(POINTER_BUDGET_FLOOR);
        Decoder {
            read,
            log: Log {
                path: Vec::with_capacity(16),
                diags: Vec::new(),
                max_diags,
                pointer_bytes: 0,
                pointer_budget,
                dropped: 0,
            },
            context: None,
            retype: false,
            watch: None,
            tripped: None,
            spelled: 0,
            report_case: false,
            kept_raw: false,
        }
    }

    // ------------------------------------------------- the reader, traced

    /// Whether decoding is lenient.
    #[inline(always)]
    pub(crate) fn lenient(&self) -> bool {
        self.read.is_lenient()
    }

    /// The byte offset the reader is at.
    #[inline(always)]
    pub(crate) fn offset(&self) -> usize {
        self.read.offset()
    }

    /// See [`Reader::peek`].
    #[inline(always)]
    pub(crate) fn peek(&mut self) -> Result<Option<u8>, Error> {
        self.read.peek(&mut self.log)
    }

    /// See [`Reader::null`].
    #[inline(always)]
    pub(crate) fn null(&mut self) -> Result<bool, Error> {
        self.read.null(&mut self.log)
    }

    /// See [`Reader::begin_object`].
    #[inline(always)]
    pub(crate) fn begin_object(&mut self, what: &str) -> Result<(), Error> {
        self.read.begin_object(&mut self.log, what)
    }

    /// See [`Reader::begin_array`].
    #[inline]
    pub(crate) fn begin_array(&mut self, what: &str) -> Result<(), Error> {
        self.read.begin_array(&mut self.log, what)
    }

    /// See [`Reader::next_member`].
    #[inline(always)]
    pub(crate) fn next_member(&mut self, first: &mut bool) -> Result<Option<Cow<'a, str>>, Error> {
        self.read.next_member(&mut self.log, first)
    }

    /// See [`Reader::next_element`].
    #[inline(always)]
    pub(crate) fn next_element(&mut self, first: &mut bool) -> Result<bool, Error> {
        self.read.next_element(&mut self.log, first)
    }

    /// See [`Reader::string_for`].
    #[inline(always)]
    pub(crate) fn string_for(&mut self, what: &str) -> Result<Cow<'a, str>, Error> {
        self.read.string_for(&mut self.log, what)
    }

    /// See [`Reader::string_at_quote`].
    #[inline(always)]
    pub(crate) fn string_at_quote(&mut self) -> Result<Cow<'a, str>, Error> {
        self.read.string_at_quote(&mut self.log)
    }

    /// See [`Reader::byte_order_mark`].
    pub(crate) fn byte_order_mark(&mut self) -> Result<(), Error> {
        self.read.byte_order_mark(&mut self.log)
    }

    /// See [`Reader::end`].
    pub(crate) fn end(&mut self) -> Result<(), Error> {
        self.read.end(&mut self.log)
    }

    /// See [`Reader::mismatch`].
    #[cold]
    pub(crate) fn mismatch(&self, expected: &str) -> Error {
        self.read.mismatch(&self.log, expected)
    }

    /// An error of `kind` at byte `offset`, pointing at the current path.
    #[cold]
    pub(crate) fn error_at(&self, kind: ErrorKind, offset: usize, message: String) -> Error {
        Reader::error_at(&self.log, kind, offset, message)
    }

    // ------------------------------------------------------------- the path

    /// Enters member `key` of the current object.
    #[inline(always)]
    pub(crate) fn push_key(&mut self, key: Cow<'a, str>) {
        self.log.path.push(Seg::Key(key));
    }

    /// Enters element `index` of the current array.
    #[inline(always)]
    pub(crate) fn push_index(&mut self, index: usize) {
        self.log.path.push(Seg::Index(index));
    }

    /// Leaves the current member or element.
    #[inline(always)]
    pub(crate) fn pop(&mut self) {
        self.log.path.pop();
    }

    /// Leaves the current member and gives its name back.
    pub(crate) fn pop_key(&mut self) -> Cow<'a, str> {
        match self.log.path.pop() {
            Some(Seg::Key(key)) => key,
            _ => Cow::Borrowed(""),
        }
    }

    /// The JSON pointer of the current value.
    pub(crate) fn pointer(&self) -> String {
        self.log.pointer()
    }

    // ------------------------------------------------------------- reporting

    /// Records a diagnostic at the current path.
    pub(crate) fn report_at(
        &mut self,
        kind: DiagnosticKind,
        offset: Option<usize>,
        message: String,
    ) {
        self.log.report(kind, None, offset, message);
    }

    /// Reports the required member `key` of the object just read as missing, unless
    /// its value was kept raw in `extra` (a mistyped value, already reported).
    pub(crate) fn missing(&mut self, key: &str, extra: &Map<String, Value>) {
        if extra.contains_key(key) {
            return;
        }
        let at = self.offset().saturating_sub(1);
        self.report_at(
            DiagnosticKind::MissingMember,
            Some(at),
            format!("the required member `{key}` is missing"),
        );
    }

    /// Reports the object just read as an error body in a non-standard shape.
    pub(crate) fn report_shape_of_error(&mut self, message: String) {
        let at = self.offset().saturating_sub(1);
        self.report_at(DiagnosticKind::ErrorShape, Some(at), message);
    }

    /// Whether the value being read is a member of no object (a bare enum decoded
    /// alone, or an item of a bare list): nothing keeps its received spelling.
    pub(crate) fn outside_objects(&self) -> bool {
        self.log.path.iter().all(|seg| matches!(seg, Seg::Index(_)))
    }

    /// A body read as notifications that has neither `value` nor `@odata.type`.
    pub(crate) fn not_notifications(&mut self) {
        let at = self.offset().saturating_sub(1);
        self.report_at(
            DiagnosticKind::MissingMember,
            Some(at),
            "neither `value` nor `@odata.type`: not Graph-format notifications (a legacy call notification, or another body)".to_owned(),
        );
    }

    /// A member named twice: an error when strict, reported (last one kept) when lenient.
    pub(crate) fn duplicate(&mut self, key: &str, at: usize) -> Result<(), Error> {
        if !self.lenient() {
            let mut pointer = self.pointer();
            pointer.push('/');
            push_pointer_token(&mut pointer, key);
            return Err(Error::at_offset(
                ErrorKind::DuplicateKey,
                pointer,
                at,
                format!("duplicate member `{key}`"),
            ));
        }
        self.log.report(
            DiagnosticKind::DuplicateKey,
            Some(key),
            Some(at),
            format!("duplicate member `{key}`: the last one is kept"),
        );
        Ok(())
    }

    /// Inserts a member into a raw map, handling a duplicate name by the mode's rule.
    pub(crate) fn insert(
        &mut self,
        map: &mut Map<String, Value>,
        key: String,
        value: Value,
        at: usize,
    ) -> Result<(), Error> {
        if map.contains_key(&key) {
            self.duplicate(&key, at)?;
        }
        map.insert(key, value);
        Ok(())
    }

    /// What lenient reading stepped over (comments, trailing commas, BOM) or closed
    /// at the end of the input.
    pub(crate) fn fixes(&self) -> &[crate::json::Fix] {
        self.read.fixes()
    }

    /// The diagnostics, positioned and in input order.
    pub(crate) fn into_diagnostics(self) -> Vec<Diagnostic> {
        let bytes = self.read.bytes();
        let Log {
            mut diags, dropped, ..
        } = self.log;
        diags.sort_by_key(|d| d.position.map_or(usize::MAX, |p| p.offset));
        let mut cursor = LineCursor::new(bytes);
        for position in diags.iter_mut().filter_map(|d| d.position.as_mut()) {
            *position = cursor.locate(position.offset);
        }
        if dropped > 0 {
            diags.push(Diagnostic {
                pointer: String::new(),
                kind: DiagnosticKind::Truncated,
                message: format!("{dropped} more diagnostics were not kept"),
                position: None,
            });
        }
        diags
    }

    // ----------------------------------------------------------- going back

    /// Where the decoder is now, to come back to.
    pub(crate) fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            at: self.read.mark(),
            fixes: self.read.fixes().len(),
            path: self.log.path.len(),
            diags: self.log.diags.len(),
            pointer_bytes: self.log.pointer_bytes,
            dropped: self.log.dropped,
        }
    }

    /// The value that began at `cp`, read again as raw JSON, the reader left where it
    /// is now (at its end) and what was reported since `cp` kept.
    pub(crate) fn raw_since(&mut self, cp: Checkpoint) -> Result<Value, Error> {
        let end = self.checkpoint();
        let reported: Vec<Diagnostic> = self.log.diags.drain(cp.diags..).collect();
        // Read again, the same text gives the same tolerances (fixes) as the first
        // time, and ends where the first read ended.
        self.read.rewind(cp.at);
        self.read.truncate_fixes(cp.fixes);
        let raw = self.value();
        self.log.diags.truncate(cp.diags);
        self.log.diags.extend(reported);
        self.log.pointer_bytes = end.pointer_bytes;
        self.log.dropped = end.dropped;
        raw
    }

    /// Goes back to `cp`, forgetting whatever was read and reported since.
    pub(crate) fn restore(&mut self, cp: Checkpoint) {
        self.read.rewind(cp.at);
        self.read.truncate_fixes(cp.fixes);
        self.log.path.truncate(cp.path);
        self.log.diags.truncate(cp.diags);
        self.log.pointer_bytes = cp.pointer_bytes;
        self.log.dropped = cp.dropped;
    }

    /// Steps over the value of member `key`, which comes next, to be read later with
    /// [`revisit`](Self::revisit); returns where it starts, and the key. What reading
    /// it would report is reported then (but for syntax errors, which end the decode
    /// now).
    pub(crate) fn skip_for_later(&mut self, key: Cow<'a, str>) -> Result<Deferred<'a>, Error> {
        self.peek()?;
        self.push_key(key);
        let cp = self.checkpoint();
        self.skip_value()?;
        let after = self.read.mark();
        self.restore(cp);
        let start = self.read.mark();
        self.read.rewind(after);
        let key = self.pop_key();
        Ok(Deferred { start, key })
    }

    /// Reads, with `f`, a value skipped earlier (given its member's name), then
    /// comes back.
    pub(crate) fn revisit<T>(
        &mut self,
        deferred: Deferred<'a>,
        f: impl FnOnce(&mut Self, Cow<'a, str>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let here = self.read.mark();
        self.read.rewind(deferred.start);
        let result = f(self, deferred.key);
        self.read.rewind(here);
        result
    }

    // ------------------------------------------------------------- context

    /// Runs `f` with `context` as what enclosing objects say, then restores the
    /// context it replaced.
    pub(crate) fn in_context<T>(
        &mut self,
        context: Option<Context>,
        f: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let outer = std::mem::replace(&mut self.context, context);
        let result = f(self);
        self.context = outer;
        result
    }

    /// What the enclosing object says the untyped objects being read are.
    pub(crate) fn context(&self) -> Option<Context> {
        self.context
    }
}

/// Appends `token` to a JSON pointer, escaped per RFC 6901.
pub(crate) fn push_pointer_token(pointer: &mut String, token: &str) {
    if !token.bytes().any(|b| b == b'~' || b == b'/') {
        pointer.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}
