//! Graph's calling service, without I/O: a request in, Graph's reply, the
//! notifications Graph would then post and the findings out.
//!
//! Each request is checked as Graph checks it — a bearer token, a known and live
//! call, a body that decodes strictly as the action's type and passes the lints
//! (but a `callbackUri` on this machine may be plain HTTP) —
//! and answered with the documented status (`graph_comms_bot::http::reply`) or an
//! OData error. The notifications it leads to are [`Callback`]s for the caller to
//! sign and post.

use std::collections::BTreeMap;

use graph_comms::DecodeOptions;
use graph_comms::action::{Action, Binding};
use graph_comms::by_name;
use graph_comms_bot::http::reply;
use graph_comms_bot::lint::{self, LintCode, Severity as LintSeverity};
use http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::finding::{Finding, FindingCode};

/// Who calls the bot, in an incoming call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Incoming {
    /// A Teams user, peer to peer.
    Teams,
    /// A phone number, through the bot's application instance.
    Pstn,
    /// A call to record under a compliance policy: it names an observed
    /// participant, and has 5 seconds to be answered.
    Recording,
}

/// A notification for the bot: where to post it and its body.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Callback {
    /// The call it is about.
    pub call_id: String,
    /// The bot's URL: the call's `callbackUri`, or the bot's for an incoming call.
    pub url: String,
    /// A `commsNotifications` body.
    pub body: Vec<u8>,
}

/// What handling a request gives.
#[derive(Debug)]
#[non_exhaustive]
pub struct Exchange {
    /// Graph's reply.
    pub response: http::Response<Vec<u8>>,
    /// The notifications that follow, in order.
    pub callbacks: Vec<Callback>,
    /// What the request broke.
    pub findings: Vec<Finding>,
}

/// One call as Graph holds it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct SimCall {
    /// The call's id.
    pub id: String,
    /// Where its notifications go.
    pub callback_uri: String,
    /// Its state: `incoming`, `establishing`, `established`, `terminated`…
    pub state: String,
    /// How many answers it got.
    pub answers: u32,
    /// Whether it is a policy-based recording call.
    pub recording: bool,
    /// The call resource Graph would return.
    pub resource: Value,
    /// Operations by id, with their status.
    pub operations: BTreeMap<String, String>,
    /// How many of its prompts (`playPrompt` operations) completed.
    pub prompts_completed: u32,
    /// The last delta roster's sequence number.
    pub roster_sequence: i64,
    /// Its audio routing groups, by id.
    pub audio_routing_groups: BTreeMap<String, Value>,
}

impl SimCall {
    /// Whether the call ended.
    pub fn is_over(&self) -> bool {
        self.state == "terminated"
    }
}

/// Graph's side of every call.
#[derive(Debug)]
pub struct Graph {
    app_id: String,
    tenant: String,
    calls: BTreeMap<String, SimCall>,
    next: u64,
}

