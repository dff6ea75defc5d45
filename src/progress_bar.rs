//! The progress bar `kgraph build` draws on stderr when it is a terminal and a run takes a while.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kgraph::{Progress, Stage};

/// Runs shorter than this never show the bar.
const DELAY: Duration = Duration::from_secs(1);

/// A [`Progress`] drawn with indicatif: the stage's name, with a bar when it counts steps.
pub struct TerminalProgress {
    bar: ProgressBar,
}

impl TerminalProgress {
    /// A bar on stderr, shown once the run has taken [`DELAY`]; `None` when stderr is not a
    /// terminal or the user asked for `--quiet`.
    pub fn on_stderr(quiet: bool) -> Option<Self> {
        if quiet || !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let shown = bar.clone();
        // Detached: it ends after the delay, and does nothing if the run is already over.
        std::thread::spawn(move || {
            std::thread::sleep(DELAY);
            if !shown.is_finished() {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Some(TerminalProgress { bar })
    }
}

fn counted_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg:<20} [{bar:30}] {human_pos}/{human_len} {elapsed}")
        .expect("a valid template")
        .progress_chars("=> ")
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg:<20} {elapsed}").expect("a valid template")
}

impl Progress for TerminalProgress {
    fn stage(&self, stage: Stage, items: Option<u64>) {
        // Message first: a tick between these calls then never shows the old stage's name.
        self.bar.set_message(stage.as_str());
        self.bar.set_position(0);
        match items {
            Some(len) => {
                self.bar.set_style(counted_style());
                self.bar.set_length(len);
            }
            None => self.bar.set_style(spinner_style()),
        }
    }

    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
