//! Teams identities.

use crate::declare::object;
use crate::declare::open_enum;

object! {
    /// An application in Teams.
    TeamworkApplicationIdentity = "teamworkApplicationIdentity" {
        /// The display name of the identity.For drive items, the display name might not always be available or up to date. For example, if a user changes their display name the API might show the new value in a future response, but the items associated with the user don't show up as changed when using delta.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor. For example, in the access reviews decisions API, this property might record the id of the principal, that is, the group, user, or application that's subject to review.
        id: String = "id",
        /// Type of application that is referenced. The possible values are: aadApplication, bot, tenantBot, office365Connector, outgoingWebhook, and unknownFutureValue.
        application_identity_type: TeamworkApplicationIdentityType = "applicationIdentityType",
    }
}

open_enum! {
    /// The kind of Teams application.
    TeamworkApplicationIdentityType = "teamworkApplicationIdentityType" {
        /// `aadApplication`.
        AadApplication = "aadApplication",
        /// `bot`.
        Bot = "bot",
        /// `tenantBot`.
        TenantBot = "tenantBot",
        /// `office365Connector`.
        Office365Connector = "office365Connector",
        /// `outgoingWebhook`.
        OutgoingWebhook = "outgoingWebhook",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}

object! {
    /// A Teams conversation: a team, channel or chat.
    TeamworkConversationIdentity = "teamworkConversationIdentity" {
        /// The display name of the identity.For drive items, the display name might not always be available or up to date. For example, if a user changes their display name the API might show the new value in a future response, but the items associated with the user don't show up as changed when using delta.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor. For example, in the access reviews decisions API, this property might record the id of the principal, that is, the group, user, or application that's subject to review.
        id: String = "id",
        /// Type of conversation. The possible values are: team, channel, chat, and unknownFutureValue.
        conversation_identity_type: TeamworkConversationIdentityType = "conversationIdentityType",
    }
}

open_enum! {
    /// The kind of Teams conversation.
    TeamworkConversationIdentityType = "teamworkConversationIdentityType" {
        /// `team`.
        Team = "team",
        /// `channel`.
        Channel = "channel",
        /// `chat`.
        Chat = "chat",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}

object! {
    /// A Teams tag.
    TeamworkTagIdentity = "teamworkTagIdentity" {
        /// The display name of the identity.For drive items, the display name might not always be available or up to date. For example, if a user changes their display name the API might show the new value in a future response, but the items associated with the user don't show up as changed when using delta.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor. For example, in the access reviews decisions API, this property might record the id of the principal, that is, the group, user, or application that's subject to review.
        id: String = "id",
    }
}

object! {
    /// A user in Teams.
    TeamworkUserIdentity = "teamworkUserIdentity" {
        /// The display name of the identity.For drive items, the display name might not always be available or up to date. For example, if a user changes their display name the API might show the new value in a future response, but the items associated with the user don't show up as changed when using delta.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor. For example, in the access reviews decisions API, this property might record the id of the principal, that is, the group, user, or application that's subject to review.
        id: String = "id",
        /// Type of user. The possible values are: aadUser, onPremiseAadUser, anonymousGuest, federatedUser, personalMicrosoftAccountUser, skypeUser, phoneUser, unknownFutureValue and emailUser.
        user_identity_type: TeamworkUserIdentityType = "userIdentityType",
    }
}

open_enum! {
    /// The kind of Teams user.
    TeamworkUserIdentityType = "teamworkUserIdentityType" {
        /// `aadUser`.
        AadUser = "aadUser",
        /// `onPremiseAadUser`.
        OnPremiseAadUser = "onPremiseAadUser",
        /// `anonymousGuest`.
        AnonymousGuest = "anonymousGuest",
        /// `federatedUser`.
        FederatedUser = "federatedUser",
        /// `personalMicrosoftAccountUser`.
        PersonalMicrosoftAccountUser = "personalMicrosoftAccountUser",
        /// `skypeUser`.
        SkypeUser = "skypeUser",
        /// `phoneUser`.
        PhoneUser = "phoneUser",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
        /// `emailUser`.
        EmailUser = "emailUser",
    }
}
