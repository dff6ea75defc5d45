//! `kgraph diff`: what changed between two builds, from the graph files they wrote.

use std::time::Instant;

use super::Report;
use crate::config::DiffConfig;
use crate::diff::report::{self, Compared, Side};
use crate::diff::{self, GraphDiff};
use crate::error::Error;
use crate::text::Escaped;

/// What `kgraph diff` found.
#[derive(Debug)]
pub struct DiffOutcome {
    /// The time taken (no posts are read).
    pub report: Report,
    /// The differences.
    pub diff: GraphDiff,
    config: DiffConfig,
    old: Side,
    new: Side,
}

/// Reads the two graph files of `config` (both at once) and compares them.
///
/// Both formats are checked before either file is read: a path whose extension is not `.json`,
/// `.graphml` or `.gexf` is a usage error. A file that cannot be read or is not a graph kgraph
/// wrote is an error naming it.
///
/// ```
/// let config = kgraph::DiffConfig::new("out/graph.json", "out/graph.graphml");
/// let outcome = kgraph::diff_graphs(&config)?;
/// assert!(outcome.is_equal());
/// assert!(outcome.to_text().ends_with("no changes\n"));
/// # Ok::<(), kgraph::Error>(())
/// ```
pub fn diff_graphs(config: &DiffConfig) -> Result<DiffOutcome, Error> {
    let started = Instant::now();
    let formats = (
        diff::readable_format(&config.old)?,
        diff::readable_format(&config.new)?,
    );
    let (old, new) = rayon::join(
        || diff::read_snapshot(&config.old),
        || diff::read_snapshot(&config.new),
    );
    let (old, new) = (old?, new?);
    let graph_diff = diff::compare(&old, &new, config.options);
    Ok(DiffOutcome {
        report: Report {
            elapsed: started.elapsed(),
            ..Report::default()
        },
        diff: graph_diff,
        old: Side::new(config.old.clone(), formats.0, &old),
        new: Side::new(config.new.clone(), formats.1, &new),
        config: config.clone(),
    })
}

impl DiffOutcome {
    /// Whether the two graphs are the same, as far as compared.
    pub fn is_equal(&self) -> bool {
        self.diff.is_empty()
    }

    /// The report as text: the two files, the counts by kind, then every change.
    pub fn to_text(&self) -> String {
        report::to_text(&self.compared(), false)
    }

    /// The two files and the counts by kind, without the list of changes.
    pub fn counts_text(&self) -> String {
        report::to_text(&self.compared(), true)
    }

    /// The report as pretty-printed JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        report::to_json(&self.compared())
    }

    /// The one-line summary printed at the end of a run.
    pub fn summary(&self) -> String {
        let nodes = self.diff.node_counts().total.sum();
        let edges = self.diff.edge_counts().total.sum();
        let what = if nodes + edges == 0 {
            "no changes".to_string()
        } else {
            format!("{nodes} nodes and {edges} edges differ")
        };
        let (old, new) = (self.old.path.display(), self.new.path.display());
        format!(
            "kgraph: {} → {}: {what}{}",
            Escaped(&old.to_string()),
            Escaped(&new.to_string()),
            self.report.took()
        )
    }

    fn compared(&self) -> Compared<'_> {
        Compared {
            old: &self.old,
            new: &self.new,
            options: self.config.options,
            diff: &self.diff,
        }
    }
}
