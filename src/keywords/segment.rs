//! Segmentation and normalisation: entity text → candidate keyword tokens.
//!
//! Text is cleaned first (URLs, `` `code` ``, `$math$` and HTML tags removed; full-width ASCII folded),
//! then listed terms and aliases are found whole with an Aho–Corasick automaton (leftmost-longest,
//! ASCII case-insensitive, ASCII word boundaries respected) and the text between them is cut by jieba
//! without its HMM (the ASCII pieces it separates, as in `GPT | - | 4`, are glued back). Cutting around the listed terms,
//! rather than adding them to jieba's dictionary, guarantees they are never split whatever their context,
//! works for terms with spaces (`knowledge graph`), and lets every run share one immutable dictionary.

mod rules;

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind};
use jieba_rs::Jieba;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::vocabulary::Vocabulary;
use super::word::Word;
use rules::{is_ascii_piece, is_function_tag, on_word_boundaries, trimmed, Shape};

pub(crate) use rules::{clean, ENGLISH_FUNCTION_WORDS};

/// jieba with its default dictionary (~0.1 s and ~70 MB to load in release builds), shared by all
/// threads until [`release`]; the next use loads it again.
static JIEBA: Mutex<Option<Arc<Jieba>>> = Mutex::new(None);

/// The shared jieba, loaded by the first caller while the others wait.
fn jieba() -> Arc<Jieba> {
    let mut slot = JIEBA.lock().unwrap_or_else(PoisonError::into_inner);
    let loaded = slot.get_or_insert_with(|| {
        let jieba = Jieba::new();
        // A character outside the dictionary also loads the part-of-speech model (~0.03 s), which
        // segmentation would otherwise load at the first rare character.
        jieba.tag("龘", false);
        Arc::new(jieba)
    });
    Arc::clone(loaded)
}

/// Starts loading jieba's dictionary on a background thread, so the load overlaps reading the posts.
pub(crate) fn preload() {
    std::thread::spawn(jieba);
}

/// Lets jieba's dictionary go once the segmenters using it are dropped: a one-off build needs it
/// only while its texts are segmented, and its memory is a quarter of a large build's peak.
pub(crate) fn release() {
    // Its hundreds of thousands of allocations take a while to free: not on the build's path.
    if let Some(jieba) = JIEBA.lock().unwrap_or_else(PoisonError::into_inner).take() {
        std::thread::spawn(move || drop(jieba));
    }
}

/// One mention of a candidate keyword in an entity's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Token {
    /// Canonical key: lower-cased, aliases resolved.
    pub key: Word,
    /// The text as it appeared (full-width letters folded), when it differs from the key and matters for
    /// the label (listed terms take their label from the lists).
    pub surface: Option<Word>,
    /// Whether a term list names the key (an alias of a listed term counts).
    pub listed: bool,
    /// Whether it directly follows the previous token: no gap between Chinese words, one space between
    /// English ones. Only such neighbours can form a phrase.
    pub joined: bool,
    /// A single Chinese character or a stop word: never a keyword on its own, only as part of a phrase.
    pub partial: bool,
}

impl Token {
    /// A discovered token, not joined to the previous one.
    pub(crate) fn discovered(key: Word, surface: Option<Word>) -> Self {
        Token {
            key,
            surface,
            listed: false,
            joined: false,
            partial: false,
        }
    }
}

/// Cuts entity texts into candidate keyword tokens for one vocabulary.
pub(crate) struct Segmenter<'v> {
    vocabulary: &'v Vocabulary,
    /// Matches every spelling of the term lists and the alias table; pattern `i` counts as `canonical[i]`.
    matcher: Option<AhoCorasick>,
    canonical: Vec<&'v str>,
    /// Those spellings' keys → canonical key (hash lookups: this runs for every token of the corpus).
    whole: FxHashMap<&'v str, &'v str>,
    /// Stop-word keys.
    stop_words: FxHashSet<&'v str>,
    /// jieba, taken at the first text it cuts.
    jieba: OnceLock<Arc<Jieba>>,
    /// Whether texts without Chinese characters take the English path (noun phrases, see `english`).
    english: bool,
}

