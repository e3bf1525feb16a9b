//! What the declarations generate for the `proptest` feature: a strategy for every
//! type, realistic for the member each value fills.
//!
//! The values are valid (they encode to JSON that decodes back to the same value) and
//! realistic: identifiers are UUIDs, URIs are HTTPS URLs, names, languages and result
//! codes look like the documents' — and they carry what real traffic carries too:
//! members no type declares, objects of unknown `@odata.type`, enum values this crate
//! does not know. A member read in a context (a notification's resources, typed by
//! its resource path) is generated after the members that give the context, as
//! values decoding would type the same way.

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use proptest::arbitrary::Arbitrary;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::{BoxedStrategy, Union};
use serde_json::{Map, Value};

use super::enums::{Flags, OpenEnum};
use super::traffic::{Dice, Profile, Slot};
use crate::UnknownObject;
use crate::decode::odata::Annotation;
use crate::decode::{Context, Object, OneOrMany, Polymorphic};

/// A type whose values can be generated, realistically for the member `slot` they fill.
pub(crate) trait Generate: Sized + Clone + fmt::Debug + 'static {
    /// A strategy for values of the member `slot`, with the imperfections of `profile`.
    fn generate(slot: Slot, profile: Profile) -> BoxedStrategy<Self>;

    /// A strategy for values of the member `slot` in `context`: values whose untyped
    /// objects decoding would type as the context says. Most types ignore it.
    fn generate_in(slot: Slot, context: Option<Context>, profile: Profile) -> BoxedStrategy<Self> {
        let _ = context;
        Self::generate(slot, profile)
    }
}

/// The proptest RNG as the choices of a settle hook.
struct Rolls<'r>(&'r mut proptest::test_runner::TestRng, Profile);

impl Dice for Rolls<'_> {
    fn below(&mut self, n: usize) -> usize {
        match u64::try_from(n) {
            Ok(0) | Err(_) => 0,
            Ok(n) => usize::try_from(self.0.random::<u64>() % n).unwrap_or(0),
        }
    }

    fn profile(&self) -> Profile {
        self.1
    }
}

/// The weights of the usual and the imperfect choice in `profile`: `None` when
/// the profile never makes it.
fn imperfection(profile: Profile) -> Option<(u32, u32)> {
    profile.one_in().map(|n| (u32::from(n) - 1, 1))
}

/// A value for one member of an object of type `T`, ready to be set on it.
pub(crate) struct Patch<T>(Box<dyn SetMember<T>>);

trait SetMember<T>: fmt::Debug {
    fn apply(&self, target: &mut T);
    fn clone_box(&self) -> Box<dyn SetMember<T>>;
}

struct Set<T, V> {
    key: &'static str,
    value: Option<V>,
    set: fn(&mut T, Option<V>),
}

impl<T, V: fmt::Debug> fmt::Debug for Set<T, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?}", self.key, self.value)
    }
}

impl<T: 'static, V: Clone + fmt::Debug + 'static> SetMember<T> for Set<T, V> {
    fn apply(&self, target: &mut T) {
        (self.set)(target, self.value.clone());
    }

    fn clone_box(&self) -> Box<dyn SetMember<T>> {
        Box::new(Set {
            key: self.key,
            value: self.value.clone(),
            set: self.set,
        })
    }
}

impl<T> Clone for Patch<T> {
    fn clone(&self) -> Self {
        Patch(self.0.clone_box())
    }
}

impl<T> fmt::Debug for Patch<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How often a member is present.
const PRESENT: f64 = 0.4;

/// The strategy of a member, given the object its other members make.
type AfterOthers<T> = Arc<dyn Fn(&T) -> BoxedStrategy<Patch<T>>>;

/// The strategy built for the types a context names.
type ByContext<V> = (Option<&'static [&'static str]>, BoxedStrategy<V>);

/// The strategy of one member of an object of type `T`.
pub(crate) enum Member<T> {
    /// Generated alone.
    Plain(BoxedStrategy<Patch<T>>),
    /// Generated once the object's other members are, in the context they give.
    InContext(AfterOthers<T>),
}

