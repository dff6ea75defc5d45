//! The keyword texts of one file and their tokens, as `keyword_tokens` rows; the vocabulary they
//! were cut with, as `vocabulary` rows.

use crate::extract::{LabelSource, PostRecord};
use crate::keywords::{SegmentMode, TextSegmenter, Vocabulary};

use super::rows::{int, Row};

/// The texts of `post` that can be keyword text, each once, in order of appearance: the title,
/// every heading, every caption or link text (not alt text).
pub(crate) fn keyword_texts(post: &PostRecord) -> Vec<String> {
    let headings = post.sections.iter().map(|s| s.heading.as_str());
    let labels = (post.citations.iter())
        .filter(|c| c.label_source != LabelSource::AltText)
        .filter_map(|c| c.label.as_deref());
    std::iter::once(post.title.as_str())
        .chain(headings)
        .chain(labels)
        .map(str::to_string)
        .collect()
}

/// One row per token of each distinct text of `texts`, in order.
pub(crate) fn token_rows(path: &str, texts: &[String], segmenter: &TextSegmenter<'_>) -> Vec<Row> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut rows = Vec::new();
    for text in texts {
        if !seen.insert(text.as_str()) {
            continue;
        }
        for (mode, tokens) in segmenter.cuts(text) {
            for (position, token) in tokens.iter().enumerate() {
                rows.push(vec![
                    path.into(),
                    text.as_str().into(),
                    mode_name(mode).into(),
                    int(position),
                    (*token.key).into(),
                    token.surface.as_deref().into(),
                    token.listed.into(),
                    token.joined.into(),
                    token.partial.into(),
                ]);
            }
        }
    }
    rows
}

fn mode_name(mode: SegmentMode) -> &'static str {
    match mode {
        SegmentMode::Any => "any",
        SegmentMode::English => "english",
        SegmentMode::Other => "other",
    }
}

/// One row per entry of `vocabulary`: the same rows in every part file written with it.
pub(crate) fn vocabulary_rows(vocabulary: &Vocabulary) -> Vec<Row> {
    vocabulary
        .entries()
        .map(|(role, key, written, canonical)| {
            vec![role.into(), key.into(), written.into(), canonical.into()]
        })
        .collect()
}
