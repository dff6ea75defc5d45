//! The stages of a run, their wall times, and the observer a front end shows progress with.

use std::fmt;
use std::time::{Duration, Instant};

/// A step of `kgraph build`, in the order a run takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Walking the inputs for Markdown files.
    Discover,
    /// Reading and parsing posts (in parallel) while the graph is built from them in file order.
    ReadParseBuild,
    /// Segmenting titles, headings and captions, ranking the shared terms, adding keyword nodes.
    Keywords,
    /// Resolving links between posts and freezing the graph in id order.
    Finish,
    /// `--focus`, `--kind`, `--min-degree` and the other filters.
    Filter,
    /// Degrees, PageRank, components and communities.
    Metrics,
    /// ForceAtlas2 positions.
    Layout,
    /// Writing every output, side by side.
    Write,
}

impl Stage {
    /// How the stage is named in `--timings` and in the progress bar.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Discover => "discover",
            Stage::ReadParseBuild => "read + parse + build",
            Stage::Keywords => "keywords",
            Stage::Finish => "finish graph",
            Stage::Filter => "filter",
            Stage::Metrics => "metrics",
            Stage::Layout => "layout",
            Stage::Write => "write outputs",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Told what a run is doing, as it does it. Every method has a do-nothing default.
///
/// ```
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use kgraph::{Progress, Stage};
///
/// /// Counts the posts read.
/// #[derive(Default)]
/// struct Posts(AtomicU64);
///
/// impl Progress for Posts {
///     fn stage(&self, stage: Stage, items: Option<u64>) {
///         eprintln!("{stage}: {items:?} steps");
///     }
///     fn advance(&self, n: u64) {
///         self.0.fetch_add(n, Ordering::Relaxed);
///     }
/// }
///
/// let posts = Posts::default();
/// let corpus = kgraph::load_corpus(&kgraph::InputConfig::new(["data"]), &posts)?;
/// assert_eq!(posts.0.load(Ordering::Relaxed), corpus.posts as u64);
/// # Ok::<(), kgraph::Error>(())
/// ```
pub trait Progress: Sync {
    /// `stage` starts; `items` is how many steps it will report with [`Progress::advance`], if known.
    fn stage(&self, _stage: Stage, _items: Option<u64>) {}
    /// `n` more steps of the current stage are done.
    fn advance(&self, _n: u64) {}
    /// The run is over (nothing more will be reported).
    fn finish(&self) {}
}

/// A [`Progress`] that shows nothing.
pub struct Silent;

impl Progress for Silent {}

/// The wall time of one stage, or of one output within [`Stage::Write`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timing {
    /// The stage, or `write <output>` for one output.
    pub what: String,
    /// Wall time.
    pub elapsed: Duration,
}

/// Times the stages of a run one after the other and tells a [`Progress`] when each starts.
pub(crate) struct StageClock<'a> {
    progress: &'a dyn Progress,
    current: Option<(Stage, Instant)>,
    timings: Vec<Timing>,
}

impl<'a> StageClock<'a> {
    pub(crate) fn new(progress: &'a dyn Progress) -> Self {
        StageClock {
            progress,
            current: None,
            timings: Vec::new(),
        }
    }

    /// The progress observer, for stages that report steps.
    pub(crate) fn progress(&self) -> &'a dyn Progress {
        self.progress
    }

    /// Ends the current stage, if any, and starts `stage`.
    pub(crate) fn start(&mut self, stage: Stage, items: Option<u64>) {
        self.stop();
        self.progress.stage(stage, items);
        self.current = Some((stage, Instant::now()));
    }

    /// Ends the current stage, if any.
    pub(crate) fn stop(&mut self) {
        if let Some((stage, started)) = self.current.take() {
            self.timings.push(Timing {
                what: stage.to_string(),
                elapsed: started.elapsed(),
            });
        }
    }

    /// Records timings measured elsewhere (outputs, each written on its own thread).
    pub(crate) fn record(&mut self, timings: impl IntoIterator<Item = Timing>) {
        self.timings.extend(timings);
    }

    /// Every timing recorded, in order; ends the current stage first.
    pub(crate) fn into_timings(mut self) -> Vec<Timing> {
        self.stop();
        self.progress.finish();
        self.timings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[derive(Default)]
    struct Recorder(Mutex<Vec<String>>);

    impl Progress for Recorder {
        fn stage(&self, stage: Stage, items: Option<u64>) {
            self.0.lock().unwrap().push(format!("{stage} {items:?}"));
        }
        fn advance(&self, n: u64) {
            self.0.lock().unwrap().push(format!("+{n}"));
        }
        fn finish(&self) {
            self.0.lock().unwrap().push("done".into());
        }
    }

    #[test]
    fn the_clock_times_stages_in_order_and_tells_the_observer() {
        let recorder = Recorder::default();
        let mut clock = StageClock::new(&recorder);
        clock.start(Stage::Discover, None);
        clock.start(Stage::ReadParseBuild, Some(3));
        clock.progress().advance(2);
        clock.start(Stage::Write, None);
        clock.stop();
        clock.record([Timing {
            what: "  a.json".into(),
            elapsed: Duration::from_millis(5),
        }]);
        let timings = clock.into_timings();
        let names: Vec<&str> = timings.iter().map(|t| t.what.as_str()).collect();
        assert_eq!(
            names,
            [
                "discover",
                "read + parse + build",
                "write outputs",
                "  a.json"
            ]
        );
        assert_eq!(timings[3].elapsed, Duration::from_millis(5));
        assert_eq!(
            *recorder.0.lock().unwrap(),
            [
                "discover None",
                "read + parse + build Some(3)",
                "+2",
                "write outputs None",
                "done"
            ]
        );
    }
}
