//! Requests: an `http::Request` for an endpoint, with its canonical body.

use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue};

use http::StatusCode;

use super::response::{
    ActionOutcome, CreatedCall, action_response, create_call_response, empty_response, get_response,
};
use super::{ApiVersion, Cloud, Endpoint, Error};
use crate::id::{AudioRoutingGroupId, CallId, ParticipantId};
use graph_comms::Decoded;
use graph_comms::action::{CallBound, ParticipantBound};
use graph_comms::audio_routing::AudioRoutingGroup;
use graph_comms::call::Call;
use graph_comms::participant::{Participant, ParticipantCollection};

/// Microsoft Graph in one national cloud (or under any base URL, such as a
/// simulator's), at one API version: what builds the requests.
///
/// Each method gives the `http::Request` to send; [`send`](Self::send) takes any
/// [`Request`], whose type also says how to read the response that answers it.
///
/// ```
/// use graph_comms::action::ParticipantsInvite;
/// use graph_comms_bot::http::{self, ApiVersion, Cloud, Graph};
/// use graph_comms_bot::id::CallId;
///
/// let graph = Graph::new(Cloud::UsGov, ApiVersion::V1);
/// let call = CallId::new("57dab8b1-894c-409a-b240-bd8beae78896");
/// let mut request = graph.action(&call, &ParticipantsInvite::default())?;
/// http::authorize(&mut request, "eyJ0eXAi…")?;
/// http::set_client_request_id(&mut request, "4d2f9a1c-0f4e-4a8e-9b4a-7d3c2b1a0e9f")?;
/// assert_eq!(request.method(), "POST");
/// assert_eq!(
///     request.uri(),
///     "https://graph.microsoft.us/v1.0/communications/calls/57dab8b1-894c-409a-b240-bd8beae78896/participants/invite"
/// );
/// assert_eq!(request.headers()["content-type"], "application/json");
/// assert_eq!(request.headers()["authorization"], "Bearer eyJ0eXAi…");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A body is sent only to the binding its type says: a participant-bound action
/// has no call-bound request.
///
/// ```compile_fail,E0277
/// use graph_comms::action::ParticipantMute;
/// use graph_comms_bot::http::Graph;
/// use graph_comms_bot::id::CallId;
///
/// let graph = Graph::default();
/// let _ = graph.action(&CallId::new("c"), &ParticipantMute::default());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Graph {
    base: String,
    cloud: Option<Cloud>,
    version: ApiVersion,
}

impl Default for Graph {
    /// The global cloud, `v1.0`.
    fn default() -> Self {
        Graph::new(Cloud::Global, ApiVersion::V1)
    }
}

impl Graph {
    /// Graph in `cloud` at `version`.
    pub fn new(cloud: Cloud, version: ApiVersion) -> Self {
        Graph {
            base: cloud.base_url().to_owned(),
            cloud: Some(cloud),
            version,
        }
    }

    /// Graph under `base` (the service root, without the version: a test double's
    /// or a simulator's `http://127.0.0.1:8080`) at `version`.
    pub fn with_base_url(base: impl Into<String>, version: ApiVersion) -> Self {
        let mut base = base.into();
        while base.ends_with('/') {
            base.pop();
        }
        Graph {
            base,
            cloud: None,
            version,
        }
    }

    /// The service root requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// The national cloud, unless built [`with_base_url`](Self::with_base_url).
    pub fn cloud(&self) -> Option<Cloud> {
        self.cloud
    }

    /// The API version.
    pub fn version(&self) -> ApiVersion {
        self.version
    }

    /// The request for `endpoint` with `body` (JSON text), if it takes one:
    /// method, absolute URL, `Accept: application/json`, and, with a body,
    /// `Content-Type: application/json`. Authorization is the caller's: see
    /// [`authorize`] and [`set_client_request_id`].
    ///
    /// # Errors
    /// [`Error::Http`] if the URL is not valid for `http` (it always is for
    /// the endpoints' percent-encoded paths under a valid base).
    pub fn request(
        &self,
        endpoint: &Endpoint,
        body: Option<Vec<u8>>,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let mut builder = http::Request::builder()
            .method(endpoint.method())
            .uri(endpoint.url_at(&self.base, self.version))
            .header(ACCEPT, "application/json");
        if body.is_some() {
            builder = builder.header(CONTENT_TYPE, "application/json");
        }
        Ok(builder.body(body.unwrap_or_default())?)
    }

