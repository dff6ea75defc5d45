//! The English path: the noun phrases and names of a text, found with a part-of-speech tagger.
//!
//! Measured on foam, rustbook and dendron (`docs/KEYWORDS.md` of the shared notes), choosing candidates
//! by part of speech is what removes verbs, gerunds, lone adjectives and fragments from short texts such
//! as headings (1.7 % junk in the top 40 against 20–32 % for single words, RAKE or YAKE); the tagger is
//! `english-pos-tagger` (embedded lexicon and rules, no I/O, loaded once and only for corpora with
//! English text).
//!
//! * Words keep `crates.io`, `C++`, `C#` and `GPT-4` whole; any other punctuation ends a phrase.
//! * Title Case texts have their plain capitalised words lower-cased before tagging (else every word
//!   of a heading is a proper noun), as has the first word of any other text. ALLCAPS, CamelCase,
//!   dotted words and words with digits are names whatever the tagger says.
//! * A phrase is adjectives then nouns, at most [`MAX_WORDS`] words (the last ones: the head noun is
//!   last); function words, generic modifiers and words with an apostrophe are never part of one.

use std::sync::LazyLock;

use english_pos_tagger::Tagger;

use super::segment::ENGLISH_FUNCTION_WORDS;

/// The tagger, loaded on first use (~50 ms).
static TAGGER: LazyLock<Tagger> = LazyLock::new(Tagger::new);

/// Most words in a phrase.
const MAX_WORDS: usize = 3;

/// Modifiers that name no kind of thing: dropped from the edges of a phrase.
const GENERIC_MODIFIERS: [&str; 24] = [
    "new",
    "other",
    "more",
    "most",
    "many",
    "much",
    "own",
    "same",
    "different",
    "various",
    "several",
    "such",
    "certain",
    "few",
    "whole",
    "next",
    "previous",
    "following",
    "additional",
    "possible",
    "available",
    "specific",
    "etc",
    "et",
];

/// A word of the text: its byte range and how the tagger should see it.
struct Word<'t> {
    range: (usize, usize),
    text: &'t str,
    /// A name whatever the tagger says (ALLCAPS, CamelCase, dotted, with digits, `C++`).
    name: bool,
}

/// The byte ranges of the noun phrases of `text`, in order.
pub(crate) fn noun_phrases(text: &str) -> Vec<(usize, usize)> {
    let runs = runs(text);
    let title_case = is_title_case(runs.iter().flatten());
    let mut phrases = Vec::new();
    for (run_index, run) in runs.iter().enumerate() {
        let seen: Vec<String> = run
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let first = run_index == 0 && i == 0;
                if !w.name && is_plain_capitalised(w.text) && (title_case || first) {
                    w.text.to_lowercase()
                } else {
                    w.text.to_string()
                }
            })
            .collect();
        let tags = TAGGER.tag_raw_tokens(&seen);
        let mut current: Vec<(usize, bool)> = Vec::new();
        let mut ends_with_noun = false;
        for (i, word) in run.iter().enumerate() {
            let tag = tags.get(i).and_then(|t| t.pos.as_deref()).unwrap_or("");
            let lower = seen[i].to_lowercase();
            let excluded = ENGLISH_FUNCTION_WORDS.contains(&lower.as_str())
                || GENERIC_MODIFIERS.contains(&lower.as_str());
            let noun = word.name || (!excluded && tag.starts_with("NN"));
            let adjective = !excluded && !word.name && tag == "JJ";
            // A heading's leading -ing word (Creating, Adding) is an action, not part of a name.
            let leading_gerund = run_index == 0 && i == 0 && lower.ends_with("ing");
            if leading_gerund || !(noun || adjective) {
                close(&mut current, run, &mut phrases);
                ends_with_noun = false;
                continue;
            }
            if adjective && ends_with_noun {
                close(&mut current, run, &mut phrases);
            }
            current.push((i, noun));
            ends_with_noun = noun;
        }
        close(&mut current, run, &mut phrases);
    }
    phrases
}

/// Ends the phrase being built (word index, whether a noun): trailing adjectives go, at most the
/// last [`MAX_WORDS`] words stay.
fn close(current: &mut Vec<(usize, bool)>, run: &[Word<'_>], phrases: &mut Vec<(usize, usize)>) {
    let mut words = std::mem::take(current);
    while words.last().is_some_and(|&(_, noun)| !noun) {
        words.pop();
    }
    let Some(&(last, _)) = words.last() else {
        return;
    };
    let (first, _) = words[words.len().saturating_sub(MAX_WORDS)];
    phrases.push((run[first].range.0, run[last].range.1));
}

/// The text cut into runs of words that no punctuation separates.
fn runs(text: &str) -> Vec<Vec<Word<'_>>> {
    let mut runs = vec![Vec::new()];
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            if runs.last().is_some_and(|r| !r.is_empty()) {
                runs.push(Vec::new());
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut apostrophe = false;
        while let Some(&(at, next)) = chars.peek() {
            let inner = matches!(next, '.' | '-' | '_' | '\'' | '’');
            let after = text[at + next.len_utf8()..].chars().next();
            if next.is_alphanumeric() || (inner && after.is_some_and(char::is_alphanumeric)) {
                apostrophe |= matches!(next, '\'' | '’');
            } else if matches!(next, '+' | '#') && after.is_none_or(|a| !a.is_alphanumeric()) {
                // C++, C#, F#
            } else {
                break;
            }
            end = at + next.len_utf8();
            chars.next();
        }
        let word = &text[start..end];
        if apostrophe {
            // don't, Rust's: never part of a phrase.
            runs.push(Vec::new());
            continue;
        }
        runs.last_mut().expect("a run is open").push(Word {
            range: (start, end),
            text: word,
            name: is_name_shaped(word),
        });
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// ALLCAPS (two letters or more), CamelCase, dotted, with digits and letters, or ending in `+`/`#`.
fn is_name_shaped(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let digits = word.chars().any(|c| c.is_ascii_digit());
    let camel = word
        .chars()
        .zip(word.chars().skip(1))
        .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
    (letters >= 2 && upper == letters)
        || camel
        || (word.contains('.') && letters > 0)
        || (digits && letters > 0)
        || (word.ends_with(['+', '#']) && letters > 0)
}

fn is_plain_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase())
}

/// Most of the longer words start with a capital: a heading written in Title Case.
fn is_title_case<'a>(words: impl Iterator<Item = &'a Word<'a>>) -> bool {
    let (mut long, mut capitalised) = (0, 0);
    for word in words.filter(|w| !w.name && w.text.chars().count() >= 4) {
        long += 1;
        capitalised += usize::from(is_plain_capitalised(word.text));
    }
    long >= 2 && capitalised * 5 >= long * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(text: &str) -> Vec<&str> {
        noun_phrases(text)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect()
    }

    #[test]
    fn verbs_gerunds_and_function_words_are_not_keywords() {
        assert_eq!(phrases("Creating Custom Templates"), ["Custom Templates"]);
        assert_eq!(phrases("How to publish your notes"), ["notes"]);
        assert!(!phrases("Learn more about it").contains(&"Learn"));
    }

    #[test]
    fn names_stay_whole() {
        assert_eq!(phrases("Install C++ on crates.io"), ["C++", "crates.io"]);
        assert!(phrases("Using GPT-4 with VSCode").contains(&"VSCode"));
    }

    #[test]
    fn apostrophes_and_punctuation_end_phrases() {
        let got = phrases("The book's index: graph view, backlinks panel");
        assert!(got.contains(&"graph view"), "{got:?}");
        assert!(!got.iter().any(|p| p.contains(':') || p.contains('\'')));
    }
}
