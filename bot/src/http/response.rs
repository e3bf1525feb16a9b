//! Responses: what Graph answered, typed per endpoint, and its errors.

use std::fmt;
use std::time::Duration;

use http::header::{LOCATION, RETRY_AFTER};
use http::{HeaderMap, StatusCode};

use super::Error;
use crate::id::{CallId, OperationId};
use graph_comms::action::{Action, ActionBody};
use graph_comms::call::Call;
use graph_comms::error_body::ErrorBody;
use graph_comms::operation::OperationType;
use graph_comms::{Decode, DecodeOptions, Diagnostic};

/// What `Retry-After` says: how long to wait, or an HTTP date to wait until.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryAfter {
    /// Wait this long: the header's seconds (Graph's throttling responses write
    /// fractions too, such as `2.128`).
    Delay(Duration),
    /// Wait until this HTTP date (as the header wrote it).
    Date(String),
}

impl RetryAfter {
    /// The `Retry-After` of `headers`, if any.
    pub fn from_headers(headers: &HeaderMap) -> Option<RetryAfter> {
        let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
        if value.is_empty() {
            return None;
        }
        let seconds = value
            .parse::<f64>()
            .ok()
            .filter(|_| value.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
            .and_then(|s| Duration::try_from_secs_f64(s).ok());
        Some(match seconds {
            Some(delay) => RetryAfter::Delay(delay),
            None => RetryAfter::Date(value.to_owned()),
        })
    }
}

/// What Graph answers an action with, as its v1.0 page documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Reply {
    /// The HTTP status: `200 OK` or `202 Accepted`.
    pub status: StatusCode,
    /// Whether the reply carries the operation that answers the action (its type is
    /// [`Action::operation`], its URL in the `Location` header). Without one, the
    /// outcome comes as notifications of the call.
    pub operation: Option<OperationType>,
}

/// What Graph answers `action` with, as its v1.0 page documents. One row per
/// action, matched exhaustively: a new action does not compile until it has one.
pub fn reply(action: Action) -> Reply {
    use Action::*;
    const OK: StatusCode = StatusCode::OK;
    const ACCEPTED: StatusCode = StatusCode::ACCEPTED;
    let (status, with_operation) = match action {
        CallAnswer | CallReject | CallRedirect | CallTransfer | CallChangeScreenSharingRole => {
            (ACCEPTED, false)
        }
        CallKeepAlive => (OK, false),
        CallAddLargeGalleryView | ParticipantStartHoldMusic | ParticipantStopHoldMusic => {
            (ACCEPTED, true)
        }
        CallPlayPrompt
        | CallRecordResponse
        | CallSubscribeToTone
        | CallMute
        | CallUnmute
        | CallUpdateRecordingStatus
        | CallCancelMediaProcessing
        | CallSendDtmfTones
        | ParticipantMute
        | ParticipantsInvite => (OK, true),
    };
    Reply {
        status,
        operation: action.operation().filter(|_| with_operation),
    }
}

/// A Graph error: the status, the decoded error body, and what the headers say.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GraphError {
    /// The HTTP status (4xx, 5xx, or another that the endpoint does not answer with).
    pub status: StatusCode,
    /// The error body, decoded leniently in whichever of its shapes it came; `None`
    /// when the response had no body, or one that is not JSON (see `diagnostics`).
    pub body: Option<ErrorBody>,
    /// `Retry-After` (sent with `429 Too Many Requests` and `503 Service Unavailable`).
    pub retry_after: Option<RetryAfter>,
    /// The `request-id` response header.
    pub request_id: Option<String>,
    /// The `client-request-id` response header.
    pub client_request_id: Option<String>,
    /// What decoding the body tolerated (`error_shape` for a non-OData shape), or,
    /// for a body that is not JSON, why.
    pub diagnostics: Vec<Diagnostic>,
    /// Why the body could not be decoded, if it could not.
    pub body_error: Option<graph_comms::Error>,
}

impl GraphError {
    /// The error of a response with status `status`, `headers` and `body`.
    pub fn new(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> GraphError {
        let (body, diagnostics, body_error) = if body.iter().all(u8::is_ascii_whitespace) {
            (None, Vec::new(), None)
        } else {
            match DecodeOptions::lenient().decode::<ErrorBody>(body) {
                Ok(decoded) => (Some(decoded.value), decoded.diagnostics, None),
                Err(e) => (None, Vec::new(), Some(e)),
            }
        };
        GraphError {
            status,
            body,
            retry_after: RetryAfter::from_headers(headers),
            request_id: header(headers, "request-id"),
            client_request_id: header(headers, "client-request-id"),
            diagnostics,
            body_error,
        }
    }

    /// The error's code (`Forbidden`, `7503`), whatever the body's shape.
    pub fn code(&self) -> Option<&str> {
        self.body.as_ref()?.code()
    }

    /// The error's message, whatever the body's shape.
    pub fn message(&self) -> Option<&str> {
        self.body.as_ref()?.message()
    }

    /// The calling service's `DiagCode` from the message, when it has one.
    pub fn diag_code(&self) -> Option<&str> {
        self.body.as_ref()?.diag_code()
    }

    /// Whether the request may be retried as it is after waiting: `429` and `503`,
    /// and `504`.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.status,
            StatusCode::TOO_MANY_REQUESTS
                | StatusCode::SERVICE_UNAVAILABLE
                | StatusCode::GATEWAY_TIMEOUT
        )
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Graph answered {}", self.status.as_u16())?;
        if let Some(code) = self.code() {
            write!(f, " {code}")?;
        }
        if let Some(message) = self.message() {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GraphError {}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    Some(headers.get(name)?.to_str().ok()?.to_owned())
}

/// The success of a response with a 2xx status, else its error.
fn success<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<&[u8], Error> {
    let status = response.status();
    if status.is_success() {
        return Ok(response.body().as_ref());
    }
    Err(Error::Graph(Box::new(GraphError::new(
        status,
        response.headers(),
        response.body().as_ref(),
    ))))
}

/// Decodes a body leniently, or gives `None` for an empty one.
fn body<T: Decode>(bytes: &[u8]) -> Result<Option<(T, Vec<Diagnostic>)>, Error> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let decoded = DecodeOptions::lenient()
        .decode::<T>(bytes)
        .map_err(Error::Decode)?;
    Ok(Some((decoded.value, decoded.diagnostics)))
}

