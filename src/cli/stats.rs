//! `kgraph stats`' options.

use clap::{Args, ValueEnum};

use super::input::{InputArgs, KeywordArgs};
use kgraph::{Error, InputConfig, KeywordOptions, UrlSeverity, DEFAULT_TOP};

pub const EXAMPLES: &str = "\
Examples:
  kgraph stats _posts/                             the report
  kgraph stats _posts/ --json | jq '.url_problems.problems'
  kgraph stats _posts/ --fail-on broken --quiet    a link check for CI (exit 1 on a broken URL)

URL checks are offline: broken = unparsable, no host, local or private address, link to a post
that does not exist; suspicious = cut WeChat id, expiring WeChat link, impossible or placeholder
domain, space or full-width punctuation in the address, http:// to a site that serves https.";

/// Options of `kgraph stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,

    /// Entries per ranked list (and lines per list in the text).
    #[arg(long, default_value_t = DEFAULT_TOP, value_name = "N")]
    pub top: usize,

    /// Exit with 1 when a cited URL is broken (`broken`), or broken or suspicious (`suspicious`).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,

    /// Print no summary line (diagnostics are still printed).
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub keywords: KeywordArgs,

    /// Add no keyword nodes (skips the slowest stage).
    #[arg(long, help_heading = "Keywords")]
    pub no_keywords: bool,
}

/// `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A broken URL.
    Broken,
    /// A broken or suspicious URL.
    Suspicious,
}

impl FailOn {
    /// Whether a URL problem of severity `worst` fails the run.
    pub fn fails(self, worst: UrlSeverity) -> bool {
        let threshold = match self {
            FailOn::Broken => UrlSeverity::Broken,
            FailOn::Suspicious => UrlSeverity::Suspicious,
        };
        worst <= threshold
    }
}

impl StatsArgs {
    /// Validates the options into an input config.
    pub fn into_config(self) -> Result<InputConfig, Error> {
        let mut config = self.input.into_config()?;
        config.keywords = if self.no_keywords {
            KeywordOptions::disabled()
        } else {
            self.keywords.into_options()?
        };
        Ok(config)
    }
}
