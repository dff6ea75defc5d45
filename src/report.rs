//! What a run did: counts, diagnostics, files written, output failures — printed by the binary.

use std::fmt::Write as _;
use std::time::Duration;

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::model::{EdgeKind, NodeKind};
use crate::progress::{Stage, Timing};

/// The outcome of one run.
#[derive(Debug, Default)]
pub struct Report {
    /// Posts read into the graph.
    pub posts: usize,
    /// Nodes per kind.
    pub nodes: Vec<(NodeKind, usize)>,
    /// Edges per kind.
    pub edges: Vec<(EdgeKind, usize)>,
    /// Nodes in the whole graph, when filters exported only part of it.
    pub unfiltered_nodes: Option<usize>,
    /// Problems in inputs, sorted by path and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Outputs written, as shown to the user.
    pub written: Vec<String>,
    /// Outputs that could not be written.
    pub failed: Vec<Error>,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// Wall time of each stage, then of each output (written side by side during the last stage).
    pub timings: Vec<Timing>,
}

impl Report {
    /// Whether the filters removed every node (nothing was written).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Whether any input had an error (not just a warning).
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The one-line summary printed at the end of a run.
    pub fn summary(&self) -> String {
        let mut line = format!("kgraph: {} posts", self.posts);
        let total_nodes: usize = self.nodes.iter().map(|(_, c)| c).sum();
        let total_edges: usize = self.edges.iter().map(|(_, c)| c).sum();
        let _ = write!(line, " → {total_nodes} nodes{}", by_kind(&self.nodes));
        let _ = write!(line, ", {total_edges} edges{}", by_kind(&self.edges));
        if let Some(all) = self.unfiltered_nodes {
            let _ = write!(line, " kept of {all} nodes");
        }
        let warnings = self.count(Severity::Warning);
        let errors = self.count(Severity::Error);
        if warnings + errors > 0 {
            let _ = write!(line, "; {errors} errors, {warnings} warnings");
        }
        let _ = write!(line, " in {:.2} s", self.elapsed.as_secs_f64());
        if let Some(layout) = self.stage_elapsed(Stage::Layout) {
            let _ = write!(line, " (layout {:.2} s)", layout.as_secs_f64());
        }
        if !self.written.is_empty() {
            let _ = write!(line, "; wrote {}", self.written.join(", "));
        }
        line
    }

    /// Wall time of `stage`, if the run went through it (part of `elapsed`).
    pub fn stage_elapsed(&self, stage: Stage) -> Option<Duration> {
        self.timings
            .iter()
            .find(|t| t.what == stage.as_str())
            .map(|t| t.elapsed)
    }

    /// The `--timings` table: a line per stage, then a line per output, and the total.
    pub fn timings_table(&self) -> String {
        let mut table = String::from("kgraph: timings (wall clock)\n");
        let width = self
            .timings
            .iter()
            .map(|t| t.what.chars().count())
            .max()
            .unwrap_or(0);
        for t in &self.timings {
            let _ = writeln!(table, "  {:<width$}  {:>9.1} ms", t.what, millis(t.elapsed));
        }
        let _ = writeln!(
            table,
            "  {:<width$}  {:>9.1} ms",
            "total",
            millis(self.elapsed)
        );
        table
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// ` (3 post, 5 topic)`, or nothing when there are no counts.
fn by_kind<K: std::fmt::Display>(counts: &[(K, usize)]) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = counts.iter().map(|(k, c)| format!("{c} {k}")).collect();
    format!(" ({})", parts.join(", "))
}
