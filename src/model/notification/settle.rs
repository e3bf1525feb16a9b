//! How generated notifications settle into the ones Graph posts: resources that
//! agree with the resource path — the call the path names, with its `@odata.id`;
//! the operation the path names; `@odata.id`s of a collection's members under it —
//! a legacy `resource` naming the same resource, and call states that go with the
//! change type. How many resources of which kind a notification carries is the
//! traffic table's (`declare::traffic::list_len_in`, `one_kind`).

use serde::Serialize;
use serde_json::{Map, Value};

use super::path::{ResourcePath, Under};
use super::{ChangeType, CommsNotification, Resource};
use crate::call::{Call, CallState};
use crate::declare::traffic::Dice;
use crate::decode::{Decode, DecodeOptions};

/// Settles a notification's resources on its path.
pub(crate) fn notification(n: &mut CommsNotification, d: &mut dyn Dice) {
    let Some(url) = n.resource_url.clone() else {
        return;
    };
    if n.resource.is_some() {
        n.resource = Some(legacy(&url));
    }
    let Some(path) = ResourcePath::parse(&url) else {
        return;
    };
    // Legacy notifications name their resources as they name the path.
    let odata_id = n.resource.clone().unwrap_or_else(|| url.clone());
    let change = n.change_type.clone();
    let Some(data) = n.resource_data.as_mut() else {
        return;
    };
    match path.under {
        Under::Call => {
            for r in data.as_mut_slice() {
                if let Resource::Call(call) = r {
                    call.id = Some(path.call_id.to_owned());
                    call.extra
                        .insert("@odata.id".to_owned(), Value::String(odata_id.clone()));
                    call_state(call, change.as_ref(), d);
                }
            }
        }
        Under::Operations(Some(op_id)) => {
            for r in data.as_mut_slice() {
                if let Resource::Operation(op) = r {
                    let members = [
                        ("id", Value::String(op_id.to_owned())),
                        ("@odata.id", Value::String(odata_id.clone())),
                    ];
                    with_members(op, &members);
                }
            }
        }
        _ => {
            for r in data.as_mut_slice() {
                if let Some((id, extra)) = id_and_extra(r) {
                    name_in(extra, &odata_id, id);
                }
            }
        }
    }
}

/// `/app/calls/…` for `/communications/calls/…`: the legacy name of a path.
fn legacy(url: &str) -> String {
    match url.strip_prefix("/communications") {
        Some(rest) => format!("/app{rest}"),
        None => url.to_owned(),
    }
}

/// A resource's id and unknown members, for the kinds of a collection.
fn id_and_extra(r: &mut Resource) -> Option<(Option<&str>, &mut Map<String, Value>)> {
    Some(match r {
        Resource::Participant(p) => (p.id.as_deref(), &mut p.extra),
        Resource::DeltaParticipants(p) => (p.id.as_deref(), &mut p.extra),
        Resource::ContentSharingSession(s) => (s.id.as_deref(), &mut s.extra),
        Resource::AudioRoutingGroup(g) => (g.id.as_deref(), &mut g.extra),
        _ => return None,
    })
}

/// An `@odata.id` a resource of a collection carries names it under the path.
fn name_in(extra: &mut Map<String, Value>, path: &str, id: Option<&str>) {
    if let Some(v) = extra.get_mut("@odata.id") {
        *v = Value::String(match id {
            Some(id) => format!("{path}/{id}"),
            None => path.to_owned(),
        });
    }
}

/// A call's state as the change type has it: a created call is incoming or
/// establishing, a deleted one terminated, an updated one anything but incoming
/// or terminated.
fn call_state(call: &mut Call, change: Option<&ChangeType>, d: &mut dyn Dice) {
    if call.state.as_ref().is_some_and(|s| !s.is_known()) {
        return;
    }
    let state = match change {
        Some(ChangeType::Deleted) => CallState::Terminated,
        Some(ChangeType::Created) if d.one_in(2) => CallState::Incoming,
        Some(ChangeType::Created) => CallState::Establishing,
        // A terminated call is a deleted one.
        _ => match call.state.clone() {
            None | Some(CallState::Incoming) => CallState::Established,
            Some(CallState::Terminated) => CallState::Terminating,
            Some(s) => s,
        },
    };
    call.state = Some(state);
}

/// Sets members of `value` through its JSON (for the point types whose members have
/// no common setter): kept only if the result decodes strictly.
fn with_members<T: Decode + Serialize>(value: &mut T, members: &[(&str, Value)]) {
    let Ok(mut json) = serde_json::to_value(&*value) else {
        return;
    };
    let Some(object) = json.as_object_mut() else {
        return;
    };
    for (key, v) in members {
        object.insert((*key).to_owned(), v.clone());
    }
    if let Ok(text) = serde_json::to_vec(&json)
        && let Ok(decoded) = DecodeOptions::strict().decode::<T>(&text)
    {
        *value = decoded.value;
    }
}
