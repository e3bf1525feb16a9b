//! Lints: checks of a request body before it is sent. Each finding names the JSON
//! pointer, a stable code, a severity and the documented rule it rests on; lints never
//! change the body.
//!
//! Every rule is a sentence of the metadata or of the v1.0 documentation
//! (`microsoftgraph/microsoft-graph-docs-contrib`, `api-reference/v1.0/`), cited
//! beside it below and in its message.
//!
//! ```
//! use graph_comms::call::Call;
//! use graph_comms_bot::lint::{Severity, lint};
//!
//! let call = Call::default().with_callback_uri("http://bot.contoso.com/callback");
//! let findings = lint(&call);
//! let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
//! assert_eq!(codes, ["callback_uri_not_https", "media_config_missing", "no_targets_or_meeting"]);
//! assert_eq!(findings[0].severity, Severity::Error);
//! assert_eq!(findings[0].pointer, "/callbackUri");
//! ```

use std::any::Any;
use std::fmt;
use std::str::FromStr;

use graph_comms::DiagnosticKind;
use graph_comms::action::{
    Action, CallAnswer, CallRecordResponse, CallRedirect, CallSendDtmfTones, ParticipantsInvite,
};
use graph_comms::by_name::GraphValue;
use graph_comms::call::Call;
use graph_comms::identity::{AnyIdentity, AnyIdentitySet};
use graph_comms::meeting::MeetingInfo;
use graph_comms::participant::InvitationParticipantInfo;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Severity {
    /// Graph refuses the request.
    Error,
    /// Graph probably takes it, but it will not do what was meant.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a lint found: a stable code, written in snake_case (`callback_uri_not_https`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum LintCode {
    /// `accepted_modalities_missing`.
    AcceptedModalitiesMissing,
    /// `callback_uri_missing`.
    CallbackUriMissing,
    /// `callback_uri_not_absolute`.
    CallbackUriNotAbsolute,
    /// `callback_uri_not_https`.
    CallbackUriNotHttps,
    /// `client_context_too_long`.
    ClientContextTooLong,
    /// `media_config_missing`.
    MediaConfigMissing,
    /// `missing_required_parameter`.
    MissingRequiredParameter,
    /// `mistyped_value`.
    MistypedValue,
    /// `newtonsoft_wrapper`.
    NewtonsoftWrapper,
    /// `no_targets_or_meeting`.
    NoTargetsOrMeeting,
    /// `organizer_meeting_without_chat_info`.
    OrganizerMeetingWithoutChatInfo,
    /// `phone_not_e164`.
    PhoneNotE164,
    /// `pstn_without_application_instance`.
    PstnWithoutApplicationInstance,
    /// `pstn_without_tenant_id`.
    PstnWithoutTenantId,
    /// `replaces_call_with_several`.
    ReplacesCallWithSeveral,
    /// `requested_modalities_empty`.
    RequestedModalitiesEmpty,
    /// `timeout_out_of_range`.
    TimeoutOutOfRange,
    /// `too_many_participants`.
    TooManyParticipants,
    /// `too_many_prompts`.
    TooManyPrompts,
    /// `too_many_targets`.
    TooManyTargets,
    /// `unknown_tone`.
    UnknownTone,
}

