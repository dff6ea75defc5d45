//! Reading and extracting posts in parallel while the graph is built from them in file order.

use rayon::prelude::*;

use crate::cache::{self, Extracted, Kept, PostCache, SegmentCache};
use crate::diagnostic::Diagnostic;
use crate::discover::SourceFile;
use crate::extract::{self, ExtractOptions, PostRecord};
use crate::model::GraphBuilder;
use crate::progress::Progress;
use crate::read;

use super::book::Books;

/// Posts extracted per batch: enough to keep every core busy, few enough that a huge
/// blog's records never sit in memory all at once.
const EXTRACT_BATCH: usize = 256;

/// The posts of a corpus added to a graph under construction.
pub(crate) struct Ingested {
    /// The graph under construction, every post added.
    pub(crate) builder: GraphBuilder,
    /// Posts read.
    pub(crate) posts: usize,
    /// Problems found so far, in no particular order.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The cache of this run, which the keyword stage writes to too.
    pub(crate) cache: cache::Session,
    /// The cached segmentations, for the keyword stage.
    pub(crate) segments: SegmentCache,
}

/// Reads and extracts `files` in parallel (unless `cache` has them), then adds the posts to a
/// builder in file order, showing each to `visit` first and counting each file on `progress`;
/// their topics go in last, once structural headings are known. An mdBook table of contents is
/// no post: its chapters take their titles from it. Also gives what to store in the cache for
/// the files read.
///
/// Extraction runs a batch ahead of the builder, so both make progress at once while
/// at most a few batches of records are alive.
pub(super) fn add_posts<'c>(
    files: &[SourceFile],
    options: &ExtractOptions,
    cache: &'c PostCache,
    progress: &dyn Progress,
    mut visit: impl FnMut(&SourceFile, &PostRecord),
) -> (Ingested, Kept<'c>) {
    let mut ingested = Ingested {
        builder: GraphBuilder::new(),
        posts: 0,
        diagnostics: Vec::new(),
        cache: cache::Session::default(),
        segments: SegmentCache::off(),
    };
    let mut kept = Kept::default();
    let books = &Books::find(files);
    if let Some(pattern) = &options.permalink {
        ingested.builder.set_permalink_pattern(pattern.clone());
    }
    ingested
        .builder
        .set_structural_share(options.structural_share);
    std::thread::scope(|scope| {
        let (batches, received) = std::sync::mpsc::sync_channel(2);
        scope.spawn(move || {
            for batch in files.chunks(EXTRACT_BATCH) {
                let extracted: Vec<_> = batch
                    .par_iter()
                    .map(|file| {
                        (!books.is_summary(file)).then(|| {
                            cache.fetch(file, |bytes, diagnostics| {
                                extract_bytes(file, bytes, options, diagnostics)
                            })
                        })
                    })
                    .collect();
                if batches.send(extracted).is_err() {
                    break;
                }
            }
        });
        // Batches arrive in file order, so records line up with `files`.
        for (file, fetched) in files.iter().zip(received.into_iter().flatten()) {
            let (record, diagnostics): Extracted = match fetched {
                Some(fetched) => kept.keep(fetched),
                None => (None, Vec::new()),
            };
            ingested.diagnostics.extend(diagnostics);
            progress.advance(1);
            if let Some(mut record) = record {
                if let Some(title) = books.title_of(&record.path) {
                    record.title = title.to_string();
                }
                visit(file, &record);
                ingested.builder.add_post(&record);
                ingested.posts += 1;
            }
        }
    });
    // The corpus pass: only now is it known which headings recur in too many posts to be topics.
    ingested.builder.add_topics();
    (ingested, kept)
}

/// Decodes and extracts the bytes of one file; diagnostics name the file as the user gave it.
fn extract_bytes(
    file: &SourceFile,
    bytes: Vec<u8>,
    options: &ExtractOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PostRecord> {
    read::decode(&file.display, bytes, diagnostics).map(|text| {
        let mut record = extract::extract_post(&file.rel_path, &file.display, &text, options);
        diagnostics.append(&mut record.diagnostics);
        record
    })
}
