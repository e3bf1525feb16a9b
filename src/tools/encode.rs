//! Encoding: canonical JSON for every type of the crate.
//!
//! Every type implements [`serde::Serialize`] as its canonical encoding: members
//! that are absent (or `None`) are left out, `@odata.type` comes first when the
//! value carries it, then the declared members in the metadata's order (base type
//! first), then the members kept in `extra`. Encoding cannot fail.

use serde::Serialize;
use serde_json::Value;

/// Encodes `value` as compact canonical JSON.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    write(&mut out, value, false);
    out
}

/// Encodes `value` as pretty-printed (two-space indented) canonical JSON.
pub fn to_vec_pretty<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(512);
    write(&mut out, value, true);
    out
}

/// Encodes `value` as compact canonical JSON text.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    String::from_utf8(to_vec(value)).unwrap_or_default()
}

/// Encodes `value` as pretty-printed canonical JSON text.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    String::from_utf8(to_vec_pretty(value)).unwrap_or_default()
}

/// Encodes `value` as a [`serde_json::Value`] tree.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Writes `value` to `out`. The crate's types and `serde_json` values serialize
/// without error into memory (every map key is a string, every number finite), so
/// the `Result` carries nothing here.
fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T, pretty: bool) {
    let result = if pretty {
        serde_json::to_writer_pretty(&mut *out, value)
    } else {
        serde_json::to_writer(&mut *out, value)
    };
    debug_assert!(result.is_ok(), "encoding into memory failed: {result:?}");
}
