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
use serde_json::{Map, Number, Value};

use super::enums::{Flags, OpenEnum};
use super::traffic::{Dice, Profile};
use crate::UnknownObject;
use crate::decode::odata::Annotation;
use crate::decode::{Context, Object, OneOrMany, Polymorphic};

/// A type whose values can be built from bytes, realistically for the member `key`
/// they fill, with the imperfections of `profile`. Public but unnameable outside
/// the crate (sealed): it bounds the public wrappers of [`crate::generate`].
pub trait Build: Sized {
    /// A value for the member `key`.
    fn build(key: &'static str, profile: Profile, u: &mut Unstructured<'_>) -> Result<Self>;

    /// A value for the member `key` in `context` (a notification's resources, typed
    /// by its path). Most types ignore it.
    fn build_in(
        key: &'static str,
        context: Option<Context>,
        profile: Profile,
        u: &mut Unstructured<'_>,
    ) -> Result<Self> {
        let _ = context;
        Self::build(key, profile, u)
    }

    /// A value of a type this crate knows (a polymorphic point never builds an
    /// unknown object then).
    fn build_known(profile: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        Self::build("", profile, u)
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
    key: &'static str,
    required: bool,
    context: Option<fn(&T) -> Option<Context>>,
    set: fn(&mut T, Option<V>),
) -> Result<()> {
    if required || present(u)? {
        let value = match context {
            Some(context) => V::build_in(key, context(out), profile, u)?,
            None => V::build(key, profile, u)?,
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
    let mut out = Map::new();
    if !imperfect(u, profile)? {
        return Ok(out);
    }
    let (name, value) = match pick(u, 3)? {
        0 => (
            "@odata.etag".to_owned(),
            Value::String(format!("W/\"{}\"", u.int_in_range(1..=999u16)?)),
        ),
        _ => (format!("x{}", word(u)?), json_value(u, 2, profile)?),
    };
    if !fields.contains(&name.as_str()) {
        out.insert(name, value);
    }
    Ok(out)
}

/// A JSON value that is not `null`, at most `depth` levels deep; its strings any
/// Unicode in the hostile profile, words otherwise.
fn json_value(u: &mut Unstructured<'_>, depth: u8, profile: Profile) -> Result<Value> {
    let choices = if depth == 0 { 4 } else { 6 };
    Ok(match pick(u, choices)? {
        0 => Value::Bool(u.arbitrary()?),
        1 => Value::Number(u.arbitrary::<i64>()?.into()),
        2 => Number::from_f64(f64::from(u.arbitrary::<i32>()?) / 8.0)
            .map_or(Value::Bool(false), Value::Number),
        3 if profile.realistic() => Value::String(chars(u, ALNUM, 0, 16)?),
        3 => Value::String(u.arbitrary::<String>()?),
        4 => {
            let n = length(u, 0, 2)?;
            Value::Array(
                (0..n)
                    .map(|_| json_value(u, depth - 1, profile))
                    .collect::<Result<_>>()?,
            )
        }
        _ => {
            let mut m = Map::new();
            for _ in 0..length(u, 0, 2)? {
                let key = word(u)?.to_ascii_lowercase();
                m.insert(key, json_value(u, depth - 1, profile)?);
            }
            Value::Object(m)
        }
    })
}

/// Characters of `alphabet`, `min..=max` of them.
fn chars(u: &mut Unstructured<'_>, alphabet: &[u8], min: usize, max: usize) -> Result<String> {
    let n = length(u, min, max)?;
    (0..n)
        .map(|_| Ok(char::from(alphabet[pick(u, alphabet.len())?])))
        .collect()
}

const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const DIGITS: &[u8] = b"0123456789";
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// A capitalized word: `Xyzzy`.
fn word(u: &mut Unstructured<'_>) -> Result<String> {
    let first = chars(u, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, 1)?;
    Ok(first + &chars(u, LOWER, 2, 8)?)
}

/// A lower-case UUID, as Graph writes identifiers.
pub(crate) fn uuid(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(super::traffic::uuid(&u.arbitrary()?))
}

/// An HTTPS URL of a made-up host of `contoso.com`.
fn https_url(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(format!(
        "https://{}.contoso.com/{}",
        chars(u, LOWER, 3, 8)?,
        chars(u, LOWER, 3, 10)?
    ))
}

fn one_of(u: &mut Unstructured<'_>, values: &[&str]) -> Result<String> {
    Ok(values[pick(u, values.len())?].to_owned())
}

/// The path of a resource under a call, rooted at `/communications` or `/app`.
fn resource_path(u: &mut Unstructured<'_>, root: &str) -> Result<String> {
    let call = uuid(u)?;
    let rest = match pick(u, 10)? {
        0..=2 => String::new(),
        3..=5 => "/participants".to_owned(),
        6 | 7 => format!("/operations/{}", uuid(u)?),
        8 => "/contentsharingsessions".to_owned(),
        _ => "/audioRoutingGroups".to_owned(),
    };
    Ok(format!("{root}/calls/{call}{rest}"))
}

impl Build for String {
    fn build(key: &'static str, _: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        if let Some(words) = super::traffic::words(key) {
            return one_of(u, words);
        }
        match key {
            "sourceId" | "messageId" | "replyChainMessageId" => chars(u, DIGITS, 1, 3),
            "threadId" => Ok(format!("19:meeting_{}@thread.v2", chars(u, ALNUM, 20, 40)?)),
            "joinMeetingId" => chars(u, DIGITS, 7, 12),
            "passcode" => chars(u, ALNUM, 6, 6),
            "lastModifiedDateTime" => Ok(format!(
                "20{}-0{}-1{}T1{}:{}{}:{}{}Z",
                u.int_in_range(20..=39u8)?,
                u.int_in_range(1..=9u8)?,
                u.int_in_range(0..=9u8)?,
                u.int_in_range(0..=9u8)?,
                u.int_in_range(0..=5u8)?,
                u.int_in_range(0..=9u8)?,
                u.int_in_range(0..=5u8)?,
                u.int_in_range(0..=9u8)?
            )),
            "email" | "userPrincipalName" | "upn" | "loginName" => {
                Ok(format!("{}@contoso.com", chars(u, LOWER, 3, 8)?))
            }
            "resourceUrl" => resource_path(u, "/communications"),
            "resource" => resource_path(u, "/app"),
            "token" | "recordingAccessToken" | "metadata" => chars(u, ALNUM, 16, 40),
            key if key.ends_with("Uri") || key == "uri" || key == "recordingLocation" => {
                https_url(u)
            }
            key if key == "id" || key.ends_with("Id") => uuid(u),
            _ => Ok(chars(
                u,
                b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                1,
                1,
            )? + &chars(u, ALNUM, 0, 12)?),
        }
    }
}

impl Build for bool {
    fn build(_: &'static str, _: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        u.arbitrary()
    }
}

impl Build for i32 {
    fn build(key: &'static str, _: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        match key {
            "code" => {
                let codes = super::traffic::RESULT_CODES;
                Ok(codes[pick(u, codes.len())?])
            }
            "subcode" => Ok(if u.arbitrary()? {
                0
            } else {
                u.int_in_range(4000..=8999)?
            }),
            "ringingTimeoutInSeconds" => u.int_in_range(15..=119),
            _ => u.int_in_range(0..=999),
        }
    }
}

impl Build for i64 {
    fn build(_: &'static str, _: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        u.int_in_range(0..=9_999)
    }
}

impl Build for Value {
    fn build(_: &'static str, profile: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        json_value(u, 2, profile)
    }
}

impl<T: Build> Build for Vec<T> {
    fn build(key: &'static str, profile: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        let (min, max) = super::traffic::list_len(key);
        (0..length(u, min, max)?)
            .map(|_| T::build(key, profile, u))
            .collect()
    }
}

impl<T: Build> Build for OneOrMany<T> {
    fn build(key: &'static str, profile: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        Self::build_in(key, None, profile, u)
    }

