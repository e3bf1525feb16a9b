//! Layer 2: the one way a Graph type is declared.
//!
//! A model file declares each type once, as data: its metadata name, its members
//! with their wire names, types and documentation, or its variants and values.
//! Three macros read such a declaration, one for each kind of Graph type:
//!
//! - `object!`: a complex or entity type, as a struct of optional members, with
//!   an `odata_type` annotation flag and an `extra` map for members it does not
//!   declare. A member may be marked `(not_null)` (the metadata says it cannot be
//!   `null`) and may name a context hook, `[context = f]`: a function of the object
//!   read so far that tells what the untyped objects in the member are; the member
//!   is read once the hook can tell (a notification's `resourceData`, typed by its
//!   resource path). The same macro declares the request body of a bound action
//!   (`Name = action "call.answer", sdk "callAnswerRequestBody"`), whose parameters
//!   may be marked `(required)`.
//! - `polymorphic!`: a polymorphic point, as an enum of the concrete types a
//!   declared type can hold, chosen by `@odata.type`; an object without one is the
//!   declared type itself (`concrete`), the type its members point to (`abstract`),
//!   or the type the enclosing object's context names (`context`). A variant marked
//!   `: nested` holds another polymorphic point, whose types it takes in.
//! - `open_enum!`: an enum type, as an open Rust enum.
//!
//! From one declaration each macro generates what a derive would: the type, its
//! [`GraphType`](crate::GraphType) name, its decoder and canonical encoder, its
//! `Debug`; and with the features that ask for them, its JSON Schema (`schema`, in
//! `schema`), its proptest strategy (`proptest`, in `strategy`) and its
//! `arbitrary::Arbitrary` (`arbitrary`, in `build`; both generators take the shape of
//! real traffic from `traffic`). The feature code lives in those modules, written
//! once for every type of a kind; nothing in a model file mentions it.

mod object;
mod polymorphic;

#[cfg(feature = "arbitrary")]
pub(crate) mod build;
pub(crate) mod enums;
pub(crate) mod registry;
#[cfg(feature = "schema")]
pub(crate) mod schema;
#[cfg(feature = "proptest")]
pub(crate) mod strategy;
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
pub(crate) mod traffic;

pub(crate) use enums::open_enum;
#[cfg(feature = "arbitrary")]
pub(crate) use object::build_member;
#[cfg(feature = "schema")]
pub(crate) use object::nullable;
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
pub(crate) use object::settle_hook;
#[cfg(feature = "proptest")]
pub(crate) use object::strategy_member;
pub(crate) use object::{
    later_slot, marker_doc, members, object, read_later, read_member, required,
};
#[cfg(feature = "schema")]
pub(crate) use polymorphic::variant_branch;
#[cfg(feature = "arbitrary")]
pub(crate) use polymorphic::variant_build;
#[cfg(feature = "proptest")]
pub(crate) use polymorphic::variant_strategy;
pub(crate) use polymorphic::{
    nest_impl, polymorphic, variant_accessor, variant_case, variant_from, variant_holds,
    variant_type_name,
};

/// The members every object type's `Debug` ends with, when they say something.
pub(crate) fn debug_tail<'s, 'a, 'b>(
    s: &'s mut std::fmt::DebugStruct<'a, 'b>,
    odata_type: crate::Annotation,
    default: crate::Annotation,
    extra: &serde_json::Map<String, serde_json::Value>,
) -> &'s mut std::fmt::DebugStruct<'a, 'b> {
    if odata_type != default {
        s.field("odata_type", &odata_type);
    }
    if !extra.is_empty() {
        s.field("extra", extra);
    }
    s
}

/// The received spelling of member `key`'s `value`, when `extra` keeps one that reads
/// as the value in another case (an enum value Graph sent as `Running` where the
/// crate writes `running`): what encoding writes instead, so the text goes back as
/// it came.
pub(crate) fn spelled<'v, T>(
    extra: &'v serde_json::Map<String, serde_json::Value>,
    key: &str,
    value: &T,
) -> Option<&'v serde_json::Value>
where
    T: crate::decode::sealed::Decodable + serde::Serialize,
{
    if !T::SPELLED || extra.is_empty() {
        return None;
    }
    let received = extra.get(key)?;
    let canonical = serde_json::to_value(value).ok()?;
    same_but_case(&canonical, received).then_some(received)
}

/// Whether two JSON values differ at most in the case of their strings.
fn same_but_case(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.eq_ignore_ascii_case(b),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_but_case(a, b))
        }
        _ => a == b,
    }
}
