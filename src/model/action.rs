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
//! operation type that answers it. [`ActionBody`] ties each body type to its action
//! and to that operation type; [`CallBound`] and [`ParticipantBound`] say in the
//! type which ids its URL needs, so that a request for a body cannot be built with
//! the wrong ones (the HTTP side is `graph-comms-bot`'s).
//!
//! ```
//! use graph_comms::GraphType;
//! use graph_comms::action::{Action, ActionBody, CallPlayPrompt};
//! use graph_comms::media::{MediaInfo, MediaPrompt};
//! use graph_comms::operation::OperationType;
//!
//! let hello = MediaInfo::new("https://bot.contoso.com/hello.wav", "hello-v1");
//! let body = CallPlayPrompt::new([MediaPrompt::new(hello).into()]).with_client_context("greeting");
//! assert_eq!(CallPlayPrompt::TYPE_NAME, "call.playPrompt");
//! assert_eq!(CallPlayPrompt::ACTION.operation(), Some(OperationType::PlayPrompt));
//! assert_eq!(
//!     graph_comms::to_string(&body),
//!     r##"{"prompts":[{"@odata.type":"#microsoft.graph.mediaPrompt","mediaInfo":{"@odata.type":"#microsoft.graph.mediaInfo","resourceId":"hello-v1","uri":"https://bot.contoso.com/hello.wav"}}],"clientContext":"greeting"}"##
//! );
//! assert_eq!("participants.invite".parse(), Ok(Action::ParticipantsInvite));
//! ```

use std::fmt;
use std::str::FromStr;

use crate::GraphType;
use crate::operation::{
    AddLargeGalleryViewOperation, AnyCommsOperation, CancelMediaProcessingOperation,
    InviteParticipantsOperation, MuteParticipantOperation, OperationType, PlayPromptOperation,
    RecordOperation, SendDtmfTonesOperation, StartHoldMusicOperation, StopHoldMusicOperation,
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
///
/// Closed: the three kinds of resource the calls API binds actions to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(clippy::exhaustive_enums)]
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

impl fmt::Display for Binding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The request body of a bound action.
pub trait ActionBody: GraphType {
    /// The action the body is sent to.
    const ACTION: Action;
    /// The type of the operation that answers the action, and that later
    /// notifications report. For an action answered without an operation
    /// ([`Action::operation`] is `None`), any operation: should Graph answer with
    /// one, it is read at the polymorphic point.
    type Operation: crate::Decode;

    /// The body's `clientContext` member, for the bodies that declare one (the
    /// actions that Graph answers with an operation, which echoes it): `None` for a
    /// body without such a member (`call.answer`, `call.keepAlive`).
    fn client_context_mut(&mut self) -> Option<&mut Option<String>>;

    /// The `clientContext` the body carries, if it declares one and it is set.
    fn client_context(&self) -> Option<&str>;
}

/// The body of an action whose URL names the call alone: bound to the call
/// (`call.answer`, `call.playPrompt`) or to its participants collection
/// (`participants.invite`). A request for it takes a call id and nothing else.
pub trait CallBound: ActionBody {}

/// The body of an action bound to one participant of a call (`participant.mute`,
/// `participant.startHoldMusic`). A request for it takes a call id and a
/// participant id.
pub trait ParticipantBound: ActionBody {}

macro_rules! actions {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $binding:ident $segment:literal $(=> $operation:ident)?;
    )*) => {
        /// A bound action of the calls API, by its body's metadata name.
        ///
        /// Matched exhaustively on purpose: the tables keyed by action (the
        /// replies, permissions and lints of `graph-comms-bot`) state a row for
        /// each, so a new action does not compile until every table has its row.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(clippy::exhaustive_enums)]
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
            pub fn as_str(self) -> &'static str {
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

            /// The type of the operation that answers the action and reports its
            /// outcome, if it has one: [`OperationType::PlayPrompt`] for
            /// `call.playPrompt`.
            pub fn operation(self) -> Option<OperationType> {
                match self {
                    $(Action::$variant => actions!(@name $($operation)?),)*
                }
            }
        }

        /// Tells `visitor` of every action's body type, and of the types they reach.
        pub(crate) fn reach_bodies<V: crate::declare::registry::Visit>(visitor: &mut V) {
            $(<$variant as crate::declare::registry::Reach>::reach(visitor);)*
        }

        $(
            impl ActionBody for $variant {
                const ACTION: Action = Action::$variant;
                type Operation = actions!(@type $($operation)?);

                fn client_context_mut(&mut self) -> Option<&mut Option<String>> {
                    <Self as crate::decode::Object>::member_mut(self, "clientContext")
                        .and_then(|member| member.downcast_mut())
                }

                fn client_context(&self) -> Option<&str> {
                    <Self as crate::decode::Object>::member_ref(self, "clientContext")
                        .and_then(|member| member.downcast_ref::<Option<String>>())
                        .and_then(Option::as_deref)
                }
            }
            actions!(@bound $binding $variant);
        )*
    };
    (@name) => { None };
    (@name $operation:ident) => { Some(<$operation as crate::operation::OperationKind>::KIND) };
    (@type) => { AnyCommsOperation };
    (@type $operation:ident) => { $operation };
    (@bound Call $variant:ident) => { impl CallBound for $variant {} };
    (@bound Participants $variant:ident) => { impl CallBound for $variant {} };
    (@bound Participant $variant:ident) => { impl ParticipantBound for $variant {} };
}

