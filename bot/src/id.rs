//! The ids a calls URL is made of, one type each, so that a call id cannot be
//! passed where a participant id is expected.
//!
//! Each takes a `&str` or a `String` (`CallId::new("…")`, `"…".into()`), reads back
//! as a `&str` ([`CallId::as_str`], `Deref`, `Display`), and is written in a URL
//! as one percent-encoded path segment whatever it holds.
//!
//! ```
//! use graph_comms_bot::id::{CallId, ParticipantId};
//!
//! let call = CallId::new("57dab8b1-894c-409a-b240-bd8beae78896");
//! let participant: ParticipantId = String::from("0d7664b6-6432-43ed-8d27-d9e7adec188c").into();
//! assert_eq!(call.as_str(), "57dab8b1-894c-409a-b240-bd8beae78896");
//! assert_eq!(participant.len(), 36);
//! ```

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

macro_rules! ids {
    ($($(#[doc = $doc:literal])* $name:ident;)*) => {$(
        $(#[doc = $doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(String);

        impl $name {
            /// The id `id`.
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id's text, owned.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl From<&String> for $name {
            fn from(id: &String) -> Self {
                $name(id.clone())
            }
        }

        impl From<&$name> for $name {
            fn from(id: &$name) -> Self {
                id.clone()
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({:?})"), self.0)
            }
        }
    )*};
}

ids! {
    /// A call's id: `/communications/calls/{id}`.
    CallId;
    /// A participant's id within its call: `…/participants/{id}`.
    ParticipantId;
    /// An operation's id: `…/operations/{id}`, and the `id` of the operation a
    /// notification reports.
    OperationId;
    /// A content-sharing session's id: `…/contentSharingSessions/{id}`.
    SessionId;
    /// An audio routing group's id: `…/audioRoutingGroups/{id}`.
    AudioRoutingGroupId;
}
