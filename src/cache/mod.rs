//! The per-file cache: what each post yielded and how each keyword text was cut, kept between
//! runs so that a rebuild after one file changed reads and extracts only that file.
//!
//! Only what depends on one file or one text is cached; everything corpus-wide (links,
//! structural headings, keyword ranking, the graph, metrics, layout) is computed on every run,
//! so a cached run gives the same bytes as an uncached one. A cache that cannot be read or
//! written is a warning and a run without it, never a different graph.
//!
//! ```text
//! <root>/<hash of the canonical inputs>/posts.bin     extraction, per file      (posts)
//! <root>/<hash of the canonical inputs>/segments.bin  segmentation, per text    (segments)
//! ```

mod fingerprint;
mod location;
mod posts;
mod segments;
mod store;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::extract::ExtractOptions;
use crate::keywords::Vocabulary;
use store::{Header, Unusable};

pub(crate) use fingerprint::{of_extract_options, of_vocabulary};
pub(crate) use posts::{Extracted, Kept, PostCache};
pub(crate) use segments::SegmentCache;

const POSTS_FILE: &str = "posts.bin";
const SEGMENTS_FILE: &str = "segments.bin";

/// Where kgraph keeps what it read from each file between runs, and for which version.
///
/// ```
/// let cache = kgraph::CacheConfig::in_dir("/tmp/kgraph-cache");
/// assert_eq!(cache.version, env!("CARGO_PKG_VERSION"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheConfig {
    /// The folder holding the caches of every corpus, one sub-folder per set of inputs.
    pub dir: PathBuf,
    /// The kgraph version the cache is written for: a cache of another version is reported and
    /// read again from the posts. This kgraph's version unless changed.
    pub version: String,
}

impl CacheConfig {
    /// A cache in `dir`.
    pub fn in_dir(dir: impl Into<PathBuf>) -> Self {
        CacheConfig {
            dir: dir.into(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }

    /// The user's cache folder: `$XDG_CACHE_HOME/kgraph`, else `~/.cache/kgraph`; `None` when
    /// neither is known.
    pub fn user_default() -> Option<Self> {
        location::default_root().map(CacheConfig::in_dir)
    }
}

/// What the cache did in one run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheUse {
    /// Files whose stored result was used (unchanged since the last run).
    pub posts_reused: usize,
    /// Files read and extracted.
    pub posts_extracted: usize,
    /// Keyword texts whose stored segmentation was used.
    pub texts_reused: usize,
    /// Keyword texts segmented.
    pub texts_segmented: usize,
    /// Why the cache was not read or not written (damaged, another version, a folder that cannot
    /// be written): the run went on without it.
    pub warnings: Vec<String>,
}

/// A cache file that could not be used, and why.
type Problem = Option<(PathBuf, String)>;

/// What was read from a cache file, and the problem to report if it could not be used.
pub(crate) struct Loaded<T>(T, Problem);

/// The cache of one run: the corpus's folder, loaded from and saved to stage by stage.
#[derive(Debug, Default)]
pub(crate) struct Session {
    /// The corpus's folder; `None` without a cache.
    dir: Option<PathBuf>,
    version: String,
    build: u64,
    started: Option<SystemTime>,
    /// A save failed: the others are not tried, so one problem is one warning.
    unwritable: bool,
    used: CacheUse,
}

impl Session {
    /// The cache of the corpus read from `inputs`, or no cache without `config`.
    pub(crate) fn open(config: Option<&CacheConfig>, inputs: &[PathBuf]) -> Self {
        let Some(config) = config else {
            return Session::default();
        };
        Session {
            dir: Some(location::corpus_dir(&config.dir, inputs)),
            version: config.version.clone(),
            build: location::build_id(),
            started: Some(SystemTime::now()),
            unwritable: false,
            used: CacheUse::default(),
        }
    }

