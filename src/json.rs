//! Layer 1: reading JSON text. Nothing here knows about Graph.
//!
//! [`Reader`] is a pull reader over one byte slice: whitespace, the structure of
//! objects and arrays (with their nesting depth), literals, numbers and strings. It is
//! strict JSON (RFC 8259) unless it is lenient, in which case it also steps over what
//! the official documents publish — comments, trailing commas, a byte-order mark,
//! lone surrogate escapes, closing brackets missing at the end — recording each
//! [`Fix`] a repair has to make, and telling its [`Trace`] what it tolerated.
//!
//! The reader does not track where in the document it is: its [`Trace`] does, and
//! gives the JSON pointer of an error when one is made. Because the input is one
//! slice, any position can be returned to ([`Reader::mark`], [`Reader::rewind`]).

mod read;
mod scan;

pub(crate) use read::{DEFER_CONTROLS, Fix, Mark, Num, Reader, Tolerance, Trace};
