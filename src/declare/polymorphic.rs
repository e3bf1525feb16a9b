//! `polymorphic!`: a polymorphic point, as an enum of the concrete types it holds.

/// Declares a polymorphic point: an enum of the concrete types a declared type can
/// hold, chosen by `@odata.type`, with a hidden catch-all that keeps unknown objects
/// whole.
///
/// ```text
/// polymorphic! {
///     /// Docs.
///     Name = "declaredType", concrete | abstract | context {
///         /// Docs of the variant (optional).
///         Variant(ObjectType),
///         Other(AnotherPoint): nested,
///     }
///     common {
///         /// Docs of a member every variant declares.
///         member: Type,
///     }
/// }
/// ```
///
/// An object variant holds its value boxed, so that the enum is two words whatever
/// the size of its types (a `communicationsIdentitySet` holds eleven identities); a
/// `nested` variant holds another polymorphic point, whose concrete types it takes
/// in. Without `@odata.type`, an object is the declared type itself (`concrete`: the
/// variant of that name), the type its members point to (`abstract`), or the type
/// the enclosing object's context names (`context`). `common` members get an
/// accessor each.
macro_rules! polymorphic {
    (
        $(#[doc = $doc:literal])*
        $name:ident = $wire:literal, $untagged:ident $variants:tt
        $(common {
            $(
                $(#[doc = $cdoc:literal])*
                $common:ident: $cty:ident,
            )*
        })?
    ) => {
        $crate::declare::polymorphic!(@define [$($doc)*] $name $wire $untagged $variants);

        impl $name {
            $($($crate::declare::polymorphic!(@accessor $name $variants [$($cdoc)*] $common $cty);)*)?
        }
    };
    (@accessor $name:ident {
        $(
            $(#[doc = $vdoc:literal])*
            $variant:ident($ty:ty) $(: $kind:ident)?,
        )+
    } [$($cdoc:literal)*] $common:ident String) => {
        $(#[doc = $cdoc])*
        ///
        /// A member every known variant declares; `None` for an object of a type this
        /// crate does not know.
        pub fn $common(&self) -> Option<&str> {
            match self {
                $($name::$variant(v) => $crate::declare::variant_accessor!(v, $common $(, $kind)?).map(AsRef::<str>::as_ref),)+
                $name::_Unknown(_) => None,
            }
        }
    };
    (@accessor $name:ident {
        $(
            $(#[doc = $vdoc:literal])*
            $variant:ident($ty:ty) $(: $kind:ident)?,
        )+
    } [$($cdoc:literal)*] $common:ident $cty:ident) => {
        $(#[doc = $cdoc])*
        ///
        /// A member every known variant declares; `None` for an object of a type this
        /// crate does not know.
        pub fn $common(&self) -> Option<&$cty> {
            match self {
                $($name::$variant(v) => $crate::declare::variant_accessor!(v, $common $(, $kind)?),)+
                $name::_Unknown(_) => None,
            }
        }
    };
    (@define [$($doc:literal)*] $name:ident $wire:literal $untagged:ident {
        $(
            $(#[doc = $vdoc:literal])*
            $variant:ident($ty:ty) $(: $kind:ident)?,
        )+
    }) => {
        $(#[doc = $doc])*
        ///
        /// A polymorphic point: see [the crate's rules for catch-alls](crate#catch-alls).
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[doc = $vdoc])*
                #[doc = concat!("\n\nHolds a [`", stringify!($ty), "`].")]
                $variant($crate::declare::variant_holds!($ty $(, $kind)?)),
            )+
            /// An object whose type this crate does not know, kept whole. Hidden: match
            /// `_` instead (see [the crate's rules for catch-alls](crate#catch-alls)).
            #[doc(hidden)]
            _Unknown($crate::UnknownObject),
        }

        impl $crate::GraphType for $name {
            const TYPE_NAME: &'static str = $wire;
            const ODATA_TYPE: &'static str = concat!("#microsoft.graph.", $wire);
        }

        impl $name {
            /// The metadata name of the concrete type held (for an object of a type this
            /// crate does not know, the name its `@odata.type` gives, if any).
            pub fn type_name(&self) -> Option<&str> {
                match self {
                    $($name::$variant(v) => $crate::declare::variant_type_name!(v, $ty $(, $kind)?),)+
                    $name::_Unknown(u) => u.type_name(),
                }
            }

            /// Whether the value is of a type this crate knows (not kept whole as unknown).
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::_Unknown(_))
            }
        }

        $crate::declare::nest_impl!(@check [$name] [] $($variant($ty) $(: $kind)?,)+);

        impl $crate::decode::Polymorphic for $name {
            const WHAT: &'static str = concat!("a `", $wire, "` object");
            const UNTAGGED: $crate::decode::Untagged = $crate::declare::polymorphic!(@untagged $untagged);
            const CASES: &'static [$crate::decode::Case<Self>] = &[
                $($crate::declare::variant_case!($name, $name, $variant, $ty $(, $kind)?),)+
            ];

            fn unknown(object: $crate::UnknownObject) -> Self {
                $name::_Unknown(object)
            }

            fn is_unknown(&self) -> bool {
                matches!(self, $name::_Unknown(_))
            }

            fn evidence() -> &'static $crate::decode::Evidence<Self> {
                static EVIDENCE: ::std::sync::OnceLock<$crate::decode::Evidence<$name>> =
                    ::std::sync::OnceLock::new();
                EVIDENCE.get_or_init($crate::decode::Evidence::of)
            }

        }

        impl $crate::decode::sealed::Decodable for $name {
            fn decode(d: &mut $crate::decode::Decoder<'_>) -> Result<Self, $crate::Error> {
                $crate::decode::decode_polymorphic(d)
            }
        }

        impl $crate::declare::registry::Reach for $name {
            fn reach<V: $crate::declare::registry::Visit>(visitor: &mut V) {
                if visitor.visit::<Self>() {
                    $(<$ty as $crate::declare::registry::Reach>::reach(visitor);)+
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            /// Deserializes from any serde data format, as lenient
            /// [`from_slice`](crate::from_slice) decodes the same JSON (its diagnostics
            /// dropped).
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::decode::deserialize(deserializer)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $($name::$variant(v) => v.serialize(serializer),)+
                    $name::_Unknown(v) => v.serialize(serializer),
                }
            }
        }

        $($crate::declare::variant_from!($name, $variant, $ty $(, $kind)?);)+

        impl From<$crate::UnknownObject> for $name {
            /// The value the object decodes to: of the variant its `@odata.type` (or, at
            /// an abstract point, its members) names when this crate knows it, else
            /// the object kept whole.
            fn from(object: $crate::UnknownObject) -> Self {
                let options = $crate::DecodeOptions::lenient()
                    .with_max_depth($crate::DecodeOptions::MAX_DEPTH_LIMIT);
                match ::serde_json::to_vec(&object).map(|json| options.decode::<Self>(&json)) {
                    Ok(Ok(decoded)) => decoded.value,
                    _ => $name::_Unknown(object),
                }
            }
        }

        #[cfg(feature = "schema")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                $crate::declare::schema::choice_name::<Self>(stringify!($name))
            }

            fn json_schema(g: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                $crate::declare::schema::choice::<Self>(
                    &[$($doc),*],
                    vec![$($crate::declare::variant_branch!(g, $ty $(, $kind)?)),+],
                )
            }
        }

        #[cfg(feature = "proptest")]
        impl ::proptest::arbitrary::Arbitrary for $name {
            type Parameters = $crate::declare::traffic::Profile;
            type Strategy = ::proptest::strategy::BoxedStrategy<Self>;

            fn arbitrary_with(profile: Self::Parameters) -> Self::Strategy {
                <Self as $crate::declare::strategy::Generate>::generate_in($crate::declare::traffic::Slot::ROOT, None, profile)
            }
        }

        #[cfg(feature = "proptest")]
        impl $crate::declare::strategy::Generate for $name {
            fn generate(
                slot: $crate::declare::traffic::Slot,
                profile: $crate::declare::traffic::Profile,
            ) -> ::proptest::strategy::BoxedStrategy<Self> {
                Self::generate_in(slot, None, profile)
            }

            fn generate_in(
                _: $crate::declare::traffic::Slot,
                context: Option<$crate::decode::Context>,
                profile: $crate::declare::traffic::Profile,
            ) -> ::proptest::strategy::BoxedStrategy<Self> {
                $crate::declare::strategy::choice::<Self>(
                    vec![$($crate::declare::variant_strategy!(profile, $name, $variant, $ty $(, $kind)?)),+],
                    context,
                    profile,
                )
            }
        }

        #[cfg(feature = "arbitrary")]
        impl<'a> ::arbitrary::Arbitrary<'a> for $name {
            fn arbitrary(u: &mut ::arbitrary::Unstructured<'a>) -> ::arbitrary::Result<Self> {
                <Self as $crate::declare::build::Build>::build_in(
                    $crate::declare::traffic::Slot::ROOT,
                    None,
                    $crate::declare::traffic::Profile::Realistic,
                    u,
                )
            }
        }

        #[cfg(feature = "arbitrary")]
        impl $crate::declare::build::Build for $name {
            fn build(
                slot: $crate::declare::traffic::Slot,
                profile: $crate::declare::traffic::Profile,
                u: &mut ::arbitrary::Unstructured<'_>,
            ) -> ::arbitrary::Result<Self> {
                Self::build_in(slot, None, profile, u)
            }

            fn build_in(
                _: $crate::declare::traffic::Slot,
                context: Option<$crate::decode::Context>,
                profile: $crate::declare::traffic::Profile,
                u: &mut ::arbitrary::Unstructured<'_>,
            ) -> ::arbitrary::Result<Self> {
                $crate::declare::build::choice::<Self>(
                    &[$($crate::declare::variant_build!($name, $variant, $ty $(, $kind)?)),+],
                    context,
                    true,
                    profile,
                    u,
                )
            }

            fn build_known(
                profile: $crate::declare::traffic::Profile,
                u: &mut ::arbitrary::Unstructured<'_>,
            ) -> ::arbitrary::Result<Self> {
                $crate::declare::build::choice::<Self>(
                    &[$($crate::declare::variant_build!($name, $variant, $ty $(, $kind)?)),+],
                    None,
                    false,
                    profile,
                    u,
                )
            }
        }
    };
    (@untagged concrete) => { $crate::decode::Untagged::Declared };
    (@untagged abstract) => { $crate::decode::Untagged::Members };
    (@untagged context) => { $crate::decode::Untagged::Context };
}

