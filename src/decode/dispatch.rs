//! Polymorphic points: the concrete type of an object chosen by its `@odata.type`,
//! or, when it has none, by what its place says.

use std::borrow::Cow;

use super::decoder::Watch;
use super::members::{MemberState, Object};
#[cfg(feature = "schema")]
use super::odata::type_value;
use super::odata::{GraphType, Match, TYPE_MEMBER, split_type};
use super::sealed::Decodable;
use super::{Decoder, DiagnosticKind, UnknownObject};
use crate::Error;

/// One concrete type a polymorphic point can hold.
#[derive(Debug)]
pub(crate) struct Variant<T> {
    /// The type's name in the metadata.
    pub(crate) name: &'static str,
    /// The type's declared members (for inferring an untyped object's type).
    pub(crate) fields: &'static [&'static str],
    /// Reads the type's members into the polymorphic value.
    pub(crate) decode: fn(&mut Decoder<'_>, MemberState) -> Result<T, Error>,
    /// Whether it is the declared type of the point it was listed in.
    declared: bool,
}

impl<T> Variant<T> {
    /// The variant of an object type `O`, whose members `decode` reads into the
    /// point's value, listed in the point `P`.
    pub(crate) const fn of<O: Object, P: GraphType>(
        decode: fn(&mut Decoder<'_>, MemberState) -> Result<T, Error>,
    ) -> Self {
        Variant {
            name: O::TYPE_NAME,
            fields: O::FIELDS,
            decode,
            declared: same(O::TYPE_NAME.as_bytes(), P::TYPE_NAME.as_bytes()),
        }
    }
}

/// Whether two names are the same (at compile time).
const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A case of a polymorphic point: one concrete type, or the cases of a polymorphic
/// point nested in it (the operations among a notification's resources).
#[derive(Debug)]
pub(crate) enum Case<T: 'static> {
    /// One concrete type.
    Type(Variant<T>),
    /// The cases of a nested point.
    Nested(&'static [Case<T>]),
}

/// How a polymorphic point types an object that has no `@odata.type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Untagged {
    /// It is the declared type itself (a concrete declared type: `identity`).
    Declared,
    /// It is the one concrete type its members point to (an abstract declared type:
    /// `mediaConfig`), else unknown.
    Members,
    /// It is one of the types the enclosing object's [`Context`](super::Context)
    /// names (a notification's resources, by its resource path), else unknown.
    Context,
}

/// A polymorphic point: a choice of concrete types keyed by `@odata.type`.
pub(crate) trait Polymorphic: GraphType + Sized + 'static {
    /// "a `<base>` object", for messages.
    const WHAT: &'static str;
    /// How an object without `@odata.type` is typed.
    const UNTAGGED: Untagged;
    /// The concrete types, one case per variant of the point.
    const CASES: &'static [Case<Self>];
    /// Wraps an object of unknown type.
    fn unknown(object: UnknownObject) -> Self;
    /// Whether the value is an object of unknown type.
    #[cfg_attr(not(feature = "proptest"), allow(dead_code))]
    fn is_unknown(&self) -> bool;
    /// What tells the point's types apart by their members: computed once, by
    /// [`Evidence::of`].
    fn evidence() -> &'static Evidence<Self>;
}

/// What tells the types of a polymorphic point apart by their members.
#[derive(Debug)]
pub(crate) struct Evidence<T: 'static> {
    /// Each member exactly one of the types declares, with that type.
    telling: Vec<(&'static str, &'static Variant<T>)>,
    /// Every member some type declares.
    declared: Vec<&'static str>,
}

impl<T: Polymorphic> Evidence<T> {
    /// The evidence among `T`'s types.
    pub(crate) fn of() -> Self {
        let mut variants: Vec<&'static Variant<T>> = Vec::new();
        each_variant(T::CASES, &mut |v| variants.push(v));
        let mut telling = Vec::new();
        let mut declared: Vec<&'static str> = Vec::new();
        for (i, v) in variants.iter().enumerate() {
            for m in v.fields {
                if !declared.contains(m) {
                    declared.push(m);
                }
                let elsewhere = variants
                    .iter()
                    .enumerate()
                    .any(|(j, o)| j != i && o.fields.contains(m));
                if !elsewhere {
                    telling.push((*m, *v));
                }
            }
        }
        Evidence { telling, declared }
    }

