//! The `kgraph` binary: parses the command line, runs, prints diagnostics and picks the exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

/// Exit code when a post had an error (outputs were still written).
const EXIT_INPUT_ERRORS: u8 = 1;
/// Exit code for usage errors and fatal failures.
const EXIT_FATAL: u8 = 2;

fn main() -> ExitCode {
    let Command::Build(args) = Cli::parse().command;
    let (quiet, strict) = (args.quiet, args.strict);
    let report = match args.into_config().and_then(|config| kgraph::run(&config)) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("kgraph: error: {err}");
            return ExitCode::from(EXIT_FATAL);
        }
    };
    for diagnostic in &report.diagnostics {
        eprintln!("{diagnostic}");
    }
    for failure in &report.failed {
        eprintln!("kgraph: error: {failure}");
    }
    if report.is_empty() && report.posts == 0 {
        eprintln!("kgraph: warning: no post could be read from the inputs; nothing was written");
    } else if report.is_empty() {
        eprintln!("kgraph: warning: the filters removed every node; nothing was written");
    }
    if !quiet {
        eprintln!("{}", report.summary());
    }
    if !report.failed.is_empty() {
        ExitCode::from(EXIT_FATAL)
    } else if report.is_empty() || report.has_errors() || (strict && !report.diagnostics.is_empty())
    {
        ExitCode::from(EXIT_INPUT_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}
