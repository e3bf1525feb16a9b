//! Dynamic access to the types by their metadata name: decoding a payload whose type
//! is known only at run time (the CLI's `--type`, the root `@odata.type`), the list
//! of every type for tools over a corpus, and each type's schema and generator.
//!
//! ```
//! use graph_comms::{DecodeOptions, by_name};
//!
//! let body = br##"{"@odata.type": "#microsoft.graph.organizerMeetingInfo", "organizer": {"user": {"id": "o"}}}"##;
//! let decoded = by_name::decode_as(&DecodeOptions::lenient(), None, body)?;
//! assert_eq!(decoded.value.type_name(), "organizerMeetingInfo");
//! let info = decoded.value.as_any().downcast_ref::<graph_comms::meeting::OrganizerMeetingInfo>();
//! assert!(info.is_some());
//! # Ok::<(), graph_comms::Error>(())
//! ```

use std::any::Any;
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

use crate::audio_routing::AudioRoutingGroup;
use crate::call::Call;
use crate::declare::registry::{Listed, Reach, Visit};
use crate::decode::odata::{TYPE_MEMBER, split_type};
use crate::decode::root_type as scan_root_type;
use crate::error_body::ErrorBody;
use crate::notification::CommsNotifications;
use crate::participant::ParticipantCollection;
use crate::tools::encode;
use crate::{DecodeOptions, Decoded, Error, ErrorKind, GraphType};

/// A decoded value whose type was chosen at run time: a value of some Graph type.
pub trait GraphValue: fmt::Debug + Send + Sync + 'static {
    /// The metadata name of the type it was decoded as.
    fn type_name(&self) -> &'static str;
    /// Its canonical JSON, as a tree.
    fn to_json(&self) -> Value;
    /// Its canonical JSON text, compact.
    fn to_vec(&self) -> Vec<u8>;
    /// Its canonical JSON text, pretty-printed.
    fn to_vec_pretty(&self) -> Vec<u8>;
    /// Itself, for downcasting to the concrete type.
    fn as_any(&self) -> &dyn Any;
    /// Whether `other` is the same type and an equal value.
    fn eq_value(&self, other: &dyn GraphValue) -> bool;
}

impl<T> GraphValue for T
where
    T: GraphType + Serialize + PartialEq + fmt::Debug + Send + Sync + 'static,
{
    fn type_name(&self) -> &'static str {
        T::TYPE_NAME
    }

    fn to_json(&self) -> Value {
        encode::to_value(self)
    }

    fn to_vec(&self) -> Vec<u8> {
        encode::to_vec(self)
    }

    fn to_vec_pretty(&self) -> Vec<u8> {
        encode::to_vec_pretty(self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn eq_value(&self, other: &dyn GraphValue) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }
}

/// How a listed type is decoded.
type DecodeFn = fn(&DecodeOptions, &[u8]) -> Result<Decoded<Box<dyn GraphValue>>, Error>;

/// A type of the list: its name, and what can be done with it by name.
#[derive(Clone, Copy)]
pub struct TypeEntry {
    name: &'static str,
    odata_type: &'static str,
    decode: DecodeFn,
    #[cfg(feature = "schema")]
    schema: fn() -> Value,
    #[cfg(feature = "proptest")]
    strategy: fn(
        crate::declare::traffic::Profile,
    ) -> proptest::strategy::BoxedStrategy<Box<dyn GraphValue>>,
    #[cfg(feature = "arbitrary")]
    arbitrary: ArbitraryFn,
}

/// How a listed type is built from a fuzzer's bytes.
#[cfg(feature = "arbitrary")]
type ArbitraryFn = fn(
    crate::declare::traffic::Profile,
    &mut arbitrary::Unstructured<'_>,
) -> arbitrary::Result<Box<dyn GraphValue>>;

impl fmt::Debug for TypeEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TypeEntry")
            .field("name", &self.name)
            .field("odata_type", &self.odata_type)
            .finish()
    }
}

