//! Open enums: what every enum of the model shares. Each enum is open: the
//! metadata's members, matched without regard to case, plus any other text, kept as
//! it came.

pub use crate::declare::enums::{Flags, UnknownValue};
