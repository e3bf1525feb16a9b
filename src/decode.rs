//! Layer 2: the decoding machinery every Graph type is read with.
//!
//! Above the [JSON reader](crate::json), the [`Decoder`] keeps what decoding a Graph
//! payload needs and the reader does not: the path from the root to the value being
//! read (for JSON pointers), the diagnostics, checkpoints to return to after a failed
//! attempt, members skipped to be read later, and the context an enclosing object
//! gives its members. On it are built:
//!
//! - [`members`]: objects, read member by member into typed fields, with unknown
//!   and mistyped members kept raw and the object's own `@odata.type` checked;
//! - [`dispatch`]: polymorphic points, chosen by `@odata.type`, or without one by the
//!   declared type, the members, or the enclosing object's context;
//! - [`values`]: the JSON values objects are made of, and raw values kept as they are;
//! - [`transcode`]: `serde::Deserialize` for every decodable type, from any serde
//!   data format, through the same lenient decoding.
//!
//! None of it knows a Graph type by name: the types are declared in the model with
//! the [declaration mechanism](crate::declare), which implements the traits here.

mod decoder;
mod diagnostic;
mod dispatch;
mod members;
pub(crate) mod odata;
mod raw;
mod transcode;
mod unknown;
mod values;

pub(crate) use decoder::{Context, Decoder, push_pointer_token};
pub use diagnostic::{Diagnostic, DiagnosticKind, Severity};
#[cfg(feature = "schema")]
pub(crate) use dispatch::each_variant;
pub(crate) use dispatch::{
    Case, Evidence, Nest, Polymorphic, Untagged, Variant, decode_polymorphic, root_members,
    root_type,
};
pub(crate) use members::{MemberState, Object};
pub use raw::Raw;
pub(crate) use transcode::deserialize;
pub use unknown::UnknownObject;
pub use values::OneOrMany;

use crate::json::Reader;
use crate::{Error, ErrorKind};

/// How strictly to read the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
// Closed by nature: matched and built by users as it is.
#[allow(clippy::exhaustive_enums)]
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
    /// Whether an enum value in another case than the crate writes (`Running` for
    /// `running`), which decoding keeps as it came, is also reported, as a
    /// [`DiagnosticKind::Case`] note. Default: no.
    pub report_case: bool,
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
            report_case: false,
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

    /// These options with [`report_case`](Self::report_case) set.
    pub fn with_report_case(mut self, report: bool) -> Self {
        self.report_case = report;
        self
    }

    /// These options with [`max_diagnostics`](Self::max_diagnostics) set.
    pub fn with_max_diagnostics(mut self, count: usize) -> Self {
        self.max_diagnostics = count;
        self
    }

    /// Decodes `input` as a `T`.
    ///
    /// In a build for CPUs with AVX2 (`-C target-cpu=x86-64-v3` or `native`), input
    /// in error is read twice: the first reading finds the ends of strings with
    /// SIMD and leaves the control characters JSON forbids in them to one count over
    /// the whole input; the error returned, and its position, come from a second
    /// reading that checks every string as it goes.
    ///
    /// # Errors
    /// When the input is too long, not UTF-8, not JSON (in lenient mode: not even
    /// JSON as the documents write it), nested too deep, or — in strict mode — has a
    /// value of the wrong type or a duplicate member; in both modes when the root
    /// itself is not a `T`.
    pub fn decode<T: Decode>(&self, input: &[u8]) -> Result<Decoded<T>, Error> {
        self.decode_as(input, crate::json::DEFER_CONTROLS)
    }

    /// [`decode`](Self::decode), with strings first scanned for their ends only when
    /// `defer` (see [`Reader::defer_controls`](crate::json::Reader::defer_controls)):
    /// input in error (a control character in a string included) is then read again
    /// with every string checked, and the error, and where it is, are those of that
    /// reading.
    #[inline(always)]
    pub(crate) fn decode_as<T: Decode>(
        &self,
        input: &[u8],
        defer: bool,
    ) -> Result<Decoded<T>, Error> {
        let Some((value, read)) = T::in_place() else {
            return self.decode_by_value(input, defer);
        };
        // An object is read into the value returned: moved there at the end, a call
        // (1.8 kB) would be copied on each way out.
        let mut out = Decoded {
            value,
            diagnostics: Vec::new(),
        };
        if defer {
            let mut d = self.decoder(input)?;
            d.read.defer_controls();
            if Self::read_root(&mut d, |d| read(d, &mut out.value)).is_ok() {
                out.diagnostics = d.into_diagnostics();
                return Ok(out);
            }
            if let Some((fresh, _)) = T::in_place() {
                out.value = fresh;
            }
        }
        let mut d = self.decoder(input)?;
        if let Err(e) = Self::read_root(&mut d, |d| read(d, &mut out.value)) {
            return Err(e.located(input));
        }
        out.diagnostics = d.into_diagnostics();
        Ok(out)
    }

    /// [`decode_as`](Self::decode_as) for a type read by value.
    fn decode_by_value<T: Decode>(&self, input: &[u8], defer: bool) -> Result<Decoded<T>, Error> {
        if defer {
            let mut d = self.decoder(input)?;
            d.read.defer_controls();
            if let Ok(value) = Self::read_root(&mut d, T::decode) {
                return Ok(Decoded {
                    value,
                    diagnostics: d.into_diagnostics(),
                });
            }
        }
        let mut d = self.decoder(input)?;
        match Self::read_root(&mut d, T::decode) {
            Ok(value) => Ok(Decoded {
                value,
                diagnostics: d.into_diagnostics(),
            }),
            Err(e) => Err(e.located(input)),
        }
    }

    /// Reads the whole document with `read`: a byte order mark, the value, the end.
    #[inline(always)]
    fn read_root<'a, R>(
        d: &mut Decoder<'a>,
        read: impl FnOnce(&mut Decoder<'a>) -> Result<R, Error>,
    ) -> Result<R, Error> {
        d.byte_order_mark()?;
        let value = read(d)?;
        d.end()?;
        Ok(value)
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
        // The fast check first (SIMD where the CPU has it); the standard one only to
        // say where invalid input goes wrong.
        let src = match simdutf8::basic::from_utf8(input) {
            Ok(src) => Ok(src),
            Err(_) => std::str::from_utf8(input),
        }
        .map_err(|e| {
            Error::at_offset(
                ErrorKind::Utf8,
                String::new(),
                e.valid_up_to(),
                "invalid UTF-8".to_owned(),
            )
            .located(input)
        })?;
        let read = Reader::new(
            src,
            self.max_depth.min(Self::MAX_DEPTH_LIMIT),
            self.mode == Mode::Lenient,
        );
        let mut d = Decoder::new(read, self.max_diagnostics);
        d.report_case = self.report_case;
        Ok(d)
    }
}

