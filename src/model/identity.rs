//! Identities: who or what takes part in a call (`identity` and its derived
//! types), and the sets that group them (`identitySet` and its derived types).

use crate::declare::{members, object, polymorphic};

mod communications;
mod directory;
mod endpoint;
mod set;
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
pub(crate) mod settle;
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
        AzureCommunicationServicesUser(AzureCommunicationServicesUserIdentity),
        CallRecordsUser(CallRecordsUserIdentity),
        CommunicationsApplication(CommunicationsApplicationIdentity),
        CommunicationsApplicationInstance(CommunicationsApplicationInstanceIdentity),
        CommunicationsEncrypted(CommunicationsEncryptedIdentity),
        CommunicationsGuest(CommunicationsGuestIdentity),
        CommunicationsPhone(CommunicationsPhoneIdentity),
        CommunicationsUser(CommunicationsUserIdentity),
        Email(EmailIdentity),
        Initiator(Initiator),
        Provisioned(ProvisionedIdentity),
        ProvisioningServicePrincipal(ProvisioningServicePrincipal),
        ProvisioningSystem(ProvisioningSystem),
        ServicePrincipal(ServicePrincipalIdentity),
        SharePointGroup(SharePointGroupIdentity),
        SharePoint(SharePointIdentity),
        TeamworkApplication(TeamworkApplicationIdentity),
        TeamworkConversation(TeamworkConversationIdentity),
        TeamworkTag(TeamworkTagIdentity),
        TeamworkUser(TeamworkUserIdentity),
        User(UserIdentity),
    }
    common {
        /// The display name of the identity.
        display_name: String,
        /// Unique identifier for the identity or actor.
        id: String,
    }
}

members! {
    /// `identity`'s members, which every identity type inherits.
    identity {
        /// The display name of the identity.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor.
        id: String = "id",
    }
}

object! {
    /// An identity: an ID and a display name.
    ///
    /// Graph writes users, applications and phones in call payloads as this base type,
    /// with extra members such as `tenantId` or `identityProvider` (kept in `extra`).
    Identity = "identity" : identity {}
}

object! {
    /// Details of a provisioned identity (an open type with no declared members).
    DetailsInfo = "detailsInfo" {
    }
}

impl Identity {
    /// An identity with its `id` (an object ID, an application ID, a phone number in
    /// E.164 format); add the name with [`with_display_name`](Self::with_display_name).
    pub fn new(id: impl Into<String>) -> Self {
        Identity::default().with_id(id)
    }
}
