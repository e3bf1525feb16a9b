//! Objects: members into typed fields, unknown members kept raw, the object's own
//! `@odata.type`, and dispatch at polymorphic points.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::{Decode, Decoder, Seg};
use crate::odata::{Match, TYPE_MEMBER, match_type, split_type};
use crate::{Annotation, DiagnosticKind, Error, ErrorKind, UnknownObject};

/// Where a type's member loop starts: right after `{`, or after the `@odata.type`
/// member that a dispatcher has already read.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MemberState {
    /// No member has been read yet.
    pub(crate) first: bool,
    /// Whether an `@odata.type` naming the type has been read.
    pub(crate) annotation: Annotation,
    /// Whether a dispatcher chose the type by the object's first member, so that a
    /// later `@odata.type` (which wins, as the last of duplicates) calls for a retry.
    dispatched: bool,
}

impl MemberState {
    /// Right after `{`.
    pub(crate) fn fresh() -> Self {
        MemberState {
            first: true,
            annotation: Annotation::Absent,
            dispatched: false,
        }
    }

    /// After a leading `@odata.type` read by a dispatcher.
    fn after_type() -> Self {
        MemberState {
            first: false,
            annotation: Annotation::Present,
            dispatched: true,
        }
    }
}

/// A Graph object type: a struct whose members are read one by one.
pub(crate) trait Object: Sized {
    /// The type's name in the metadata.
    const TYPE_NAME: &'static str;
    /// The wire names of its declared members.
    const FIELDS: &'static [&'static str];
    /// Reads the members of an object whose `{` has been consumed.
    fn decode_members(d: &mut Decoder<'_>, st: MemberState) -> Result<Self, Error>;
    /// Sets whether the object carries its `@odata.type`.
    #[cfg_attr(not(feature = "proptest"), allow(dead_code))]
    fn set_annotation(&mut self, annotation: Annotation);
}

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

/// A polymorphic point: a choice of concrete types keyed by `@odata.type`.
pub(crate) trait Polymorphic: Sized + 'static {
    /// The declared type's name in the metadata.
    const BASE: &'static str;
    /// "a `<base>` object", for messages.
    const WHAT: &'static str;
    /// What an `@odata.type` resolves to: which concrete type to read.
    type Found: Copy;
    /// The concrete type an `@odata.type` value names, and how it was spelled.
    fn resolve(value: &str) -> Option<(Self::Found, Match)>;
    /// The metadata name of a resolved type.
    fn name(found: Self::Found) -> &'static str;
    /// Reads the members of an object of a resolved type.
    fn decode_found(
        found: Self::Found,
        d: &mut Decoder<'_>,
        st: MemberState,
    ) -> Result<Self, Error>;
    /// Reads an object without `@odata.type` (its `{` is next).
    fn untagged(d: &mut Decoder<'_>) -> Result<Self, Error>;
    /// Wraps an object of unknown type.
    fn unknown(object: UnknownObject) -> Self;
}

/// Finds the variant an `@odata.type` value names, and how it was spelled.
pub(crate) fn resolve<T>(
    variants: &'static [Variant<T>],
    value: &str,
) -> Option<(&'static Variant<T>, Match)> {
    let (name, prefix) = split_type(value)?;
    if let Some(v) = variants.iter().find(|v| v.name == name) {
        return Some((v, prefix));
    }
    variants
        .iter()
        .find(|v| v.name.eq_ignore_ascii_case(name))
        .map(|v| (v, Match::Spelling))
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
        let at = d.pos;
        let value = d.string_at_quote()?;
        if let Some((found, spelled)) = T::resolve(&value) {
            if spelled == Match::Spelling {
                d.path.push(Seg::Key(key));
                d.spelling(at, &value, T::name(found));
                d.path.pop();
            }
            let outer = std::mem::replace(&mut d.retype, false);
            let result = T::decode_found(found, d, MemberState::after_type());
            if !std::mem::replace(&mut d.retype, outer) {
                return result;
            }
        }
    }
    d.restore(start);
    let tag = d.scan_type()?;
    d.restore(start);
    match tag {
        Some((value, at)) => match T::resolve(&value) {
            Some((found, _)) => {
                d.begin_object(T::WHAT)?;
                T::decode_found(found, d, MemberState::fresh())
            }
            None => {
                d.report_at(
                    DiagnosticKind::UnknownType,
                    Some(at),
                    format!("`{value}` is not a known `{}` type: kept whole", T::BASE),
                );
                UnknownObject::decode(d).map(T::unknown)
            }
        },
        None => T::untagged(d),
    }
}