/// A decoded value and the diagnostics its decoding produced.
#[derive(Clone, Debug, PartialEq)]
// Closed by nature: matched and built by users as it is.
#[allow(clippy::exhaustive_structs)]
pub struct Decoded<T> {
    /// The value.
    pub value: T,
    /// What was tolerated, kept or changed, in input order. Empty for a payload that
    /// is exactly what the metadata describes.
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Decoded<T> {
    /// The warnings among the diagnostics: what a service should log, the notes
    /// (inferred types, kept unknown types and values, the documents' syntax) left
    /// out.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_warning())
    }

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
/// (strings, booleans, integers, arrays, [`serde_json::Value`]) they are made of.
///
/// The trait is sealed: its one method lives in a supertrait that cannot be named
/// outside the crate, so it can be used as a bound but not implemented elsewhere.
pub trait Decode: sealed::Decodable {}

impl<T: sealed::Decodable> Decode for T {}

/// The sealed half of [`Decode`], and the decoder it reads from.
pub(crate) mod sealed {
    use super::Decoder;
    use crate::Error;

    /// How a type reads itself from the decoder.
    pub trait Decodable: Sized {
        /// Whether the type is a JSON array (for telling a shape error from a type error).
        const IS_ARRAY: bool = false;

        /// Whether a value may hold enum values, whose received spelling the object
        /// holding it keeps (directly: an enum, or a list or option of them).
        const SPELLED: bool = false;

        /// Reads one value.
        fn decode(d: &mut Decoder<'_>) -> Result<Self, Error>;

        /// A value to read a whole document into in place, and the reading: for an
        /// object type, its default and its members read into it, so that a large
        /// root value (a call) is built where it is returned rather than moved
        /// there. `None` for the other types, which are read by value.
        #[inline(always)]
        fn in_place() -> Option<(Self, InPlace<Self>)> {
            None
        }
    }

    /// Reads a value into the place [`Decodable::in_place`] made for it.
    pub(crate) type InPlace<T> = fn(&mut Decoder<'_>, &mut T) -> Result<(), Error>;
}
