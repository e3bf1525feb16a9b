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
//! let codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
//! assert_eq!(codes, ["callback_uri_not_https", "media_config_missing", "no_targets_or_meeting"]);
//! assert_eq!(findings[0].severity, Severity::Error);
//! assert_eq!(findings[0].pointer, "/callbackUri");
//! ```

use std::fmt;

use graph_comms::action::{
    CallAnswer, CallPlayPrompt, CallRecordResponse, CallRedirect, CallReject, CallSendDtmfTones,
    ParticipantsInvite,
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

/// One thing a lint found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// JSON pointer (RFC 6901) of the member concerned (its object's, when it is
    /// missing).
    pub pointer: String,
    /// A stable snake_case code: `callback_uri_not_https`, `too_many_prompts`, …
    pub code: &'static str,
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
    fn error(
        &mut self,
        pointer: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.push(pointer, code, Severity::Error, message);
    }

    fn warning(
        &mut self,
        pointer: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.push(pointer, code, Severity::Warning, message);
    }

    fn push(
        &mut self,
        pointer: impl Into<String>,
        code: &'static str,
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
                        "callback_uri_not_https",
                        format!("`{uri}` is not an HTTPS URL: {rule}"),
                    );
                }
            }
            _ => self.error(
                pointer,
                "callback_uri_not_absolute",
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
                "client_context_too_long",
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
                "missing_required_parameter",
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
    let any = body.as_any();
    let mut f = Findings::default();
    if let Some(call) = any.downcast_ref::<Call>() {
        create_call(&mut f, call);
    } else if let Some(answer) = any.downcast_ref::<CallAnswer>() {
        self::answer(&mut f, answer);
    } else if let Some(reject) = any.downcast_ref::<CallReject>() {
        if let Some(uri) = &reject.callback_uri {
            // call-reject.md: callbackUri "This must be `https`."
            f.https(
                "/callbackUri",
                uri,
                "\"This must be `https`.\" (call-reject.md)",
            );
        }
    } else if let Some(redirect) = any.downcast_ref::<CallRedirect>() {
        self::redirect(&mut f, redirect);
    } else if let Some(prompt) = any.downcast_ref::<CallPlayPrompt>() {
        f.required(prompt.prompts.is_some(), "prompts");
        // call-playprompt.md: "The maximum supported MediaPrompt collection size is 20."
        prompts(
            &mut f,
            prompt.prompts.as_ref().map_or(0, Vec::len),
            20,
            "call-playprompt.md",
        );
        f.client_context(prompt.client_context.as_ref());
    } else if let Some(record) = any.downcast_ref::<CallRecordResponse>() {
        self::record(&mut f, record);
    } else if let Some(dtmf) = any.downcast_ref::<CallSendDtmfTones>() {
        self::dtmf(&mut f, dtmf);
    } else if let Some(invite) = any.downcast_ref::<ParticipantsInvite>() {
        self::invite(&mut f, invite);
    } else {
        actions_in_general(&mut f, body);
    }
    f.0
}

/// The lints every action body shares: its required parameters (from its schema's
/// declaration) and `clientContext`.
fn actions_in_general(f: &mut Findings, body: &dyn GraphValue) {
    use graph_comms::action::*;
    let any = body.as_any();
    if let Some(b) = any.downcast_ref::<CallTransfer>() {
        f.required(b.transfer_target.is_some(), "transferTarget");
    } else if let Some(b) = any.downcast_ref::<CallUpdateRecordingStatus>() {
        f.required(b.status.is_some(), "status");
        f.client_context(b.client_context.as_ref());
    } else if let Some(b) = any.downcast_ref::<CallChangeScreenSharingRole>() {
        f.required(b.role.is_some(), "role");
    } else if let Some(b) = any.downcast_ref::<CallSubscribeToTone>() {
        f.client_context(b.client_context.as_ref());
    } else if let Some(b) = any.downcast_ref::<CallMute>() {
        f.client_context(b.client_context.as_ref());
    } else if let Some(b) = any.downcast_ref::<CallUnmute>() {
        f.client_context(b.client_context.as_ref());
    } else if let Some(b) = any.downcast_ref::<CallCancelMediaProcessing>() {
        f.client_context(b.client_context.as_ref());
    } else if let Some(b) = any.downcast_ref::<CallAddLargeGalleryView>() {
        f.client_context(b.client_context.as_ref());
    } else if let Some(b) = any.downcast_ref::<ParticipantMute>() {
        f.client_context(b.client_context.as_ref());
    } else if let Some(b) = any.downcast_ref::<ParticipantStartHoldMusic>() {
        f.client_context(b.client_context.as_ref());
    } else if let Some(b) = any.downcast_ref::<ParticipantStopHoldMusic>() {
        f.client_context(b.client_context.as_ref());
    }
}

