//! The two macros that define the crate's object types and polymorphic points.
//!
//! Each Graph type is written once, as a list of its members with their wire names
//! and documentation; the macros derive the struct, its decoder (one pass, members
//! matched by name, unknown members kept), its canonical encoder, and its place in
//! the type registry.

/// Defines a Graph object type as a struct of optional members.
///
/// Every declared member is an `Option` (absent and `null` are the same); the struct
/// also records whether the object carried `@odata.type`, and keeps every member it
/// does not declare in `extra`.
macro_rules! object {
    (
        $(#[doc = $doc:literal])*
        $name:ident = $wire:literal {
            $(
                $(#[doc = $fdoc:literal])*
                $field:ident: $ty:ty = $key:literal $(($not_null:ident))?,
            )*
        }
    ) => {
        $(#[doc = $doc])*
        #[doc = concat!("\n\nWire type: `#microsoft.graph.", $wire, "`.")]
        ///
        /// `Debug` shows the members that are present, and `odata_type` only when absent.
        #[derive(Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct $name {
            $(
                $(#[doc = $fdoc])*
                $(#[doc = $crate::macros::not_null_doc!($not_null)])?
                #[doc = concat!("\n\nWire name: `", $key, "`.")]
                pub $field: Option<$ty>,
            )*
            /// Whether the object carries its `@odata.type` on the wire.
            pub odata_type: $crate::Annotation,
            /// Members the type does not declare, and members whose value did not fit
            /// their declared type (kept raw by lenient decoding): encoded back as they are.
            pub extra: ::serde_json::Map<String, ::serde_json::Value>,
        }

        impl $name {
            /// The type's name in the Graph metadata.
            pub const TYPE_NAME: &'static str = $wire;
            /// The type's canonical `@odata.type` value.
            pub const ODATA_TYPE: &'static str = concat!("#microsoft.graph.", $wire);
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let mut s = f.debug_struct(stringify!($name));
                $(
                    if let Some(value) = &self.$field {
                        s.field(stringify!($field), value);
                    }
                )*
                $crate::macros::debug_tail(&mut s, self.odata_type, &self.extra).finish()
            }
        }

        impl $crate::decode::Object for $name {
            const TYPE_NAME: &'static str = $wire;
            const FIELDS: &'static [&'static str] = &[$($key),*];

            fn decode_members(
                d: &mut $crate::decode::Decoder<'_>,
                mut st: $crate::decode::MemberState,
            ) -> Result<Self, $crate::Error> {
                let mut out = Self::default();
                while let Some(key) = d.next_member(&mut st.first)? {
                    match &*key {
                        $($key => d.field(key, &mut out.$field, &mut out.extra)?,)*
                        "@odata.type" => d.own_type(key, $wire, &mut st, &mut out.extra)?,
                        _ => d.extra(key, &mut out.extra)?,
                    }
                }
                out.odata_type = st.annotation;
                Ok(out)
            }

            fn set_annotation(&mut self, annotation: $crate::Annotation) {
                self.odata_type = annotation;
            }
        }

        impl $crate::Decode for $name {
            fn decode(d: &mut $crate::decode::Decoder<'_>) -> Result<Self, $crate::Error> {
                d.begin_object(concat!("a `", $wire, "` object"))?;
                <Self as $crate::decode::Object>::decode_members(d, $crate::decode::MemberState::fresh())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(None)?;
                if self.odata_type.is_present() {
                    map.serialize_entry("@odata.type", Self::ODATA_TYPE)?;
                }
                $(
                    if let Some(value) = &self.$field {
                        map.serialize_entry($key, value)?;
                    }
                )*
                for (key, value) in &self.extra {
                    let shadowed = match key.as_str() {
                        "@odata.type" => self.odata_type.is_present(),
                        $($key => self.$field.is_some(),)*
                        _ => false,
                    };
                    if !shadowed {
                        map.serialize_entry(key, value)?;
                    }
                }
                map.end()
            }
        }

        impl $crate::registry::GraphType for $name {
            const TYPE_NAME: &'static str = $wire;
        }

        $crate::macros::object_arbitrary!($name { $($field: $ty = $key),* });

        #[cfg(feature = "schema")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                $wire.into()
            }

            #[allow(unused_variables)]
            fn json_schema(g: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                $crate::schema::object(
                    Self::ODATA_TYPE,
                    &[$($doc),*],
                    vec![$(
                        $crate::schema::Property {
                            key: $key,
                            schema: g.subschema_for::<$ty>(),
                            nullable: $crate::macros::nullable!($($not_null)?),
                            doc: &[$($fdoc),*],
                        },
                    )*],
                )
            }
        }
    };
}

