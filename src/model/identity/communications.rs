//! Identities specific to cloud communications.

use crate::declare::object;

object! {
    /// An application in a call.
    CommunicationsApplicationIdentity = "communicationsApplicationIdentity" {
        /// The display name of the identity.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor.
        id: String = "id",
        /// First-party Microsoft application that presents this identity.
        application_type: String = "applicationType",
        /// True if the participant shouldn't be shown in other participants' rosters.
        hidden: bool = "hidden",
    }
}

object! {
    /// An application instance (a bot with a phone number) in a call.
    CommunicationsApplicationInstanceIdentity = "communicationsApplicationInstanceIdentity" {
        /// The display name of the identity.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor.
        id: String = "id",
        /// True if the participant shouldn't be shown in other participants' rosters.
        hidden: bool = "hidden",
        /// The tenant ID of the application.
        tenant_id: String = "tenantId",
    }
}

object! {
    /// An encrypted identity.
    CommunicationsEncryptedIdentity = "communicationsEncryptedIdentity" {
        /// The display name of the identity.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor.
        id: String = "id",
    }
}

object! {
    /// A guest in a call.
    CommunicationsGuestIdentity = "communicationsGuestIdentity" {
        /// The display name of the identity.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor.
        id: String = "id",
        /// The email of the guest user.
        email: String = "email",
    }
}

object! {
    /// A phone number in a call (E.164 in `id`).
    CommunicationsPhoneIdentity = "communicationsPhoneIdentity" {
        /// The display name of the identity.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor.
        id: String = "id",
    }
}

object! {
    /// A user in a call.
    CommunicationsUserIdentity = "communicationsUserIdentity" {
        /// The display name of the identity.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor.
        id: String = "id",
        /// The user's tenant ID.
        tenant_id: String = "tenantId",
    }
}

object! {
    /// An Azure Communication Services user.
    AzureCommunicationServicesUserIdentity = "azureCommunicationServicesUserIdentity" {
        /// The display name of the identity.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor.
        id: String = "id",
        /// The Azure Communication Services resource ID associated with the user.
        azure_communication_services_resource_id: String = "azureCommunicationServicesResourceId",
    }
}
