//! Generators of realistic payloads, for property tests and for feeding fuzzers.
//! Needs the `proptest` feature.
//!
//! Every type of the crate implements [`proptest::arbitrary::Arbitrary`], so
//! `any::<Call>()`, `any::<CommsNotifications>()` or `any::<Participant>()` generate
//! values of it. The values are valid (they encode to JSON that decodes back to the
//! same value) and realistic: identifiers are UUIDs, URIs are HTTPS URLs, names,
//! languages and result codes look like the documents' — and they carry what real
//! traffic carries too: members no type declares, objects of unknown `@odata.type`,
//! enum values this crate does not know, and both shapes of `resourceData`.
//! [`create_call`] generates `POST /communications/calls` requests for each scenario
//! of the "Create call" page.
//!
//! ```
//! use graph_comms::notification::CommsNotifications;
//! use proptest::prelude::*;
//! use proptest::test_runner::TestRunner;
//!
//! // Twenty realistic callback bodies, to feed a parser under test.
//! let mut runner = TestRunner::deterministic();
//! for _ in 0..20 {
//!     let body = any::<CommsNotifications>().new_tree(&mut runner).unwrap().current();
//!     let json = graph_comms::to_vec(&body);
//!     let back = graph_comms::from_slice::<CommsNotifications>(&json).unwrap();
//!     assert_eq!(back.value, body);
//! }
//! ```

use std::fmt;

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::{BoxedStrategy, Union};
use serde_json::{Map, Number, Value};

use crate::call::Call;
use crate::enums::{Flags, OpenEnum};
use crate::identity::{AnyIdentity, CommunicationsIdentitySet, Identity, IdentitySet};
use crate::media::{
    AppHostedMediaConfig, MediaConfig, MediaInfo, Modality, ServiceHostedMediaConfig,
};
use crate::meeting::{
    JoinMeetingIdMeetingInfo, MeetingInfo, OrganizerMeetingInfo, TokenMeetingInfo,
};
use crate::participant::{InvitationParticipantInfo, ParticipantInfo};
use crate::{Annotation, UnknownObject};

/// A type whose values can be generated, realistically for the member `key` they fill.
pub(crate) trait Generate: Sized + Clone + fmt::Debug + 'static {
    /// A strategy for values of the member `key`.
    fn generate(key: &'static str) -> BoxedStrategy<Self>;
}

/// A value for one member of an object of type `T`, ready to be set on it.
pub(crate) struct Patch<T>(Box<dyn SetMember<T>>);

trait SetMember<T>: fmt::Debug {
    fn apply(&self, target: &mut T);
    fn clone_box(&self) -> Box<dyn SetMember<T>>;
}

struct Member<T, V> {
    key: &'static str,
    value: Option<V>,
    set: fn(&mut T, Option<V>),
}

impl<T, V: fmt::Debug> fmt::Debug for Member<T, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?}", self.key, self.value)
    }
}

impl<T: 'static, V: Clone + fmt::Debug + 'static> SetMember<T> for Member<T, V> {
    fn apply(&self, target: &mut T) {
        (self.set)(target, self.value.clone());
    }

    fn clone_box(&self) -> Box<dyn SetMember<T>> {
        Box::new(Member {
            key: self.key,
            value: self.value.clone(),
            set: self.set,
        })
    }
}

impl<T> Clone for Patch<T> {
    fn clone(&self) -> Self {
        Patch(self.0.clone_box())
    }
}

impl<T> fmt::Debug for Patch<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How often a member is present.
const PRESENT: f64 = 0.4;

/// A strategy for member `key` of `T`: present or not, and realistic when present.
pub(crate) fn field<T: 'static, V: Generate>(
    key: &'static str,
    set: fn(&mut T, Option<V>),
) -> BoxedStrategy<Patch<T>> {
    proptest::option::weighted(PRESENT, V::generate(key))
        .prop_map(move |value| Patch(Box::new(Member { key, value, set })))
        .boxed()
}

/// A strategy for an object type: its members, whether it carries `@odata.type`, and
/// a few members it does not declare.
pub(crate) fn object<T: Default + fmt::Debug + 'static>(
    members: Vec<BoxedStrategy<Patch<T>>>,
    fields: &'static [&'static str],
    finish: fn(&mut T, Annotation, Map<String, Value>),
) -> BoxedStrategy<T> {
    let annotation = prop_oneof![4 => Just(Annotation::Present), 1 => Just(Annotation::Absent)];
    (members, annotation, extra_members(fields))
        .prop_map(move |(patches, annotation, extra)| {
            let mut out = T::default();
            for patch in &patches {
                patch.0.apply(&mut out);
            }
            finish(&mut out, annotation, extra);
            out
        })
        .boxed()
}

