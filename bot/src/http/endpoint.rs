//! The endpoints of the calls API: method, path and what the request carries.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::{ApiVersion, Cloud, Error};
use crate::id::{AudioRoutingGroupId, CallId, ParticipantId};
use graph_comms::action::{Action, Binding};

/// Everything but RFC 3986's unreserved characters is percent-encoded in an id: an
/// id is one path segment whatever it holds (`/`, `?`, `#`, `%`, spaces, non-ASCII).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// An id as one path segment: percent-encoded, and never `.` or `..` (which a URL
/// resolver would read as a step within the path).
fn segment(id: &str) -> String {
    if id.bytes().all(|b| b == b'.') {
        return id.replace('.', "%2E");
    }
    utf8_percent_encode(id, SEGMENT).to_string()
}

/// One endpoint of the calls API, with the ids its path needs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Endpoint {
    /// `POST /communications/calls`: create a call (the body is a `call`).
    CreateCall,
    /// `GET /communications/calls/{id}`.
    GetCall {
        /// The call's id.
        call: CallId,
    },
    /// `DELETE /communications/calls/{id}`: hang up.
    DeleteCall {
        /// The call's id.
        call: CallId,
    },
    /// `GET /communications/calls/{id}/participants`.
    ListParticipants {
        /// The call's id.
        call: CallId,
    },
    /// `GET /communications/calls/{id}/participants/{id}`.
    GetParticipant {
        /// The call's id.
        call: CallId,
        /// The participant's id.
        participant: ParticipantId,
    },
    /// `DELETE /communications/calls/{id}/participants/{id}`: remove a participant.
    DeleteParticipant {
        /// The call's id.
        call: CallId,
        /// The participant's id.
        participant: ParticipantId,
    },
    /// `POST` of a bound action (the body is the action's).
    Action {
        /// The action.
        action: Action,
        /// The call's id.
        call: CallId,
        /// The participant's id, for an action bound to one participant.
        participant: Option<ParticipantId>,
    },
    /// `POST /communications/calls/{id}/audioRoutingGroups` (the body is an
    /// `audioRoutingGroup`).
    CreateAudioRoutingGroup {
        /// The call's id.
        call: CallId,
    },
    /// `PATCH /communications/calls/{id}/audioRoutingGroups/{id}` (the body is an
    /// `audioRoutingGroup`).
    UpdateAudioRoutingGroup {
        /// The call's id.
        call: CallId,
        /// The audio routing group's id.
        group: AudioRoutingGroupId,
    },
    /// `DELETE /communications/calls/{id}/audioRoutingGroups/{id}`.
    DeleteAudioRoutingGroup {
        /// The call's id.
        call: CallId,
        /// The audio routing group's id.
        group: AudioRoutingGroupId,
    },
}

impl Endpoint {
    /// The endpoint of `action`, bound to the call `call` or to its participants
    /// collection. The compile-time checked way is
    /// [`Graph::action`](super::Graph::action), which takes the body.
    ///
    /// # Errors
    /// [`Error::MissingId`] when `action` is bound to one participant: use
    /// [`participant_action`](Self::participant_action).
    pub fn action(action: Action, call: impl Into<CallId>) -> Result<Endpoint, Error> {
        if action.binding() == Binding::Participant {
            return Err(Error::MissingId {
                endpoint: action.as_str().to_owned(),
                id: "participant",
            });
        }
        Ok(Endpoint::Action {
            action,
            call: call.into(),
            participant: None,
        })
    }

    /// The endpoint of `action`, bound to the participant `participant` of the call
    /// `call`. The compile-time checked way is
    /// [`Graph::participant_action`](super::Graph::participant_action).
    ///
    /// # Errors
    /// [`Error::WrongBinding`] when `action` is not bound to one participant.
    pub fn participant_action(
        action: Action,
        call: impl Into<CallId>,
        participant: impl Into<ParticipantId>,
    ) -> Result<Endpoint, Error> {
        if action.binding() != Binding::Participant {
            return Err(Error::WrongBinding { action });
        }
        Ok(Endpoint::Action {
            action,
            call: call.into(),
            participant: Some(participant.into()),
        })
    }

