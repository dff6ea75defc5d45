//! `kgraph extract`: what each file yields, as Parquet tables, for corpus-wide steps run
//! elsewhere (docs/EXTRACT.md is the tables' contract).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use super::Report;
use crate::config::InputConfig;
use crate::discover;
use crate::error::Error;
use crate::keywords::TextSegmenter;
use crate::tables::{self, TableFiles, TABLES};

/// What to extract and where to.
#[derive(Debug, Clone)]
pub struct ExtractConfig {
    /// The files and folders to read, with the extraction options and the keyword vocabulary
    /// (`keywords.enabled` off: no `keyword_tokens` rows). Options that are corpus-wide
    /// (`--structural-share`, `--permalink`, keyword ranking) and the cache are not used.
    pub input: InputConfig,
    /// A file named directly takes its path relative to this folder as its identity (instead of
    /// its file name), so that files listed one by one keep the paths a folder walk gives.
    pub root: Option<PathBuf>,
    /// The output folder: `<out_dir>/<table>/part-<shard>.parquet`.
    pub out_dir: PathBuf,
    /// The part files' name, for one of several runs writing into `out_dir`; `None`: this run
    /// replaces `out_dir` as a whole (part `0`).
    pub shard: Option<String>,
}

/// What `kgraph extract` did.
#[derive(Debug)]
pub struct ExtractOutcome {
    /// The posts read, the problems found in them and the time taken.
    pub report: Report,
    /// Files read (posts and mdBook tables of contents).
    pub files: usize,
    /// Rows written per table, in the order of docs/EXTRACT.md.
    pub rows: Vec<(&'static str, usize)>,
    /// The output folder.
    pub out_dir: PathBuf,
}

/// Reads every input of `config` and writes the rows each file yields into `config.out_dir`.
///
/// Rows depend only on their file and the options: never on the other files of the run.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let config = kgraph::ExtractConfig {
///     input: kgraph::InputConfig::new(["data"]),
///     root: None,
///     out_dir: dir.path().join("tables"),
///     shard: None,
/// };
/// let outcome = kgraph::extract(&config)?;
/// assert!(outcome.report.posts > 0);
/// assert!(dir.path().join("tables/posts/part-0.parquet").is_file());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn extract(config: &ExtractConfig) -> Result<ExtractOutcome, Error> {
    let started = Instant::now();
    if let Some(shard) = &config.shard {
        check_shard_name(shard)?;
    }
    let input = &config.input;
    let (files, mut diagnostics) =
        discover::discover_under(&input.inputs, &input.excludes, config.root.as_deref())?;
    let segmenter = input
        .keywords
        .enabled
        .then(|| TextSegmenter::new(&input.keywords.vocabulary));
    let extracted: Vec<_> = files
        .par_iter()
        .map(|file| tables::file_rows(file, &input.extract, segmenter.as_ref()))
        .collect();
    let mut tables = vec![Vec::new(); TABLES.len()];
    let mut posts = 0;
    for file in extracted {
        posts += usize::from(file.post);
        diagnostics.extend(file.diagnostics);
        for (table, rows) in tables.iter_mut().zip(file.tables) {
            table.extend(rows);
        }
    }
    if segmenter.is_some() {
        tables::add_vocabulary(&mut tables, &input.keywords.vocabulary);
    }
    let destination = TableFiles {
        dir: config.out_dir.clone(),
        shard: config.shard.clone(),
        options: tables::options_fingerprint(
            &input.extract,
            segmenter.is_some().then_some(&input.keywords.vocabulary),
        ),
    };
    tables::write_tables(&destination, &tables)?;
    diagnostics.sort();
    Ok(ExtractOutcome {
        report: Report {
            posts,
            diagnostics,
            elapsed: started.elapsed(),
            cache: Default::default(),
        },
        files: files.len(),
        rows: TABLES
            .iter()
            .zip(&tables)
            .map(|(t, r)| (t.name, r.len()))
            .collect(),
        out_dir: config.out_dir.clone(),
    })
}

/// A shard names files: letters, digits, `-`, `_` and `.`, not starting with `.`.
fn check_shard_name(shard: &str) -> Result<(), Error> {
    let fits = !shard.is_empty()
        && !shard.starts_with('.')
        && shard
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if fits {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "invalid --shard `{shard}`: use letters, digits, `-`, `_` and `.` (not first)"
        )))
    }
}

impl ExtractOutcome {
    /// `extracted 12 posts (12 files) into out: 12 posts, 30 headings, …; 1 warnings in 0.1 s`.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "extracted {} posts ({} files) into {}:",
            self.report.posts,
            self.files,
            self.out_dir.display()
        );
        for (i, (table, rows)) in self.rows.iter().enumerate() {
            let _ = write!(s, "{} {rows} {table}", if i == 0 { "" } else { "," });
        }
        s + &self.report.problems() + &self.report.took()
    }
}
