//! Run settings, validated and free of command-line types.

use std::path::PathBuf;

use crate::export::ExportOptions;
use crate::extract::ExtractOptions;
use crate::keywords::KeywordOptions;
use crate::model::Filter;
use crate::output::Output;

/// Everything one `kgraph build` run needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Folders and files to read.
    pub inputs: Vec<PathBuf>,
    /// Globs (relative to each input folder) of files to leave out.
    pub excludes: Vec<String>,
    /// The exports to write, in order.
    pub outputs: Vec<Output>,
    /// What to extract from posts.
    pub extract: ExtractOptions,
    /// Which part of the graph to export.
    pub filter: Filter,
    /// How to write exports.
    pub export: ExportOptions,
    /// The keyword layer.
    pub keywords: KeywordOptions,
}
