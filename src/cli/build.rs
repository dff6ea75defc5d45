//! `kgraph build`'s options.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::input::{InputArgs, KeywordArgs};
use kgraph::{
    BuildConfig, ColorBy, CsvDialect, Engine, Error, ExportOptions, Filter, Format, KeywordOptions,
    LayoutOptions, NodeKind, Output, SizeBy,
};

pub const EXAMPLES: &str = "\
Examples:
  kgraph build data/                              write out/graph.{json,graphml,dot}
  kgraph build _posts/ -o graph.gexf -o graph.dot  one parse, two formats
  kgraph build _posts/ -o graph.csv                 graph.nodes.csv and graph.edges.csv for Gephi
  kgraph build _posts/ -o graph.html                one file to explore the graph in a browser
  kgraph build _posts/ --focus 多模态 -o focus.svg   a neighbourhood drawn by Graphviz
  kgraph build _posts/ -o - --format json | jq .   JSON on standard output
  kgraph build _posts/ -o tables --format parquet   nodes/ and edges/ Parquet tables for Spark
  kgraph build _posts/ -o neo4j --format neo4j      CSV files, import.sh and schema.cypher
  kgraph build --from-parquet tables -o g.gexf      the graph read back from Parquet tables
  kgraph build _posts/ drafts/note.md --exclude 'private/**'";

/// Options of `kgraph build`.
#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Read the graph from the node and edge tables in DIR (`DIR/nodes/*.parquet`,
    /// `DIR/edges/*.parquet`, as `--format parquet` or Spark writes them) instead of posts.
    #[arg(long, value_name = "DIR")]
    pub from_parquet: Option<PathBuf>,

    /// Output file; its extension picks the format (.json .graphml .gexf .dot .gv .csv .mmd
    /// .mermaid .svg .png .html). `NAME.csv` writes NAME.nodes.csv and NAME.edges.csv; `.html` is
    /// one self-contained interactive viewer. A folder with `--format parquet` or `--format
    /// neo4j` (a folder that holds anything else is refused). Repeat for
    /// several formats from one parse; `-` is standard output (needs --format).
    /// Default: out/graph.json, out/graph.graphml and out/graph.dot.
    #[arg(short, long = "output", value_name = "PATH")]
    pub outputs: Vec<PathBuf>,

    /// Format for `-o -` and for output paths without a known extension; `parquet` and `neo4j`
    /// write a folder.
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Export only the neighbourhood of this node: an id (`topic:多模态`) or a label.
    #[arg(long, value_name = "ID|LABEL", help_heading = "Subgraph")]
    pub focus: Option<String>,

    /// Radius of the --focus neighbourhood, in edges followed either way.
    #[arg(long, default_value_t = 1, value_name = "N", help_heading = "Subgraph")]
    pub depth: usize,

    /// Keep only these node kinds (comma-separated: post,topic,resource,domain,category,tag,series,keyword,missing).
    #[arg(long, value_delimiter = ',', value_parser = parse_kind, value_name = "KINDS", help_heading = "Subgraph")]
    pub kinds: Vec<NodeKind>,

    /// Drop these node kinds (comma-separated).
    #[arg(long, value_delimiter = ',', value_parser = parse_kind, value_name = "KINDS", help_heading = "Subgraph")]
    pub exclude_kinds: Vec<NodeKind>,

    /// Drop nodes with fewer edges than this (counted after the kind and focus filters).
    #[arg(long, default_value_t = 0, value_name = "N", help_heading = "Subgraph")]
    pub min_degree: usize,

    /// Keep at most N nodes: the focus, then the nearest to it, then the best connected.
    #[arg(long, value_name = "N", help_heading = "Subgraph")]
    pub max_nodes: Option<usize>,

    /// Name of the graph, written into the exports.
    #[arg(long, default_value = "kgraph", value_name = "NAME")]
    pub name: String,

    /// CSV flavour: `gephi` doubles backslashes (Gephi reads `\` as an escape); `rfc4180` does not.
    #[arg(long, value_enum, default_value_t = CsvDialect::Gephi, value_name = "DIALECT")]
    pub csv_dialect: CsvDialect,

    /// Also write the JSON edge list under `links`, for NetworkX before 3.6 (which reads `links`
    /// by default) and d3 examples. It doubles the JSON's edges.
    #[arg(long)]
    pub json_links: bool,

    /// Graphviz layout engine for .svg and .png; `auto` is `dot` up to 200 nodes and 300 edges, else `sfdp`.
    #[arg(long, value_enum, default_value_t = Engine::Auto, value_name = "ENGINE")]
    pub engine: Engine,

    /// Seconds Graphviz may take to draw an .svg or .png before it is stopped.
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..), value_name = "SECONDS")]
    pub render_timeout: u64,

    /// What node sizes follow in every format: the number of edges, or PageRank.
    #[arg(long, value_enum, default_value_t = SizeBy::Degree, value_name = "METRIC", help_heading = "Look")]
    pub size_by: SizeBy,

    /// What node colours follow in every format: the node kind, or its community.
    #[arg(long, value_enum, default_value_t = ColorBy::Kind, value_name = "WHAT", help_heading = "Look")]
    pub color_by: ColorBy,

    /// Compute node positions into every format: `fa2` (ForceAtlas2, community by community) or
    /// `none`. Default: `fa2` when an output needs positions (.html), else `none`.
    #[arg(long, value_enum, value_name = "ALGORITHM", help_heading = "Layout")]
    pub layout: Option<LayoutArg>,

    /// ForceAtlas2 iterations: more gives finer structure inside communities, at about 25 ms
    /// each on a 26 000-node graph.
    #[arg(long, default_value_t = LayoutOptions::default().iterations, value_name = "N", help_heading = "Layout")]
    pub layout_iterations: usize,

    /// Exit with 1 when any post has a warning, not only an error.
    #[arg(long)]
    pub strict: bool,

    /// Print no summary line and no progress bar (diagnostics are still printed).
    #[arg(short, long)]
    pub quiet: bool,

    /// After the summary, print the wall time of each stage and of each output.
    #[arg(long)]
    pub timings: bool,

    #[command(flatten)]
    pub keywords: KeywordArgs,

    /// Add no keyword nodes (skips the slowest stage).
    #[arg(long, help_heading = "Keywords")]
    pub no_keywords: bool,

    /// Also link keywords mentioned together by at least --min-shared entities (`co_occurs` edges).
    #[arg(long, help_heading = "Keywords", conflicts_with = "no_keywords")]
    pub cooccurrence: bool,
}

