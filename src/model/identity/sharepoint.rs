//! SharePoint identities.

use crate::declare::object;
use crate::identity::identity;

object! {
    /// A SharePoint identity.
    SharePointIdentity = "sharePointIdentity" : identity {
        /// The sign in name of the SharePoint identity.
        login_name: String = "loginName",
    }
}

object! {
    /// A SharePoint group.
    SharePointGroupIdentity = "sharePointGroupIdentity" : identity {
        /// The principal ID of the SharePoint group in the tenant. Read-only.
        principal_id: String = "principalId",
        /// The title of the SharePoint group. Read-only.
        title: String = "title",
    }
}
