//! The chat of a meeting, which a bot names to join it.

use crate::declare::object;

object! {
    /// The chat thread and message of a meeting.
    ChatInfo = "chatInfo" {
        /// The unique identifier of a message in a Microsoft Teams channel.
        message_id: String = "messageId",
        /// The ID of the reply message.
        reply_chain_message_id: String = "replyChainMessageId",
        /// The unique identifier for a thread in Microsoft Teams.
        thread_id: String = "threadId",
    }
}