/// The `proptest` strategies of an object type (see [`crate::arbitrary`]).
macro_rules! object_arbitrary {
    ($name:ident { $($field:ident: $ty:ty = $key:literal),* }) => {
        #[cfg(feature = "proptest")]
        impl ::proptest::arbitrary::Arbitrary for $name {
            type Parameters = ();
            type Strategy = ::proptest::strategy::BoxedStrategy<Self>;

            fn arbitrary_with((): ()) -> Self::Strategy {
                $crate::arbitrary::object(
                    vec![$($crate::arbitrary::field::<Self, $ty>($key, |o, v| o.$field = v),)*],
                    <Self as $crate::decode::Object>::FIELDS,
                    |o, annotation, extra| {
                        o.odata_type = annotation;
                        o.extra = extra;
                    },
                )
            }
        }

        #[cfg(feature = "proptest")]
        impl $crate::arbitrary::Generate for $name {
            fn generate(_: &'static str) -> ::proptest::strategy::BoxedStrategy<Self> {
                <Self as ::proptest::arbitrary::Arbitrary>::arbitrary()
            }
        }
    };
}

/// Whether a member is nullable: unless marked `(not_null)`.
#[cfg_attr(not(feature = "schema"), allow(unused_macros))]
macro_rules! nullable {
    () => {
        true
    };
    (not_null) => {
        false
    };
}

/// The documentation line of a member the metadata declares not nullable.
macro_rules! not_null_doc {
    (not_null) => {
        "\n\nNot nullable in the metadata: never `null` in canonical JSON (it may still be absent)."
    };
}