/// What a variant holds: its object boxed, or the nested point.
macro_rules! variant_holds {
    ($ty:ty) => { Box<$ty> };
    ($ty:ty, nested) => { $ty };
}

/// The case of a variant in the point's cases, its values wrapped into `$outer`'s.
macro_rules! variant_case {
    ($outer:ident, $name:ident, $variant:ident, $ty:ty) => {
        $crate::decode::Case::Type($crate::decode::Variant::of::<$ty, $name>(|d, st| {
            <$ty as $crate::decode::Object>::decode_members_boxed(d, st)
                .map(|v| $outer::from($name::$variant(v)))
        }))
    };
    ($outer:ident, $name:ident, $variant:ident, $ty:ty, nested) => {
        $crate::decode::Case::Nested(<$ty as $crate::decode::Nest<$outer>>::LIFTED)
    };
}

/// How a polymorphic point nests in another: its cases lifted into the other's
/// values. Only a point of object variants nests (a point nested in one that is
/// itself nested would need its values lifted twice): for a point with a `nested`
/// variant, no impl is made.
macro_rules! nest_impl {
    (@check [$name:ident] [$($case:tt)*]) => {
        impl<O: From<$name> + 'static> $crate::decode::Nest<O> for $name {
            const LIFTED: &'static [$crate::decode::Case<O>] = &[$($case)*];
        }
    };
    (@check [$name:ident] [$($case:tt)*] $variant:ident($ty:ty), $($rest:tt)*) => {
        $crate::declare::nest_impl!(
            @check [$name] [$($case)* $crate::declare::variant_case!(O, $name, $variant, $ty),] $($rest)*
        );
    };
    (@check [$name:ident] [$($case:tt)*] $variant:ident($ty:ty): nested, $($rest:tt)*) => {};
}