    /// For the type whose `@odata.type` is `odata_type`: the members only it declares,
    /// and, sorted, those other types declare and it does not (for its schema).
    #[cfg(feature = "schema")]
    pub(crate) fn of_type(&self, odata_type: &str) -> (Vec<&'static str>, Vec<&'static str>) {
        let mut own: Option<&'static [&'static str]> = None;
        let telling = self
            .telling
            .iter()
            .filter(|(_, v)| type_value(v.name) == odata_type)
            .map(|&(m, v)| {
                own = Some(v.fields);
                m
            })
            .collect();
        let own = own.unwrap_or_default();
        let mut others: Vec<&'static str> = self
            .declared
            .iter()
            .copied()
            .filter(|m| !own.contains(m))
            .collect();
        others.sort_unstable();
        (telling, others)
    }

    /// The type that `member` alone would show an object to be of.
    fn of_member(&self, member: &str) -> Option<&'static Variant<T>> {
        self.telling
            .iter()
            .find(|(m, _)| *m == member)
            .map(|&(_, v)| v)
    }
}

/// Whether one of the types of the point `T` declares `member`.
fn declared_by_some<T: Polymorphic>(member: &str) -> bool {
    T::evidence().declared.contains(&member)
}

/// A polymorphic point that can be nested in another, `O`: its cases, with values
/// wrapped into `O`'s.
pub(crate) trait Nest<O: 'static>: Polymorphic {
    /// The cases, lifted into `O`.
    const LIFTED: &'static [Case<O>];
}

/// Whether `member` tells an object at the point `T` to be of a derived type: what
/// the decoder watches for ([`Decoder::watch_if_declared`]).
fn tells<T: Polymorphic>(member: &str) -> bool {
    T::evidence().of_member(member).is_some()
}

/// The first variant among `cases`, depth first, that `pred` accepts.
fn find<T>(
    cases: &'static [Case<T>],
    pred: &impl Fn(&Variant<T>) -> bool,
) -> Option<&'static Variant<T>> {
    for case in cases {
        match case {
            Case::Type(v) if pred(v) => return Some(v),
            Case::Type(_) => {}
            Case::Nested(inner) => {
                if let Some(v) = find(inner, pred) {
                    return Some(v);
                }
            }
        }
    }
    None
}

/// Every variant among `cases`, depth first.
pub(crate) fn each_variant<T>(cases: &'static [Case<T>], f: &mut impl FnMut(&'static Variant<T>)) {
    for case in cases {
        match case {
            Case::Type(v) => f(v),
            Case::Nested(inner) => each_variant(inner, f),
        }
    }
}

/// The variant of `T` whose metadata name is `name`, exactly.
pub(crate) fn named<T: Polymorphic>(name: &str) -> Option<&'static Variant<T>> {
    find(T::CASES, &|v| v.name == name)
}

/// The variant an `@odata.type` value names, and how it was spelled.
fn resolve<T: Polymorphic>(value: &str) -> Option<(&'static Variant<T>, Match)> {
    let (name, prefix) = split_type(value)?;
    if let Some(v) = named::<T>(name) {
        return Some((v, prefix));
    }
    find(T::CASES, &|v| v.name.eq_ignore_ascii_case(name)).map(|v| (v, Match::Spelling))
}

