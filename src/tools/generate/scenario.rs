//! The "Create call" page's scenarios, as proptest strategies.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;

use crate::Annotation;
use crate::call::{Call, ChatInfo};
use crate::declare::strategy::{Generate, https_url};
use crate::declare::traffic::Profile;
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

impl std::fmt::Display for Scenario {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Scenario {
    type Err = crate::UnknownName;

    /// The scenario named `name` (as [`as_str`](Self::as_str) spells it).
    fn from_str(name: &str) -> Result<Scenario, Self::Err> {
        crate::UnknownName::find(&Scenario::ALL, name, "scenario", Scenario::as_str)
    }
}

impl Scenario {
    /// The scenario's name on the command line: `peer-to-peer`, `group`,
    /// `meeting-by-organizer`, `meeting-by-join-id`, `meeting-by-token`, `pstn`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scenario::PeerToPeer => "peer-to-peer",
            Scenario::GroupCall => "group",
            Scenario::JoinMeetingByOrganizer => "meeting-by-organizer",
            Scenario::JoinMeetingById => "meeting-by-join-id",
            Scenario::JoinMeetingByToken => "meeting-by-token",
            Scenario::Pstn => "pstn",
        }
    }

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

/// Where a call's media is hosted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Hosting {
    /// By the service (`serviceHostedMediaConfig`, prompts the bot plays by URI).
    Service,
    /// By the bot's own media platform (`appHostedMediaConfig`, its session blob).
    App,
}

impl Hosting {
    /// Both kinds.
    pub const ALL: [Hosting; 2] = [Hosting::Service, Hosting::App];

    /// The name on the command line: `service-hosted`, `app-hosted`.
    pub fn as_str(self) -> &'static str {
        match self {
            Hosting::Service => "service-hosted",
            Hosting::App => "app-hosted",
        }
    }
}

/// Realistic text for the member `key` of the type `owner`, from the generators' table.
fn member(owner: &'static str, key: &'static str) -> BoxedStrategy<String> {
    String::generate(
        crate::declare::traffic::Slot::new(owner, key),
        Profile::Clean,
    )
}

fn user_target() -> BoxedStrategy<IdentitySet> {
    (uuid(), member("identity", "displayName"))
        .prop_map(|(id, name)| user(id, Some(name)))
        .boxed()
}

fn media_config(hosting: Option<Hosting>) -> BoxedStrategy<MediaConfig> {
    let prefetch = vec((https_url(), uuid()), 0..3).prop_map(|media| {
        media
            .into_iter()
            .map(|(uri, id)| MediaInfo::new(uri, id).with_odata_type(Annotation::Absent))
            .collect::<Vec<_>>()
    });
    let service = prefetch
        .prop_map(|media| {
            let config = ServiceHostedMediaConfig::default();
            MediaConfig::from(if media.is_empty() {
                config
            } else {
                config.with_pre_fetch_media(media)
            })
        })
        .boxed();
    let app = Just(MediaConfig::from(AppHostedMediaConfig::new(
        "<Media Session Configuration>",
    )))
    .boxed();
    match hosting {
        Some(Hosting::Service) => service,
        Some(Hosting::App) => app,
        None => prop_oneof![service, app].boxed(),
    }
}

/// A `POST /communications/calls` request body for `scenario`, as the "Create call"
/// page builds them, with service- or application-hosted media.
pub fn create_call(scenario: Scenario) -> BoxedStrategy<Call> {
    calls(scenario, None)
}

/// A `POST /communications/calls` request body for `scenario` with its media
/// hosted as `hosting` says.
pub fn create_call_hosted(scenario: Scenario, hosting: Hosting) -> BoxedStrategy<Call> {
    calls(scenario, Some(hosting))
}

fn calls(scenario: Scenario, hosting: Option<Hosting>) -> BoxedStrategy<Call> {
    let common = (member("call", "callbackUri"), uuid(), media_config(hosting));
    match scenario {
        Scenario::PeerToPeer => (common, user_target())
            .prop_map(|((callback, tenant, media), target)| {
                Call::peer_to_peer(callback, target, media).with_tenant_id(tenant)
            })
            .boxed(),
        Scenario::GroupCall => (common, vec(user_target(), 2..=5), member("call", "subject"))
            .prop_map(|((callback, tenant, media), targets, subject)| {
                Call::group(callback, targets, media)
                    .with_subject(subject)
                    .with_tenant_id(tenant)
            })
            .boxed(),
        Scenario::JoinMeetingByOrganizer => (common, uuid(), member("chatInfo", "threadId"))
            .prop_map(|((callback, tenant, media), organizer, thread)| {
                let chat = ChatInfo::new(thread, "0");
                Call::join_meeting_by_organizer(callback, user(organizer, None), chat, media)
                    .with_tenant_id(tenant)
            })
            .boxed(),
        Scenario::JoinMeetingById => (
            common,
            member("joinMeetingIdMeetingInfo", "joinMeetingId"),
            proptest::option::of(member("joinMeetingIdMeetingInfo", "passcode")),
        )
            .prop_map(|((callback, tenant, media), id, passcode)| {
                Call::join_meeting_by_id(callback, id, passcode.as_deref(), media)
                    .with_tenant_id(tenant)
            })
            .boxed(),
        Scenario::JoinMeetingByToken => (common, member("tokenMeetingInfo", "token"))
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
