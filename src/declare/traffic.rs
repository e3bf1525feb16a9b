//! The shape of real traffic, shared by both generators (the proptest strategies and
//! `arbitrary`): the members Graph always sends though the metadata leaves them
//! optional, and how long its lists are.

/// Whether generated values of `type_name` always carry the member `key`: a
/// callback body always has notifications, a notification always says what changed,
/// where, and carries its resources, a delta roster always has its sequence number
/// and participants.
pub(crate) fn always_present(type_name: &str, key: &str) -> bool {
    matches!(
        (type_name, key),
        ("commsNotifications", "value")
            | (
                "commsNotification",
                "changeType" | "resourceUrl" | "resourceData"
            )
            | ("deltaParticipants", "sequenceNumber" | "participants")
    )
}

/// How many items a generated list of the member `key` holds, at least and at
/// most: a callback body carries 1 to 3 notifications, a notification 1 to 3
/// resources, a list anything else 0 to 2.
pub(crate) fn list_len(key: &str) -> (usize, usize) {
    match key {
        "value" | "resourceData" => (1, 3),
        _ => (0, 2),
    }
}

/// The values a string member of this name takes, when Graph's documents show a
/// small set of them: display names, subjects, languages, result messages…
pub(crate) fn words(key: &str) -> Option<&'static [&'static str]> {
    Some(match key {
        "displayName" => &[
            "John",
            "Bob",
            "Alice Wong",
            "Calling Bot",
            "TestBot",
            "user1",
        ],
        "subject" => &[
            "Weekly sync",
            "Create a group call with service hosted media",
            "Escalation",
        ],
        "languageId" => &["en-US", "pt-PT", "de-DE", "ja-JP"],
        "countryCode" => &["US", "PT", "DE", "JP"],
        "region" => &["amer", "emea", "apac"],
        "blob" => &["<Media Session Configuration>"],
        "message" => &[
            "Action completed.",
            "The conversation has ended.",
            "Call ended by remote party.",
        ],
        "reason" => &["Removed from roster"],
        "terminationReason" => &["AppTransferred", "ParticipantRemoved"],
        _ => return None,
    })
}

/// The result codes of `resultInfo`, as the documents show them.
pub(crate) const RESULT_CODES: [i32; 6] = [0, 200, 400, 403, 404, 500];

/// Real traffic's imperfections, each kept as a minority: one value in `N` has it.
///
/// - one object in [`UNKNOWN_MEMBER_IN`] carries a member no type declares (an
///   `@odata.etag`, an `@odata.id`, or an `x…` member of any JSON);
/// - at a polymorphic point free to take any of its types, one object in
///   [`UNKNOWN_TYPE_IN`] is of a type no version of the metadata has;
/// - one open-enum value in [`UNKNOWN_ENUM_IN`] is text of a later version;
/// - one `resourceData` (or other one-or-many member) in [`SINGLE_OBJECT_IN`] is a
///   single object rather than an array.
pub(crate) const UNKNOWN_MEMBER_IN: u8 = 20;
/// See [`UNKNOWN_MEMBER_IN`].
pub(crate) const UNKNOWN_TYPE_IN: u8 = 20;
/// See [`UNKNOWN_MEMBER_IN`].
pub(crate) const UNKNOWN_ENUM_IN: u8 = 20;
/// See [`UNKNOWN_MEMBER_IN`].
pub(crate) const SINGLE_OBJECT_IN: u8 = 20;

/// The UUID of 16 bytes, lower-case, as Graph writes identifiers.
pub(crate) fn uuid(bytes: &[u8; 16]) -> String {
    let hex: String = bytes.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}
