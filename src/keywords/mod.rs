//! The keyword layer: `keyword` nodes tying together posts, topics and resources that share a term.
//!
//! ```text
//! GraphBuilder::entity_texts   post titles, topic headings, resource captions / link text
//!   → segment (parallel)       clean, listed terms whole, jieba for the rest, normalise, filter
//!   → phrase                   neighbours the corpus keeps together become one term
//!   → score                    corpus statistics, min-shared, ranking, cap
//!   → GraphBuilder             keyword nodes, `mentions` edges (+ `co_occurs` edges)
//! ```
//!
//! Decisions, in one place:
//!
//! * **Entities.** Only texts a reader sees as labels in the graph: post titles, topic headings and resource
//!   labels (the caption under a bare URL or a link's text; a resource labelled only by its URL has no
//!   keyword text). Post bodies are not read: their share of prose is small in link-collection blogs, and
//!   segmenting them would cost more than the rest of the build.
//! * **Vocabulary.** Listed terms (built-in `data/keywords/default.txt` plus `--keywords` files, or only the
//!   latter with `--keywords-replace`), the alias table (`data/keywords/aliases.txt` plus `--aliases`), and
//!   terms discovered by jieba. Every spelling of the lists and the alias table is matched whole, before
//!   jieba sees the text; listed terms also bypass the stop list and are kept first under the cap.
//!   Discovered tokens must pass the stop list (`data/keywords/stopwords.txt` plus `--stop-words`) and the
//!   shape rules of `segment`: at least two characters, no bare numbers, no URL or file fragments, no
//!   function words (jieba's part-of-speech tags). Neighbouring tokens the corpus keeps using together
//!   become one phrase (`phrase`: 目标 | 检测 → 目标检测, deep | learning → deep learning).
//! * **Identity.** Node id `keyword:<key>` with the key lower-cased and aliases resolved; English plurals
//!   fold onto a singular the corpus also uses. The label is the listed spelling, else the most frequent
//!   surface form (so `GAN`, not `gan`).
//! * **Edges.** `mentions` from each entity to each keyword its text contains, weight = occurrences in that
//!   text. With `cooccurrence`, `co_occurs` between keywords mentioned together by at least `min_shared`
//!   entities, weight = those entities, from the smaller id to the larger.
//! * **Attributes.** `doc_freq` (entities mentioning it), `posts` (distinct posts of those entities) and
//!   `score` (`posts × ln(1 + N / doc_freq)`, see `score`).
//! * **Speed and determinism.** jieba's dictionary loads once per process ([`preload`] starts it while
//!   posts are read); each text is segmented once, in parallel; every map that reaches output is ordered.

mod boilerplate;
mod corpus;
mod english;
mod fold;
pub(crate) mod language;
mod phrase;
mod score;
mod segment;
mod table;
mod vocabulary;
mod word;

use rayon::prelude::*;

use crate::cache::SegmentCache;
use crate::model::{Attr, AttrValue, EdgeKind, EntityText, GraphBuilder, NodeKind};

pub(crate) use score::Keyword;
pub(crate) use segment::{preload, release, Token};
pub(crate) use table::{to_json, to_table};
pub use vocabulary::Vocabulary;

/// Default for [`KeywordOptions::min_shared`].
pub(crate) const DEFAULT_MIN_SHARED: usize = 2;
/// Default for [`KeywordOptions::max_keywords`]: enough to bridge a large blog, few enough for Gephi.
pub(crate) const DEFAULT_MAX_KEYWORDS: usize = 300;

/// Settings of the keyword layer.
#[derive(Debug, Clone)]
pub struct KeywordOptions {
    /// Whether to add keyword nodes at all.
    pub enabled: bool,
    /// Listed terms, aliases and stop words.
    pub vocabulary: Vocabulary,
    /// Whether terms found by the segmenter may become keywords, besides listed ones.
    pub discover: bool,
    /// Fewest distinct entities that must mention a term for it to become a keyword.
    pub min_shared: usize,
    /// Most keyword nodes to add.
    pub max_keywords: usize,
    /// Whether to add `co_occurs` edges between keywords.
    pub cooccurrence: bool,
}