/// The metadata name of the concrete type a variant holds.
macro_rules! variant_type_name {
    ($v:ident, $ty:ty) => {{
        let _ = $v;
        Some(<$ty as $crate::GraphType>::TYPE_NAME)
    }};
    ($v:ident, $ty:ty, nested) => {
        $v.type_name()
    };
}

/// `From` the type a variant holds.
macro_rules! variant_from {
    ($name:ident, $variant:ident, $ty:ty) => {
        impl From<$ty> for $name {
            fn from(value: $ty) -> Self {
                $name::$variant(Box::new(value))
            }
        }
    };
    ($name:ident, $variant:ident, $ty:ty, nested) => {
        impl From<$ty> for $name {
            fn from(value: $ty) -> Self {
                $name::$variant(value)
            }
        }
    };
}

/// A common member of the value a variant holds.
macro_rules! variant_accessor {
    ($v:ident, $common:ident) => {
        $v.$common.as_ref()
    };
    ($v:ident, $common:ident, nested) => {
        $v.$common()
    };
}

/// The schema branch of a variant: one tagged type, or the types of a nested point.
#[cfg(feature = "schema")]
macro_rules! variant_branch {
    ($g:ident, $ty:ty) => {
        $crate::declare::schema::Branch::one::<$ty>($g)
    };
    ($g:ident, $ty:ty, nested) => {
        $crate::declare::schema::Branch::nested::<$ty>($g)
    };
}

