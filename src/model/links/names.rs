//! Notes found by name, as Obsidian resolves a wikilink: the file name without `.md` anywhere in
//! the corpus, or a path suffix when the link names folders; case ignored, after Unicode NFC.
//! When several notes match, the one with the shortest path wins (fewest folders, then fewest
//! characters, then the first in sort order).

use std::collections::HashMap;

use icu_normalizer::ComposingNormalizerBorrowed;

use crate::extract::{join, strip_markdown_extension, Joined};

/// Post nodes by note name.
#[derive(Debug, Default)]
pub(super) struct NoteNames {
    /// Folded file name without extension → (folded path without extension, node).
    by_name: HashMap<String, Vec<(String, usize)>>,
    /// Folded path without extension → node.
    by_path: HashMap<String, usize>,
}

impl NoteNames {
    /// Registers post node `node` at `path` (relative to its input folder).
    pub(super) fn insert(&mut self, node: usize, path: &str) {
        let path = note_path_key(path);
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        self.by_path.entry(path.clone()).or_insert(node);
        let candidates = self.by_name.entry(name).or_default();
        let at = candidates.partition_point(|(p, _)| shortest_first(p, &path).is_lt());
        candidates.insert(at, (path, node));
    }

    /// The note at `path` (relative to the input folder; extension, case and NFC ignored).
    pub(super) fn at_path(&self, path: &str) -> Option<usize> {
        self.by_path.get(&note_key(path)).copied()
    }

    /// The note `name` (a wikilink's target, anchor removed) names, from the post at `from_path`.
    pub(super) fn resolve(&self, from_path: &str, name: &str) -> Option<usize> {
        let name = name.trim();
        if name.starts_with("./") || name.starts_with("../") {
            return match join(from_path, name) {
                Joined::Inside(path) => self.by_path.get(&note_key(&path)).copied(),
                Joined::Outside(_) => None,
            };
        }
        let key = note_key(name);
        let key = key.trim_start_matches('/');
        if let Some(&node) = self.by_path.get(key) {
            return Some(node);
        }
        let (folders, file) = match key.rsplit_once('/') {
            Some((folders, file)) => (Some(folders), file),
            None => (None, key),
        };
        let candidates = self.by_name.get(file)?;
        match folders {
            None => candidates.first().map(|&(_, node)| node),
            Some(_) => {
                let suffix = format!("/{key}");
                candidates
                    .iter()
                    .find(|(path, _)| path.ends_with(&suffix))
                    .map(|&(_, node)| node)
            }
        }
    }
}

/// The key a note name is compared by: NFC, lower case, without a `.md` extension. It is also
/// the key of the `missing` node an unresolved wikilink gets.
pub(crate) fn note_key(name: &str) -> String {
    fold(strip_markdown_extension(name.trim()))
}

/// The key a post's path is found by: NFC, lower case, without a `.md` extension.
pub(crate) fn note_path_key(path: &str) -> String {
    fold(strip_markdown_extension(path))
}

fn fold(text: &str) -> String {
    ComposingNormalizerBorrowed::new_nfc()
        .normalize(text)
        .to_lowercase()
}

/// Orders paths shortest first: fewer folders, then fewer characters, then by text.
fn shortest_first(a: &str, b: &str) -> std::cmp::Ordering {
    let depth = |p: &str| p.matches('/').count();
    (depth(a), a.len(), a).cmp(&(depth(b), b.len(), b))
}
