//! The registry's source: every declared type reaches the types of its members
//! (an object), of its variants (a polymorphic point) or nothing more (an enum), so
//! that walking from the payloads a bot exchanges lists every type once, from the
//! declarations themselves. `by_name` does the walk, with a [`Visit`] that makes
//! each type's entry.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::BuildHasher;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::declare::enums::Flags;
use crate::decode::{OneOrMany, UnknownObject};
use crate::{Decode, GraphType};

/// What a type needs to be listed: a Graph type that decodes, deserializes,
/// encodes and compares, and — with the features that ask for them — has a schema
/// and generators.
pub(crate) trait Listed:
    GraphType
    + Decode
    + DeserializeOwned
    + Serialize
    + PartialEq
    + fmt::Debug
    + Send
    + Sync
    + 'static
    + WithSchema
    + WithStrategy
    + WithArbitrary
{
}

impl<T> Listed for T where
    T: GraphType
        + Decode
        + DeserializeOwned
        + Serialize
        + PartialEq
        + fmt::Debug
        + Send
        + Sync
        + 'static
        + WithSchema
        + WithStrategy
        + WithArbitrary
{
}

#[cfg(feature = "arbitrary")]
pub(crate) trait WithArbitrary: crate::declare::build::Build {}
#[cfg(feature = "arbitrary")]
impl<T: crate::declare::build::Build> WithArbitrary for T {}
#[cfg(not(feature = "arbitrary"))]
pub(crate) trait WithArbitrary {}
#[cfg(not(feature = "arbitrary"))]
impl<T> WithArbitrary for T {}

#[cfg(feature = "schema")]
pub(crate) trait WithSchema: schemars::JsonSchema {}
#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> WithSchema for T {}
#[cfg(not(feature = "schema"))]
pub(crate) trait WithSchema {}
#[cfg(not(feature = "schema"))]
impl<T> WithSchema for T {}

#[cfg(feature = "proptest")]
pub(crate) trait WithStrategy:
    proptest::arbitrary::Arbitrary<Parameters = crate::declare::traffic::Profile>
{
}
#[cfg(feature = "proptest")]
impl<T: proptest::arbitrary::Arbitrary<Parameters = crate::declare::traffic::Profile>> WithStrategy
    for T
{
}
#[cfg(not(feature = "proptest"))]
pub(crate) trait WithStrategy {}
#[cfg(not(feature = "proptest"))]
impl<T> WithStrategy for T {}

/// What walks the types: told of each declared type it reaches.
pub(crate) trait Visit {
    /// Takes `T` in; whether it is new, so that the types it reaches are walked too.
    fn visit<T: Listed>(&mut self) -> bool;
}

/// A type that reaches others: every declared type, and the containers and
/// scalars its members are made of.
pub(crate) trait Reach {
    /// Tells `visitor` of this type, if it is a declared one, and of the types it
    /// reaches.
    fn reach<V: Visit>(visitor: &mut V);
}

macro_rules! scalars {
    ($($t:ty),*) => {$(
        impl Reach for $t {
            fn reach<V: Visit>(_: &mut V) {}
        }
    )*};
}

scalars!(String, bool, i32, i64, Value, UnknownObject);

macro_rules! containers {
    ($($t:ty),*) => {$(
        impl<T: Reach> Reach for $t {
            fn reach<V: Visit>(visitor: &mut V) {
                T::reach(visitor);
            }
        }
    )*};
}

containers!(Vec<T>, Option<T>, Box<T>, OneOrMany<T>, BTreeMap<String, T>);

impl<T: Reach, S: BuildHasher> Reach for HashMap<String, T, S> {
    fn reach<V: Visit>(visitor: &mut V) {
        T::reach(visitor);
    }
}

impl<E: Reach> Reach for Flags<E> {
    fn reach<V: Visit>(visitor: &mut V) {
        E::reach(visitor);
    }
}
