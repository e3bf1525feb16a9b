//! Requests: an `http::Request` for an endpoint, with its canonical body.

use std::fmt;

use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue};

use super::{ApiVersion, Cloud, Endpoint, EndpointError};
use graph_comms::action::{ActionBody, Binding};
use graph_comms::audio_routing::AudioRoutingGroup;
use graph_comms::call::Call;

/// A request that cannot be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum RequestError {
    /// The endpoint cannot be built from what was given.
    Endpoint(EndpointError),
    /// The URL or a header is not valid for HTTP (an id or a token holding a
    /// character a header cannot).
    Http(http::Error),
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::Endpoint(e) => e.fmt(f),
            RequestError::Http(e) => write!(f, "not a valid HTTP request: {e}"),
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RequestError::Endpoint(e) => Some(e),
            RequestError::Http(e) => Some(e),
        }
    }
}

impl From<EndpointError> for RequestError {
    fn from(e: EndpointError) -> Self {
        RequestError::Endpoint(e)
    }
}

impl From<http::Error> for RequestError {
    fn from(e: http::Error) -> Self {
        RequestError::Http(e)
    }
}

/// Microsoft Graph in one national cloud, at one API version: what builds the
/// requests.
///
/// ```
/// use graph_comms::action::ParticipantsInvite;
/// use graph_comms_bot::http::{ApiVersion, Cloud, Graph};
///
/// let graph = Graph::new(Cloud::UsGov, ApiVersion::V1);
/// let mut request = graph.action("57dab8b1-894c-409a-b240-bd8beae78896", &ParticipantsInvite::default())?;
/// graph_comms_bot::http::authorize(&mut request, "eyJ0eXAi…")?;
/// graph_comms_bot::http::set_client_request_id(&mut request, "4d2f9a1c-0f4e-4a8e-9b4a-7d3c2b1a0e9f")?;
/// assert_eq!(request.method(), "POST");
/// assert_eq!(
///     request.uri(),
///     "https://graph.microsoft.us/v1.0/communications/calls/57dab8b1-894c-409a-b240-bd8beae78896/participants/invite"
/// );
/// assert_eq!(request.headers()["content-type"], "application/json");
/// assert_eq!(request.headers()["authorization"], "Bearer eyJ0eXAi…");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Graph {
    /// The national cloud.
    pub cloud: Cloud,
    /// The API version.
    pub version: ApiVersion,
}

impl Graph {
    /// Graph in `cloud` at `version`.
    pub fn new(cloud: Cloud, version: ApiVersion) -> Self {
        Graph { cloud, version }
    }

    /// The request for `endpoint` with `body` (JSON text), if it takes one:
    /// method, absolute URL, `Accept: application/json`, and, with a body,
    /// `Content-Type: application/json`. Authorization is the caller's: see
    /// [`authorize`] and [`set_client_request_id`].
    ///
    /// # Errors
    /// [`RequestError::Http`] if the URL is not valid for `http` (it always is for
    /// the endpoints' percent-encoded paths).
    pub fn request(
        &self,
        endpoint: &Endpoint,
        body: Option<Vec<u8>>,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        let mut builder = http::Request::builder()
            .method(endpoint.method())
            .uri(endpoint.url(self.cloud, self.version))
            .header(ACCEPT, "application/json");
        if body.is_some() {
            builder = builder.header(CONTENT_TYPE, "application/json");
        }
        Ok(builder.body(body.unwrap_or_default())?)
    }

