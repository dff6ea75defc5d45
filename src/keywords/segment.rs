//! Segmentation and normalisation: entity text → candidate keyword tokens.
//!
//! Text is cleaned first (URLs, `` `code` ``, `$math$` and HTML tags removed; full-width ASCII folded),
//! then listed terms and aliases are found whole with an Aho–Corasick automaton (leftmost-longest,
//! ASCII case-insensitive, ASCII word boundaries respected) and the text between them is cut by jieba
//! without its HMM (the ASCII pieces it separates, as in `GPT | - | 4`, are glued back). Cutting around the listed terms,
//! rather than adding them to jieba's dictionary, guarantees they are never split whatever their context,
//! works for terms with spaces (`knowledge graph`), and lets every run share one immutable dictionary.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind};
use jieba_rs::Jieba;
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::vocabulary::Vocabulary;
use super::word::Word;

/// jieba with its default dictionary, loaded once (~0.1 s in release builds) and shared by all threads.
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// Spans that carry no keyword text: code, math, URLs, bare `host.tld/path` addresses and HTML tags.
static NOISE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"`+[^`]*`+",
        r"|\$\$[^$]*\$\$|\$[^$\n]+\$",
        r"|(?i:(?:https?|ftp)://|www\.)[^\s\p{Han}<>()（）\[\]【】「」《》“”，。；！？、]*",
        r"|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/[^\s\p{Han}]*",
        r"|</?[A-Za-z][^<>]*>",
    ))
    .expect("the noise pattern compiles")
});

/// Last parts of a dotted token that make it a host or file name rather than a term.
const HOST_OR_FILE_ENDINGS: [&str; 16] = [
    "com", "cn", "org", "io", "edu", "gov", "cc", "me", "info", "html", "htm", "php", "pdf", "png",
    "jpg", "md",
];

/// Whether a jieba part-of-speech tag marks a function word: pronoun, preposition, conjunction, particle,
/// adverb, modal particle, interjection, onomatopoeia, classifier, localiser or time word.
fn is_function_tag(tag: &str) -> bool {
    matches!(
        tag,
        "r" | "rr"
            | "rz"
            | "rg"
            | "p"
            | "c"
            | "u"
            | "ud"
            | "ug"
            | "uj"
            | "ul"
            | "uv"
            | "uz"
            | "d"
            | "df"
            | "dg"
            | "y"
            | "e"
            | "o"
            | "q"
            | "f"
            | "t"
    )
}

/// A piece of an ASCII word as jieba cuts it: letters, digits, `-`, `_`, `.`, `+`, `#`.
fn is_ascii_piece(word: &str) -> bool {
    !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'+' | b'#'))
}

/// English function words: never keywords nor parts of one (jieba tags every English word `eng`).
const ENGLISH_FUNCTION_WORDS: [&str; 62] = [
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "with", "by",
    "from", "via", "into", "onto", "over", "under", "about", "as", "is", "are", "was", "were",
    "be", "been", "it", "its", "this", "that", "these", "those", "you", "your", "we", "our",
    "they", "their", "how", "what", "why", "when", "where", "which", "who", "not", "no", "vs",
    "can", "do", "does", "using", "based", "towards", "toward", "through", "than", "all", "part",
];

/// Longest token (in characters) that can be a keyword: longer ones are identifiers or noise.
const MAX_TOKEN_CHARS: usize = 32;

/// Starts loading jieba's dictionary on a background thread, so the load overlaps reading the posts.
pub fn preload() {
    std::thread::spawn(|| {
        // A character outside the dictionary also loads the part-of-speech model (~0.03 s), which
        // segmentation would otherwise load at the first rare character.
        JIEBA.tag("龘", false);
    });
}

/// One mention of a candidate keyword in an entity's text.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

impl Segmenter<'_> {
    /// Whether `key` is a stop word.
    pub(crate) fn is_stop_word(&self, key: &str) -> bool {
        self.stop_words.contains(key)
    }
}