/// Defines a polymorphic point: an enum of the concrete types a declared type can
/// hold, chosen by `@odata.type`, with a catch-all that keeps unknown objects whole.
///
/// Each variant holds its value boxed, so that the enum is two words whatever the
/// size of its types (a `communicationsIdentitySet` holds eleven identities).
///
/// `abstract` declared types infer an untyped object's type from its members when
/// they tell it unambiguously; for a concrete declared type (`concrete`), the first
/// variant is the declared type itself, which an object without `@odata.type` is.
macro_rules! polymorphic {
    (
        $(#[doc = $doc:literal])*
        $name:ident = $wire:literal, $kind:ident $variants:tt
        common {
            $(
                $(#[doc = $cdoc:literal])*
                $common:ident: $cty:ty,
            )*
        }
    ) => {
        polymorphic!(@define [$($doc)*] $name $wire $kind $variants);

        impl $name {
            $(polymorphic!(@accessor $name $variants [$($cdoc)*] $common $cty);)*
        }
    };
    (@accessor $name:ident {
        $(
            $(#[doc = $vdoc:literal])*
            $variant:ident($ty:ty),
        )+
    } [$($cdoc:literal)*] $common:ident $cty:ty) => {
        $(#[doc = $cdoc])*
        ///
        /// A member every known variant declares; `None` for an unknown object.
        pub fn $common(&self) -> Option<&$cty> {
            match self {
                $($name::$variant(v) => v.$common.as_ref(),)+
                $name::Unknown(_) => None,
            }
        }
    };
    (@define [$($doc:literal)*] $name:ident $wire:literal $kind:ident {
        $(
            $(#[doc = $vdoc:literal])*
            $variant:ident($ty:ty),
        )+
    }) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[doc = $vdoc])*
                $variant(Box<$ty>),
            )+
            /// An object whose type this crate does not know, kept whole.
            Unknown($crate::UnknownObject),
        }

        impl $name {
            /// The declared type's name in the Graph metadata.
            pub const TYPE_NAME: &'static str = $wire;

            /// The concrete types, the declared type first when it is concrete.
            pub(crate) const VARIANTS: &'static [$crate::decode::Variant<Self>] = &[$(
                $crate::decode::Variant {
                    name: <$ty as $crate::decode::Object>::TYPE_NAME,
                    fields: <$ty as $crate::decode::Object>::FIELDS,
                    decode: |d, st| {
                        <$ty as $crate::decode::Object>::decode_members(d, st).map(|v| $name::$variant(Box::new(v)))
                    },
                },
            )+];

            /// The metadata name of the concrete type held (for an unknown object, the
            /// name its `@odata.type` gives, if any).
            pub fn type_name(&self) -> Option<&str> {
                match self {
                    $($name::$variant(_) => Some(<$ty>::TYPE_NAME),)+
                    $name::Unknown(u) => u.type_name(),
                }
            }
        }

        impl $crate::decode::Polymorphic for $name {
            const BASE: &'static str = $wire;
            const WHAT: &'static str = concat!("a `", $wire, "` object");
            type Found = &'static $crate::decode::Variant<Self>;

            fn resolve(value: &str) -> Option<(Self::Found, $crate::odata::Match)> {
                $crate::decode::resolve(Self::VARIANTS, value)
            }

            fn name(found: Self::Found) -> &'static str {
                found.name
            }

            fn decode_found(
                found: Self::Found,
                d: &mut $crate::decode::Decoder<'_>,
                st: $crate::decode::MemberState,
            ) -> Result<Self, $crate::Error> {
                (found.decode)(d, st)
            }

            fn untagged(d: &mut $crate::decode::Decoder<'_>) -> Result<Self, $crate::Error> {
                $crate::decode::decode_untagged(d, Self::VARIANTS, polymorphic!(@abstract $kind))
            }

            fn unknown(object: $crate::UnknownObject) -> Self {
                $name::Unknown(object)
            }
        }

        impl $crate::Decode for $name {
            fn decode(d: &mut $crate::decode::Decoder<'_>) -> Result<Self, $crate::Error> {
                $crate::decode::decode_polymorphic(d)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $($name::$variant(v) => v.serialize(serializer),)+
                    $name::Unknown(v) => v.serialize(serializer),
                }
            }
        }

        $(
            impl From<$ty> for $name {
                fn from(value: $ty) -> Self {
                    $name::$variant(Box::new(value))
                }
            }
        )+

        impl $crate::registry::GraphType for $name {
            const TYPE_NAME: &'static str = $wire;
        }

        #[cfg(feature = "schema")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                $crate::schema::choice_name(stringify!($name))
            }

            fn json_schema(g: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                let variants = vec![$((<$ty>::ODATA_TYPE, g.subschema_for::<$ty>())),+];
                let base = if polymorphic!(@abstract $kind) {
                    None
                } else {
                    variants.first().map(|(_, schema)| schema.clone())
                };
                $crate::schema::choice(&[$($doc),*], variants, base)
            }
        }

        #[cfg(feature = "proptest")]
        impl ::proptest::arbitrary::Arbitrary for $name {
            type Parameters = ();
            type Strategy = ::proptest::strategy::BoxedStrategy<Self>;

            fn arbitrary_with((): ()) -> Self::Strategy {
                use ::proptest::strategy::Strategy as _;
                $crate::arbitrary::choice(
                    vec![$(
                        ::proptest::arbitrary::any::<$ty>()
                            .prop_map(|mut v| {
                                v.odata_type = $crate::Annotation::Present;
                                $name::$variant(Box::new(v))
                            })
                            .boxed(),
                    )+],
                    $name::Unknown,
                    $wire,
                )
            }
        }

        #[cfg(feature = "proptest")]
        impl $crate::arbitrary::Generate for $name {
            fn generate(_: &'static str) -> ::proptest::strategy::BoxedStrategy<Self> {
                <Self as ::proptest::arbitrary::Arbitrary>::arbitrary()
            }
        }
    };
    (@abstract abstract) => { true };
    (@abstract concrete) => { false };
}

#[cfg_attr(not(feature = "schema"), allow(unused_imports))]
pub(crate) use nullable;
pub(crate) use {not_null_doc, object, object_arbitrary, polymorphic};

/// The members every object type's `Debug` ends with, when they say something.
pub(crate) fn debug_tail<'s, 'a, 'b>(
    s: &'s mut std::fmt::DebugStruct<'a, 'b>,
    odata_type: crate::Annotation,
    extra: &serde_json::Map<String, serde_json::Value>,
) -> &'s mut std::fmt::DebugStruct<'a, 'b> {
    if !odata_type.is_present() {
        s.field("odata_type", &odata_type);
    }
    if !extra.is_empty() {
        s.field("extra", extra);
    }
    s
}
