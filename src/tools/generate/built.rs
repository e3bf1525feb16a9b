//! The `arbitrary` side: wrappers that build a type with another [`Profile`], or
//! with its wire text.

use arbitrary::{Arbitrary, Result, Unstructured};
use serde::Serialize;

use super::{Profile, to_wire};
use crate::Decode;
use crate::declare::build::Build;

/// A value of `T` built with [`Profile::Clean`]: no imperfection at all.
///
/// ```
/// use graph_comms::generate::Clean;
/// use graph_comms::notification::CommsNotifications;
///
/// let bytes = [7u8; 4096];
/// let mut u = arbitrary::Unstructured::new(&bytes);
/// let Clean(body) = u.arbitrary::<Clean<CommsNotifications>>()?;
/// assert!(body.extra.is_empty());
/// # Ok::<(), arbitrary::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::exhaustive_structs, reason = "a wrapper its users destructure")]
pub struct Clean<T>(pub T);

/// A value of `T` built with [`Profile::Hostile`]: imperfections in one value in
/// three, and any type a polymorphic point declares.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::exhaustive_structs, reason = "a wrapper its users destructure")]
pub struct Hostile<T>(pub T);

/// A realistic value of `T` and the text Graph would send for it ([`to_wire`]:
/// now and then an enum value in PascalCase), for a target that feeds the text to
/// the parser under test and compares what it reads with `value`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Wire<T> {
    /// The value.
    pub value: T,
    /// Its wire text.
    pub json: Vec<u8>,
}

impl<'a, T: Build> Arbitrary<'a> for Clean<T> {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        T::build(crate::declare::traffic::Slot::ROOT, Profile::Clean, u).map(Clean)
    }
}

impl<'a, T: Build> Arbitrary<'a> for Hostile<T> {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        T::build(crate::declare::traffic::Slot::ROOT, Profile::Hostile, u).map(Hostile)
    }
}

impl<'a, T: Build + Decode + Serialize> Arbitrary<'a> for Wire<T> {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let value = T::build(crate::declare::traffic::Slot::ROOT, Profile::Realistic, u)?;
        let seed = u.arbitrary::<u64>().unwrap_or(0);
        let json = to_wire(&value, Profile::Realistic, seed);
        Ok(Wire { value, json })
    }
}