/// A few members no type declares, named unlike any of `fields`.
pub(crate) fn extra_members(fields: &'static [&'static str]) -> BoxedStrategy<Map<String, Value>> {
    let member = prop_oneof![
        1 => "W/\"[0-9]{1,3}\"".prop_map(|tag| ("@odata.etag".to_owned(), Value::String(tag))),
        1 => uuid().prop_map(|id| ("@odata.id".to_owned(), Value::String(format!("/communications/calls/{id}")))),
        3 => ("x[A-Z][a-z]{2,8}", json_value()),
    ]
    .prop_filter("a declared member", move |(k, _)| !fields.contains(&k.as_str()));
    vec(member, 0..2)
        .prop_map(|m| m.into_iter().collect())
        .boxed()
}

/// A JSON value that is not `null` (a `null` member is an absent one), possibly with
/// `null`s inside.
pub(crate) fn json_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        (-1e9f64..1e9).prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[a-zA-Z0-9 .:/@#-]{0,24}".prop_map(Value::String),
        any::<String>().prop_map(Value::String),
    ];
    let nested = leaf.clone().prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            Just(Value::Null),
            vec(inner.clone(), 0..3).prop_map(Value::Array),
            btree_map("[a-z]{1,8}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    prop_oneof![3 => leaf, 1 => nested]
        .prop_filter("a null member is an absent one", |v| !v.is_null())
        .boxed()
}

/// A strategy for a polymorphic point: its concrete types, now and then an object of
/// a type this crate does not know.
pub(crate) fn choice<T: fmt::Debug + 'static>(
    variants: Vec<BoxedStrategy<T>>,
    unknown: fn(UnknownObject) -> T,
    base: &'static str,
) -> BoxedStrategy<T> {
    let weight = u32::try_from(variants.len()).unwrap_or(u32::MAX);
    let known = Union::new(variants).boxed();
    Union::new_weighted(vec![
        (weight * 8, known),
        (weight, unknown_object(base).prop_map(unknown).boxed()),
    ])
    .boxed()
}

/// An object of a type no version of the metadata has (its name begins `future`).
pub(crate) fn unknown_object(base: &'static str) -> BoxedStrategy<UnknownObject> {
    ("[A-Z][a-z]{2,8}", extra_members(&[]))
        .prop_map(move |(word, members)| {
            UnknownObject::new(
                Some(format!(
                    "#microsoft.graph.future{word}{}",
                    upper_first(base)
                )),
                members,
            )
        })
        .boxed()
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase())
        .into_iter()
        .chain(c)
        .collect()
}

/// A value of an open enum: mostly a known member, now and then text of a later version.
pub(crate) fn open_enum<E: OpenEnum + Clone + fmt::Debug + 'static>(
    known: &'static [E],
) -> BoxedStrategy<E> {
    prop_oneof![
        9 => select(known),
        1 => "future[A-Z][a-z]{2,8}".prop_map(|s| E::unknown(&s)),
    ]
    .boxed()
}

impl<E: OpenEnum + Generate> Generate for Flags<E> {
    fn generate(key: &'static str) -> BoxedStrategy<Self> {
        vec(E::generate(key), 1..3).prop_map(Flags).boxed()
    }
}

impl<T: Generate> Generate for Vec<T> {
    fn generate(key: &'static str) -> BoxedStrategy<Self> {
        vec(T::generate(key), 0..3).boxed()
    }
}

impl Generate for bool {
    fn generate(_: &'static str) -> BoxedStrategy<Self> {
        any::<bool>().boxed()
    }
}

impl Generate for i32 {
    fn generate(key: &'static str) -> BoxedStrategy<Self> {
        match key {
            "code" => select(vec![0, 200, 400, 403, 404, 500]).boxed(),
            "subcode" => prop_oneof![Just(0), 4000..9000].boxed(),
            "ringingTimeoutInSeconds" => (15..120).boxed(),
            _ => (0..1000).boxed(),
        }
    }
}

impl Generate for i64 {
    fn generate(_: &'static str) -> BoxedStrategy<Self> {
        (0..10_000i64).boxed()
    }
}

impl Generate for Value {
    fn generate(_: &'static str) -> BoxedStrategy<Self> {
        json_value()
    }
}