    /// The stored extraction results, when they were made with `options`.
    pub(crate) fn posts(&mut self, options: &ExtractOptions) -> PostCache {
        let Some(started) = self.started else {
            return PostCache::off();
        };
        let fingerprint = fingerprint::of_extract_options(options);
        let entries = self.load(POSTS_FILE, fingerprint).unwrap_or_default();
        PostCache::new(entries, started)
    }

    /// Stores the files of this run, unless they are those of `stored`; the files of earlier
    /// runs that are gone are forgotten.
    pub(crate) fn save_posts(&mut self, options: &ExtractOptions, stored: &PostCache, kept: Kept) {
        if self.dir.is_none() {
            return;
        }
        self.used.posts_reused += kept.reused;
        self.used.posts_extracted += kept.entries.len() - kept.reused;
        if kept.changed_from(stored) {
            let fingerprint = fingerprint::of_extract_options(options);
            self.save(POSTS_FILE, fingerprint, &kept.entries);
        }
    }

    /// The stored segmentations, when they were made with `vocabulary`. Takes `&self` so that
    /// the file can be decoded on a thread of its own while the posts are found; a problem
    /// with it is handed to [`Session::accept`].
    pub(crate) fn segments(&self, vocabulary: &Vocabulary) -> Loaded<SegmentCache> {
        if self.dir.is_none() {
            return Loaded(SegmentCache::off(), None);
        }
        let fingerprint = fingerprint::of_vocabulary(vocabulary);
        let (entries, problem) = self.read(SEGMENTS_FILE, fingerprint);
        Loaded(SegmentCache::new(entries.unwrap_or_default()), problem)
    }

    /// What [`Session::segments`] loaded, its problem noted as a warning.
    pub(crate) fn accept<T>(&mut self, Loaded(payload, problem): Loaded<T>) -> T {
        if let Some((path, why)) = problem {
            self.warn(&path, &why);
        }
        payload
    }

    /// Stores the segmentations of this run's texts.
    pub(crate) fn save_segments(&mut self, vocabulary: &Vocabulary, cache: SegmentCache) {
        if self.dir.is_none() {
            return;
        }
        let (reused, segmented) = cache.counts();
        self.used.texts_reused += reused;
        self.used.texts_segmented += segmented;
        if let Some(entries) = cache.into_changed_entries() {
            let fingerprint = fingerprint::of_vocabulary(vocabulary);
            self.save(SEGMENTS_FILE, fingerprint, &entries);
        }
    }

    /// What the cache did.
    pub(crate) fn finish(self) -> CacheUse {
        self.used
    }

    fn header(&self, fingerprint: u128) -> Header {
        Header::new(&self.version, self.build, fingerprint)
    }

    fn load<T: DeserializeOwned>(&mut self, name: &str, fingerprint: u128) -> Option<T> {
        let (payload, problem) = self.read(name, fingerprint);
        self.accept(Loaded(payload, problem))
    }

    /// The payload of cache file `name`, if usable, and the problem that made it unusable.
    fn read<T: DeserializeOwned>(&self, name: &str, fingerprint: u128) -> (Option<T>, Problem) {
        let Some(path) = self.dir.as_ref().map(|dir| dir.join(name)) else {
            return (None, None);
        };
        match store::load(&path, &self.header(fingerprint)) {
            Ok(payload) => (Some(payload), None),
            Err(Unusable::Stale) => (None, None),
            Err(Unusable::Problem(why)) => (None, Some((path, format!("{why}; not used")))),
        }
    }

    fn save<T: Serialize>(&mut self, name: &str, fingerprint: u128, payload: &T) {
        let Some(path) = self.dir.as_ref().map(|dir| dir.join(name)) else {
            return;
        };
        if self.unwritable {
            return;
        }
        if let Err(err) = store::save(&path, &self.header(fingerprint), payload) {
            self.warn(&path, &format!("cannot write it: {err}"));
            self.unwritable = true;
        }
    }

    fn warn(&mut self, path: &Path, what: &str) {
        (self.used.warnings).push(format!("cache {}: {what}", path.display()));
    }
}
