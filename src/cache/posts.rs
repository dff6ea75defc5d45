//! The extraction cache: what each file yielded last time (its `PostRecord` and diagnostics),
//! reused while the file is unchanged.
//!
//! A file whose size and modification time are those stored is not read at all; otherwise it
//! is read, and extracted again only when its content hash differs. A modification time is
//! trusted only once it is [`SETTLED`] older than the run that stored it: a file written twice
//! within one tick of the clock keeps its time, so a recent one is always hashed.

use std::borrow::Cow;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::fingerprint;
use crate::diagnostic::Diagnostic;
use crate::discover::SourceFile;
use crate::extract::PostRecord;
use crate::read;

/// What reading and extracting one file gives: its record, when it is a post, and its problems.
pub(crate) type Extracted = (Option<PostRecord>, Vec<Diagnostic>);

/// How much older than a run a modification time must be for that run to trust it.
const SETTLED: Duration = Duration::from_secs(2);

/// One file as it was last read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Entry {
    rel_path: String,
    /// The path diagnostics print: the same file named otherwise is extracted again.
    display: String,
    size: u64,
    /// Nanoseconds since the epoch, when settled.
    mtime: Option<u128>,
    content: u128,
    /// postcard of the file's [`Extracted`], decoded only when used.
    extracted: Vec<u8>,
}

impl Entry {
    fn decode(&self) -> Option<Extracted> {
        postcard::from_bytes(&self.extracted).ok()
    }
}

/// The files of the last run, by relative path.
#[derive(Debug, Default)]
pub(crate) struct PostCache {
    enabled: bool,
    stored: FxHashMap<String, Entry>,
    started: Option<SystemTime>,
}

/// One file fetched: from the cache or extracted, with what to store for it next time.
#[derive(Debug)]
pub(crate) struct Fetched<'c> {
    extracted: Extracted,
    kept: Option<Cow<'c, Entry>>,
    reused: bool,
}

/// The entries to store, in file order, and how many were reused.
#[derive(Debug, Default)]
pub(crate) struct Kept<'c> {
    pub(super) entries: Vec<Cow<'c, Entry>>,
    pub(super) reused: usize,
}

impl<'c> Kept<'c> {
    /// Notes what to store for `fetched` and hands back what it yielded.
    pub(crate) fn keep(&mut self, fetched: Fetched<'c>) -> Extracted {
        self.reused += usize::from(fetched.reused);
        self.entries.extend(fetched.kept);
        fetched.extracted
    }

    /// Whether the entries differ from the ones `cache` holds: files changed, new or gone.
    pub(super) fn changed_from(&self, cache: &PostCache) -> bool {
        self.entries.len() != cache.stored.len()
            || self.entries.iter().any(|e| matches!(e, Cow::Owned(_)))
    }
}

impl PostCache {
    /// No cache: every file is read and extracted.
    pub(crate) fn off() -> Self {
        PostCache::default()
    }

    /// A cache holding `entries`, for a run started at `started`.
    pub(super) fn new(entries: Vec<Entry>, started: SystemTime) -> Self {
        PostCache {
            enabled: true,
            stored: entries
                .into_iter()
                .map(|e| (e.rel_path.clone(), e))
                .collect(),
            started: Some(started),
        }
    }

    /// What `file` yields: the stored result while the file is unchanged, else `extract` of its
    /// bytes (which adds its problems to the diagnostics it is given).
    pub(crate) fn fetch(
        &self,
        file: &SourceFile,
        extract: impl FnOnce(Vec<u8>, &mut Vec<Diagnostic>) -> Option<PostRecord>,
    ) -> Fetched<'_> {
        let mut diagnostics = Vec::new();
        let Some(started) = self.started.filter(|_| self.enabled) else {
            let record = read::read_bytes(file, &mut diagnostics)
                .and_then(|bytes| extract(bytes, &mut diagnostics));
            return Fetched::new((record, diagnostics), None, false);
        };
        let stored = (self.stored.get(&file.rel_path)).filter(|e| e.display == file.display);
        let stat = stat(&file.path);
        if let (Some(entry), Some((size, Some(mtime)))) = (stored, stat) {
            if entry.size == size && entry.mtime == Some(mtime) {
                if let Some(extracted) = entry.decode() {
                    return Fetched::new(extracted, Some(Cow::Borrowed(entry)), true);
                }
            }
        }
        let Some(bytes) = read::read_bytes(file, &mut diagnostics) else {
            // Unreadable or too large: nothing stored, so it is tried again next time.
            return Fetched::new((None, diagnostics), None, false);
        };
        let size = bytes.len() as u64;
        let mtime = stat
            .and_then(|(_, mtime)| mtime)
            .filter(|&mtime| settled(mtime, started));
        let content = fingerprint::of_content(&bytes);
        if let Some(entry) = stored.filter(|e| e.content == content) {
            if let Some(extracted) = entry.decode() {
                let entry = Entry {
                    size,
                    mtime,
                    ..entry.clone()
                };
                return Fetched::new(extracted, Some(Cow::Owned(entry)), true);
            }
        }
        let record = extract(bytes, &mut diagnostics);
        let extracted = (record, diagnostics);
        let kept = postcard::to_stdvec(&extracted).ok().map(|encoded| {
            Cow::Owned(Entry {
                rel_path: file.rel_path.clone(),
                display: file.display.clone(),
                size,
                mtime,
                content,
                extracted: encoded,
            })
        });
        Fetched::new(extracted, kept, false)
    }
}

