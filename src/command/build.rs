//! `kgraph build`: a corpus through the filters, metrics and layout into every output.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use super::Report;
use crate::config::BuildConfig;
use crate::error::Error;
use crate::layout::Positions;
use crate::model::{EdgeKind, KnowledgeGraph, NodeKind};
use crate::pipeline::{self, write_outputs};
use crate::progress::{Progress, Stage, StageClock, Timing};
use crate::{layout, metrics};

/// What `kgraph build` did.
#[derive(Debug, Default)]
pub struct BuildOutcome {
    /// The posts read, the problems found in them and the time taken.
    pub report: Report,
    /// Nodes per kind in the exported graph (empty when the filters left nothing).
    pub nodes: Vec<(NodeKind, usize)>,
    /// Edges per kind in the exported graph.
    pub edges: Vec<(EdgeKind, usize)>,
    /// Nodes in the whole graph, when filters exported only part of it.
    pub unfiltered_nodes: Option<usize>,
    /// Outputs written, as shown to the user.
    pub written: Vec<String>,
    /// Outputs that could not be written; each previous file, if any, is untouched.
    pub failed: Vec<Error>,
    /// Wall time of each stage, then of each output (written side by side during the last stage).
    pub timings: Vec<Timing>,
}

/// Reads every input (or the tables of [`BuildConfig::tables`]), builds the graph and writes
/// every output, telling `progress` what it is doing.
///
/// Metrics are computed after the filters, as always: when the graph comes from tables that
/// already hold metric columns, those are computed again (on the same graph, the same values),
/// while `x` and `y` are kept unless a layout runs.
///
/// Fails only when the inputs cannot be found or the filters name no node; problems with single
/// posts are diagnostics in the [`Report`], and outputs that cannot be written are listed in
/// [`BuildOutcome::failed`] while the others are still written. When the filters leave no node,
/// nothing is written.
///
/// ```
/// use kgraph::{BuildConfig, InputConfig, Output};
///
/// let dir = tempfile::tempdir()?;
/// let outputs = Output::plan(&[dir.path().join("graph.graphml")], None)?;
/// let outcome = kgraph::build(&BuildConfig::new(InputConfig::new(["data"]), outputs), &kgraph::Silent)?;
/// assert!(outcome.failed.is_empty());
/// assert!(dir.path().join("graph.graphml").exists());
/// println!("{}", outcome.summary());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn build(config: &BuildConfig, progress: &dyn Progress) -> Result<BuildOutcome, Error> {
    build_from(config, progress, None, Rebuilds::None).map(|(outcome, _)| outcome)
}

/// Whether more builds follow in this process (which then keeps what they load again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rebuilds {
    None,
    Follow,
}

/// [`build`], with the layout (if any) starting from the `previous` positions, and the graph
/// written to the outputs (empty when nothing was written).
pub(crate) fn build_from(
    config: &BuildConfig,
    progress: &dyn Progress,
    previous: Option<&Positions>,
    rebuilds: Rebuilds,
) -> Result<(BuildOutcome, KnowledgeGraph), Error> {
    let started = Instant::now();
    let mut clock = StageClock::new(progress);
    let corpus = match &config.tables {
        Some(dir) => {
            clock.start(Stage::ReadParseBuild, None);
            crate::import::load_tables(dir)?
        }
        None => pipeline::load(&config.input, &mut clock, |_, _| {})?,
    };
    if rebuilds == Rebuilds::None {
        crate::keywords::release();
    }
    let unfiltered_nodes = corpus.graph.node_count();
    let graph = if config.filter.is_identity() {
        corpus.graph
    } else {
        clock.start(Stage::Filter, None);
        config.filter.apply(&corpus.graph)?
    };
    // Metrics and positions describe the exported graph, after the filters: what the user sees.
    clock.start(Stage::Metrics, None);
    let graph = metrics::annotate(graph);
    let graph = match &config.layout {
        Some(options) => {
            clock.start(Stage::Layout, None);
            layout::annotate_from(graph, options, previous)
        }
        None => graph,
    };
    // An empty graph is never written: it would only hide that the filters removed everything.
    let outputs = if graph.node_count() == 0 {
        &[][..]
    } else {
        &config.outputs[..]
    };
    clock.start(Stage::Write, Some(outputs.len() as u64));
    let written = write_outputs(&graph, outputs, &config.export, progress);
    clock.stop();
    clock.record(written.timings);
    let outcome = BuildOutcome {
        report: Report {
            posts: corpus.posts,
            diagnostics: corpus.diagnostics,
            elapsed: started.elapsed(),
            cache: corpus.cache,
        },
        nodes: graph.count_nodes_by_kind(),
        edges: graph.count_edges_by_kind(),
        unfiltered_nodes: (!config.filter.is_identity()).then_some(unfiltered_nodes),
        written: written.written,
        failed: written.failed,
        timings: clock.into_timings(),
    };
    Ok((outcome, graph))
}

