//! `kgraph diff`'s options.

use std::path::PathBuf;

use clap::Args;

use kgraph::{DiffConfig, DiffOptions};

pub const EXAMPLES: &str = "\
Examples:
  kgraph diff old/graph.json out/graph.json               what changed, counts first
  kgraph diff old/graph.json out/graph.json --counts      only the counts
  kgraph diff old/graph.gexf out/graph.gexf --json | jq '.counts.nodes'

Nodes are compared by id, edges by (source, target, relation). Degrees, PageRank, components,
communities, positions and keyword scores change with any edit and are compared only with
--metrics; sizes and colours never are. Exit status: 0 no changes, 1 changes, 2 trouble.";

/// Options of `kgraph diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The graph before: a `.json`, `.graphml` or `.gexf` file `kgraph build` wrote.
    pub old: PathBuf,

    /// The graph after.
    pub new: PathBuf,

    /// Also compare metrics and positions (degree, pagerank, component, community, x, y, score…).
    #[arg(long)]
    pub metrics: bool,

    /// Print the counts only, not the list of changes.
    #[arg(long, conflicts_with = "json")]
    pub counts: bool,

    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,

    /// Print no summary line.
    #[arg(short, long)]
    pub quiet: bool,
}

impl DiffArgs {
    /// The comparison asked for.
    pub fn to_config(&self) -> DiffConfig {
        DiffConfig {
            options: DiffOptions {
                metrics: self.metrics,
            },
            ..DiffConfig::new(&self.old, &self.new)
        }
    }
}