impl<'v> Segmenter<'v> {
    /// A segmenter that keeps the terms of `vocabulary` whole.
    pub(crate) fn new(vocabulary: &'v Vocabulary) -> Self {
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
        }
    }

    /// The candidate keyword tokens of `text`, in order.
    pub(crate) fn tokens(&self, text: &str) -> Vec<Token> {
        let text = clean(text);
        let mut out = Emitter {
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
        let mut token = Token::discovered(Word::from(canonical), None);
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
        // Without HMM: a third of the cost, and the phrase pass rebuilds the frequent words it would
        // have guessed (泽|连|斯基 → 泽连斯基).
        let tags = JIEBA.tag(piece, false);
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

/// Text with noise spans replaced by spaces, full-width ASCII folded and whitespace collapsed.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    // One scan decides which of the three (rarely needed) rewrites apply.
    let (mut full_width, mut noisy, mut spaced) = (false, false, false);
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let next = |n: usize| bytes.get(i + n).copied().unwrap_or(0);
        match b {
            b'`' | b'$' | b'/' | b'<' => noisy = true,
            b'w' => noisy |= bytes[i..].starts_with(b"www."),
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => spaced = true,
            b' ' => spaced |= i == 0 || i + 1 == bytes.len() || next(1) == b' ',
            0xef => full_width |= matches!(next(1), 0xbc | 0xbd),
            0xe3 => full_width |= next(1) == 0x80 && next(2) == 0x80,
            // U+00A0, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F: spaces `split_whitespace` knows.
            0xc2 => spaced |= next(1) == 0xa0,
            0xe2 => {
                spaced |= matches!(
                    (next(1), next(2)),
                    (0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf) | (0x81, 0x9f)
                );
            }
            _ => {}
        }
    }
    let mut text = Cow::Borrowed(text);
    if full_width {
        text = text
            .chars()
            .map(|c| match c {
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                '\u{3000}' => ' ',
                _ => c,
            })
            .collect::<String>()
            .into();
    }
    // Most texts hold no noise at all: skip the regex for them.
    if noisy {
        if let Cow::Owned(stripped) = NOISE_RE.replace_all(&text, " ") {
            text = stripped.into();
            spaced = true;
        }
    }
    if spaced || full_width {
        text = text.split_whitespace().collect::<Vec<_>>().join(" ").into();
    }
    text
}

/// Whether a match of `text[start..end]` does not cut an ASCII word in two.
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let cuts_start = first.is_some_and(word) && before.is_some_and(word);
    let cuts_end = last.is_some_and(word) && after.is_some_and(word);
    !cuts_start && !cuts_end
}

/// A token without leading punctuation and trailing separators; `None` when nothing is left.
fn trimmed(word: &str) -> Option<&str> {
    let word = word
        .trim_start_matches(|c: char| !(is_han(c) || c.is_alphanumeric()))
        .trim_end_matches(|c: char| !(is_han(c) || c.is_alphanumeric() || c == '+' || c == '#'));
    (!word.is_empty()).then_some(word)
}

/// What one pass over a token's characters tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    chars: usize,
    /// Chinese characters.
    han: usize,
    /// Chinese numerals (一, 十, 百, 第…).
    numerals: usize,
    /// Letters other than Chinese characters.
    letters: usize,
    ascii: bool,
    /// Only letters, digits, Chinese characters and `-_+#.'&`.
    allowed: bool,
}

impl Shape {
    fn of(word: &str) -> Shape {
        let mut shape = Shape {
            chars: 0,
            han: 0,
            numerals: 0,
            letters: 0,
            ascii: true,
            allowed: true,
        };
        for c in word.chars() {
            shape.chars += 1;
            if c.is_ascii() {
                if c.is_ascii_alphabetic() {
                    shape.letters += 1;
                } else if !c.is_ascii_digit()
                    && !matches!(c, '-' | '_' | '+' | '#' | '.' | '\'' | '&')
                {
                    shape.allowed = false;
                }
                continue;
            }
            shape.ascii = false;
            if is_han(c) {
                shape.han += 1;
                shape.numerals += usize::from(is_chinese_numeral(c));
            } else if c.is_alphabetic() {
                shape.letters += 1;
            } else if !c.is_numeric() {
                shape.allowed = false;
            }
        }
        shape
    }

    fn script(&self) -> Script {
        if self.han == self.chars {
            Script::Han
        } else if self.ascii {
            Script::Ascii
        } else {
            Script::Whole
        }
    }

    /// Whether a discovered token can be a keyword: a word of two or more characters, not a number, not
    /// a fragment of a URL, host or file name, not a run of Chinese numerals.
    fn is_term_like(&self, word: &str) -> bool {
        if !(2..=MAX_TOKEN_CHARS).contains(&self.chars) || !self.allowed {
            return false;
        }
        if let Some((_, last)) = word.rsplit_once('.') {
            if HOST_OR_FILE_ENDINGS.contains(&last.to_ascii_lowercase().as_str()) {
                return false;
            }
        }
        if self.han > 0 {
            return self.numerals < self.han;
        }
        // ASCII and other scripts: at least two letters (`GAN`, `C++`; not `v4`, `3.5`, `2020`).
        self.letters >= 2 || (self.letters == 1 && word.ends_with(['+', '#']))
    }
}

