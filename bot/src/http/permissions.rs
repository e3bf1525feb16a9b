//! The application permissions each request needs, as the v1.0 page of its endpoint
//! documents them (`microsoftgraph/microsoft-graph-docs-contrib`,
//! `api-reference/v1.0/api/<page>.md`; the permission tables name "Application"
//! permissions only: delegated ones are "Not supported" on every calls page).

use std::fmt;

use super::Endpoint;
use graph_comms::action::{Action, CallAnswer};
use graph_comms::by_name::GraphValue;
use graph_comms::call::Call;
use graph_comms::media::MediaConfig;

/// An application permission of the calls API, by the name Graph defines
/// (`concepts/permissions-reference.md`, "Calls permissions"; the resource-specific
/// consent ones in its chat table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Permission {
    /// `Calls.AccessMedia.All`: access media streams in a call as an app.
    AccessMedia,
    /// `Calls.Initiate.All`: place outbound calls to a single user, and transfer calls.
    Initiate,
    /// `Calls.InitiateGroupCall.All`: place outbound calls to several users, and add
    /// participants to meetings.
    InitiateGroupCall,
    /// `Calls.JoinGroupCall.All`: join group calls and meetings as an app.
    JoinGroupCall,
    /// `Calls.JoinGroupCallAsGuest.All`: join group calls and meetings as a guest.
    JoinGroupCallAsGuest,
    /// `Calls.JoinGroupCalls.Chat`: resource-specific consent to join the calls of one
    /// chat or meeting.
    JoinGroupCallsChat,
    /// `Calls.AccessMedia.Chat`: resource-specific consent to access the media of the
    /// calls of one chat or meeting.
    AccessMediaChat,
}

impl Permission {
    /// Every permission.
    pub const ALL: [Permission; 7] = [
        Permission::AccessMedia,
        Permission::Initiate,
        Permission::InitiateGroupCall,
        Permission::JoinGroupCall,
        Permission::JoinGroupCallAsGuest,
        Permission::JoinGroupCallsChat,
        Permission::AccessMediaChat,
    ];

    /// The permission's name: `Calls.Initiate.All`.
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::AccessMedia => "Calls.AccessMedia.All",
            Permission::Initiate => "Calls.Initiate.All",
            Permission::InitiateGroupCall => "Calls.InitiateGroupCall.All",
            Permission::JoinGroupCall => "Calls.JoinGroupCall.All",
            Permission::JoinGroupCallAsGuest => "Calls.JoinGroupCallAsGuest.All",
            Permission::JoinGroupCallsChat => "Calls.JoinGroupCalls.Chat",
            Permission::AccessMediaChat => "Calls.AccessMedia.Chat",
        }
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

use Permission::{
    AccessMedia, Initiate, InitiateGroupCall, JoinGroupCall, JoinGroupCallAsGuest,
    JoinGroupCallsChat,
};

/// What a request needs, as its page documents it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Permissions {
    /// The page documents that the request needs none (`reject`: "Application:
    /// None").
    NoneNeeded,
    /// The page publishes no permission table of its own: the permissions were
    /// checked when the call was created or answered (`GET` of a call or a
    /// participant, `unmute`, `sendDtmfTones`, `participant.mute`, an `answer` with
    /// service-hosted media).
    CheckedAtCreation,
    /// Any one of these sets suffices, each taken whole; least privileged first.
    AnyOf(Vec<Vec<Permission>>),
}

impl Permissions {
    /// The alternatives, each a set of permissions that suffices together: empty
    /// unless the page lists some.
    pub fn alternatives(&self) -> &[Vec<Permission>] {
        match self {
            Permissions::AnyOf(sets) => sets,
            Permissions::NoneNeeded | Permissions::CheckedAtCreation => &[],
        }
    }
}

/// Each permission alone is an alternative, in the order given (least privileged
/// first, as the pages list them).
fn any_of(permissions: &[Permission]) -> Permissions {
    Permissions::AnyOf(permissions.iter().map(|p| vec![*p]).collect())
}

/// One set of permissions, all needed.
fn all_of(permissions: &[Permission]) -> Permissions {
    Permissions::AnyOf(vec![permissions.to_vec()])
}

