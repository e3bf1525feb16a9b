//! A payload kept as its JSON text, decoded on demand.

use std::fmt;
use std::marker::PhantomData;

use serde_json::Value;

use super::{Decode, DecodeOptions, Decoded};
use crate::Error;

/// A payload kept as its JSON text and decoded on demand, with the options and the
/// diagnostics a caller chooses: for the envelopes services embed Graph payloads in
/// (a queued callback, a stored call), where deserializing straight into `T` would
/// leave no place to read what decoding tolerated.
///
/// It deserializes from any serde data format (the value written out as JSON text)
/// and serializes as the JSON it holds.
///
/// ```
/// use graph_comms::Raw;
/// use graph_comms::notification::CommsNotifications;
///
/// #[derive(serde::Deserialize)]
/// struct Queued {
///     tenant: String,
///     body: Raw<CommsNotifications>,
/// }
///
/// let queued: Queued = serde_json::from_str(r##"{"tenant": "contoso",
///     "body": {"value": [{"changeType": "updated", "resourceUrl": "/communications/calls/c1",
///       "resourceData": {"@odata.type": "#microsoft.graph.call", "state": "established", "mystery": 1}}]}}"##)?;
/// let decoded = queued.body.decode()?;
/// assert_eq!(decoded.value.resources().count(), 1);
/// assert!(queued.body.json().contains("mystery"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Raw<T> {
    json: String,
    of: PhantomData<fn() -> T>,
}

impl<T> Raw<T> {
    /// The payload of JSON text `json` (decoding checks it).
    pub fn from_json(json: impl Into<String>) -> Self {
        Raw {
            json: json.into(),
            of: PhantomData,
        }
    }

    /// The payload of `value`'s canonical JSON.
    pub fn from_value(value: &T) -> Self
    where
        T: serde::Serialize,
    {
        // A crate type's `Serialize` is its canonical encoding.
        Raw::from_json(serde_json::to_string(value).unwrap_or_default())
    }

    /// The JSON text.
    pub fn json(&self) -> &str {
        &self.json
    }

    /// The JSON text, owned.
    pub fn into_json(self) -> String {
        self.json
    }
}

impl<T: Decode> Raw<T> {
    /// Decodes the payload leniently, with its diagnostics.
    ///
    /// # Errors
    /// As [`from_slice`](crate::from_slice).
    pub fn decode(&self) -> Result<Decoded<T>, Error> {
        self.decode_with(&DecodeOptions::lenient())
    }

    /// Decodes the payload with `options`, with its diagnostics.
    ///
    /// # Errors
    /// As [`DecodeOptions::decode`].
    pub fn decode_with(&self, options: &DecodeOptions) -> Result<Decoded<T>, Error> {
        options.decode(self.json.as_bytes())
    }
}

impl<T> Clone for Raw<T> {
    fn clone(&self) -> Self {
        Raw::from_json(self.json.clone())
    }
}

impl<T> PartialEq for Raw<T> {
    fn eq(&self, other: &Self) -> bool {
        self.json == other.json
    }
}

impl<T> Eq for Raw<T> {}

impl<T> fmt::Debug for Raw<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Raw").field(&self.json).finish()
    }
}

impl<'de, T> serde::Deserialize<'de> for Raw<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = super::transcode::json_text(deserializer)?;
        String::from_utf8(text)
            .map(Raw::from_json)
            .map_err(serde::de::Error::custom)
    }
}

impl<T> serde::Serialize for Raw<T> {
    /// The JSON it holds (read leniently, as the documents write it).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = DecodeOptions::lenient()
            .decode::<Value>(self.json.as_bytes())
            .map_err(serde::ser::Error::custom)?
            .value;
        value.serialize(serializer)
    }
}