/// Whether a discovered token can be a keyword (see [`Shape::is_term_like`]).
#[cfg(test)]
fn is_term_like(word: &str) -> bool {
    Shape::of(word).is_term_like(word)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

fn is_chinese_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十百千万亿两第几".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(vocabulary: &Vocabulary, text: &str) -> Vec<String> {
        Segmenter::new(vocabulary)
            .tokens(text)
            .into_iter()
            .filter(|t| !t.partial)
            .map(|t| t.key.to_string())
            .collect()
    }

    #[test]
    fn cleaning_drops_urls_code_math_and_tags() {
        assert_eq!(
            clean(
                "参考https://mp.weixin.qq.com/s/ro0lG3uMUP。见 `x.map(f)` 与 $\\alpha+1$<br/>结论"
            ),
            "参考 。见 与 结论"
        );
        assert_eq!(
            clean("见 zhuanlan.zhihu.com/p/151914931 和 www.example.org"),
            "见 和"
        );
        assert_eq!(clean("ＧＡＮ\u{3000}综述"), "GAN 综述");
        assert_eq!(clean(" a\u{a0}b\u{2003}c\t d\n"), "a b c d");
        assert_eq!(clean("“引号”—破折号…"), "“引号”—破折号…");
    }

    #[test]
    fn numbers_single_characters_and_url_fragments_are_not_terms() {
        for word in [
            "2020",
            "3.5",
            "v4",
            "x",
            "的",
            "zhihu.com",
            "a.pdf",
            "四十四",
            "第三",
            "a/b",
        ] {
            assert!(!is_term_like(word), "{word}");
        }
        for word in [
            "GAN",
            "C++",
            "io_uring",
            "GPT-4",
            "YOLOv4",
            "node.js",
            "贝叶斯",
            "3D打印",
        ] {
            assert!(is_term_like(word), "{word}");
        }
    }

    #[test]
    fn english_is_case_folded_and_keeps_acronyms() {
        let v = Vocabulary::builtin();
        let tokens = Segmenter::new(&v).tokens("BERT and the GAN: Using Transformers");
        let pairs: Vec<_> = tokens
            .iter()
            .map(|t| (&*t.key, t.surface.as_deref().unwrap_or(&*t.key)))
            .collect();
        assert_eq!(
            pairs,
            [
                ("bert", "BERT"),
                ("gan", "GAN"),
                ("transformers", "Transformers")
            ]
        );
    }

    #[test]
    fn stop_words_numbers_and_urls_are_dropped() {
        let v = Vocabulary::builtin();
        let got = keys(
            &v,
            "这是一个关于的介绍 https://zhuanlan.zhihu.com/p/1 2020 the and 强化学习",
        );
        assert_eq!(got, ["强化学习"]);
    }

    #[test]
    fn listed_terms_are_never_split() {
        let mut v = Vocabulary::empty();
        // jieba alone cuts these: 多|模态, 目标|检测, 图|神经网络.
        v.add_terms("多模态\n目标检测\n图神经网络\nknowledge graph\n", "t")
            .unwrap();
        let got = keys(
            &v,
            "多模态大模型，非目标检测；异构图神经网络与Knowledge  Graph",
        );
        for term in ["多模态", "目标检测", "图神经网络", "knowledge graph"] {
            assert!(got.iter().any(|k| k == term), "{term} missing from {got:?}");
        }
        assert!(
            !got.iter()
                .any(|k| k == "模态" || k == "检测" || k == "神经网络"),
            "{got:?}"
        );
    }

    #[test]
    fn listed_ascii_terms_respect_word_boundaries() {
        let mut v = Vocabulary::empty();
        v.add_terms("GAN\n", "t").unwrap();
        let tokens = Segmenter::new(&v).tokens("FAGAN是一种gan，不是organ");
        let listed: Vec<_> = tokens.iter().filter(|t| t.listed).collect();
        assert_eq!(listed.len(), 1);
    }

    #[test]
    fn aliases_count_as_their_canonical_term() {
        let v = Vocabulary::builtin();
        let got = keys(
            &v,
            "Bayesian Deep Learning与Multi-Modal、multimodal和Fine-grained分类",
        );
        assert!(got.contains(&"贝叶斯".to_string()), "{got:?}");
        assert_eq!(got.iter().filter(|k| *k == "多模态").count(), 2, "{got:?}");
        assert!(got.contains(&"细粒度".to_string()), "{got:?}");
    }
}
