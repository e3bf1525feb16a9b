//! The JSON values objects are made of, values kept raw, and values skipped.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use serde::ser::{Serialize, SerializeSeq, Serializer};
use serde_json::{Map, Number, Value};

use super::Decoder;
use super::sealed::Decodable;
use crate::Error;
use crate::json::Num;

impl Decodable for String {
    #[inline(always)]
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.string_for("a string").map(Cow::into_owned)
    }
}

impl Decodable for bool {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.read.boolean(&mut d.log)
    }
}

impl Decodable for i32 {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.read.integer(&mut d.log, "a 32-bit integer")
    }
}

impl Decodable for i64 {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.read.integer(&mut d.log, "a 64-bit integer")
    }
}

impl Decodable for Value {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.value()
    }
}

/// How many items of an array are read before it is allocated.
const SHORT: usize = 4;

impl<T: Decodable> Decodable for Vec<T> {
    const SPELLED: bool = T::SPELLED;

    const IS_ARRAY: bool = true;

    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.begin_array("an array")?;
        // The first few items wait on the stack, so that a short array (a
        // participant's media streams) is allocated once at its length rather than
        // with the doubling's slack (room for four streams for three).
        let mut items: smallvec::SmallVec<[T; SHORT]> = smallvec::SmallVec::new();
        let mut first = true;
        while d.next_element(&mut first)? {
            d.push_index(items.len());
            // An object is read where it will stay rather than moved there.
            match T::in_place() {
                Some((empty, read)) => {
                    items.push(empty);
                    if let Some(last) = items.last_mut() {
                        read(d, last)?;
                    }
                }
                None => items.push(T::decode(d)?),
            }
            d.pop();
        }
        let items = if items.spilled() {
            items.into_vec()
        } else {
            let mut exact = Vec::with_capacity(items.len());
            exact.extend(items);
            exact
        };
        Ok(items)
    }
}

/// `null`, or a `T`.
impl<T: Decodable> Decodable for Option<T> {
    const SPELLED: bool = T::SPELLED;

    const IS_ARRAY: bool = T::IS_ARRAY;

    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        if d.null()? {
            return Ok(None);
        }
        T::decode(d).map(Some)
    }
}

/// An object whose members are all `T`s, keyed by name: a duplicate name keeps the
/// last (reported when lenient, an error when strict), as everywhere.
impl<T: Decodable> Decodable for BTreeMap<String, T> {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.members_into(BTreeMap::new())
    }
}

/// As for [`BTreeMap`]: an object whose members are all `T`s.
impl<T: Decodable, S: BuildHasher + Default> Decodable for HashMap<String, T, S> {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.members_into(HashMap::default())
    }
}

/// A map keyed by member name.
trait ByName<T> {
    fn has(&self, key: &str) -> bool;
    fn put(&mut self, key: String, value: T);
}

impl<T> ByName<T> for BTreeMap<String, T> {
    fn has(&self, key: &str) -> bool {
        self.contains_key(key)
    }
    fn put(&mut self, key: String, value: T) {
        self.insert(key, value);
    }
}

impl<T, S: BuildHasher> ByName<T> for HashMap<String, T, S> {
    fn has(&self, key: &str) -> bool {
        self.contains_key(key)
    }
    fn put(&mut self, key: String, value: T) {
        self.insert(key, value);
    }
}

impl Decoder<'_> {
    /// Reads an object's members as `T`s into `map`.
    fn members_into<T: Decodable, M: ByName<T>>(&mut self, mut map: M) -> Result<M, Error> {
        self.begin_object("an object")?;
        let mut first = true;
        while let Some(key) = self.next_member(&mut first)? {
            self.peek()?;
            let at = self.offset();
            self.push_key(key);
            let value = T::decode(self)?;
            let key = self.pop_key();
            if map.has(&key) {
                self.duplicate(&key, at)?;
            }
            map.put(key.into_owned(), value);
        }
        Ok(map)
    }
}

/// One value or an array of them, as the payload had it: a member Graph writes
/// both ways (a notification's `resourceData`). Encoding keeps the shape;
/// [`as_slice`](Self::as_slice) walks both alike.
#[derive(Clone, Debug, PartialEq)]
// Closed by nature: matched and built by users as it is.
#[allow(clippy::exhaustive_enums)]
pub enum OneOrMany<T> {
    /// One value.
    One(T),
    /// An array of values.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values, whichever the shape.
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(r) => std::slice::from_ref(r),
            OneOrMany::Many(rs) => rs,
        }
    }

    /// The values, whichever the shape, to change in place.
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        match self {
            OneOrMany::One(r) => std::slice::from_mut(r),
            OneOrMany::Many(rs) => rs,
        }
    }

    /// An iterator over the values.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.as_slice().iter()
    }

    /// The values, as a vector.
    pub fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(r) => vec![r],
            OneOrMany::Many(rs) => rs,
        }
    }
}