/// What a request's path names.
#[derive(Debug, PartialEq, Eq)]
enum Route<'a> {
    Calls,
    Call(&'a str),
    Participants(&'a str),
    Participant(&'a str, &'a str),
    Action(&'a str, Action, Option<&'a str>),
    AudioRoutingGroups(&'a str),
    AudioRoutingGroup(&'a str, &'a str),
}

impl Graph {
    /// Graph for the application `app_id` in `tenant`.
    pub fn new(app_id: impl Into<String>, tenant: impl Into<String>) -> Self {
        Graph {
            app_id: app_id.into(),
            tenant: tenant.into(),
            calls: BTreeMap::new(),
            next: 0,
        }
    }

    /// The call of this id.
    pub fn call(&self, id: &str) -> Option<&SimCall> {
        self.calls.get(id)
    }

    /// Every call, by id.
    pub fn calls(&self) -> impl Iterator<Item = &SimCall> {
        self.calls.values()
    }

    fn fresh_id(&mut self) -> String {
        self.next += 1;
        format!("{:08x}-5e1f-4a00-8000-{:012x}", self.next, self.next)
    }

    /// A new incoming call to the bot at `bot_url`, and its first notification.
    pub fn incoming(&mut self, kind: Incoming, bot_url: &str) -> Callback {
        let id = self.fresh_id();
        let caller = match kind {
            Incoming::Pstn => json!({"@odata.type": "#microsoft.graph.identitySet",
                "phone": {"@odata.type": "#microsoft.graph.identity", "id": "+14255550100"}}),
            _ => json!({"@odata.type": "#microsoft.graph.identitySet",
                "user": {"@odata.type": "#microsoft.graph.identity",
                    "id": "8a34a46b-3d17-4adc-8dce-dc4e7d572698", "displayName": "Alex Wilber",
                    "tenantId": self.tenant}}),
        };
        let mut resource = json!({
            "@odata.type": "#microsoft.graph.call",
            "id": id,
            "state": "incoming",
            "direction": "incoming",
            "callbackUri": bot_url,
            "requestedModalities": ["audio"],
            "source": {"@odata.type": "#microsoft.graph.participantInfo", "identity": caller},
            "targets": [{"@odata.type": "#microsoft.graph.invitationParticipantInfo",
                "identity": {"@odata.type": "#microsoft.graph.identitySet",
                    "application": {"@odata.type": "#microsoft.graph.identity", "id": self.app_id}}}],
            "tenantId": self.tenant,
        });
        if kind == Incoming::Recording {
            resource["incomingContext"] = json!({"@odata.type": "#microsoft.graph.incomingContext",
                "observedParticipantId": "7e1b4346-85a6-4bdd-abe3-d11c5d420efe",
                "sourceParticipantId": "7e1b4346-85a6-4bdd-abe3-d11c5d420efe"});
        }
        let body = notification(&id, "", "created", resource.clone());
        self.calls.insert(
            id.clone(),
            SimCall {
                id: id.clone(),
                callback_uri: bot_url.to_owned(),
                state: "incoming".to_owned(),
                answers: 0,
                recording: kind == Incoming::Recording,
                resource,
                operations: BTreeMap::new(),
                prompts_completed: 0,
                roster_sequence: 0,
                audio_routing_groups: BTreeMap::new(),
            },
        );
        Callback {
            call_id: id,
            url: bot_url.to_owned(),
            body,
        }
    }

    /// The remote side hangs up: the call ends, with the notifications that say so
    /// (none when it already ended).
    pub fn hang_up(&mut self, call_id: &str) -> Vec<Callback> {
        let Some(call) = self.calls.get_mut(call_id) else {
            return Vec::new();
        };
        if call.is_over() {
            return Vec::new();
        }
        end(call, 0, 7000, "The conversation has ended.")
    }

    /// A DTMF tone the caller pressed, in an established call.
    pub fn tone(&mut self, call_id: &str, sequence_id: i64, tone: &str) -> Option<Callback> {
        let call = self
            .calls
            .get(call_id)
            .filter(|c| c.state == "established")?;
        let resource = json!({"@odata.type": "#microsoft.graph.call", "state": "established",
            "toneInfo": {"@odata.type": "#microsoft.graph.toneInfo", "sequenceId": sequence_id, "tone": tone}});
        Some(call_callback(call, "", "updated", resource))
    }

    /// One delta roster of an established call, with the next sequence number:
    /// who joins (unmuted), who mutes themselves, who leaves.
    pub fn roster(
        &mut self,
        call_id: &str,
        joins: &[String],
        mutes: &[String],
        leaves: &[String],
    ) -> Option<Callback> {
        let call = self.calls.get_mut(call_id).filter(|c| !c.is_over())?;
        call.roster_sequence += 1;
        let seq = call.roster_sequence;
        let entry = |id: &str, muted: bool| {
            json!({"@odata.type": "#microsoft.graph.participant", "id": id,
                "info": {"@odata.type": "#microsoft.graph.participantInfo",
                    "identity": {"@odata.type": "#microsoft.graph.identitySet",
                        "user": {"@odata.type": "#microsoft.graph.identity",
                            "id": format!("user-{id}"), "displayName": id}}},
                "isMuted": muted, "isInLobby": false,
                "mediaStreams": [{"@odata.type": "#microsoft.graph.mediaStream",
                    "mediaType": "audio", "direction": "sendReceive", "serverMuted": false}]})
        };
        let mut participants: Vec<Value> = joins.iter().map(|id| entry(id, false)).collect();
        participants.extend(mutes.iter().map(|id| entry(id, true)));
        participants.extend(leaves.iter().map(|id| {
            let mut gone = entry(id, false);
            gone["removedState"] =
                json!({"@odata.type": "#microsoft.graph.removedState", "reason": "left"});
            gone
        }));
        let delta = json!([{"@odata.type": "#microsoft.graph.deltaParticipants",
            "sequenceNumber": seq, "participants": participants}]);
        Some(call_callback(call, "/participants", "updated", delta))
    }

    /// Handles one request of the bot's. (What depends on time — answer deadlines,
    /// `Retry-After` — is the runner's to measure.)
    pub fn handle(&mut self, request: &http::Request<Vec<u8>>) -> Exchange {
        let mut exchange = Exchange {
            response: odata_error(StatusCode::NOT_FOUND, "UnknownError", "no such resource"),
            callbacks: Vec::new(),
            findings: Vec::new(),
        };
        let bearer = request
            .headers()
            .get(http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.get(..7)
                    .filter(|s| s.eq_ignore_ascii_case("bearer "))
                    .map(|_| &v[7..])
            })
            .is_some_and(|token| !token.trim().is_empty());
        let route = route(request.uri().path());
        let call_id = route
            .as_ref()
            .map(Route::call)
            .filter(|id| !id.is_empty())
            .map(str::to_owned);
        if !bearer {
            exchange.findings.push(Finding::new(
                FindingCode::MissingAuthorization,
                call_id.as_deref(),
                format!(
                    "{} {} without `Authorization: Bearer`",
                    request.method(),
                    request.uri()
                ),
            ));
            exchange.response = odata_error(
                StatusCode::UNAUTHORIZED,
                "InvalidAuthenticationToken",
                "Access token is empty.",
            );
            return exchange;
        }
        let Some(route) = route else {
            return exchange;
        };
        match (request.method(), route) {
            (&Method::POST, Route::Calls) => self.create_call(request.body(), &mut exchange),
            (&Method::GET, Route::Call(id)) => {
                if let Some(call) = self.calls.get(id) {
                    exchange.response = json_response(StatusCode::OK, &call.resource);
                } else {
                    exchange.response = not_found(id);
                }
            }
            (&Method::DELETE, Route::Call(id)) => {
                if let Some(call) = self.live(id, &mut exchange) {
                    exchange.callbacks =
                        end(call, 0, 7000, "The call was ended by the application.");
                    exchange.response = empty(StatusCode::NO_CONTENT);
                }
            }
            (&Method::GET, Route::Participants(id)) => match self.calls.get(id) {
                Some(call) => {
                    let value = json!({"value": participants(call)});
                    exchange.response = json_response(StatusCode::OK, &value);
                }
                None => exchange.response = not_found(id),
            },
            (&Method::GET, Route::Participant(id, participant)) => match self.calls.get(id) {
                Some(call) => {
                    let found = participants(call)
                        .into_iter()
                        .find(|p| p["id"] == participant);
                    exchange.response = match found {
                        Some(p) => json_response(StatusCode::OK, &p),
                        None => not_found(participant),
                    };
                }
                None => exchange.response = not_found(id),
            },
            (&Method::POST, Route::Action(id, action, _)) => {
                self.action(id, action, request.body(), &mut exchange);
            }
            (method, Route::AudioRoutingGroups(id)) => {
                self.audio_routing(method, id, None, request.body(), &mut exchange);
            }
            (method, Route::AudioRoutingGroup(id, group)) => {
                self.audio_routing(method, id, Some(group), request.body(), &mut exchange);
            }
            _ => {
                exchange.response = odata_error(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "BadRequest",
                    "the method is not allowed on this resource",
                );
            }
        }
        exchange
    }

    /// The live call of `id`, or the 404 and the finding an ended or unknown one
    /// gets.
    fn live(&mut self, id: &str, exchange: &mut Exchange) -> Option<&mut SimCall> {
        match self.calls.get_mut(id) {
            None => {
                exchange.response = not_found(id);
                None
            }
            Some(call) if call.is_over() => {
                exchange.findings.push(Finding::new(
                    FindingCode::ActionOnTerminatedCall,
                    Some(id),
                    format!("a request about call {id} after it terminated"),
                ));
                exchange.response = not_found(id);
                None
            }
            Some(call) => Some(call),
        }
    }

    fn create_call(&mut self, body: &[u8], exchange: &mut Exchange) {
        let Some(value) = checked("call", None, body, exchange) else {
            return;
        };
        let id = self.fresh_id();
        let mut resource = value;
        resource["id"] = json!(id);
        resource["state"] = json!("establishing");
        let callback_uri = resource["callbackUri"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let mut call = SimCall {
            id: id.clone(),
            callback_uri,
            state: "establishing".to_owned(),
            answers: 0,
            recording: false,
            resource: resource.clone(),
            operations: BTreeMap::new(),
            prompts_completed: 0,
            roster_sequence: 0,
            audio_routing_groups: BTreeMap::new(),
        };
        exchange.callbacks = establish(&mut call);
        self.calls.insert(id.clone(), call);
        let mut response = json_response(StatusCode::CREATED, &resource);
        if let Ok(location) =
            http::HeaderValue::from_str(&format!("/v1.0/communications/calls/{id}"))
        {
            response
                .headers_mut()
                .insert(http::header::LOCATION, location);
        }
        exchange.response = response;
    }

    fn action(&mut self, id: &str, action: Action, body: &[u8], exchange: &mut Exchange) {
        if self.live(id, exchange).is_none() {
            return;
        }
        let Some(value) = checked(action.as_str(), Some(id), body, exchange) else {
            return;
        };
        let next = self.next + 1;
        let Some(call) = self.calls.get_mut(id) else {
            return;
        };
        let deciding = matches!(
            action,
            Action::CallAnswer | Action::CallReject | Action::CallRedirect
        );
        if deciding && call.state != "incoming" {
            let message = if call.answers > 0 {
                exchange.findings.push(Finding::new(
                    FindingCode::DuplicateAnswer,
                    Some(id),
                    format!("{} for call {id}, already {}", action.as_str(), call.state),
                ));
                "The call was already answered."
            } else {
                "The call is not incoming."
            };
            exchange.response = odata_error(StatusCode::BAD_REQUEST, "BadRequest", message);
            return;
        }
        let documented = reply(action);
        match action {
            Action::CallAnswer => {
                call.answers += 1;
                if let Some(uri) = value["callbackUri"].as_str() {
                    call.callback_uri = uri.to_owned();
                    call.resource["callbackUri"] = json!(uri);
                }
                exchange.callbacks = establish(call);
            }
            Action::CallReject | Action::CallRedirect => {
                exchange.callbacks = end(call, 0, 7000, "The call was declined or redirected.");
            }
            Action::CallTransfer => {
                let mut callbacks = vec![set_state(call, "transferring")];
                callbacks.extend(end(call, 0, 7015, "The call was transferred."));
                exchange.callbacks = callbacks;
            }
            _ => {}
        }
        self.next = next;
        exchange.response = match documented.operation {
            Some(operation) => {
                let op_id = format!("{:08x}-0b5e-4a00-8000-{:012x}", next, next);
                // A prompt or a recording runs; the rest complete at once.
                let runs = matches!(action, Action::CallPlayPrompt | Action::CallRecordResponse);
                let status = if runs { "running" } else { "completed" };
                let mut resource = json!({
                    "@odata.type": format!("#microsoft.graph.{}", operation.as_str()),
                    "id": op_id,
                    "status": status,
                });
                if let Some(context) = value.get("clientContext").filter(|c| !c.is_null()) {
                    resource["clientContext"] = context.clone();
                }
                if !runs {
                    resource["resultInfo"] = json!({"@odata.type": "#microsoft.graph.resultInfo",
                        "code": 200, "subcode": 0, "message": "Action completed successfully."});
                }
                call.operations.insert(op_id.clone(), status.to_owned());
                if runs {
                    let mut done = resource.clone();
                    done["status"] = json!("completed");
                    done["resultInfo"] = json!({"@odata.type": "#microsoft.graph.resultInfo",
                        "code": 200, "subcode": 0, "message": "Action completed successfully."});
                    exchange.callbacks.push(call_callback(
                        call,
                        &format!("/operations/{op_id}"),
                        "deleted",
                        done,
                    ));
                    call.operations.insert(op_id, "completed".to_owned());
                    if action == Action::CallPlayPrompt {
                        call.prompts_completed += 1;
                    }
                }
                json_response(documented.status, &resource)
            }
            None => empty(documented.status),
        };
    }
}

impl Graph {
    /// A call's audio routing groups: listed and read (`200`), created (`201`, `409`
    /// for an id taken), updated (`200`) and deleted (`204`); each body checked as
    /// an `audioRoutingGroup`.
    fn audio_routing(
        &mut self,
        method: &Method,
        id: &str,
        group: Option<&str>,
        body: &[u8],
        exchange: &mut Exchange,
    ) {
        if *method == Method::GET {
            let Some(call) = self.calls.get(id) else {
                exchange.response = not_found(id);
                return;
            };
            exchange.response = match group {
                None => {
                    let groups: Vec<&Value> = call.audio_routing_groups.values().collect();
                    json_response(StatusCode::OK, &json!({"value": groups}))
                }
                Some(group) => match call.audio_routing_groups.get(group) {
                    Some(found) => json_response(StatusCode::OK, found),
                    None => not_found(group),
                },
            };
            return;
        }
        if self.live(id, exchange).is_none() {
            return;
        }
        let checked = match method {
            &Method::DELETE => None,
            _ => match checked("audioRoutingGroup", Some(id), body, exchange) {
                Some(value) => Some(value),
                None => return,
            },
        };
        self.next += 1;
        let fresh = format!("{:08x}-a0d1-4a00-8000-{:012x}", self.next, self.next);
        let Some(call) = self.calls.get_mut(id) else {
            return;
        };
        let groups = &mut call.audio_routing_groups;
        exchange.response = match (method, group, checked) {
            (&Method::POST, None, Some(mut value)) => {
                let group = value["id"].as_str().map_or(fresh, str::to_owned);
                value["id"] = json!(group);
                match groups.entry(group) {
                    std::collections::btree_map::Entry::Occupied(taken) => odata_error(
                        StatusCode::CONFLICT,
                        "Conflict",
                        &format!("An audio routing group '{}' already exists.", taken.key()),
                    ),
                    std::collections::btree_map::Entry::Vacant(free) => {
                        json_response(StatusCode::CREATED, free.insert(value))
                    }
                }
            }
            (&Method::PATCH, Some(group), Some(value)) => match groups.get_mut(group) {
                Some(found) => {
                    if let (Some(found), Some(changes)) = (found.as_object_mut(), value.as_object())
                    {
                        for (member, changed) in changes {
                            if member != "id" {
                                found.insert(member.clone(), changed.clone());
                            }
                        }
                    }
                    json_response(StatusCode::OK, found)
                }
                None => not_found(group),
            },
            (&Method::DELETE, Some(group), _) => match groups.remove(group) {
                Some(_) => empty(StatusCode::NO_CONTENT),
                None => not_found(group),
            },
            _ => odata_error(
                StatusCode::METHOD_NOT_ALLOWED,
                "BadRequest",
                "the method is not allowed on this resource",
            ),
        };
    }
}

/// The body decoded strictly as `type_name` and linted; on a refusal, the 400 and
/// the finding.
fn checked(
    type_name: &str,
    call_id: Option<&str>,
    body: &[u8],
    exchange: &mut Exchange,
) -> Option<Value> {
    let refuse = |exchange: &mut Exchange, message: String| {
        exchange.findings.push(Finding::new(
            FindingCode::InvalidRequest,
            call_id,
            format!("{type_name}: {message}"),
        ));
        exchange.response = odata_error(StatusCode::BAD_REQUEST, "BadRequest", &message);
    };
    let decoded = match by_name::decode_as(&DecodeOptions::strict(), Some(type_name), body) {
        Ok(decoded) => decoded,
        Err(e) => {
            refuse(exchange, e.to_string());
            return None;
        }
    };
    let value: Option<Value> = serde_json::from_slice(body).ok();
    // A bot under test on this machine calls back over plain HTTP: the HTTPS rule
    // holds for every other host.
    let loopback = value
        .as_ref()
        .and_then(|v| v["callbackUri"].as_str())
        .is_some_and(is_loopback);
    let errors: Vec<String> = lint::lint(decoded.value.as_ref())
        .into_iter()
        .filter(|f| f.severity == LintSeverity::Error)
        .filter(|f| !(loopback && f.code == LintCode::CallbackUriNotHttps))
        .map(|f| f.to_string())
        .collect();
    if !errors.is_empty() {
        refuse(exchange, errors.join("; "));
        return None;
    }
    value
}

/// Whether `url` is `http://` on this machine: `127.0.0.0/8`, `[::1]` or `localhost`.
fn is_loopback(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let name = if host.starts_with('[') {
        host.split(']').next().map(|h| &h[1..]).unwrap_or_default()
    } else {
        host.split(':').next().unwrap_or_default()
    };
    name.eq_ignore_ascii_case("localhost")
        || name == "::1"
        || name
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

impl<'a> Route<'a> {
    /// The call the route is about (`Calls`: none, an empty id).
    fn call(&self) -> &'a str {
        match self {
            Route::Calls => "",
            Route::Call(id)
            | Route::Participants(id)
            | Route::Participant(id, _)
            | Route::Action(id, _, _)
            | Route::AudioRoutingGroups(id)
            | Route::AudioRoutingGroup(id, _) => id,
        }
    }
}

/// The call a request's path is about, when it names one Graph serves.
pub(crate) fn call_in(path: &str) -> Option<&str> {
    route(path).map(|r| r.call()).filter(|id| !id.is_empty())
}

/// What `path` names, under `/v1.0` or `/beta`.
fn route(path: &str) -> Option<Route<'_>> {
    let rest = path
        .strip_prefix("/v1.0/")
        .or_else(|| path.strip_prefix("/beta/"))?;
    let rest = rest.strip_prefix("communications/calls")?;
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let action = |binding: Binding, segment: &str| {
        Action::ALL
            .iter()
            .copied()
            .find(|a| a.binding() == binding && a.segment().eq_ignore_ascii_case(segment))
    };
    Some(match segments.as_slice() {
        [] => Route::Calls,
        [id] => Route::Call(id),
        [id, p] if p.eq_ignore_ascii_case("participants") => Route::Participants(id),
        [id, p, x] if p.eq_ignore_ascii_case("participants") => {
            match action(Binding::Participants, x) {
                Some(a) => Route::Action(id, a, None),
                None => Route::Participant(id, x),
            }
        }
        [id, p, participant, x] if p.eq_ignore_ascii_case("participants") => {
            Route::Action(id, action(Binding::Participant, x)?, Some(participant))
        }
        [id, g] if g.eq_ignore_ascii_case("audioRoutingGroups") => Route::AudioRoutingGroups(id),
        [id, g, group] if g.eq_ignore_ascii_case("audioRoutingGroups") => {
            Route::AudioRoutingGroup(id, group)
        }
        [id, x] => Route::Action(id, action(Binding::Call, x)?, None),
        _ => return None,
    })
}

/// The call's roster as Graph lists it: the caller and the bot.
fn participants(call: &SimCall) -> Vec<Value> {
    let mut roster = Vec::new();
    if let Some(identity) = call.resource.pointer("/source/identity") {
        roster.push(json!({"@odata.type": "#microsoft.graph.participant", "id": format!("{}-caller", call.id),
            "info": {"@odata.type": "#microsoft.graph.participantInfo", "identity": identity},
            "isMuted": false, "isInLobby": false}));
    }
    roster
}

/// Moves the call to `state`, and the notification that says so.
fn set_state(call: &mut SimCall, state: &str) -> Callback {
    call.state = state.to_owned();
    call.resource["state"] = json!(state);
    let resource = json!({"@odata.type": "#microsoft.graph.call", "state": state});
    call_callback(call, "", "updated", resource)
}

/// `establishing`, then `established`.
fn establish(call: &mut SimCall) -> Vec<Callback> {
    vec![
        set_state(call, "establishing"),
        set_state(call, "established"),
    ]
}

/// `terminating` (unless the call never got further than incoming), then
/// `terminated` with the result.
fn end(call: &mut SimCall, code: i32, subcode: i32, message: &str) -> Vec<Callback> {
    let mut callbacks = Vec::new();
    if call.state != "incoming" {
        callbacks.push(set_state(call, "terminating"));
    }
    call.state = "terminated".to_owned();
    let result = json!({"@odata.type": "#microsoft.graph.resultInfo",
        "code": code, "subcode": subcode, "message": message});
    call.resource["state"] = json!("terminated");
    call.resource["resultInfo"] = result.clone();
    let resource = json!({"@odata.type": "#microsoft.graph.call", "state": "terminated",
        "resultInfo": result});
    callbacks.push(call_callback(call, "", "deleted", resource));
    callbacks
}

fn call_callback(call: &SimCall, under: &str, change: &str, resource: Value) -> Callback {
    Callback {
        call_id: call.id.clone(),
        url: call.callback_uri.clone(),
        body: notification(&call.id, under, change, resource),
    }
}

/// A `commsNotifications` body of one notification about `call_id` (and the path
/// under it).
pub fn notification(call_id: &str, under: &str, change: &str, resource: Value) -> Vec<u8> {
    let body = json!({
        "@odata.type": "#microsoft.graph.commsNotifications",
        "value": [{
            "@odata.type": "#microsoft.graph.commsNotification",
            "changeType": change,
            "resourceUrl": format!("/communications/calls/{call_id}{under}"),
            "resourceData": resource,
        }]
    });
    serde_json::to_vec(&body).unwrap_or_default()
}

fn json_response(status: StatusCode, value: &Value) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(serde_json::to_vec(value).unwrap_or_default());
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    response
}

fn empty(status: StatusCode) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(Vec::new());
    *response.status_mut() = status;
    response
}

fn not_found(id: &str) -> http::Response<Vec<u8>> {
    odata_error(
        StatusCode::NOT_FOUND,
        "ItemNotFound",
        &format!("Resource '{id}' was not found."),
    )
}

/// An OData error body: `{"error": {"code", "message"}}`.
pub fn odata_error(status: StatusCode, code: &str, message: &str) -> http::Response<Vec<u8>> {
    json_response(
        status,
        &json!({"error": {"code": code, "message": message}}),
    )
}
