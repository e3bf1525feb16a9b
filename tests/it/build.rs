//! Building requests: the constructors and builder methods give the "Create call"
//! page's requests, member for member.

use graph_comms::call::{Call, ChatInfo, OutgoingCallOptions};
use graph_comms::identity::{Identity, IdentitySet};
use graph_comms::media::{AppHostedMediaConfig, MediaInfo, ServiceHostedMediaConfig};
use graph_comms::{Annotation, from_slice, to_value};
use serde_json::Value;

/// The seed file's request as canonical JSON (no `null` members), and `call`'s,
/// both without `@odata.type` annotations: the page annotates every object, and a
/// built value annotates each as its own type (`communicationsIdentitySet` where
/// the page writes `identitySet`), which Graph reads alike.
fn same_members(file: &str, call: &Call) {
    let bytes = std::fs::read(crate::corpus_dir().join("seed").join(file)).unwrap();
    let seed = from_slice::<Call>(&bytes).unwrap().value;
    let mut expected = to_value(&seed);
    let mut built = to_value(call);
    strip_types(&mut expected);
    strip_types(&mut built);
    assert_eq!(built, expected, "{file}");
}

fn strip_types(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("@odata.type");
            map.values_mut().for_each(strip_types);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_types),
        _ => {}
    }
}

const CALLBACK: &str = "https://bot.contoso.com/callback";

/// The two prompts the page's meeting examples prefetch.
fn prefetch() -> [MediaInfo; 2] {
    [
        MediaInfo::new(
            "https://cdn.contoso.com/beep.wav",
            "f8971b04-b53e-418c-9222-c82ce681a582",
        ),
        MediaInfo::new(
            "https://cdn.contoso.com/cool.wav",
            "86dc814b-c172-4428-9112-60f8ecae1edb",
        ),
    ]
}

#[test]
fn example_1_peer_to_peer_with_service_hosted_media() {
    let john = Identity::new("112f7296-5fa4-42ca-bae8-6a692b15d4b8").with_display_name("John");
    let call = Call::peer_to_peer(
        CALLBACK,
        IdentitySet::user(john),
        ServiceHostedMediaConfig::default(),
    )
    .with_call_options(
        OutgoingCallOptions::default().with_is_content_sharing_notification_enabled(true),
    );
    same_members("01-ex01-request.json", &call);
}

#[test]
fn example_3_group_call() {
    let user = |id: &str, name: &str| IdentitySet::user(Identity::new(id).with_display_name(name));
    let bot = Identity::new("dd3885da-f9ab-486b-bfae-85de3d445555").with_display_name("TestBot");
    let call = Call::group(
        CALLBACK,
        [
            user("98da8a1a-1b87-452c-a713-65d3f10b5555", "user1"),
            user("bf5aae9a-d11d-47a8-93b1-782504c95555", "user2"),
        ],
        ServiceHostedMediaConfig::default().with_remove_from_default_audio_group(false),
    )
    .with_direction("outgoing")
    .with_subject("Create a group call with service hosted media")
    .with_source(graph_comms::participant::ParticipantInfo::new(
        IdentitySet::application(bot),
    ));
    same_members("10-ex03-request.json", &call);
}

#[test]
fn example_5_and_6_join_by_organizer() {
    let organizer = |tenant: &str| {
        IdentitySet::user(
            Identity::new("5810cede-f3cc-42eb-b2c1-e9bd5d53ec96")
                .with_display_name("Bob")
                .with_extra("tenantId", tenant),
        )
    };
    let chat = ChatInfo::new(
        "19:meeting_Win6Ydo4wsMijFjZS00ZGVjLTk5MGUtOTRjNWY2NmNkYTFm@thread.v2",
        "0",
    );
    let prefetch = prefetch();
    let tenant = "86dc81db-c112-4228-9222-63f3esaa1edb";
    let mut call = Call::join_meeting_by_organizer(
        CALLBACK,
        organizer(tenant),
        chat.clone(),
        ServiceHostedMediaConfig::default().with_pre_fetch_media(prefetch),
    )
    .with_tenant_id(tenant);
    if let Some(graph_comms::meeting::MeetingInfo::Organizer(info)) = &mut call.meeting_info {
        info.allow_conversation_without_host = Some(true);
    }
    same_members("14-ex05-request.json", &call);

    let tenant = "aa67bd4c-8475-432d-bd41-39f255720e0a";
    let meeting = graph_comms::meeting::OrganizerMeetingInfo::new(organizer(tenant))
        .with_allow_conversation_without_host(true);
    let call = Call::join_meeting(CALLBACK, meeting, AppHostedMediaConfig::default())
        .with_chat_info(chat)
        .with_direction("outgoing")
        .with_tenant_id(tenant);
    same_members("20-ex06-request.json", &call);
}

