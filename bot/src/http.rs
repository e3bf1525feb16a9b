//! Sans-IO HTTP for every calls endpoint: the requests, with
//! their national cloud, API version and canonical body; the typed responses and
//! Graph's errors; the reply to Graph's callback POSTs; and the application
//! permissions each request needs. Nothing here sends or receives: the caller's
//! HTTP client does, with the `http` crate's types that every Rust client speaks.
//!
//! ```
//! use graph_comms::call::Call;
//! use graph_comms_bot::http::{self, ApiVersion, Cloud, Graph};
//! use graph_comms::identity::Identity;
//! use graph_comms::media::ServiceHostedMediaConfig;
//!
//! let bot = Identity::new("3d913abb-aec0-4964-8fa6-3c6850c4f278");
//! let call = Call::pstn("https://bot.contoso.com/callback", bot, "+12345678901", ServiceHostedMediaConfig::default())
//!     .with_tenant_id("aa67bd4c-8475-432d-bd41-39f255720e0a");
//! let request = Graph::new(Cloud::Global, ApiVersion::V1).create_call(&call)?;
//! assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/communications/calls");
//!
//! // … the caller sends it, and hands the response back:
//! let response = ::http::Response::builder()
//!     .status(201)
//!     .header("Location", "https://graph.microsoft.com/v1.0/communications/calls/2e1a0b00-2db4-4022-9570-243709c565ab")
//!     .body(br##"{"@odata.type": "#microsoft.graph.call", "state": "establishing"}"##.to_vec())?;
//! let created = http::create_call_response(&response)?;
//! assert_eq!(created.call_id.as_deref(), Some("2e1a0b00-2db4-4022-9570-243709c565ab"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod callback;
mod cloud;
mod endpoint;
mod error;
mod permissions;
mod request;
mod response;

pub use callback::{CallbackReply, callback_reply};
pub use cloud::{ApiVersion, Cloud};
pub use endpoint::Endpoint;
pub use error::Error;
pub use permissions::{Permission, Permissions, permissions};
pub use request::{
    CallAction, CreateAudioRoutingGroup, CreateCall, DeleteAudioRoutingGroup, DeleteCall,
    DeleteParticipant, GetCall, GetParticipant, Graph, ListParticipants, ParticipantAction,
    Request, UpdateAudioRoutingGroup, authorize, set_client_request_id, to_http1_text,
};
pub use response::{
    ActionOutcome, CreatedCall, GraphError, Reply, RetryAfter, action_response,
    create_call_response, empty_response, get_response, reply,
};
