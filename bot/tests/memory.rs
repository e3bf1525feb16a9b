//! What deciding a callback's reply costs in memory: one decode of the body, no tree
//! of it besides. A binary of its own, with a global allocator that counts the bytes in
//! use and their peak (inside a shared test binary it would count the other tests').

#[path = "../../benches/support/counting.rs"]
mod counting;

use graph_comms::notification::CommsNotifications;
use graph_comms_bot::http::callback_reply;

/// A roster notification of `n` participants, as Graph posts it.
fn roster(n: usize) -> Vec<u8> {
    let participant = |i: usize| {
        format!(
            r##"{{"@odata.type":"#microsoft.graph.participant","id":"{i:08x}-5c3f-4b8d-8a38-5c8e7a1b3c2d","info":{{"@odata.type":"#microsoft.graph.participantInfo","identity":{{"@odata.type":"#microsoft.graph.identitySet","user":{{"@odata.type":"#microsoft.graph.identity","displayName":"User {i}","id":"{i:08x}-1111-4b8d-8a38-5c8e7a1b3c2d"}}}}}},"isMuted":true,"isInLobby":false}}"##
        )
    };
    let items: Vec<String> = (0..n).map(participant).collect();
    format!(
        r##"{{"@odata.type":"#microsoft.graph.commsNotifications","value":[{{"@odata.type":"#microsoft.graph.commsNotification","changeType":"updated","resourceUrl":"/communications/calls/421f0b00-2db4-4022-9570-243709c565ab/participants","resourceData":[{}]}}]}}"##,
        items.join(",")
    )
    .into_bytes()
}

/// The reply is decided with one decode: its peak memory is the decoded value's, not
/// that plus a `serde_json::Value` tree of the body (which alone takes about six
/// times the input).
#[test]
fn a_callback_reply_decodes_once() {
    let body = roster(2_000);
    let request = http::Request::post("/callback")
        .header("Content-Type", "application/json")
        .body(body.clone())
        .unwrap();
    let (decode_peak, _, _) =
        counting::measure(|| graph_comms::from_slice::<CommsNotifications>(&body));
    let (reply_peak, _, reply) = counting::measure(|| callback_reply(&request));
    assert_eq!(reply.status, 202, "{}", reply.reason);
    println!(
        "input {} bytes: decode peak {decode_peak}, reply peak {reply_peak} ({:.2}x)",
        body.len(),
        reply_peak as f64 / decode_peak as f64
    );
    // A tree of the body would add several times the input on top of the decode.
    assert!(
        reply_peak < decode_peak + body.len(),
        "reply {reply_peak} against decode {decode_peak} of {} bytes",
        body.len()
    );
}