impl LintCode {
    /// Every code.
    pub const ALL: &'static [LintCode] = &[
        LintCode::AcceptedModalitiesMissing,
        LintCode::CallbackUriMissing,
        LintCode::CallbackUriNotAbsolute,
        LintCode::CallbackUriNotHttps,
        LintCode::ClientContextTooLong,
        LintCode::MediaConfigMissing,
        LintCode::MissingRequiredParameter,
        LintCode::MistypedValue,
        LintCode::NewtonsoftWrapper,
        LintCode::NoTargetsOrMeeting,
        LintCode::OrganizerMeetingWithoutChatInfo,
        LintCode::PhoneNotE164,
        LintCode::PstnWithoutApplicationInstance,
        LintCode::PstnWithoutTenantId,
        LintCode::ReplacesCallWithSeveral,
        LintCode::RequestedModalitiesEmpty,
        LintCode::TimeoutOutOfRange,
        LintCode::TooManyParticipants,
        LintCode::TooManyPrompts,
        LintCode::TooManyTargets,
        LintCode::UnknownTone,
    ];

    /// The code as written: `callback_uri_not_https`.
    pub fn as_str(self) -> &'static str {
        match self {
            LintCode::AcceptedModalitiesMissing => "accepted_modalities_missing",
            LintCode::CallbackUriMissing => "callback_uri_missing",
            LintCode::CallbackUriNotAbsolute => "callback_uri_not_absolute",
            LintCode::CallbackUriNotHttps => "callback_uri_not_https",
            LintCode::ClientContextTooLong => "client_context_too_long",
            LintCode::MediaConfigMissing => "media_config_missing",
            LintCode::MissingRequiredParameter => "missing_required_parameter",
            LintCode::MistypedValue => "mistyped_value",
            LintCode::NewtonsoftWrapper => "newtonsoft_wrapper",
            LintCode::NoTargetsOrMeeting => "no_targets_or_meeting",
            LintCode::OrganizerMeetingWithoutChatInfo => "organizer_meeting_without_chat_info",
            LintCode::PhoneNotE164 => "phone_not_e164",
            LintCode::PstnWithoutApplicationInstance => "pstn_without_application_instance",
            LintCode::PstnWithoutTenantId => "pstn_without_tenant_id",
            LintCode::ReplacesCallWithSeveral => "replaces_call_with_several",
            LintCode::RequestedModalitiesEmpty => "requested_modalities_empty",
            LintCode::TimeoutOutOfRange => "timeout_out_of_range",
            LintCode::TooManyParticipants => "too_many_participants",
            LintCode::TooManyPrompts => "too_many_prompts",
            LintCode::TooManyTargets => "too_many_targets",
            LintCode::UnknownTone => "unknown_tone",
        }
    }
}

impl fmt::Display for LintCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LintCode {
    type Err = graph_comms::UnknownName;

    fn from_str(code: &str) -> Result<LintCode, graph_comms::UnknownName> {
        graph_comms::UnknownName::find(LintCode::ALL, code, "lint code", LintCode::as_str)
    }
}

/// One thing a lint found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// JSON pointer (RFC 6901) of the member concerned (its object's, when it is
    /// missing).
    pub pointer: String,
    /// A stable snake_case code: `callback_uri_not_https`, `too_many_prompts`, …
    pub code: LintCode,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, and the documented rule.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "(root)"
        } else {
            &self.pointer
        };
        write!(
            f,
            "{}: {pointer}: {}: {}",
            self.severity, self.code, self.message
        )
    }
}

/// The findings collected by one lint.
#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn error(&mut self, pointer: impl Into<String>, code: LintCode, message: impl Into<String>) {
        self.push(pointer, code, Severity::Error, message);
    }

    fn warning(&mut self, pointer: impl Into<String>, code: LintCode, message: impl Into<String>) {
        self.push(pointer, code, Severity::Warning, message);
    }

    fn push(
        &mut self,
        pointer: impl Into<String>,
        code: LintCode,
        severity: Severity,
        message: impl Into<String>,
    ) {
        self.0.push(Finding {
            pointer: pointer.into(),
            code,
            severity,
            message: message.into(),
        });
    }

    /// A callback URI that is not an absolute `https` URL.
    fn https(&mut self, pointer: &str, uri: &str, rule: &str) {
        match uri.split_once("://") {
            Some((scheme, rest)) if !rest.is_empty() && !rest.starts_with('/') => {
                if !scheme.eq_ignore_ascii_case("https") {
                    self.error(
                        pointer,
                        LintCode::CallbackUriNotHttps,
                        format!("`{uri}` is not an HTTPS URL: {rule}"),
                    );
                }
            }
            _ => self.error(
                pointer,
                LintCode::CallbackUriNotAbsolute,
                format!("`{uri}` is not an absolute URL: {rule}"),
            ),
        }
    }

    /// `clientContext` over 256 characters.
    fn client_context(&mut self, context: Option<&String>) {
        // commsOperation.clientContext in the metadata: "Unique Client Context
        // string. Max limit is 256 chars."; the action pages say the same.
        if let Some(context) = context
            && context.chars().count() > 256
        {
            self.error(
                "/clientContext",
                LintCode::ClientContextTooLong,
                format!(
                    "{} characters: \"Unique Client Context string. Max limit is 256 chars.\" (commsOperation)",
                    context.chars().count()
                ),
            );
        }
    }

    /// A required parameter the body lacks.
    fn required(&mut self, present: bool, name: &str) {
        if !present {
            self.error(
                "",
                LintCode::MissingRequiredParameter,
                format!(
                    "`{name}` is missing: the metadata declares it neither nullable nor optional"
                ),
            );
        }
    }
}

