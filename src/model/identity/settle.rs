//! How generated identity sets settle into the identities calls carry: one user,
//! application, application instance or phone, with a GUID (a phone an E.164
//! number) and a display name.

use super::{AnyIdentity, CommunicationsIdentitySet, Identity, IdentitySet};
use crate::declare::traffic::{Dice, extra_member, pick, words};

/// An identity of the kind `slot` names: a GUID and a display name, or for a phone
/// a number in E.164.
fn identity(slot: &str, d: &mut dyn Dice) -> AnyIdentity {
    let id = if slot == "phone" { d.e164() } else { d.uuid() };
    let mut identity = Identity::new(id);
    if slot != "phone" || d.one_in(2) {
        let names = words("displayName").unwrap_or(&["John"]);
        identity.display_name = Some((*pick(d, names)).to_owned());
    }
    extra_member(&mut identity.extra, d);
    AnyIdentity::from(identity)
}

/// Keeps one of `slots` (a present one if any, else a new one), empties the others.
fn keep_one(slots: &mut [(&'static str, &mut Option<AnyIdentity>)], d: &mut dyn Dice) {
    let present: Vec<usize> = (0..slots.len()).filter(|&i| slots[i].1.is_some()).collect();
    let keep = if present.is_empty() {
        d.below(slots.len())
    } else {
        present[d.below(present.len())]
    };
    for (i, (name, slot)) in slots.iter_mut().enumerate() {
        if i != keep {
            **slot = None;
        } else if *name == "phone" || slot.is_none() {
            // A phone's id is its number, whatever was generated.
            **slot = Some(identity(name, d));
        }
    }
}

/// An `identitySet`: a user or an application.
pub(crate) fn identity_set(set: &mut IdentitySet, d: &mut dyn Dice) {
    set.device = None;
    keep_one(
        &mut [
            ("user", &mut set.user),
            ("application", &mut set.application),
        ],
        d,
    );
}

/// A `communicationsIdentitySet`: a user, an application, an application instance
/// or a phone.
pub(crate) fn communications_identity_set(set: &mut CommunicationsIdentitySet, d: &mut dyn Dice) {
    set.device = None;
    set.asserted_identity = None;
    set.azure_communication_services_user = None;
    set.encrypted = None;
    set.guest = None;
    set.on_premises = None;
    keep_one(
        &mut [
            ("user", &mut set.user),
            ("application", &mut set.application),
            ("applicationInstance", &mut set.application_instance),
            ("phone", &mut set.phone),
        ],
        d,
    );
}