impl<'c> Fetched<'c> {
    fn new(extracted: Extracted, kept: Option<Cow<'c, Entry>>, reused: bool) -> Self {
        Fetched {
            extracted,
            kept,
            reused,
        }
    }
}

/// Size and modification time (nanoseconds since the epoch) of a regular file.
fn stat(path: &Path) -> Option<(u64, Option<u128>)> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos());
    Some((meta.len(), mtime))
}

/// Whether `mtime` is far enough before `started` that a later write must change it.
fn settled(mtime: u128, started: SystemTime) -> bool {
    started
        .checked_sub(SETTLED)
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .is_some_and(|limit| mtime <= limit.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(dir: &Path, name: &str) -> SourceFile {
        SourceFile {
            rel_path: name.to_string(),
            path: dir.join(name),
            display: format!("posts/{name}"),
        }
    }

    /// What fetching `file` from a cache of `entries` gives: the title extracted (the file's
    /// text), whether it was reused, and the entries to store; counts extractions in `calls`.
    fn fetch(
        entries: Vec<Entry>,
        started: SystemTime,
        file: &SourceFile,
        calls: &mut usize,
    ) -> (String, bool, Vec<Entry>) {
        let cache = PostCache::new(entries, started);
        fetch_from(&cache, file, calls)
    }

    fn fetch_from(
        cache: &PostCache,
        file: &SourceFile,
        calls: &mut usize,
    ) -> (String, bool, Vec<Entry>) {
        let mut kept = Kept::default();
        let (record, _) = kept.keep(cache.fetch(file, |bytes, _| {
            *calls += 1;
            Some(PostRecord {
                title: String::from_utf8(bytes).unwrap(),
                ..PostRecord::default()
            })
        }));
        let entries = kept.entries.into_iter().map(Cow::into_owned).collect();
        (record.unwrap().title, kept.reused == 1, entries)
    }

    #[test]
    fn unchanged_files_are_reused_and_changed_ones_extracted_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = source(dir.path(), "a.md");
        std::fs::write(&file.path, "one").unwrap();
        let now = SystemTime::now();
        let mut calls = 0;
        let (title, reused, entries) = fetch(Vec::new(), now, &file, &mut calls);
        assert_eq!((title.as_str(), calls, reused), ("one", 1, false));
        // Just written: its time is not trusted, but its content is unchanged.
        let (title, reused, entries) = fetch(entries, now, &file, &mut calls);
        assert_eq!((title.as_str(), calls, reused), ("one", 1, true));
        assert_eq!(entries[0].mtime, None);
        // Same size, same (untrusted) time, other content.
        std::fs::write(&file.path, "two").unwrap();
        let (title, reused, _) = fetch(entries, now, &file, &mut calls);
        assert_eq!((title.as_str(), calls, reused), ("two", 2, false));
    }

    #[test]
    fn a_settled_time_and_size_spare_reading_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = source(dir.path(), "b.md");
        std::fs::write(&file.path, "old").unwrap();
        let later = SystemTime::now() + Duration::from_secs(60);
        let mut calls = 0;
        let (_, _, mut entries) = fetch(Vec::new(), later, &file, &mut calls);
        assert!(entries[0].mtime.is_some());
        // The stored result is taken on the file's time and size alone.
        entries[0].content = 0;
        let cache = PostCache::new(entries, later);
        let (title, reused, _) = fetch_from(&cache, &file, &mut calls);
        assert_eq!((title.as_str(), calls, reused), ("old", 1, true));
        let mut kept = Kept::default();
        kept.keep(cache.fetch(&file, |_, _| None));
        assert!(!kept.changed_from(&cache));
    }

    #[test]
    fn the_same_file_named_otherwise_is_extracted_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = source(dir.path(), "c.md");
        std::fs::write(&file.path, "c").unwrap();
        let now = SystemTime::now();
        let mut calls = 0;
        let (_, _, entries) = fetch(Vec::new(), now, &file, &mut calls);
        let renamed = SourceFile {
            display: "./posts/c.md".to_string(),
            ..file
        };
        let (_, reused, _) = fetch(entries, now, &renamed, &mut calls);
        assert_eq!((calls, reused), (2, false));
    }

    #[test]
    fn without_a_cache_nothing_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = source(dir.path(), "d.md");
        std::fs::write(&file.path, "d").unwrap();
        let mut calls = 0;
        let (title, reused, entries) = fetch_from(&PostCache::off(), &file, &mut calls);
        assert_eq!((title.as_str(), calls, reused), ("d", 1, false));
        assert!(entries.is_empty());
    }
}