/// The strategy of a variant: typed objects of its type, or the known types of a
/// nested point; with the type name a context may ask for.
#[cfg(feature = "proptest")]
macro_rules! variant_strategy {
    ($profile:ident, $name:ident, $variant:ident, $ty:ty) => {
        $crate::declare::strategy::Alternative::one::<$ty>($profile, |v| {
            $name::$variant(Box::new(v))
        })
    };
    ($profile:ident, $name:ident, $variant:ident, $ty:ty, nested) => {
        $crate::declare::strategy::Alternative::nested::<$ty>($profile, $name::$variant)
    };
}

/// How a variant is built from the fuzzer's bytes: typed objects of its type, or
/// the known types of a nested point; with the type name a context may ask for.
#[cfg(feature = "arbitrary")]
macro_rules! variant_build {
    ($name:ident, $variant:ident, $ty:ty) => {
        (<$ty as $crate::GraphType>::TYPE_NAME, |profile, u| {
            $crate::declare::build::one::<$ty>(profile, u).map(|v| $name::$variant(Box::new(v)))
        })
    };
    ($name:ident, $variant:ident, $ty:ty, nested) => {
        (<$ty as $crate::GraphType>::TYPE_NAME, |profile, u| {
            $crate::declare::build::nested::<$ty>(profile, u).map($name::$variant)
        })
    };
}

#[cfg(feature = "schema")]
pub(crate) use variant_branch;
#[cfg(feature = "arbitrary")]
pub(crate) use variant_build;
#[cfg(feature = "proptest")]
pub(crate) use variant_strategy;
pub(crate) use {
    nest_impl, polymorphic, variant_accessor, variant_case, variant_from, variant_holds,
    variant_type_name,
};
