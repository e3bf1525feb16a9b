//! The shape of real traffic, shared by both generators (the proptest strategies and
//! `arbitrary`): the members Graph always sends though the metadata leaves them
//! optional, and how long its lists are.

use crate::decode::Context;

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
/// resources, a delta roster (or an invitation) 1 to 3 participants, a list
/// anything else 0 to 2.
pub(crate) fn list_len(key: &str) -> (usize, usize) {
    match key {
        "value" | "resourceData" | "participants" => (1, 3),
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

/// A member being generated: the metadata name of the type that holds it and the
/// member's wire name; [`ROOT`](Self::ROOT) for a value that is no member. Public
/// but unnameable outside the crate, as the `Build` trait it is an argument of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(unreachable_pub)]
pub struct Slot {
    /// The metadata name of the type whose member it is.
    pub(crate) owner: &'static str,
    /// The member's wire name.
    pub(crate) key: &'static str,
}

impl Slot {
    /// A value that is no member of anything: a payload's root.
    pub(crate) const ROOT: Slot = Slot { owner: "", key: "" };

    /// The member `key` of the type `owner`.
    pub(crate) const fn new(owner: &'static str, key: &'static str) -> Slot {
        Slot { owner, key }
    }
}

const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &[u8] = b"0123456789";
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// What a generated string member looks like, by the type that holds it and its
/// name: the one table of value shapes, which both generators read (proptest through
/// its RNG, arbitrary through the fuzzer's bytes, each as the [`Dice`]).
pub(crate) fn string(slot: Slot, d: &mut dyn Dice) -> String {
    if let Some(words) = words(slot.key) {
        return (*pick(d, words)).to_owned();
    }
    match (slot.owner, slot.key) {
        // Chat message ids, in a meeting's chat info.
        (_, "sourceId" | "messageId" | "replyChainMessageId") => chars(d, DIGITS, 1, 3),
        (_, "threadId") => format!("19:meeting_{}@thread.v2", chars(d, ALNUM, 20, 40)),
        (_, "joinMeetingId") => chars(d, DIGITS, 7, 12),
        (_, "passcode") => chars(d, ALNUM, 6, 6),
        (_, "lastModifiedDateTime") => date_time(d),
        (_, "email" | "userPrincipalName" | "upn" | "loginName") => {
            format!("{}@contoso.com", chars(d, LOWER, 3, 8))
        }
        ("commsNotification", "resourceUrl") => resource_path(d, "/communications"),
        ("commsNotification", "resource") => resource_path(d, "/app"),
        (_, "token" | "recordingAccessToken" | "metadata") => chars(d, BASE64, 16, 40),
        (_, key) if key.ends_with("Uri") || key == "uri" || key == "recordingLocation" => {
            https_url(d)
        }
        (_, key) if key == "id" || key.ends_with("Id") => d.uuid(),
        _ => chars(d, LETTERS, 1, 1) + &chars(d, ALNUM, 0, 12),
    }
}

/// What a generated `Int32` member holds, by the type that holds it and its name.
pub(crate) fn int(slot: Slot, d: &mut dyn Dice) -> i32 {
    let below = |d: &mut dyn Dice, n: usize| i32::try_from(d.below(n)).unwrap_or(0);
    match (slot.owner, slot.key) {
        ("resultInfo", "code") => *pick(d, &RESULT_CODES),
        ("resultInfo", "subcode") => {
            if d.below(2) == 0 {
                0
            } else {
                4000 + below(d, 5000)
            }
        }
        ("call", "ringingTimeoutInSeconds") => 15 + below(d, 105),
        _ => below(d, 1000),
    }
}

/// What a generated `Int64` member holds: sequence numbers and ids, below 10 000.
pub(crate) fn long(_: Slot, d: &mut dyn Dice) -> i64 {
    i64::try_from(d.below(10_000)).unwrap_or(0)
}

/// `min..=max` characters of `alphabet`.
pub(crate) fn chars(d: &mut dyn Dice, alphabet: &[u8], min: usize, max: usize) -> String {
    let n = min + d.below(max - min + 1);
    (0..n).map(|_| char::from(*pick(d, alphabet))).collect()
}

/// A capitalized word: `Xyzzy`.
pub(crate) fn word(d: &mut dyn Dice) -> String {
    chars(d, UPPER, 1, 1) + &chars(d, LOWER, 2, 8)
}

/// An HTTPS URL of a made-up host of `contoso.com`.
pub(crate) fn https_url(d: &mut dyn Dice) -> String {
    format!(
        "https://{}.contoso.com/{}",
        chars(d, LOWER, 3, 8),
        chars(d, LOWER, 3, 10)
    )
}

/// The characters of realistic text in a value no type declares.
const TEXT: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .:/@#-";

/// A member no type declares, named unlike any of `fields`: an `@odata.etag`, or an
/// `x…` member of any JSON. (Whether there is one is the caller's draw.)
pub(crate) fn unknown_member(
    fields: &[&str],
    d: &mut dyn Dice,
) -> Option<(String, serde_json::Value)> {
    let (name, value) = if d.below(3) == 0 {
        let tag = format!("W/\"{}\"", 1 + d.below(999));
        ("@odata.etag".to_owned(), serde_json::Value::String(tag))
    } else {
        (format!("x{}", word(d)), json_value(d, 2))
    };
    (!fields.contains(&name.as_str())).then_some((name, value))
}

/// A JSON value that is not `null` (a `null` member is an absent one), at most
/// `depth` levels deep, possibly with `null`s inside; its strings any Unicode in the
/// hostile profile, realistic text otherwise.
pub(crate) fn json_value(d: &mut dyn Dice, depth: u8) -> serde_json::Value {
    use serde_json::{Number, Value};
    let signed = |d: &mut dyn Dice, n: usize| {
        i64::try_from(d.below(2 * n + 1)).unwrap_or(0) - i64::try_from(n).unwrap_or(0)
    };
    let value = |d: &mut dyn Dice| {
        if depth == 0 || d.below(4) > 0 {
            json_value(d, depth.saturating_sub(1))
        } else {
            Value::Null
        }
    };
    match d.below(if depth == 0 { 4 } else { 6 }) {
        0 => Value::Bool(d.below(2) == 1),
        1 => Value::Number(signed(d, 1_000_000_000).into()),
        2 => {
            let x = f64::from(i32::try_from(signed(d, 80_000)).unwrap_or(0)) / 8.0;
            Number::from_f64(x).map_or(Value::Bool(false), Value::Number)
        }
        3 if d.profile().realistic() => Value::String(chars(d, TEXT, 0, 24)),
        3 => Value::String(any_text(d, 24)),
        4 => Value::Array((0..d.below(3)).map(|_| value(d)).collect()),
        _ => Value::Object(
            (0..d.below(3))
                .map(|_| (word(d).to_ascii_lowercase(), value(d)))
                .collect(),
        ),
    }
}

/// Up to `max` characters of any Unicode (surrogates aside).
fn any_text(d: &mut dyn Dice, max: usize) -> String {
    (0..d.below(max + 1))
        .filter_map(|_| char::from_u32(u32::try_from(d.below(0x11_0000)).unwrap_or(0)))
        .collect()
}

/// A UTC date and time of the 2020s or 2030s, as Graph writes them.
fn date_time(d: &mut dyn Dice) -> String {
    format!(
        "20{}-0{}-1{}T1{}:{}{}:{}{}Z",
        20 + d.below(20),
        1 + d.below(9),
        d.below(10),
        d.below(10),
        d.below(6),
        d.below(10),
        d.below(6),
        d.below(10)
    )
}

/// The path of a resource under a call, as a notification names it: the call
/// itself, or one of its collections (an operation by its id). `root` is
/// `/communications` (`resourceUrl`) or the legacy `/app` (`resource`).
fn resource_path(d: &mut dyn Dice, root: &str) -> String {
    let call = d.uuid();
    let rest = match d.below(10) {
        0..=2 => String::new(),
        3..=5 => "/participants".to_owned(),
        6 | 7 => format!("/operations/{}", d.uuid()),
        8 => "/contentsharingsessions".to_owned(),
        _ => "/audioRoutingGroups".to_owned(),
    };
    format!("{root}/calls/{call}{rest}")
}

/// The result codes of `resultInfo`, as the documents show them.
pub(crate) const RESULT_CODES: [i32; 6] = [0, 200, 400, 403, 404, 500];

/// How much of real traffic's imperfection generated values carry: none, a
/// minority, or a lot.
///
/// Each imperfection is drawn on its own, at the rate [`one_in`](Self::one_in) gives:
///
/// - an object carries a member no type declares (an `@odata.etag`, or an `x…`
///   member of any JSON);
/// - at a polymorphic point free to take any of its types, an object is of a type
///   no version of the metadata has;
/// - an open-enum value is text of a later version (`futureXyz`);
/// - a `resourceData` (or other one-or-many member) is a single object rather than
///   an array;
/// - in the wire text of the generators that write it, an enum value is spelled in
///   PascalCase, as the .NET SDK re-serialises them (`Established`).
///
/// [`Hostile`](Self::Hostile) also gives up the realism of what is left: unknown
/// members carry any Unicode, and polymorphic points take every type they declare
/// (a call's `source` may be an `engagementIdentitySet`), not only those calls use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Profile {
    /// No imperfection: only members the types declare, known types and values,
    /// arrays where the metadata has collections, canonical spellings.
    Clean,
    /// Real traffic: each imperfection in one value in 20.
    #[default]
    Realistic,
    /// Hostile traffic: each imperfection in one value in 3, and realism given up.
    Hostile,
}

impl std::fmt::Display for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Profile {
    type Err = crate::UnknownName;

    /// The profile named `name` (as [`as_str`](Self::as_str) spells it).
    fn from_str(name: &str) -> Result<Profile, Self::Err> {
        crate::UnknownName::find(&Profile::ALL, name, "profile", Profile::as_str)
    }
}

impl Profile {
    /// Every profile.
    pub const ALL: [Profile; 3] = [Profile::Clean, Profile::Realistic, Profile::Hostile];

    /// The name the command line gives the profile: `clean`, `realistic`, `hostile`.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Clean => "clean",
            Profile::Realistic => "realistic",
            Profile::Hostile => "hostile",
        }
    }

    /// One value in how many has each imperfection; `None` for never.
    pub fn one_in(self) -> Option<u8> {
        match self {
            Profile::Clean => None,
            Profile::Realistic => Some(20),
            Profile::Hostile => Some(3),
        }
    }

    /// Whether values keep to what calls really carry (every profile but
    /// [`Hostile`](Self::Hostile)).
    pub fn realistic(self) -> bool {
        self != Profile::Hostile
    }
}

