//! OData's annotations as Graph writes them: the namespace, the `@odata.type` member
//! and its values. The trait and type every Graph type shares,
//! [`GraphType`](crate::GraphType) and [`Annotation`](crate::Annotation), are at the
//! crate root.

pub use crate::decode::odata::{NAMESPACE, TYPE_MEMBER, type_value};
