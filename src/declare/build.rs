//! What the declarations generate for the `arbitrary` feature: `arbitrary::Arbitrary`
//! for every type, the values realistic for the member they fill, as the proptest
//! strategies' are, and built from the fuzzer's bytes structurally — each choice
//! (a member present, a variant, a length, a character) reads a few bytes, so that
//! a mutation of the input is a small change of the value.
//!
//! Values are valid: they encode to JSON that strict decoding reads back to an equal
//! value. Building never loops and nests no deeper than the types do (no model type
//! contains itself; JSON values kept as unknown members nest at most two levels), so
//! its time is proportional to the input; once the bytes run out every choice takes
//! its smallest answer (members absent, lists empty).

use arbitrary::{Result, Unstructured};
use serde_json::{Map, Value};

use super::enums::{Flags, OpenEnum};
use super::traffic::{Dice, Profile, Slot};
use crate::UnknownObject;
use crate::decode::odata::Annotation;
use crate::decode::{Context, Object, OneOrMany, Polymorphic};

/// A type whose values can be built from bytes, realistically for the member `slot`
/// they fill, with the imperfections of `profile`. Public but unnameable outside
/// the crate (sealed): it bounds the public wrappers of [`crate::generate`].
pub trait Build: Sized {
    /// A value for the member `slot`.
    fn build(slot: Slot, profile: Profile, u: &mut Unstructured<'_>) -> Result<Self>;

    /// A value for the member `slot` in `context` (a notification's resources, typed
    /// by its path). Most types ignore it.
    fn build_in(
        slot: Slot,
        context: Option<Context>,
        profile: Profile,
        u: &mut Unstructured<'_>,
    ) -> Result<Self> {
        let _ = context;
        Self::build(slot, profile, u)
    }

    /// A value of a type this crate knows (a polymorphic point never builds an
    /// unknown object then).
    fn build_known(profile: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        Self::build(Slot::ROOT, profile, u)
    }
}

/// The fuzzer's bytes as the choices of a settle hook: each reads a few bytes, the
/// first answer once they have run out.
pub(crate) struct Bytes<'u, 'a>(pub(crate) &'u mut Unstructured<'a>, pub(crate) Profile);

impl Dice for Bytes<'_, '_> {
    fn below(&mut self, n: usize) -> usize {
        pick(self.0, n).unwrap_or(0)
    }

    fn profile(&self) -> Profile {
        self.1
    }
}

/// Whether the imperfection drawn now happens, at the rate of `profile`.
fn imperfect(u: &mut Unstructured<'_>, profile: Profile) -> Result<bool> {
    match profile.one_in() {
        Some(n) => now_and_then(u, n),
        None => Ok(false),
    }
}

/// Whether an optional member is present: two times in five, never once the
/// bytes have run out.
pub(crate) fn present(u: &mut Unstructured<'_>) -> Result<bool> {
    Ok(u.arbitrary::<u8>()? >= 154)
}

/// One of `n` choices, the first once the bytes have run out.
fn pick(u: &mut Unstructured<'_>, n: usize) -> Result<usize> {
    if n <= 1 {
        return Ok(0);
    }
    u.choose_index(n).or(Ok(0))
}

/// True about once in `n`, never once the bytes have run out.
fn now_and_then(u: &mut Unstructured<'_>, n: u8) -> Result<bool> {
    Ok(u.arbitrary::<u8>()? % n == n - 1)
}

/// A length in `min..=max`.
fn length(u: &mut Unstructured<'_>, min: usize, max: usize) -> Result<usize> {
    u.int_in_range(min..=max)
}

/// Sets a member, present always when `required`, two times in five otherwise.
pub(crate) fn member<T, V: Build>(
    out: &mut T,
    (profile, u): (Profile, &mut Unstructured<'_>),
    slot: Slot,
    required: bool,
    context: Option<fn(&T) -> Option<Context>>,
    set: fn(&mut T, Option<V>),
) -> Result<()> {
    if required || present(u)? {
        let value = match context {
            Some(context) => V::build_in(slot, context(out), profile, u)?,
            None => V::build(slot, profile, u)?,
        };
        set(out, Some(value));
    }
    Ok(())
}

/// The end of an object: whether it carries `@odata.type` (mostly as a value built
/// in code is written), now and then a member it does not declare, and what its
/// `settle` hook makes of it.
pub(crate) fn finish<T: Object>(
    out: &mut T,
    profile: Profile,
    u: &mut Unstructured<'_>,
    settle: Option<fn(&mut T, &mut dyn Dice)>,
) -> Result<()> {
    let usual = match T::DEFAULT_ANNOTATION {
        Annotation::Absent => Annotation::Absent,
        _ => Annotation::Present,
    };
    let other = match usual {
        Annotation::Absent => Annotation::Present,
        _ => Annotation::Absent,
    };
    out.set_annotation(if now_and_then(u, 5)? { other } else { usual });
    *out.extra_mut() = extra_members(u, T::FIELDS, profile)?;
    if let Some(settle) = settle {
        settle(out, &mut Bytes(u, profile));
    }
    Ok(())
}

/// Now and then a member no type declares, named unlike any of `fields`.
fn extra_members(
    u: &mut Unstructured<'_>,
    fields: &'static [&'static str],
    profile: Profile,
) -> Result<Map<String, Value>> {
    let d = &mut Bytes(u, profile);
    let mut extra = Map::new();
    if d.imperfect()
        && let Some((name, value)) = super::traffic::unknown_member(fields, d)
    {
        extra.insert(name, value);
    }
    Ok(extra)
}

impl Build for String {
    fn build(slot: Slot, profile: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        Ok(super::traffic::string(slot, &mut Bytes(u, profile)))
    }
}

impl Build for bool {
    fn build(_: Slot, _: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        u.arbitrary()
    }
}

impl Build for i32 {
    fn build(slot: Slot, profile: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        Ok(super::traffic::int(slot, &mut Bytes(u, profile)))
    }
}

impl Build for i64 {
    fn build(slot: Slot, profile: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        Ok(super::traffic::long(slot, &mut Bytes(u, profile)))
    }
}

impl Build for Value {
    fn build(_: Slot, profile: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        Ok(super::traffic::json_value(&mut Bytes(u, profile), 2))
    }
}

impl<T: Build> Build for Vec<T> {
    fn build(slot: Slot, profile: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        let (min, max) = super::traffic::list_len(slot.key);
        (0..length(u, min, max)?)
            .map(|_| T::build(slot, profile, u))
            .collect()
    }
}

impl<T: Build> Build for OneOrMany<T> {
    fn build(slot: Slot, profile: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        Self::build_in(slot, None, profile, u)
    }