/// The types a polymorphic point takes in realistic traffic, when calls use fewer
/// than it declares: identity sets are `identitySet` or `communicationsIdentitySet`,
/// identities plain `identity` objects (never a chat message's, a Viva Engage
/// item's or a SharePoint item's).
pub(crate) fn realistic_types(point: &str) -> Option<&'static [&'static str]> {
    Some(match point {
        "identitySet" => &["identitySet", "communicationsIdentitySet"],
        "identity" => &["identity"],
        _ => return None,
    })
}

/// How many items a generated list of the member `key` holds in `context` (which
/// [`one_kind`] has narrowed to one type): a full roster 1 to 50 participants; a
/// call-state, operation or delta-roster notification its one resource; otherwise
/// as [`list_len`] says.
pub(crate) fn list_len_in(key: &str, context: Option<&[&str]>) -> (usize, usize) {
    match context {
        Some(["participant"]) => (1, 50),
        Some(["call" | "commsOperation" | "deltaParticipants"]) => (1, 1),
        _ => list_len(key),
    }
}

/// The context of a generated list, narrowed to its `i`-th type: the resources of
/// one notification are of one kind (a roster notification carries participants,
/// or a delta roster, not both).
pub(crate) fn one_kind(context: Option<Context>, i: usize) -> Option<Context> {
    context.map(|c| match c.types.get(i..=i) {
        Some(one) if c.types.len() > 1 => Context { types: one, ..c },
        _ => c,
    })
}

