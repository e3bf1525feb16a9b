//! `serde::Deserialize` for every type the crate decodes, from any serde data format.
//!
//! What a deserializer gives — `serde_json` text or a [`serde_json::Value`], YAML,
//! MessagePack — is written out as JSON text, which the [`Decoder`](super::Decoder)
//! then reads leniently, with the default [`DecodeOptions`]. So a value deserialized
//! through serde is exactly the value [`from_slice`](super::from_slice) gives for the
//! same JSON when its decoding says nothing worse than notes: unknown members, types
//! and enum values kept, types inferred. A decode that would carry a warning (a value
//! kept raw, dropped or repaired, a required member missing, a callback body that is
//! not notifications) is an error naming the pointer and the kind, since serde users
//! have no diagnostics to read; `from_slice` is the way to have them.

use std::fmt;
use std::io::Write as _;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

use super::DecodeOptions;
use super::sealed::Decodable;

/// Deserializes a `T` from any serde deserializer: through JSON text, decoded
/// leniently.
pub(crate) fn deserialize<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: Decodable,
    D: Deserializer<'de>,
{
    let text = json_text(deserializer)?;
    match DecodeOptions::lenient().decode::<T>(&text) {
        // Nothing may change in silence where no diagnostic can be read: a value kept
        // raw, dropped or repaired is an error here (notes pass).
        Ok(decoded) => {
            if let Some(warning) = decoded.warnings().next() {
                return Err(de::Error::custom(format_args!(
                    "{}: {}: {}",
                    if warning.pointer.is_empty() {
                        "(root)"
                    } else {
                        &warning.pointer
                    },
                    warning.kind,
                    warning.message
                )));
            }
            Ok(decoded.value)
        }
        // The position would be in the JSON text written here, not in the input the
        // deserializer read: the pointer alone says where.
        Err(e) => Err(e.to_de_error()),
    }
}

/// The value a deserializer gives, written out as JSON text.
pub(crate) fn json_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    let mut text = Vec::with_capacity(512);
    deserializer.deserialize_any(Json {
        out: &mut text,
        depth: 0,
    })?;
    Ok(text)
}

/// Writes the value a deserializer gives as JSON text into `out`.
struct Json<'b> {
    out: &'b mut Vec<u8>,
    /// How many arrays and objects enclose the value: bounded, so that a deep value
    /// tree (which a `serde_json::Value` may be) cannot exhaust the stack.
    depth: usize,
}

impl Json<'_> {
    fn nested(&mut self) -> Json<'_> {
        Json {
            out: self.out,
            depth: self.depth + 1,
        }
    }

    fn enter<E: de::Error>(&self) -> Result<(), E> {
        if self.depth >= DecodeOptions::MAX_DEPTH_LIMIT {
            return Err(E::custom(format_args!(
                "nested deeper than {} levels",
                DecodeOptions::MAX_DEPTH_LIMIT
            )));
        }
        Ok(())
    }

    fn string<E: de::Error>(&mut self, s: &str) -> Result<(), E> {
        serde_json::to_writer(&mut *self.out, s).map_err(E::custom)
    }

    fn number<E: de::Error>(&mut self, n: impl fmt::Display) -> Result<(), E> {
        write!(self.out, "{n}").map_err(E::custom)
    }
}

impl<'de> DeserializeSeed<'de> for Json<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Json<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    fn visit_i64<E: de::Error>(mut self, v: i64) -> Result<(), E> {
        self.number(v)
    }

    fn visit_u64<E: de::Error>(mut self, v: u64) -> Result<(), E> {
        self.number(v)
    }

    fn visit_i128<E: de::Error>(mut self, v: i128) -> Result<(), E> {
        self.number(v)
    }

    fn visit_u128<E: de::Error>(mut self, v: u128) -> Result<(), E> {
        self.number(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        // As serde_json writes floats: shortest round-trip text; no JSON for NaN or ∞.
        serde_json::to_writer(&mut *self.out, &v).map_err(E::custom)
    }

    fn visit_char<E: de::Error>(mut self, v: char) -> Result<(), E> {
        self.string(v.encode_utf8(&mut [0; 4]))
    }

    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<(), E> {
        self.string(v)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        // Binary data (MessagePack, CBOR) as serde_json writes bytes: an array of numbers.
        serde_json::to_writer(&mut *self.out, v).map_err(E::custom)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.enter()?;
        self.out.push(b'[');
        let mut first = true;
        loop {
            let mark = self.out.len();
            if !first {
                self.out.push(b',');
            }
            if seq.next_element_seed(self.nested())?.is_none() {
                self.out.truncate(mark);
                break;
            }
            first = false;
        }
        self.out.push(b']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.enter()?;
        self.out.push(b'{');
        let mut first = true;
        loop {
            let mark = self.out.len();
            if !first {
                self.out.push(b',');
            }
            if map.next_key_seed(Key(self.out))?.is_none() {
                self.out.truncate(mark);
                break;
            }
            self.out.push(b':');
            map.next_value_seed(self.nested())?;
            first = false;
        }
        self.out.push(b'}');
        Ok(())
    }

    fn visit_enum<A: EnumAccess<'de>>(mut self, data: A) -> Result<(), A::Error> {
        // A tagged value (YAML's `!tag value`): `{"tag": value}`, as serde_json writes
        // a newtype variant.
        self.enter()?;
        self.out.push(b'{');
        let ((), variant) = data.variant_seed(Key(self.out))?;
        self.out.push(b':');
        variant.newtype_variant_seed(self.nested())?;
        self.out.push(b'}');
        Ok(())
    }
}

/// Writes a map key as a JSON string: keys of other kinds (numbers and booleans, in
/// YAML or MessagePack) as their text.
struct Key<'b>(&'b mut Vec<u8>);

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Key<'_> {
    fn text<E: de::Error>(self, text: &str) -> Result<(), E> {
        serde_json::to_writer(&mut *self.0, text).map_err(E::custom)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.text(v)
    }

    fn visit_char<E: de::Error>(self, v: char) -> Result<(), E> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.text(if v { "true" } else { "false" })
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.text(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.text(&v.to_string())
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        match std::str::from_utf8(v) {
            Ok(s) => self.text(s),
            Err(_) => Err(E::invalid_type(de::Unexpected::Bytes(v), &self)),
        }
    }
}