#[test]
fn example_7_and_8_join_by_meeting_id() {
    let prefetch = prefetch();
    let media = ServiceHostedMediaConfig::default().with_pre_fetch_media(prefetch);
    let tenant = "86dc81db-c112-4228-9222-63f3esaa1edb";
    let call = Call::join_meeting_by_id(CALLBACK, "1234567", Some("psw123"), media.clone())
        .with_tenant_id(tenant);
    same_members("22-ex07-request.json", &call);
    let call = Call::join_meeting_by_id(CALLBACK, "1234567", None, media).with_tenant_id(tenant);
    same_members("24-ex08-request.json", &call);
}

#[test]
fn example_9_pstn_in_a_few_lines() {
    let bot =
        Identity::new("3d913abb-aec0-4964-8fa6-3c6850c4f278").with_display_name("Calling Bot");
    let call = Call::pstn(
        CALLBACK,
        bot,
        "+12345678901",
        ServiceHostedMediaConfig::default(),
    )
    .with_tenant_id("aa67bd4c-8475-432d-bd41-39f255720e0a");
    same_members("26-ex09-request.json", &call);
}

#[test]
fn join_by_token_and_builders_set_what_they_name() {
    let call = Call::join_meeting_by_token(CALLBACK, "t0k3n", AppHostedMediaConfig::new("blob"))
        .with_subject("s")
        .with_extra("x-custom", 7);
    let json = to_value(&call);
    assert_eq!(
        json["meetingInfo"]["@odata.type"],
        "#microsoft.graph.tokenMeetingInfo"
    );
    assert_eq!(json["meetingInfo"]["token"], "t0k3n");
    assert_eq!(json["mediaConfig"]["blob"], "blob");
    assert_eq!(json["requestedModalities"], serde_json::json!(["audio"]));
    assert_eq!(json["subject"], "s");
    assert_eq!(json["x-custom"], 7);
    let bare = Identity::new("u").with_odata_type(Annotation::Absent);
    assert_eq!(to_value(&bare), serde_json::json!({"id": "u"}));
}

/// A documented request body (`corpus/docs/<file>`) decoded as `T`, against `built`,
/// member for member as `same_members` compares.
fn same_body<T>(file: &str, built: &T)
where
    T: graph_comms::Decode + serde::Serialize + std::fmt::Debug,
{
    let bytes = std::fs::read(crate::corpus_dir().join("docs").join(file)).unwrap();
    let documented = from_slice::<T>(&bytes).unwrap().value;
    let mut expected = to_value(&documented);
    let mut built = to_value(built);
    strip_types(&mut expected);
    strip_types(&mut built);
    assert_eq!(built, expected, "{file}");
}

/// The action bodies the pages publish, built with their constructors.
#[test]
fn building_the_documented_action_bodies() {
    use graph_comms::action::{CallAnswer, CallPlayPrompt, CallReject, ParticipantsInvite};
    use graph_comms::call::RejectReason;
    use graph_comms::media::{MediaPrompt, Modality};
    use graph_comms::participant::InvitationParticipantInfo;

    let beep = || {
        MediaInfo::new(
            "https://cdn.contoso.com/beep.wav",
            "1D6DE2D4-CD51-4309-8DAA-70768651088E",
        )
    };
    let answer = CallAnswer::new(
        "https://bot.contoso.com/api/calls",
        ServiceHostedMediaConfig::default().with_pre_fetch_media(vec![
            beep(),
            MediaInfo::new(
                "https://cdn.contoso.com/cool.wav",
                "1D6DE2D4-CD51-4309-8DAA-70768651088F",
            ),
        ]),
    )
    .with_accepted_modalities(vec![Modality::Audio]);
    same_body("call-answer-3-request-servicehosted.json", &answer);
    assert_eq!(
        answer.odata_type,
        Annotation::Absent,
        "a body has no @odata.type"
    );

    let prompt = CallPlayPrompt::new([MediaPrompt::new(beep()).into()])
        .with_client_context("d45324c1-fcb5-430a-902c-f20af696537c");
    same_body("call-playprompt-1-request.json", &prompt);

    let reject = CallReject::new(RejectReason::Busy);
    same_body("call-reject-1-request-busy.json", &reject);

    let invite = ParticipantsInvite::new([InvitationParticipantInfo::new(IdentitySet::user(
        Identity::new("278405a3-f568-4b3e-b684-009193463064").with_extra("identityProvider", "AAD"),
    ))
    .with_replaces_call_id("a7ebfb2d-871e-419c-87af-27290b22e8db")])
    .with_client_context("f2fa86af-3c51-4bc2-8fc0-475452d9764f");
    same_body("participant-invite-1-request.json", &invite);
}
