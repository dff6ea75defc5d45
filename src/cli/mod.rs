//! The command line: clap definitions and their translation into the library's configs. The
//! only place that knows argv.

mod build;
mod diff;
pub mod exit;
mod extract;
mod input;
mod keywords;
pub mod run;
mod stats;
mod text;
pub mod watch;

use clap::{Parser, Subcommand};

pub use build::BuildArgs;
pub use diff::DiffArgs;
pub use extract::ExtractArgs;
pub use keywords::KeywordsArgs;
pub use stats::StatsArgs;
pub use text::TextArgs;
pub use watch::WatchArgs;

/// Turn a folder of Markdown posts into a knowledge graph for Gephi, Graphviz, NetworkX and the web.
#[derive(Debug, Parser)]
#[command(name = "kgraph", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read posts (or tables, with --from-parquet) and write the knowledge graph.
    #[command(after_help = build::EXAMPLES)]
    // The graph comes from INPUT… or from --from-parquet's tables: one of them, not both.
    #[command(mut_arg("inputs", |arg| arg.required(false)))]
    #[command(group(clap::ArgGroup::new("source").required(true).args(["inputs", "from_parquet"])))]
    Build(BuildArgs),
    /// Read posts and print their ranked keywords, to tune the keyword lists before exporting.
    #[command(after_help = keywords::EXAMPLES)]
    Keywords(KeywordsArgs),
    /// Read posts and report on the graph: counts, top keywords, domains, resources and topics,
    /// communities, orphans, and broken or suspicious URLs.
    #[command(after_help = stats::EXAMPLES)]
    Stats(StatsArgs),
    /// Build, then build again whenever a post or a keyword list changes, until Ctrl-C.
    #[command(after_help = watch::EXAMPLES)]
    Watch(WatchArgs),
    /// Compare two graph files written by `kgraph build` and print what changed: nodes and edges
    /// added, removed and changed, by kind. Exits with 0 when they are the same, 1 when not.
    #[command(after_help = diff::EXAMPLES)]
    Diff(DiffArgs),
    /// Read posts and write what each file yields (posts, headings, citations, unresolved links,
    /// tags, keyword tokens, diagnostics) as Parquet tables, for corpus-wide steps run elsewhere.
    #[command(after_help = extract::EXAMPLES)]
    Extract(ExtractArgs),
    /// Plumbing for ranking keywords from `kgraph extract`'s tables elsewhere: the corpus language
    /// of keyword texts, and the stems that fold keyword keys (see docs/EXTRACT.md).
    #[command(hide = true)]
    Text(TextArgs),
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
