//! Decoding: the two modes, their options, the entry points, and the decoder that
//! every type of the crate reads itself with.

mod object;
mod reader;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

use serde_json::{Map, Value};

use crate::error::LineCursor;
use crate::{Diagnostic, DiagnosticKind, Error, ErrorKind};

pub(crate) use object::{
    MemberState, Object, Polymorphic, Variant, decode_polymorphic, decode_untagged, resolve,
};

/// How strictly to read the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Mode {
    /// Standard JSON only; a value of the wrong type or shape is an error.
    Strict,
    /// Also accepts what the official documents publish (trailing commas, comments, a
    /// byte-order mark) and keeps mistyped values raw; every tolerance is reported as
    /// a [`Diagnostic`]. On input that is already strict JSON it costs the same as
    /// strict mode: the tolerances are handled where they occur, in the same pass.
    #[default]
    Lenient,
}

/// Options for decoding; [`DecodeOptions::lenient`] is the default.
///
/// The limits make decoding safe on hostile input: every input either decodes or
/// fails with an [`Error`] in time proportional to its length.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeOptions {
    /// Strict or lenient.
    pub mode: Mode,
    /// The longest input accepted, in bytes. Default: 16 MiB, some twenty times
    /// the roster notification of a thousand participants.
    ///
    /// Decoded values take about twice the input's size for payloads like Graph's,
    /// but a hostile input made of empty objects (`[{},{},…]` where participants
    /// belong) takes up to some 230 times its size, as each `{}` becomes a whole
    /// struct: set this limit to what a service expects to receive.
    pub max_input_len: usize,
    /// The deepest nesting of arrays and objects accepted. Default: 128. Values above
    /// [`DecodeOptions::MAX_DEPTH_LIMIT`] are treated as that limit.
    pub max_depth: usize,
    /// How many diagnostics are kept; beyond that they are counted in one final
    /// [`DiagnosticKind::Truncated`] diagnostic. Default: 1000.
    ///
    /// Fewer are kept when their JSON pointers would add up to more bytes than the
    /// input's length plus 64 KiB (possible only under very long member names), so
    /// that the diagnostics of any input take memory in proportion to it.
    pub max_diagnostics: usize,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self::lenient()
    }
}

impl DecodeOptions {
    /// The ceiling on [`max_depth`](Self::max_depth): decoding recurses once per level,
    /// and this keeps it within a 2 MiB thread stack (the default for spawned threads),
    /// in a debug build too, where one level takes about 2 KiB.
    pub const MAX_DEPTH_LIMIT: usize = 512;

    /// Lenient decoding with the default limits.
    pub fn lenient() -> Self {
        DecodeOptions {
            mode: Mode::Lenient,
            max_input_len: 16 << 20,
            max_depth: 128,
            max_diagnostics: 1000,
        }
    }

    /// Strict decoding with the default limits.
    pub fn strict() -> Self {
        DecodeOptions {
            mode: Mode::Strict,
            ..Self::lenient()
        }
    }

    /// These options with [`max_input_len`](Self::max_input_len) set.
    pub fn with_max_input_len(mut self, bytes: usize) -> Self {
        self.max_input_len = bytes;
        self
    }

    /// These options with [`max_depth`](Self::max_depth) set.
    pub fn with_max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// These options with [`max_diagnostics`](Self::max_diagnostics) set.
    pub fn with_max_diagnostics(mut self, count: usize) -> Self {
        self.max_diagnostics = count;
        self
    }

    /// Decodes `input` as a `T`.
    ///
    /// # Errors
    /// When the input is too long, not UTF-8, not JSON (in lenient mode: not even
    /// JSON as the documents write it), nested too deep, or — in strict mode — has a
    /// value of the wrong type or a duplicate member; in both modes when the root
    /// itself is not a `T`.
    pub fn decode<T: Decode>(&self, input: &[u8]) -> Result<Decoded<T>, Error> {
        let mut d = self.decoder(input)?;
        // Checked before the value is read, so that a large value is moved only once.
        if let Err(e) = d.byte_order_mark() {
            return Err(e.located(input));
        }
        let value = match T::decode(&mut d) {
            Ok(value) => value,
            Err(e) => return Err(e.located(input)),
        };
        if let Err(e) = d.end() {
            return Err(e.located(input));
        }
        Ok(Decoded {
            value,
            diagnostics: d.into_diagnostics(),
        })
    }

    /// A decoder over `input`, after the checks that come before any parsing.
    pub(crate) fn decoder<'a>(&self, input: &'a [u8]) -> Result<Decoder<'a>, Error> {
        if input.len() > self.max_input_len {
            return Err(Error::new(
                ErrorKind::TooLarge,
                String::new(),
                None,
                format!(
                    "input of {} bytes is longer than the limit of {} bytes",
                    input.len(),
                    self.max_input_len
                ),
            ));
        }
        let src = std::str::from_utf8(input).map_err(|e| {
            Error::at_offset(
                ErrorKind::Utf8,
                String::new(),
                e.valid_up_to(),
                "invalid UTF-8".to_owned(),
            )
            .located(input)
        })?;
        Ok(Decoder {
            src,
            bytes: input,
            pos: 0,
            depth: 0,
            max_depth: self.max_depth.min(Self::MAX_DEPTH_LIMIT),
            lenient: self.mode == Mode::Lenient,
            path: Vec::with_capacity(16),
            diags: Vec::new(),
            max_diags: self.max_diagnostics,
            pointer_bytes: 0,
            pointer_budget: input.len().saturating_add(POINTER_BUDGET_FLOOR),
            dropped: 0,
            blanks: Vec::new(),
            resource_path: None,
            retype: false,
        })
    }
}