/// A lower-case UUID, as Graph writes identifiers.
pub fn uuid() -> BoxedStrategy<String> {
    any::<[u8; 16]>()
        .prop_map(|b| {
            let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
            format!(
                "{}-{}-{}-{}-{}",
                &hex[..8],
                &hex[8..12],
                &hex[12..16],
                &hex[16..20],
                &hex[20..]
            )
        })
        .boxed()
}

pub(crate) fn https_url() -> BoxedStrategy<String> {
    ("[a-z]{3,8}", "[a-z]{3,10}")
        .prop_map(|(host, path)| format!("https://{host}.contoso.com/{path}"))
        .boxed()
}

fn one_of(values: &'static [&'static str]) -> BoxedStrategy<String> {
    select(values).prop_map(str::to_owned).boxed()
}

impl Generate for String {
    fn generate(key: &'static str) -> BoxedStrategy<Self> {
        match key {
            "sourceId" | "messageId" | "replyChainMessageId" => "[0-9]{1,3}".boxed(),
            "threadId" => "19:meeting_[A-Za-z0-9]{20,40}@thread\\.v2".boxed(),
            "joinMeetingId" => "[0-9]{7,12}".boxed(),
            "passcode" => "[A-Za-z0-9]{6}".boxed(),
            "displayName" => one_of(&[
                "John",
                "Bob",
                "Alice Wong",
                "Calling Bot",
                "TestBot",
                "user1",
            ]),
            "subject" => one_of(&[
                "Weekly sync",
                "Create a group call with service hosted media",
                "Escalation",
            ]),
            "languageId" => one_of(&["en-US", "pt-PT", "de-DE", "ja-JP"]),
            "countryCode" => one_of(&["US", "PT", "DE", "JP"]),
            "region" => one_of(&["amer", "emea", "apac"]),
            "blob" => Just("<Media Session Configuration>".to_owned()).boxed(),
            "message" => one_of(&[
                "Action completed.",
                "The conversation has ended.",
                "Call ended by remote party.",
            ]),
            "reason" => Just("Removed from roster".to_owned()).boxed(),
            "terminationReason" => one_of(&["AppTransferred", "ParticipantRemoved"]),
            "lastModifiedDateTime" => {
                "20[2-3][0-9]-0[1-9]-1[0-9]T1[0-9]:[0-5][0-9]:[0-5][0-9]Z".boxed()
            }
            "email" | "userPrincipalName" | "upn" | "loginName" => {
                "[a-z]{3,8}@contoso\\.com".boxed()
            }
            "resourceUrl" | "resource" => uuid()
                .prop_map(|id| format!("/communications/calls/{id}"))
                .boxed(),
            "token" | "recordingAccessToken" | "metadata" => "[A-Za-z0-9+/]{16,40}".boxed(),
            key if key.ends_with("Uri") || key == "uri" || key == "recordingLocation" => {
                https_url()
            }
            key if key == "id" || key.ends_with("Id") => uuid(),
            _ => "[a-zA-Z][a-zA-Z0-9]{0,12}".boxed(),
        }
    }
}

/// The scenarios of the "Create call" page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scenario {
    /// A peer-to-peer VoIP call from the bot to a Teams user.
    PeerToPeer,
    /// A group call with up to five VoIP users.
    GroupCall,
    /// Joining a scheduled meeting named by its organizer and chat.
    JoinMeetingByOrganizer,
    /// Joining a scheduled meeting by its join meeting ID (and passcode).
    JoinMeetingById,
    /// Joining a meeting named by a token.
    JoinMeetingByToken,
    /// A peer-to-peer call from an application instance to a phone number (PSTN).
    Pstn,
}

impl Scenario {
    /// Every scenario.
    pub const ALL: [Scenario; 6] = [
        Scenario::PeerToPeer,
        Scenario::GroupCall,
        Scenario::JoinMeetingByOrganizer,
        Scenario::JoinMeetingById,
        Scenario::JoinMeetingByToken,
        Scenario::Pstn,
    ];
}

fn identity(id: String, display_name: Option<String>) -> AnyIdentity {
    Identity {
        id: Some(id),
        display_name,
        ..Identity::default()
    }
    .into()
}

fn target(set: impl Into<crate::identity::AnyIdentitySet>) -> InvitationParticipantInfo {
    InvitationParticipantInfo {
        identity: Some(set.into()),
        ..InvitationParticipantInfo::default()
    }
}