/// Reads an object without `@odata.type` at a point whose variants are `variants`:
/// the declared type when it is concrete (the first variant), else the variant its
/// members point to, else an unknown object.
pub(crate) fn decode_untagged<T: Polymorphic>(
    d: &mut Decoder<'_>,
    variants: &'static [Variant<T>],
    is_abstract: bool,
) -> Result<T, Error> {
    if !is_abstract {
        d.begin_object(T::WHAT)?;
        return (variants[0].decode)(d, MemberState::fresh());
    }
    let start = d.checkpoint();
    let members = d.scan_members()?;
    d.restore(start);
    match infer(variants, &members) {
        Some(variant) => {
            d.report_at(
                DiagnosticKind::InferredType,
                Some(start.pos),
                format!(
                    "no `@odata.type`: `{}` inferred from the members of this `{}`",
                    variant.name,
                    T::BASE
                ),
            );
            d.begin_object(T::WHAT)?;
            (variant.decode)(d, MemberState::fresh())
        }
        None => d.unknown_untyped(T::BASE).map(T::unknown),
    }
}

impl Decoder<'_> {
    /// Reads the object that comes next as unknown, reporting that its type could
    /// not be told.
    pub(crate) fn unknown_untyped(&mut self, base: &str) -> Result<UnknownObject, Error> {
        self.peek()?;
        self.report_at(
            DiagnosticKind::UnknownType,
            Some(self.pos),
            format!("no `@odata.type`, and nothing tells which `{base}` this is: kept whole"),
        );
        UnknownObject::decode(self)
    }
}

