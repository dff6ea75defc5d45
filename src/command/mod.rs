//! What each command does with a loaded corpus, and the outcome it reports: `build` writes
//! outputs, `keywords` ranks keywords, `stats` reports on the graph, `watch` builds again
//! whenever the corpus changes, `diff` compares two graph files.

mod build;
mod diff;
mod extract;
mod keywords;
mod stats;
mod watch;

use std::fmt::Write as _;
use std::time::Duration;

use crate::cache::CacheUse;
use crate::diagnostic::{Diagnostic, Severity};

pub use build::{build, BuildOutcome};
pub use diff::{diff_graphs, DiffOutcome};
pub use extract::{extract, ExtractConfig, ExtractOutcome};
pub use keywords::{rank_keywords, KeywordsOutcome};
pub use stats::{collect_stats, StatsOutcome, DEFAULT_TOP};
pub use watch::{Rebuild, Stopper, Watch, WatchConfig, DEFAULT_DEBOUNCE};

/// What every command reports about its inputs: the posts read, the problems found in them, and
/// the time taken.
#[derive(Debug, Default)]
pub struct Report {
    /// Posts read into the graph.
    pub posts: usize,
    /// Problems in inputs, sorted by path and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Wall time of the command.
    pub elapsed: Duration,
    /// What the cache did, and its problems.
    pub cache: CacheUse,
}

impl Report {
    /// Whether any input had an error (not just a warning).
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// How many diagnostics have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// `; 1 errors, 2 warnings`, or nothing when the inputs had no problem.
    fn problems(&self) -> String {
        let (errors, warnings) = (self.count(Severity::Error), self.count(Severity::Warning));
        if errors + warnings == 0 {
            return String::new();
        }
        format!("; {errors} errors, {warnings} warnings")
    }

    /// ` in 0.12 s`.
    fn took(&self) -> String {
        let mut s = String::new();
        let _ = write!(s, " in {:.2} s", self.elapsed.as_secs_f64());
        s
    }
}
