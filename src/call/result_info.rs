//! The result of a call or an operation.

use crate::macros::object;

object! {
    /// The result of a call or an operation: a code, a subcode and a message.
    ///
    /// A terminated call carries it in its notification to say why it ended.
    ResultInfo = "resultInfo" {
        /// The result code.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        code: i32 = "code",
        /// The message.
        message: String = "message",
        /// The result subcode.
        ///
        /// Not nullable in the metadata (may still be absent from a payload).
        subcode: i32 = "subcode",
    }
}