impl Default for KeywordOptions {
    fn default() -> Self {
        KeywordOptions {
            enabled: true,
            vocabulary: Vocabulary::builtin(),
            discover: true,
            min_shared: DEFAULT_MIN_SHARED,
            max_keywords: DEFAULT_MAX_KEYWORDS,
            cooccurrence: false,
        }
    }
}

impl KeywordOptions {
    /// No keyword layer.
    pub fn disabled() -> Self {
        KeywordOptions {
            enabled: false,
            vocabulary: Vocabulary::empty(),
            ..KeywordOptions::default()
        }
    }
}

/// The keywords of a corpus, best first, with the counts behind them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct KeywordRanking {
    /// The keywords kept, by descending score.
    pub keywords: Vec<Keyword>,
    /// Entities with keyword text (the `N` of the score).
    pub entities: usize,
    /// Terms shared by enough entities, before `max_keywords` applied.
    pub candidates: usize,
    /// The languages of the keyword texts.
    pub languages: language::Languages,
}

/// Ranks the keywords of the posts added to `builder` and adds them as nodes and edges; texts
/// are segmented unless `segments` has them.
pub(crate) fn add_keywords(
    builder: &mut GraphBuilder,
    options: &KeywordOptions,
    segments: &mut SegmentCache,
) -> KeywordRanking {
    if !options.enabled {
        return KeywordRanking::default();
    }
    let texts = keyword_texts(builder);
    let (ranking, selection) = rank_texts(&texts, options, segments);
    let entities: Vec<_> = texts.iter().map(|t| t.entity).collect();

    let nodes: Vec<_> = ranking
        .keywords
        .iter()
        .map(|k| {
            builder.add_keyword(
                &k.key,
                &k.label,
                [
                    (Attr::DocFreq, AttrValue::Int(k.entities as i64)),
                    (Attr::Posts, AttrValue::Int(k.posts as i64)),
                    (Attr::Score, AttrValue::Float(k.score)),
                ],
            )
        })
        .collect();
    for &(entity, keyword, weight) in &selection.mentions {
        builder.add_keyword_edge(entities[entity], nodes[keyword], EdgeKind::Mentions, weight);
    }
    for &(a, b, weight) in &selection.cooccurrences {
        builder.add_keyword_edge(nodes[a], nodes[b], EdgeKind::CoOccurs, weight);
    }
    ranking
}

/// Ranks the keywords of the posts added to `builder` without changing it.
pub(crate) fn rank_keywords(
    builder: &GraphBuilder,
    options: &KeywordOptions,
    segments: &mut SegmentCache,
) -> KeywordRanking {
    let texts = keyword_texts(builder);
    rank_texts(&texts, options, segments).0
}

/// The entity texts that are keyword text: boilerplate left out (see `boilerplate`).
fn keyword_texts(builder: &GraphBuilder) -> Vec<EntityText<'_>> {
    let texts = builder.entity_texts();
    let all_posts = texts.iter().filter(|t| t.kind == NodeKind::Post).count();
    texts
        .into_iter()
        .filter(|t| !boilerplate::is_boilerplate(t, all_posts))
        .collect()
}

/// Entity texts segmented side by side before their tokens are interned.
const SEGMENT_CHUNK: usize = 4096;

