//! Scanning runs of bytes eight at a time: the inner loops of strings and whitespace.

/// Bytes that end the fast scan of a string: `"`, `\` and the control characters.
static STRING_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Eight copies of `byte`.
const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The eight bytes at `i` as a little-endian word, if there are eight.
#[inline(always)]
fn word_at(bytes: &[u8], i: usize) -> Option<u64> {
    bytes
        .get(i..)?
        .first_chunk::<8>()
        .map(|w| u64::from_le_bytes(*w))
}

/// A mask whose lowest set bit is the high bit of the first byte of `w` (in memory
/// order) that is `"`, `\` or below 0x20; zero when there is none. Bits above the
/// lowest may be set spuriously.
#[inline(always)]
fn string_stops(w: u64) -> u64 {
    const ONES: u64 = splat(0x01);
    const HIGHS: u64 = splat(0x80);
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let quote = zero_byte(w ^ splat(b'"'));
    let backslash = zero_byte(w ^ splat(b'\\'));
    let control = w.wrapping_sub(splat(0x20)) & !w & HIGHS;
    quote | backslash | control
}

/// The index of the first `"`, `\` or control character at or after `i`, or the
/// length of `bytes` when there is none.
#[inline]
pub(super) fn find_string_stop(bytes: &[u8], mut i: usize) -> usize {
    while let Some(w) = word_at(bytes, i) {
        let stops = string_stops(w);
        if stops != 0 {
            return i + (stops.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if STRING_STOP[usize::from(b)] {
            return i;
        }
        i += 1;
    }
    i
}

/// The index of the first byte at or after `i` that is not JSON whitespace.
#[inline]
pub(super) fn skip_whitespace(bytes: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(i) {
        i += 1;
        // Indentation: a run of spaces, stepped over eight at a time.
        if bytes.get(i) == Some(&b' ') {
            i = skip_spaces(bytes, i + 1);
        }
    }
    i
}

/// The index of the first byte at or after `i` that is not a space.
#[inline]
fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    while let Some(w) = word_at(bytes, i) {
        let others = w ^ splat(b' ');
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::{find_string_stop, skip_spaces, skip_whitespace};

    #[test]
    fn string_stops_are_found_in_every_lane() {
        for len in 0..20 {
            for lane in 0..len {
                for special in [b'"', b'\\', 0x00, 0x1f] {
                    let mut w = vec![b'a'; len];
                    w[lane] = special;
                    // A later stop must not hide the first one.
                    if lane + 1 < len {
                        w[lane + 1] = b'"';
                    }
                    assert_eq!(
                        find_string_stop(&w, 0),
                        lane,
                        "{special:#x} at {lane} of {len}"
                    );
                }
            }
            assert_eq!(find_string_stop(&vec![b'a'; len], 0), len);
        }
        let text = [
            0xC3, 0xA9, b'x', 0x20, 0xFF, 0x80, b'!', b'#', 0x7f, b'~', b'"',
        ];
        assert_eq!(find_string_stop(&text, 0), 10);
    }

    #[test]
    fn whitespace_is_skipped_in_runs() {
        for n in 0..20 {
            let mut w = vec![b' '; n];
            w.push(b'x');
            w.extend_from_slice(b"        ");
            assert_eq!(skip_spaces(&w, 0), n);
        }
        assert_eq!(skip_spaces(b"   ", 0), 3);
        assert_eq!(skip_whitespace(b"\n          \t\r\n  x", 0), 16);
        assert_eq!(skip_whitespace(b" \n", 0), 2);
    }
}
