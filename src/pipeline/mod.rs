//! The one pipeline every command runs: inputs → [`Corpus`] → filters → metrics → layout → outputs.
//!
//! Loading a corpus is the same for every command (discover, read and extract in parallel, build
//! in file order, topics once structural headings are known, keywords, resolve links between
//! posts); the commands differ only in what they do with the corpus afterwards (`command`).

mod book;
mod ingest;
mod write;

use std::panic::resume_unwind;

use crate::cache::{self, CacheUse, SegmentCache};
use crate::config::InputConfig;
use crate::diagnostic::Diagnostic;
use crate::discover::{self, SourceFile};
use crate::error::Error;
use crate::extract::PostRecord;
use crate::keywords;
use crate::model::KnowledgeGraph;
use crate::progress::{Progress, Stage, StageClock};

pub(crate) use book::chapter_titles;
pub(crate) use ingest::Ingested;
pub(crate) use write::write_outputs;

/// A corpus read into a graph: what every command starts from.
#[derive(Debug)]
pub struct Corpus {
    /// The whole graph, before any filter, without metrics or positions.
    pub graph: KnowledgeGraph,
    /// Posts read into the graph.
    pub posts: usize,
    /// Problems in the inputs, sorted by path and line.
    pub diagnostics: Vec<Diagnostic>,
    /// What the cache did ([`InputConfig::cache`]).
    pub cache: CacheUse,
}

/// Reads every input of `config` into a graph, telling `progress` what it is doing.
///
/// Fails only when an input cannot be found or read; problems with single posts are
/// [`Corpus::diagnostics`], and the other posts are still read.
///
/// ```
/// let corpus = kgraph::load_corpus(&kgraph::InputConfig::new(["data"]), &kgraph::Silent)?;
/// assert!(corpus.posts > 0);
/// assert!(corpus.graph.node_count() > corpus.posts);
/// # Ok::<(), kgraph::Error>(())
/// ```
pub fn load_corpus(config: &InputConfig, progress: &dyn Progress) -> Result<Corpus, Error> {
    load(config, &mut StageClock::new(progress), |_, _| {})
}

/// [`load_corpus`], timing its stages on `clock` and showing each post read to `visit`, in
/// file order.
pub(crate) fn load(
    config: &InputConfig,
    clock: &mut StageClock<'_>,
    visit: impl FnMut(&SourceFile, &PostRecord),
) -> Result<Corpus, Error> {
    let Ingested {
        mut builder,
        posts,
        mut diagnostics,
        mut cache,
        mut segments,
    } = read_posts(config, clock, visit)?;
    if config.keywords.enabled {
        clock.start(Stage::Keywords, None);
        keywords::add_keywords(&mut builder, &config.keywords, &mut segments);
        cache.save_segments(&config.keywords.vocabulary, segments);
    }
    clock.start(Stage::Finish, None);
    let (graph, link_diagnostics) = builder.finish();
    diagnostics.extend(link_diagnostics);
    diagnostics.sort();
    Ok(Corpus {
        graph,
        posts,
        diagnostics,
        cache: cache.finish(),
    })
}

/// The first half of [`load`]: discovers the inputs, then reads and extracts every post (in
/// parallel, unless cached) into a graph under construction, in file order, and stores them in
/// the cache. Diagnostics are not sorted yet.
pub(crate) fn read_posts(
    config: &InputConfig,
    clock: &mut StageClock<'_>,
    visit: impl FnMut(&SourceFile, &PostRecord),
) -> Result<Ingested, Error> {
    clock.start(Stage::Discover, None);
    let mut cache = cache::Session::open(config.cache.as_ref(), &config.inputs);
    // The stored segmentations (the larger cache file) are decoded while the posts are found.
    let (segments, discovered) = std::thread::scope(|scope| {
        let vocabulary = &config.keywords.vocabulary;
        let loading = (config.keywords.enabled).then(|| scope.spawn(|| cache.segments(vocabulary)));
        let discovered = discover::discover(&config.inputs, &config.excludes);
        let segments = loading.map(|thread| thread.join().unwrap_or_else(|p| resume_unwind(p)));
        (segments, discovered)
    });
    let segments = segments.map_or_else(SegmentCache::off, |loaded| cache.accept(loaded));
    // Texts not cached are segmented by jieba: its dictionary loads while the posts are read.
    if config.keywords.enabled && segments.is_cold() {
        keywords::preload();
    }
    let (files, diagnostics) = discovered?;
    clock.start(Stage::ReadParseBuild, Some(files.len() as u64));
    let stored = cache.posts(&config.extract);
    let (mut ingested, kept) =
        ingest::add_posts(&files, &config.extract, &stored, clock.progress(), visit);
    cache.save_posts(&config.extract, &stored, kept);
    ingested.cache = cache;
    ingested.segments = segments;
    ingested.diagnostics.extend(diagnostics);
    Ok(ingested)
}