    /// The request for `request`, whose type says how to read its response
    /// ([`Request::response`]).
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn send<R: Request>(&self, request: &R) -> Result<http::Request<Vec<u8>>, Error> {
        self.request(&request.endpoint(), request.body())
    }

    /// `POST /communications/calls` with `call` as its canonical body.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn create_call(&self, call: &Call) -> Result<http::Request<Vec<u8>>, Error> {
        self.send(&CreateCall(call))
    }

    /// `GET /communications/calls/{id}`.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn get_call(&self, call: &CallId) -> Result<http::Request<Vec<u8>>, Error> {
        self.send(&GetCall(call))
    }

    /// `DELETE /communications/calls/{id}`: hangs up.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn delete_call(&self, call: &CallId) -> Result<http::Request<Vec<u8>>, Error> {
        self.send(&DeleteCall(call))
    }

    /// `GET /communications/calls/{id}/participants`.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn list_participants(&self, call: &CallId) -> Result<http::Request<Vec<u8>>, Error> {
        self.send(&ListParticipants(call))
    }

    /// `GET /communications/calls/{id}/participants/{id}`.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn get_participant(
        &self,
        call: &CallId,
        participant: &ParticipantId,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        self.send(&GetParticipant(call, participant))
    }

    /// `DELETE /communications/calls/{id}/participants/{id}`: removes a participant.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn delete_participant(
        &self,
        call: &CallId,
        participant: &ParticipantId,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        self.send(&DeleteParticipant(call, participant))
    }

    /// The `POST` of an action bound to the call `call` or to its participants
    /// (`call.answer`, `participants.invite`), with `body` as its canonical body.
    /// A body bound to one participant does not compile here: see
    /// [`participant_action`](Self::participant_action).
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn action<B: CallBound + serde::Serialize>(
        &self,
        call: &CallId,
        body: &B,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        self.send(&CallAction { call, body })
    }

    /// The `POST` of an action bound to one participant (`participant.mute`,
    /// `participant.startHoldMusic`), with `body` as its canonical body. A body
    /// bound to the call does not compile here: see [`action`](Self::action).
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn participant_action<B: ParticipantBound + serde::Serialize>(
        &self,
        call: &CallId,
        participant: &ParticipantId,
        body: &B,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        self.send(&ParticipantAction {
            call,
            participant,
            body,
        })
    }

    /// `POST /communications/calls/{id}/audioRoutingGroups` with `group`.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn create_audio_routing_group(
        &self,
        call: &CallId,
        group: &AudioRoutingGroup,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        self.send(&CreateAudioRoutingGroup(call, group))
    }

    /// `PATCH /communications/calls/{id}/audioRoutingGroups/{id}` with `group`.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn update_audio_routing_group(
        &self,
        call: &CallId,
        id: &AudioRoutingGroupId,
        group: &AudioRoutingGroup,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        self.send(&UpdateAudioRoutingGroup(call, id, group))
    }

    /// `DELETE /communications/calls/{id}/audioRoutingGroups/{id}`.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn delete_audio_routing_group(
        &self,
        call: &CallId,
        id: &AudioRoutingGroupId,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        self.send(&DeleteAudioRoutingGroup(call, id))
    }
}

