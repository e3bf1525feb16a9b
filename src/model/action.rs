//! Actions: what a bot asks of a call after creating or receiving it — answer,
//! reject, redirect, transfer, play prompts, record, mute, invite, hold music… —
//! one type per bound action's request body, and which operation answers each.
//!
//! A body's metadata name is `<binding>.<action>` (`call.answer`,
//! `participant.mute`, `participants.invite`): the CLI's `--type`,
//! [`by_name`](crate::by_name) and the schema files use it. Bodies are declared like
//! every other type: open, lenient, canonical, with builders. They carry no
//! `@odata.type`; the one an SDK writes (`#microsoft.graph.callAnswerRequestBody`) is
//! accepted and kept. A parameter the metadata declares neither nullable nor
//! optional is marked required: the schema requires it, and decoding a body
//! without it reports a [`missing_member`](crate::DiagnosticKind::MissingMember)
//! diagnostic.
//!
//! [`Action`] lists the actions: how each is bound and named in its URL, and the
//! reply Graph documents for it. [`ActionBody`] ties each body type to its action and
//! to the operation type that answers it.
//!
//! ```
//! use graph_comms::GraphType;
//! use graph_comms::action::{Action, ActionBody, CallPlayPrompt};
//! use graph_comms::media::{MediaInfo, MediaPrompt};
//!
//! let hello = MediaInfo::new("https://bot.contoso.com/hello.wav", "hello-v1");
//! let body = CallPlayPrompt::new([MediaPrompt::new(hello).into()]).with_client_context("greeting");
//! assert_eq!(CallPlayPrompt::TYPE_NAME, "call.playPrompt");
//! assert_eq!(CallPlayPrompt::ACTION.operation(), Some("playPromptOperation"));
//! assert_eq!(
//!     graph_comms::to_string(&body),
//!     r##"{"prompts":[{"@odata.type":"#microsoft.graph.mediaPrompt","mediaInfo":{"@odata.type":"#microsoft.graph.mediaInfo","resourceId":"hello-v1","uri":"https://bot.contoso.com/hello.wav"}}],"clientContext":"greeting"}"##
//! );
//! assert_eq!(Action::from_name("participants.invite"), Some(Action::ParticipantsInvite));
//! ```

use crate::GraphType;
use crate::operation::{
    AddLargeGalleryViewOperation, AnyCommsOperation, CancelMediaProcessingOperation,
    InviteParticipantsOperation, MuteParticipantOperation, PlayPromptOperation, RecordOperation,
    SendDtmfTonesOperation, StartHoldMusicOperation, StopHoldMusicOperation,
    SubscribeToToneOperation, UnmuteParticipantOperation, UpdateRecordingStatusOperation,
};

mod incoming;
mod media;
mod participants;
mod session;

pub use incoming::{CallAnswer, CallDisposition, CallRedirect, CallReject};
pub use media::{
    CallCancelMediaProcessing, CallPlayPrompt, CallRecordResponse, CallSendDtmfTones,
    CallSubscribeToTone,
};
pub use participants::{
    CallMute, CallTransfer, CallUnmute, ParticipantMute, ParticipantStartHoldMusic,
    ParticipantStopHoldMusic, ParticipantsInvite,
};
pub use session::{
    CallAddLargeGalleryView, CallChangeScreenSharingRole, CallKeepAlive, CallUpdateRecordingStatus,
};

/// What an action is bound to: the resource its URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Binding {
    /// One call: `/communications/calls/{id}/<action>`.
    Call,
    /// One participant of a call: `/communications/calls/{id}/participants/{id}/<action>`.
    Participant,
    /// A call's participants collection: `/communications/calls/{id}/participants/<action>`.
    Participants,
}

impl Binding {
    /// The binding's name, as the body's metadata name begins: `call`,
    /// `participant` or `participants`.
    pub fn as_str(self) -> &'static str {
        match self {
            Binding::Call => "call",
            Binding::Participant => "participant",
            Binding::Participants => "participants",
        }
    }
}

/// What Graph answers an action with, as its v1.0 page documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Reply {
    /// The HTTP status: `200` or `202`.
    pub status: u16,
    /// The metadata name of the operation in the body (its URL in the `Location`
    /// header), or `None` for a reply with no body: the outcome then comes as
    /// notifications of the call.
    pub operation: Option<&'static str>,
}

/// The request body of a bound action.
pub trait ActionBody: GraphType {
    /// The action the body is sent to.
    const ACTION: Action;
    /// The type of the operation that answers the action, and that later
    /// notifications report. For an action whose page documents a reply without a
    /// body ([`Reply::operation`] is `None`), any operation: should Graph answer with
    /// one, it is read at the polymorphic point.
    type Operation;
}