/// Reads a value at a polymorphic point.
///
/// When `@odata.type` is the first member (as Graph writes it) the object is read
/// once, straight into its type. Otherwise the object is scanned for its
/// `@odata.type` and then read from its start again; nothing is buffered. So is an
/// object (lenient mode) that turns out to have another `@odata.type` member later:
/// the last one decides, as for any duplicate member.
pub(crate) fn decode_polymorphic<T: Polymorphic>(d: &mut Decoder<'_>) -> Result<T, Error> {
    if d.peek()? != Some(b'{') {
        return Err(d.mismatch(T::WHAT));
    }
    let start = d.checkpoint();
    d.begin_object(T::WHAT)?;
    let mut first = true;
    if let Some(key) = d.next_member(&mut first)?
        && key == TYPE_MEMBER
        && d.peek()? == Some(b'"')
    {
        let at = d.offset();
        let value = d.string_at_quote()?;
        if let Some((found, spelled)) = resolve::<T>(&value) {
            if spelled == Match::Spelling {
                d.push_key(key);
                d.spelling(at, &value, found.name);
                d.pop();
            }
            let outer = std::mem::replace(&mut d.retype, false);
            let watched = d.watch_if_declared(found);
            let result = (found.decode)(d, MemberState::after_type());
            let tripped = d.unwatch(watched);
            // A later `@odata.type` (the last wins) calls for choosing again, below.
            if !std::mem::replace(&mut d.retype, outer) {
                let Some(member) = tripped else {
                    return result;
                };
                if let Some(value) = derived(d, start, found, true, &member)? {
                    return Ok(value);
                }
            }
        }
    }
    d.restore(start);
    let tag = d.scan_type()?;
    d.restore(start);
    match tag {
        Some((value, at)) => match resolve::<T>(&value) {
            Some((found, _)) => {
                d.begin_object(T::WHAT)?;
                let watched = d.watch_if_declared(found);
                let value = (found.decode)(d, MemberState::fresh());
                if let Some(member) = d.unwatch(watched) {
                    return undispatched(d, start, found, &member);
                }
                value
            }
            None => {
                d.report_at(
                    DiagnosticKind::UnknownType,
                    Some(at),
                    format!(
                        "`{value}` is not a known `{}` type: kept whole",
                        T::TYPE_NAME
                    ),
                );
                UnknownObject::decode(d).map(T::unknown)
            }
        },
        None => untagged(d),
    }
}

/// Reads an object without `@odata.type`, as the point's [`Untagged`] rule says.
fn untagged<T: Polymorphic>(d: &mut Decoder<'_>) -> Result<T, Error> {
    let (variant, evidence) = match T::UNTAGGED {
        Untagged::Declared => match named::<T>(T::TYPE_NAME) {
            Some(declared) => {
                let start = d.checkpoint();
                d.begin_object(T::WHAT)?;
                let watched = d.watch_if_declared(declared);
                let value = (declared.decode)(d, MemberState::fresh());
                if let Some(member) = d.unwatch(watched) {
                    return undispatched(d, start, declared, &member);
                }
                return value;
            }
            None => (None, ""),
        },
        Untagged::Members => {
            let start = d.checkpoint();
            let members = d.scan_members()?;
            d.restore(start);
            let mut variants = Vec::new();
            each_variant(T::CASES, &mut |v| variants.push(v));
            (infer(&variants, &members), "")
        }
        Untagged::Context => match d.context() {
            Some(context) => (by_context::<T>(d, context.types)?, context.source),
            None => (None, ""),
        },
    };
    let Some(variant) = variant else {
        return d.unknown_untyped(T::TYPE_NAME).map(T::unknown);
    };
    d.peek()?;
    let message = match T::UNTAGGED {
        Untagged::Members => format!(
            "no `@odata.type`: `{}` inferred from the members of this `{}`",
            variant.name,
            T::TYPE_NAME
        ),
        _ => format!(
            "no `@odata.type`: `{}` inferred from {evidence}",
            variant.name
        ),
    };
    d.report_at(DiagnosticKind::InferredType, Some(d.offset()), message);
    d.begin_object(T::WHAT)?;
    (variant.decode)(d, MemberState::fresh())
}

/// At a concrete point, an object read as the declared type (untyped, or typed as
/// it) whose members only one derived type declares is of that type. The members
/// Graph writes into an `identitySet` (`phone`, `applicationInstance`) land where a
/// user looks for them, in a `communicationsIdentitySet`.
///
/// The decoder watches an object read as the declared type for the members that
/// tell ([`Polymorphic::evidence`]), and stops at the first, `member`. Here the
/// object is read again from `start`, as the type that member names, keeping the annotation it had
/// (none, or the declared type's), while watched for a member another of the
/// point's types declares: with one, the members contradict each other, and the
/// object is read a last time as `declared`. An object without a telling member
/// costs nothing more. `None` when a later `@odata.type` calls for choosing again
/// (`dispatched`: the type was chosen by the first member).
fn derived<T: Polymorphic>(
    d: &mut Decoder<'_>,
    start: super::decoder::Checkpoint,
    declared: &'static Variant<T>,
    dispatched: bool,
    member: &str,
) -> Result<Option<T>, Error> {
    d.restore(start);
    let outer = std::mem::replace(&mut d.retype, false);
    let result = reread(d, start, declared, dispatched, member);
    if std::mem::replace(&mut d.retype, outer) {
        return Ok(None);
    }
    result.map(Some)
}

