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
use crate::identity::{Identity, IdentitySet};
use crate::media::{AppHostedMediaConfig, MediaConfig, MediaInfo, ServiceHostedMediaConfig};

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

fn user(id: String, display_name: Option<String>) -> IdentitySet {
    let mut user = Identity::new(id);
    user.display_name = display_name;
    IdentitySet::user(user)
}

fn user_target() -> BoxedStrategy<IdentitySet> {
    (uuid(), String::generate("displayName"))
        .prop_map(|(id, name)| user(id, Some(name)))
        .boxed()
}

fn media_config() -> BoxedStrategy<MediaConfig> {
    let prefetch = vec((https_url(), uuid()), 0..3).prop_map(|media| {
        media
            .into_iter()
            .map(|(uri, id)| MediaInfo::new(uri, id).with_odata_type(Annotation::Absent))
            .collect::<Vec<_>>()
    });
    prop_oneof![
        prefetch.prop_map(|media| {
            let config = ServiceHostedMediaConfig::default();
            MediaConfig::from(if media.is_empty() {
                config
            } else {
                config.with_pre_fetch_media(media)
            })
        }),
        Just(MediaConfig::from(AppHostedMediaConfig::new(
            "<Media Session Configuration>"
        ))),
    ]
    .boxed()
}

/// A `POST /communications/calls` request body for `scenario`, as the "Create call"
/// page builds them, with service- or application-hosted media.
pub fn create_call(scenario: Scenario) -> BoxedStrategy<Call> {
    let common = (String::generate("callbackUri"), uuid(), media_config());
    match scenario {
        Scenario::PeerToPeer => (common, user_target())
            .prop_map(|((callback, tenant, media), target)| {
                Call::peer_to_peer(callback, target, media).with_tenant_id(tenant)
            })
            .boxed(),
        Scenario::GroupCall => (
            common,
            vec(user_target(), 2..=5),
            String::generate("subject"),
        )
            .prop_map(|((callback, tenant, media), targets, subject)| {
                Call::group(callback, targets, media)
                    .with_subject(subject)
                    .with_tenant_id(tenant)
            })
            .boxed(),
        Scenario::JoinMeetingByOrganizer => (common, uuid(), String::generate("threadId"))
            .prop_map(|((callback, tenant, media), organizer, thread)| {
                let chat = ChatInfo::new(thread, "0");
                Call::join_meeting_by_organizer(callback, user(organizer, None), chat, media)
                    .with_tenant_id(tenant)
            })
            .boxed(),
        Scenario::JoinMeetingById => (
            common,
            String::generate("joinMeetingId"),
            proptest::option::of(String::generate("passcode")),
        )
            .prop_map(|((callback, tenant, media), id, passcode)| {
                Call::join_meeting_by_id(callback, id, passcode.as_deref(), media)
                    .with_tenant_id(tenant)
            })
            .boxed(),
        Scenario::JoinMeetingByToken => (common, String::generate("token"))
            .prop_map(|((callback, tenant, media), token)| {
                Call::join_meeting_by_token(callback, token, media).with_tenant_id(tenant)
            })
            .boxed(),
        Scenario::Pstn => (common, uuid(), "\\+[1-9][0-9]{10}")
            .prop_map(|((callback, tenant, media), instance, phone)| {
                let bot = Identity::new(instance).with_display_name("Calling Bot");
                Call::pstn(callback, bot, phone, media).with_tenant_id(tenant)
            })
            .boxed(),
    }
}
