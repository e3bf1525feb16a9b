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
