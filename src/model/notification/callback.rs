//! What a body posted to a bot's callback URL is, told without decoding it.

use crate::decode::odata::match_type;
use crate::decode::root_members;
use crate::{DecodeOptions, Error, GraphType};

use super::CommsNotifications;

/// What a body posted to a bot's callback URL is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CallbackBody {
    /// Graph-format notifications: a root typed `commsNotifications` (in any
    /// spelling), or untyped with a `value`.
    Notifications,
    /// A notification in the legacy (Skype protocol) format, which Graph sends first
    /// for an incoming call and sends again in its own format when answered `204`: a
    /// root with neither `@odata.type` nor `value` that carries the legacy call's
    /// members (`callState`, `isMultiparty` or `presentedModalityTypes`).
    Legacy,
    /// A JSON object of another kind: a Graph object that is no callback (a `call`,
    /// with its `@odata.type` here), or a body such as an action's, which Graph never
    /// posts.
    Other {
        /// The root's `@odata.type`, when it has one.
        odata_type: Option<String>,
    },
    /// JSON that is not an object.
    NotAnObject,
}

/// The members only the legacy (Skype protocol) call notification carries.
const LEGACY: [&str; 3] = ["callState", "isMultiparty", "presentedModalityTypes"];

/// Tells what `input` is, as posted to a callback URL, by stepping over its root's
/// members without decoding them (nothing of the values is allocated); decode it
/// afterwards as what it is.
///
/// ```
/// use graph_comms::DecodeOptions;
/// use graph_comms::notification::{CallbackBody, classify_callback};
///
/// let options = DecodeOptions::lenient();
/// let graph = br#"{"value": [{"changeType": "deleted", "resourceUrl": "/communications/calls/c1"}]}"#;
/// assert_eq!(classify_callback(&options, graph)?, CallbackBody::Notifications);
/// let legacy = br#"{"id": "c1", "callState": "incoming", "isMultiparty": false}"#;
/// assert_eq!(classify_callback(&options, legacy)?, CallbackBody::Legacy);
/// let invite = br#"{"participants": [{"identity": {"user": {"id": "u1"}}}]}"#;
/// assert!(matches!(classify_callback(&options, invite)?, CallbackBody::Other { odata_type: None }));
/// # Ok::<(), graph_comms::Error>(())
/// ```
///
/// # Errors
/// As decoding: the input is not JSON (as `options` read it), or is too large or too
/// deep.
pub fn classify_callback(options: &DecodeOptions, input: &[u8]) -> Result<CallbackBody, Error> {
    let mut d = options.decoder(input)?;
    let Some((members, tag)) = root_members(&mut d).map_err(|e| e.located(input))? else {
        return Ok(CallbackBody::NotAnObject);
    };
    if let Some(tag) = tag {
        return Ok(
            if match_type(&tag, CommsNotifications::TYPE_NAME).is_some() {
                CallbackBody::Notifications
            } else {
                CallbackBody::Other {
                    odata_type: Some(tag.into_owned()),
                }
            },
        );
    }
    let has = |name: &str| members.iter().any(|m| m == name);
    Ok(if has("value") {
        CallbackBody::Notifications
    } else if LEGACY.iter().any(|m| has(m)) {
        CallbackBody::Legacy
    } else {
        CallbackBody::Other { odata_type: None }
    })
}