/// Lints `body`, whatever its type: a `call` (the create-call request), an action's
/// body, or any other type (no lints, an empty list).
pub fn lint(body: &dyn GraphValue) -> Vec<Finding> {
    let mut f = Findings::default();
    let any = body.as_any();
    if let Some(call) = any.downcast_ref::<Call>() {
        create_call(&mut f, call);
    } else if let Ok(action) = body.type_name().parse::<Action>() {
        self::action(&mut f, action, any);
    } else {
        return f.0;
    }
    whole_body(&mut f, body);
    f.0
}

/// The rules that hold anywhere in a request body: phone numbers in E.164, no .NET
/// serializer's wrappers, no value of the wrong type.
fn whole_body(f: &mut Findings, body: &dyn GraphValue) {
    walk(f, &body.to_json(), &mut String::new());
    // A value of the wrong type or shape was kept raw by lenient decoding: the body
    // as encoded reads the same way again, and Graph refuses it.
    let Some(entry) = graph_comms::by_name::lookup(body.type_name()) else {
        return;
    };
    if let Ok(decoded) = entry.decode(&graph_comms::DecodeOptions::lenient(), &body.to_vec()) {
        for d in &decoded.diagnostics {
            if matches!(d.kind, DiagnosticKind::TypeMismatch | DiagnosticKind::Shape) {
                f.error(
                    d.pointer.clone(),
                    LintCode::MistypedValue,
                    format!("{}: Graph answers 400 to a body it cannot read", d.message),
                );
            }
        }
    }
}

/// The members the .NET serializer's reference and type handling writes
/// (Newtonsoft.Json's `PreserveReferencesHandling` and `TypeNameHandling`).
const NEWTONSOFT: [&str; 4] = ["$id", "$values", "$type", "$ref"];