/// A request of the calls API, tied to the response that answers it: its endpoint
/// and body, and how that response reads.
///
/// ```
/// use graph_comms::action::CallPlayPrompt;
/// use graph_comms::operation::{OperationStatus, PlayPromptOperation};
/// use graph_comms_bot::http::{CallAction, Graph, Request};
/// use graph_comms_bot::id::CallId;
///
/// let call = CallId::new("57dab8b1-894c-409a-b240-bd8beae78896");
/// let play = CallAction { call: &call, body: &CallPlayPrompt::default() };
/// let request = Graph::default().send(&play)?;
/// assert!(request.uri().path().ends_with("/playPrompt"));
///
/// let response = ::http::Response::builder()
///     .status(200)
///     .body(br##"{"@odata.type": "#microsoft.graph.playPromptOperation", "id": "op1", "status": "running"}"##.to_vec())?;
/// let outcome = CallAction::<CallPlayPrompt>::response(&response)?;
/// let operation: Option<PlayPromptOperation> = outcome.operation;
/// assert_eq!(operation.and_then(|o| o.status), Some(OperationStatus::Running));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Request {
    /// What a success of this request reads as.
    type Response;

    /// The endpoint, with its ids.
    fn endpoint(&self) -> Endpoint;

    /// The canonical body, for a request that takes one.
    fn body(&self) -> Option<Vec<u8>>;

    /// Reads the response that answered this request.
    ///
    /// # Errors
    /// [`Error::Graph`] for an error status,
    /// [`Error::Decode`] for a success whose
    /// body is not what the endpoint answers with.
    fn response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self::Response, Error>;
}

/// `POST /communications/calls`: answered by the [`CreatedCall`].
#[derive(Clone, Copy, Debug)]
#[allow(clippy::exhaustive_structs)]
pub struct CreateCall<'a>(pub &'a Call);

/// `GET /communications/calls/{id}`: answered by the call.
#[derive(Clone, Copy, Debug)]
#[allow(clippy::exhaustive_structs)]
pub struct GetCall<'a>(pub &'a CallId);

/// `DELETE /communications/calls/{id}`: answered by its status alone.
#[derive(Clone, Copy, Debug)]
#[allow(clippy::exhaustive_structs)]
pub struct DeleteCall<'a>(pub &'a CallId);

/// `GET /communications/calls/{id}/participants`: answered by the participants.
#[derive(Clone, Copy, Debug)]
#[allow(clippy::exhaustive_structs)]
pub struct ListParticipants<'a>(pub &'a CallId);

/// `GET /communications/calls/{id}/participants/{id}`: answered by the participant.
#[derive(Clone, Copy, Debug)]
#[allow(clippy::exhaustive_structs)]
pub struct GetParticipant<'a>(pub &'a CallId, pub &'a ParticipantId);

/// `DELETE /communications/calls/{id}/participants/{id}`: answered by its status alone.
#[derive(Clone, Copy, Debug)]
#[allow(clippy::exhaustive_structs)]
pub struct DeleteParticipant<'a>(pub &'a CallId, pub &'a ParticipantId);

/// The `POST` of an action bound to a call or its participants collection:
/// answered by the [`ActionOutcome`] of the body's operation type.
#[derive(Debug)]
#[allow(clippy::exhaustive_structs)]
pub struct CallAction<'a, B> {
    /// The call.
    pub call: &'a CallId,
    /// The action's body.
    pub body: &'a B,
}

/// The `POST` of an action bound to one participant: answered by the
/// [`ActionOutcome`] of the body's operation type.
#[derive(Debug)]
#[allow(clippy::exhaustive_structs)]
pub struct ParticipantAction<'a, B> {
    /// The call.
    pub call: &'a CallId,
    /// The participant.
    pub participant: &'a ParticipantId,
    /// The action's body.
    pub body: &'a B,
}

/// `POST /communications/calls/{id}/audioRoutingGroups`: answered by the group.
#[derive(Clone, Copy, Debug)]
#[allow(clippy::exhaustive_structs)]
pub struct CreateAudioRoutingGroup<'a>(pub &'a CallId, pub &'a AudioRoutingGroup);

/// `PATCH /communications/calls/{id}/audioRoutingGroups/{id}`: answered by the group.
#[derive(Clone, Copy, Debug)]
#[allow(clippy::exhaustive_structs)]
pub struct UpdateAudioRoutingGroup<'a>(
    pub &'a CallId,
    pub &'a AudioRoutingGroupId,
    pub &'a AudioRoutingGroup,
);