impl<'a, T> IntoIterator for &'a OneOrMany<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T> From<T> for OneOrMany<T> {
    fn from(value: T) -> Self {
        OneOrMany::One(value)
    }
}

impl<T> From<Vec<T>> for OneOrMany<T> {
    fn from(value: Vec<T>) -> Self {
        OneOrMany::Many(value)
    }
}

impl<'de, T: Decodable> serde::Deserialize<'de> for OneOrMany<T> {
    /// Deserializes from any serde data format, as lenient
    /// [`from_slice`](crate::from_slice) decodes the same JSON.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::deserialize(deserializer)
    }
}

impl<T: Decodable> Decodable for OneOrMany<T> {
    const SPELLED: bool = T::SPELLED;

    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        match d.peek()? {
            Some(b'[') => Vec::<T>::decode(d).map(OneOrMany::Many),
            _ => T::decode(d).map(OneOrMany::One),
        }
    }
}

impl<T: Serialize> Serialize for OneOrMany<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OneOrMany::One(r) => r.serialize(serializer),
            OneOrMany::Many(rs) => {
                let mut seq = serializer.serialize_seq(Some(rs.len()))?;
                for r in rs {
                    seq.serialize_element(r)?;
                }
                seq.end()
            }
        }
    }
}

impl<'a> Decoder<'a> {
    /// Steps over one value of any type, checking its syntax.
    pub(crate) fn skip_value(&mut self) -> Result<(), Error> {
        match self.peek()? {
            Some(b'{') => {
                self.begin_object("an object")?;
                let mut first = true;
                while let Some(key) = self.next_member(&mut first)? {
                    self.push_key(key);
                    self.skip_value()?;
                    self.pop();
                }
                Ok(())
            }
            Some(b'[') => {
                self.begin_array("an array")?;
                let mut first = true;
                let mut index = 0;
                while self.next_element(&mut first)? {
                    self.push_index(index);
                    self.skip_value()?;
                    self.pop();
                    index += 1;
                }
                Ok(())
            }
            Some(b'"') => self.string_at_quote().map(drop),
            Some(b't') => self.read.literal(&self.log, b"true"),
            Some(b'f') => self.read.literal(&self.log, b"false"),
            Some(b'n') => self.read.literal(&self.log, b"null"),
            Some(b'-' | b'0'..=b'9') => self.read.number(&self.log).map(drop),
            _ => Err(self.not_a_value()),
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
                    self.push_index(items.len());
                    let item = self.value()?;
                    self.pop();
                    items.push(item);
                }
                Ok(Value::Array(items))
            }
            Some(b'"') => Ok(Value::String(self.string_at_quote()?.into_owned())),
            Some(b't' | b'f') => self.read.boolean(&mut self.log).map(Value::Bool),
            Some(b'n') => self.read.literal(&self.log, b"null").map(|()| Value::Null),
            Some(b'-' | b'0'..=b'9') => {
                let start = self.offset();
                let number = match self.read.number(&self.log)? {
                    // `-0` keeps its sign, as `serde_json::Value` keeps it: a float.
                    Num::Int(0) if self.read.text(start..start + 1) == "-" => {
                        Number::from_f64(-0.0).unwrap_or_else(|| Number::from(0))
                    }
                    Num::Int(n) => match i64::try_from(n) {
                        Ok(i) => Number::from(i),
                        Err(_) => Number::from(u64::try_from(n).unwrap_or(u64::MAX)),
                    },
                    Num::Other => self
                        .read
                        .text(start..self.offset())
                        .parse::<f64>()
                        .ok()
                        .and_then(Number::from_f64)
                        .ok_or_else(|| {
                            self.read.syntax_at(&self.log, start, "number out of range")
                        })?,
                };
                Ok(Value::Number(number))
            }
            _ => Err(self.not_a_value()),
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
            let at = self.offset();
            self.push_key(key);
            let value = self.value()?;
            let key = self.pop_key();
            self.insert(&mut map, key.into_owned(), value, at)?;
        }
        Ok(map)
    }

    /// The error for something that starts no JSON value.
    #[cold]
    fn not_a_value(&self) -> Error {
        self.read.syntax_at(
            &self.log,
            self.offset(),
            format!("expected a value, found {}", self.read.found().0),
        )
    }
}
