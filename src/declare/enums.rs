//! Open enums: the metadata's members plus whatever text a newer service sends.
//!
//! Every enum of the crate is open. Its known members are matched without regard to
//! case (the canonical spelling is the metadata's); any other string is kept as it
//! is, compares by its text, and encodes back unchanged. Compare an enum with a
//! value you expect through its variants, or through [`as_str`](crate::call::CallState::as_str)
//! for values a later version may add: the variant that keeps unknown text is hidden,
//! as every catch-all of the crate is (see [the rules for catch-alls](crate#catch-alls)).

use std::fmt;

use crate::decode::Decoder;
use crate::decode::odata::{GraphType, Match};
use crate::decode::sealed::Decodable;
use crate::{DiagnosticKind, Error};

/// The text of an enum value this crate does not know. Not constructible outside the
/// crate: build such a value with `From<&str>` on the enum.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(pub(crate) Box<str>);

impl UnknownValue {
    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the enums of the crate have in common.
pub(crate) trait OpenEnum: GraphType + Sized {
    /// The wire text of every known member.
    #[cfg_attr(not(feature = "schema"), allow(dead_code))]
    const VALUES: &'static [&'static str];
    /// The known member that `s` spells, and how.
    fn lookup(s: &str) -> Option<(Self, Match)>;
    /// A value for text that names no known member.
    fn unknown(s: &str) -> Self;
    /// The canonical text.
    fn as_str(&self) -> &str;
}

/// Reads a string into an open enum, reporting other spellings and unknown values.
#[inline(always)]
pub(crate) fn decode_enum<E: OpenEnum>(d: &mut Decoder<'_>, what: &str) -> Result<E, Error> {
    d.peek()?;
    let at = d.offset();
    let s = d.string_for(what)?;
    Ok(read_member(d, &s, at))
}

/// The enum value that `s` (read at `at`) spells, with its diagnostic.
fn read_member<E: OpenEnum>(d: &mut Decoder<'_>, s: &str, at: usize) -> E {
    match E::lookup(s) {
        Some((v, Match::Exact)) => v,
        // Another case of a known member: kept as received (its object keeps the
        // text), and said only when asked.
        Some((v, Match::Spelling)) => {
            d.spelled += 1;
            if d.outside_objects() {
                // Nothing keeps the spelling of a bare value: it is made canonical.
                d.report_at(
                    DiagnosticKind::Spelling,
                    Some(at),
                    format!("`{s}` read as `{}`", v.as_str()),
                );
            } else if d.report_case {
                d.report_at(
                    DiagnosticKind::Case,
                    Some(at),
                    format!("`{s}` is `{}` in another case: kept as it came", v.as_str()),
                );
            }
            v
        }
        None => {
            d.report_at(
                DiagnosticKind::UnknownEnumValue,
                Some(at),
                format!(
                    "`{s}` is not a known `{}` value: kept as text",
                    E::TYPE_NAME
                ),
            );
            E::unknown(s)
        }
    }
}

/// Deserializes an open enum from a string of any serde data format, as decoding
/// reads it: a known member under any casing, other text kept.
pub(crate) fn deserialize_enum<'de, E, D>(deserializer: D) -> Result<E, D::Error>
where
    E: OpenEnum + for<'s> From<&'s str>,
    D: serde::Deserializer<'de>,
{
    struct Text<E>(std::marker::PhantomData<E>);

    impl<E: OpenEnum + for<'s> From<&'s str>> serde::de::Visitor<'_> for Text<E> {
        type Value = E;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a `{}` value (a string)", E::TYPE_NAME)
        }

        fn visit_str<Err: serde::de::Error>(self, v: &str) -> Result<E, Err> {
            Ok(E::from(v))
        }
    }

    deserializer.deserialize_str(Text(std::marker::PhantomData))
}

impl<'de, E: OpenEnum> serde::Deserialize<'de> for Flags<E> {
    /// Deserializes from any serde data format, as lenient
    /// [`from_slice`](crate::from_slice) decodes the same JSON.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::decode::deserialize(deserializer)
    }
}

/// A set of flags of an enum marked `IsFlags` in the metadata, written on the wire as
/// its members' names joined by commas (`"watermarkProtection,unknownFutureValue"`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Flags<E>(pub Vec<E>);

impl<E> Flags<E> {
    /// A set of the given flags.
    pub fn new(flags: Vec<E>) -> Self {
        Flags(flags)
    }

    /// Whether `flag` is set.
    pub fn contains(&self, flag: &E) -> bool
    where
        E: PartialEq,
    {
        self.0.contains(flag)
    }
}

impl<E: OpenEnum> fmt::Display for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, flag) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(flag.as_str())?;
        }
        Ok(())
    }
}

impl<E: OpenEnum> serde::Serialize for Flags<E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<E: OpenEnum> Decodable for Flags<E> {
    const SPELLED: bool = true;

    fn decode(d: &mut Decoder<'_>) -> Result<Self, Error> {
        d.peek()?;
        let at = d.offset();
        let s = d.string_for("a string of comma-separated flags")?;
        let before = d.spelled;
        // Members are trimmed, and empty ones (`""`, `" "`, `"a,,b"`) name nothing.
        let flags: Vec<E> = s
            .split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| read_member(d, part, at))
            .collect();
        let flags = Flags(flags);
        let canonical = flags.to_string();
        if canonical.eq_ignore_ascii_case(&s) {
            // Another case alone: kept as received, as an enum value's is.
            if canonical != *s {
                d.spelled += 1;
            }
        } else {
            // Spaces or empty members: the text is not kept, and that is said.
            d.spelled = before;
            d.report_at(
                DiagnosticKind::Spelling,
                Some(at),
                format!("`{s}` read as `{flags}`"),
            );
        }
        Ok(flags)
    }
}

