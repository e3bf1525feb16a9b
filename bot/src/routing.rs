//! What a front door needs to route a callback before anyone decodes it: the call
//! it is about, for a partition key (a load balancer's hash, a Kafka or Event Hubs
//! partition per call), and the key that tells a redelivery.
//!
//! Both are plain rules that any language can apply to the bytes; `docs/state.md`
//! spells them out for use outside this crate.
//!
//! ```
//! use graph_comms_bot::routing;
//!
//! let body = br#"{"value": [{"changeType": "updated",
//!   "resourceUrl": "/communications/calls/421f0b00-2db4-4022-9570-243709c565ab/participants",
//!   "resourceData": []}]}"#;
//! let request = http::Request::post("/callback")
//!     .header("X-Microsoft-Skype-Message-ID", "6d1b2c3e")
//!     .body(&body[..])?;
//! assert_eq!(
//!     routing::call_id(&request).as_deref(),
//!     Some("421f0b00-2db4-4022-9570-243709c565ab")
//! );
//! assert_eq!(routing::dedupe_key(&request), "id:6d1b2c3e");
//! # Ok::<(), http::Error>(())
//! ```

use graph_comms::notification::ResourcePath;

/// The header that carries a callback's message id, the same on each redelivery.
pub const MESSAGE_ID: &str = "x-microsoft-skype-message-id";

/// The id of the call a callback is about, from its body, without decoding it:
/// see [`call_id_of_body`].
pub fn call_id<B: AsRef<[u8]>>(request: &http::Request<B>) -> Option<String> {
    call_id_of_body(request.body().as_ref())
}

/// The id of the call a callback body is about: the call segment of its first
/// `resourceUrl` (`/communications/calls/{id}/…`), else of its first legacy
/// `resource` (`/app/calls/{id}`), else the `id` of a call resource that is the
/// body's first `resourceData`. The body is scanned, not decoded: the cost is a
/// search for the member's name. `None` when none of them is found (a body that
/// is not a notification, or whose notifications name no call).
///
/// A body of several notifications is routed by its first; Graph sends each
/// callback about one call.
pub fn call_id_of_body(body: &[u8]) -> Option<String> {
    for member in [&b"\"resourceUrl\""[..], b"\"resource\""] {
        if let Some(path) = string_member(body, member)
            && let Some(path) = ResourcePath::parse(&path)
        {
            return Some(path.call_id.to_owned());
        }
    }
    // A call resource names itself: `"resourceData": {"@odata.type": "#microsoft.graph.call", "id": …}`.
    let data = find(body, b"\"resourceData\"")?;
    let rest = &body[data..];
    let call = find(rest, b"#microsoft.graph.call\"")?;
    let object_end = rest.iter().position(|&b| b == b'}')?;
    if call > object_end {
        return None;
    }
    string_member(&rest[..object_end], b"\"id\"")
}

/// The key that tells a redelivery of a callback: `id:` and the
/// `X-Microsoft-Skype-Message-ID` header when it is present (Graph repeats it on
/// each retry), else [`content_key`] of the body.
pub fn dedupe_key<B: AsRef<[u8]>>(request: &http::Request<B>) -> String {
    match message_id_key(request) {
        Some(key) => key,
        None => content_key(request.body().as_ref()),
    }
}

/// `id:` and the callback's message id, when the header is present.
pub(crate) fn message_id_key<B>(request: &http::Request<B>) -> Option<String> {
    let id = request.headers().get(MESSAGE_ID)?.to_str().ok()?;
    Some(format!("id:{id}"))
}

/// `body:` and the 64-bit FNV-1a hash of the body's bytes in 16 lowercase hex
/// digits: the same bytes give the same key in any process and any language.
pub fn content_key(body: &[u8]) -> String {
    format!("body:{:016x}", fnv1a(body))
}

/// FNV-1a, 64 bits: a hash any language writes in three lines.
fn fnv1a(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(OFFSET, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(PRIME))
}

/// The position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The string value of the first member named `name` (given with its quotes),
/// unescaped.
fn string_member(body: &[u8], name: &[u8]) -> Option<String> {
    let mut from = 0;
    while let Some(at) = find(&body[from..], name) {
        let after = from + at + name.len();
        from = after;
        let rest = skip_space(&body[after..]);
        let Some(rest) = rest.strip_prefix(b":") else {
            continue; // the name was a value, not a member
        };
        let rest = skip_space(rest);
        if rest.first() != Some(&b'"') {
            return None;
        }
        let mut escaped = false;
        let mut plain = true;
        for (i, &b) in rest.iter().enumerate().skip(1) {
            match b {
                _ if escaped => escaped = false,
                b'\\' => {
                    escaped = true;
                    plain = false;
                }
                b'"' => {
                    let literal = &rest[..=i];
                    return if plain {
                        std::str::from_utf8(&literal[1..i]).ok().map(str::to_owned)
                    } else {
                        serde_json::from_slice(literal).ok()
                    };
                }
                _ => {}
            }
        }
        return None;
    }
    None
}

fn skip_space(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_its_published_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn the_call_id_comes_from_the_path_the_legacy_path_or_the_call() {
        let url = br#"{"value":[{"resourceUrl" : "\/communications\/calls\/abc\/operations\/1"}]}"#;
        assert_eq!(call_id_of_body(url).as_deref(), Some("abc"));
        let legacy = br#"{"value":[{"resource":"/app/calls/def","resourceData":{}}]}"#;
        assert_eq!(call_id_of_body(legacy).as_deref(), Some("def"));
        let data =
            br##"{"value":[{"resourceData":{"@odata.type":"#microsoft.graph.call","id":"ghi"}}]}"##;
        assert_eq!(call_id_of_body(data).as_deref(), Some("ghi"));
        let named = br#"{"value":[{"changeType":"resourceUrl","resourceUrl":"/communications/calls/jkl"}]}"#;
        assert_eq!(call_id_of_body(named).as_deref(), Some("jkl"));
        for none in [
            &b""[..],
            b"{}",
            b"\"resourceUrl\"",
            b"{\"resourceUrl\": 3}",
            b"{\"resourceUrl\": \"/x",
        ] {
            assert_eq!(call_id_of_body(none), None);
        }
    }
}
