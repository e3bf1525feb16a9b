//! Objects: members into typed fields, unknown members kept raw, members read in the
//! context the rest of their object gives, and the object's own `@odata.type`.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::decoder::{Context, Deferred};
use super::odata::{Annotation, GraphType, Match, TYPE_MEMBER, match_type, split_type};
use super::sealed::Decodable;
use super::{Decoder, DiagnosticKind};
use crate::{Error, ErrorKind};

/// A Graph object type: a struct whose members are read one by one.
pub(crate) trait Object: GraphType + Default + Sized {
    /// The wire names of its declared members.
    const FIELDS: &'static [&'static str];
    /// Whether a value built in code carries its `@odata.type`: present for Graph
    /// types, absent for the request body of an action.
    const DEFAULT_ANNOTATION: Annotation;
    /// Reads the members of an object whose `{` has been consumed into `out`, a
    /// value of the type's default (so that a boxed value is read in place).
    fn decode_members_into(
        d: &mut Decoder<'_>,
        st: MemberState,
        out: &mut Self,
    ) -> Result<(), Error>;

    /// Reads the members of an object whose `{` has been consumed.
    #[inline(always)]
    fn decode_members(d: &mut Decoder<'_>, st: MemberState) -> Result<Self, Error> {
        let mut out = Self::default();
        Self::decode_members_into(d, st, &mut out)?;
        Ok(out)
    }

    /// Reads the members of an object whose `{` has been consumed into a box.
    #[inline(always)]
    fn decode_members_boxed(d: &mut Decoder<'_>, st: MemberState) -> Result<Box<Self>, Error> {
        let mut out = Box::<Self>::default();
        Self::decode_members_into(d, st, &mut out)?;
        Ok(out)
    }
    /// Sets whether the object carries its `@odata.type`.
    /// (Used by the generators only.)
    #[cfg_attr(
        not(any(feature = "proptest", feature = "arbitrary")),
        allow(dead_code)
    )]
    fn set_annotation(&mut self, annotation: Annotation);
    /// The members the type does not declare.
    /// (Used by the generators only.)
    #[cfg_attr(
        not(any(feature = "proptest", feature = "arbitrary")),
        allow(dead_code)
    )]
    fn extra_mut(&mut self) -> &mut Map<String, Value>;
    /// The declared member whose wire name is `key`, for code that reaches a member
    /// by its name (an action body's `clientContext`).
    fn member_mut(&mut self, key: &str) -> Option<&mut dyn std::any::Any>;
    /// The declared member whose wire name is `key`, to read.
    fn member_ref(&self, key: &str) -> Option<&dyn std::any::Any>;
}

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
    /// The `@odata.type` of a base type that the object's own may name: the declared
    /// type of its place, when the members showed it to be a derived one.
    base: Option<&'static str>,
}

impl MemberState {
    /// Right after `{`.
    pub(crate) fn fresh() -> Self {
        MemberState {
            first: true,
            annotation: Annotation::Absent,
            dispatched: false,
            base: None,
        }
    }

    /// Right after `{`, for an object of a derived type whose `@odata.type`, if any,
    /// may name the base type whose canonical `@odata.type` is `base`.
    /// `dispatched` when the type was chosen by the object's first member, so that a
    /// later `@odata.type` calls for choosing again.
    pub(crate) fn as_derived_of(base: &'static str, dispatched: bool) -> Self {
        MemberState {
            base: Some(base),
            dispatched,
            ..Self::fresh()
        }
    }

    /// Right after `{`, for an object of the declared type read again after its
    /// members contradicted a derived one; `dispatched` as for
    /// [`as_derived_of`](Self::as_derived_of).
    pub(crate) fn as_declared(dispatched: bool) -> Self {
        MemberState {
            dispatched,
            ..Self::fresh()
        }
    }

    /// After a leading `@odata.type` read by a dispatcher.
    pub(crate) fn after_type() -> Self {
        MemberState {
            first: false,
            annotation: Annotation::Present,
            dispatched: true,
            base: None,
        }
    }
}

impl<'a> Decoder<'a> {
    /// Reads the members of an object of type `T`, whose `{` comes next.
    #[inline]
    pub(crate) fn object<T: Object>(&mut self, what: &'static str) -> Result<T, Error> {
        self.begin_object(what)?;
        T::decode_members(self, MemberState::fresh())
    }

    /// Reads the members of an object of type `T`, whose `{` comes next, into
    /// `out`, a value of the type's default.
    #[inline]
    pub(crate) fn object_into<T: Object>(
        &mut self,
        what: &'static str,
        out: &mut T,
    ) -> Result<(), Error> {
        self.begin_object(what)?;
        T::decode_members_into(self, MemberState::fresh(), out)
    }