/// A decoded value and the diagnostics its decoding produced.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Decoded<T> {
    /// The value.
    pub value: T,
    /// What was tolerated, kept or changed, in input order. Empty for a payload that
    /// is exactly what the metadata describes.
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Decoded<T> {
    /// The value, dropping the diagnostics.
    pub fn into_value(self) -> T {
        self.value
    }

    /// Applies `f` to the value, keeping the diagnostics.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Decoded<U> {
        Decoded {
            value: f(self.value),
            diagnostics: self.diagnostics,
        }
    }
}

/// Decodes `input` leniently as a `T`. See [`DecodeOptions::decode`].
///
/// # Errors
/// As [`DecodeOptions::decode`].
///
/// # Examples
/// ```
/// use graph_comms::{from_slice, notification::CommsNotifications};
///
/// let body = br##"{"value": [{"changeType": "deleted", "resourceUrl": "/communications/calls/abc",}]}"##;
/// let decoded = from_slice::<CommsNotifications>(body)?;
/// assert_eq!(decoded.value.value.as_ref().map(Vec::len), Some(1));
/// assert_eq!(decoded.diagnostics[0].kind.as_str(), "trailing_comma");
/// # Ok::<(), graph_comms::Error>(())
/// ```
pub fn from_slice<T: Decode>(input: &[u8]) -> Result<Decoded<T>, Error> {
    DecodeOptions::lenient().decode(input)
}

/// Decodes `input` leniently as a `T`. See [`DecodeOptions::decode`].
///
/// # Errors
/// As [`DecodeOptions::decode`].
pub fn from_str<T: Decode>(input: &str) -> Result<Decoded<T>, Error> {
    from_slice(input.as_bytes())
}

/// A type this crate can decode: every Graph type it models, and the JSON values
/// (strings, booleans, integers, arrays, [`Value`]) they are made of.
///
/// It cannot be implemented outside the crate.
pub trait Decode: Sized {
    /// Whether the type is a JSON array (for telling a shape error from a type error).
    #[doc(hidden)]
    const IS_ARRAY: bool = false;

    /// Reads one value.
    #[doc(hidden)]
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error>;
}

/// What the kept diagnostics' pointers may add up to beyond the input's length.
const POINTER_BUDGET_FLOOR: usize = 64 << 10;

/// One step of the path from the root to the value being read.
#[derive(Debug)]
pub(crate) enum Seg<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

/// A diagnostic before its position is worked out.
#[derive(Debug)]
struct Pending {
    kind: DiagnosticKind,
    pointer: String,
    message: String,
    offset: Option<usize>,
}

/// A member's value skipped to be read later: where it starts, and the member's name.
#[derive(Debug)]
pub(crate) struct Deferred<'a> {
    pub(crate) start: (usize, usize),
    pub(crate) key: Cow<'a, str>,
}

/// Everything a decoder can return to after a failed attempt.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Checkpoint {
    pos: usize,
    depth: usize,
    path: usize,
    diags: usize,
    pointer_bytes: usize,
    dropped: usize,
    blanks: usize,
}

/// The state of one decode: the input, where the reader is, the path to the current
/// value, and what has been reported. Not constructible outside the crate.
#[derive(Debug)]
pub struct Decoder<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    max_depth: usize,
    lenient: bool,
    path: Vec<Seg<'a>>,
    diags: Vec<Pending>,
    max_diags: usize,
    /// The length of the kept diagnostics' pointers, added up.
    pointer_bytes: usize,
    /// The most `pointer_bytes` may reach.
    pointer_budget: usize,
    dropped: usize,
    blanks: Vec<Range<usize>>,
    /// What the enclosing notification's resource path says untyped resources are.
    pub(crate) resource_path: Option<crate::notification::PathKind>,
    /// Set when an object whose type was chosen by its first member has another
    /// `@odata.type` member: the dispatcher reads it again (see `decode_polymorphic`).
    pub(crate) retype: bool,
}

impl<'a> Decoder<'a> {
    /// The spans that lenient reading stepped over (comments, trailing commas, BOM).
    pub(crate) fn blanks(&self) -> &[Range<usize>] {
        &self.blanks
    }

    /// The JSON pointer of the current value.
    pub(crate) fn pointer(&self) -> String {
        let mut p = String::new();
        for seg in &self.path {
            p.push('/');
            match seg {
                Seg::Key(k) => push_pointer_token(&mut p, k),
                Seg::Index(i) => {
                    let _ = write!(p, "{i}");
                }
            }
        }
        p
    }

