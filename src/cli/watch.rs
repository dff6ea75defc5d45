//! `kgraph watch`'s options: every option of `build`, and how to notice changes.

use std::time::Duration;

use clap::Args;

use super::build::BuildArgs;
use super::exit::Ending;
use kgraph::{Rebuild, WatchConfig, DEFAULT_DEBOUNCE};

pub const EXAMPLES: &str = "\
Examples:
  kgraph watch _posts/                             out/graph.{json,graphml,dot}, rebuilt on every save
  kgraph watch _posts/ -o graph.html               the viewer, its layout kept from one save to the next
  kgraph watch _posts/ --keywords terms.txt        also rebuilt when terms.txt changes
  kgraph watch /mnt/share/posts --poll             where the file system sends no notifications";

/// Options of `kgraph watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub build: BuildArgs,

    /// Look for changes by polling the file system (every --poll-interval) instead of the
    /// system's notifications: for network and container file systems that send none.
    #[arg(long, help_heading = "Watching")]
    pub poll: bool,

    /// Milliseconds between two polls, with --poll.
    #[arg(long, default_value_t = 500, value_name = "MS", requires = "poll",
          value_parser = clap::value_parser!(u64).range(10..), help_heading = "Watching")]
    pub poll_interval: u64,

    /// Milliseconds without a change before a rebuild starts.
    #[arg(long, default_value_t = DEFAULT_DEBOUNCE.as_millis() as u64, value_name = "MS",
          help_heading = "Watching")]
    pub debounce: u64,
}

impl WatchArgs {
    /// How to notice changes: the lists named by the keyword options are watched too.
    pub fn watch_config(&self) -> WatchConfig {
        let keywords = &self.build.keywords;
        WatchConfig {
            debounce: Duration::from_millis(self.debounce),
            poll: self.poll.then(|| Duration::from_millis(self.poll_interval)),
            lists: (keywords.vocabulary.term_files.iter())
                .chain(&keywords.vocabulary.alias_files)
                .chain(&keywords.vocabulary.stop_word_files)
                .cloned()
                .collect(),
        }
    }
}

/// Prints a build of the watch as `build` prints its run: diagnostics, failed outputs, then its
/// summary line (what changed, for a rebuild).
pub fn show(rebuild: &Rebuild, quiet: bool, timings: bool) {
    match &rebuild.outcome {
        Ok(outcome) => {
            // The exit code is the watch's own: 0 when stopped.
            let _ = Ending::new(&outcome.report, rebuild.summary(), quiet)
                .outputs(&outcome.failed, outcome.nothing_written())
                .finish();
            if timings {
                eprint!("{}", outcome.timings_table());
            }
        }
        Err(err) => eprintln!("kgraph: error: {err}"),
    }
    if rebuild.first && !quiet {
        eprintln!("kgraph: watching for changes (Ctrl-C to stop)");
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Cli, Command};
    use super::*;
    use clap::Parser;

    fn watch_args(args: &[&str]) -> WatchArgs {
        let argv = ["kgraph", "watch", "posts"].iter().chain(args);
        match Cli::try_parse_from(argv).unwrap().command {
            Command::Watch(watch) => watch,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn takes_the_build_options_and_watches_the_lists() {
        let args = watch_args(&[
            "-o",
            "g.gexf",
            "--keywords",
            "t.txt",
            "--stop-words",
            "s.txt",
        ]);
        let config = args.watch_config();
        assert_eq!(
            config.lists,
            [PathBuf::from("t.txt"), PathBuf::from("s.txt")]
        );
        assert_eq!(config.debounce, DEFAULT_DEBOUNCE);
        assert_eq!(config.poll, None);
        let build = args.build.into_config().unwrap_err();
        assert!(build.to_string().contains("t.txt"), "{build}");
    }

    #[test]
    fn polls_when_asked() {
        let config =
            watch_args(&["--poll", "--poll-interval", "100", "--debounce", "50"]).watch_config();
        assert_eq!(config.poll, Some(Duration::from_millis(100)));
        assert_eq!(config.debounce, Duration::from_millis(50));
        let argv = ["kgraph", "watch", "posts", "--poll-interval", "100"];
        assert!(Cli::try_parse_from(argv).is_err());
    }

    use std::path::PathBuf;
}
