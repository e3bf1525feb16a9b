//! Directory and audit identities.

use crate::declare::object;
use crate::declare::open_enum;
use crate::identity::DetailsInfo;
use crate::identity::identity;

object! {
    /// A user, as audit records name it.
    UserIdentity = "userIdentity" : identity {
        /// Indicates the client IP address associated with the user performing the activity (audit log only).
        ip_address: String = "ipAddress",
        /// The userPrincipalName attribute of the user.
        user_principal_name: String = "userPrincipalName",
    }
}

object! {
    /// A user in a call record (namespace `microsoft.graph.callRecords`).
    CallRecordsUserIdentity = "callRecords.userIdentity" {
        /// The display name of the identity.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor.
        id: String = "id",
        /// User principal name of the user.
        user_principal_name: String = "userPrincipalName",
    }
}

object! {
    /// An identity named by an email address.
    EmailIdentity = "emailIdentity" : identity {
        /// Email address of the user.
        email: String = "email",
    }
}

object! {
    /// Who initiated an action.
    Initiator = "initiator" : identity {
        /// Type of initiator. The possible values are: user, application, system, unknownFutureValue.
        initiator_type: InitiatorType = "initiatorType",
    }
}

open_enum! {
    /// The kind of initiator.
    InitiatorType = "initiatorType" {
        User = "user",
        Application = "application",
        System = "system",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}

object! {
    /// A service principal.
    ServicePrincipalIdentity = "servicePrincipalIdentity" : identity {
        /// The application identifier of the service principal.
        app_id: String = "appId",
    }
}

object! {
    /// An identity that provisioning created.
    ProvisionedIdentity = "provisionedIdentity" : identity {
        /// Details of the identity.
        details: DetailsInfo = "details",
        /// Type of identity that has been provisioned, such as 'user' or 'group'. Supports $filter (eq, contains).
        identity_type: String = "identityType",
    }
}

object! {
    /// The service principal that provisioning used.
    ProvisioningServicePrincipal = "provisioningServicePrincipal" : identity {
    }
}

object! {
    /// The system that provisioning used.
    ProvisioningSystem = "provisioningSystem" : identity {
        /// Details of the system.
        details: DetailsInfo = "details",
    }
}
