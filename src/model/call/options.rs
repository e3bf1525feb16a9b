//! Call options: features a bot turns on when it creates or answers a call.

use crate::declare::{members, object, polymorphic};

polymorphic! {
    /// The optional features of a call; `callOptions` is abstract, so the concrete
    /// type is `outgoingCallOptions` (creating a call) or `incomingCallOptions` (answering one).
    CallOptions = "callOptions", abstract {
        Incoming(IncomingCallOptions),
        Outgoing(OutgoingCallOptions),
    }
    common {
        /// Indicates whether to hide the app after the call is escalated.
        hide_bot_after_escalation: bool,
        /// Indicates whether content sharing notifications should be enabled for the call.
        is_content_sharing_notification_enabled: bool,
        /// Indicates whether delta roster is enabled for the call.
        is_delta_roster_enabled: bool,
        /// Indicates whether delta roster filtering by participant interactivity is enabled.
        is_interactive_roster_enabled: bool,
    }
}

members! {
    /// `callOptions`'s members: it is abstract, and its two types have no others.
    call_options {
        /// Indicates whether to hide the app after the call is escalated.
        hide_bot_after_escalation: bool = "hideBotAfterEscalation",
        /// Indicates whether content sharing notifications should be enabled for the call.
        is_content_sharing_notification_enabled: bool = "isContentSharingNotificationEnabled",
        /// Indicates whether delta roster is enabled for the call.
        is_delta_roster_enabled: bool = "isDeltaRosterEnabled",
        /// Indicates whether delta roster filtering by participant interactivity is enabled.
        is_interactive_roster_enabled: bool = "isInteractiveRosterEnabled",
    }
}

object! {
    /// Options for a call the bot places.
    OutgoingCallOptions = "outgoingCallOptions" : call_options {}
}

object! {
    /// Options for a call the bot answers.
    IncomingCallOptions = "incomingCallOptions" : call_options {}
}