    /// Records a diagnostic at the current path.
    pub(crate) fn report_at(
        &mut self,
        kind: DiagnosticKind,
        offset: Option<usize>,
        message: String,
    ) {
        if let Some(pointer) = self.diagnostic_pointer(None) {
            self.diags.push(Pending {
                kind,
                pointer,
                message,
                offset,
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
        let least = self
            .path
            .iter()
            .map(|seg| match seg {
                Seg::Key(k) => 1 + k.len(),
                Seg::Index(_) => 2,
            })
            .sum::<usize>()
            + key.map_or(0, |k| 1 + k.len());
        if self.pointer_bytes.saturating_add(least) > self.pointer_budget {
            self.dropped += 1;
            return None;
        }
        let mut pointer = self.pointer();
        if let Some(key) = key {
            pointer.push('/');
            push_pointer_token(&mut pointer, key);
        }
        self.pointer_bytes += pointer.len();
        Some(pointer)
    }

    /// Where the decoder is now, to come back to.
    pub(crate) fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            pos: self.pos,
            depth: self.depth,
            path: self.path.len(),
            diags: self.diags.len(),
            pointer_bytes: self.pointer_bytes,
            dropped: self.dropped,
            blanks: self.blanks.len(),
        }
    }

    /// Goes back to `cp`, forgetting whatever was read and reported since.
    pub(crate) fn restore(&mut self, cp: Checkpoint) {
        self.pos = cp.pos;
        self.depth = cp.depth;
        self.path.truncate(cp.path);
        self.diags.truncate(cp.diags);
        self.pointer_bytes = cp.pointer_bytes;
        self.dropped = cp.dropped;
        self.blanks.truncate(cp.blanks);
    }

    /// Steps over the value of member `key`, which comes next, to be read later with
    /// [`revisit`](Self::revisit); returns where it starts, and the key. What reading
    /// it would report is reported then (but for syntax errors, which end the decode
    /// now).
    pub(crate) fn skip_for_later(&mut self, key: Cow<'a, str>) -> Result<Deferred<'a>, Error> {
        self.peek()?;
        self.path.push(Seg::Key(key));
        let cp = self.checkpoint();
        self.skip_value()?;
        let after = self.pos;
        self.restore(cp);
        let start = (self.pos, self.depth);
        self.pos = after;
        let key = self.pop_key();
        Ok(Deferred { start, key })
    }

    /// Reads, with `f`, a value skipped earlier at `start`, then comes back.
    pub(crate) fn revisit<T>(
        &mut self,
        (pos, depth): (usize, usize),
        f: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let (here, here_depth) = (self.pos, self.depth);
        self.pos = pos;
        self.depth = depth;
        let result = f(self);
        self.pos = here;
        self.depth = here_depth;
        result
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

    /// A member named twice: an error when strict, reported (last one kept) when lenient.
    pub(crate) fn duplicate(&mut self, key: &str, at: usize) -> Result<(), Error> {
        if !self.lenient {
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
        if let Some(pointer) = self.diagnostic_pointer(Some(key)) {
            self.diags.push(Pending {
                kind: DiagnosticKind::DuplicateKey,
                pointer,
                message: format!("duplicate member `{key}`: the last one is kept"),
                offset: Some(at),
            });
        }
        Ok(())
    }

    /// The diagnostics, positioned and in input order.
    pub(crate) fn into_diagnostics(self) -> Vec<Diagnostic> {
        let Decoder {
            bytes,
            mut diags,
            dropped,
            ..
        } = self;
        diags.sort_by_key(|p| p.offset.unwrap_or(usize::MAX));
        let mut cursor = LineCursor::new(bytes);
        let mut out: Vec<Diagnostic> = diags
            .into_iter()
            .map(|p| Diagnostic {
                pointer: p.pointer,
                kind: p.kind,
                message: p.message,
                position: p.offset.map(|o| cursor.locate(o)),
            })
            .collect();
        if dropped > 0 {
            out.push(Diagnostic {
                pointer: String::new(),
                kind: DiagnosticKind::Truncated,
                message: format!("{dropped} more diagnostics were not kept"),
                position: None,
            });
        }
        out
    }
}

/// Appends `token` to a JSON pointer, escaped per RFC 6901.
pub(crate) fn push_pointer_token(pointer: &mut String, token: &str) {
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

// ------------------------------------------------------------------ the JSON values

impl Decode for String {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.string().map(Cow::into_owned)
    }
}

impl Decode for bool {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.boolean()
    }
}

impl Decode for i32 {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.integer("a 32-bit integer")
    }
}

impl Decode for i64 {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.integer("a 64-bit integer")
    }
}

impl Decode for Value {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.value()
    }
}

impl<T: Decode> Decode for Vec<T> {
    const IS_ARRAY: bool = true;

    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.begin_array("an array")?;
        let mut items = Vec::new();
        let mut first = true;
        while d.next_element(&mut first)? {
            d.path.push(Seg::Index(items.len()));
            items.push(T::decode(d)?);
            d.path.pop();
        }
        Ok(items)
    }
}