macro_rules! actions {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $binding:ident $segment:literal => $status:literal $($operation:ident)?;
    )*) => {
        /// A bound action of the calls API, by its body's metadata name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Action {
            $(
                $(#[doc = $doc])*
                #[doc = concat!("\n\nThe body is [`", stringify!($variant), "`].")]
                $variant,
            )*
        }

        impl Action {
            /// Every action: those bound to a call, then to one participant, then to
            /// the participants collection.
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];

            /// The body's metadata name, `<binding>.<action>`: `call.answer`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => <$variant as GraphType>::TYPE_NAME,)*
                }
            }

            /// The action's name in its URL: `answer`.
            pub fn segment(self) -> &'static str {
                match self {
                    $(Action::$variant => $segment,)*
                }
            }

            /// What the action is bound to.
            pub fn binding(self) -> Binding {
                match self {
                    $(Action::$variant => Binding::$binding,)*
                }
            }

            /// What Graph answers the action with.
            pub fn reply(self) -> Reply {
                match self {
                    $(Action::$variant => Reply {
                        status: $status,
                        operation: actions!(@name $($operation)?),
                    },)*
                }
            }
        }

        $(
            impl ActionBody for $variant {
                const ACTION: Action = Action::$variant;
                type Operation = actions!(@type $($operation)?);
            }
        )*
    };
    (@name) => { None };
    (@name $operation:ident) => { Some(<$operation as GraphType>::TYPE_NAME) };
    (@type) => { AnyCommsOperation };
    (@type $operation:ident) => { $operation };
}

actions! {
    /// `answer` an incoming call.
    CallAnswer = Call "answer" => 202;
    /// `reject` an incoming call.
    CallReject = Call "reject" => 202;
    /// `redirect` an incoming call to other targets.
    CallRedirect = Call "redirect" => 202;
    /// `transfer` the call to another party.
    CallTransfer = Call "transfer" => 202;
    /// `playPrompt`: play prompts into the call.
    CallPlayPrompt = Call "playPrompt" => 200 PlayPromptOperation;
    /// `recordResponse`: play prompts, then record the caller.
    CallRecordResponse = Call "recordResponse" => 200 RecordOperation;
    /// `subscribeToTone`: receive the DTMF tones pressed.
    CallSubscribeToTone = Call "subscribeToTone" => 200 SubscribeToToneOperation;
    /// `mute` the bot itself.
    CallMute = Call "mute" => 200 MuteParticipantOperation;
    /// `unmute` the bot itself.
    CallUnmute = Call "unmute" => 200 UnmuteParticipantOperation;
    /// `updateRecordingStatus` of the bot.
    CallUpdateRecordingStatus = Call "updateRecordingStatus" => 200 UpdateRecordingStatusOperation;
    /// `cancelMediaProcessing`: stop the prompts and recordings under way.
    CallCancelMediaProcessing = Call "cancelMediaProcessing" => 200 CancelMediaProcessingOperation;
    /// `changeScreenSharingRole` of the bot.
    CallChangeScreenSharingRole = Call "changeScreenSharingRole" => 202;
    /// `sendDtmfTones` into the call.
    CallSendDtmfTones = Call "sendDtmfTones" => 200 SendDtmfTonesOperation;
    /// `addLargeGalleryView` to the call.
    CallAddLargeGalleryView = Call "addLargeGalleryView" => 202 AddLargeGalleryViewOperation;
    /// `keepAlive`: keep the call from ending.
    CallKeepAlive = Call "keepAlive" => 200;
    /// `mute` another participant.
    ParticipantMute = Participant "mute" => 200 MuteParticipantOperation;
    /// `startHoldMusic` for a participant.
    ParticipantStartHoldMusic = Participant "startHoldMusic" => 202 StartHoldMusicOperation;
    /// `stopHoldMusic` for a participant.
    ParticipantStopHoldMusic = Participant "stopHoldMusic" => 202 StopHoldMusicOperation;
    /// `invite` participants into the call.
    ParticipantsInvite = Participants "invite" => 200 InviteParticipantsOperation;
}

impl Action {
    /// The action whose body's metadata name is `name` (`call.answer`), if any.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// The metadata name of the operation that answers the action, if it has one:
    /// `playPromptOperation` for `call.playPrompt`.
    pub fn operation(self) -> Option<&'static str> {
        self.reply().operation
    }

    /// The actions an operation of type `operation` (a metadata name, such as
    /// `muteParticipantOperation`) answers: what a notification about it is the
    /// outcome of. `muteParticipantOperation` answers both `call.mute` and
    /// `participant.mute`.
    pub fn answered_by(operation: &str) -> impl Iterator<Item = Action> + '_ {
        Action::ALL
            .iter()
            .copied()
            .filter(move |a| a.operation() == Some(operation))
    }
}