fn user_target() -> BoxedStrategy<InvitationParticipantInfo> {
    (uuid(), String::generate("displayName"))
        .prop_map(|(id, name)| {
            target(IdentitySet {
                user: Some(identity(id, Some(name))),
                ..IdentitySet::default()
            })
        })
        .boxed()
}

fn media_config() -> BoxedStrategy<MediaConfig> {
    let prefetch = vec((https_url(), uuid()), 0..3).prop_map(|media| {
        media
            .into_iter()
            .map(|(uri, id)| MediaInfo {
                uri: Some(uri),
                resource_id: Some(id),
                odata_type: Annotation::Absent,
                ..MediaInfo::default()
            })
            .collect::<Vec<_>>()
    });
    prop_oneof![
        prefetch.prop_map(|media| {
            MediaConfig::from(ServiceHostedMediaConfig {
                pre_fetch_media: (!media.is_empty()).then_some(media),
                ..ServiceHostedMediaConfig::default()
            })
        }),
        Just(MediaConfig::from(AppHostedMediaConfig {
            blob: Some("<Media Session Configuration>".to_owned()),
            ..AppHostedMediaConfig::default()
        })),
    ]
    .boxed()
}

/// A `POST /communications/calls` request body for `scenario`, as the "Create call"
/// page builds them, with service- or application-hosted media.
pub fn create_call(scenario: Scenario) -> BoxedStrategy<Call> {
    let common = (String::generate("callbackUri"), uuid(), media_config()).prop_map(
        |(callback, tenant, media)| Call {
            callback_uri: Some(callback),
            requested_modalities: Some(vec![Modality::Audio]),
            media_config: Some(media),
            tenant_id: Some(tenant),
            ..Call::default()
        },
    );
    match scenario {
        Scenario::PeerToPeer => (common, user_target())
            .prop_map(|(c, t)| Call {
                targets: Some(vec![t]),
                ..c
            })
            .boxed(),
        Scenario::GroupCall => (
            common,
            vec(user_target(), 2..=5),
            String::generate("subject"),
        )
            .prop_map(|(c, targets, subject)| Call {
                targets: Some(targets),
                subject: Some(subject),
                ..c
            })
            .boxed(),
        Scenario::JoinMeetingByOrganizer => (common, uuid(), String::generate("threadId"))
            .prop_map(|(c, organizer, thread)| {
                let organizer = IdentitySet {
                    user: Some(identity(organizer, None)),
                    ..IdentitySet::default()
                };
                Call {
                    meeting_info: Some(MeetingInfo::from(OrganizerMeetingInfo {
                        organizer: Some(organizer.into()),
                        ..OrganizerMeetingInfo::default()
                    })),
                    chat_info: Some(crate::call::ChatInfo {
                        thread_id: Some(thread),
                        message_id: Some("0".to_owned()),
                        ..crate::call::ChatInfo::default()
                    }),
                    ..c
                }
            })
            .boxed(),
        Scenario::JoinMeetingById => (
            common,
            String::generate("joinMeetingId"),
            proptest::option::of(String::generate("passcode")),
        )
            .prop_map(|(c, id, passcode)| Call {
                meeting_info: Some(MeetingInfo::from(JoinMeetingIdMeetingInfo {
                    join_meeting_id: Some(id),
                    passcode,
                    ..JoinMeetingIdMeetingInfo::default()
                })),
                ..c
            })
            .boxed(),
        Scenario::JoinMeetingByToken => (common, String::generate("token"))
            .prop_map(|(c, token)| Call {
                meeting_info: Some(MeetingInfo::from(TokenMeetingInfo {
                    token: Some(token),
                    ..TokenMeetingInfo::default()
                })),
                ..c
            })
            .boxed(),
        Scenario::Pstn => (common, uuid(), "\\+[1-9][0-9]{10}")
            .prop_map(|(c, instance, phone)| {
                let from = CommunicationsIdentitySet {
                    application_instance: Some(identity(instance, Some("Calling Bot".to_owned()))),
                    ..CommunicationsIdentitySet::default()
                };
                let to = CommunicationsIdentitySet {
                    phone: Some(identity(phone, None)),
                    ..CommunicationsIdentitySet::default()
                };
                Call {
                    source: Some(ParticipantInfo {
                        identity: Some(from.into()),
                        ..ParticipantInfo::default()
                    }),
                    targets: Some(vec![target(to)]),
                    ..c
                }
            })
            .boxed(),
    }
}
