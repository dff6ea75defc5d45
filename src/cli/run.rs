//! Runs each command, from its parsed arguments to the exit code: what the library found is
//! printed here, and interruptions are handled here.

use std::io::Write;
use std::process::ExitCode;

use kgraph::{Error, Progress, Silent, Watch};

use super::exit::Ending;
use super::{BuildArgs, Command, DiffArgs, ExtractArgs, KeywordsArgs, StatsArgs, WatchArgs};
use crate::progress_bar::TerminalProgress;

/// The exit code of a build stopped by Ctrl-C (128 + SIGINT, as shells report it).
const INTERRUPTED: i32 = 130;

/// Runs `command`; `Err` is a fatal error for [`super::exit::fatal`].
pub fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Build(args) => build(args),
        Command::Keywords(args) => keywords(args),
        Command::Stats(args) => stats(args),
        Command::Watch(args) => watch(args),
        Command::Diff(args) => diff(args),
        Command::Extract(args) => extract(args),
        Command::Text(args) => super::text::run(args).map(|()| ExitCode::SUCCESS),
    }
}

fn build(args: BuildArgs) -> Result<ExitCode, Error> {
    let (quiet, strict, timings) = (args.quiet, args.strict, args.timings);
    // Interrupted, a build leaves its outputs as they were and no temporary file beside them.
    on_ctrl_c(|| {
        kgraph::abandon_writes();
        std::process::exit(INTERRUPTED);
    })?;
    let bar = TerminalProgress::on_stderr(quiet);
    let progress: &dyn Progress = bar.as_ref().map_or(&Silent, |bar| bar);
    let outcome = (args.into_config())
        .and_then(|config| kgraph::build(&config, progress))
        .inspect_err(|_| progress.finish())?;
    let code = Ending::new(&outcome.report, outcome.summary(), quiet)
        .strict(strict)
        .outputs(&outcome.failed, outcome.nothing_written())
        .finish();
    if timings {
        eprint!("{}", outcome.timings_table());
    }
    Ok(code)
}

/// Builds, then rebuilds on every change until Ctrl-C, which ends with 0.
fn watch(args: WatchArgs) -> Result<ExitCode, Error> {
    if args.build.from_parquet.is_some() {
        return Err(Error::Usage(
            "kgraph watch follows posts: read tables once with kgraph build --from-parquet".into(),
        ));
    }
    let (quiet, timings) = (args.build.quiet, args.build.timings);
    let watch = Watch::new(args.watch_config(), move || {
        args.build.clone().into_config()
    });
    let stopper = watch.stopper();
    on_ctrl_c(move || stopper.stop())?;
    watch.run(|rebuild| super::watch::show(rebuild, quiet, timings))?;
    Ok(ExitCode::SUCCESS)
}

fn keywords(args: KeywordsArgs) -> Result<ExitCode, Error> {
    let (quiet, json) = (args.quiet, args.json);
    let outcome = kgraph::rank_keywords(&args.into_config()?, &Silent)?;
    print(json.then(|| outcome.to_json()), || outcome.to_table());
    Ok(Ending::new(&outcome.report, outcome.summary(), quiet).finish())
}

fn stats(args: StatsArgs) -> Result<ExitCode, Error> {
    let (quiet, json, top, fail_on) = (args.quiet, args.json, args.top, args.fail_on);
    let outcome = kgraph::collect_stats(&args.into_config()?, top, &Silent)?;
    print(json.then(|| outcome.to_json()), || outcome.to_text());
    let worst = outcome.worst_url_problem();
    let failing = fail_on.zip(worst).is_some_and(|(f, w)| f.fails(w));
    Ok(Ending::new(&outcome.report, outcome.summary(), quiet)
        .failing(failing.then_some("URL problems at or above --fail-on"))
        .finish())
}

fn extract(args: ExtractArgs) -> Result<ExitCode, Error> {
    let (quiet, strict) = (args.quiet, args.strict);
    // Interrupted, a shard's part files are left as they were, with no temporary file beside.
    on_ctrl_c(|| {
        kgraph::abandon_writes();
        std::process::exit(INTERRUPTED);
    })?;
    let outcome = kgraph::extract(&args.into_config()?)?;
    Ok(Ending::new(&outcome.report, outcome.summary(), quiet)
        .strict(strict)
        .finish())
}

fn diff(args: DiffArgs) -> Result<ExitCode, Error> {
    let outcome = kgraph::diff_graphs(&args.to_config())?;
    let text = || match args.counts {
        true => outcome.counts_text(),
        false => outcome.to_text(),
    };
    print(args.json.then(|| outcome.to_json()), text);
    Ok(Ending::new(&outcome.report, outcome.summary(), args.quiet)
        .different(!outcome.is_equal())
        .finish())
}

/// Runs `handler` on Ctrl-C instead of ending the process there.
fn on_ctrl_c(handler: impl FnMut() + Send + 'static) -> Result<(), Error> {
    ctrlc::set_handler(handler).map_err(|err| Error::Usage(format!("cannot handle Ctrl-C: {err}")))
}

/// Writes a command's report to standard output: `json` when asked for, else `text`. A closed
/// pipe (`| head`) is not an error.
fn print(json: Option<String>, text: impl FnOnce() -> String) {
    let report = json.unwrap_or_else(text);
    let _ = std::io::stdout().lock().write_all(report.as_bytes());
}