impl TypeEntry {
    /// The type's name in the metadata.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The type's canonical `@odata.type`: `#microsoft.graph.` and its name, or for
    /// an action's request body the name an SDK writes
    /// (`#microsoft.graph.callAnswerRequestBody`).
    pub fn odata_type(&self) -> &'static str {
        self.odata_type
    }

    /// Decodes `input` as this type.
    ///
    /// # Errors
    /// As [`DecodeOptions::decode`].
    pub fn decode(
        &self,
        options: &DecodeOptions,
        input: &[u8],
    ) -> Result<Decoded<Box<dyn GraphValue>>, Error> {
        (self.decode)(options, input)
    }

    /// Reads a JSON tree as this type: the value its `serde::Deserialize` gives
    /// (`serde_json::from_value`), which is what lenient [`decode`](Self::decode)
    /// gives for the same JSON, without its diagnostics.
    ///
    /// # Errors
    /// When lenient decoding fails (the root is not of this type), with the error's
    /// pointer and message.
    pub fn from_value(&self, value: &Value) -> Result<Box<dyn GraphValue>, serde_json::Error> {
        // The same JSON text `Deserialize` writes and decodes; through the entry's own
        // decoder, so that the list adds no second decoding path to a program.
        let text = serde_json::to_vec(value)?;
        match (self.decode)(&DecodeOptions::lenient(), &text) {
            Ok(decoded) => Ok(decoded.value),
            Err(e) => Err(e.to_de_error()),
        }
    }

    /// The type's JSON Schema, a standalone draft 2020-12 document (see
    /// [`schema`](crate::schema)).
    #[cfg(feature = "schema")]
    pub fn schema(&self) -> Value {
        (self.schema)()
    }

    /// A strategy that generates realistic values of the type (see
    /// [`generate`](crate::generate)).
    #[cfg(feature = "proptest")]
    pub fn strategy(&self) -> proptest::strategy::BoxedStrategy<Box<dyn GraphValue>> {
        (self.strategy)(crate::declare::traffic::Profile::Realistic)
    }

    /// A strategy that generates values of the type with the imperfections of
    /// `profile`.
    #[cfg(feature = "proptest")]
    pub fn strategy_with(
        &self,
        profile: crate::declare::traffic::Profile,
    ) -> proptest::strategy::BoxedStrategy<Box<dyn GraphValue>> {
        (self.strategy)(profile)
    }

    /// A value of the type built from a fuzzer's bytes, with
    /// [`arbitrary::Arbitrary`] (see [`Arbitrary` on every type](crate#features)).
    ///
    /// # Errors
    ///
    /// As `arbitrary`'s: when the bytes do not fit (`IncorrectFormat`), which the
    /// crate's types never ask for.
    #[cfg(feature = "arbitrary")]
    pub fn arbitrary(
        &self,
        u: &mut arbitrary::Unstructured<'_>,
    ) -> arbitrary::Result<Box<dyn GraphValue>> {
        (self.arbitrary)(crate::declare::traffic::Profile::Realistic, u)
    }

    /// A value of the type built from a fuzzer's bytes with the imperfections of
    /// `profile` (as [`Clean`](crate::generate::Clean) and
    /// [`Hostile`](crate::generate::Hostile) build them).
    ///
    /// # Errors
    ///
    /// As [`arbitrary`](Self::arbitrary)'s.
    #[cfg(feature = "arbitrary")]
    pub fn arbitrary_with(
        &self,
        profile: crate::declare::traffic::Profile,
        u: &mut arbitrary::Unstructured<'_>,
    ) -> arbitrary::Result<Box<dyn GraphValue>> {
        (self.arbitrary)(profile, u)
    }
}

#[cfg(feature = "proptest")]
fn strategy<T: GraphValue + crate::declare::registry::WithStrategy>(
    profile: crate::declare::traffic::Profile,
) -> proptest::strategy::BoxedStrategy<Box<dyn GraphValue>> {
    use proptest::strategy::Strategy as _;
    proptest::arbitrary::any_with::<T>(profile)
        .prop_map(|v| Box::new(v) as Box<dyn GraphValue>)
        .boxed()
}

fn entry<T: Listed>() -> TypeEntry {
    TypeEntry {
        name: T::TYPE_NAME,
        odata_type: T::ODATA_TYPE,
        decode: |options, input| {
            let Decoded { value, diagnostics } = options.decode::<T>(input)?;
            Ok(Decoded {
                value: Box::new(value),
                diagnostics,
            })
        },
        #[cfg(feature = "schema")]
        schema: crate::declare::schema::standalone::<T>,
        #[cfg(feature = "proptest")]
        strategy: strategy::<T>,
        #[cfg(feature = "arbitrary")]
        arbitrary: |profile, u| {
            Ok(Box::new(T::build(
                crate::declare::traffic::Slot::ROOT,
                profile,
                u,
            )?))
        },
    }
}

/// The entries of the types walked so far, and their names.
#[derive(Default)]
struct Collect {
    entries: Vec<TypeEntry>,
    names: HashSet<&'static str>,
}

impl Visit for Collect {
    fn visit<T: Listed>(&mut self) -> bool {
        let new = self.names.insert(T::TYPE_NAME);
        if new {
            self.entries.push(entry::<T>());
        }
        new
    }
}

/// Every type, walked from the payloads a bot exchanges: the callbacks, the call, the
/// action bodies, an audio routing group, the participants list and the error body
/// (and the one type of the metadata in scope that none of them reaches).
/// Each declaration says what it reaches, so nothing here lists a type by hand.
static TYPES: OnceLock<Vec<TypeEntry>> = OnceLock::new();

