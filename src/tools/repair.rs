//! The repair pass: the JSON that the official documents publish, made standard.
//!
//! [`repair`] reads its input as lenient decoding does and blanks out what standard
//! JSON does not allow — comments, trailing commas, a byte-order mark — with spaces
//! (newlines are kept), and appends the closing brackets of the objects and arrays
//! the input left open at its end. Nothing moves: every byte offset, line and column
//! of the input is the same in the repaired text, so positions reported on either
//! agree.

use std::borrow::Cow;

use crate::json::Fix;
use crate::{DecodeOptions, Diagnostic, Error};

/// Standard JSON made from the input, and what was blanked out to make it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Repaired<'a> {
    /// The repaired text: the input itself when nothing needed repair.
    pub text: Cow<'a, [u8]>,
    /// One diagnostic per repair (`trailing_comma`, `comment`, `bom`, `unclosed`), in input order,
    /// and a `lone_surrogate` for each `\u` escape that names half a surrogate pair:
    /// the text keeps it (it is well-formed JSON), decoding reads it as U+FFFD.
    pub diagnostics: Vec<Diagnostic>,
}

/// Repairs `input` with the default limits. See [`DecodeOptions::repair`].
///
/// # Errors
/// As [`DecodeOptions::repair`].
///
/// # Examples
/// ```
/// let r = graph_comms::repair(b"{\"a\": [1, 2,], // two\n}")?;
/// assert_eq!(&*r.text, b"{\"a\": [1, 2 ]        \n}");
/// let kinds: Vec<_> = r.diagnostics.iter().map(|d| d.kind.as_str()).collect();
/// assert_eq!(kinds, ["trailing_comma", "trailing_comma", "comment"]);
/// # Ok::<(), graph_comms::Error>(())
/// ```
pub fn repair(input: &[u8]) -> Result<Repaired<'_>, Error> {
    DecodeOptions::lenient().repair(input)
}

impl DecodeOptions {
    /// Repairs `input` into standard JSON (whatever the mode of `self`; its limits
    /// apply), or fails where even lenient reading cannot go on.
    ///
    /// # Errors
    /// When the input is too long, not UTF-8, nested too deep, or not JSON even as the
    /// documents write it; the error gives the pointer and position.
    pub fn repair<'a>(&self, input: &'a [u8]) -> Result<Repaired<'a>, Error> {
        let options = DecodeOptions {
            mode: crate::Mode::Lenient,
            ..self.clone()
        };
        let mut d = options.decoder(input)?;
        let read = d
            .byte_order_mark()
            .and_then(|()| d.skip_value())
            .and_then(|()| d.end());
        if let Err(e) = read {
            return Err(e.located(input));
        }
        let text = if d.fixes().is_empty() {
            Cow::Borrowed(input)
        } else {
            let mut text = input.to_vec();
            for fix in d.fixes() {
                match fix {
                    Fix::Blank(span) => {
                        for b in &mut text[span.clone()] {
                            if !matches!(*b, b'\n' | b'\r') {
                                *b = b' ';
                            }
                        }
                    }
                    Fix::Close(closer) => text.push(*closer),
                }
            }
            Cow::Owned(text)
        };
        Ok(Repaired {
            text,
            diagnostics: d.into_diagnostics(),
        })
    }
}