impl Segmenter<'_> {
    /// Whether `key` is a stop word.
    pub(crate) fn is_stop_word(&self, key: &str) -> bool {
        self.stop_words.contains(key)
    }
}

impl<'v> Segmenter<'v> {
    /// A segmenter that keeps the terms of `vocabulary` whole and cuts every text with jieba.
    #[cfg(test)]
    pub(crate) fn new(vocabulary: &'v Vocabulary) -> Self {
        Self::for_language(vocabulary, false)
    }

    /// A segmenter that keeps the terms of `vocabulary` whole; with `english`, texts without Chinese
    /// characters are read for their noun phrases instead of being cut by jieba.
    pub(crate) fn for_language(vocabulary: &'v Vocabulary, english: bool) -> Self {
        let terms = vocabulary.whole_terms();
        let matcher = (!terms.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(terms.iter().map(|(spelling, _)| *spelling))
                .expect("listed terms fit in an automaton")
        });
        Segmenter {
            vocabulary,
            matcher,
            canonical: terms.iter().map(|&(_, c)| c).collect(),
            whole: vocabulary.whole_keys().collect(),
            stop_words: vocabulary.stop_words().collect(),
            jieba: OnceLock::new(),
            english,
        }
    }

    /// The candidate keyword tokens of `text`, in order.
    pub(crate) fn tokens(&self, text: &str) -> Vec<Token> {
        let text = clean(text);
        let mut out = Emitter {
            english: self.english && !text.chars().any(super::language::is_han),
            text: &text,
            tokens: Vec::with_capacity(text.len() / 4),
            previous: None,
        };
        let mut at = 0;
        if let Some(matcher) = &self.matcher {
            let mut from = 0;
            while from < text.len() {
                let input = Input::new(&*text)
                    .span(from..text.len())
                    .anchored(Anchored::No);
                let Some(m) = matcher.find(input) else { break };
                if on_word_boundaries(&text, m.start(), m.end()) {
                    self.cut(at, m.start(), &mut out);
                    self.push_whole(
                        m.start(),
                        m.end(),
                        self.canonical[m.pattern().as_usize()],
                        &mut out,
                    );
                    at = m.end();
                    from = m.end();
                } else {
                    // `GAN` inside `FAGAN`: look again one character further on.
                    from = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
                }
            }
        }
        self.cut(at, text.len(), &mut out);
        out.tokens
    }

    /// Emits a term of the lists or the alias table: never split, never part of a phrase, a keyword
    /// candidate unless it is a stop word no term list names.
    fn push_whole(&self, from: usize, to: usize, canonical: &str, out: &mut Emitter<'_>) {
        // The spelling as written, so the label can be the one this corpus uses most.
        let written = &out.text[from..to];
        let surface = (written != canonical).then(|| Word::from(written));
        let mut token = Token::discovered(Word::from(canonical), surface);
        token.listed = self.vocabulary.is_listed(canonical);
        token.partial = !token.listed && self.stop_words.contains(canonical);
        out.push_token(from, to, Script::Whole, token);
    }

    /// Cuts `out.text[start..end]` (no listed terms in it) with jieba and keeps what can be a keyword
    /// or part of a phrase.
    fn cut(&self, start: usize, end: usize, out: &mut Emitter<'_>) {
        let piece = &out.text[start..end];
        if piece.trim().is_empty() {
            return;
        }
        if out.english {
            return self.cut_english(start, end, out);
        }
        // Without HMM: a third of the cost, and the phrase pass rebuilds the frequent words it would
        // have guessed (泽|连|斯基 → 泽连斯基).
        let tags = self.jieba.get_or_init(jieba).tag(piece, false);
        let mut i = 0;
        while i < tags.len() {
            let (mut first_byte, mut last_byte, mut tag) =
                (tags[i].byte_start, tags[i].byte_end, tags[i].tag);
            i += 1;
            // jieba cuts ASCII words at `-` and `_` (GPT | - | 4, io | _ | uring): glue touching pieces.
            if is_ascii_piece(&piece[first_byte..last_byte]) {
                while i < tags.len()
                    && tags[i].byte_start == last_byte
                    && is_ascii_piece(tags[i].word)
                {
                    last_byte = tags[i].byte_end;
                    i += 1;
                }
                tag = "eng";
            }
            // Function words (pronouns, particles, adverbs…) are never keywords nor parts of one; skipping
            // them also keeps their neighbours from forming a phrase across them (如何|评价).
            if is_function_tag(tag) {
                continue;
            }
            let raw = &piece[first_byte..last_byte];
            let Some(word) = trimmed(raw) else {
                continue;
            };
            first_byte += word.as_ptr() as usize - raw.as_ptr() as usize;
            let from = start + first_byte;
            let to = from + word.len();
            let shape = Shape::of(word);
            if shape.chars == 1 && !word.ends_with(['+', '#']) {
                // A single character: never a keyword, but a Chinese one may be part of a phrase (大|模型).
                if shape.han == 1 {
                    let mut part = Token::discovered(Word::from(word), None);
                    part.partial = true;
                    out.push_token(from, to, Script::Han, part);
                }
                continue;
            }
            let key = Word::lower(word, shape.ascii);
            if let Some(&canonical) = self.whole.get(&*key) {
                self.push_whole(from, to, canonical, out);
            } else if shape.ascii && ENGLISH_FUNCTION_WORDS.contains(&&*key) {
                continue;
            } else if shape.is_term_like(word) {
                // A stop word is no keyword on its own, but may be part of a phrase (深度|学习).
                let partial = self.stop_words.contains(&*key);
                let surface = (*key != *word).then(|| Word::from(word));
                let mut token = Token::discovered(key, surface);
                token.partial = partial;
                out.push_token(from, to, shape.script(), token);
            }
        }
    }
}

