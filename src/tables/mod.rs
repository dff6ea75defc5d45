//! The per-file tables of `kgraph extract`: what each file yields, as rows that depend on that
//! file (and the extraction options) alone, for corpus-wide steps run elsewhere.

mod keyword_rows;
mod parquet;
mod rows;
mod schema;

use crate::diagnostic::Diagnostic;
use crate::discover::SourceFile;
use crate::extract::{self, ExtractOptions};
use crate::keywords::TextSegmenter;
use crate::read;

use keyword_rows::vocabulary_rows;
pub(crate) use parquet::{options_fingerprint, write_tables, TableFiles};
use rows::{diagnostic_row, int, post_rows, Row};
pub(crate) use schema::TABLES;

/// The rows one file yields, per table of [`TABLES`] (same order).
#[derive(Debug)]
pub(crate) struct FileRows {
    pub(crate) tables: Vec<Vec<Row>>,
    /// Whether the file was read as a post.
    pub(crate) post: bool,
    /// Its problems, naming the file as the user gave it.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Index in [`TABLES`] of each table.
mod at {
    pub(super) const POSTS: usize = 0;
    pub(super) const HEADINGS: usize = 1;
    pub(super) const CITATIONS: usize = 2;
    pub(super) const LINKS: usize = 3;
    pub(super) const TAGS: usize = 4;
    pub(super) const BOOK_CHAPTERS: usize = 5;
    pub(super) const KEYWORD_TOKENS: usize = 6;
    pub(super) const VOCABULARY: usize = 7;
    pub(super) const DIAGNOSTICS: usize = 8;
}

/// Puts the vocabulary's rows into their table of `tables` (in [`TABLES`] order).
pub(crate) fn add_vocabulary(tables: &mut [Vec<Row>], vocabulary: &crate::keywords::Vocabulary) {
    tables[at::VOCABULARY] = vocabulary_rows(vocabulary);
}

/// Reads and extracts `file` into its rows; with `segmenter`, its keyword texts are cut too.
pub(crate) fn file_rows(
    file: &SourceFile,
    options: &ExtractOptions,
    segmenter: Option<&TextSegmenter<'_>>,
) -> FileRows {
    let mut rows = FileRows {
        tables: vec![Vec::new(); TABLES.len()],
        post: false,
        diagnostics: Vec::new(),
    };
    let text = read::read_bytes(file, &mut rows.diagnostics)
        .and_then(|bytes| read::decode(&file.display, bytes, &mut rows.diagnostics));
    let mut texts = Vec::new();
    if let Some(text) = text {
        let chapters = (file.path.file_name().is_some_and(|n| n == "SUMMARY.md"))
            .then(|| crate::pipeline::chapter_titles(file, &text))
            .flatten();
        match chapters {
            Some(chapters) => {
                for (position, (chapter, title)) in chapters.into_iter().enumerate() {
                    rows.tables[at::BOOK_CHAPTERS].push(vec![
                        file.rel_path.as_str().into(),
                        int(position),
                        chapter.into(),
                        title.as_str().into(),
                    ]);
                    texts.push(title);
                }
            }
            None => {
                let mut record =
                    extract::extract_post(&file.rel_path, &file.display, &text, options);
                rows.diagnostics.append(&mut record.diagnostics);
                texts = keyword_rows::keyword_texts(&record);
                let post = post_rows(&record);
                rows.tables[at::POSTS] = post.posts;
                rows.tables[at::HEADINGS] = post.headings;
                rows.tables[at::CITATIONS] = post.citations;
                rows.tables[at::LINKS] = post.links;
                rows.tables[at::TAGS] = post.tags;
                rows.post = true;
            }
        }
    }
    if let Some(segmenter) = segmenter {
        rows.tables[at::KEYWORD_TOKENS] =
            keyword_rows::token_rows(&file.rel_path, &texts, segmenter);
    }
    rows.tables[at::DIAGNOSTICS] = rows
        .diagnostics
        .iter()
        .map(|d| diagnostic_row(&file.rel_path, d))
        .collect();
    rows
}
