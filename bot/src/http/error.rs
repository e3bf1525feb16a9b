//! What can go wrong in the HTTP layer: one error type for building a request and
//! for reading the response that answers it.

use std::fmt;

use graph_comms::action::{Action, Binding};

use super::GraphError;

/// A request that cannot be built, or a response that is not its endpoint's success.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The endpoint's path needs this id (`call`, `participant`).
    MissingId {
        /// The request body's type name, or what the endpoint is.
        endpoint: String,
        /// Which id is missing.
        id: &'static str,
    },
    /// An action was given ids of another binding: a participant id for an action
    /// bound to the call or its participants collection.
    WrongBinding {
        /// The action.
        action: Action,
    },
    /// No endpoint takes a body of this type.
    NoEndpoint(String),
    /// The URL or a header is not valid for HTTP (an id or a token holding a
    /// character a header cannot).
    Http(http::Error),
    /// Graph answered with an error status.
    Graph(Box<GraphError>),
    /// A success whose body does not decode as the endpoint's type.
    Decode(graph_comms::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::MissingId { endpoint, id } => {
                write!(f, "`{endpoint}` needs a {id} id for its path")
            }
            Error::WrongBinding { action } => write!(
                f,
                "`{action}` is bound to the {}: its path takes no participant id",
                match action.binding() {
                    Binding::Participants => "participants collection",
                    _ => "call",
                }
            ),
            Error::NoEndpoint(name) => {
                write!(f, "no calls endpoint takes a `{name}` request body")
            }
            Error::Http(e) => write!(f, "not a valid HTTP request: {e}"),
            Error::Graph(e) => e.fmt(f),
            Error::Decode(e) => write!(f, "the response body does not decode: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Http(e) => Some(e),
            Error::Graph(e) => Some(e),
            Error::Decode(e) => Some(e),
            _ => None,
        }
    }
}

impl From<http::Error> for Error {
    fn from(e: http::Error) -> Self {
        Error::Http(e)
    }
}
