//! Identities specific to cloud communications.

use crate::declare::object;
use crate::identity::identity;

object! {
    /// An application in a call.
    CommunicationsApplicationIdentity = "communicationsApplicationIdentity" : identity {
        /// First-party Microsoft application that presents this identity.
        application_type: String = "applicationType",
        /// True if the participant shouldn't be shown in other participants' rosters.
        hidden: bool = "hidden",
    }
}

object! {
    /// An application instance (a bot with a phone number) in a call.
    CommunicationsApplicationInstanceIdentity = "communicationsApplicationInstanceIdentity" : identity {
        /// True if the participant shouldn't be shown in other participants' rosters.
        hidden: bool = "hidden",
        /// The tenant ID of the application.
        tenant_id: String = "tenantId",
    }
}

object! {
    /// An encrypted identity.
    CommunicationsEncryptedIdentity = "communicationsEncryptedIdentity" : identity {
    }
}

object! {
    /// A guest in a call.
    CommunicationsGuestIdentity = "communicationsGuestIdentity" : identity {
        /// The email of the guest user.
        email: String = "email",
    }
}

object! {
    /// A phone number in a call (E.164 in `id`).
    CommunicationsPhoneIdentity = "communicationsPhoneIdentity" : identity {
    }
}

object! {
    /// A user in a call.
    CommunicationsUserIdentity = "communicationsUserIdentity" : identity {
        /// The user's tenant ID.
        tenant_id: String = "tenantId",
    }
}

object! {
    /// An Azure Communication Services user.
    AzureCommunicationServicesUserIdentity = "azureCommunicationServicesUserIdentity" : identity {
        /// The Azure Communication Services resource ID associated with the user.
        azure_communication_services_resource_id: String = "azureCommunicationServicesResourceId",
    }
}