/// `DELETE /communications/calls/{id}/audioRoutingGroups/{id}`: answered by its
/// status alone.
#[derive(Clone, Copy, Debug)]
#[allow(clippy::exhaustive_structs)]
pub struct DeleteAudioRoutingGroup<'a>(pub &'a CallId, pub &'a AudioRoutingGroupId);

impl Request for CreateCall<'_> {
    type Response = CreatedCall;

    fn endpoint(&self) -> Endpoint {
        Endpoint::CreateCall
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(graph_comms::to_vec(self.0))
    }

    fn response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<CreatedCall, Error> {
        create_call_response(response)
    }
}

macro_rules! get_or_delete {
    ($($name:ident($($field:tt),*) => $endpoint:ident { $($id:ident),* } -> $response:ty = $read:expr;)*) => {$(
        impl Request for $name<'_> {
            type Response = $response;

            fn endpoint(&self) -> Endpoint {
                Endpoint::$endpoint { $($id: self.$field.clone()),* }
            }

            fn body(&self) -> Option<Vec<u8>> {
                None
            }

            fn response<B: AsRef<[u8]>>(
                response: &http::Response<B>,
            ) -> Result<$response, Error> {
                $read(response)
            }
        }
    )*};
}

get_or_delete! {
    GetCall(0) => GetCall { call } -> Decoded<Call> = get_response::<Call, B>;
    DeleteCall(0) => DeleteCall { call } -> StatusCode = empty_response::<B>;
    ListParticipants(0) => ListParticipants { call } -> Decoded<ParticipantCollection> = get_response::<ParticipantCollection, B>;
    GetParticipant(0, 1) => GetParticipant { call, participant } -> Decoded<Participant> = get_response::<Participant, B>;
    DeleteParticipant(0, 1) => DeleteParticipant { call, participant } -> StatusCode = empty_response::<B>;
    DeleteAudioRoutingGroup(0, 1) => DeleteAudioRoutingGroup { call, group } -> StatusCode = empty_response::<B>;
}

impl Request for CreateAudioRoutingGroup<'_> {
    type Response = Decoded<AudioRoutingGroup>;

    fn endpoint(&self) -> Endpoint {
        Endpoint::CreateAudioRoutingGroup {
            call: self.0.clone(),
        }
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(graph_comms::to_vec(self.1))
    }

    fn response<B: AsRef<[u8]>>(
        response: &http::Response<B>,
    ) -> Result<Decoded<AudioRoutingGroup>, Error> {
        get_response(response)
    }
}

impl Request for UpdateAudioRoutingGroup<'_> {
    type Response = Decoded<AudioRoutingGroup>;

    fn endpoint(&self) -> Endpoint {
        Endpoint::UpdateAudioRoutingGroup {
            call: self.0.clone(),
            group: self.1.clone(),
        }
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(graph_comms::to_vec(self.2))
    }

    fn response<B: AsRef<[u8]>>(
        response: &http::Response<B>,
    ) -> Result<Decoded<AudioRoutingGroup>, Error> {
        get_response(response)
    }
}

macro_rules! action_requests {
    ($($request:ident: $bound:ident, $participant:expr;)*) => {$(
        impl<A> Request for $request<'_, A>
        where
            A: $bound + serde::Serialize,
        {
            type Response = ActionOutcome<A::Operation>;

            fn endpoint(&self) -> Endpoint {
                #[allow(clippy::redundant_closure_call)]
                let participant = ($participant)(self);
                Endpoint::Action {
                    action: A::ACTION,
                    call: self.call.clone(),
                    participant,
                }
            }

            fn body(&self) -> Option<Vec<u8>> {
                Some(graph_comms::to_vec(self.body))
            }

            fn response<B: AsRef<[u8]>>(
                response: &http::Response<B>,
            ) -> Result<ActionOutcome<A::Operation>, Error> {
                action_response::<A, B>(response)
            }
        }
    )*};
}

action_requests! {
    CallAction: CallBound, |_: &CallAction<'_, A>| None;
    ParticipantAction: ParticipantBound, |r: &ParticipantAction<'_, A>| Some(r.participant.clone());
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
