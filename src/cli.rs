//! The command line: clap definitions and their translation into a [`Config`]. The only place that knows argv.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use kgraph::export::{ColorBy, CsvDialect, Engine, ExportOptions, Format, SizeBy};
use kgraph::extract::{default_generic_headings, ExtractOptions};
use kgraph::keywords::{KeywordOptions, Vocabulary, DEFAULT_MAX_KEYWORDS, DEFAULT_MIN_SHARED};
use kgraph::layout::{LayoutOptions, DEFAULT_ITERATIONS};
use kgraph::model::{Filter, NodeKind};
use kgraph::output::{Destination, Output};
use kgraph::stats::{Severity, DEFAULT_TOP};
use kgraph::{Config, Error};

const BUILD_EXAMPLES: &str = "\
Examples:
  kgraph build data/                              write out/graph.{json,graphml,dot}
  kgraph build _posts/ -o graph.gexf -o graph.dot  one parse, two formats
  kgraph build _posts/ -o graph.csv                 graph.nodes.csv and graph.edges.csv for Gephi
  kgraph build _posts/ -o graph.html                one file to explore the graph in a browser
  kgraph build _posts/ --focus 多模态 -o focus.svg   a neighbourhood drawn by Graphviz
  kgraph build _posts/ -o - --format json | jq .   JSON on standard output
  kgraph build _posts/ drafts/note.md --exclude 'private/**'";

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
    /// Read posts and write the knowledge graph.
    #[command(after_help = BUILD_EXAMPLES)]
    Build(BuildArgs),
    /// Read posts and print their ranked keywords, to tune the keyword lists before exporting.
    #[command(after_help = KEYWORDS_EXAMPLES)]
    Keywords(KeywordsArgs),
    /// Read posts and report on the graph: counts, top keywords, domains, resources and topics,
    /// communities, orphans, and broken or suspicious URLs.
    #[command(after_help = STATS_EXAMPLES)]
    Stats(StatsArgs),
}

/// Options of `kgraph build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output file; its extension picks the format (.json .graphml .gexf .dot .gv .csv .mmd
    /// .mermaid .svg .png .html). `NAME.csv` writes NAME.nodes.csv and NAME.edges.csv; `.html` is
    /// one self-contained interactive viewer. Repeat for
    /// several formats from one parse; `-` is standard output (needs --format).
    /// Default: out/graph.json, out/graph.graphml and out/graph.dot.
    #[arg(short, long = "output", value_name = "PATH")]
    pub outputs: Vec<PathBuf>,

    /// Format for `-o -` and for output paths without a known extension.
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Export only the neighbourhood of this node: an id (`topic:多模态`) or a label.
    #[arg(long, value_name = "ID|LABEL", help_heading = "Subgraph")]
    pub focus: Option<String>,

    /// Radius of the --focus neighbourhood, in edges followed either way.
    #[arg(long, default_value_t = 1, value_name = "N", help_heading = "Subgraph")]
    pub depth: usize,

    /// Keep only these node kinds (comma-separated: post,topic,resource,domain,category,tag,series,keyword).
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
    #[arg(long, default_value_t = DEFAULT_ITERATIONS, value_name = "N", help_heading = "Layout")]
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
    /// Validates the options into a run configuration.
    pub fn into_config(self) -> Result<Config, Error> {
        let outputs = outputs_of(&self.outputs, self.format)?;
        let wants_layout = match self.layout {
            Some(LayoutArg::Fa2) => true,
            Some(LayoutArg::None) => false,
            None => outputs.iter().any(|o| o.format.needs_layout()),
        };
        let layout = wants_layout.then_some(LayoutOptions {
            iterations: self.layout_iterations,
        });
        let (inputs, excludes, extract) = self.input.into_parts()?;
        let keywords = if self.no_keywords {
            KeywordOptions::disabled()
        } else {
            KeywordOptions {
                cooccurrence: self.cooccurrence,
                ..self.keywords.into_options()?
            }
        };
        Ok(Config {
            inputs,
            excludes,
            outputs,
            extract,
            filter: Filter {
                kinds: self.kinds,
                exclude_kinds: self.exclude_kinds,
                focus: self.focus,
                depth: self.depth,
                min_degree: self.min_degree,
                max_nodes: self.max_nodes,
            },
            export: ExportOptions {
                name: self.name,
                csv_dialect: self.csv_dialect,
                engine: self.engine,
                render_timeout: Duration::from_secs(self.render_timeout),
                size_by: self.size_by,
                color_by: self.color_by,
            },
            keywords,
            layout,
        })
    }
}

/// What to read: shared by every subcommand.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Folders (walked recursively, .gitignore honoured) and Markdown files to read.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Leave out files matching this glob (relative to each input folder). Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Also treat this heading as generic: its content belongs to the enclosing topic. Repeatable.
    #[arg(long, value_name = "TEXT")]
    pub generic_heading: Vec<String>,

    /// Start from an empty list of generic headings instead of the built-in one.
    #[arg(long)]
    pub no_default_generic_headings: bool,

    /// The blog's own address: absolute links to its host are links between posts. Repeatable.
    #[arg(long, value_name = "URL")]
    pub site_url: Vec<String>,
}