fn walk() -> Vec<TypeEntry> {
    let mut collect = Collect::default();
    CommsNotifications::reach(&mut collect);
    Call::reach(&mut collect);
    crate::action::reach_bodies(&mut collect);
    AudioRoutingGroup::reach(&mut collect);
    ParticipantCollection::reach(&mut collect);
    ErrorBody::reach(&mut collect);
    // In the calls API's metadata, but in no payload of it (an online meeting's).
    crate::meeting::MeetingParticipantInfo::reach(&mut collect);
    collect.entries
}

/// Every type: each type of the v1.0 metadata that calls and their notifications
/// reach, the polymorphic points over them, the request body of every bound action
/// (`call.answer`, …), the participants list and the error body. The order is a walk
/// from the callbacks' `commsNotifications`, then the call, the action bodies and the
/// rest: each type before the types its members reach.
pub fn types() -> &'static [TypeEntry] {
    TYPES.get_or_init(walk)
}

/// The type named `name` as the metadata spells it (`call`, `organizerMeetingInfo`);
/// another casing is accepted when no type has that exact name.
pub fn lookup(name: &str) -> Option<&'static TypeEntry> {
    let types = types();
    types
        .iter()
        .find(|t| t.name == name)
        .or_else(|| types.iter().find(|t| t.name.eq_ignore_ascii_case(name)))
}

/// The type whose `@odata.type` names `name` after `#microsoft.graph.`; another
/// casing is accepted when no type has that exact name.
fn annotated(name: &str) -> Option<&'static TypeEntry> {
    let named = |t: &&TypeEntry| split_type(t.odata_type).map(|(n, _)| n);
    let types = types();
    types.iter().find(|t| named(t) == Some(name)).or_else(|| {
        types
            .iter()
            .find(|t| named(t).is_some_and(|n| n.eq_ignore_ascii_case(name)))
    })
}

/// Decodes `input` as the type `type_name` or, when that is `None`, as the type its
/// root `@odata.type` names.
///
/// # Errors
/// [`ErrorKind::UnknownType`] when the type is not given and the root has no
/// `@odata.type`, or names a type this crate does not know; otherwise as
/// [`DecodeOptions::decode`].
pub fn decode_as(
    options: &DecodeOptions,
    type_name: Option<&str>,
    input: &[u8],
) -> Result<Decoded<Box<dyn GraphValue>>, Error> {
    let entry = match type_name {
        Some(name) => lookup(name).ok_or_else(|| {
            Error::new(
                ErrorKind::UnknownType,
                String::new(),
                None,
                format!("`{name}` is not a type this crate knows"),
            )
        })?,
        None => {
            let value = root_type(options, input)?.ok_or_else(|| {
                Error::new(
                    ErrorKind::UnknownType,
                    String::new(),
                    None,
                    format!(
                        "the root object has no `{TYPE_MEMBER}`: give the type to decode it as"
                    ),
                )
            })?;
            split_type(&value)
                .and_then(|(name, _)| annotated(name))
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::UnknownType,
                        "/@odata.type".to_owned(),
                        None,
                        format!(
                            "the root `{TYPE_MEMBER}` `{value}` is not a type this crate knows"
                        ),
                    )
                })?
        }
    };
    entry.decode(options, input)
}

/// The root object's `@odata.type` (the last, if it has several), read without
/// decoding the rest.
///
/// # Errors
/// When the input is not JSON (as `options` reads it).
pub fn root_type(options: &DecodeOptions, input: &[u8]) -> Result<Option<String>, Error> {
    let mut d = options.decoder(input)?;
    scan_root_type(&mut d)
        .map(|t| t.map(Cow::into_owned))
        .map_err(|e| e.located(input))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_is_found_by_its_name() {
        for t in types() {
            assert_eq!(lookup(t.name).map(TypeEntry::name), Some(t.name));
        }
        assert_eq!(
            lookup("ORGANIZERMEETINGINFO").map(TypeEntry::name),
            Some("organizerMeetingInfo")
        );
        assert!(lookup("nosuchType").is_none());
    }

    /// A name that both a polymorphic point and its declared type carry
    /// (`identitySet`, `identity`, `commsOperation`) is the point's: the walk
    /// reaches each point before its variants, and decoding by the name infers a
    /// derived type from the members.
    #[test]
    fn a_shared_name_is_the_points() {
        for (name, body) in [
            ("identitySet", r#"{"phone": {"id": "+15551234567"}}"#),
            (
                "identity",
                r#"{"id": "u", "azureCommunicationServicesResourceId": "r"}"#,
            ),
            (
                "commsOperation",
                r#"{"id": "o", "recordingLocation": "https://x"}"#,
            ),
        ] {
            let decoded = lookup(name)
                .unwrap()
                .decode(&DecodeOptions::lenient(), body.as_bytes())
                .unwrap();
            assert!(
                decoded
                    .diagnostics
                    .iter()
                    .any(|d| d.kind == crate::DiagnosticKind::InferredType),
                "{name}: {:?}",
                decoded.diagnostics
            );
        }
    }
}
