//! `kgraph extract`'s options.

use std::io::BufRead;
use std::path::PathBuf;

use clap::Args;

use super::input::{ExtractionArgs, VocabularyArgs};
use kgraph::{Error, ExtractConfig, InputConfig, KeywordOptions};

pub const EXAMPLES: &str = "\
Examples:
  kgraph extract _posts/ -o tables/                 every table into tables/<table>/part-0.parquet
  find _posts -name '*.md' | kgraph extract --files-from - --root _posts -o tables/ --shard 7
                                                   one shard of a run split over several processes

The tables and their columns: docs/EXTRACT.md.";

/// Options of `kgraph extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Folders (walked recursively, .gitignore honoured) and Markdown files to read.
    #[arg(value_name = "INPUT", required_unless_present = "files_from")]
    pub inputs: Vec<PathBuf>,

    /// Also read the files listed in FILE, one path a line (`-`: standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,

    /// Files named directly (or listed) are identified by their path relative to DIR, as a walk
    /// of DIR names them, instead of by their file name.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// The output folder: one folder of Parquet part files per table.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,

    /// Write part files named part-NAME.parquet into the output folder, beside those of other
    /// runs, instead of replacing the folder.
    #[arg(long, value_name = "NAME")]
    pub shard: Option<String>,

    /// Leave out files matching this glob (relative to each input folder). Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    #[command(flatten)]
    pub extraction: ExtractionArgs,

    /// Write no keyword tokens (the keyword_tokens table stays empty).
    #[arg(long)]
    pub no_keywords: bool,

    /// Exit with 1 when any input had a warning.
    #[arg(long)]
    pub strict: bool,

    /// Print no summary line (diagnostics are still printed).
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub vocabulary: VocabularyArgs,
}

impl ExtractArgs {
    /// Validates the options (and reads the list of files) into an extract config.
    pub fn into_config(self) -> Result<ExtractConfig, Error> {
        let mut inputs = self.inputs;
        if let Some(list) = &self.files_from {
            inputs.extend(read_file_list(list)?);
        }
        let mut input = InputConfig::new(inputs);
        input.excludes = self.exclude;
        input.cache = None;
        self.extraction.apply(&mut input)?;
        input.keywords = if self.no_keywords {
            KeywordOptions::disabled()
        } else {
            KeywordOptions {
                vocabulary: self.vocabulary.into_vocabulary()?,
                ..KeywordOptions::default()
            }
        };
        Ok(ExtractConfig {
            input,
            root: self.root,
            out_dir: self.output,
            shard: self.shard,
        })
    }
}

/// The paths listed in `list` (`-`: standard input), blank lines skipped.
fn read_file_list(list: &PathBuf) -> Result<Vec<PathBuf>, Error> {
    let unreadable = |source| Error::Input {
        path: list.clone(),
        source,
    };
    let reader: Box<dyn BufRead> = if list.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(list).map_err(unreadable)?,
        ))
    };
    let mut paths = Vec::new();
    for line in reader.lines() {
        let line = line.map_err(unreadable)?;
        let line = line.trim_end_matches('\r');
        if !line.trim().is_empty() {
            paths.push(PathBuf::from(line));
        }
    }
    Ok(paths)
}