fn walk(f: &mut Findings, value: &serde_json::Value, pointer: &mut String) {
    match value {
        serde_json::Value::Object(members) => {
            for (key, value) in members {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                if NEWTONSOFT.contains(&key.as_str()) {
                    f.error(
                        pointer.clone(),
                        LintCode::NewtonsoftWrapper,
                        format!("`{key}` is a .NET serializer's wrapper, not JSON Graph reads: serialize with reference and type handling off (an array must be a JSON array)"),
                    );
                }
                if key == "phone"
                    && let Some(number) = value.get("id").and_then(serde_json::Value::as_str)
                {
                    e164(f, &format!("{pointer}/id"), number);
                }
                walk(f, value, pointer);
                pointer.truncate(len);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                walk(f, item, pointer);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// The body of type `B`, which `any` is when its type name is `B`'s action.
fn body<B: 'static>(any: &dyn Any) -> Option<&B> {
    any.downcast_ref::<B>()
}

/// The lints of an action's body: one row per action, matched exhaustively, so
/// that a new action does not compile until its lints are stated.
fn action(f: &mut Findings, action: Action, any: &dyn Any) -> Option<()> {
    use graph_comms::action::*;
    match action {
        Action::CallAnswer => answer(f, body::<CallAnswer>(any)?),
        Action::CallReject => {
            if let Some(uri) = &body::<CallReject>(any)?.callback_uri {
                // call-reject.md: callbackUri "This must be `https`."
                f.https(
                    "/callbackUri",
                    uri,
                    "\"This must be `https`.\" (call-reject.md)",
                );
            }
        }
        Action::CallRedirect => redirect(f, body::<CallRedirect>(any)?),
        Action::CallTransfer => {
            f.required(
                body::<CallTransfer>(any)?.transfer_target.is_some(),
                "transferTarget",
            );
        }
        Action::CallPlayPrompt => {
            let prompt = body::<CallPlayPrompt>(any)?;
            f.required(prompt.prompts.is_some(), "prompts");
            // call-playprompt.md: "The maximum supported MediaPrompt collection size is 20."
            prompts(
                f,
                prompt.prompts.as_ref().map_or(0, Vec::len),
                20,
                "call-playprompt.md",
            );
            f.client_context(prompt.client_context.as_ref());
        }
        Action::CallRecordResponse => record(f, body::<CallRecordResponse>(any)?),
        Action::CallSendDtmfTones => dtmf(f, body::<CallSendDtmfTones>(any)?),
        Action::ParticipantsInvite => invite(f, body::<ParticipantsInvite>(any)?),
        Action::CallUpdateRecordingStatus => {
            let b = body::<CallUpdateRecordingStatus>(any)?;
            f.required(b.status.is_some(), "status");
            f.client_context(b.client_context.as_ref());
        }
        Action::CallChangeScreenSharingRole => {
            f.required(
                body::<CallChangeScreenSharingRole>(any)?.role.is_some(),
                "role",
            );
        }
        Action::CallSubscribeToTone => {
            f.client_context(body::<CallSubscribeToTone>(any)?.client_context.as_ref());
        }
        Action::CallMute => f.client_context(body::<CallMute>(any)?.client_context.as_ref()),
        Action::CallUnmute => f.client_context(body::<CallUnmute>(any)?.client_context.as_ref()),
        Action::CallCancelMediaProcessing => {
            f.client_context(
                body::<CallCancelMediaProcessing>(any)?
                    .client_context
                    .as_ref(),
            );
        }
        Action::CallAddLargeGalleryView => {
            f.client_context(
                body::<CallAddLargeGalleryView>(any)?
                    .client_context
                    .as_ref(),
            );
        }
        Action::ParticipantMute => {
            f.client_context(body::<ParticipantMute>(any)?.client_context.as_ref());
        }
        Action::ParticipantStartHoldMusic => {
            f.client_context(
                body::<ParticipantStartHoldMusic>(any)?
                    .client_context
                    .as_ref(),
            );
        }
        Action::ParticipantStopHoldMusic => {
            f.client_context(
                body::<ParticipantStopHoldMusic>(any)?
                    .client_context
                    .as_ref(),
            );
        }
        // call-keepalive.md: the body is empty.
        Action::CallKeepAlive => {}
    }
    Some(())
}

fn prompts(f: &mut Findings, count: usize, max: usize, page: &str) {
    if count > max {
        f.error(
            "/prompts",
            LintCode::TooManyPrompts,
            format!("{count} prompts: the maximum supported collection size is {max} ({page})"),
        );
    }
}

/// The rules of `POST /communications/calls`.
fn create_call(f: &mut Findings, call: &Call) {
    // call.md: callbackUri "The callback URL on which callbacks are delivered. Must be
    // an HTTPS URL." The metadata declares it not nullable.
    match &call.callback_uri {
        None => f.error(
            "",
            LintCode::CallbackUriMissing,
            "no `callbackUri`: \"The callback URL on which callbacks are delivered. Must be an HTTPS URL.\" (call.md)",
        ),
        Some(uri) => f.https(
            "/callbackUri",
            uri,
            "\"Must be an HTTPS URL.\" (call.md)",
        ),
    }
    // call.md: mediaConfig "The media configuration. Required."
    if call.media_config.is_none() {
        f.error(
            "",
            LintCode::MediaConfigMissing,
            "no `mediaConfig`: \"The media configuration. Required.\" (call.md)",
        );
    }
    let targets: &[InvitationParticipantInfo] = call.targets.as_deref().unwrap_or_default();
    // call.md: targets "Required information for creating peer to peer call";
    // meetingInfo "Required information for meeting scenarios".
    if targets.is_empty() && call.meeting_info.is_none() {
        // Graph cannot place such a call: an error.
        f.error(
            "",
            LintCode::NoTargetsOrMeeting,
            "neither `targets` nor `meetingInfo`: targets are \"Required information for creating peer to peer call\", meetingInfo \"Required information for meeting scenarios\" (call.md)",
        );
    }
    // call.md: chatInfo "The chat information. Required information for joining a
    // meeting."
    if matches!(call.meeting_info, Some(MeetingInfo::Organizer(_))) && call.chat_info.is_none() {
        f.error(
            "/meetingInfo",
            LintCode::OrganizerMeetingWithoutChatInfo,
            "an `organizerMeetingInfo` without `chatInfo`: \"Required information for joining a meeting.\" (call.md, chatInfo)",
        );
    }
    // application-post-calls.md, examples 3 and 4 (group calls): "This supports up to
    // 5 VoIP users."
    if targets.len() > 5 {
        f.error(
            "/targets",
            LintCode::TooManyTargets,
            format!("{} targets: a group call \"supports up to 5 VoIP users\" (application-post-calls.md)", targets.len()),
        );
    }
    let mut pstn = false;
    for target in targets {
        if phone_of(target.identity.as_ref()).is_some() {
            pstn = true;
        }
    }
    if pstn {
        // application-post-calls.md, examples 9 and 10: "This call requires an
        // application instance with a PSTN number assigned."
        let instance = call
            .source
            .as_ref()
            .and_then(|s| s.identity.as_ref())
            .is_some_and(|set| matches!(set, AnyIdentitySet::Communications(c) if c.application_instance.is_some()));
        if !instance {
            f.error(
                "/source",
                LintCode::PstnWithoutApplicationInstance,
                "a call to a phone number without an `applicationInstance` source: \"This call requires an application instance with a PSTN number assigned.\" (application-post-calls.md)",
            );
        }
        // The PSTN examples name the tenant: "tenantId": "aa67bd4c-…" (examples 9, 10).
        if call.tenant_id.is_none() {
            f.warning(
                "",
                LintCode::PstnWithoutTenantId,
                "a call to a phone number without `tenantId`: the application instance's tenant, which the documented PSTN requests give (application-post-calls.md, examples 9 and 10)",
            );
        }
    }
    // call.md: requestedModalities "The list of requested modalities. Possible values
    // are: unknown, audio, video, videoBasedScreenSharing, data."
    if call
        .requested_modalities
        .as_ref()
        .is_some_and(Vec::is_empty)
    {
        f.error(
            "/requestedModalities",
            LintCode::RequestedModalitiesEmpty,
            "`requestedModalities` is empty: the list of modalities the call asks for (call.md); every documented request asks for one",
        );
    }
}

/// The phone number of an identity set, if it has one.
fn phone_of(set: Option<&AnyIdentitySet>) -> Option<&str> {
    match set? {
        AnyIdentitySet::Communications(c) => c.phone.as_ref().and_then(AnyIdentity::id),
        _ => None,
    }
}

/// A phone number not in E.164: `+`, a non-zero digit, at most 15 digits in all.
fn e164(f: &mut Findings, pointer: &str, number: &str) {
    // application-post-calls.md, example 9: "Phone ID is the phone number in E.164
    // format."
    let digits = number.strip_prefix('+').unwrap_or("");
    let valid = !digits.is_empty()
        && digits.len() <= 15
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    if !valid {
        f.error(
            pointer,
            LintCode::PhoneNotE164,
            format!("`{number}` is not in E.164: \"Phone ID is the phone number in E.164 format.\" (application-post-calls.md)"),
        );
    }
}

fn answer(f: &mut Findings, answer: &CallAnswer) {
    f.required(answer.callback_uri.is_some(), "callbackUri");
    f.required(answer.media_config.is_some(), "mediaConfig");
    if let Some(uri) = &answer.callback_uri {
        // call-answer.md: callbackUri "This must be `https`."
        f.https(
            "/callbackUri",
            uri,
            "\"This must be `https`.\" (call-answer.md)",
        );
    }
    // call-answer.md: acceptedModalities "Required for answering a call."
    if answer
        .accepted_modalities
        .as_ref()
        .is_none_or(Vec::is_empty)
    {
        f.warning(
            "",
            LintCode::AcceptedModalitiesMissing,
            "no `acceptedModalities`: \"Required for answering a call.\" (call-answer.md)",
        );
    }
}

fn redirect(f: &mut Findings, redirect: &CallRedirect) {
    f.required(redirect.targets.is_some(), "targets");
    let targets = redirect.targets.as_deref().unwrap_or_default();
    // call-redirect.md: "We support up to 25 targets for simulring."
    if targets.len() > 25 {
        f.error(
            "/targets",
            LintCode::TooManyTargets,
            format!(
                "{} targets: \"We support up to 25 targets for simulring.\" (call-redirect.md)",
                targets.len()
            ),
        );
    }
    // call-redirect.md: "The range of the timeout value is between 15 and 90 seconds
    // inclusive."
    if let Some(timeout) = redirect.timeout
        && !(15..=90).contains(&timeout)
    {
        f.error(
            "/timeout",
            LintCode::TimeoutOutOfRange,
            format!("{timeout} seconds: \"The range of the timeout value is between 15 and 90 seconds inclusive.\" (call-redirect.md)"),
        );
    }
    if let Some(uri) = &redirect.callback_uri {
        // call-redirect.md: callbackUri "This must be `https`."
        f.https(
            "/callbackUri",
            uri,
            "\"This must be `https`.\" (call-redirect.md)",
        );
    }
}

fn record(f: &mut Findings, record: &CallRecordResponse) {
    // call-record.md: "The maximum supported mediaPrompt collection size is 1."
    prompts(
        f,
        record.prompts.as_ref().map_or(0, Vec::len),
        1,
        "call-record.md",
    );
    // call-record.md, each of the three: "Default = 5 seconds, Min = 1 second, Max =
    // 120 seconds."
    for (key, value) in [
        (
            "initialSilenceTimeoutInSeconds",
            record.initial_silence_timeout_in_seconds,
        ),
        (
            "maxSilenceTimeoutInSeconds",
            record.max_silence_timeout_in_seconds,
        ),
        (
            "maxRecordDurationInSeconds",
            record.max_record_duration_in_seconds,
        ),
    ] {
        if let Some(seconds) = value
            && !(1..=120).contains(&seconds)
        {
            f.error(
                format!("/{key}"),
                LintCode::TimeoutOutOfRange,
                format!(
                    "{seconds} seconds: \"Min = 1 second, Max = 120 seconds\" (call-record.md)"
                ),
            );
        }
    }
    f.client_context(record.client_context.as_ref());
}

fn dtmf(f: &mut Findings, dtmf: &CallSendDtmfTones) {
    f.required(dtmf.tones.is_some(), "tones");
    // toneinfo.md: the tones are "tone0 … tone9, star, pound" (and a, b, c, d, flash).
    for (i, tone) in dtmf.tones.iter().flatten().enumerate() {
        if !tone.is_known() {
            f.error(
                format!("/tones/{i}"),
                LintCode::UnknownTone,
                format!("`{}` is not a DTMF tone: the tones are tone0 to tone9, star, pound, a to d and flash (toneInfo)", tone.as_str()),
            );
        }
    }
    f.client_context(dtmf.client_context.as_ref());
}

fn invite(f: &mut Findings, invite: &ParticipantsInvite) {
    f.required(invite.participants.is_some(), "participants");
    let participants = invite.participants.as_deref().unwrap_or_default();
    // participant-invite.md: "The invite API supports only one participant when
    // `replacesCallId` is provided." and "When multiple participants are provided in
    // the request body, only the first participant will be read and the rest of the
    // participants will be ignored." (taken, not refused: a warning)
    if participants.len() > 1 && participants.iter().any(|p| p.replaces_call_id.is_some()) {
        f.warning(
            "/participants",
            LintCode::ReplacesCallWithSeveral,
            format!("{} participants with a `replacesCallId`: \"The invite API supports only one participant when `replacesCallId` is provided.\"; the others are ignored (participant-invite.md)", participants.len()),
        );
    }
    // participant-invite.md, example 2: "Inviting up to 5 participants is supported."
    if participants.len() > 5 {
        f.error(
            "/participants",
            LintCode::TooManyParticipants,
            format!("{} participants: \"Inviting up to 5 participants is supported.\" (participant-invite.md)", participants.len()),
        );
    }
    f.client_context(invite.client_context.as_ref());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164_numbers() {
        for (number, ok) in [
            ("+12345678901", true),
            ("+441632960961", true),
            ("12345678901", false),
            ("+0123", false),
            ("+1 234 567", false),
            ("+1234567890123456", false),
            ("+", false),
        ] {
            let mut f = Findings::default();
            e164(&mut f, "/p", number);
            assert_eq!(f.0.is_empty(), ok, "{number}");
        }
    }

    #[test]
    fn callback_uris() {
        for (uri, code) in [
            ("https://bot.contoso.com/callback", None),
            ("HTTPS://bot.contoso.com", None),
            (
                "http://bot.contoso.com/callback",
                Some(LintCode::CallbackUriNotHttps),
            ),
            ("/callback", Some(LintCode::CallbackUriNotAbsolute)),
            ("https:///callback", Some(LintCode::CallbackUriNotAbsolute)),
            ("bot.contoso.com", Some(LintCode::CallbackUriNotAbsolute)),
        ] {
            let mut f = Findings::default();
            f.https("/callbackUri", uri, "rule");
            assert_eq!(f.0.first().map(|x| x.code), code, "{uri}");
        }
    }
}