/// What `POST /communications/calls` answered: `201 Created`, the call's URL in
/// `Location`, and the call.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreatedCall {
    /// The call's id: the last segment of `Location`, else the body's `id`.
    pub call_id: Option<CallId>,
    /// The `Location` header: the new call's URL.
    pub location: Option<String>,
    /// The call, as the body gave it.
    pub call: Option<Call>,
    /// What decoding the body tolerated.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the response to `POST /communications/calls`.
///
/// # Errors
/// [`Error::Graph`] for an error status, [`Error::Decode`] for a
/// success whose body is not a call.
pub fn create_call_response<B: AsRef<[u8]>>(
    response: &http::Response<B>,
) -> Result<CreatedCall, Error> {
    let bytes = success(response)?;
    let location = header(response.headers(), LOCATION.as_str());
    let (call, diagnostics) = match body::<Call>(bytes)? {
        Some((call, diagnostics)) => (Some(call), diagnostics),
        None => (None, Vec::new()),
    };
    let call_id = location
        .as_deref()
        .and_then(|l| last_segment(l, "calls"))
        .or_else(|| call.as_ref()?.id.clone())
        .map(CallId::from);
    Ok(CreatedCall {
        call_id,
        location,
        call,
        diagnostics,
    })
}

/// The segment after `/<collection>/` in `url`, its query and fragment cut off.
fn last_segment(url: &str, collection: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let mut segments = path.split('/');
    segments.find(|s| s.eq_ignore_ascii_case(collection))?;
    let id = segments.next()?;
    let decoded = percent_encoding::percent_decode_str(id)
        .decode_utf8()
        .ok()?;
    (!decoded.is_empty()).then(|| decoded.into_owned())
}

/// What an action answered: its status, the operation in the body if any, and the
/// operation's URL.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ActionOutcome<O> {
    /// The HTTP status: `200`, `202` or `204`.
    pub status: StatusCode,
    /// The operation, when the response has a body.
    pub operation: Option<O>,
    /// The `Location` header: the operation's URL, when Graph gives one.
    pub location: Option<String>,
    /// What decoding the body tolerated.
    pub diagnostics: Vec<Diagnostic>,
}

impl<O> ActionOutcome<O> {
    /// The operation's id: the last segment of `Location` under `operations`.
    pub fn operation_id(&self) -> Option<OperationId> {
        last_segment(self.location.as_deref()?, "operations").map(OperationId::from)
    }
}

/// Reads the response to the action whose body is `A`: the operation that answers
/// it (`A::Operation`) when the response has a body, nothing for a `202 Accepted` or
/// `204 No Content` without one.
///
/// # Errors
/// [`Error::Graph`] for an error status, [`Error::Decode`] for a
/// success whose body is not the operation.
pub fn action_response<A, B>(
    response: &http::Response<B>,
) -> Result<ActionOutcome<A::Operation>, Error>
where
    A: ActionBody,
    B: AsRef<[u8]>,
{
    let bytes = success(response)?;
    let (operation, diagnostics) = match body::<A::Operation>(bytes)? {
        Some((operation, diagnostics)) => (Some(operation), diagnostics),
        None => (None, Vec::new()),
    };
    Ok(ActionOutcome {
        status: response.status(),
        operation,
        location: header(response.headers(), LOCATION.as_str()),
        diagnostics,
    })
}

/// Reads the response of a `GET` (a call, a participant, the participants list):
/// its body decoded as `T`.
///
/// # Errors
/// [`Error::Graph`] for an error status, [`Error::Decode`] for a
/// success whose body is not a `T` (an empty one included).
pub fn get_response<T: Decode, B: AsRef<[u8]>>(
    response: &http::Response<B>,
) -> Result<graph_comms::Decoded<T>, Error> {
    let bytes = success(response)?;
    DecodeOptions::lenient()
        .decode::<T>(bytes)
        .map_err(Error::Decode)
}

/// Reads the response of a `DELETE`, or of another request answered without a body
/// (`204 No Content`): its success or its error.
///
/// # Errors
/// [`Error::Graph`] for an error status.
pub fn empty_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<StatusCode, Error> {
    success(response)?;
    Ok(response.status())
}

#[cfg(test)]
mod tests {
    use super::last_segment;

    #[test]
    fn ids_are_read_from_locations() {
        let l = "https://graph.microsoft.com/v1.0/communications/calls/2e1a0b00-2db4-4022-9570-243709c565ab";
        assert_eq!(
            last_segment(l, "calls").as_deref(),
            Some("2e1a0b00-2db4-4022-9570-243709c565ab")
        );
        assert_eq!(
            last_segment("/calls/a%2Fb?x=1", "calls").as_deref(),
            Some("a/b")
        );
        assert_eq!(last_segment("/calls/", "calls"), None);
        assert_eq!(last_segment("/communications/other/x", "calls"), None);
        let op = "https://graph.microsoft.com/v1.0/communications/calls/c/operations/0fe0623f-d628-42ed-b4bd-8ac290072cc5";
        assert_eq!(
            last_segment(op, "operations").as_deref(),
            Some("0fe0623f-d628-42ed-b4bd-8ac290072cc5")
        );
    }
}