impl InputArgs {
    /// Inputs, exclude globs and extraction options.
    fn into_parts(self) -> Result<(Vec<PathBuf>, Vec<String>, ExtractOptions), Error> {
        let mut generic_headings = if self.no_default_generic_headings {
            Vec::new()
        } else {
            default_generic_headings()
        };
        generic_headings.extend(self.generic_heading);
        let site_hosts = self
            .site_url
            .iter()
            .map(|u| host_of(u))
            .collect::<Result<_, _>>()?;
        let extract = ExtractOptions {
            generic_headings,
            site_hosts,
        };
        Ok((self.inputs, self.exclude, extract))
    }
}

const KEYWORDS_EXAMPLES: &str = "\
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
    /// Validates the options into a run configuration (without outputs).
    pub fn into_config(self) -> Result<Config, Error> {
        let (inputs, excludes, extract) = self.input.into_parts()?;
        Ok(Config {
            inputs,
            excludes,
            outputs: Vec::new(),
            extract,
            filter: Filter::default(),
            export: ExportOptions::default(),
            keywords: self.keywords.into_options()?,
            layout: None,
        })
    }
}

const STATS_EXAMPLES: &str = "\
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
    /// The mildest severity that fails.
    pub fn threshold(self) -> Severity {
        match self {
            FailOn::Broken => Severity::Broken,
            FailOn::Suspicious => Severity::Suspicious,
        }
    }
}

impl StatsArgs {
    /// Validates the options into a run configuration (without outputs or filters).
    pub fn into_config(self) -> Result<Config, Error> {
        let (inputs, excludes, extract) = self.input.into_parts()?;
        let keywords = if self.no_keywords {
            KeywordOptions::disabled()
        } else {
            self.keywords.into_options()?
        };
        Ok(Config {
            inputs,
            excludes,
            outputs: Vec::new(),
            extract,
            filter: Filter::default(),
            export: ExportOptions::default(),
            keywords,
            layout: None,
        })
    }
}

/// Keyword options shared by `build` and `keywords`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Keywords")]
pub struct KeywordArgs {
    /// More terms to keep whole and prefer as keywords: one per line, `#` comments. Extends the
    /// built-in list (see --keywords-replace). Repeatable.
    #[arg(long = "keywords", value_name = "FILE")]
    pub term_files: Vec<PathBuf>,

    /// The --keywords files replace the built-in term list instead of extending it.
    #[arg(long, requires = "term_files")]
    pub keywords_replace: bool,

    /// More aliases, one `canonical: alias, alias` line each; read after the built-in table. Repeatable.
    #[arg(long = "aliases", value_name = "FILE")]
    pub alias_files: Vec<PathBuf>,

    /// More stop words (never keywords unless listed): one per line. Repeatable.
    #[arg(long = "stop-words", value_name = "FILE")]
    pub stop_word_files: Vec<PathBuf>,

    /// Only listed terms become keywords: no automatic discovery.
    #[arg(long)]
    pub listed_only: bool,

    /// A term becomes a keyword only when at least N posts, topics or resources mention it.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MIN_SHARED as u32,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub min_shared: u32,

    /// Keep at most N keywords: listed terms first, then by score.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_KEYWORDS)]
    pub max_keywords: usize,
}

impl KeywordArgs {
    /// Reads the list files into keyword options.
    fn into_options(self) -> Result<KeywordOptions, Error> {
        let mut vocabulary = Vocabulary::builtin();
        if self.keywords_replace {
            vocabulary.clear_terms();
        }
        for path in &self.term_files {
            vocabulary.add_terms(&read_list(path, "--keywords")?, &path.display().to_string())?;
        }
        for path in &self.alias_files {
            vocabulary.add_aliases(&read_list(path, "--aliases")?, &path.display().to_string())?;
        }
        for path in &self.stop_word_files {
            let text = read_list(path, "--stop-words")?;
            vocabulary.add_stop_words(&text, &path.display().to_string())?;
        }
        Ok(KeywordOptions {
            enabled: true,
            vocabulary,
            discover: !self.listed_only,
            min_shared: self.min_shared as usize,
            max_keywords: self.max_keywords,
            cooccurrence: false,
        })
    }
}

fn read_list(path: &std::path::Path, flag: &str) -> Result<String, Error> {
    std::fs::read_to_string(path)
        .map_err(|err| Error::Usage(format!("cannot read {flag} file {}: {err}", path.display())))
}