impl<T: 'static> Member<T> {
    /// Member `slot`, realistic when present; present always when `required`, now
    /// and then otherwise.
    pub(crate) fn plain<V: Generate>(
        profile: Profile,
        slot: Slot,
        set: fn(&mut T, Option<V>),
        required: bool,
    ) -> Self {
        Member::Plain(patches(slot, set, V::generate(slot, profile), required))
    }

    /// Member `slot`, generated in the context `context` gives for the object.
    pub(crate) fn in_context<V: Generate>(
        profile: Profile,
        slot: Slot,
        set: fn(&mut T, Option<V>),
        context: fn(&T) -> Option<Context>,
        required: bool,
    ) -> Self {
        // The strategy of each context, built once: building one expands the whole
        // tree of the types it may generate.
        let built: RefCell<Vec<ByContext<V>>> = RefCell::new(Vec::new());
        Member::InContext(Arc::new(move |object: &T| {
            let context = context(object);
            let types = context.map(|c| c.types);
            let known = built
                .borrow()
                .iter()
                .find(|(t, _)| *t == types)
                .map(|(_, s)| s.clone());
            let values = known.unwrap_or_else(|| {
                let values = V::generate_in(slot, context, profile);
                built.borrow_mut().push((types, values.clone()));
                values
            });
            patches(slot, set, values, required)
        }))
    }
}

/// The patches that set member `slot` to `values`: always when `required`, now and
/// then otherwise.
fn patches<T: 'static, V: Generate>(
    slot: Slot,
    set: fn(&mut T, Option<V>),
    values: BoxedStrategy<V>,
    required: bool,
) -> BoxedStrategy<Patch<T>> {
    let values = if required {
        values.prop_map(Some).boxed()
    } else {
        proptest::option::weighted(PRESENT, values).boxed()
    };
    values
        .prop_map(move |value| {
            Patch(Box::new(Set {
                key: slot.key,
                value,
                set,
            }))
        })
        .boxed()
}

/// A strategy for the object type `T`: its members, whether it carries
/// `@odata.type`, a few members it does not declare, and what its `settle` hook
/// makes of it.
pub(crate) fn object<T>(
    members: Vec<Member<T>>,
    profile: Profile,
    settle: Option<fn(&mut T, &mut dyn Dice)>,
) -> BoxedStrategy<T>
where
    T: Object + Default + Clone + fmt::Debug + 'static,
{
    let mut plain = Vec::new();
    let mut in_context = Vec::new();
    for member in members {
        match member {
            Member::Plain(s) => plain.push(s),
            Member::InContext(f) => in_context.push(f),
        }
    }
    // Mostly as a value built in code is written, now and then the other way.
    let (usual, other) = match T::DEFAULT_ANNOTATION {
        Annotation::Absent => (Annotation::Absent, Annotation::Present),
        _ => (Annotation::Present, Annotation::Absent),
    };
    let annotation = prop_oneof![4 => Just(usual), 1 => Just(other)];
    let base = (plain, annotation, extra_members(T::FIELDS, profile)).prop_map(
        |(patches, annotation, extra)| {
            let mut out = T::default();
            for patch in &patches {
                patch.0.apply(&mut out);
            }
            out.set_annotation(annotation);
            *out.extra_mut() = extra;
            out
        },
    );
    let built = if in_context.is_empty() {
        base.boxed()
    } else {
        with_context(base.boxed(), in_context)
    };
    match settle {
        Some(settle) => built
            .prop_perturb(move |mut value, mut rng| {
                settle(&mut value, &mut Rolls(&mut rng, profile));
                value
            })
            .boxed(),
        None => built,
    }
}

/// The objects of `base` with their members read in context added, generated in
/// the context the others give.
fn with_context<T>(base: BoxedStrategy<T>, in_context: Vec<AfterOthers<T>>) -> BoxedStrategy<T>
where
    T: Object + Default + Clone + fmt::Debug + 'static,
{
    let in_context = Arc::new(in_context);
    base.prop_flat_map(move |out| {
        let patches: Vec<BoxedStrategy<Patch<T>>> = in_context.iter().map(|f| f(&out)).collect();
        (Just(out), patches).prop_map(|(mut out, patches)| {
            for patch in &patches {
                patch.0.apply(&mut out);
            }
            out
        })
    })
    .boxed()
}

