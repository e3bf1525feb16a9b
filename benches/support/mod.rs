//! What the benchmarks and the measuring examples share: the corpus, and generated
//! rosters.

#![allow(dead_code, unreachable_pub)]

use std::path::Path;

use graph_comms::DecodeOptions;
use graph_comms::by_name::{self, TypeEntry};

/// One corpus payload: as published, repaired into standard JSON of the same length,
/// and the type its root `@odata.type` names.
pub struct GraphValue {
    pub name: String,
    pub original: Vec<u8>,
    pub repaired: Vec<u8>,
    pub entry: &'static TypeEntry,
}

impl GraphValue {
    /// Whether the published bytes needed repair (trailing commas).
    pub fn needs_repair(&self) -> bool {
        self.original != self.repaired
    }
}

/// The seed corpus: the 29 bodies of the "Create call" page.
pub fn seed() -> Vec<GraphValue> {
    // From the codec's crate, or from a crate below it (benches/peers).
    let dir = ["corpus/seed", "../../corpus/seed"]
        .map(|d| Path::new(env!("CARGO_MANIFEST_DIR")).join(d))
        .into_iter()
        .find(|d| d.is_dir())
        .expect("corpus/seed");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/seed")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let original = std::fs::read(&path).expect("readable");
            let repaired = graph_comms::repair(&original)
                .expect("repairable")
                .text
                .into_owned();
            let root = by_name::root_type(&DecodeOptions::lenient(), &original)
                .ok()
                .flatten()
                .expect("a root @odata.type");
            let name = root.rsplit('.').next().unwrap_or_default().to_owned();
            GraphValue {
                name: path.file_name().unwrap().to_string_lossy().into_owned(),
                original,
                repaired,
                entry: by_name::lookup(&name).expect("a known type"),
            }
        })
        .collect()
}

/// Lenient decoding that admits the 100 000-participant roster (85 MB, over the
/// default 16 MiB limit).
pub fn large() -> DecodeOptions {
    DecodeOptions::lenient().with_max_input_len(1 << 30)
}

/// A UUID-shaped identifier derived from `n`.
fn id(n: usize, salt: u32) -> String {
    let x = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(salt);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        (x >> 32) as u32,
        (x >> 16) as u16,
        x as u16,
        (n as u16).wrapping_mul(31),
        x & 0xffff_ffff_ffff
    )
}

/// A roster notification of `n` participants, compact as Graph sends it, each like
/// the participants of the seed's roster notifications: a user (every tenth an
/// application) with a language, audio, video and screen-sharing streams, mute and
/// lobby state, and a roster sequence number.
pub fn roster_json(n: usize) -> Vec<u8> {
    let call = id(1, 7);
    let mut out = String::with_capacity(n * 720 + 400);
    out.push_str(r##"{"@odata.type":"#microsoft.graph.commsNotifications","value":[{"@odata.type":"#microsoft.graph.commsNotification","changeType":"updated","resourceUrl":"/communications/calls/"##);
    out.push_str(&call);
    out.push_str(
        r#"/participants","callbackUri":"https://bot.contoso.com/callback","resourceData":["#,
    );
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let (role, name) = if i % 10 == 9 {
            ("application", "Calling Bot")
        } else {
            ("user", "John Doe")
        };
        out.push_str(&format!(
            r##"{{"@odata.type":"#microsoft.graph.participant","info":{{"@odata.type":"#microsoft.graph.participantInfo","identity":{{"@odata.type":"#microsoft.graph.identitySet","{role}":{{"@odata.type":"#microsoft.graph.identity","displayName":"{name} {i}","id":"{}"}}}},"languageId":"en-US"}},"mediaStreams":[{{"@odata.type":"#microsoft.graph.mediaStream","mediaType":"audio","sourceId":"{}","direction":"sendReceive","serverMuted":false}},{{"@odata.type":"#microsoft.graph.mediaStream","mediaType":"video","sourceId":"{}","direction":"receiveOnly","serverMuted":false}},{{"@odata.type":"#microsoft.graph.mediaStream","mediaType":"videoBasedScreenSharing","sourceId":"{}","direction":"receiveOnly","serverMuted":false}}],"isMuted":{},"isInLobby":false,"id":"{}","rosterSequenceNumber":{}}}"##,
            id(i, 1),
            3 * i + 1,
            3 * i + 2,
            3 * i + 3,
            i % 3 == 0,
            id(i, 2),
            i + 1,
        ));
    }
    out.push_str("]}]}");
    out.into_bytes()
}
