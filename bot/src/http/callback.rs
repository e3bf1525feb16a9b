//! The reply to Graph's callback POSTs, decided without I/O.
//!
//! Graph posts each notification to the bot's callback URL and reads the status of
//! the reply. The Teams platform documents two replies besides success (MicrosoftDocs
//! `msteams-docs`, `msteams-platform/bots/calls-and-meetings/call-notifications.md`):
//! a notification "provided in a legacy format for compatibility with the previous
//! Skype protocol" is answered `204 No Content`, and then "your bot receives the
//! notification again, but this time in the Microsoft Graph protocol"; and a bot may
//! move the call to another region by answering `302 Found` with `Location: <the
//! region's callback URL>` — that one is the caller's decision: build it with
//! `http::Response::builder().status(302).header("Location", url)`.
//!
//! Verify the request's bearer token before trusting what it says: the `auth`
//! feature's `Verifier::verify_request` does it without I/O.

use http::header::CONTENT_TYPE;

use graph_comms::notification::CommsNotifications;
use graph_comms::notification::{CallbackBody, classify_callback};
use http::StatusCode;

use graph_comms::{DecodeOptions, Diagnostic, DiagnosticKind, Error};

/// What to answer a callback POST with, and why.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CallbackReply {
    /// The status to reply with: `202`, `204`, `400`, `405` or `415`.
    pub status: StatusCode,
    /// Why, in words (for logs; not for the reply body).
    pub reason: String,
    /// The notifications, for a Graph-format body (`202`).
    pub notifications: Option<CommsNotifications>,
    /// What decoding them tolerated.
    pub diagnostics: Vec<Diagnostic>,
    /// Why the body does not decode, for a `400`.
    pub error: Option<Error>,
}

impl CallbackReply {
    fn new(status: StatusCode, reason: impl Into<String>) -> Self {
        CallbackReply {
            status,
            reason: reason.into(),
            notifications: None,
            diagnostics: Vec::new(),
            error: None,
        }
    }

    /// The reply as an `http::Response` with an empty body.
    pub fn to_response(&self) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(Vec::new());
        *response.status_mut() = self.status;
        response
    }
}

/// Decides the reply to the callback `request` Graph posted:
///
/// - `202 Accepted` for a Graph-format notification body (`commsNotifications`,
///   decoded leniently, with its diagnostics);
/// - `204 No Content` for a body in the legacy format (see
///   [`CallbackBody::Legacy`]), so that Graph sends it again in the Graph format;
/// - `400 Bad Request` for a body that is neither: not JSON, not an object, a Graph
///   object of another type (a `call`), a request body (an invite), notifications
///   whose `value` is no array, or a truncated body (it ends inside an object or
///   array, which lenient decoding would otherwise close);
/// - `413 Payload Too Large` for a body over the decoder's size limit;
/// - `405 Method Not Allowed` for a method other than `POST`, and
///   `415 Unsupported Media Type` for a `Content-Type` other than JSON.
///
/// The body is told apart by stepping over its root's members
/// ([`classify_callback`]), then decoded once. The reply's `reason` says which rule
/// decided.
///
/// ```
/// use graph_comms_bot::http::callback_reply;
///
/// let graph = http::Request::post("/api/calls")
///     .header("Content-Type", "application/json")
///     .body(br##"{"@odata.type": "#microsoft.graph.commsNotifications", "value": []}"##.to_vec())?;
/// assert_eq!(callback_reply(&graph).status, 202);
///
/// let legacy = http::Request::post("/api/calls")
///     .body(br#"{"id": "57dab8b1-894c-409a-b240-bd8beae78896", "callState": "incoming"}"#.to_vec())?;
/// assert_eq!(callback_reply(&legacy).status, 204);
///
/// let call = http::Request::post("/api/calls")
///     .body(br##"{"@odata.type": "#microsoft.graph.call", "state": "established"}"##.to_vec())?;
/// assert_eq!(callback_reply(&call).status, 400);
/// # Ok::<(), http::Error>(())
/// ```
pub fn callback_reply<B: AsRef<[u8]>>(request: &http::Request<B>) -> CallbackReply {
    if request.method() != http::Method::POST {
        return CallbackReply::new(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("Graph posts callbacks; this is a {}", request.method()),
        );
    }
    if let Some(content_type) = request.headers().get(CONTENT_TYPE) {
        let json = content_type
            .to_str()
            .ok()
            .and_then(|v| v.split(';').next())
            .map(str::trim)
            .is_some_and(|v| v.eq_ignore_ascii_case("application/json") || v.ends_with("+json"));
        if !json {
            return CallbackReply::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "the callback body is not JSON (Content-Type)",
            );
        }
    }
    let body = request.body().as_ref();
    let options = DecodeOptions::lenient();
    if body.len() > options.max_input_len {
        return CallbackReply::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the callback body of {} bytes is over the limit of {} bytes",
                body.len(),
                options.max_input_len
            ),
        );
    }
    let kind = match classify_callback(&options, body) {
        Ok(kind) => kind,
        Err(e) => {
            let mut reply = CallbackReply::new(
                StatusCode::BAD_REQUEST,
                format!("the callback body is not JSON: {e}"),
            );
            reply.error = Some(e);
            return reply;
        }
    };
    match kind {
        CallbackBody::Notifications => {}
        CallbackBody::Legacy => {
            return CallbackReply::new(
                StatusCode::NO_CONTENT,
                "a notification in the legacy (Skype protocol) format: 204 asks Graph to send it again in the Graph format",
            );
        }
        CallbackBody::NotAnObject => {
            return CallbackReply::new(
                StatusCode::BAD_REQUEST,
                "the callback body is not a JSON object",
            );
        }
        CallbackBody::Other {
            odata_type: Some(t),
        } => {
            return CallbackReply::new(
                StatusCode::BAD_REQUEST,
                format!("a `{t}` object, not notifications: Graph posts `commsNotifications`"),
            );
        }
        _ => {
            return CallbackReply::new(
                StatusCode::BAD_REQUEST,
                "neither Graph-format notifications (no `value`) nor a legacy call notification",
            );
        }
    }
    match options.decode::<CommsNotifications>(body) {
        Ok(decoded)
            if decoded
                .diagnostics
                .iter()
                .any(|d| d.kind == DiagnosticKind::Unclosed) =>
        {
            CallbackReply::new(
                StatusCode::BAD_REQUEST,
                "the callback body ends early: it is truncated",
            )
        }
        Ok(decoded) if decoded.value.value.is_none() => CallbackReply::new(
            StatusCode::BAD_REQUEST,
            "no notifications: `value` is not an array of them",
        ),
        Ok(decoded) => CallbackReply {
            status: StatusCode::ACCEPTED,
            reason: "Graph-format notifications".to_owned(),
            notifications: Some(decoded.value),
            diagnostics: decoded.diagnostics,
            error: None,
        },
        Err(e) => {
            let mut reply = CallbackReply::new(
                StatusCode::BAD_REQUEST,
                format!("not a commsNotifications body: {e}"),
            );
            reply.error = Some(e);
            reply
        }
    }
}