/// Now and then a member no type declares, named unlike any of `fields`.
pub(crate) fn extra_members(
    fields: &'static [&'static str],
    profile: Profile,
) -> BoxedStrategy<Map<String, Value>> {
    dice(profile, move |d| {
        let mut extra = Map::new();
        if d.imperfect()
            && let Some((name, value)) = super::traffic::unknown_member(fields, d)
        {
            extra.insert(name, value);
        }
        extra
    })
}

/// A JSON value that is not `null`, as the one table draws it.
pub(crate) fn json_value(profile: Profile) -> BoxedStrategy<Value> {
    dice(profile, |d| super::traffic::json_value(d, 2))
}

/// One variant of a polymorphic point `T`, as a strategy: the type name a context
/// asks for it by, and its values.
pub(crate) struct Alternative<T> {
    name: &'static str,
    values: BoxedStrategy<T>,
}

impl<T: fmt::Debug + 'static> Alternative<T> {
    /// Objects of type `O`, carrying their `@odata.type` as an object at a
    /// polymorphic point does when it is generated.
    pub(crate) fn one<O: Object + Generate>(profile: Profile, wrap: fn(O) -> T) -> Self {
        Alternative {
            name: O::TYPE_NAME,
            values: O::generate(Slot::ROOT, profile)
                .prop_map(move |mut v| {
                    v.set_annotation(Annotation::Present);
                    wrap(v)
                })
                .boxed(),
        }
    }

    /// The values of the nested point `N` of types this crate knows (one of another
    /// type decodes as the outer point's unknown object).
    pub(crate) fn nested<N: Polymorphic + Generate>(profile: Profile, wrap: fn(N) -> T) -> Self {
        Alternative {
            name: N::TYPE_NAME,
            values: N::generate(Slot::ROOT, profile)
                .prop_filter("a type this crate knows", |v| !v.is_unknown())
                .prop_map(wrap)
                .boxed(),
        }
    }
}

/// A strategy for the polymorphic point `T`: its concrete types (in realistic
/// traffic, those calls use), now and then an object of a type this crate does not
/// know; in a context that names some of its types, those types only.
pub(crate) fn choice<T: Polymorphic + fmt::Debug>(
    alternatives: Vec<Alternative<T>>,
    context: Option<Context>,
    profile: Profile,
) -> BoxedStrategy<T> {
    let types = context.map_or(&[][..], |c| c.types);
    let (named, others): (Vec<_>, Vec<_>) = alternatives
        .into_iter()
        .partition(|a| types.contains(&a.name));
    if !named.is_empty() {
        return Union::new(named.into_iter().map(|a| a.values)).boxed();
    }
    let realistic = super::traffic::realistic_types(T::TYPE_NAME).filter(|_| profile.realistic());
    let (usual, rest): (Vec<_>, Vec<_>) = others
        .into_iter()
        .partition(|a| realistic.is_none_or(|r| r.contains(&a.name)));
    let usual = if usual.is_empty() { rest } else { usual };
    let known = Union::new(usual.into_iter().map(|a| a.values)).boxed();
    match imperfection(profile) {
        None => known,
        Some((usual, rare)) => Union::new_weighted(vec![
            (usual, known),
            (
                rare,
                unknown_object(T::TYPE_NAME, profile)
                    .prop_map(T::unknown)
                    .boxed(),
            ),
        ])
        .boxed(),
    }
}

/// An object of a type no version of the metadata has (its name begins `future`).
pub(crate) fn unknown_object(base: &'static str, profile: Profile) -> BoxedStrategy<UnknownObject> {
    ("[A-Z][a-z]{2,8}", extra_members(&[], profile))
        .prop_map(move |(word, members)| {
            UnknownObject::new(
                Some(format!(
                    "#microsoft.graph.future{word}{}",
                    upper_first(base)
                )),
                members,
            )
        })
        .boxed()
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase())
        .into_iter()
        .chain(c)
        .collect()
}

