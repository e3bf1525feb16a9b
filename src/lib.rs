//! Typed, lossless, tolerant Microsoft Graph cloud-communications payloads.
//!
//! `graph-comms` models the JSON a calling bot exchanges with Microsoft Graph: the
//! [`call`](call::Call) it sends to `POST /communications/calls` (a peer-to-peer
//! call, a group call, joining a meeting, calling a phone number), the request body
//! of every [action] it takes on a call after that (answer, reject, redirect,
//! transfer, play prompts, record, mute, invite, hold music…), the calls and
//! operations Graph returns, and the
//! [`commsNotifications`](notification::CommsNotifications) Graph posts to the bot's
//! callback URL (call state, rosters full and delta, content sharing, operations). It
//! does no I/O.
//!
//! # Decoding
//!
//! [`from_slice`] decodes leniently; [`DecodeOptions::strict`] gives standard JSON
//! and exact types. Both return the value with its [`Diagnostic`]s.
//!
//! ```
//! use graph_comms::notification::{CommsNotifications, Resource};
//!
//! let body = br##"{"value": [{"changeType": "updated",
//!   "resourceUrl": "/communications/calls/421f/participants",
//!   "resourceData": [{"@odata.type": "#microsoft.graph.participant", "isMuted": true, "id": "p1"}]}]}"##;
//! let decoded = graph_comms::from_slice::<CommsNotifications>(body)?;
//! for resource in decoded.value.resources() {
//!     if let Resource::Participant(p) = resource {
//!         assert_eq!(p.is_muted, Some(true));
//!     }
//! }
//! # Ok::<(), graph_comms::Error>(())
//! ```
//!
//! # Building requests
//!
//! Every object type has a builder method per member, `with_<member>`, and the
//! types a request is made of have constructors for what they usually hold: a
//! [`Call`](call::Call) has one per scenario of the "Create call" page.
//!
//! ```
//! use graph_comms::call::Call;
//! use graph_comms::identity::{Identity, IdentitySet};
//! use graph_comms::media::ServiceHostedMediaConfig;
//!
//! let users = ["98da8a1a-1b87-452c-a713-65d3f10b5555", "bf5aae9a-d11d-47a8-93b1-782504c95555"];
//! let call = Call::group(
//!     "https://bot.contoso.com/callback",
//!     users.map(|id| IdentitySet::user(Identity::new(id))),
//!     ServiceHostedMediaConfig::default(),
//! )
//! .with_subject("Weekly sync");
//!
//! let body = graph_comms::to_vec(&call);
//! let json: serde_json::Value = serde_json::from_slice(&body)?;
//! assert_eq!(json["targets"].as_array().map(Vec::len), Some(2));
//! assert_eq!(json["mediaConfig"]["@odata.type"], "#microsoft.graph.serviceHostedMediaConfig");
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # serde
//!
//! Every type implements [`serde::Serialize`], which writes its canonical JSON, and
//! [`serde::Deserialize`], from any serde data format (`serde_json` text or
//! [`serde_json::Value`], MessagePack, YAML…), so it fits `T: DeserializeOwned`
//! bounds (reqwest's `.json()`, queues and caches) and a service's own
//! `#[derive(Deserialize)]` types. Deserializing gives the value lenient
//! [`from_slice`] gives for the same JSON when that decode says nothing worse than
//! notes (unknown members, types and enum values kept, types inferred); one that
//! would carry a warning — a value kept raw, a required member missing, a callback
//! body that is not notifications — is an error naming its pointer and kind, since
//! serde has no place for diagnostics. [`Raw`] keeps a payload as its JSON and
//! decodes it on demand, with its diagnostics; [`from_slice`] is the fast path.
//!
//! ```
//! use graph_comms::notification::CommsNotifications;
//!
//! #[derive(serde::Deserialize)]
//! struct Queued {
//!     tenant: String,
//!     body: CommsNotifications,
//! }
//!
//! let queued: Queued = serde_json::from_str(r#"{"tenant": "contoso",
//!     "body": {"value": [{"changeType": "deleted", "resourceUrl": "/communications/calls/abc"}]}}"#)?;
//! assert_eq!(queued.body.value.map(|v| v.len()), Some(1));
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # The model
//!
//! - Modules follow the protocol's areas: [`call`], [`participant`], [`media`],
//!   [`meeting`], [`identity`], [`notification`], [`operation`],
//!   [`content_sharing`], [`audio_routing`], and [`action`] (the request bodies of
//!   the bound actions, named `<binding>.<action>`: `call.answer`).
//! - Every member of every object is an `Option`: absent and `null` are the same,
//!   and encoding leaves `None` out. Members a type does not declare are kept in its
//!   `extra` map and encoded back. Whether an object carried `@odata.type` is kept in
//!   its `odata_type` field ([`Annotation`]).
//! - Every polymorphic point is an enum chosen by `@odata.type`, with a hidden
//!   catch-all that keeps an unrecognised object whole ([`UnknownObject`]). An
//!   abstract declared type (`mediaConfig`, `meetingInfo`, `callOptions`, `prompt`)
//!   is an enum of that name; a concrete one with derived types is `Any<Name>`
//!   ([`AnyIdentity`](identity::AnyIdentity), [`AnyIdentitySet`](identity::AnyIdentitySet),
//!   [`AnyCommsOperation`](operation::AnyCommsOperation)). At a concrete point, an
//!   object without `@odata.type`, or typed as the declared type, whose members only
//!   one derived type declares is of that type (a set with `phone` is a
//!   `communicationsIdentitySet`), reported as `inferred_type`; its annotation is
//!   kept, so it encodes back as it came.
//! - Every enum is open ([`enums`]). Both kinds of catch-all are hidden: see
//!   [Catch-alls](#catch-alls).
//! - Every type's metadata name and `@odata.type` are its [`GraphType`] constants.
//!
//! # Tolerance and round trip
//!
//! Lenient decoding accepts trailing commas, comments and a byte-order mark, reads
//! `@odata.type` values and enum members under other spellings, keeps values of the
//! wrong type raw in `extra`, and reports each as a [`Diagnostic`]. Decoding then
//! encoding gives back the input, apart from member order, `null` members, and the
//! changes a diagnostic reported (spellings made canonical, duplicate members
//! dropped).
//!
//! # Catch-alls
//!
//! Open enums and polymorphic points keep what this crate does not know — an enum
//! value, an `@odata.type` — in a catch-all variant, and hide it (`#[doc(hidden)]`,
//! `_Unknown`). A later version that learns the value or type decodes it into a
//! named variant instead: a match arm on the catch-all would silently stop seeing
//! it, so there is none to write. Match the variants you handle and `_` for the
//! rest; read what any value says with its methods (`as_str`, `type_name`,
//! `is_known`) or its JSON ([`to_value`]); build a value of a type
//! or member this crate does not know from text or an
//! [`UnknownObject`] with `From`, which gives the named
//! variant whenever the crate knows it.
//!
//! # Layers
//!
//! The crate is built in layers, each using only those below it (the `architecture`
//! test checks it, and `ARCHITECTURE.md` tells the whole story):
//!
//! 1. reading JSON text, strict or lenient — nothing of Graph;
//! 2. the decoding machinery (paths, diagnostics, checkpoints, dispatch) and the one
//!    mechanism every Graph type is declared with;
//! 3. the model: [`call`], [`participant`], [`media`], [`meeting`], [`identity`],
//!    [`operation`], [`content_sharing`], [`audio_routing`], [`notification`],
//!    [`action`];
//! 4. tools over the model: encoding, [`repair`], [`roundtrip`], [`by_name`],
//!    `schema` and `generate`.
//!
//! What a bot does with these types — the HTTP requests and responses, callback
//! replies, token verification, call tracking and lints — is the `graph-comms-bot`
//! crate's, which depends on this one.
//!
//! # Features
//!
//! None is on by default. `arbitrary`: `arbitrary::Arbitrary` for every
//! type, for cargo-fuzz targets that take typed input (the `proptest` feature gives
//! proptest's own `Arbitrary`); either feature gives the `generate` module, with
//! the `generate::Profile` of real traffic's imperfections both
//! generators follow. `schema`: the JSON Schema of every type, with schemars. `proptest`: realistic
//! generated payloads of every type.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod error;
mod json;

mod declare;
mod decode;

mod model;

mod tools;

pub mod enums;
pub mod odata;
pub use model::{
    action, audio_routing, call, content_sharing, error_body, identity, media, meeting,
    notification, operation, participant,
};
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "proptest", feature = "arbitrary"))))]
pub use tools::generate;
#[cfg(feature = "schema")]
#[cfg_attr(docsrs, doc(cfg(feature = "schema")))]
pub use tools::schema;
pub use tools::{by_name, roundtrip};

pub use decode::odata::{Annotation, GraphType};
pub use decode::{
    Decode, DecodeOptions, Decoded, Diagnostic, DiagnosticKind, Mode, OneOrMany, Raw, Severity,
    UnknownObject, from_slice, from_str,
};
pub use error::{Error, ErrorKind, Position, UnknownName};
pub use tools::encode::{to_string, to_string_pretty, to_value, to_vec, to_vec_pretty};
pub use tools::repair::{Repaired, repair};
