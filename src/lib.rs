//! kgraph turns a folder of Markdown posts into a knowledge graph and exports it for Gephi,
//! Graphviz, NetworkX, igraph and the web.
//!
//! A corpus — a Jekyll, Hugo or Zola blog, a notes vault, a docs folder — becomes a graph of
//! posts, links between posts, topics (headings), cited resources, their domains, categories,
//! tags, series and the keywords they share. Every command runs the same pipeline:
//!
//! ```text
//! InputConfig ─ load_corpus ─→ Corpus ─ Filter ─→ graph ─ add_metrics ─ add_layout ─ export ─→ files
//!   discover (sorted paths) → read → extract (parallel) → build (file order)
//!   → keywords (parallel segmentation, corpus ranking) → resolve links → KnowledgeGraph
//! ```
//!
//! [`build`] does all of it for `kgraph build`; [`rank_keywords`] and [`collect_stats`] are the
//! other commands, and a [`Watch`] builds again whenever the corpus changes. [`extract`]
//! (`kgraph extract`) stops before the corpus-wide steps: it writes what each file yields as
//! Parquet tables (docs/EXTRACT.md). [`diff_graphs`]
//! (`kgraph diff`) reads two graph files back ([`read_snapshot`]) and [`compare`]s them: what
//! changed between two builds. [`load_tables`] reads a graph back from the Parquet node and edge
//! tables that [`Format::Parquet`] (or a Spark job) writes, for `kgraph build --from-parquet`. Each returns an outcome with a one-line `summary()` and a [`Report`] of the
//! problems found in the inputs: a bad post is a [`Diagnostic`], never a failure of the run.
//!
//! ```
//! use kgraph::{ExportOptions, Format, InputConfig, NodeKind};
//!
//! let corpus = kgraph::load_corpus(&InputConfig::new(["data"]), &kgraph::Silent)?;
//! let graph = kgraph::add_metrics(corpus.graph);
//! let posts = graph.nodes().filter(|(_, n)| n.kind() == NodeKind::Post).count();
//! assert_eq!(posts, corpus.posts);
//!
//! let mut gexf = Vec::new();
//! kgraph::export(&graph, Format::Gexf, &ExportOptions::default(), &mut gexf)?;
//! assert!(gexf.starts_with(b"<?xml"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs, unreachable_pub)]

mod cache;
mod command;
mod config;
mod diagnostic;
mod diff;
mod discover;
mod error;
mod export;
mod extract;
mod import;
mod keywords;
mod layout;
mod metrics;
mod model;
mod output;
mod pipeline;
mod progress;
mod read;
#[cfg(feature = "bench-stages")]
#[doc(hidden)]
pub mod stages;
mod stats;
mod tables;
mod text;
mod watch;

use std::io;
use std::path::Path;

pub use cache::{CacheConfig, CacheUse};
pub use command::{
    build, collect_stats, diff_graphs, extract, rank_keywords, BuildOutcome, DiffOutcome,
    ExtractConfig, ExtractOutcome, KeywordsOutcome, Rebuild, Report, StatsOutcome, Stopper, Watch,
    WatchConfig, DEFAULT_DEBOUNCE, DEFAULT_TOP,
};
pub use config::{BuildConfig, DiffConfig, InputConfig};
pub use diagnostic::{Diagnostic, DiagnosticKind, Severity};
pub use diff::{
    compare, read_snapshot, Counts, DiffOptions, EdgeChange, EdgeKey, FieldChange, GraphDiff,
    KindCounts, NodeChange, Snapshot, SnapshotEdge, SnapshotNode, SnapshotValue, Tally,
};
pub use error::Error;
pub use export::{ColorBy, CsvDialect, Engine, ExportOptions, Format, SizeBy};
pub use extract::{ExtractOptions, PermalinkMatch, PermalinkPattern};
pub use import::load_tables;
pub use keywords::{inflection_stem, spaced_language, KeywordOptions, Vocabulary};
pub use layout::{LayoutOptions, Positions};
pub use model::{
    Attr, AttrType, AttrValue, Attrs, AttrsIter, Edge, EdgeKind, EdgeRef, Filter, FilterError,
    KnowledgeGraph, Node, NodeId, NodeKind,
};
pub use output::{abandon_writes, Destination, Output};
pub use pipeline::{load_corpus, Corpus};
pub use progress::{Progress, Silent, Stage, Timing};
pub use stats::Severity as UrlSeverity;
pub use watch::GraphChanges;

