//! The round-trip guarantee, as a check anyone can run on their own payloads.
//!
//! Decoding a payload and encoding it again gives back the input, apart from
//!
//! - the order of members,
//! - members whose value is `null` (absent and `null` are the same), and
//! - exactly the changes a diagnostic reported (a spelling made canonical, a
//!   duplicate member dropped, a lone surrogate replaced): a difference is explained
//!   when a diagnostic of such a kind points at it or at a value that contains it.
//!
//! And decoding the encoding gives an equal value.

use serde_json::{Map, Value};

use crate::decode::push_pointer_token;
use crate::tools::by_name::{self, GraphValue};
use crate::{DecodeOptions, Decoded, Diagnostic, Error};

/// The outcome of [`check`] on one payload.
#[derive(Debug)]
#[non_exhaustive]
pub struct RoundTrip {
    /// The decoded payload and its diagnostics.
    pub decoded: Decoded<Box<dyn GraphValue>>,
    /// Its canonical encoding.
    pub encoded: Vec<u8>,
    /// Where the encoding differs from the input and no diagnostic says why.
    pub unexplained: Vec<Difference>,
    /// Why decoding the encoding did not give an equal value, if it did not.
    pub unstable: Option<String>,
}

impl RoundTrip {
    /// Whether the guarantee holds for this payload.
    pub fn holds(&self) -> bool {
        self.unexplained.is_empty() && self.unstable.is_none()
    }
}

/// One place where the encoding differs from the input.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Difference {
    /// JSON pointer of the place.
    pub pointer: String,
    /// The input's value there (`None`: absent or `null`).
    pub input: Option<Value>,
    /// The encoding's value there (`None`: absent).
    pub encoded: Option<Value>,
}

/// Decodes `input` as `type_name` (or as its root `@odata.type` names), encodes it,
/// and checks the round-trip guarantee.
///
/// # Errors
/// When the input does not decode (see [`by_name::decode_as`]).
pub fn check(
    options: &DecodeOptions,
    type_name: Option<&str>,
    input: &[u8],
) -> Result<RoundTrip, Error> {
    let decoded = by_name::decode_as(options, type_name, input)?;
    let encoded_value = decoded.value.to_json();
    let encoded = decoded.value.to_vec();

    let unstable = match by_name::decode_as(options, Some(decoded.value.type_name()), &encoded) {
        Ok(again) if again.value.eq_value(&*decoded.value) => None,
        Ok(again) => Some(format!(
            "decoding the encoding gave another value: {:?}",
            again.value
        )),
        Err(e) => Some(format!("the encoding does not decode: {e}")),
    };

    // The input as plain JSON, read as leniently as it was decoded.
    let input_value = DecodeOptions {
        max_depth: DecodeOptions::MAX_DEPTH_LIMIT,
        ..options.clone()
    }
    .decode::<Value>(input)?
    .value;
    let mut differences = Vec::new();
    diff(
        &mut String::new(),
        Some(&strip_nulls(input_value)),
        Some(&strip_nulls(encoded_value)),
        &mut differences,
    );
    differences.retain(|d| !explained(&d.pointer, &decoded.diagnostics));
    Ok(RoundTrip {
        decoded,
        encoded,
        unexplained: differences,
        unstable,
    })
}

/// Whether a diagnostic that changes values points at `pointer` or above it.
fn explained(pointer: &str, diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| {
        d.kind.changes_value()
            && pointer.starts_with(&d.pointer)
            && matches!(pointer.as_bytes().get(d.pointer.len()), None | Some(b'/'))
    })
}

/// `value` without the members whose value is `null`, at any depth.
fn strip_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect::<Map<String, Value>>(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}

/// Collects the pointers where `a` and `b` differ, as deep as they both go.
fn diff(pointer: &mut String, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Difference>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let len = pointer.len();
                pointer.push('/');
                push_pointer_token(pointer, key);
                diff(pointer, x.get(key), y.get(key), out);
                pointer.truncate(len);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) if x.len() == y.len() => {
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                diff(pointer, Some(u), Some(v), out);
                pointer.truncate(len);
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(Difference {
            pointer: pointer.clone(),
            input: a.cloned(),
            encoded: b.cloned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_are_found_at_their_pointer() {
        let a = serde_json::json!({"x": {"y": [1, 2]}, "z": "a"});
        let b = serde_json::json!({"x": {"y": [1, 3]}, "w": 1});
        let mut out = Vec::new();
        diff(&mut String::new(), Some(&a), Some(&b), &mut out);
        let pointers: Vec<_> = out.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["/x/y/1", "/z", "/w"]);
    }

    #[test]
    fn a_spelling_explains_what_is_below_it_only() {
        let d = Diagnostic {
            pointer: "/state".into(),
            kind: crate::DiagnosticKind::Spelling,
            message: String::new(),
            position: None,
        };
        assert!(explained("/state", std::slice::from_ref(&d)));
        assert!(!explained("/stateX", std::slice::from_ref(&d)));
        let info = Diagnostic {
            kind: crate::DiagnosticKind::UnknownEnumValue,
            ..d
        };
        assert!(!explained("/state", &[info]));
    }

    #[test]
    fn nulls_are_absent() {
        let v = strip_nulls(serde_json::json!({"a": null, "b": [{"c": null, "d": 1}]}));
        assert_eq!(v, serde_json::json!({"b": [{"d": 1}]}));
    }
}