    /// The endpoint that takes a request body of type `body_type` (a metadata name:
    /// `call`, `call.answer`, `participants.invite`, `audioRoutingGroup`), with the
    /// ids given: what the CLI's `request` builds. An `audioRoutingGroup` body is
    /// created (`POST`). A participant id given for an action that takes none is
    /// not used.
    ///
    /// # Errors
    /// [`Error::MissingId`] when the path needs an id not given;
    /// [`Error::NoEndpoint`] when no endpoint takes such a body.
    pub fn for_body(
        body_type: &str,
        call: Option<&str>,
        participant: Option<&str>,
    ) -> Result<Endpoint, Error> {
        let need_call = || {
            call.map(CallId::from).ok_or(Error::MissingId {
                endpoint: body_type.to_owned(),
                id: "call",
            })
        };
        if body_type == "call" {
            return Ok(Endpoint::CreateCall);
        }
        if body_type == "audioRoutingGroup" {
            return Ok(Endpoint::CreateAudioRoutingGroup { call: need_call()? });
        }
        let action: Action = body_type
            .parse()
            .map_err(|_| Error::NoEndpoint(body_type.to_owned()))?;
        match (action.binding(), participant) {
            (Binding::Participant, Some(participant)) => {
                Endpoint::participant_action(action, need_call()?, participant)
            }
            _ => Endpoint::action(action, need_call()?),
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> http::Method {
        match self {
            Endpoint::CreateCall
            | Endpoint::Action { .. }
            | Endpoint::CreateAudioRoutingGroup { .. } => http::Method::POST,
            Endpoint::GetCall { .. }
            | Endpoint::ListParticipants { .. }
            | Endpoint::GetParticipant { .. } => http::Method::GET,
            Endpoint::DeleteCall { .. }
            | Endpoint::DeleteParticipant { .. }
            | Endpoint::DeleteAudioRoutingGroup { .. } => http::Method::DELETE,
            Endpoint::UpdateAudioRoutingGroup { .. } => http::Method::PATCH,
        }
    }

    /// The metadata name of the request body's type, for an endpoint that takes one:
    /// `call`, the action's (`call.answer`), or `audioRoutingGroup`.
    pub fn body_type(&self) -> Option<&'static str> {
        match self {
            Endpoint::CreateCall => Some("call"),
            Endpoint::Action { action, .. } => Some(action.as_str()),
            Endpoint::CreateAudioRoutingGroup { .. } | Endpoint::UpdateAudioRoutingGroup { .. } => {
                Some("audioRoutingGroup")
            }
            _ => None,
        }
    }

    /// The path below the API version, ids percent-encoded:
    /// `/communications/calls/57dab8b1-…/participants/invite`.
    pub fn path(&self) -> String {
        let mut path = String::from("/communications/calls");
        let mut push = |s: &str| {
            path.push('/');
            path.push_str(s);
        };
        match self {
            Endpoint::CreateCall => {}
            Endpoint::GetCall { call } | Endpoint::DeleteCall { call } => push(&segment(call)),
            Endpoint::ListParticipants { call } => {
                push(&segment(call));
                push("participants");
            }
            Endpoint::GetParticipant { call, participant }
            | Endpoint::DeleteParticipant { call, participant } => {
                push(&segment(call));
                push("participants");
                push(&segment(participant));
            }
            Endpoint::Action {
                action,
                call,
                participant,
            } => {
                push(&segment(call));
                match (action.binding(), participant) {
                    (Binding::Participant, Some(p)) => {
                        push("participants");
                        push(&segment(p));
                    }
                    (Binding::Participants, _) => push("participants"),
                    _ => {}
                }
                push(action.segment());
            }
            Endpoint::CreateAudioRoutingGroup { call } => {
                push(&segment(call));
                push("audioRoutingGroups");
            }
            Endpoint::UpdateAudioRoutingGroup { call, group }
            | Endpoint::DeleteAudioRoutingGroup { call, group } => {
                push(&segment(call));
                push("audioRoutingGroups");
                push(&segment(group));
            }
        }
        path
    }

    /// The absolute URL in `cloud`, for API `version`:
    /// `https://graph.microsoft.us/v1.0/communications/calls`.
    pub fn url(&self, cloud: Cloud, version: ApiVersion) -> String {
        self.url_at(cloud.base_url(), version)
    }

    /// The absolute URL under `base` (a service root without the version, such as
    /// a test double's `http://127.0.0.1:8080`), for API `version`.
    pub fn url_at(&self, base: &str, version: ApiVersion) -> String {
        format!(
            "{}/{}{}",
            base.trim_end_matches('/'),
            version.as_str(),
            self.path()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_one_segment_each() {
        assert_eq!(
            segment("57dab8b1-894c-409a-b240-bd8beae78896"),
            "57dab8b1-894c-409a-b240-bd8beae78896"
        );
        assert_eq!(segment("a/b?c#d e%"), "a%2Fb%3Fc%23d%20e%25");
        assert_eq!(segment(".."), "%2E%2E");
        assert_eq!(segment("."), "%2E");
        assert_eq!(segment("a.b"), "a.b");
        assert_eq!(segment("é"), "%C3%A9");
    }
}