/// `graph` with its metrics as node attributes: `degree`, `in_degree`, `out_degree`,
/// `pagerank`, `component` and `community` — what `kgraph build` exports.
///
/// ```
/// use kgraph::{Attr, AttrValue};
///
/// let corpus = kgraph::load_corpus(&kgraph::InputConfig::new(["data"]), &kgraph::Silent)?;
/// let graph = kgraph::add_metrics(corpus.graph);
/// let (_, node) = graph.nodes().next().unwrap();
/// assert!(matches!(node.attr(Attr::Pagerank), Some(AttrValue::Float(_))));
/// # Ok::<(), kgraph::Error>(())
/// ```
pub fn add_metrics(graph: KnowledgeGraph) -> KnowledgeGraph {
    metrics::annotate(graph)
}

/// `graph` with a ForceAtlas2 position for every node as its `x` and `y` attributes, community
/// by community, scaled into a square of side 2000 centred on the origin.
///
/// ```
/// use kgraph::{Attr, LayoutOptions};
///
/// let corpus = kgraph::load_corpus(&kgraph::InputConfig::new(["data"]), &kgraph::Silent)?;
/// let graph = kgraph::add_layout(kgraph::add_metrics(corpus.graph), &LayoutOptions::default());
/// assert!(graph.nodes().all(|(_, n)| n.attr(Attr::X).is_some() && n.attr(Attr::Y).is_some()));
/// # Ok::<(), kgraph::Error>(())
/// ```
pub fn add_layout(graph: KnowledgeGraph, options: &LayoutOptions) -> KnowledgeGraph {
    layout::annotate(graph, options)
}

/// [`add_layout`], starting from the `previous` positions of the nodes that had one (an earlier
/// drawing of the graph, read with [`Positions::of`]): each community keeps the place and size
/// its nodes had, so a small change of the graph does not reshuffle the picture. New
/// communities and isolated nodes are packed around; the drawing stays in the earlier frame.
/// With no earlier position of any node of `graph`, it is [`add_layout`].
///
/// ```
/// use kgraph::{Attr, LayoutOptions, Positions};
///
/// let corpus = kgraph::load_corpus(&kgraph::InputConfig::new(["data"]), &kgraph::Silent)?;
/// let graph = kgraph::add_metrics(corpus.graph);
/// let options = LayoutOptions::default();
/// let first = kgraph::add_layout(graph.clone(), &options);
/// let again = kgraph::add_layout_from(graph, &options, &Positions::of(&first));
/// let (_, node) = again.nodes().next().unwrap();
/// assert!(node.attr(Attr::X).is_some());
/// # Ok::<(), kgraph::Error>(())
/// ```
pub fn add_layout_from(
    graph: KnowledgeGraph,
    options: &LayoutOptions,
    previous: &Positions,
) -> KnowledgeGraph {
    layout::annotate_from(graph, options, Some(previous))
}

/// Writes `graph` in `format` to `out`.
///
/// `.svg` and `.png` run Graphviz (`dot` or `sfdp`) as a child process; every other format is
/// written by kgraph itself. A folder format ([`Format::writes_folder`]: Parquet, Neo4j) is no
/// stream: it is an error of kind `InvalidInput` here; write it with [`export_to_path`].
///
/// ```
/// use kgraph::{Attrs, ExportOptions, Format, KnowledgeGraph, Node, NodeId, NodeKind};
///
/// let post = Node {
///     id: NodeId::new(NodeKind::Post, "a.md"),
///     label: "A post".to_string(),
///     attrs: Attrs::new(),
/// };
/// let graph = KnowledgeGraph::from_parts(vec![post], Vec::new());
/// let mut json = Vec::new();
/// kgraph::export(&graph, Format::Json, &ExportOptions::default(), &mut json)?;
/// assert!(String::from_utf8(json)?.contains("\"post:a.md\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn export(
    graph: &KnowledgeGraph,
    format: Format,
    options: &ExportOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    export::write_stream(graph, format, options, out)
}

/// Writes `graph` in `format` to the file at `path`, atomically: into a temporary file beside it,
/// renamed over `path` only once complete, so a failed write leaves any previous file as it was.
/// A folder format writes the folder `path` the same way (see [`Format::writes_folder`]).
///
/// ```
/// use kgraph::{ExportOptions, Format};
///
/// let corpus = kgraph::load_corpus(&kgraph::InputConfig::new(["data"]), &kgraph::Silent)?;
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("graph.dot");
/// kgraph::export_to_path(&corpus.graph, Format::Dot, &ExportOptions::default(), &path)?;
/// assert!(std::fs::read_to_string(&path)?.contains("digraph"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn export_to_path(
    graph: &KnowledgeGraph,
    format: Format,
    options: &ExportOptions,
    path: &Path,
) -> Result<(), Error> {
    let path = path.to_path_buf();
    let destination = if format.writes_folder() {
        Destination::Folder(path)
    } else {
        Destination::File(path)
    };
    let output = Output {
        format,
        destination,
    };
    output::write_output(graph, &output, options)
}
