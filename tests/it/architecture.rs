//! The layering of `src/`, as ARCHITECTURE.md states it: each unit uses only units of
//! its own layer or below, and no units use each other in a cycle.
//!
//! A unit is a top-level module of the crate, except `model` and `tools`, whose
//! areas and tools are units each. What a unit uses is read from its source: every
//! path that starts `crate::` or `$crate::` (in `use` trees, paths and macro
//! bodies), resolved through the crate root's re-exports.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules, lowest layer first. A new top-level module must be given
/// a layer here and in ARCHITECTURE.md.
const LAYERS: &[&[&str]] = &[
    &["error"],
    &["json"],
    &["decode", "declare"],
    // The public facades of `decode::odata` and `declare::enums`, in lib.rs.
    &["enums", "odata"],
    &["model"],
    &["tools"],
];

/// Top-level modules whose children are units of their own.
const SPLIT: &[&str] = &["model", "tools"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    Path,
    Punct(char),
}

/// The tokens of Rust source, without comments, strings and characters.
fn tokens(text: &str) -> Vec<(Token, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < b.len() {
                    if b[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 2;
                    } else if b[i..].starts_with(b"*/") {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        line += usize::from(b[i] == b'\n');
                        i += 1;
                    }
                }
            }
            b'r' if matches!(b.get(i + 1), Some(b'#' | b'"')) => {
                let mut j = i + 1;
                while b.get(j) == Some(&b'#') {
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    out.push((Token::Ident("r".into()), line));
                    i += 1;
                    continue;
                }
                let hashes = j - i - 1;
                let mut end = String::from("\"");
                end.push_str(&"#".repeat(hashes));
                let rest = &text[j + 1..];
                let len = rest.find(&end).map_or(rest.len(), |k| k + end.len());
                line += rest[..len].matches('\n').count();
                i = j + 1 + len;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    line += usize::from(b.get(i) == Some(&b'\n'));
                    i += 1;
                }
                i += 1;
            }
            b'\'' => {
                // A character literal ('a', '\n', '"'), or a lifetime ('a).
                if b.get(i + 2) == Some(&b'\'') {
                    i += 3;
                } else if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                    i += 1;
                } else {
                    i += 1;
                }
            }
            b':' if b.get(i + 1) == Some(&b':') => {
                out.push((Token::Path, line));
                i += 2;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                out.push((Token::Ident(text[start..i].to_owned()), line));
            }
            c if c.is_ascii_whitespace() || c.is_ascii_digit() => i += 1,
            c => {
                out.push((Token::Punct(char::from(c)), line));
                i += 1;
            }
        }
    }
    out
}

/// The paths a token stream names from the crate root: for each `crate::` (or
/// `$crate::`), its first two segments, for every branch of a `use` tree.
fn crate_paths(tokens: &[(Token, usize)]) -> Vec<(Vec<String>, usize)> {
    let mut out = Vec::new();
    for (i, (t, line)) in tokens.iter().enumerate() {
        if *t != Token::Ident("crate".into())
            || tokens.get(i + 1).map(|t| &t.0) != Some(&Token::Path)
        {
            continue;
        }
        tree(tokens, i + 2, Vec::new(), *line, &mut out);
    }
    out
}

/// Reads the use tree (or path) at `at`, under `prefix`.
fn tree(
    tokens: &[(Token, usize)],
    mut at: usize,
    mut prefix: Vec<String>,
    line: usize,
    out: &mut Vec<(Vec<String>, usize)>,
) -> usize {
    loop {
        match tokens.get(at).map(|t| &t.0) {
            Some(Token::Ident(name)) => {
                prefix.push(name.clone());
                at += 1;
                if tokens.get(at).map(|t| &t.0) == Some(&Token::Path) {
                    at += 1;
                    continue;
                }
                out.push((prefix, line));
                return at;
            }
            Some(Token::Punct('{')) => {
                at += 1;
                loop {
                    match tokens.get(at).map(|t| &t.0) {
                        Some(Token::Punct('}')) | None => return at + 1,
                        Some(Token::Punct(',')) => at += 1,
                        _ => at = tree(tokens, at, prefix.clone(), line, out),
                    }
                }
            }
            _ => {
                out.push((prefix, line));
                return at;
            }
        }
    }
}

/// The crate root's re-exports: name → the path it stands for.
fn root_exports(lib: &str) -> BTreeMap<String, Vec<String>> {
    let toks = tokens(lib);
    let mut map = BTreeMap::new();
    for (i, (t, _)) in toks.iter().enumerate() {
        if *t != Token::Ident("use".into()) {
            continue;
        }
        let mut paths = Vec::new();
        tree(&toks, i + 1, Vec::new(), 0, &mut paths);
        for (path, _) in paths {
            if let Some(last) = path.last() {
                map.insert(last.clone(), path);
            }
        }
    }
    map
}

