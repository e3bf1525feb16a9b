//! Corpus manifests: a `manifest.tsv` beside payload files may name their types.
//!
//! The first line names the columns; `check` reads the `file` and `type` columns.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Types named by the manifests read so far, by file path.
#[derive(Debug, Default)]
pub(crate) struct Manifests {
    read: HashMap<PathBuf, HashMap<String, String>>,
}

impl Manifests {
    /// The type the manifest beside `file` gives it, if there is one.
    pub(crate) fn type_of(&mut self, file: &Path) -> Option<String> {
        let dir = file.parent()?.to_path_buf();
        let name = file.file_name()?.to_str()?;
        let types = self
            .read
            .entry(dir.clone())
            .or_insert_with(|| load(&dir.join("manifest.tsv")));
        types.get(name).cloned()
    }
}

fn load(path: &Path) -> HashMap<String, String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    let mut lines = text.lines();
    let Some(header) = lines.next() else {
        return HashMap::new();
    };
    let columns: Vec<&str> = header.split('\t').collect();
    let (Some(file), Some(ty)) = (
        columns.iter().position(|c| *c == "file"),
        columns.iter().position(|c| *c == "type"),
    ) else {
        return HashMap::new();
    };
    lines
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            Some((fields.get(file)?.to_string(), fields.get(ty)?.to_string()))
        })
        .filter(|(_, ty)| !ty.is_empty())
        .collect()
}
