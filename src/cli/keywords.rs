//! `kgraph keywords`' options.

use clap::Args;

use super::input::{InputArgs, KeywordArgs};
use kgraph::{Error, InputConfig};

pub const EXAMPLES: &str = "\
Examples:
  kgraph keywords _posts/                          the ranked keyword table
  kgraph keywords _posts/ --keywords terms.txt --stop-words stop.txt
  kgraph keywords _posts/ --json | jq '.keywords[:10]'

List files: one entry per line, `#` comments. Aliases: `canonical: alias, alias`
(e.g. `贝叶斯: Bayesian, Bayes`).";

/// Options of `kgraph keywords`.
#[derive(Debug, Args)]
pub struct KeywordsArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,

    /// Print no summary line (diagnostics are still printed).
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub keywords: KeywordArgs,
}

impl KeywordsArgs {
    /// Validates the options into an input config.
    pub fn into_config(self) -> Result<InputConfig, Error> {
        let mut config = self.input.into_config()?;
        config.keywords = self.keywords.into_options()?;
        Ok(config)
    }
}