/// The application permissions the request to `endpoint` needs, with `body` its
/// request body when it has one (a create call's targets, meeting and media decide,
/// and an answer's media): the alternatives, each a set of permissions that suffices
/// together, least privileged first; or that none is needed (`reject`: "None"); or
/// that the page publishes no table of its own, the permissions having been checked
/// when the call was created.
///
/// ```
/// use graph_comms::call::Call;
/// use graph_comms_bot::http::{Endpoint, permissions};
/// use graph_comms::identity::{Identity, IdentitySet};
/// use graph_comms::media::AppHostedMediaConfig;
///
/// let user = IdentitySet::user(Identity::new("8f1f4b49-7e5d-4a4c-9b2e-3a1c0d6e5f70"));
/// let call = Call::peer_to_peer("https://bot.contoso.com/callback", user, AppHostedMediaConfig::new("blob"));
/// let needed = permissions(&Endpoint::CreateCall, Some(&call));
/// let names: Vec<Vec<&str>> = needed.alternatives().iter().map(|set| set.iter().map(|p| p.as_str()).collect()).collect();
/// assert_eq!(names, [["Calls.Initiate.All", "Calls.AccessMedia.All"]]);
/// ```
pub fn permissions(endpoint: &Endpoint, body: Option<&dyn GraphValue>) -> Permissions {
    let body = body.map(GraphValue::as_any);
    match endpoint {
        Endpoint::CreateCall => body
            .and_then(|b| b.downcast_ref::<Call>())
            .map(create_call)
            .unwrap_or_else(|| {
                // application-post-calls.md's table, least privileged first.
                any_of(&[
                    JoinGroupCallsChat,
                    JoinGroupCallAsGuest,
                    JoinGroupCall,
                    Initiate,
                    InitiateGroupCall,
                ])
            }),
        // call-delete.md, call-list-participants.md: "Calls.Initiate.All,
        // Calls.AccessMedia.All".
        Endpoint::DeleteCall { .. } | Endpoint::ListParticipants { .. } => {
            any_of(&[Initiate, AccessMedia])
        }
        // call-get.md, participant-get.md: checked when the call is created.
        Endpoint::GetCall { .. } | Endpoint::GetParticipant { .. } => {
            Permissions::CheckedAtCreation
        }
        // participant-delete.md: "Calls.JoinGroupCallsasGuest.All or
        // Calls.JoinGroupCalls.All" (the reference's names), and a tenant-level
        // application meeting configuration.
        Endpoint::DeleteParticipant { .. } => any_of(&[JoinGroupCallAsGuest, JoinGroupCall]),
        // call-post-audioroutinggroups.md, audioroutinggroup-update.md,
        // audioroutinggroup-delete.md: least Calls.JoinGroupCall.All, higher
        // Calls.InitiateGroupCall.All.
        Endpoint::CreateAudioRoutingGroup { .. }
        | Endpoint::UpdateAudioRoutingGroup { .. }
        | Endpoint::DeleteAudioRoutingGroup { .. } => any_of(&[JoinGroupCall, InitiateGroupCall]),
        Endpoint::Action { action, .. } => {
            let answer = body.and_then(|b| b.downcast_ref::<CallAnswer>());
            action_permissions(*action, answer.and_then(|a| a.media_config.as_ref()))
        }
    }
}

/// The permissions of an action; `media` is the body's media configuration, for
/// `answer`.
fn action_permissions(action: Action, media: Option<&MediaConfig>) -> Permissions {
    match action {
        // call-answer.md: "For a call that uses application-hosted media, you also
        // need the Calls.AccessMedia.All permission." No table of its own.
        Action::CallAnswer => match media {
            Some(MediaConfig::AppHosted(_)) => all_of(&[AccessMedia]),
            _ => Permissions::CheckedAtCreation,
        },
        // call-reject.md: "Application: None".
        Action::CallReject => Permissions::NoneNeeded,
        // call-redirect.md, call-transfer.md: "Calls.Initiate.All".
        Action::CallRedirect | Action::CallTransfer => all_of(&[Initiate]),
        // call-playprompt.md, call-mute.md, call-cancelmediaprocessing.md,
        // call-keepalive.md: "Calls.Initiate.All, Calls.AccessMedia.All".
        Action::CallPlayPrompt
        | Action::CallMute
        | Action::CallCancelMediaProcessing
        | Action::CallKeepAlive => any_of(&[Initiate, AccessMedia]),
        // call-record.md, call-subscribetotone.md, call-changescreensharingrole.md:
        // "Calls.AccessMedia.All".
        Action::CallRecordResponse
        | Action::CallSubscribeToTone
        | Action::CallChangeScreenSharingRole => all_of(&[AccessMedia]),
        // call-updaterecordingstatus.md: "Calls.JoinGroupCalls.All,
        // Calls.AccessMedia.All".
        Action::CallUpdateRecordingStatus => any_of(&[JoinGroupCall, AccessMedia]),
        // call-addlargegalleryview.md: "Calls.JoinGroupCallAsGuest.All,
        // Calls.JoinGroupCall.All, Calls.InitiateGroupCall.All".
        Action::CallAddLargeGalleryView => {
            any_of(&[JoinGroupCallAsGuest, JoinGroupCall, InitiateGroupCall])
        }
        // participant-startholdmusic.md, participant-stopholdmusic.md: least
        // Calls.JoinGroupCallAsGuest.All, higher Calls.JoinGroupCall.All.
        Action::ParticipantStartHoldMusic | Action::ParticipantStopHoldMusic => {
            any_of(&[JoinGroupCallAsGuest, JoinGroupCall])
        }
        // participant-invite.md: least Calls.InitiateGroupCall.All.
        Action::ParticipantsInvite => all_of(&[InitiateGroupCall]),
        // call-unmute.md, call-senddtmftones.md, participant-mute.md: checked when
        // the call is created, no table of their own.
        Action::CallUnmute | Action::CallSendDtmfTones | Action::ParticipantMute => {
            Permissions::CheckedAtCreation
        }
    }
}

/// The permissions of a create-call request, by what its body asks for
/// (application-post-calls.md and its examples).
fn create_call(call: &Call) -> Permissions {
    let targets = call.targets.as_ref().map_or(0, Vec::len);
    let mut needed = if call.meeting_info.is_some() || call.chat_info.is_some() {
        // Joining a meeting: "Calls.JoinGroupCalls.Chat*, Calls.JoinGroupCallAsGuest.All,
        // Calls.JoinGroupCall.All" (least privileged first; * resource-specific consent).
        any_of(&[JoinGroupCallsChat, JoinGroupCallAsGuest, JoinGroupCall])
    } else if targets <= 1 {
        // Examples 1, 2, 9, 10: "This call needs the Calls.Initiate.All permission."
        all_of(&[Initiate])
    } else {
        // Examples 3, 4: the group call "needs the Calls.InitiateGroupCall.All permission".
        all_of(&[InitiateGroupCall])
    };
    // "For a call with app-hosted media, you need the Calls.AccessMedia.All permission
    // in addition to one of the permissions listed in the table above."
    if matches!(call.media_config, Some(MediaConfig::AppHosted(_)))
        && let Permissions::AnyOf(sets) = &mut needed
    {
        for set in sets {
            set.push(AccessMedia);
        }
    }
    needed
}
