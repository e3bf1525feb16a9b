//! Identities: who or what takes part in a call (`identity` and its derived
//! types), and the sets that group them (`identitySet` and its derived types).

use crate::declare::{object, polymorphic};

mod communications;
mod directory;
mod endpoint;
mod set;
mod sharepoint;
mod teamwork;

pub use communications::{
    AzureCommunicationServicesUserIdentity, CommunicationsApplicationIdentity,
    CommunicationsApplicationInstanceIdentity, CommunicationsEncryptedIdentity,
    CommunicationsGuestIdentity, CommunicationsPhoneIdentity, CommunicationsUserIdentity,
};
pub use directory::{
    CallRecordsUserIdentity, EmailIdentity, Initiator, InitiatorType, ProvisionedIdentity,
    ProvisioningServicePrincipal, ProvisioningSystem, ServicePrincipalIdentity, UserIdentity,
};
pub use endpoint::EndpointType;
pub use set::{
    AiInteractionMentionedIdentitySet, AnyIdentitySet, ChatMessageFromIdentitySet,
    ChatMessageMentionedIdentitySet, ChatMessageReactionIdentitySet, CommunicationsIdentitySet,
    EngagementIdentitySet, IdentitySet, SharePointIdentitySet,
};
pub use sharepoint::{SharePointGroupIdentity, SharePointIdentity};
pub use teamwork::{
    TeamworkApplicationIdentity, TeamworkApplicationIdentityType, TeamworkConversationIdentity,
    TeamworkConversationIdentityType, TeamworkTagIdentity, TeamworkUserIdentity,
    TeamworkUserIdentityType,
};

polymorphic! {
    /// An identity at a polymorphic point: `identity` itself or any derived type.
    ///
    /// The accessors [`id`](Self::id) and [`display_name`](Self::display_name) read
    /// the members every identity has.
    AnyIdentity = "identity", concrete {
        /// The declared type itself.
        Identity(Identity),
        /// `#microsoft.graph.azureCommunicationServicesUserIdentity`.
        AzureCommunicationServicesUser(AzureCommunicationServicesUserIdentity),
        /// `#microsoft.graph.callRecords.userIdentity`.
        CallRecordsUser(CallRecordsUserIdentity),
        /// `#microsoft.graph.communicationsApplicationIdentity`.
        CommunicationsApplication(CommunicationsApplicationIdentity),
        /// `#microsoft.graph.communicationsApplicationInstanceIdentity`.
        CommunicationsApplicationInstance(CommunicationsApplicationInstanceIdentity),
        /// `#microsoft.graph.communicationsEncryptedIdentity`.
        CommunicationsEncrypted(CommunicationsEncryptedIdentity),
        /// `#microsoft.graph.communicationsGuestIdentity`.
        CommunicationsGuest(CommunicationsGuestIdentity),
        /// `#microsoft.graph.communicationsPhoneIdentity`.
        CommunicationsPhone(CommunicationsPhoneIdentity),
        /// `#microsoft.graph.communicationsUserIdentity`.
        CommunicationsUser(CommunicationsUserIdentity),
        /// `#microsoft.graph.emailIdentity`.
        Email(EmailIdentity),
        /// `#microsoft.graph.initiator`.
        Initiator(Initiator),
        /// `#microsoft.graph.provisionedIdentity`.
        Provisioned(ProvisionedIdentity),
        /// `#microsoft.graph.provisioningServicePrincipal`.
        ProvisioningServicePrincipal(ProvisioningServicePrincipal),
        /// `#microsoft.graph.provisioningSystem`.
        ProvisioningSystem(ProvisioningSystem),
        /// `#microsoft.graph.servicePrincipalIdentity`.
        ServicePrincipal(ServicePrincipalIdentity),
        /// `#microsoft.graph.sharePointGroupIdentity`.
        SharePointGroup(SharePointGroupIdentity),
        /// `#microsoft.graph.sharePointIdentity`.
        SharePoint(SharePointIdentity),
        /// `#microsoft.graph.teamworkApplicationIdentity`.
        TeamworkApplication(TeamworkApplicationIdentity),
        /// `#microsoft.graph.teamworkConversationIdentity`.
        TeamworkConversation(TeamworkConversationIdentity),
        /// `#microsoft.graph.teamworkTagIdentity`.
        TeamworkTag(TeamworkTagIdentity),
        /// `#microsoft.graph.teamworkUserIdentity`.
        TeamworkUser(TeamworkUserIdentity),
        /// `#microsoft.graph.userIdentity`.
        User(UserIdentity),
    }
    common {
        /// The display name of the identity.For drive items, the display name might not always be available or up to date. For example, if a user changes their display name the API might show the new value in a future response, but the items associated with the user don't show up as changed when using delta.
        display_name: String,
        /// Unique identifier for the identity or actor. For example, in the access reviews decisions API, this property might record the id of the principal, that is, the group, user, or application that's subject to review.
        id: String,
    }
}

object! {
    /// An identity: an ID and a display name.
    ///
    /// Graph writes users, applications and phones in call payloads as this base type,
    /// with extra members such as `tenantId` or `identityProvider` (kept in `extra`).
    Identity = "identity" {
        /// The display name of the identity.For drive items, the display name might not always be available or up to date. For example, if a user changes their display name the API might show the new value in a future response, but the items associated with the user don't show up as changed when using delta.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor. For example, in the access reviews decisions API, this property might record the id of the principal, that is, the group, user, or application that's subject to review.
        id: String = "id",
    }
}

object! {
    /// Details of a provisioned identity (an open type with no declared members).
    DetailsInfo = "detailsInfo" {
    }
}
