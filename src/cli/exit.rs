//! How a run ends: its diagnostics and summary on standard error, and the exit code.
//!
//! Exit codes: 0 success (warnings allowed); 1 a post had an error, nothing was written, a
//! warning under `--strict`, `stats --fail-on` met, or `diff` found changes; 2 a usage error, a
//! fatal error or an output that could not be written.

use std::process::ExitCode;

use kgraph::{Error, Report};

/// Exit code when a post had an error (outputs were still written).
const EXIT_INPUT_ERRORS: u8 = 1;
/// Exit code for usage errors and fatal failures.
const EXIT_FATAL: u8 = 2;

/// The end of a command: its report, and what it has to say besides the report's diagnostics.
pub struct Ending<'a> {
    report: &'a Report,
    summary: String,
    quiet: bool,
    strict: bool,
    failed: &'a [Error],
    nothing_written: Option<&'static str>,
    failing: Option<&'static str>,
    different: bool,
}

impl<'a> Ending<'a> {
    /// A command that read the inputs of `report`; its `summary` is printed unless `quiet`.
    pub fn new(report: &'a Report, summary: String, quiet: bool) -> Self {
        Ending {
            report,
            summary,
            quiet,
            strict: false,
            failed: &[],
            nothing_written: None,
            failing: None,
            different: false,
        }
    }

    /// With `strict`, any diagnostic fails the run.
    pub fn strict(self, strict: bool) -> Self {
        Ending { strict, ..self }
    }

    /// Outputs that could not be written, and why nothing was written when nothing was.
    pub fn outputs(self, failed: &'a [Error], nothing_written: Option<&'static str>) -> Self {
        Ending {
            failed,
            nothing_written,
            ..self
        }
    }

    /// A reason the command fails although its inputs were fine (`stats --fail-on`).
    pub fn failing(self, failing: Option<&'static str>) -> Self {
        Ending { failing, ..self }
    }

    /// Whether the command found a difference (`kgraph diff`), which exits with 1 as `diff` does.
    pub fn different(self, different: bool) -> Self {
        Ending { different, ..self }
    }

    /// Prints the diagnostics, the failures and the summary, and picks the exit code.
    pub fn finish(self) -> ExitCode {
        for diagnostic in &self.report.diagnostics {
            eprintln!("{diagnostic}");
        }
        for warning in &self.report.cache.warnings {
            eprintln!("kgraph: warning: {warning}");
        }
        for failure in self.failed {
            eprintln!("kgraph: error: {failure}");
        }
        if let Some(why) = self.nothing_written {
            eprintln!("kgraph: warning: {why}");
        }
        if !self.quiet {
            eprintln!("{}", self.summary);
        }
        let input_errors = self.nothing_written.is_some()
            || self.report.has_errors()
            || (self.strict && !self.report.diagnostics.is_empty());
        if !self.failed.is_empty() {
            ExitCode::from(EXIT_FATAL)
        } else if input_errors || self.different {
            ExitCode::from(EXIT_INPUT_ERRORS)
        } else if let Some(why) = self.failing {
            if !self.quiet {
                eprintln!("kgraph: failing: {why}");
            }
            ExitCode::from(EXIT_INPUT_ERRORS)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Prints a fatal error.
pub fn fatal(err: &Error) -> ExitCode {
    eprintln!("kgraph: error: {err}");
    ExitCode::from(EXIT_FATAL)
}
