//! `object!`: a Graph complex or entity type, as a struct of optional members.

/// Declares a Graph object type: a struct of optional members.
///
/// ```text
/// object! {
///     /// Docs.
///     Name = "metadataName" {
///         /// Docs of the member.
///         field: Type = "wireName" (not_null) [context = hook],
///     }
/// }
///
/// object! {
///     /// Docs of an action's request body.
///     Name = action "binding.action", sdk "sdkTypeName" {
///         field: Type = "parameterName" (required),
///     }
/// }
/// ```
///
/// Every declared member is an `Option` (absent and `null` are the same), and has a
/// builder method, `with_<field>`, that sets it from anything `Into` its type; the
/// struct also records whether the object carried `@odata.type`, and keeps every
/// member it does not declare in `extra`. `(not_null)` marks a member the metadata declares not
/// nullable. `[context = hook]` reads the member in the
/// context `hook(&object_so_far) -> Option<Context>` gives; while it gives `None` the
/// member's value is skipped, and read once all the other members are in;
/// `[context = hook, schema = rules]` adds, with the `schema` feature, the
/// `if`/`then` rules `rules(generator, key)` gives, which say in the object's schema
/// what the context says to the decoder.
///
/// `Name = "metadataName" : base { … }` declares a derived type: `base` is a member
/// list that [`members!`] declared, and the type has those members first, then its
/// own — decoded, encoded, documented and generated alike. The base type itself is
/// declared the same way, with no member of its own.
///
/// The second form declares the request body of a bound action, whose metadata name
/// is `binding.action` (`call.answer`). A body has no `@odata.type` of its own: it is
/// written without one by default, and the one an SDK writes
/// (`#microsoft.graph.<sdkTypeName>`) is read as its annotation. `(required)` marks a
/// parameter the metadata declares neither nullable nor optional: the schema lists it
/// in `required`, the generators always set it, and decoding a body without it
/// reports a `missing_member` diagnostic.
///
/// `Name = "metadataName" [after = check] { … }` names a function
/// `check(decoder, &value)` called once the object is read, which may report
/// diagnostics about the object as a whole.
///
/// `Name = "metadataName" [settle = hook] { … }` names a function
/// `hook(&mut value, &mut dyn Dice)` that both generators call on every value they
/// generate, once its members are in: it settles the value into the shape the
/// protocol gives it (a notification's resources named by its path, identities of
/// the kinds calls use), drawing what it chooses from the generator's randomness.
///
/// The third form, `Name = untyped "name" [after = check] { … }`, declares a payload
/// that is no type of the Graph metadata (an OData error body): written without
/// `@odata.type`, and, when `[after = check]` is given, checked once read by
/// `check(decoder, &value)`, which may report diagnostics.
macro_rules! object {
    (
        $(#[doc = $doc:literal])*
        $name:ident = $wire:literal : $base:ident $([settle = $settle:path])? $([after = $after:path])? {
            $($own:tt)*
        }
    ) => {
        $base! {
            [$(#[doc = $doc])* $name = $wire $([settle = $settle])? $([after = $after])?] { $($own)* }
        }
    };
    (
        $(#[doc = $doc:literal])*
        $name:ident = $wire:literal $([settle = $settle:path])? $([after = $after:path])? {
            $(
                $(#[doc = $fdoc:literal])*
                $field:ident: $ty:ty = $key:literal $(($marker:ident))? $([context = $context:path $(, schema = $schema_rules:path)?])?,
            )*
        }
    ) => {
        $crate::declare::object! {
            @declare [$($doc),*]
            (concat!("\n\nWire type: `#microsoft.graph.", $wire, "`."))
            $name = $wire, tag $wire, default Present, after [$($after)?], settle [$($settle)?], reach members {
                $(
                    $(#[doc = $fdoc])*
                    $field: $ty = $key $(($marker))? $([context = $context $(, schema = $schema_rules)?])?,
                )*
            }
        }
    };
    (
        $(#[doc = $doc:literal])*
        $name:ident = action $wire:literal, sdk $tag:literal {
            $(
                $(#[doc = $fdoc:literal])*
                $field:ident: $ty:ty = $key:literal $(($marker:ident))?,
            )*
        }
    ) => {
        $crate::declare::object! {
            @declare [$($doc),*]
            (concat!(
                "\n\nMetadata name: `", $wire, "`. A request body carries no `@odata.type` of its own; ",
                "an SDK's `#microsoft.graph.", $tag, "` is accepted and kept ([`odata_type`](Self::odata_type))."
            ))
            $name = $wire, tag $tag, default Absent, after [], settle [], reach members {
                $(
                    $(#[doc = $fdoc])*
                    $field: $ty = $key $(($marker))?,
                )*
            }
        }
    };
    (
        $(#[doc = $doc:literal])*
        $name:ident = untyped $wire:literal $([after = $after:path])? {
            $(
                $(#[doc = $fdoc:literal])*
                $field:ident: $ty:ty = $key:literal,
            )*
        }
    ) => {
        $crate::declare::object! {
            @declare [$($doc),*]
            (concat!(
                "\n\nName in this crate: `", $wire, "`. Not a type of the Graph metadata: it carries no ",
                "`@odata.type`."
            ))
            $name = $wire, tag $wire, default Absent, after [$($after)?], settle [], reach own {
                $(
                    $(#[doc = $fdoc])*
                    $field: $ty = $key,
                )*
            }
        }
    };
    // A Graph type reaches its members' types; a payload that is no Graph type (an
    // error body, a page of a collection) is listed itself, its parts are not.
    (@reach members $visitor:ident $($ty:ty)*) => {
        if $visitor.visit::<Self>() {
            $(<$ty as $crate::declare::registry::Reach>::reach($visitor);)*
        }
    };
    (@reach own $visitor:ident $($ty:ty)*) => {
        $visitor.visit::<Self>();
    };
    (
        @declare [$($doc:literal),*] ($wire_doc:expr)
        $name:ident = $wire:literal, tag $tag:literal, default $default:ident, after [$($after:path)?], settle [$($settle:path)?], reach $reach:ident {
            $(
                $(#[doc = $fdoc:literal])*
                $field:ident: $ty:ty = $key:literal $(($marker:ident))? $([context = $context:path $(, schema = $schema_rules:path)?])?,
            )*
        }
    ) => {
        $(#[doc = $doc])*
        #[doc = $wire_doc]
        ///
        /// `Debug` shows the members that are present, and `odata_type` unless it is the default.
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub struct $name {
            $(
                $(#[doc = $fdoc])*
                $(#[doc = $crate::declare::marker_doc!($marker)])?
                #[doc = concat!("\n\nWire name: `", $key, "`.")]
                pub $field: Option<$ty>,
            )*
            /// Whether the object carries its `@odata.type` on the wire.
            pub odata_type: $crate::Annotation,
            /// Members the type does not declare, and members whose value did not fit
            /// their declared type (kept raw by lenient decoding): encoded back as they are.
            pub extra: ::serde_json::Map<String, ::serde_json::Value>,
        }

        impl Default for $name {
            /// No member set, and the `@odata.type` annotation the type is written with
            /// by default.
            fn default() -> Self {
                Self {
                    $($field: None,)*
                    odata_type: <Self as $crate::decode::Object>::DEFAULT_ANNOTATION,
                    extra: ::serde_json::Map::new(),
                }
            }
        }

        impl $name {
            $(
                ::pastey::paste! {
                    #[doc = concat!("This value with its `", $key, "` member set.")]
                    #[must_use]
                    pub fn [<with_ $field>](mut self, value: impl Into<$ty>) -> Self {
                        self.$field = Some(value.into());
                        self
                    }
                }
            )*

            /// This value with [`odata_type`](Self::odata_type) set: whether it is
            /// encoded with its `@odata.type`.
            #[must_use]
            pub fn with_odata_type(mut self, annotation: $crate::Annotation) -> Self {
                self.odata_type = annotation;
                self
            }

            /// This value with a member the type does not declare, kept in
            /// [`extra`](Self::extra) and encoded as it is.
            #[must_use]
            pub fn with_extra(mut self, key: impl Into<String>, value: impl Into<::serde_json::Value>) -> Self {
                self.extra.insert(key.into(), value.into());
                self
            }

            /// The wire names of the members the type declares, in the metadata's order.
            pub const MEMBERS: &'static [&'static str] = &[$($key),*];

            /// The wire names of the members whose values differ between this value
            /// and `other`: `@odata.type` when the annotations differ, the declared
            /// members in the metadata's order, then the [`extra`](Self::extra)
            /// members either side holds differently.
            pub fn changed_members<'a>(&'a self, other: &'a Self) -> Vec<&'a str> {
                let mut changed = Vec::new();
                if self.odata_type != other.odata_type {
                    changed.push($crate::decode::odata::TYPE_MEMBER);
                }
                $(
                    if self.$field != other.$field {
                        changed.push($key);
                    }
                )*
                if self.extra != other.extra {
                    for (key, value) in &other.extra {
                        if self.extra.get(key) != Some(value) {
                            changed.push(key.as_str());
                        }
                    }
                    for key in self.extra.keys() {
                        if !other.extra.contains_key(key) {
                            changed.push(key.as_str());
                        }
                    }
                }
                changed
            }

            /// Puts every member `update` carries over this value, as a JSON merge
            /// of the two objects would: a member `update` sets replaces this one's,
            /// a member it leaves out is kept, an [`extra`](Self::extra) member (a
            /// mistyped value kept raw included) replaces the member of its name (a
            /// received spelling goes with its value),
            /// and `update`'s `@odata.type` annotation wins when it carries one.
            pub fn merge_from(&mut self, update: &Self) {
                for (key, value) in &update.extra {
                    match key.as_str() {
                        // A raw value replaces the typed one; a received spelling
                        // comes with its typed value, set below.
                        $($key if update.$field.is_none() => self.$field = None,)*
                        _ => {}
                    }
                    self.extra.insert(key.clone(), value.clone());
                }
                $(
                    if let Some(value) = &update.$field {
                        self.$field = Some(value.clone());
                        if !self.extra.is_empty() && !update.extra.contains_key($key) {
                            self.extra.remove($key);
                        }
                    }
                )*
                if update.odata_type.is_present() {
                    self.odata_type = update.odata_type;
                }
            }
        }

        impl $crate::GraphType for $name {
            const TYPE_NAME: &'static str = $wire;
            const ODATA_TYPE: &'static str = concat!("#microsoft.graph.", $tag);
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let mut s = f.debug_struct(stringify!($name));
                $(
                    if let Some(value) = &self.$field {
                        s.field(stringify!($field), value);
                    }
                )*
                $crate::declare::debug_tail(&mut s, self.odata_type, $crate::Annotation::$default, &self.extra).finish()
            }
        }

        impl $crate::decode::Object for $name {
            const FIELDS: &'static [&'static str] = &[$($key),*];
            const DEFAULT_ANNOTATION: $crate::Annotation = $crate::Annotation::$default;

            fn decode_members_into(
                d: &mut $crate::decode::Decoder<'_>,
                mut st: $crate::decode::MemberState,
                out: &mut Self,
            ) -> Result<(), $crate::Error> {
                $($crate::declare::later_slot!($field $(, $context)?);)*
                while let Some(key) = d.next_member(&mut st.first)? {
                    match &*key {
                        $($key => $crate::declare::read_member!(d, out, key, $field $(, $context)?),)*
                        "@odata.type" => d.own_type(
                            key,
                            $tag,
                            <Self as $crate::GraphType>::ODATA_TYPE,
                            &mut st,
                            &mut out.extra,
                        )?,
                        _ => {
                            if d.extra(key, &mut out.extra)? {
                                // The object is of another type: the dispatcher reads it again.
                                return Ok(());
                            }
                        }
                    }
                }
                $($crate::declare::read_later!(d, out, $field $(, $context)?);)*
                $($(if $crate::declare::required!($marker) && out.$field.is_none() {
                    d.missing($key, &out.extra);
                })?)*
                out.odata_type = st.annotation;
                $($after(d, out);)?
                Ok(())
            }

            fn set_annotation(&mut self, annotation: $crate::Annotation) {
                self.odata_type = annotation;
            }

            fn extra_mut(&mut self) -> &mut ::serde_json::Map<String, ::serde_json::Value> {
                &mut self.extra
            }

            fn member_mut(&mut self, key: &str) -> Option<&mut dyn ::std::any::Any> {
                match key {
                    $($key => Some(&mut self.$field),)*
                    _ => None,
                }
            }

            fn member_ref(&self, key: &str) -> Option<&dyn ::std::any::Any> {
                match key {
                    $($key => Some(&self.$field),)*
                    _ => None,
                }
            }
        }

        impl $crate::decode::sealed::Decodable for $name {
            fn decode(d: &mut $crate::decode::Decoder<'_>) -> Result<Self, $crate::Error> {
                d.object::<Self>(concat!("a `", $wire, "` object"))
            }

            #[inline(always)]
            fn in_place() -> Option<(Self, $crate::decode::sealed::InPlace<Self>)> {
                Some((Self::default(), |d, out| {
                    d.object_into::<Self>(concat!("a `", $wire, "` object"), out)
                }))
            }
        }

        impl $crate::declare::registry::Reach for $name {
            fn reach<V: $crate::declare::registry::Visit>(visitor: &mut V) {
                $crate::declare::object!(@reach $reach visitor $($ty)*);
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
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(None)?;
                if let Some(odata_type) = self.odata_type.written(<Self as $crate::GraphType>::ODATA_TYPE) {
                    map.serialize_entry($crate::decode::odata::TYPE_MEMBER, odata_type)?;
                }
                $(
                    if let Some(value) = &self.$field {
                        match $crate::declare::spelled(&self.extra, $key, value) {
                            Some(received) => map.serialize_entry($key, received)?,
                            None => map.serialize_entry($key, value)?,
                        }
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

        #[cfg(feature = "schema")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                $wire.into()
            }

            #[allow(unused_variables, unused_mut)]
            fn json_schema(g: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                let mut rules: Vec<::serde_json::Value> = Vec::new();
                $($($(rules.extend($schema_rules(g, $key));)?)?)*
                $crate::declare::schema::object::<Self>(
                    &[$($doc),*],
                    vec![$(
                        $crate::declare::schema::Property {
                            key: $key,
                            schema: g.subschema_for::<$ty>(),
                            nullable: $crate::declare::nullable!($($marker)?),
                            required: $crate::declare::required!($($marker)?),
                            doc: &[$($fdoc),*],
                        },
                    )*],
                    rules,
                )
            }
        }

        #[cfg(feature = "proptest")]
        impl ::proptest::arbitrary::Arbitrary for $name {
            type Parameters = $crate::declare::traffic::Profile;
            type Strategy = ::proptest::strategy::BoxedStrategy<Self>;

            fn arbitrary_with(profile: Self::Parameters) -> Self::Strategy {
                let settle: Option<fn(&mut Self, &mut dyn $crate::declare::traffic::Dice)> =
                    $crate::declare::settle_hook!($($settle)?);
                $crate::declare::strategy::object::<Self>(vec![$(
                    $crate::declare::strategy_member!(profile, $ty, $key, $field, [$($marker)?] $(, $context)?),
                )*], profile, settle)
            }
        }

        #[cfg(feature = "proptest")]
        impl $crate::declare::strategy::Generate for $name {
            fn generate(
                _: $crate::declare::traffic::Slot,
                profile: $crate::declare::traffic::Profile,
            ) -> ::proptest::strategy::BoxedStrategy<Self> {
                <Self as ::proptest::arbitrary::Arbitrary>::arbitrary_with(profile)
            }
        }

        #[cfg(feature = "arbitrary")]
        impl<'a> ::arbitrary::Arbitrary<'a> for $name {
            fn arbitrary(u: &mut ::arbitrary::Unstructured<'a>) -> ::arbitrary::Result<Self> {
                <Self as $crate::declare::build::Build>::build(
                    $crate::declare::traffic::Slot::ROOT,
                    $crate::declare::traffic::Profile::Realistic,
                    u,
                )
            }
        }

        #[cfg(feature = "arbitrary")]
        impl $crate::declare::build::Build for $name {
            fn build(
                _: $crate::declare::traffic::Slot,
                profile: $crate::declare::traffic::Profile,
                u: &mut ::arbitrary::Unstructured<'_>,
            ) -> ::arbitrary::Result<Self> {
                let mut out = Self::default();
                // The members that give a context first, then those read in it.
                $($crate::declare::build_member!(out, (profile, u), $ty, $key, $field, [$($marker)?] $(, $context)?);)*
                $($crate::declare::build_member!(@later out, (profile, u), $ty, $key, $field $(, $context)?);)*
                let settle: Option<fn(&mut Self, &mut dyn $crate::declare::traffic::Dice)> =
                    $crate::declare::settle_hook!($($settle)?);
                $crate::declare::build::finish(&mut out, profile, u, settle)?;
                Ok(out)
            }
        }
    };
}

/// Builds one declared member from the fuzzer's bytes: in the first pass the
/// members read alone, in the second (`@later`) those read in the context the
/// others give.
#[cfg(feature = "arbitrary")]
macro_rules! build_member {
    ($out:ident, $u:expr, $ty:ty, $key:literal, $field:ident, [$($marker:ident)?]) => {
        $crate::declare::build::member::<Self, $ty>(
            &mut $out,
            $u,
            $crate::declare::traffic::Slot::new(<Self as $crate::GraphType>::TYPE_NAME, $key),
            $crate::declare::required!($($marker)?)
                || $crate::declare::traffic::always_present(<Self as $crate::GraphType>::TYPE_NAME, $key),
            None,
            |o, v| o.$field = v,
        )?
    };
    ($out:ident, $u:expr, $ty:ty, $key:literal, $field:ident, [$($marker:ident)?], $context:path) => {};
    (@later $out:ident, $u:expr, $ty:ty, $key:literal, $field:ident) => {};
    (@later $out:ident, $u:expr, $ty:ty, $key:literal, $field:ident, $context:path) => {
        $crate::declare::build::member::<Self, $ty>(
            &mut $out,
            $u,
            $crate::declare::traffic::Slot::new(<Self as $crate::GraphType>::TYPE_NAME, $key),
            $crate::declare::traffic::always_present(<Self as $crate::GraphType>::TYPE_NAME, $key),
            Some($context),
            |o, v| o.$field = v,
        )?
    };
}

/// A declaration's settle hook, if it names one.
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
macro_rules! settle_hook {
    () => {
        None
    };
    ($settle:path) => {
        Some($settle)
    };
}

/// The slot of a member skipped until its context is known: one for each member
/// declared with a context hook, none for the others.
macro_rules! later_slot {
    ($field:ident) => {};
    ($field:ident, $context:path) => {
        let mut $field = None;
    };
}

/// Reads one declared member: into its field, or in the context its hook gives.
macro_rules! read_member {
    ($d:ident, $out:ident, $key:ident, $field:ident) => {
        $d.field($key, &mut $out.$field, &mut $out.extra)?
    };
    ($d:ident, $out:ident, $key:ident, $field:ident, $context:path) => {{
        let context = $context(&$out);
        $d.field_in_context(
            $key,
            context,
            &mut $field,
            &mut $out.$field,
            &mut $out.extra,
        )?
    }};
}

/// Reads a member skipped until its context was known, once all members are in.
macro_rules! read_later {
    ($d:ident, $out:ident, $field:ident) => {};
    ($d:ident, $out:ident, $field:ident, $context:path) => {
        if let Some(later) = $field.take() {
            let context = $context(&$out);
            $d.field_later(later, context, &mut $out.$field, &mut $out.extra)?;
        }
    };
}

/// The strategy of one declared member: generated alone, or after the members its
/// context hook reads, in the context they give.
#[cfg(feature = "proptest")]
macro_rules! strategy_member {
    ($profile:ident, $ty:ty, $key:literal, $field:ident, [$($marker:ident)?]) => {
        $crate::declare::strategy::Member::plain::<$ty>(
            $profile,
            $crate::declare::traffic::Slot::new(<Self as $crate::GraphType>::TYPE_NAME, $key),
            |o: &mut Self, v| o.$field = v,
            $crate::declare::required!($($marker)?)
                || $crate::declare::traffic::always_present(<Self as $crate::GraphType>::TYPE_NAME, $key),
        )
    };
    ($profile:ident, $ty:ty, $key:literal, $field:ident, [$($marker:ident)?], $context:path) => {
        $crate::declare::strategy::Member::in_context::<$ty>(
            $profile,
            $crate::declare::traffic::Slot::new(<Self as $crate::GraphType>::TYPE_NAME, $key),
            |o: &mut Self, v| o.$field = v,
            $context,
            $crate::declare::traffic::always_present(<Self as $crate::GraphType>::TYPE_NAME, $key),
        )
    };
}

/// Whether a member is nullable: unless marked `(not_null)` or `(required)`.
#[cfg_attr(not(feature = "schema"), allow(unused_macros))]
macro_rules! nullable {
    () => {
        true
    };
    (not_null) => {
        false
    };
    (required) => {
        false
    };
}

/// Whether a member is required: marked `(required)`, a parameter of a request body
/// that the metadata declares neither nullable nor optional.
macro_rules! required {
    () => {
        false
    };
    (not_null) => {
        false
    };
    (required) => {
        true
    };
}

/// The documentation line of a member marked `(not_null)` or `(required)`.
macro_rules! marker_doc {
    (not_null) => {
        "\n\nNot nullable in the metadata: never `null` in canonical JSON (it may still be absent)."
    };
    (required) => {
        "\n\nRequired: the metadata declares the parameter neither nullable nor optional. \
         Decoding a body without it reports a `missing_member` diagnostic."
    };
}

#[cfg(feature = "arbitrary")]
pub(crate) use build_member;
#[cfg(feature = "schema")]
pub(crate) use nullable;
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
pub(crate) use settle_hook;
#[cfg(feature = "proptest")]
pub(crate) use strategy_member;
pub(crate) use {later_slot, marker_doc, object, read_later, read_member, required};

/// Declares the members a base type and its derived types share, once:
///
/// ```text
/// members! {
///     /// Docs: what the list is.
///     base_name {
///         /// Docs of the member.
///         field: Type = "wireName" (not_null),
///     }
/// }
/// object! { Base = "base" : base_name {} }
/// object! { Derived = "derived" : base_name { own: Type = "own", } }
/// ```
///
/// It defines a macro `base_name!`, in scope where the `members!` is and
/// importable by path, that `object!` calls with a derived type's declaration to
/// put the shared members before its own.
macro_rules! members {
    (
        $(#[doc = $doc:literal])*
        $name:ident { $($body:tt)* }
    ) => {
        $crate::declare::members!(@define ($) [$($doc),*] $name { $($body)* });
    };
    (@define ($d:tt) [$($doc:literal),*] $name:ident { $($body:tt)* }) => {
        $(#[doc = $doc])*
        macro_rules! $name {
            ([$d($d head:tt)*] { $d($d own:tt)* }) => {
                $crate::declare::object! { $d($d head)* { $($body)* $d($d own)* } }
            };
        }
        #[allow(unused_imports)]
        pub(crate) use $name;
    };
}
pub(crate) use members;
