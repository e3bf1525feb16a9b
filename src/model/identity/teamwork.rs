//! Teams identities.

use crate::declare::object;
use crate::declare::open_enum;
use crate::identity::identity;

object! {
    /// An application in Teams.
    TeamworkApplicationIdentity = "teamworkApplicationIdentity" : identity {
        /// Type of application that is referenced. The possible values are: aadApplication, bot, tenantBot, office365Connector, outgoingWebhook, and unknownFutureValue.
        application_identity_type: TeamworkApplicationIdentityType = "applicationIdentityType",
    }
}

open_enum! {
    /// The kind of Teams application.
    TeamworkApplicationIdentityType = "teamworkApplicationIdentityType" {
        AadApplication = "aadApplication",
        Bot = "bot",
        TenantBot = "tenantBot",
        Office365Connector = "office365Connector",
        OutgoingWebhook = "outgoingWebhook",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}

object! {
    /// A Teams conversation: a team, channel or chat.
    TeamworkConversationIdentity = "teamworkConversationIdentity" : identity {
        /// Type of conversation. The possible values are: team, channel, chat, and unknownFutureValue.
        conversation_identity_type: TeamworkConversationIdentityType = "conversationIdentityType",
    }
}

open_enum! {
    /// The kind of Teams conversation.
    TeamworkConversationIdentityType = "teamworkConversationIdentityType" {
        Team = "team",
        Channel = "channel",
        Chat = "chat",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}

object! {
    /// A Teams tag.
    TeamworkTagIdentity = "teamworkTagIdentity" : identity {
    }
}

object! {
    /// A user in Teams.
    TeamworkUserIdentity = "teamworkUserIdentity" : identity {
        /// Type of user. The possible values are: aadUser, onPremiseAadUser, anonymousGuest, federatedUser, personalMicrosoftAccountUser, skypeUser, phoneUser, unknownFutureValue and emailUser.
        user_identity_type: TeamworkUserIdentityType = "userIdentityType",
    }
}

open_enum! {
    /// The kind of Teams user.
    TeamworkUserIdentityType = "teamworkUserIdentityType" {
        AadUser = "aadUser",
        OnPremiseAadUser = "onPremiseAadUser",
        AnonymousGuest = "anonymousGuest",
        FederatedUser = "federatedUser",
        PersonalMicrosoftAccountUser = "personalMicrosoftAccountUser",
        SkypeUser = "skypeUser",
        PhoneUser = "phoneUser",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
        EmailUser = "emailUser",
    }
}
