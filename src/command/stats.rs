//! `kgraph stats`: a report on the whole graph — counts, rankings, communities, orphans and URL
//! problems.

use std::time::Instant;

use super::Report;
use crate::config::InputConfig;
use crate::error::Error;
use crate::metrics;
use crate::pipeline;
use crate::progress::{Progress, StageClock};
use crate::stats::{self, CitedUrl, Severity as UrlSeverity, Stats};

/// Entries per ranked list when no other number is asked for.
pub const DEFAULT_TOP: usize = stats::DEFAULT_TOP;

/// What `kgraph stats` found.
#[derive(Debug)]
pub struct StatsOutcome {
    /// The posts read, the problems found in them and the time taken.
    pub report: Report,
    stats: Stats,
    top: usize,
}

/// Builds the whole graph (no filters) with its metrics and reports on it, `top` entries per
/// ranked list, telling `progress` what it is doing.
///
/// ```
/// use kgraph::{InputConfig, UrlSeverity};
///
/// let outcome = kgraph::collect_stats(&InputConfig::new(["data"]), 5, &kgraph::Silent)?;
/// assert!(outcome.to_text().starts_with("Graph"));
/// // The sample posts cite images on a placeholder domain.
/// assert_eq!(outcome.worst_url_problem(), Some(UrlSeverity::Suspicious));
/// # Ok::<(), kgraph::Error>(())
/// ```
pub fn collect_stats(
    config: &InputConfig,
    top: usize,
    progress: &dyn Progress,
) -> Result<StatsOutcome, Error> {
    let started = Instant::now();
    let mut citations = Vec::new();
    let corpus = pipeline::load(config, &mut StageClock::new(progress), |file, record| {
        citations.extend(record.citations.iter().map(|c| CitedUrl {
            path: file.display.clone(),
            line: c.line,
            raw: c.raw.clone(),
            key: c.key.clone(),
        }));
    })?;
    let graph = metrics::annotate(corpus.graph);
    let stats = stats::collect(&graph, corpus.posts, &citations, &corpus.diagnostics, top);
    Ok(StatsOutcome {
        report: Report {
            posts: corpus.posts,
            diagnostics: corpus.diagnostics,
            elapsed: started.elapsed(),
            cache: corpus.cache,
        },
        stats,
        top,
    })
}

impl StatsOutcome {
    /// The report as text for a terminal; lists are cut at the `top` entries asked for.
    pub fn to_text(&self) -> String {
        stats::to_text(&self.stats, self.top)
    }

    /// The report as pretty-printed JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        stats::to_json(&self.stats)
    }

    /// The worst severity among the problems of cited URLs, if any.
    pub fn worst_url_problem(&self) -> Option<UrlSeverity> {
        self.stats.worst()
    }

    /// The one-line summary printed at the end of a run.
    pub fn summary(&self) -> String {
        let problems = &self.stats.url_problems;
        format!(
            "kgraph: {} posts → {} nodes, {} edges; {} broken and {} suspicious URLs{}",
            self.report.posts,
            self.stats.counts.nodes,
            self.stats.counts.edges,
            problems.broken,
            problems.suspicious,
            self.report.took()
        )
    }
}
