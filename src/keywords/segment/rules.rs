//! The text rules of segmentation: cleaning noise out of a text, and which cut pieces can be a
//! keyword (function words, token shapes, host and file names).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::Script;
use crate::keywords::language::is_han;

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
pub(super) fn is_function_tag(tag: &str) -> bool {
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
pub(super) fn is_ascii_piece(word: &str) -> bool {
    !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'+' | b'#'))
}

/// English function words: never keywords nor parts of one (jieba tags every English word `eng`).
pub(crate) const ENGLISH_FUNCTION_WORDS: [&str; 62] = [
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "with", "by",
    "from", "via", "into", "onto", "over", "under", "about", "as", "is", "are", "was", "were",
    "be", "been", "it", "its", "this", "that", "these", "those", "you", "your", "we", "our",
    "they", "their", "how", "what", "why", "when", "where", "which", "who", "not", "no", "vs",
    "can", "do", "does", "using", "based", "towards", "toward", "through", "than", "all", "part",
];

/// Longest token (in characters) that can be a keyword: longer ones are identifiers or noise.
const MAX_TOKEN_CHARS: usize = 32;

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
pub(super) fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
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
pub(super) fn trimmed(word: &str) -> Option<&str> {
    let word = word
        .trim_start_matches(|c: char| !(is_han(c) || c.is_alphanumeric()))
        .trim_end_matches(|c: char| !(is_han(c) || c.is_alphanumeric() || c == '+' || c == '#'));
    (!word.is_empty()).then_some(word)
}

/// What one pass over a token's characters tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Shape {
    pub(super) chars: usize,
    /// Chinese characters.
    pub(super) han: usize,
    /// Chinese numerals (一, 十, 百, 第…).
    numerals: usize,
    /// Letters other than Chinese characters.
    letters: usize,
    pub(super) ascii: bool,
    /// Only letters, digits, Chinese characters and `-_+#.'&`.
    allowed: bool,
}

impl Shape {
    pub(super) fn of(word: &str) -> Shape {
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

    pub(super) fn script(&self) -> Script {
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
    pub(super) fn is_term_like(&self, word: &str) -> bool {
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

fn is_chinese_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十百千万亿两第几".contains(c)
}
