//! What each command is asked to do: validated settings, free of command-line types.

use std::path::PathBuf;

use crate::cache::CacheConfig;
use crate::diff::DiffOptions;
use crate::error::Error;
use crate::export::ExportOptions;
use crate::extract::{default_generic_headings, ExtractOptions, DEFAULT_STRUCTURAL_SHARE};
use crate::keywords::KeywordOptions;
use crate::layout::LayoutOptions;
use crate::model::Filter;
use crate::output::Output;
use crate::text::bare_host;

/// What to read and what to extract from it: the part of the settings every command shares.
///
/// ```
/// let config = kgraph::InputConfig::new(["data"]);
/// assert!(config.keywords.enabled);
/// ```
#[derive(Debug, Clone)]
pub struct InputConfig {
    /// Folders (walked recursively, `.gitignore` honoured) and Markdown files to read.
    pub inputs: Vec<PathBuf>,
    /// Globs (relative to each input folder) of files to leave out.
    pub excludes: Vec<String>,
    /// What to extract from posts.
    pub extract: ExtractOptions,
    /// The keyword layer.
    pub keywords: KeywordOptions,
    /// Where to keep what was read from each file between runs; `None` (the library's default)
    /// reads every file on every run. `kgraph` turns it on ([`CacheConfig::user_default`]).
    pub cache: Option<CacheConfig>,
}

impl InputConfig {
    /// Reads `inputs` as `kgraph` does by default: the built-in generic headings and keyword
    /// lists, and structural headings found in the corpus.
    pub fn new<P: Into<PathBuf>>(inputs: impl IntoIterator<Item = P>) -> Self {
        InputConfig {
            inputs: inputs.into_iter().map(Into::into).collect(),
            excludes: Vec::new(),
            extract: ExtractOptions {
                generic_headings: default_generic_headings(),
                structural_share: DEFAULT_STRUCTURAL_SHARE,
                ..ExtractOptions::default()
            },
            keywords: KeywordOptions::default(),
            cache: None,
        }
    }

    /// Adds the blog's own address (`https://example.github.io/blog`, or a bare host): absolute
    /// links to its host are links between posts, not cited resources. A leading `www.` is
    /// ignored.
    ///
    /// ```
    /// let mut config = kgraph::InputConfig::new(["data"]);
    /// config.add_site_url("https://www.example.github.io/blog")?;
    /// assert!(config.add_site_url("not a host").is_err());
    /// # Ok::<(), kgraph::Error>(())
    /// ```
    pub fn add_site_url(&mut self, site_url: &str) -> Result<(), Error> {
        let with_scheme = if site_url.contains("://") {
            site_url.to_string()
        } else {
            format!("https://{site_url}")
        };
        let host = url::Url::parse(&with_scheme)
            .ok()
            .and_then(|u| u.host_str().map(|h| bare_host(h).to_string()))
            .ok_or_else(|| Error::Usage(format!("--site-url `{site_url}` is not a web address")))?;
        self.extract.site_hosts.push(host);
        Ok(())
    }
}

/// Everything `kgraph build` needs: what to read, and what to write from it.
///
/// ```
/// use kgraph::{BuildConfig, InputConfig, Output};
///
/// let dir = tempfile::tempdir().unwrap();
/// let outputs = Output::plan(&[dir.path().join("graph.gexf")], None).unwrap();
/// let config = BuildConfig::new(InputConfig::new(["data"]), outputs);
/// assert!(config.layout.is_none());
/// ```
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// What to read.
    pub input: InputConfig,
    /// Read the graph from the node and edge tables in this folder (as `--format parquet`
    /// writes them, see [`load_tables`](crate::load_tables)) instead of the posts of `input`.
    pub tables: Option<PathBuf>,
    /// The exports to write, in order.
    pub outputs: Vec<Output>,
    /// Which part of the graph to export.
    pub filter: Filter,
    /// How to write exports.
    pub export: ExportOptions,
    /// Node positions, computed only when set (it costs seconds on a large graph).
    pub layout: Option<LayoutOptions>,
}

impl BuildConfig {
    /// Writes the whole graph to `outputs`, with the default look, and positions only when an
    /// output needs them (`.html`).
    pub fn new(input: InputConfig, outputs: Vec<Output>) -> Self {
        let layout = outputs
            .iter()
            .any(|o| o.format.needs_layout())
            .then(LayoutOptions::default);
        BuildConfig {
            input,
            tables: None,
            outputs,
            filter: Filter::default(),
            export: ExportOptions::default(),
            layout,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_urls_become_hosts() {
        let mut config = InputConfig::new(["posts"]);
        config
            .add_site_url("https://www.example.github.io/blog")
            .unwrap();
        config.add_site_url("example.org").unwrap();
        assert_eq!(
            config.extract.site_hosts,
            ["example.github.io", "example.org"]
        );
    }
}

/// What `kgraph diff` compares: two graph files (`.json`, `.graphml` or `.gexf`) and how.
///
/// ```
/// let config = kgraph::DiffConfig::new("old/graph.json", "new/graph.json");
/// assert!(!config.options.metrics);
/// ```
#[derive(Debug, Clone)]
pub struct DiffConfig {
    /// The graph before.
    pub old: PathBuf,
    /// The graph after.
    pub new: PathBuf,
    /// What is compared.
    pub options: DiffOptions,
}

impl DiffConfig {
    /// Compares `old` with `new`, metrics left out.
    pub fn new(old: impl Into<PathBuf>, new: impl Into<PathBuf>) -> Self {
        DiffConfig {
            old: old.into(),
            new: new.into(),
            options: DiffOptions::default(),
        }
    }
}
