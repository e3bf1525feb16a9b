//! The corpus, as the tests read it: every file of `corpus/` with its manifest row.
//!
//! Shared by the test binaries (`#[path]`-included); not a test target itself.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use graph_comms::by_name::{self, GraphValue};
use graph_comms::{DecodeOptions, Decoded, Error};

/// The corpus sets, each a folder of payloads with a `manifest.tsv`.
pub(crate) const SETS: [&str; 3] = ["seed", "docs", "edge"];

/// One corpus file and its manifest row.
#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) path: PathBuf,
    pub(crate) row: BTreeMap<String, String>,
}

impl Entry {
    pub(crate) fn name(&self) -> &str {
        self.path.file_name().and_then(|n| n.to_str()).unwrap_or("")
    }

    pub(crate) fn get(&self, column: &str) -> &str {
        self.row.get(column).map_or("", String::as_str)
    }

    pub(crate) fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.path).unwrap_or_else(|e| panic!("{}: {e}", self.path.display()))
    }

    /// Decodes the file as its manifest says.
    pub(crate) fn decode(
        &self,
        options: &DecodeOptions,
    ) -> Result<Decoded<Box<dyn GraphValue>>, Error> {
        by_name::decode_as(options, Some(self.get("type")), &self.bytes())
    }
}

pub(crate) fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The manifest of a set, checked against the files present: every file listed,
/// every listed file present.
pub(crate) fn manifest(set: &str) -> Vec<Entry> {
    let dir = corpus_dir().join(set);
    let text = std::fs::read_to_string(dir.join("manifest.tsv")).expect("manifest.tsv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let entries: Vec<Entry> = lines
        .map(|line| {
            let row: BTreeMap<String, String> = header
                .iter()
                .zip(line.split('\t'))
                .map(|(k, v)| ((*k).to_owned(), v.to_owned()))
                .collect();
            Entry {
                path: dir.join(&row["file"]),
                row,
            }
        })
        .collect();
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = entries.iter().map(|e| e.name().to_owned()).collect();
    listed.sort();
    assert_eq!(
        listed, on_disk,
        "corpus/{set}/manifest.tsv must list exactly the files present"
    );
    entries
}

/// Every corpus file.
pub(crate) fn all_entries() -> Vec<Entry> {
    SETS.iter().flat_map(|s| manifest(s)).collect()
}

/// The corpus file at `path` (as a glob gives it), with its manifest row.
pub(crate) fn entry_at(path: &Path) -> Entry {
    let path = path.canonicalize().expect("a corpus file");
    all_entries()
        .into_iter()
        .find(|e| e.path.canonicalize().is_ok_and(|p| p == path))
        .unwrap_or_else(|| panic!("{} is in no manifest", path.display()))
}
