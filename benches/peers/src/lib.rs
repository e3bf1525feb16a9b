//! The typed decoders a Rust user who wants speed would pick instead of
//! graph-comms, for the benchmarks: serde derive models of a call, of a
//! `commsNotifications` body and of a roster's participants — as a user writes them:
//! owned `String`s, enum values as strings, unknown members ignored, every
//! participant of a roster typed — read by serde_json, sonic-rs and simd-json; and
//! the untyped baselines, `serde_json::Value` and validation only (`IgnoredAny`).
//!
//! The models cover every member the seed corpus (the "Create call" page's 29
//! bodies) and the generated rosters hold, so that no peer skips work graph-comms
//! does.

use serde::Deserialize;

/// How a payload is decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peer {
    /// graph-comms, lenient (the default).
    Lenient,
    /// graph-comms, strict.
    Strict,
    /// The models on serde_json.
    SerdeJson,
    /// The models on sonic-rs.
    SonicRs,
    /// The models on simd-json (which parses in place: the bytes are copied first).
    SimdJson,
    /// `serde_json::Value`.
    Value,
    /// Validation only: `serde::de::IgnoredAny` on serde_json.
    Ignored,
}

impl Peer {
    /// Every peer, graph-comms first.
    pub const ALL: [Peer; 7] = [
        Peer::Lenient,
        Peer::Strict,
        Peer::SerdeJson,
        Peer::SonicRs,
        Peer::SimdJson,
        Peer::Value,
        Peer::Ignored,
    ];

    /// Its name on a command line and in a report.
    pub fn name(self) -> &'static str {
        match self {
            Peer::Lenient => "lenient",
            Peer::Strict => "strict",
            Peer::SerdeJson => "serde_json-typed",
            Peer::SonicRs => "sonic-rs-typed",
            Peer::SimdJson => "simd-json-typed",
            Peer::Value => "value",
            Peer::Ignored => "ignored",
        }
    }

    /// The peer of this name.
    pub fn from_name(name: &str) -> Option<Peer> {
        Peer::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// What a payload is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A call (`#microsoft.graph.call`).
    Call,
    /// A `commsNotifications` body.
    Notifications,
}

/// Decodes `bytes` as `kind` with `peer`; whether it decoded. `scratch` is simd-json's
/// buffer, reused.
pub fn decode(peer: Peer, kind: Kind, bytes: &[u8], scratch: &mut Vec<u8>) -> bool {
    use std::hint::black_box;
    match peer {
        Peer::Lenient | Peer::Strict => {
            let options = match peer {
                Peer::Strict => graph_comms::DecodeOptions::strict(),
                _ => graph_comms::DecodeOptions::lenient(),
            }
            // The 10 000-participant roster is over the default 16 MiB bound.
            .with_max_input_len(1 << 30);
            match kind {
                Kind::Call => black_box(options.decode::<graph_comms::call::Call>(bytes)).is_ok(),
                Kind::Notifications => black_box(
                    options.decode::<graph_comms::notification::CommsNotifications>(bytes),
                )
                .is_ok(),
            }
        }
        Peer::SerdeJson => match kind {
            Kind::Call => black_box(serde_json::from_slice::<Call>(bytes)).is_ok(),
            Kind::Notifications => {
                black_box(serde_json::from_slice::<CommsNotifications>(bytes)).is_ok()
            }
        },
        Peer::SonicRs => match kind {
            Kind::Call => black_box(sonic_rs::from_slice::<Call>(bytes)).is_ok(),
            Kind::Notifications => {
                black_box(sonic_rs::from_slice::<CommsNotifications>(bytes)).is_ok()
            }
        },
        Peer::SimdJson => {
            scratch.clear();
            scratch.extend_from_slice(bytes);
            match kind {
                Kind::Call => black_box(simd_json::serde::from_slice::<Call>(scratch)).is_ok(),
                Kind::Notifications => {
                    black_box(simd_json::serde::from_slice::<CommsNotifications>(scratch)).is_ok()
                }
            }
        }
        Peer::Value => black_box(serde_json::from_slice::<serde_json::Value>(bytes)).is_ok(),
        Peer::Ignored => black_box(serde_json::from_slice::<serde::de::IgnoredAny>(bytes)).is_ok(),
    }
}

