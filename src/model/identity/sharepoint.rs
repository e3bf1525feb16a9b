//! SharePoint identities.

use crate::declare::object;

object! {
    /// A SharePoint identity.
    SharePointIdentity = "sharePointIdentity" {
        /// The display name of the identity.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor.
        id: String = "id",
        /// The sign in name of the SharePoint identity.
        login_name: String = "loginName",
    }
}

object! {
    /// A SharePoint group.
    SharePointGroupIdentity = "sharePointGroupIdentity" {
        /// The display name of the identity.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor.
        id: String = "id",
        /// The principal ID of the SharePoint group in the tenant. Read-only.
        principal_id: String = "principalId",
        /// The title of the SharePoint group. Read-only.
        title: String = "title",
    }
}
