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

/// A call, as a user models it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct Call {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    #[serde(rename = "@odata.context")]
    pub odata_context: Option<String>,
    pub id: Option<String>,
    pub state: Option<String>,
    pub direction: Option<String>,
    pub subject: Option<String>,
    pub callback_uri: Option<String>,
    pub call_chain_id: Option<String>,
    pub my_participant_id: Option<String>,
    pub tenant_id: Option<String>,
    pub termination_reason: Option<String>,
    pub ringing_timeout_in_seconds: Option<i32>,
    pub requested_modalities: Option<Vec<String>>,
    pub active_modalities: Option<Vec<String>>,
    pub routing_policies: Option<Vec<String>>,
    pub media_config: Option<MediaConfig>,
    pub media_state: Option<MediaState>,
    pub source: Option<ParticipantInfo>,
    pub targets: Option<Vec<InvitationParticipantInfo>>,
    pub answered_by: Option<ParticipantInfo>,
    pub chat_info: Option<ChatInfo>,
    pub meeting_info: Option<MeetingInfo>,
    pub meeting_capability: Option<MeetingCapability>,
    pub call_options: Option<CallOptions>,
    pub call_routes: Option<Vec<CallRoute>>,
    pub result_info: Option<ResultInfo>,
    pub tone_info: Option<ToneInfo>,
    pub transcription: Option<CallTranscriptionInfo>,
    pub incoming_context: Option<IncomingContext>,
}

/// The media configuration: service-hosted (prompts to fetch) or app-hosted (a blob).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct MediaConfig {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub blob: Option<String>,
    pub remove_from_default_audio_group: Option<bool>,
    pub pre_fetch_media: Option<Vec<MediaInfo>>,
}

/// A media file.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct MediaInfo {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub uri: Option<String>,
    pub resource_id: Option<String>,
}

/// The call's media state.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct MediaState {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub audio: Option<String>,
}

/// A participant's endpoint.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct ParticipantInfo {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub identity: Option<IdentitySet>,
    pub endpoint_type: Option<String>,
    pub region: Option<String>,
    pub language_id: Option<String>,
    pub country_code: Option<String>,
    pub participant_id: Option<String>,
    pub platform_id: Option<String>,
}

/// An invitation target.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct InvitationParticipantInfo {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub identity: Option<IdentitySet>,
    pub endpoint_type: Option<String>,
    pub region: Option<String>,
    pub language_id: Option<String>,
    pub replaces_call_id: Option<String>,
    pub hidden: Option<bool>,
    pub participant_id: Option<String>,
}

/// Who: a user, an application, an application instance, a phone, a guest.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct IdentitySet {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub user: Option<Identity>,
    pub application: Option<Identity>,
    pub application_instance: Option<Identity>,
    pub device: Option<Identity>,
    pub phone: Option<Identity>,
    pub guest: Option<Identity>,
    pub encrypted: Option<Identity>,
    pub on_premises: Option<Identity>,
    pub asserted_identity: Option<Identity>,
}

/// One identity.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct Identity {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub tenant_id: Option<String>,
    pub identity_provider: Option<String>,
}

/// The chat of a meeting.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct ChatInfo {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub thread_id: Option<String>,
    pub message_id: Option<String>,
    pub reply_chain_message_id: Option<String>,
}

/// How to join a meeting: by its organizer, its id and passcode, or a token.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct MeetingInfo {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub organizer: Option<IdentitySet>,
    pub allow_conversation_without_host: Option<bool>,
    pub join_meeting_id: Option<String>,
    pub passcode: Option<String>,
    pub token: Option<String>,
}

/// What a meeting allows.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct MeetingCapability {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub allow_anonymous_users_to_dial_out: Option<bool>,
    pub allow_anonymous_users_to_start_meeting: Option<bool>,
    pub auto_admitted_users: Option<String>,
}

/// The call's options.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct CallOptions {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub hide_bot_after_escalation: Option<bool>,
    pub is_content_sharing_notification_enabled: Option<bool>,
    pub is_delta_roster_enabled: Option<bool>,
}

/// A redirection of the call.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct CallRoute {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub routing_type: Option<String>,
    pub original: Option<IdentitySet>,
    pub r#final: Option<IdentitySet>,
}

/// An outcome.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct ResultInfo {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub code: Option<i32>,
    pub subcode: Option<i32>,
    pub message: Option<String>,
}

/// A DTMF tone.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct ToneInfo {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub sequence_id: Option<i64>,
    pub tone: Option<String>,
}

/// The call's transcription state.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct CallTranscriptionInfo {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub state: Option<String>,
    pub last_modified_date_time: Option<String>,
}

/// Who an incoming call is about.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct IncomingContext {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub source_participant_id: Option<String>,
    pub observed_participant_id: Option<String>,
    pub on_behalf_of: Option<IdentitySet>,
    pub transferor: Option<IdentitySet>,
}

/// A callback's body.
#[derive(Debug, Deserialize)]
#[allow(missing_docs)]
pub struct CommsNotifications {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub value: Vec<CommsNotification>,
}

/// One notification.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct CommsNotification {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub change_type: Option<String>,
    pub resource_url: Option<String>,
    pub resource: Option<String>,
    pub callback_uri: Option<String>,
    pub resource_data: Option<OneOrMany<Resource>>,
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

/// What a notification is about: a call, a participant, a roster delta, an
/// operation, a content-sharing session — one struct with the members of each, as a
/// user writes it when `@odata.type` varies.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct Resource {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub id: Option<String>,
    pub state: Option<String>,
    pub direction: Option<String>,
    pub status: Option<String>,
    pub client_context: Option<String>,
    pub chat_info: Option<ChatInfo>,
    pub meeting_info: Option<MeetingInfo>,
    pub result_info: Option<ResultInfo>,
    pub tone_info: Option<ToneInfo>,
    pub sequence_number: Option<i64>,
    pub participants: Option<Vec<Participant>>,
    pub info: Option<ParticipantInfo>,
    pub is_in_lobby: Option<bool>,
    pub is_muted: Option<bool>,
    pub media_streams: Option<Vec<MediaStream>>,
    pub roster_sequence_number: Option<i64>,
    pub removed_state: Option<RemovedState>,
}

/// A participant, typed.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct Participant {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub id: Option<String>,
    pub info: Option<ParticipantInfo>,
    pub is_in_lobby: Option<bool>,
    pub is_muted: Option<bool>,
    pub media_streams: Option<Vec<MediaStream>>,
    pub roster_sequence_number: Option<i64>,
    pub removed_state: Option<RemovedState>,
    pub metadata: Option<String>,
}

/// A participant's media stream.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct MediaStream {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub media_type: Option<String>,
    pub source_id: Option<String>,
    pub direction: Option<String>,
    pub label: Option<String>,
    pub server_muted: Option<bool>,
}

/// Why a participant left.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct RemovedState {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub reason: Option<String>,
}