/// One of `items`, chosen by `d` (`items` must not be empty).
pub(crate) fn pick<'a, T>(d: &mut dyn Dice, items: &'a [T]) -> &'a T {
    &items[d.below(items.len()).min(items.len().saturating_sub(1))]
}

/// `known`, or now and then (at the profile's rate) text of a later version: an
/// enum value a settle hook chooses.
pub(crate) fn enum_value<E: for<'a> From<&'a str>>(known: E, d: &mut dyn Dice) -> E {
    if d.imperfect() {
        E::from(format!("future{}", pick(d, &["Alpha", "Bravo", "Delta", "Sierra"])).as_str())
    } else {
        known
    }
}

/// Now and then (at the profile's rate) a member no type declares, in the unknown
/// members of an object a settle hook makes.
pub(crate) fn extra_member(
    extra: &mut serde_json::Map<String, serde_json::Value>,
    d: &mut dyn Dice,
) {
    if d.imperfect() {
        let tag = format!("W/\"{}\"", 1 + d.below(999));
        extra.insert("@odata.etag".to_owned(), serde_json::Value::String(tag));
    }
}

/// The choices a generator makes, for the hooks that settle a generated value into
/// the shape the protocol gives it (a notification's resources named by its path,
/// identities of the kinds calls use): the proptest RNG or the fuzzer's bytes.
pub(crate) trait Dice {
    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize;

    /// The profile of the values being generated.
    fn profile(&self) -> Profile;

    /// Whether an imperfection drawn now happens, at the profile's rate: the values
    /// a settle hook adds are as imperfect as the generated ones.
    fn imperfect(&mut self) -> bool {
        self.profile()
            .one_in()
            .is_some_and(|n| self.one_in(usize::from(n)))
    }

    /// True about once in `n` (never once a fuzzer's bytes have run out, where
    /// every choice takes its first answer).
    fn one_in(&mut self, n: usize) -> bool {
        n > 0 && self.below(n) == n - 1
    }

    /// A lower-case UUID.
    fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        for b in &mut bytes {
            *b = u8::try_from(self.below(256)).unwrap_or(0);
        }
        uuid(&bytes)
    }

    /// A phone number in E.164: `+` and 11 digits, the first not 0.
    fn e164(&mut self) -> String {
        let mut out = format!("+{}", 1 + self.below(9));
        for _ in 0..10 {
            out.push(char::from(b'0' + u8::try_from(self.below(10)).unwrap_or(0)));
        }
        out
    }
}

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