    /// `POST /communications/calls` with `call` as its canonical body.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn create_call(&self, call: &Call) -> Result<http::Request<Vec<u8>>, RequestError> {
        self.request(&Endpoint::CreateCall, Some(graph_comms::to_vec(call)))
    }

    /// `GET /communications/calls/{id}`.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn get_call(&self, call: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        self.request(&Endpoint::GetCall { call: call.into() }, None)
    }

    /// `DELETE /communications/calls/{id}`: hangs up.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn delete_call(&self, call: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        self.request(&Endpoint::DeleteCall { call: call.into() }, None)
    }

    /// `GET /communications/calls/{id}/participants`.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn list_participants(&self, call: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        self.request(&Endpoint::ListParticipants { call: call.into() }, None)
    }

    /// `GET /communications/calls/{id}/participants/{id}`.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn get_participant(
        &self,
        call: &str,
        participant: &str,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        let endpoint = Endpoint::GetParticipant {
            call: call.into(),
            participant: participant.into(),
        };
        self.request(&endpoint, None)
    }

    /// `DELETE /communications/calls/{id}/participants/{id}`: removes a participant.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn delete_participant(
        &self,
        call: &str,
        participant: &str,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        let endpoint = Endpoint::DeleteParticipant {
            call: call.into(),
            participant: participant.into(),
        };
        self.request(&endpoint, None)
    }

    /// The `POST` of an action bound to the call `call` or to its participants
    /// (`call.answer`, `participants.invite`), with `body` as its canonical body.
    ///
    /// # Errors
    /// [`EndpointError::MissingId`] for an action bound to one participant: use
    /// [`participant_action`](Self::participant_action).
    pub fn action<B: ActionBody + serde::Serialize>(
        &self,
        call: &str,
        body: &B,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        let endpoint = Endpoint::action(B::ACTION, call, None)?;
        self.request(&endpoint, Some(graph_comms::to_vec(body)))
    }

    /// The `POST` of an action bound to one participant (`participant.mute`,
    /// `participant.startHoldMusic`), with `body` as its canonical body.
    ///
    /// # Errors
    /// [`EndpointError::MissingId`] never for these; an action bound to the call
    /// ignores `participant` (use [`action`](Self::action)).
    pub fn participant_action<B: ActionBody + serde::Serialize>(
        &self,
        call: &str,
        participant: &str,
        body: &B,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        let participant = (B::ACTION.binding() == Binding::Participant).then(|| participant.into());
        let endpoint = Endpoint::action(B::ACTION, call, participant)?;
        self.request(&endpoint, Some(graph_comms::to_vec(body)))
    }

    /// `POST /communications/calls/{id}/audioRoutingGroups` with `group`.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn create_audio_routing_group(
        &self,
        call: &str,
        group: &AudioRoutingGroup,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        let endpoint = Endpoint::CreateAudioRoutingGroup { call: call.into() };
        self.request(&endpoint, Some(graph_comms::to_vec(group)))
    }

    /// `PATCH /communications/calls/{id}/audioRoutingGroups/{id}` with `group`.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn update_audio_routing_group(
        &self,
        call: &str,
        id: &str,
        group: &AudioRoutingGroup,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        let endpoint = Endpoint::UpdateAudioRoutingGroup {
            call: call.into(),
            group: id.into(),
        };
        self.request(&endpoint, Some(graph_comms::to_vec(group)))
    }

    /// `DELETE /communications/calls/{id}/audioRoutingGroups/{id}`.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn delete_audio_routing_group(
        &self,
        call: &str,
        id: &str,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        let endpoint = Endpoint::DeleteAudioRoutingGroup {
            call: call.into(),
            group: id.into(),
        };
        self.request(&endpoint, None)
    }
}

/// Adds `Authorization: Bearer <token>` to `request`: the application token the bot
/// got from the Microsoft identity platform for the cloud's Graph resource.
///
/// # Errors
/// When `token` holds a character a header value cannot (a newline, say).
pub fn authorize<B>(request: &mut http::Request<B>, token: &str) -> Result<(), http::Error> {
    let mut value = HeaderValue::try_from(format!("Bearer {token}")).map_err(http::Error::from)?;
    value.set_sensitive(true);
    request.headers_mut().insert(AUTHORIZATION, value);
    Ok(())
}

/// Adds `client-request-id: <id>` to `request`: a GUID of the caller's that Graph
/// logs with the request and returns in its response and errors.
///
/// # Errors
/// When `id` holds a character a header value cannot.
pub fn set_client_request_id<B>(
    request: &mut http::Request<B>,
    id: &str,
) -> Result<(), http::Error> {
    let value = HeaderValue::try_from(id).map_err(http::Error::from)?;
    request
        .headers_mut()
        .insert(HeaderName::from_static("client-request-id"), value);
    Ok(())
}

/// The request as HTTP/1.1 text: the request line with the absolute URL, the
/// headers, a blank line and the body (what the CLI's `request` prints). A
/// sensitive header (the `Authorization` [`authorize`] sets) is written as `***`.
pub fn to_http1_text<B: AsRef<[u8]>>(request: &http::Request<B>) -> String {
    let mut out = format!("{} {} HTTP/1.1\r\n", request.method(), request.uri());
    let body = request.body().as_ref();
    for (name, value) in request.headers() {
        let value = if value.is_sensitive() {
            "***"
        } else {
            value.to_str().unwrap_or("(not text)")
        };
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() && !request.headers().contains_key(http::header::CONTENT_LENGTH) {
        out.push_str(&format!("content-length: {}\r\n", body.len()));
    }
    out.push_str("\r\n");
    out.push_str(&String::from_utf8_lossy(body));
    out
}
