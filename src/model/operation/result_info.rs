//! The result of a call or an operation.

use crate::declare::object;

object! {
    /// The result of a call or an operation: a code, a subcode and a message.
    ///
    /// A terminated call carries it in its notification to say why it ended.
    ResultInfo = "resultInfo" {
        /// The result code.
        code: i32 = "code" (not_null),
        /// The message.
        message: String = "message",
        /// The result subcode.
        subcode: i32 = "subcode" (not_null),
    }
}

/// `<code>/<subcode>`, then `: <message>` when there is one (a missing code or
/// subcode reads 0): `0/7000: The conversation has ended.`
impl std::fmt::Display for ResultInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Only the codes it has: `0/0` for a result that gave `code` 0 alone would
        // say a subcode nobody sent.
        let codes = match (self.code, self.subcode) {
            (Some(code), Some(subcode)) => format!("{code}/{subcode}"),
            (Some(code), None) => code.to_string(),
            (None, Some(subcode)) => format!("?/{subcode}"),
            (None, None) => String::new(),
        };
        match (&self.message, codes.is_empty()) {
            (Some(message), false) => write!(f, "{codes}: {message}"),
            (Some(message), true) => f.write_str(message),
            (None, _) => f.write_str(&codes),
        }
    }
}