    /// Reads member `key` into `slot`. `null` leaves it empty. A value of the wrong
    /// type is an error when strict; when lenient it is kept raw in `extra` under
    /// `key`, the slot is emptied, and a diagnostic says so.
    #[inline(always)]
    pub(crate) fn field<T: Decodable>(
        &mut self,
        key: Cow<'a, str>,
        slot: &mut Option<T>,
        extra: &mut Map<String, Value>,
    ) -> Result<(), Error> {
        if self.null()? {
            // An earlier mistyped value of the member is in `extra`: it is replaced too.
            let kept_raw = self.raw_removed(&key, extra);
            if slot.take().is_some() || kept_raw {
                self.duplicate(&key, self.offset())?;
            }
            return Ok(());
        }
        self.push_key(key);
        let cp = self.checkpoint();
        // Enum values spelled in another case are counted while this member is read
        // (an inner object's member takes its own back), so that the received text
        // is kept.
        let before = if T::SPELLED { self.spelled } else { 0 };
        let result = T::decode(self);
        match result {
            Ok(value) => {
                if T::SPELLED && self.spelled != before {
                    self.spelled = before;
                    return self.keep_spelling(cp, value, slot, extra);
                }
                let key = self.pop_key();
                let kept_raw = self.raw_removed(&key, extra);
                if slot.is_some() || kept_raw {
                    self.duplicate(&key, cp.offset())?;
                }
                *slot = Some(value);
                Ok(())
            }
            Err(e) if self.lenient() && e.kind() == ErrorKind::Type => {
                if T::SPELLED {
                    self.spelled = before;
                }
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
                    Some(cp.offset()),
                    format!("{detail}; the member is kept raw"),
                );
                let key = self.pop_key();
                if slot.take().is_some() {
                    self.duplicate(&key, cp.offset())?;
                }
                self.kept_raw = true;
                self.insert(extra, key.into_owned(), raw, cp.offset())
            }
            Err(e) => Err(e),
        }
    }

    /// Removes from `extra` a value of member `key` kept raw earlier (a mistyped
    /// one, or the received text of a spelling), saying whether there was one. Only
    /// looked for once this document has kept one: until then no `extra` holds a
    /// declared name, and a declared member read costs no map search.
    #[inline(always)]
    fn raw_removed(&self, key: &str, extra: &mut Map<String, Value>) -> bool {
        self.kept_raw && !extra.is_empty() && extra.remove(key).is_some()
    }

    /// [`field`](Self::field)'s end for a value that holds enum values spelled in
    /// another case: the received text is kept in `extra` beside the typed value,
    /// and encoding writes it. Out of line: the common path stays small.
    #[cold]
    #[inline(never)]
    fn keep_spelling<T: Decodable>(
        &mut self,
        cp: super::decoder::Checkpoint,
        value: T,
        slot: &mut Option<T>,
        extra: &mut Map<String, Value>,
    ) -> Result<(), Error> {
        let received = self.raw_since(cp)?;
        let key = self.pop_key();
        let kept_raw = self.raw_removed(&key, extra);
        if slot.is_some() || kept_raw {
            self.duplicate(&key, cp.offset())?;
        }
        self.kept_raw = true;
        extra.insert(key.into_owned(), received);
        *slot = Some(value);
        Ok(())
    }

    /// Reads member `key` into `slot` in the context its object gives, `context`;
    /// `None` when the object has not told it yet: the value is then skipped, to be
    /// read by [`field_later`](Self::field_later) once all the members are in.
    ///
    /// `later` holds the member skipped so far, if any: a second one replaces it.
    pub(crate) fn field_in_context<T: Decodable>(
        &mut self,
        key: Cow<'a, str>,
        context: Option<Context>,
        later: &mut Option<Deferred<'a>>,
        slot: &mut Option<T>,
        extra: &mut Map<String, Value>,
    ) -> Result<(), Error> {
        if let Some(earlier) = later.take() {
            self.peek()?;
            self.duplicate(&earlier.key, self.offset())?;
        }
        match context {
            Some(context) => self.in_context(Some(context), |d| d.field(key, slot, extra)),
            None => {
                *later = Some(self.skip_for_later(key)?);
                Ok(())
            }
        }
    }

    /// Reads a member skipped by [`field_in_context`](Self::field_in_context), in the
    /// context its object gives now that all its members are in.
    pub(crate) fn field_later<T: Decodable>(
        &mut self,
        later: Deferred<'a>,
        context: Option<Context>,
        slot: &mut Option<T>,
        extra: &mut Map<String, Value>,
    ) -> Result<(), Error> {
        self.in_context(context, |d| {
            d.revisit(later, |d, key| d.field(key, slot, extra))
        })
    }

    /// Reads a member the type does not declare into `extra`; `null` is absent.
    ///
    /// Whether the member turned the object being read: in an object watched for
    /// members that only another type declares (see `dispatch`), such a member ends
    /// the object's member loop where it is, with the member unread, and the
    /// dispatcher reads the object again as that type. The turn is an answer, not an
    /// error, so no caller can mistake it for one.
    pub(crate) fn extra(
        &mut self,
        key: Cow<'a, str>,
        extra: &mut Map<String, Value>,
    ) -> Result<bool, Error> {
        if let Some((depth, tells)) = self.watch
            && depth == self.read.mark().depth
            && tells(&key)
            // `null` is absent, and tells nothing.
            && self.peek()? != Some(b'n')
        {
            self.tripped = Some(key);
            return Ok(true);
        }
        self.peek()?;
        let at = self.offset();
        self.push_key(key);
        let value = self.value()?;
        let key = self.pop_key();
        if value.is_null() {
            if extra.remove(key.as_ref()).is_some() {
                self.duplicate(&key, at)?;
            }
            return Ok(false);
        }
        self.insert(extra, key.into_owned(), value, at)?;
        Ok(false)
    }

    /// Reads an object's own `@odata.type` member, which should name `name`
    /// (`canonical` is its `@odata.type` as Graph writes it).
    ///
    /// One that names another type is an error when strict. When lenient the object
    /// is still read as `name` (its place allows no other type) and the foreign
    /// `@odata.type` is kept in `extra`, so that it encodes back as it came; so is one
    /// that is not a string, as any mistyped member is.
    pub(crate) fn own_type(
        &mut self,
        key: Cow<'a, str>,
        name: &'static str,
        canonical: &'static str,
        st: &mut MemberState,
        extra: &mut Map<String, Value>,
    ) -> Result<(), Error> {
        self.peek()?;
        let at = self.offset();
        if self.null()? {
            // Absent; after another `@odata.type` it is the last one, and wins.
            self.duplicate_type(&key, at, st, extra)?;
            st.annotation = Annotation::Absent;
            remove_type(extra);
            return Ok(());
        }
        if self.peek()? != Some(b'"') {
            let e = self.mismatch("a string `@odata.type`");
            if !self.lenient() || e.kind() != ErrorKind::Type {
                return Err(e);
            }
            self.push_key(key);
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
        // The type's own, as Graph writes it, the object's first: nothing to report.
        if *value == *canonical && !st.annotation.is_present() && extra.is_empty() {
            st.annotation = Annotation::Present;
            return Ok(());
        }
        self.duplicate_type(&key, at, st, extra)?;
        self.push_key(key);
        let own = match_type(&value, name);
        // An object read as a derived type may be annotated as the base of its place.
        let as_base = match own {
            Some(_) => None,
            None => st
                .base
                .and_then(|base| Some((base, match_type(&value, named(base))?))),
        };
        let result = match (own, as_base) {
            (Some(spelled), _) => {
                if spelled == Match::Spelling {
                    self.spelling(at, &value, name);
                }
                st.annotation = Annotation::Present;
                remove_type(extra);
                Ok(())
            }
            (None, Some((base, spelled))) => {
                if spelled == Match::Spelling {
                    self.spelling(at, &value, named(base));
                }
                st.annotation = Annotation::Base(base);
                remove_type(extra);
                Ok(())
            }
            (None, None) if self.lenient() => {
                self.report_at(
                    DiagnosticKind::TypeMismatch,
                    Some(at),
                    format!("`{value}` where `{name}` belongs: read as `{name}`, the `@odata.type` kept as it is"),
                );
                st.annotation = Annotation::Absent;
                extra.insert(TYPE_MEMBER.to_owned(), Value::String(value.into_owned()));
                Ok(())
            }
            (None, None) => Err(self.error_at(
                ErrorKind::Type,
                at,
                format!("expected a `{name}` object, found one whose `@odata.type` is `{value}`"),
            )),
        };
        self.pop();
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
        if st.annotation.is_present() || (!extra.is_empty() && extra.contains_key(TYPE_MEMBER)) {
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
}

/// Drops an `@odata.type` kept in `extra` (one that did not name the type, read
/// before the one that does), without a map search when `extra` is empty.
#[inline(always)]
fn remove_type(extra: &mut Map<String, Value>) {
    if !extra.is_empty() {
        extra.remove(TYPE_MEMBER);
    }
}

/// The type name in a canonical `@odata.type`.
fn named(canonical: &str) -> &str {
    split_type(canonical).map_or(canonical, |(name, _)| name)
}
