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
        write!(
            f,
            "{}/{}",
            self.code.unwrap_or_default(),
            self.subcode.unwrap_or_default()
        )?;
        match &self.message {
            Some(message) => write!(f, ": {message}"),
            None => Ok(()),
        }
    }
}