/// The one variant an untyped object's members point to, if exactly one does.
///
/// A variant is a candidate when it declares every member of the object that any
/// variant declares, and declares at least one member present that no other variant
/// declares. Members no variant declares say nothing either way.
fn infer<'v, T>(variants: &'v [Variant<T>], members: &[Cow<'_, str>]) -> Option<&'v Variant<T>> {
    let declared = |v: &Variant<T>, m: &str| v.fields.contains(&m);
    let mut candidates = variants.iter().filter(|v| {
        let consistent = members
            .iter()
            .all(|m| declared(v, m) || !variants.iter().any(|o| declared(o, m)));
        let evidence = members.iter().any(|m| {
            declared(v, m)
                && !variants
                    .iter()
                    .any(|o| !std::ptr::eq(o, *v) && declared(o, m))
        });
        consistent && evidence
    });
    let one = candidates.next()?;
    candidates.next().is_none().then_some(one)
}

impl<'a> Decoder<'a> {
    /// Reads member `key` into `slot`. `null` leaves it empty. A value of the wrong
    /// type is an error when strict; when lenient it is kept raw in `extra` under
    /// `key`, the slot is emptied, and a diagnostic says so.
    pub(crate) fn field<T: Decode>(
        &mut self,
        key: Cow<'a, str>,
        slot: &mut Option<T>,
        extra: &mut Map<String, Value>,
    ) -> Result<(), Error> {
        if self.null()? {
            // An earlier mistyped value of the member is in `extra`: it is replaced too.
            let kept_raw = !extra.is_empty() && extra.remove(key.as_ref()).is_some();
            if slot.take().is_some() || kept_raw {
                self.duplicate(&key, self.pos)?;
            }
            return Ok(());
        }
        self.path.push(Seg::Key(key));
        let cp = self.checkpoint();
        let result = T::decode(self);
        match result {
            Ok(value) => {
                let key = self.pop_key();
                let kept_raw = !extra.is_empty() && extra.remove(key.as_ref()).is_some();
                if slot.is_some() || kept_raw {
                    self.duplicate(&key, cp.pos)?;
                }
                *slot = Some(value);
                Ok(())
            }
            Err(e) if self.lenient && e.kind() == ErrorKind::Type => {
                self.restore(cp);
                let raw = self.value()?;
                let here = self.pointer();
                let detail = if e.pointer() == here {
                    e.message().to_owned()
                } else {
                    format!("{}: {}", e.pointer(), e.message())
                };
                let kind = if raw.is_array() == T::IS_ARRAY {
                    DiagnosticKind::TypeMismatch
                } else {
                    DiagnosticKind::Shape
                };
                self.report_at(
                    kind,
                    Some(cp.pos),
                    format!("{detail}; the member is kept raw"),
                );
                let key = self.pop_key();
                if slot.take().is_some() {
                    self.duplicate(&key, cp.pos)?;
                }
                self.insert(extra, key.into_owned(), raw, cp.pos)
            }
            Err(e) => Err(e),
        }
    }

    /// Reads a member the type does not declare into `extra`; `null` is absent.
    pub(crate) fn extra(
        &mut self,
        key: Cow<'a, str>,
        extra: &mut Map<String, Value>,
    ) -> Result<(), Error> {
        self.peek()?;
        let at = self.pos;
        self.path.push(Seg::Key(key));
        let value = self.value()?;
        let key = self.pop_key();
        if value.is_null() {
            if extra.remove(key.as_ref()).is_some() {
                self.duplicate(&key, at)?;
            }
            return Ok(());
        }
        self.insert(extra, key.into_owned(), value, at)
    }

    /// Reads an object's own `@odata.type` member, which should name `name`.
    ///
    /// One that names another type is an error when strict. When lenient the object
    /// is still read as `name` (its place allows no other type) and the foreign
    /// `@odata.type` is kept in `extra`, so that it encodes back as it came; so is one
    /// that is not a string, as any mistyped member is.
    pub(crate) fn own_type(
        &mut self,
        key: Cow<'a, str>,
        name: &'static str,
        st: &mut MemberState,
        extra: &mut Map<String, Value>,
    ) -> Result<(), Error> {
        self.peek()?;
        let at = self.pos;
        if self.null()? {
            // Absent; after another `@odata.type` it is the last one, and wins.
            self.duplicate_type(&key, at, st, extra)?;
            st.annotation = Annotation::Absent;
            extra.remove(TYPE_MEMBER);
            return Ok(());
        }
        if self.peek()? != Some(b'"') {
            let e = self.mismatch("a string `@odata.type`");
            if !self.lenient || e.kind() != ErrorKind::Type {
                return Err(e);
            }
            self.path.push(Seg::Key(key));
            let raw = self.value()?;
            self.report_at(
                DiagnosticKind::TypeMismatch,
                Some(at),
                format!("{}; the member is kept raw", e.message()),
            );
            let key = self.pop_key();
            self.duplicate_type(&key, at, st, extra)?;
            st.annotation = Annotation::Absent;
            extra.insert(key.into_owned(), raw);
            return Ok(());
        }
        let value = self.string_at_quote()?;
        self.duplicate_type(&key, at, st, extra)?;
        self.path.push(Seg::Key(key));
        let result = match match_type(&value, name) {
            Some(spelled) => {
                if spelled == Match::Spelling {
                    self.spelling(at, &value, name);
                }
                st.annotation = Annotation::Present;
                extra.remove(TYPE_MEMBER);
                Ok(())
            }
            None if self.lenient => {
                self.report_at(
                    DiagnosticKind::TypeMismatch,
                    Some(at),
                    format!("`{value}` where `{name}` belongs: read as `{name}`, the `@odata.type` kept as it is"),
                );
                st.annotation = Annotation::Absent;
                extra.insert(TYPE_MEMBER.to_owned(), Value::String(value.into_owned()));
                Ok(())
            }
            None => Err(self.error_at(
                ErrorKind::Type,
                at,
                format!("expected a `{name}` object, found one whose `@odata.type` is `{value}`"),
            )),
        };
        self.path.pop();
        result
    }

    /// Handles a second `@odata.type` member as any duplicate; when the type was
    /// chosen by the first, asks the dispatcher to choose again by the last.
    fn duplicate_type(
        &mut self,
        key: &str,
        at: usize,
        st: &MemberState,
        extra: &Map<String, Value>,
    ) -> Result<(), Error> {
        if st.annotation.is_present() || extra.contains_key(TYPE_MEMBER) {
            self.duplicate(key, at)?;
            if st.dispatched {
                self.retype = true;
            }
        }
        Ok(())
    }

    /// Reports a type name read under another spelling.
    pub(crate) fn spelling(&mut self, at: usize, value: &str, name: &str) {
        self.report_at(
            DiagnosticKind::Spelling,
            Some(at),
            format!("`{value}` read as `#microsoft.graph.{name}`"),
        );
    }

    /// Removes the member segment on top of the path and gives its name back.
    pub(crate) fn pop_key(&mut self) -> Cow<'a, str> {
        match self.path.pop() {
            Some(Seg::Key(key)) => key,
            _ => Cow::Borrowed(""),
        }
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
                        let at = self.pos;
                        found = Some((self.string_at_quote()?, at));
                        continue;
                    }
                    // `null` is absent; anything else gives no type either.
                    _ => found = None,
                }
            }
            self.path.push(Seg::Key(key));
            self.skip_value()?;
            self.path.pop();
        }
        Ok(found)
    }

    /// Steps over the object that comes next and returns its `@odata.type` string —
    /// the last one, as for any duplicate member — or `None` when it has none.
    pub(crate) fn root_type(&mut self) -> Result<Option<Cow<'a, str>>, Error> {
        Ok(self.scan_type()?.map(|(value, _)| value))
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
            self.path.push(Seg::Key(key));
            self.skip_value()?;
            if let Some(Seg::Key(key)) = self.path.pop() {
                names.push(key);
            }
        }
        Ok(names)
    }
}
