//! The repair pass alone: what it returns is standard JSON in which nothing moved (the
//! brackets left open at the end are appended), and repairing it again changes
//! nothing.
#![no_main]

use graph_comms::repair;
use libfuzzer_sys::fuzz_target;

/// Whether `text` has a `\u` escape of a surrogate that is not part of a pair, which
/// serde_json rejects and lenient reading accepts (as U+FFFD).
fn has_lone_surrogate(text: &str) -> bool {
    let b = text.as_bytes();
    let hex = |i: usize| -> Option<u32> {
        let h = b.get(i..i + 4)?;
        if !h.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        u32::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()
    };
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            if b.get(i + 1) == Some(&b'u')
                && let Some(first) = hex(i + 2)
            {
                if (0xD800..0xDC00).contains(&first)
                    && b.get(i + 6..i + 8) == Some(b"\\u")
                    && hex(i + 8).is_some_and(|s| (0xDC00..0xE000).contains(&s))
                {
                    i += 12;
                    continue;
                }
                if (0xD800..0xE000).contains(&first) {
                    return true;
                }
            }
            i += 2;
            continue;
        }
        i += 1;
    }
    false
}

fuzz_target!(|data: &[u8]| {
    let Ok(repaired) = repair(data) else {
        return;
    };
    let text: &[u8] = &repaired.text;
    assert!(text.len() >= data.len(), "repair lost bytes");
    let appended = &text[data.len()..];
    assert!(
        appended.iter().all(|b| matches!(b, b'}' | b']')),
        "repair appended more than closing brackets: {appended:?}"
    );
    let unclosed = repaired
        .diagnostics
        .iter()
        .filter(|d| d.kind.as_str() == "unclosed")
        .count();
    let truncated_diagnostics = repaired
        .diagnostics
        .iter()
        .any(|d| d.kind.as_str() == "truncated");
    assert!(
        truncated_diagnostics || unclosed == appended.len(),
        "{unclosed} unclosed containers, {} brackets appended",
        appended.len()
    );
    if let Ok(s) = std::str::from_utf8(data)
        && !has_lone_surrogate(s)
        && let Err(e) = serde_json::from_slice::<serde_json::Value>(text)
    {
        // Two limits of serde_json's own, which the JSON grammar does not have: numbers
        // beyond f64 (`1e400`), and nesting of 128 levels (the repair pass allows 128,
        // serde_json 127).
        let message = e.to_string();
        assert!(
            message.contains("number out of range") || message.contains("recursion limit exceeded"),
            "repaired text is not JSON: {e}\ninput: {:?}\nrepaired: {:?}",
            String::from_utf8_lossy(data),
            String::from_utf8_lossy(text)
        );
    }
    let again = repair(text).expect("repaired text repairs");
    assert_eq!(&*again.text, text, "repair is not idempotent");
    // A lone surrogate is reported, not repaired: it is the one diagnostic left.
    let lone = |d: &&graph_comms::Diagnostic| d.kind.as_str() == "lone_surrogate";
    assert!(
        again
            .diagnostics
            .iter()
            .all(|d| lone(&d) || d.kind.as_str() == "truncated"),
        "repaired text still needs repair: {:?}",
        again.diagnostics
    );
    let truncated = |r: &graph_comms::Repaired<'_>| {
        r.diagnostics.iter().any(|d| d.kind.as_str() == "truncated")
    };
    if !truncated(&repaired) && !truncated(&again) {
        assert_eq!(
            again.diagnostics.iter().filter(lone).count(),
            repaired.diagnostics.iter().filter(lone).count(),
        );
    }
});
