//! Writing every output of a run side by side, each timed and each failing on its own.

use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::error::Error;
use crate::export::ExportOptions;
use crate::model::KnowledgeGraph;
use crate::output::{self, Output};
use crate::progress::{Progress, Timing};

/// What became of the outputs of a run.
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// Outputs written, as shown to the user, in the order given.
    pub(crate) written: Vec<String>,
    /// Outputs that could not be written.
    pub(crate) failed: Vec<Error>,
    /// Wall time of each output, in the order given.
    pub(crate) timings: Vec<Timing>,
}

/// Writes `graph` to every output side by side (they are independent), counting each on
/// `progress`, and reports them in the order given.
pub(crate) fn write_outputs(
    graph: &KnowledgeGraph,
    outputs: &[Output],
    options: &ExportOptions,
    progress: &dyn Progress,
) -> Written {
    let results: Vec<(Result<(), Error>, Duration)> = outputs
        .par_iter()
        .map(|out| {
            let started = Instant::now();
            let result = output::write_output(graph, out, options);
            progress.advance(1);
            (result, started.elapsed())
        })
        .collect();
    let mut written = Written::default();
    for (out, (result, elapsed)) in outputs.iter().zip(results) {
        written.timings.push(Timing {
            what: format!("  {}", out.display()),
            elapsed,
        });
        match result {
            Ok(()) => written.written.push(out.display()),
            Err(err) => written.failed.push(err),
        }
    }
    written
}
