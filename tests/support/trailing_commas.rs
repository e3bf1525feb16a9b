//! The trailing commas of a JSON text, found without any JSON reader: the
//! independent check of what lenient decoding tolerates and strict decoding refuses.
//!
//! Shared by the library's and the CLI's tests (`#[path]`-included).

/// Line and column (1-based, in characters) of every comma followed, after
/// whitespace, by a closing bracket, outside strings.
pub(crate) fn trailing_commas(text: &str) -> Vec<(usize, usize)> {
    let mut in_string = false;
    let mut escaped = false;
    let mut found = Vec::new();
    for (i, c) in text.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            ',' if text[i + 1..].trim_start().starts_with(['}', ']']) => {
                let before = &text[..i];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                found.push((line, column));
            }
            _ => {}
        }
    }
    found
}