fn prompts(f: &mut Findings, count: usize, max: usize, page: &str) {
    if count > max {
        f.error(
            "/prompts",
            "too_many_prompts",
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
            "callback_uri_missing",
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
            "media_config_missing",
            "no `mediaConfig`: \"The media configuration. Required.\" (call.md)",
        );
    }
    let targets: &[InvitationParticipantInfo] = call.targets.as_deref().unwrap_or_default();
    // call.md: targets "Required information for creating peer to peer call";
    // meetingInfo "Required information for meeting scenarios".
    if targets.is_empty() && call.meeting_info.is_none() {
        f.warning(
            "",
            "no_targets_or_meeting",
            "neither `targets` nor `meetingInfo`: targets are \"Required information for creating peer to peer call\", meetingInfo \"Required information for meeting scenarios\" (call.md)",
        );
    }
    // call.md: chatInfo "The chat information. Required information for joining a
    // meeting."
    if matches!(call.meeting_info, Some(MeetingInfo::Organizer(_))) && call.chat_info.is_none() {
        f.error(
            "/meetingInfo",
            "organizer_meeting_without_chat_info",
            "an `organizerMeetingInfo` without `chatInfo`: \"Required information for joining a meeting.\" (call.md, chatInfo)",
        );
    }
    // application-post-calls.md, examples 3 and 4 (group calls): "This supports up to
    // 5 VoIP users."
    if targets.len() > 5 {
        f.error(
            "/targets",
            "too_many_targets",
            format!("{} targets: a group call \"supports up to 5 VoIP users\" (application-post-calls.md)", targets.len()),
        );
    }
    let mut pstn = false;
    for (i, target) in targets.iter().enumerate() {
        if let Some(number) = phone_of(target.identity.as_ref()) {
            pstn = true;
            e164(f, &format!("/targets/{i}/identity/phone/id"), number);
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
                "pstn_without_application_instance",
                "a call to a phone number without an `applicationInstance` source: \"This call requires an application instance with a PSTN number assigned.\" (application-post-calls.md)",
            );
        }
        // The PSTN examples name the tenant: "tenantId": "aa67bd4c-…" (examples 9, 10).
        if call.tenant_id.is_none() {
            f.warning(
                "",
                "pstn_without_tenant_id",
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
            "requested_modalities_empty",
            "`requestedModalities` is empty: the list of modalities the call asks for (call.md); every documented request asks for one",
        );
    }
}

/// The phone number of an identity set, if it has one.
fn phone_of(set: Option<&AnyIdentitySet>) -> Option<&str> {
    match set? {
        AnyIdentitySet::Communications(c) => c
            .phone
            .as_ref()
            .and_then(AnyIdentity::id)
            .map(String::as_str),
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
            "phone_not_e164",
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
            "accepted_modalities_missing",
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
            "too_many_targets",
            format!(
                "{} targets: \"We support up to 25 targets for simulring.\" (call-redirect.md)",
                targets.len()
            ),
        );
    }
    for (i, target) in targets.iter().enumerate() {
        if let Some(number) = phone_of(target.identity.as_ref()) {
            e164(f, &format!("/targets/{i}/identity/phone/id"), number);
        }
    }
    // call-redirect.md: "The range of the timeout value is between 15 and 90 seconds
    // inclusive."
    if let Some(timeout) = redirect.timeout
        && !(15..=90).contains(&timeout)
    {
        f.error(
            "/timeout",
            "timeout_out_of_range",
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
                "timeout_out_of_range",
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
                "unknown_tone",
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
            "replaces_call_with_several",
            format!("{} participants with a `replacesCallId`: \"The invite API supports only one participant when `replacesCallId` is provided.\"; the others are ignored (participant-invite.md)", participants.len()),
        );
    }
    // participant-invite.md, example 2: "Inviting up to 5 participants is supported."
    if participants.len() > 5 {
        f.error(
            "/participants",
            "too_many_participants",
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
                Some("callback_uri_not_https"),
            ),
            ("/callback", Some("callback_uri_not_absolute")),
            ("https:///callback", Some("callback_uri_not_absolute")),
            ("bot.contoso.com", Some("callback_uri_not_absolute")),
        ] {
            let mut f = Findings::default();
            f.https("/callbackUri", uri, "rule");
            assert_eq!(f.0.first().map(|x| x.code), code, "{uri}");
        }
    }
}