/// The unit a path from the crate root lands in, if any.
fn unit_of(path: &[String], exports: &BTreeMap<String, Vec<String>>) -> Option<String> {
    let first = path.first()?;
    let resolved: Vec<String> = match exports.get(first) {
        Some(full) if full.len() > 1 || full[0] != *first => full
            .iter()
            .cloned()
            .chain(path[1..].iter().cloned())
            .collect(),
        _ => path.to_vec(),
    };
    let top = resolved.first()?;
    if !LAYERS.iter().any(|layer| layer.contains(&top.as_str())) {
        return None;
    }
    if SPLIT.contains(&top.as_str()) {
        return resolved.get(1).map(|child| format!("{top}::{child}"));
    }
    Some(top.clone())
}

/// The layer of a unit.
fn layer_of(unit: &str) -> usize {
    let top = unit.split("::").next().unwrap_or(unit);
    LAYERS
        .iter()
        .position(|layer| layer.contains(&top))
        .unwrap_or_else(|| panic!("`{top}` has no layer in LAYERS"))
}

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every unit and its files.
fn units() -> BTreeMap<String, Vec<PathBuf>> {
    let mut units = BTreeMap::new();
    for layer in LAYERS {
        for top in *layer {
            let file = src().join(format!("{top}.rs"));
            assert!(file.exists(), "{} is missing", file.display());
            if SPLIT.contains(top) {
                let dir = src().join(top);
                for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                    let path = entry.path();
                    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                        continue;
                    };
                    if path.extension().is_some_and(|e| e == "rs") {
                        let mut files = vec![path.clone()];
                        rust_files(&dir.join(stem), &mut files);
                        units.insert(format!("{top}::{stem}"), files);
                    }
                }
            } else {
                let mut files = vec![file];
                rust_files(&src().join(top), &mut files);
                units.insert((*top).to_owned(), files);
            }
        }
    }
    units
}

/// What each unit uses: unit → (used unit → the first place it is used).
fn edges() -> BTreeMap<String, BTreeMap<String, String>> {
    let exports = root_exports(&std::fs::read_to_string(src().join("lib.rs")).unwrap());
    let mut edges = BTreeMap::new();
    for (unit, files) in units() {
        let mut uses = BTreeMap::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (path, line) in crate_paths(&tokens(&text)) {
                if let Some(used) = unit_of(&path, &exports)
                    && used != unit
                {
                    let place = format!(
                        "{}:{line} (crate::{})",
                        file.strip_prefix(src()).unwrap().display(),
                        path.join("::")
                    );
                    uses.entry(used).or_insert(place);
                }
            }
        }
        edges.insert(unit, uses);
    }
    edges
}

#[test]
fn every_top_level_module_has_a_layer() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let toks = tokens(&lib);
    for (i, (t, _)) in toks.iter().enumerate() {
        if *t == Token::Ident("mod".into())
            && let Some((Token::Ident(name), _)) = toks.get(i + 1)
        {
            assert!(
                LAYERS.iter().any(|l| l.contains(&name.as_str())),
                "src/lib.rs declares `mod {name}`, which has no layer: give it one in tests/it/architecture.rs and ARCHITECTURE.md"
            );
        }
    }
}

#[test]
fn no_unit_uses_a_higher_layer() {
    let mut wrong = Vec::new();
    for (unit, uses) in edges() {
        for (used, place) in uses {
            if layer_of(&used) > layer_of(&unit) {
                wrong.push(format!("{unit} uses {used}, a higher layer, at {place}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_units_use_each_other_in_a_cycle() {
    let edges = edges();
    // Tarjan's strongly connected components.
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeMap<String, String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        components: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let edges = s.edges;
        for w in edges[v].keys().map(String::as_str) {
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w);
                if w == v {
                    break;
                }
            }
            s.components.push(component);
        }
    }
    let mut s = State {
        edges: &edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    let cycles: Vec<String> = s
        .components
        .iter()
        .filter(|c| c.len() > 1)
        .map(|c| {
            let members: BTreeSet<&str> = c.iter().copied().collect();
            let mut lines = vec![format!("cycle among {members:?}:")];
            for u in &members {
                for (w, place) in &edges[*u] {
                    if members.contains(w.as_str()) {
                        lines.push(format!("  {u} uses {w} at {place}"));
                    }
                }
            }
            lines.join("\n")
        })
        .collect();
    assert!(cycles.is_empty(), "{}", cycles.join("\n"));
}

/// The checker itself finds what it must: paths in `use` trees, macro bodies and
/// re-exports, and not those in comments or strings.
#[test]
fn the_checker_reads_paths_as_the_compiler_does() {
    let text = r##"
        use crate::{call::Call, tools::by_name, Error};
        // crate::notification in a comment
        let s = "crate::participant in a string";
        $crate::decode::Decoder::new();
        fn f<'a>(c: char) -> &'a str { if c == '"' { "" } else { "" } }
        use crate::model::media::MediaConfig;
    "##;
    let exports = root_exports(
        "pub use model::{call, media}; pub use tools::by_name; pub use error::Error; mod x;",
    );
    let units: BTreeSet<String> = crate_paths(&tokens(text))
        .iter()
        .filter_map(|(p, _)| unit_of(p, &exports))
        .collect();
    let expected: BTreeSet<String> = [
        "model::call",
        "tools::by_name",
        "error",
        "decode",
        "model::media",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(units, expected);
}