impl BuildOutcome {
    /// Why nothing was written, when nothing was: no post could be read, or the filters removed
    /// every node.
    pub fn nothing_written(&self) -> Option<&'static str> {
        if !self.nodes.is_empty() {
            None
        } else if self.report.posts == 0 {
            Some("no post could be read from the inputs; nothing was written")
        } else {
            Some("the filters removed every node; nothing was written")
        }
    }

    /// The one-line summary printed at the end of a run.
    pub fn summary(&self) -> String {
        let mut line = format!("kgraph: {} posts", self.report.posts);
        let total_nodes: usize = self.nodes.iter().map(|(_, c)| c).sum();
        let total_edges: usize = self.edges.iter().map(|(_, c)| c).sum();
        let _ = write!(line, " → {total_nodes} nodes{}", by_kind(&self.nodes));
        let _ = write!(line, ", {total_edges} edges{}", by_kind(&self.edges));
        if let Some(all) = self.unfiltered_nodes {
            let _ = write!(line, " kept of {all} nodes");
        }
        line.push_str(&self.report.problems());
        line.push_str(&self.report.took());
        if let Some(layout) = self.stage_elapsed(Stage::Layout) {
            let _ = write!(line, " (layout {:.2} s)", layout.as_secs_f64());
        }
        if !self.written.is_empty() {
            let _ = write!(line, "; wrote {}", self.written.join(", "));
        }
        line
    }

    /// Wall time of `stage`, if the run went through it (part of the report's `elapsed`).
    pub fn stage_elapsed(&self, stage: Stage) -> Option<Duration> {
        self.timings
            .iter()
            .find(|t| t.what == stage.as_str())
            .map(|t| t.elapsed)
    }

    /// The `--timings` table: what the cache reused, then a line per stage, a line per output,
    /// and the total.
    pub fn timings_table(&self) -> String {
        let mut table = String::new();
        let cache = &self.report.cache;
        if cache.posts_reused + cache.posts_extracted > 0 {
            let _ = writeln!(
                table,
                "kgraph: cache reused {} of {} posts, {} of {} keyword texts",
                cache.posts_reused,
                cache.posts_reused + cache.posts_extracted,
                cache.texts_reused,
                cache.texts_reused + cache.texts_segmented
            );
        }
        table.push_str("kgraph: timings (wall clock)\n");
        let width = self
            .timings
            .iter()
            .map(|t| t.what.chars().count())
            .max()
            .unwrap_or(0);
        let total = Timing {
            what: "total".to_string(),
            elapsed: self.report.elapsed,
        };
        for t in self.timings.iter().chain([&total]) {
            let millis = t.elapsed.as_secs_f64() * 1000.0;
            let _ = writeln!(table, "  {:<width$}  {millis:>9.1} ms", t.what);
        }
        table
    }
}

/// ` (3 post, 5 topic)`, or nothing when there are no counts.
fn by_kind<K: std::fmt::Display>(counts: &[(K, usize)]) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = counts.iter().map(|(k, c)| format!("{c} {k}")).collect();
    format!(" ({})", parts.join(", "))
}