/// Reads the object at `start` again for [`derived`]: as the type `member` names,
/// or as `declared` when another member contradicts it.
fn reread<T: Polymorphic>(
    d: &mut Decoder<'_>,
    start: super::decoder::Checkpoint,
    declared: &'static Variant<T>,
    dispatched: bool,
    member: &str,
) -> Result<T, Error> {
    if let Some(found) = T::evidence().of_member(member) {
        d.peek()?;
        let at = d.offset();
        d.begin_object(T::WHAT)?;
        let watched = d.watch_against::<T>();
        let value = (found.decode)(d, MemberState::as_derived_of(T::ODATA_TYPE, dispatched));
        if d.unwatch(watched).is_none() {
            let mut message = String::with_capacity(80);
            for part in [
                "`",
                found.name,
                "` inferred from `",
                member,
                "`, which only it declares, in this `",
                T::TYPE_NAME,
                "`",
            ] {
                message.push_str(part);
            }
            d.report_at(DiagnosticKind::InferredType, Some(at), message);
            return value;
        }
        // A member another type declares contradicts it: the object is what its
        // place declares after all.
        d.restore(start);
    }
    d.begin_object(T::WHAT)?;
    (declared.decode)(d, MemberState::as_declared(dispatched))
}

/// [`derived`] for an object whose type was not chosen by its first member: no later
/// `@odata.type` can call for choosing again (if one did, the object is read as
/// `declared`).
fn undispatched<T: Polymorphic>(
    d: &mut Decoder<'_>,
    start: super::decoder::Checkpoint,
    declared: &'static Variant<T>,
    member: &str,
) -> Result<T, Error> {
    match derived(d, start, declared, false, member)? {
        Some(value) => Ok(value),
        None => {
            d.restore(start);
            d.begin_object(T::WHAT)?;
            (declared.decode)(d, MemberState::fresh())
        }
    }
}

/// The type of an untyped object among the types its context names: the one it
/// names, or among several, the one the object's members point to — the first when
/// no member tells them apart, none when the members contradict each other.
fn by_context<T: Polymorphic>(
    d: &mut Decoder<'_>,
    types: &[&str],
) -> Result<Option<&'static Variant<T>>, Error> {
    if let [one] = types {
        return Ok(named::<T>(one));
    }
    let candidates: Vec<&'static Variant<T>> =
        types.iter().filter_map(|name| named::<T>(name)).collect();
    if candidates.len() < 2 {
        return Ok(candidates.first().copied());
    }
    let start = d.checkpoint();
    let members = d.scan_members()?;
    d.restore(start);
    if let Some(v) = infer(&candidates, &members) {
        return Ok(Some(v));
    }
    // Members some candidates declare and others do not would have told them apart.
    let telling = members.iter().any(|m| {
        let declaring = candidates.iter().filter(|v| v.fields.contains(&m.as_ref()));
        let count = declaring.count();
        count > 0 && count < candidates.len()
    });
    Ok((!telling).then(|| candidates[0]))
}

