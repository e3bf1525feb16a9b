//! Layer 3: the model — one module per area of the protocol, each a list of
//! declarations.
//!
//! Every Graph type is declared once, in the module of its area, with the
//! [declaration mechanism](crate::declare). The areas depend on each other without a
//! cycle (the `architecture` test checks it): `identity` and `media` depend on no
//! other area; `meeting` and `participant` on those; `operation` on `participant`;
//! `call` on all of these and `audio_routing` and `content_sharing`; `action` (the
//! request bodies of the bound actions) and `notification` on everything below them.
//! `error_body` (what Graph answers a failed request with) depends on none.

pub mod action;
pub mod audio_routing;
pub mod call;
pub mod content_sharing;
pub mod error_body;
pub mod identity;
pub mod media;
pub mod meeting;
pub mod notification;
pub mod operation;
pub mod participant;
