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

/// A mask whose lowest set bit is the high bit of the first zero byte of `x` (in
/// memory order); zero when there is none. Bits above the lowest may be set
/// spuriously.
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(splat(0x01)) & !x & splat(0x80)
}

/// A mask whose lowest set bit is the high bit of the first byte of `w` (in memory
/// order) that is `"`, `\` or below 0x20; zero when there is none. Bits above the
/// lowest may be set spuriously.
#[inline(always)]
fn string_stops(w: u64) -> u64 {
    let quote = zero_bytes(w ^ splat(b'"'));
    let backslash = zero_bytes(w ^ splat(b'\\'));
    let control = w.wrapping_sub(splat(0x20)) & !w & splat(0x80);
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

/// The index of the first `"` or `\` at or after `i`, or the length of `bytes` when
/// there is none: the end of a string's plain run, found by `memchr` (SIMD where
/// the CPU has it), the control characters in it not looked for.
#[inline]
pub(super) fn find_quote_or_backslash(bytes: &[u8], i: usize) -> usize {
    let Some(rest) = bytes.get(i..) else {
        return bytes.len();
    };
    // Where the build has AVX2, memchr's AVX2 searcher is called directly (and
    // inlined), not through the dispatch that chooses one at run time.
    #[cfg(all(target_arch = "x86_64", target_feature = "avx2"))]
    let found = memchr::arch::x86_64::avx2::memchr::Two::new(b'"', b'\\')
        .map_or_else(|| memchr::memchr2(b'"', b'\\', rest), |two| two.find(rest));
    #[cfg(not(all(target_arch = "x86_64", target_feature = "avx2")))]
    let found = memchr::memchr2(b'"', b'\\', rest);
    found.map_or(bytes.len(), |n| i + n)
}

/// The high bit of each byte of `w` that is below 0x20, exactly (no borrow runs
/// from one byte into the next).
#[inline(always)]
fn controls_exact(w: u64) -> u64 {
    !((w & splat(0x7f)).wrapping_add(splat(0x60)) | w) & splat(0x80)
}

/// How many control characters (below 0x20) `bytes` holds: eight bytes to a word,
/// each byte of a sum counting its own column, written so that the compiler keeps
/// four words to a vector register (AVX2) or two (SSE2). A column counts at most
/// 255 words, then the columns are added up.
pub(super) fn count_controls(bytes: &[u8]) -> usize {
    const RUN: usize = 8 * 255;
    let mut total = 0;
    for run in bytes.chunks(RUN) {
        let mut words = run.chunks_exact(8);
        let columns = (&mut words)
            .map(|w| {
                let w = w.first_chunk::<8>().map_or(0, |w| u64::from_le_bytes(*w));
                controls_exact(w) >> 7
            })
            .fold(0u64, u64::wrapping_add);
        // The eight byte columns into four of 16 bits, then added up.
        let pairs = (columns & splat16(0x00ff)) + ((columns >> 8) & splat16(0x00ff));
        total += (pairs.wrapping_mul(splat16(1)) >> 48) as usize;
        total += words.remainder().iter().filter(|&&b| b < 0x20).count();
    }
    total
}

/// Four copies of `half`.
const fn splat16(half: u16) -> u64 {
    let h = half as u64;
    h | h << 16 | h << 32 | h << 48
}

/// The index of the first byte at or after `i` that is not JSON whitespace; when
/// `count`, the newlines, tabs and carriage returns stepped over are added to
/// `controls`.
#[inline]
pub(super) fn skip_whitespace(
    bytes: &[u8],
    mut i: usize,
    controls: &mut usize,
    count: bool,
) -> usize {
    while let Some(&b @ (b' ' | b'\n' | b'\r' | b'\t')) = bytes.get(i) {
        if count && b != b' ' {
            *controls += 1;
        }
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
    use super::{
        count_controls, find_quote_or_backslash, find_string_stop, skip_spaces, skip_whitespace,
    };

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
        let mut controls = 0;
        assert_eq!(
            skip_whitespace(b"\n          \t\r\n  x", 0, &mut controls, true),
            16
        );
        assert_eq!(controls, 4);
        assert_eq!(skip_whitespace(b" \n", 0, &mut controls, true), 2);
        assert_eq!(controls, 5);
    }

    #[test]
    fn quotes_and_backslashes_end_a_run_and_controls_are_counted() {
        assert_eq!(find_quote_or_backslash(b"abc\"", 0), 3);
        assert_eq!(find_quote_or_backslash(b"a\\b\"", 0), 1);
        assert_eq!(find_quote_or_backslash(b"a\nb\"", 0), 3);
        assert_eq!(find_quote_or_backslash(b"abc", 1), 3);
        assert_eq!(find_quote_or_backslash(b"abc", 4), 3);
        for len in [
            0,
            1,
            31,
            32,
            33,
            254,
            255,
            256,
            511,
            600,
            32 * 255 + 40,
            32 * 600,
        ] {
            let mut text = vec![b'a'; len];
            for (i, b) in text.iter_mut().enumerate() {
                if i % 7 == 3 {
                    *b = (i % 32) as u8;
                }
            }
            let expected = text.iter().filter(|&&b| b < 0x20).count();
            assert_eq!(count_controls(&text), expected, "{len}");
        }
    }
}