/// The one variant an untyped object's members point to, if exactly one does.
///
/// A variant is a candidate when it declares every member of the object that any
/// variant declares, and declares at least one member present that no other variant
/// declares. Members no variant declares say nothing either way.
fn infer<T>(
    variants: &[&'static Variant<T>],
    members: &[Cow<'_, str>],
) -> Option<&'static Variant<T>> {
    let declared = |v: &Variant<T>, m: &str| v.fields.contains(&m);
    let mut candidates = variants.iter().filter(|v| {
        let consistent = members
            .iter()
            .all(|m| declared(v, m) || !variants.iter().any(|o| declared(o, m)));
        let evidence = members.iter().any(|m| {
            declared(v, m)
                && !variants
                    .iter()
                    .any(|o| !std::ptr::eq(*o, **v) && declared(o, m))
        });
        consistent && evidence
    });
    let one = candidates.next()?;
    candidates.next().is_none().then_some(*one)
}

impl<'a> Decoder<'a> {
    /// When `read_as` is the declared type of a concrete point `T`, watches the
    /// object being read (whose `{` has just been consumed) for the members that would
    /// show it to be of a derived type; returns what to restore with
    /// [`unwatch`](Self::unwatch).
    #[inline]
    fn watch_if_declared<T: Polymorphic>(&mut self, read_as: &Variant<T>) -> Option<Watch> {
        let watch = (T::UNTAGGED == Untagged::Declared && read_as.declared)
            .then(|| (self.read.mark().depth, tells::<T> as fn(&str) -> bool));
        std::mem::replace(&mut self.watch, watch)
    }

    /// Watches the object being read as a derived type of the point `T`, whose `{`
    /// has just been consumed, for members another of the point's types declares.
    #[inline]
    fn watch_against<T: Polymorphic>(&mut self) -> Option<Watch> {
        let watch = (
            self.read.mark().depth,
            declared_by_some::<T> as fn(&str) -> bool,
        );
        self.watch.replace(watch)
    }

    /// Ends watching an object: the member it should not have had, if it had one.
    /// (None is left over when a watch begins: a member that turns the watched
    /// object ends its member loop at once, and its read returns here.)
    #[inline]
    fn unwatch(&mut self, outer: Option<Watch>) -> Option<Cow<'a, str>> {
        self.watch = outer;
        self.tripped.take()
    }

    /// Reads the object that comes next as unknown, reporting that its type could
    /// not be told.
    pub(crate) fn unknown_untyped(&mut self, base: &str) -> Result<UnknownObject, Error> {
        self.peek()?;
        self.report_at(
            DiagnosticKind::UnknownType,
            Some(self.offset()),
            format!("no `@odata.type`, and nothing tells which `{base}` this is: kept whole"),
        );
        UnknownObject::decode(self)
    }

    /// Steps over the object that comes next and returns its `@odata.type` string
    /// (the last one, as for any duplicate member) and where that string starts;
    /// `None` when there is none, or when the last one is not a string (`null` is
    /// absent).
    pub(crate) fn scan_type(&mut self) -> Result<Option<(Cow<'a, str>, usize)>, Error> {
        self.begin_object("an object")?;
        let mut first = true;
        let mut found = None;
        while let Some(key) = self.next_member(&mut first)? {
            if key == TYPE_MEMBER {
                match self.peek()? {
                    Some(b'"') => {
                        let at = self.offset();
                        found = Some((self.string_at_quote()?, at));
                        continue;
                    }
                    // `null` is absent; anything else gives no type either.
                    _ => found = None,
                }
            }
            self.push_key(key);
            self.skip_value()?;
            self.pop();
        }
        Ok(found)
    }

    /// Steps over the object that comes next and returns the names of its members
    /// that are not `null` (a `null` member is absent, and tells nothing of the type).
    pub(crate) fn scan_members(&mut self) -> Result<Vec<Cow<'a, str>>, Error> {
        self.begin_object("an object")?;
        let mut first = true;
        let mut names = Vec::new();
        while let Some(key) = self.next_member(&mut first)? {
            if self.null()? {
                continue;
            }
            self.push_key(key);
            self.skip_value()?;
            names.push(self.pop_key());
        }
        Ok(names)
    }
}

/// The root object's `@odata.type` (the last, if it has several), read without
/// decoding the rest; `None` when the root is not an object or has none.
pub(crate) fn root_type<'a>(d: &mut Decoder<'a>) -> Result<Option<Cow<'a, str>>, Error> {
    d.byte_order_mark()?;
    if d.peek()? != Some(b'{') {
        return Ok(None);
    }
    Ok(d.scan_type()?.map(|(value, _)| value))
}

/// A root object's member names, and its `@odata.type` if it has one.
pub(crate) type RootMembers<'a> = (Vec<Cow<'a, str>>, Option<Cow<'a, str>>);

/// The root object's member names and its `@odata.type`, read without decoding the
/// values (each is stepped over, its syntax checked); `None` when the root is not an
/// object.
pub(crate) fn root_members<'a>(d: &mut Decoder<'a>) -> Result<Option<RootMembers<'a>>, Error> {
    d.byte_order_mark()?;
    if d.peek()? != Some(b'{') {
        return Ok(None);
    }
    let start = d.checkpoint();
    let tag = d.scan_type()?.map(|(value, _)| value);
    d.restore(start);
    Ok(Some((d.scan_members()?, tag)))
}