fn outputs_of(paths: &[PathBuf], format: Option<Format>) -> Result<Vec<Output>, Error> {
    if paths.is_empty() {
        if format.is_some() {
            return Err(Error::Usage(
                "--format applies to `-o -` or to an output path without a known extension; add -o"
                    .into(),
            ));
        }
        return Ok([Format::Json, Format::Graphml, Format::Dot]
            .into_iter()
            .map(|f| Output {
                format: f,
                destination: Destination::File(
                    PathBuf::from("out").join(format!("graph.{}", f.extension())),
                ),
            })
            .collect());
    }
    let mut outputs: Vec<Output> = Vec::new();
    for path in paths {
        let expanded = if path.as_os_str() == "-" {
            let format = format.ok_or_else(|| {
                Error::Usage(
                    "`-o -` writes to standard output and needs --format (e.g. json, gexf, csv-nodes)"
                        .into(),
                )
            })?;
            vec![Output {
                format,
                destination: Destination::Stdout,
            }]
        } else {
            // A plain `NAME.csv` stands for two files, NAME.nodes.csv and NAME.edges.csv.
            let files = Format::files_for(path)
                .or_else(|| format.map(|f| vec![(f, path.clone())]))
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "cannot tell the format of `{}`: use one of {} or add --format",
                        path.display(),
                        Format::supported_extensions()
                    ))
                })?;
            files
                .into_iter()
                .map(|(format, path)| Output {
                    format,
                    destination: Destination::File(path),
                })
                .collect()
        };
        for output in expanded {
            if outputs.iter().any(|o| o.destination == output.destination) {
                return Err(Error::Usage(format!(
                    "`{}` is given twice as -o",
                    output.display()
                )));
            }
            outputs.push(output);
        }
    }
    Ok(outputs)
}

fn parse_kind(name: &str) -> Result<NodeKind, String> {
    NodeKind::parse(name.trim()).ok_or_else(|| {
        let all: Vec<&str> = NodeKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown node kind `{name}`; kinds are {}", all.join(", "))
    })
}

fn host_of(site_url: &str) -> Result<String, Error> {
    let with_scheme = if site_url.contains("://") {
        site_url.to_string()
    } else {
        format!("https://{site_url}")
    };
    url::Url::parse(&with_scheme)
        .ok()
        .and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_string())
        })
        .ok_or_else(|| Error::Usage(format!("--site-url `{site_url}` is not a web address")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn default_outputs_go_to_out() {
        let outs = outputs_of(&[], None).unwrap();
        let shown: Vec<_> = outs.iter().map(Output::display).collect();
        assert_eq!(
            shown,
            ["out/graph.json", "out/graph.graphml", "out/graph.dot"]
        );
    }

    #[test]
    fn stdout_needs_a_format() {
        let err = outputs_of(&[PathBuf::from("-")], None).unwrap_err();
        assert!(err.to_string().contains("--format"));
        let ok = outputs_of(&[PathBuf::from("-")], Some(Format::Dot)).unwrap();
        assert_eq!(ok[0].destination, Destination::Stdout);
    }

    #[test]
    fn unknown_extensions_list_the_supported_ones() {
        let err = outputs_of(&[PathBuf::from("g.xlsx")], None).unwrap_err();
        assert!(err.to_string().contains(".graphml"), "{err}");
    }

    #[test]
    fn a_csv_output_is_two_tables() {
        let outs = outputs_of(&[PathBuf::from("g.csv")], None).unwrap();
        let shown: Vec<_> = outs.iter().map(|o| (o.format, o.display())).collect();
        assert_eq!(
            shown,
            [
                (Format::CsvNodes, "g.nodes.csv".to_string()),
                (Format::CsvEdges, "g.edges.csv".to_string())
            ]
        );
        let both = [PathBuf::from("g.csv"), PathBuf::from("g.edges.csv")];
        assert!(outputs_of(&both, None).is_err());
        let err = outputs_of(&[PathBuf::from("-")], None).unwrap_err();
        assert!(err.to_string().contains("csv-nodes"), "{err}");
    }

    #[test]
    fn the_same_output_twice_is_refused() {
        let paths = [PathBuf::from("a.json"), PathBuf::from("a.json")];
        assert!(outputs_of(&paths, None).is_err());
    }

    fn build_config(args: &[&str]) -> Config {
        let argv = ["kgraph", "build", "posts"].iter().chain(args);
        match Cli::try_parse_from(argv).unwrap().command {
            Command::Build(build) => build.into_config().unwrap(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_layout_runs_when_asked_or_when_an_output_needs_it() {
        assert_eq!(build_config(&["-o", "g.gexf"]).layout, None);
        let asked = build_config(&["-o", "g.gexf", "--layout", "fa2"]).layout;
        assert_eq!(asked.map(|l| l.iterations), Some(DEFAULT_ITERATIONS));
        let tuned = build_config(&["--layout", "fa2", "--layout-iterations", "7"]).layout;
        assert_eq!(tuned.map(|l| l.iterations), Some(7));
        assert_eq!(build_config(&["--layout", "none"]).layout, None);
        let needing: Vec<Format> = Format::ALL
            .into_iter()
            .filter(|f| f.needs_layout())
            .collect();
        assert_eq!(needing, [Format::Html]);
        let html = build_config(&["-o", "g.json", "-o", "g.html"]).layout;
        assert_eq!(html.map(|l| l.iterations), Some(DEFAULT_ITERATIONS));
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

    #[test]
    fn site_urls_become_hosts() {
        assert_eq!(
            host_of("https://www.example.github.io/blog").unwrap(),
            "example.github.io"
        );
        assert_eq!(host_of("example.org").unwrap(), "example.org");
    }
}
