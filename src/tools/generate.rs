//! Generators of realistic payloads, for property tests and for feeding fuzzers.
//! Needs the `proptest` feature.
//!
//! Every type of the crate implements [`proptest::arbitrary::Arbitrary`], so
//! `any::<Call>()`, `any::<CommsNotifications>()` or `any::<Participant>()` generate
//! values of it. The values are valid (they encode to JSON that decodes back to the
//! same value) and realistic: identifiers are UUIDs, URIs are HTTPS URLs, names,
//! languages and result codes look like the documents' — and they carry what real
//! traffic carries too: members no type declares, objects of unknown `@odata.type`,
//! enum values this crate does not know, both shapes of `resourceData`, and resources
//! of the types their notification's resource path names. [`create_call`] generates
//! `POST /communications/calls` requests for each scenario of the "Create call" page.
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

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;

use crate::Annotation;
use crate::call::{Call, ChatInfo};
use crate::declare::strategy::{Generate, https_url};
use crate::identity::{
    AnyIdentity, AnyIdentitySet, CommunicationsIdentitySet, Identity, IdentitySet,
};
use crate::media::{
    AppHostedMediaConfig, MediaConfig, MediaInfo, Modality, ServiceHostedMediaConfig,
};
use crate::meeting::{
    JoinMeetingIdMeetingInfo, MeetingInfo, OrganizerMeetingInfo, TokenMeetingInfo,
};
use crate::participant::{InvitationParticipantInfo, ParticipantInfo};

/// A lower-case UUID, as Graph writes identifiers.
pub fn uuid() -> BoxedStrategy<String> {
    crate::declare::strategy::uuid()
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

fn target(set: impl Into<AnyIdentitySet>) -> InvitationParticipantInfo {
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
                    chat_info: Some(ChatInfo {
                        thread_id: Some(thread),
                        message_id: Some("0".to_owned()),
                        ..ChatInfo::default()
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