/// Segments the entities' texts in parallel (each once, unless `segments` has it), then scores
/// and selects on one thread.
fn rank_texts(
    texts: &[EntityText<'_>],
    options: &KeywordOptions,
    segments: &mut SegmentCache,
) -> (KeywordRanking, score::Selection) {
    let languages = language::Languages::detect(texts.iter().map(|t| t.text));
    let english = matches!(languages.spaced, Some(language::Language::English) | None);
    let segmenter = segment::Segmenter::for_language(&options.vocabulary, english);
    let cache = &*segments;
    let segment_chunk = |chunk: &[EntityText<'_>]| -> (Vec<_>, Vec<_>) {
        chunk
            .par_iter()
            .map(|entity| {
                let (mut tokens, segmented) =
                    cache.tokens(entity.text, english, |text| segmenter.tokens(text));
                if !options.discover {
                    tokens.retain(|t| t.listed);
                }
                (tokens, segmented)
            })
            .unzip()
    };
    let mut seen = Vec::with_capacity(texts.len());
    let mut corpus = corpus::Corpus::default();
    // Segmented a chunk at a time and interned at once: the tokens of a whole large blog, as
    // strings, would take several times the memory of the interned corpus. Interning is
    // sequential, so it runs while the next chunk is segmented; chunks are interned in order.
    let mut chunks = texts.chunks(SEGMENT_CHUNK);
    let mut segmented = chunks.next().map(segment_chunk);
    while let Some((tokens, cached)) = segmented.take() {
        let ((), next) = rayon::join(
            || {
                seen.extend(cached);
                corpus.extend(tokens);
            },
            || chunks.next().map(segment_chunk),
        );
        segmented = next;
    }
    segments.remember(seen);
    phrase::merge_phrases(&mut corpus, |key| segmenter.is_stop_word(key));
    let is_post: Vec<bool> = texts.iter().map(|t| t.kind == NodeKind::Post).collect();
    boilerplate::drop_title_boilerplate(&mut corpus, &is_post);
    let posts: Vec<&[usize]> = texts.iter().map(|entity| &entity.posts[..]).collect();
    let selection = score::select(
        &corpus,
        &posts,
        &options.vocabulary,
        &fold::Stems::new(languages.spaced),
        score::Limits {
            min_shared: options.min_shared,
            max_keywords: options.max_keywords,
            cooccurrence: options.cooccurrence,
        },
    );
    let ranking = KeywordRanking {
        keywords: selection.keywords.clone(),
        entities: texts.len(),
        candidates: selection.candidates,
        languages,
    };
    (ranking, selection)
}

/// The code (`en`, `fr`, …, `und`) of the language the keyword layer finds in the space-separated
/// texts among `texts` (in entity order, boilerplate left out), or `None` when no text has letters
/// outside Chinese and Japanese script. `en` or `None` sends texts without Chinese characters down
/// the English path (`keyword_tokens` rows of mode `english`).
pub fn spaced_language<'t>(texts: impl IntoIterator<Item = &'t str>) -> Option<&'static str> {
    language::Languages::detect(texts).spaced.map(|l| l.code())
}

/// The stem key that folds `key`'s inflections in a corpus whose space-separated language has
/// `code` (as [`spaced_language`] gives it; `None`: English), or `None` when `key` is not folded:
/// keys with the same stem key count as one keyword.
pub fn inflection_stem(code: Option<&str>, key: &str) -> Option<String> {
    fold::Stems::new(code.and_then(language::Language::from_code)).key_of(key)
}

/// Cuts one text into tokens the way the keyword stage would under either corpus language: a
/// text is cut the same unless it has no Chinese character, when its cut depends on whether the
/// corpus's space-separated language is English (`Segmenter::for_language`).
pub(crate) struct TextSegmenter<'v> {
    english: segment::Segmenter<'v>,
    other: segment::Segmenter<'v>,
}

/// Which corpus language a text's tokens are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SegmentMode {
    /// Either: the two cuts are the same.
    Any,
    /// The corpus's space-separated language is English (or it has no such text).
    English,
    /// The corpus's space-separated language is another one.
    Other,
}

impl<'v> TextSegmenter<'v> {
    /// Segmenters for `vocabulary`.
    pub(crate) fn new(vocabulary: &'v Vocabulary) -> Self {
        TextSegmenter {
            english: segment::Segmenter::for_language(vocabulary, true),
            other: segment::Segmenter::for_language(vocabulary, false),
        }
    }

    /// The tokens of `text`: one cut for [`SegmentMode::Any`], or one per language when they differ.
    pub(crate) fn cuts(&self, text: &str) -> Vec<(SegmentMode, Vec<Token>)> {
        let english = self.english.tokens(text);
        let other = self.other.tokens(text);
        if english == other {
            vec![(SegmentMode::Any, english)]
        } else {
            vec![(SegmentMode::English, english), (SegmentMode::Other, other)]
        }
    }
}
