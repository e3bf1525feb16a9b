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

impl ChatInfo {
    /// The chat of a meeting: its thread and the message (`"0"` for the thread's root).
    pub fn new(thread_id: impl Into<String>, message_id: impl Into<String>) -> Self {
        ChatInfo::default()
            .with_thread_id(thread_id)
            .with_message_id(message_id)
    }
}
