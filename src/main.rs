//! The `kgraph` binary: parses the command line, runs, prints diagnostics and picks the exit code.

mod cli;
mod progress_bar;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use cli::{BuildArgs, Cli, Command, KeywordsArgs, StatsArgs};
use kgraph::{Progress, Report, Silent};
use progress_bar::TerminalProgress;

/// Exit code when a post had an error (outputs were still written).
const EXIT_INPUT_ERRORS: u8 = 1;
/// Exit code for usage errors and fatal failures.
const EXIT_FATAL: u8 = 2;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => build(args),
        Command::Keywords(args) => keywords(args),
        Command::Stats(args) => stats(args),
    }
}

fn build(args: BuildArgs) -> ExitCode {
    let (quiet, strict, timings) = (args.quiet, args.strict, args.timings);
    let bar = TerminalProgress::on_stderr(quiet);
    let progress: &dyn Progress = match &bar {
        Some(bar) => bar,
        None => &Silent,
    };
    let report = match args
        .into_config()
        .and_then(|config| kgraph::run_with_progress(&config, progress))
    {
        Ok(report) => report,
        Err(err) => {
            progress.finish();
            return fatal(&err);
        }
    };
    let empty = report.is_empty();
    let code = finish(&report, quiet, strict, empty, report.summary());
    if timings {
        eprint!("{}", report.timings_table());
    }
    code
}

fn keywords(args: KeywordsArgs) -> ExitCode {
    let (quiet, json) = (args.quiet, args.json);
    let (ranking, report) = match args.into_config().and_then(|c| kgraph::rank_keywords(&c)) {
        Ok(done) => done,
        Err(err) => return fatal(&err),
    };
    let text = if json {
        kgraph::keywords::to_json(&ranking)
    } else {
        kgraph::keywords::to_table(&ranking)
    };
    // A closed pipe (`| head`) is not an error.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    let summary = format!(
        "kgraph: {} posts, {} entities with text → {} keywords (of {} shared terms) in {:.2} s",
        report.posts,
        ranking.entities,
        ranking.keywords.len(),
        ranking.candidates,
        report.elapsed.as_secs_f64()
    );
    finish(&report, quiet, false, false, summary)
}

fn stats(args: StatsArgs) -> ExitCode {
    let (quiet, json, top) = (args.quiet, args.json, args.top);
    let fail_on = args.fail_on.map(|f| f.threshold());
    let (stats, report) = match args
        .into_config()
        .and_then(|c| kgraph::collect_stats(&c, top))
    {
        Ok(done) => done,
        Err(err) => return fatal(&err),
    };
    let text = if json {
        kgraph::stats::to_json(&stats)
    } else {
        kgraph::stats::to_text(&stats, top)
    };
    // A closed pipe (`| head`) is not an error.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    let problems = &stats.url_problems;
    let summary = format!(
        "kgraph: {} posts → {} nodes, {} edges; {} broken and {} suspicious URLs in {:.2} s",
        report.posts,
        stats.counts.nodes,
        stats.counts.edges,
        problems.broken,
        problems.suspicious,
        report.elapsed.as_secs_f64()
    );
    let code = finish(&report, quiet, false, false, summary);
    let failed = matches!((fail_on, stats.worst()), (Some(limit), Some(worst)) if worst <= limit);
    if failed && code == ExitCode::SUCCESS {
        if !quiet {
            eprintln!("kgraph: failing: URL problems at or above --fail-on");
        }
        return ExitCode::from(EXIT_INPUT_ERRORS);
    }
    code
}

fn fatal(err: &kgraph::Error) -> ExitCode {
    eprintln!("kgraph: error: {err}");
    ExitCode::from(EXIT_FATAL)
}

/// Prints diagnostics and the summary, and picks the exit code. `empty`: the filters left no node.
fn finish(report: &Report, quiet: bool, strict: bool, empty: bool, summary: String) -> ExitCode {
    for diagnostic in &report.diagnostics {
        eprintln!("{diagnostic}");
    }
    for failure in &report.failed {
        eprintln!("kgraph: error: {failure}");
    }
    if empty && report.posts == 0 {
        eprintln!("kgraph: warning: no post could be read from the inputs; nothing was written");
    } else if empty {
        eprintln!("kgraph: warning: the filters removed every node; nothing was written");
    }
    if !quiet {
        eprintln!("{summary}");
    }
    if !report.failed.is_empty() {
        ExitCode::from(EXIT_FATAL)
    } else if empty || report.has_errors() || (strict && !report.diagnostics.is_empty()) {
        ExitCode::from(EXIT_INPUT_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}
