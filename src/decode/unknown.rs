//! Objects of a type this crate does not know, kept whole.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use super::Decoder;
use super::odata::{TYPE_MEMBER, split_type};
use super::sealed::Decodable;
use crate::Error;

/// An object whose type this crate does not know — an unrecognised `@odata.type`, or
/// no `@odata.type` where the type cannot be told — kept whole: the type string as
/// written and every member, `null` ones included. It encodes back exactly.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct UnknownObject {
    /// The `@odata.type` value as written, if the object had one.
    pub odata_type: Option<String>,
    /// Every other member, in the order of [`serde_json::Map`].
    pub members: Map<String, Value>,
}

impl UnknownObject {
    /// An unknown object of the given type and members.
    pub fn new(odata_type: Option<String>, members: Map<String, Value>) -> Self {
        UnknownObject {
            odata_type,
            members,
        }
    }

    /// The type name after `#microsoft.graph.`, when the type is in that namespace.
    pub fn type_name(&self) -> Option<&str> {
        split_type(self.odata_type.as_deref()?).map(|(name, _)| name)
    }
}

impl<'de> serde::Deserialize<'de> for UnknownObject {
    /// Deserializes from any serde data format, as lenient
    /// [`from_slice`](crate::from_slice) decodes the same JSON.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::deserialize(deserializer)
    }
}

impl Decodable for UnknownObject {
    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        let mut members = d.object_value()?;
        let odata_type = match members.get(TYPE_MEMBER) {
            Some(Value::String(_)) => match members.remove(TYPE_MEMBER) {
                Some(Value::String(s)) => Some(s),
                _ => None,
            },
            _ => None,
        };
        Ok(UnknownObject {
            odata_type,
            members,
        })
    }
}

impl Serialize for UnknownObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(t) = &self.odata_type {
            map.serialize_entry(TYPE_MEMBER, t)?;
        }
        for (k, v) in &self.members {
            if !(k == TYPE_MEMBER && self.odata_type.is_some()) {
                map.serialize_entry(k, v)?;
            }
        }
        map.end()
    }
}