    fn build_in(
        slot: Slot,
        context: Option<Context>,
        profile: Profile,
        u: &mut Unstructured<'_>,
    ) -> Result<Self> {
        let kinds = context.map_or(1, |c| c.types.len());
        let context = super::traffic::one_kind(context, pick(u, kinds)?);
        if imperfect(u, profile)? {
            Ok(OneOrMany::One(T::build_in(slot, context, profile, u)?))
        } else {
            let (min, max) = super::traffic::list_len_in(slot.key, context.map(|c| c.types));
            (0..length(u, min, max)?)
                .map(|_| T::build_in(slot, context, profile, u))
                .collect::<Result<_>>()
                .map(OneOrMany::Many)
        }
    }
}

impl<'a, T: Build> arbitrary::Arbitrary<'a> for OneOrMany<T> {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Self::build(Slot::ROOT, Profile::Realistic, u)
    }
}

impl<E: OpenEnum + Build> Build for Flags<E> {
    fn build(slot: Slot, profile: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        (0..length(u, 1, 2)?)
            .map(|_| E::build(slot, profile, u))
            .collect::<Result<_>>()
            .map(Flags)
    }
}

/// A value of an open enum: mostly a known member, now and then text of a later
/// version (`futureXyz`, which no version of the metadata spells).
pub(crate) fn open_enum<E: OpenEnum + Clone>(
    known: &[E],
    profile: Profile,
    u: &mut Unstructured<'_>,
) -> Result<E> {
    if imperfect(u, profile)? {
        return Ok(E::unknown(&format!(
            "future{}",
            super::traffic::word(&mut Bytes(u, profile))
        )));
    }
    Ok(known[pick(u, known.len())?].clone())
}

/// One variant of a polymorphic point `T`: the type name a context asks for it by,
/// and how to build it.
pub(crate) type Alternative<T> = (
    &'static str,
    fn(Profile, &mut Unstructured<'_>) -> Result<T>,
);

/// An object of type `O`, carrying its `@odata.type` as an object at a polymorphic
/// point does when it is built.
pub(crate) fn one<O: Object + Build>(profile: Profile, u: &mut Unstructured<'_>) -> Result<O> {
    let mut value = O::build(Slot::ROOT, profile, u)?;
    value.set_annotation(Annotation::Present);
    Ok(value)
}

/// A value of the nested point `N` of a type this crate knows (one of another type
/// decodes as the outer point's unknown object).
pub(crate) fn nested<N: Polymorphic + Build>(
    profile: Profile,
    u: &mut Unstructured<'_>,
) -> Result<N> {
    N::build_known(profile, u)
}

/// A value of the polymorphic point `T`: one of its concrete types (in realistic
/// traffic, those calls use), now and then an object of a type this crate does not
/// know; in a context that names some of its types, those types only.
pub(crate) fn choice<T: Polymorphic>(
    alternatives: &[Alternative<T>],
    context: Option<Context>,
    unknown: bool,
    profile: Profile,
    u: &mut Unstructured<'_>,
) -> Result<T> {
    let types = context.map_or(&[][..], |c| c.types);
    let named: Vec<&Alternative<T>> = alternatives
        .iter()
        .filter(|a| types.contains(&a.0))
        .collect();
    if !named.is_empty() {
        return (named[pick(u, named.len())?].1)(profile, u);
    }
    if unknown && imperfect(u, profile)? {
        return Ok(T::unknown(unknown_object(T::TYPE_NAME, profile, u)?));
    }
    let realistic = super::traffic::realistic_types(T::TYPE_NAME).filter(|_| profile.realistic());
    let mut usual: Vec<&Alternative<T>> = alternatives
        .iter()
        .filter(|a| realistic.is_none_or(|r| r.contains(&a.0)))
        .collect();
    if usual.is_empty() {
        usual = alternatives.iter().collect();
    }
    (usual[pick(u, usual.len())?].1)(profile, u)
}

/// An object of a type no version of the metadata has (its name begins `future`).
fn unknown_object(base: &str, profile: Profile, u: &mut Unstructured<'_>) -> Result<UnknownObject> {
    let word = super::traffic::word(&mut Bytes(u, profile));
    let mut c = base.chars();
    let upper: String = c
        .next()
        .map(|f| f.to_ascii_uppercase())
        .into_iter()
        .chain(c)
        .collect();
    Ok(UnknownObject::new(
        Some(format!("#microsoft.graph.future{word}{upper}")),
        extra_members(u, &[], profile)?,
    ))
}