/// A value of an open enum: mostly a known member, now and then text of a later version.
pub(crate) fn open_enum<E: OpenEnum + Clone + fmt::Debug + 'static>(
    known: &'static [E],
    profile: Profile,
) -> BoxedStrategy<E> {
    match imperfection(profile) {
        None => select(known).boxed(),
        Some((usual, rare)) => prop_oneof![
            usual => select(known),
            rare => "future[A-Z][a-z]{2,8}".prop_map(|s| E::unknown(&s)),
        ]
        .boxed(),
    }
}

impl<E: OpenEnum + Generate> Generate for Flags<E> {
    fn generate(slot: Slot, profile: Profile) -> BoxedStrategy<Self> {
        vec(E::generate(slot, profile), 1..3)
            .prop_map(Flags)
            .boxed()
    }
}

impl<T: Generate> Generate for Vec<T> {
    fn generate(slot: Slot, profile: Profile) -> BoxedStrategy<Self> {
        let (min, max) = super::traffic::list_len(slot.key);
        vec(T::generate(slot, profile), min..=max).boxed()
    }
}

impl<T: Generate> Generate for OneOrMany<T> {
    fn generate(slot: Slot, profile: Profile) -> BoxedStrategy<Self> {
        Self::generate_in(slot, None, profile)
    }

    fn generate_in(slot: Slot, context: Option<Context>, profile: Profile) -> BoxedStrategy<Self> {
        let kinds = context.map_or(1, |c| c.types.len());
        if kinds > 1 {
            return Union::new(
                (0..kinds).map(|i| {
                    Self::generate_in(slot, super::traffic::one_kind(context, i), profile)
                }),
            )
            .boxed();
        }
        let (min, max) = super::traffic::list_len_in(slot.key, context.map(|c| c.types));
        let many = vec(T::generate_in(slot, context, profile), min..=max).prop_map(OneOrMany::Many);
        match imperfection(profile) {
            None => many.boxed(),
            Some((usual, rare)) => prop_oneof![
                rare => T::generate_in(slot, context, profile).prop_map(OneOrMany::One),
                usual => many,
            ]
            .boxed(),
        }
    }
}

impl<T: Generate> Arbitrary for OneOrMany<T> {
    type Parameters = Profile;
    type Strategy = BoxedStrategy<Self>;

    fn arbitrary_with(profile: Profile) -> Self::Strategy {
        Self::generate(Slot::ROOT, profile)
    }
}

impl Generate for bool {
    fn generate(_: Slot, _: Profile) -> BoxedStrategy<Self> {
        any::<bool>().boxed()
    }
}

impl Generate for i32 {
    fn generate(slot: Slot, profile: Profile) -> BoxedStrategy<Self> {
        dice(profile, move |d| super::traffic::int(slot, d))
    }
}

impl Generate for i64 {
    fn generate(slot: Slot, profile: Profile) -> BoxedStrategy<Self> {
        dice(profile, move |d| super::traffic::long(slot, d))
    }
}

impl Generate for Value {
    fn generate(_: Slot, profile: Profile) -> BoxedStrategy<Self> {
        json_value(profile)
    }
}

/// Values drawn by `draw` from the proptest RNG, as the generators' one table of
/// value shapes ([`traffic`](super::traffic)) draws them: both generators read it.
fn dice<T: fmt::Debug + 'static>(
    profile: Profile,
    draw: impl Fn(&mut dyn Dice) -> T + 'static,
) -> BoxedStrategy<T> {
    Just(())
        .prop_perturb(move |(), mut rng| draw(&mut Rolls(&mut rng, profile)))
        .boxed()
}

/// A lower-case UUID, as Graph writes identifiers.
pub(crate) fn uuid() -> BoxedStrategy<String> {
    dice(Profile::Clean, |d| d.uuid())
}

/// An HTTPS URL of a made-up host of `contoso.com`.
pub(crate) fn https_url() -> BoxedStrategy<String> {
    dice(Profile::Clean, super::traffic::https_url)
}

impl Generate for String {
    fn generate(slot: Slot, profile: Profile) -> BoxedStrategy<Self> {
        dice(profile, move |d| super::traffic::string(slot, d))
    }
}
