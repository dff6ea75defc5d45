//! The `kgraph` binary: parses the command line, runs the command, prints what it found and
//! picks the exit code.

mod allocator;
mod cli;
mod progress_bar;

use std::process::ExitCode;

use clap::Parser;

use cli::exit::fatal;
use cli::Cli;

fn main() -> ExitCode {
    allocator::tune();
    cli::run::run(Cli::parse().command).unwrap_or_else(|err| fatal(&err))
}