actions! {
    /// `answer` an incoming call.
    CallAnswer = Call "answer";
    /// `reject` an incoming call.
    CallReject = Call "reject";
    /// `redirect` an incoming call to other targets.
    CallRedirect = Call "redirect";
    /// `transfer` the call to another party.
    CallTransfer = Call "transfer";
    /// `playPrompt`: play prompts into the call.
    CallPlayPrompt = Call "playPrompt" => PlayPromptOperation;
    /// `recordResponse`: play prompts, then record the caller.
    CallRecordResponse = Call "recordResponse" => RecordOperation;
    /// `subscribeToTone`: receive the DTMF tones pressed.
    CallSubscribeToTone = Call "subscribeToTone" => SubscribeToToneOperation;
    /// `mute` the bot itself.
    CallMute = Call "mute" => MuteParticipantOperation;
    /// `unmute` the bot itself.
    CallUnmute = Call "unmute" => UnmuteParticipantOperation;
    /// `updateRecordingStatus` of the bot.
    CallUpdateRecordingStatus = Call "updateRecordingStatus" => UpdateRecordingStatusOperation;
    /// `cancelMediaProcessing`: stop the prompts and recordings under way.
    CallCancelMediaProcessing = Call "cancelMediaProcessing" => CancelMediaProcessingOperation;
    /// `changeScreenSharingRole` of the bot.
    CallChangeScreenSharingRole = Call "changeScreenSharingRole";
    /// `sendDtmfTones` into the call.
    CallSendDtmfTones = Call "sendDtmfTones" => SendDtmfTonesOperation;
    /// `addLargeGalleryView` to the call.
    CallAddLargeGalleryView = Call "addLargeGalleryView" => AddLargeGalleryViewOperation;
    /// `keepAlive`: keep the call from ending.
    CallKeepAlive = Call "keepAlive";
    /// `mute` another participant.
    ParticipantMute = Participant "mute" => MuteParticipantOperation;
    /// `startHoldMusic` for a participant.
    ParticipantStartHoldMusic = Participant "startHoldMusic" => StartHoldMusicOperation;
    /// `stopHoldMusic` for a participant.
    ParticipantStopHoldMusic = Participant "stopHoldMusic" => StopHoldMusicOperation;
    /// `invite` participants into the call.
    ParticipantsInvite = Participants "invite" => InviteParticipantsOperation;
}

impl Action {
    /// The actions an operation of type `operation` answers: what a notification
    /// about it is the outcome of. [`OperationType::MuteParticipant`] answers both
    /// `call.mute` and `participant.mute`.
    pub fn answered_by(operation: OperationType) -> impl Iterator<Item = Action> {
        Action::ALL
            .iter()
            .copied()
            .filter(move |a| a.operation() == Some(operation))
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Action {
    type Err = crate::UnknownName;

    /// The action whose body's metadata name is `name` (`call.answer`).
    fn from_str(name: &str) -> Result<Action, crate::UnknownName> {
        crate::UnknownName::find(Action::ALL, name, "action", Action::as_str)
    }
}