    fn build_in(
        key: &'static str,
        context: Option<Context>,
        profile: Profile,
        u: &mut Unstructured<'_>,
    ) -> Result<Self> {
        let kinds = context.map_or(1, |c| c.types.len());
        let context = super::traffic::one_kind(context, pick(u, kinds)?);
        if imperfect(u, profile)? {
            Ok(OneOrMany::One(T::build_in(key, context, profile, u)?))
        } else {
            let (min, max) = super::traffic::list_len_in(key, context.map(|c| c.types));
            (0..length(u, min, max)?)
                .map(|_| T::build_in(key, context, profile, u))
                .collect::<Result<_>>()
                .map(OneOrMany::Many)
        }
    }
}

impl<'a, T: Build> arbitrary::Arbitrary<'a> for OneOrMany<T> {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Self::build("", Profile::Realistic, u)
    }
}

impl<E: OpenEnum + Build> Build for Flags<E> {
    fn build(key: &'static str, profile: Profile, u: &mut Unstructured<'_>) -> Result<Self> {
        (0..length(u, 1, 2)?)
            .map(|_| E::build(key, profile, u))
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
        return Ok(E::unknown(&format!("future{}", word(u)?)));
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
    let mut value = O::build("", profile, u)?;
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
    let word = word(u)?;
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