impl Segmenter<'_> {
    /// Keeps the noun phrases of `out.text[start..end]` (no listed terms in it): each is one token,
    /// never joined to another, dropped when it is a stop word.
    fn cut_english(&self, start: usize, end: usize, out: &mut Emitter<'_>) {
        let piece = &out.text[start..end];
        for (from, to) in super::english::noun_phrases(piece) {
            let phrase = &piece[from..to];
            let key = Word::lower(phrase, phrase.is_ascii());
            let (from, to) = (start + from, start + to);
            if let Some(&canonical) = self.whole.get(&*key) {
                self.push_whole(from, to, canonical, out);
            } else if !self.stop_words.contains(&*key)
                && Shape::of(&phrase.replace(' ', "")).is_term_like(phrase)
            {
                let surface = (*key != *phrase).then(|| Word::from(phrase));
                out.push_token(from, to, Script::Whole, Token::discovered(key, surface));
            }
        }
    }
}

/// Writing system of a token, for deciding which neighbours may form a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    /// Only Chinese characters: phrases join without a space (目标 + 检测).
    Han,
    /// Only ASCII: phrases join across one space (deep + learning).
    Ascii,
    /// Anything else, and terms of the lists or the alias table: never part of a phrase.
    Whole,
}

/// Collects the tokens of one text and whether each touches the previous one.
struct Emitter<'t> {
    /// Whether this text takes the English path.
    english: bool,
    text: &'t str,
    tokens: Vec<Token>,
    /// End offset and script of the previous token.
    previous: Option<(usize, Script)>,
}

impl Emitter<'_> {
    fn push_token(&mut self, from: usize, to: usize, script: Script, mut token: Token) {
        token.joined = match self.previous {
            Some((end, before)) if before == script => match script {
                Script::Han => end == from,
                Script::Ascii => &self.text[end..from] == " ",
                Script::Whole => false,
            },
            _ => false,
        };
        self.previous = Some((to, script));
        self.tokens.push(token);
    }
}

#[cfg(test)]
mod tests;