/// A model struct as a user writes one: serde derive, camelCase members, its
/// `@odata.type`, and every member optional (unknown ones ignored).
macro_rules! model {
    ($(#[$doc:meta])* $name:ident { $($(#[$attr:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Deserialize)]
        #[serde(rename_all = "camelCase")]
        #[allow(missing_docs)]
        pub struct $name {
            #[serde(rename = "@odata.type")]
            pub odata_type: Option<String>,
            $($(#[$attr])* pub $field: Option<$ty>,)*
        }
    };
}

model! {
    /// A call, as a user models it.
    Call {
        #[serde(rename = "@odata.context")]
        odata_context: String,
        id: String,
        state: String,
        direction: String,
        subject: String,
        callback_uri: String,
        call_chain_id: String,
        my_participant_id: String,
        tenant_id: String,
        termination_reason: String,
        ringing_timeout_in_seconds: i32,
        requested_modalities: Vec<String>,
        active_modalities: Vec<String>,
        routing_policies: Vec<String>,
        media_config: MediaConfig,
        media_state: MediaState,
        source: ParticipantInfo,
        targets: Vec<InvitationParticipantInfo>,
        answered_by: ParticipantInfo,
        chat_info: ChatInfo,
        meeting_info: MeetingInfo,
        meeting_capability: MeetingCapability,
        call_options: CallOptions,
        call_routes: Vec<CallRoute>,
        result_info: ResultInfo,
        tone_info: ToneInfo,
        transcription: CallTranscriptionInfo,
        incoming_context: IncomingContext,
    }
}

model! {
    /// The media configuration: service-hosted (prompts to fetch) or app-hosted (a blob).
    MediaConfig {
        blob: String,
        remove_from_default_audio_group: bool,
        pre_fetch_media: Vec<MediaInfo>,
    }
}

model! {
    /// A media file.
    MediaInfo {
        uri: String,
        resource_id: String,
    }
}

model! {
    /// The call's media state.
    MediaState {
        audio: String,
    }
}

model! {
    /// A participant's endpoint.
    ParticipantInfo {
        identity: IdentitySet,
        endpoint_type: String,
        region: String,
        language_id: String,
        country_code: String,
        participant_id: String,
        platform_id: String,
    }
}

model! {
    /// An invitation target.
    InvitationParticipantInfo {
        identity: IdentitySet,
        endpoint_type: String,
        region: String,
        language_id: String,
        replaces_call_id: String,
        hidden: bool,
        participant_id: String,
    }
}

model! {
    /// Who: a user, an application, an application instance, a phone, a guest.
    IdentitySet {
        user: Identity,
        application: Identity,
        application_instance: Identity,
        device: Identity,
        phone: Identity,
        guest: Identity,
        encrypted: Identity,
        on_premises: Identity,
        asserted_identity: Identity,
    }
}

model! {
    /// One identity.
    Identity {
        id: String,
        display_name: String,
        tenant_id: String,
        identity_provider: String,
    }
}

model! {
    /// The chat of a meeting.
    ChatInfo {
        thread_id: String,
        message_id: String,
        reply_chain_message_id: String,
    }
}

model! {
    /// How to join a meeting: by its organizer, its id and passcode, or a token.
    MeetingInfo {
        organizer: IdentitySet,
        allow_conversation_without_host: bool,
        join_meeting_id: String,
        passcode: String,
        token: String,
    }
}

model! {
    /// What a meeting allows.
    MeetingCapability {
        allow_anonymous_users_to_dial_out: bool,
        allow_anonymous_users_to_start_meeting: bool,
        auto_admitted_users: String,
    }
}

model! {
    /// The call's options.
    CallOptions {
        hide_bot_after_escalation: bool,
        is_content_sharing_notification_enabled: bool,
        is_delta_roster_enabled: bool,
    }
}

model! {
    /// A redirection of the call.
    CallRoute {
        routing_type: String,
        original: IdentitySet,
        r#final: IdentitySet,
    }
}

model! {
    /// An outcome.
    ResultInfo {
        code: i32,
        subcode: i32,
        message: String,
    }
}

model! {
    /// A DTMF tone.
    ToneInfo {
        sequence_id: i64,
        tone: String,
    }
}

model! {
    /// The call's transcription state.
    CallTranscriptionInfo {
        state: String,
        last_modified_date_time: String,
    }
}

model! {
    /// Who an incoming call is about.
    IncomingContext {
        source_participant_id: String,
        observed_participant_id: String,
        on_behalf_of: IdentitySet,
        transferor: IdentitySet,
    }
}

/// A callback's body.
#[derive(Debug, Deserialize)]
#[allow(missing_docs)]
pub struct CommsNotifications {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub value: Vec<CommsNotification>,
}

model! {
    /// One notification.
    CommsNotification {
        change_type: String,
        resource_url: String,
        resource: String,
        callback_uri: String,
        resource_data: OneOrMany<Resource>,
    }
}

/// One value or a list of them, as `resourceData` comes: read by a visitor (no
/// buffering as `#[serde(untagged)]` would).
#[derive(Debug)]
#[allow(missing_docs)]
pub enum OneOrMany<T> {
    One(Box<T>),
    Many(Vec<T>),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object or an array of objects")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|one| OneOrMany::One(Box::new(one)))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut many = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element()? {
                    many.push(item);
                }
                Ok(OneOrMany::Many(many))
            }
        }
        deserializer.deserialize_any(Visit(std::marker::PhantomData))
    }
}

model! {
    /// What a notification is about: a call, a participant, a roster delta, an
    /// operation, a content-sharing session — one struct with the members of each, as a
    /// user writes it when `@odata.type` varies.
    Resource {
        id: String,
        state: String,
        direction: String,
        status: String,
        client_context: String,
        chat_info: ChatInfo,
        meeting_info: MeetingInfo,
        result_info: ResultInfo,
        tone_info: ToneInfo,
        sequence_number: i64,
        participants: Vec<Participant>,
        info: ParticipantInfo,
        is_in_lobby: bool,
        is_muted: bool,
        media_streams: Vec<MediaStream>,
        roster_sequence_number: i64,
        removed_state: RemovedState,
    }
}

model! {
    /// A participant, typed.
    Participant {
        id: String,
        info: ParticipantInfo,
        is_in_lobby: bool,
        is_muted: bool,
        media_streams: Vec<MediaStream>,
        roster_sequence_number: i64,
        removed_state: RemovedState,
        metadata: String,
    }
}

model! {
    /// A participant's media stream.
    MediaStream {
        media_type: String,
        source_id: String,
        direction: String,
        label: String,
        server_muted: bool,
    }
}

model! {
    /// Why a participant left.
    RemovedState {
        reason: String,
    }
}