/// `--layout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// ForceAtlas2, community by community.
    Fa2,
    /// No positions, even for outputs that want them.
    None,
}

impl BuildArgs {
    /// Validates the options into a build config.
    pub fn into_config(self) -> Result<BuildConfig, Error> {
        let outputs = Output::plan(&self.outputs, self.format)?;
        let from_parquet = self.from_parquet;
        let mut config = BuildConfig::new(self.input.into_config()?, outputs);
        config.tables = from_parquet;
        config.input.keywords = if self.no_keywords {
            KeywordOptions::disabled()
        } else {
            KeywordOptions {
                cooccurrence: self.cooccurrence,
                ..self.keywords.into_options()?
            }
        };
        config.layout = match self.layout {
            Some(LayoutArg::Fa2) => Some(LayoutOptions::default()),
            Some(LayoutArg::None) => None,
            None => config.layout,
        }
        .map(|_| LayoutOptions {
            iterations: self.layout_iterations,
        });
        config.filter = Filter {
            kinds: self.kinds,
            exclude_kinds: self.exclude_kinds,
            focus: self.focus,
            depth: self.depth,
            min_degree: self.min_degree,
            max_nodes: self.max_nodes,
        };
        config.export = ExportOptions {
            name: self.name,
            csv_dialect: self.csv_dialect,
            json_links: self.json_links,
            engine: self.engine,
            render_timeout: Duration::from_secs(self.render_timeout),
            size_by: self.size_by,
            color_by: self.color_by,
        };
        Ok(config)
    }
}

fn parse_kind(name: &str) -> Result<NodeKind, String> {
    NodeKind::parse(name.trim()).ok_or_else(|| {
        let all: Vec<&str> = NodeKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown node kind `{name}`; kinds are {}", all.join(", "))
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Cli, Command};
    use super::*;
    use clap::Parser;

    fn build_config(args: &[&str]) -> BuildConfig {
        let argv = ["kgraph", "build", "posts"].iter().chain(args);
        match Cli::try_parse_from(argv).unwrap().command {
            Command::Build(build) => build.into_config().unwrap(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_layout_runs_when_asked_or_when_an_output_needs_it() {
        let default_iterations = LayoutOptions::default().iterations;
        assert_eq!(build_config(&["-o", "g.gexf"]).layout, None);
        let asked = build_config(&["-o", "g.gexf", "--layout", "fa2"]).layout;
        assert_eq!(asked.map(|l| l.iterations), Some(default_iterations));
        let tuned = build_config(&["--layout", "fa2", "--layout-iterations", "7"]).layout;
        assert_eq!(tuned.map(|l| l.iterations), Some(7));
        assert_eq!(build_config(&["--layout", "none"]).layout, None);
        let needing: Vec<Format> = Format::ALL
            .into_iter()
            .filter(|f| f.needs_layout())
            .collect();
        assert_eq!(needing, [Format::Html]);
        let html = build_config(&["-o", "g.json", "-o", "g.html"]).layout;
        assert_eq!(html.map(|l| l.iterations), Some(default_iterations));
        let refused = build_config(&["-o", "g.html", "--layout", "none"]).layout;
        assert_eq!(refused, None);
    }

    #[test]
    fn look_options_reach_the_export_options() {
        let config = build_config(&["--color-by", "community", "--size-by", "pagerank"]);
        assert_eq!(config.export.color_by, ColorBy::Community);
        assert_eq!(config.export.size_by, SizeBy::Pagerank);
        let plain = build_config(&[]);
        assert_eq!(
            (plain.export.color_by, plain.export.size_by),
            (ColorBy::Kind, SizeBy::Degree)
        );
    }
}
