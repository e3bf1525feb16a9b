//! SharePoint identities.

use crate::declare::object;

object! {
    /// A SharePoint identity.
    SharePointIdentity = "sharePointIdentity" {
        /// The display name of the identity.For drive items, the display name might not always be available or up to date. For example, if a user changes their display name the API might show the new value in a future response, but the items associated with the user don't show up as changed when using delta.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor. For example, in the access reviews decisions API, this property might record the id of the principal, that is, the group, user, or application that's subject to review.
        id: String = "id",
        /// The sign in name of the SharePoint identity.
        login_name: String = "loginName",
    }
}

object! {
    /// A SharePoint group.
    SharePointGroupIdentity = "sharePointGroupIdentity" {
        /// The display name of the identity.For drive items, the display name might not always be available or up to date. For example, if a user changes their display name the API might show the new value in a future response, but the items associated with the user don't show up as changed when using delta.
        display_name: String = "displayName",
        /// Unique identifier for the identity or actor. For example, in the access reviews decisions API, this property might record the id of the principal, that is, the group, user, or application that's subject to review.
        id: String = "id",
        /// The principal ID of the SharePoint group in the tenant. Read-only.
        principal_id: String = "principalId",
        /// The title of the SharePoint group. Read-only.
        title: String = "title",
    }
}
