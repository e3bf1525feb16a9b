//! Polymorphic points: the concrete type of an object chosen by its `@odata.type`,
//! or, when it has none, by what its place says.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::members::{MemberState, Object};
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
}

impl<T> Variant<T> {
    /// The variant of an object type `O`, whose members `decode` reads into the
    /// point's value.
    pub(crate) const fn of<O: Object>(
        decode: fn(&mut Decoder<'_>, MemberState) -> Result<T, Error>,
    ) -> Self {
        Variant {
            name: O::TYPE_NAME,
            fields: O::FIELDS,
            decode,
        }
    }
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
    /// The members the value's type does not declare (`None` for an unknown type).
    fn extra(&self) -> Option<&Map<String, Value>>;
}

/// A polymorphic point that can be nested in another, `O`: its cases, with values
/// wrapped into `O`'s.
pub(crate) trait Nest<O: 'static>: Polymorphic {
    /// The cases, lifted into `O`.
    const LIFTED: &'static [Case<O>];
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
            let result = (found.decode)(d, MemberState::after_type());
            if !std::mem::replace(&mut d.retype, outer) {
                return derived(d, start, found, result?);
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
                let value = (found.decode)(d, MemberState::fresh())?;
                derived(d, start, found, value)
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
                let value = (declared.decode)(d, MemberState::fresh())?;
                return derived(d, start, declared, value);
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
/// it) whose members only one derived type declares is of that type: read again, from
/// `start`, as it, keeping the annotation it had (none, or the declared type's). The
/// members Graph writes into an `identitySet` (`phone`, `applicationInstance`) land
/// where a user looks for them, in a `communicationsIdentitySet`.
///
/// Costs nothing unless the object has members its type does not declare.
fn derived<T: Polymorphic>(
    d: &mut Decoder<'_>,
    start: super::decoder::Checkpoint,
    read_as: &'static Variant<T>,
    value: T,
) -> Result<T, Error> {
    if T::UNTAGGED != Untagged::Declared {
        return Ok(value);
    }
    let Some(extra) = value.extra().filter(|e| !e.is_empty()) else {
        return Ok(value);
    };
    if read_as.name != T::TYPE_NAME {
        return Ok(value);
    }
    let members: Vec<Cow<'_, str>> = extra.keys().map(|k| Cow::Borrowed(k.as_str())).collect();
    let mut variants = Vec::new();
    each_variant(T::CASES, &mut |v| variants.push(v));
    let Some(found) = infer(&variants, &members) else {
        return Ok(value);
    };
    let evidence: Vec<String> = members
        .iter()
        .filter(|m| found.fields.contains(&m.as_ref()) && !read_as.fields.contains(&m.as_ref()))
        .map(|m| format!("`{m}`"))
        .collect();
    let message = format!(
        "`{}` inferred from {}, which only it declares, in this `{}`",
        found.name,
        evidence.join(", "),
        T::TYPE_NAME
    );
    d.restore(start);
    d.peek()?;
    d.report_at(DiagnosticKind::InferredType, Some(d.offset()), message);
    d.begin_object(T::WHAT)?;
    (found.decode)(d, MemberState::as_derived_of(T::ODATA_TYPE))
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