/// Declares an open enum: its known members with their wire spelling, a hidden
/// catch-all for other text, and its conversions, encoding and decoding.
///
/// ```text
/// open_enum! {
///     /// Docs.
///     Name = "metadataName" {
///         /// Docs of the member (optional: the wire value is documented anyway).
///         Member = "wireValue",
///     }
/// }
/// ```
macro_rules! open_enum {
    (
        $(#[doc = $doc:literal])*
        $name:ident = $wire:literal {
            $(
                $(#[doc = $vdoc:literal])*
                $variant:ident = $value:literal,
            )+
        }
    ) => {
        $(#[doc = $doc])*
        ///
        /// An open enum: see [the crate's enum rules](crate::enums).
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[doc = $vdoc])*
                #[doc = concat!("\n\nWire value: `", $value, "`.")]
                $variant,
            )+
            /// Text this crate does not know, kept as it is. Hidden: compare with
            /// [`as_str`](Self::as_str) instead.
            #[doc(hidden)]
            _Unknown($crate::declare::enums::UnknownValue),
        }

        impl $crate::GraphType for $name {
            const TYPE_NAME: &'static str = $wire;
            const ODATA_TYPE: &'static str = concat!("#microsoft.graph.", $wire);
        }

        impl $name {
            /// Every known member, in the metadata's order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The value's canonical wire text (for an unknown value, its text as received).
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $value,)+
                    $name::_Unknown(v) => v.as_str(),
                }
            }

            /// Whether the value is one of the members this crate knows.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::_Unknown(_))
            }
        }

        impl $crate::declare::enums::OpenEnum for $name {
            const VALUES: &'static [&'static str] = &[$($value),+];

            fn lookup(s: &str) -> Option<(Self, $crate::decode::odata::Match)> {
                match s {
                    $($value => Some(($name::$variant, $crate::decode::odata::Match::Exact)),)+
                    _ => {
                        $(
                            if s.eq_ignore_ascii_case($value) {
                                return Some(($name::$variant, $crate::decode::odata::Match::Spelling));
                            }
                        )+
                        None
                    }
                }
            }

            fn unknown(s: &str) -> Self {
                $name::_Unknown($crate::declare::enums::UnknownValue(s.into()))
            }

            fn as_str(&self) -> &str {
                $name::as_str(self)
            }
        }

        impl From<&str> for $name {
            /// The member `s` names, matched without regard to case; other text is kept.
            fn from(s: &str) -> Self {
                match <$name as $crate::declare::enums::OpenEnum>::lookup(s) {
                    Some((v, _)) => v,
                    None => <$name as $crate::declare::enums::OpenEnum>::unknown(s),
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name::from(s.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok($name::from(s))
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            /// Deserializes from a string of any serde data format, as decoding reads
            /// it: a known member under any casing, other text kept.
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::declare::enums::deserialize_enum(deserializer)
            }
        }

        impl $crate::decode::sealed::Decodable for $name {
            const SPELLED: bool = true;

            fn decode(d: &mut $crate::decode::Decoder<'_>) -> Result<Self, $crate::Error> {
                $crate::declare::enums::decode_enum(d, concat!("a `", $wire, "` value (a string)"))
            }
        }

        impl $crate::declare::registry::Reach for $name {
            fn reach<V: $crate::declare::registry::Visit>(visitor: &mut V) {
                visitor.visit::<Self>();
            }
        }

        #[cfg(feature = "proptest")]
        impl ::proptest::arbitrary::Arbitrary for $name {
            type Parameters = $crate::declare::traffic::Profile;
            type Strategy = ::proptest::strategy::BoxedStrategy<Self>;

            fn arbitrary_with(profile: Self::Parameters) -> Self::Strategy {
                $crate::declare::strategy::open_enum($name::KNOWN, profile)
            }
        }

        #[cfg(feature = "proptest")]
        impl $crate::declare::strategy::Generate for $name {
            fn generate(
                _: $crate::declare::traffic::Slot,
                profile: $crate::declare::traffic::Profile,
            ) -> ::proptest::strategy::BoxedStrategy<Self> {
                $crate::declare::strategy::open_enum($name::KNOWN, profile)
            }
        }

        #[cfg(feature = "arbitrary")]
        impl<'a> ::arbitrary::Arbitrary<'a> for $name {
            fn arbitrary(u: &mut ::arbitrary::Unstructured<'a>) -> ::arbitrary::Result<Self> {
                $crate::declare::build::open_enum($name::KNOWN, $crate::declare::traffic::Profile::Realistic, u)
            }
        }

        #[cfg(feature = "arbitrary")]
        impl $crate::declare::build::Build for $name {
            fn build(
                _: $crate::declare::traffic::Slot,
                profile: $crate::declare::traffic::Profile,
                u: &mut ::arbitrary::Unstructured<'_>,
            ) -> ::arbitrary::Result<Self> {
                $crate::declare::build::open_enum($name::KNOWN, profile, u)
            }
        }

        #[cfg(feature = "schema")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                $wire.into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                $crate::declare::schema::open_enum::<Self>(&[$($doc),*])
            }
        }
    };
}

pub(crate) use open_enum;
