//! The keyword vocabulary: listed terms, aliases and stop words, from the built-in lists and the user's files.
//!
//! # File formats
//!
//! All three files are UTF-8 text, one entry per line. A `#` at the start of a line, or after a space or tab,
//! starts a comment; blank lines are ignored. Terms are compared case-insensitively (their key is the
//! lower-cased term with inner whitespace collapsed); the spelling written in a list becomes the node label.
//!
//! * **Term list** (`--keywords FILE`, built-in `data/keywords/default.txt`): one term per line, at least two
//!   characters, e.g. `多模态` or `knowledge graph`. Listed terms are matched whole (never split by the
//!   segmenter), bypass the stop list, survive `--listed-only`, and are kept first under `--max-keywords`.
//! * **Alias table** (`--aliases FILE`, built-in `data/keywords/aliases.txt`): `canonical: alias, alias, …`,
//!   e.g. `贝叶斯: Bayesian, Bayes`. Commas may be `,` `，` or `、`; the colon `:` or `：`. Every alias and
//!   the canonical term are matched whole and counted as the canonical term, which is listed only if a
//!   term list names it. A later line wins: an alias given twice belongs to the last canonical, and a
//!   term that becomes canonical stops being an alias.
//! * **Stop list** (`--stop-words FILE`, built-in `data/keywords/stopwords.txt`): one word per line; such
//!   words never become keywords on their own unless a term list names them (they may still be part of
//!   a discovered phrase: 深度 | 学习 → 深度学习).

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Error;

/// The built-in term list.
const DEFAULT_TERMS: &str = include_str!("../../data/keywords/default.txt");
/// The built-in alias table.
const DEFAULT_ALIASES: &str = include_str!("../../data/keywords/aliases.txt");
/// The built-in stop list.
const DEFAULT_STOP_WORDS: &str = include_str!("../../data/keywords/stopwords.txt");

/// Fewest characters a listed term may have.
const MIN_TERM_CHARS: usize = 2;

/// Listed terms, aliases and stop words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Vocabulary {
    /// Listed terms: key → spelling as written.
    terms: BTreeMap<String, String>,
    /// Alias key → (alias as written, canonical key). Always flat: no canonical key is itself an alias.
    aliases: BTreeMap<String, (String, String)>,
    /// Canonical key → canonical term as written.
    canonicals: BTreeMap<String, String>,
    /// Stop-word keys.
    stop_words: BTreeSet<String>,
}

impl Vocabulary {
    /// An empty vocabulary: no listed terms, no aliases, no stop words.
    pub fn empty() -> Self {
        Vocabulary::default()
    }

    /// The built-in term list, alias table and stop list.
    pub fn builtin() -> Self {
        let mut vocabulary = Vocabulary::empty();
        vocabulary.add_builtin_terms();
        vocabulary.add_builtin_aliases();
        vocabulary.add_builtin_stop_words();
        vocabulary
    }

    /// Adds the built-in term list.
    pub fn add_builtin_terms(&mut self) {
        self.add_terms(DEFAULT_TERMS, "<built-in terms>")
            .expect("the built-in term list is valid");
    }

    /// Adds the built-in alias table.
    pub fn add_builtin_aliases(&mut self) {
        self.add_aliases(DEFAULT_ALIASES, "<built-in aliases>")
            .expect("the built-in alias table is valid");
    }

    /// Adds the built-in stop list.
    pub fn add_builtin_stop_words(&mut self) {
        self.add_stop_words(DEFAULT_STOP_WORDS, "<built-in stop words>")
            .expect("the built-in stop list is valid");
    }

    /// Adds the terms of a term list; `origin` names it in errors.
    pub fn add_terms(&mut self, text: &str, origin: &str) -> Result<(), Error> {
        for (line, entry) in entries(text) {
            let term = checked_term(&entry, origin, line)?;
            self.terms.insert(key_of(&term), term);
        }
        Ok(())
    }

    /// Forgets every listed term (aliases and stop words stay).
    pub fn clear_terms(&mut self) {
        self.terms.clear();
    }

    /// Adds the lines of an alias table; `origin` names it in errors.
    pub fn add_aliases(&mut self, text: &str, origin: &str) -> Result<(), Error> {
        for (line, entry) in entries(text) {
            let Some((canonical, aliases)) = entry.split_once([':', '：']) else {
                return Err(list_error(
                    origin,
                    line,
                    "expected `canonical: alias, alias, …`",
                ));
            };
            let canonical = checked_term(canonical, origin, line)?;
            let canonical_key = key_of(&canonical);
            // A canonical term is never an alias: the table stays flat.
            self.aliases.remove(&canonical_key);
            self.canonicals.insert(canonical_key.clone(), canonical);
            let mut any = false;
            for alias in aliases.split([',', '，', '、']) {
                if alias.trim().is_empty() {
                    continue;
                }
                let alias = checked_term(alias, origin, line)?;
                let alias_key = key_of(&alias);
                if alias_key == canonical_key {
                    continue;
                }
                any = true;
                // Whatever pointed at the new alias now points at its canonical term.
                for (_, target) in self.aliases.values_mut() {
                    if *target == alias_key {
                        target.clone_from(&canonical_key);
                    }
                }
                self.canonicals.remove(&alias_key);
                self.aliases
                    .insert(alias_key, (alias, canonical_key.clone()));
            }
            if !any {
                return Err(list_error(origin, line, "no alias after the colon"));
            }
        }
        Ok(())
    }

    /// Adds the words of a stop list; `origin` names it in errors.
    pub fn add_stop_words(&mut self, text: &str, _origin: &str) -> Result<(), Error> {
        for (_, entry) in entries(text) {
            self.stop_words.insert(key_of(&entry));
        }
        Ok(())
    }

    /// Number of listed terms.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// The canonical key of `key`: itself unless it is an alias.
    pub fn canonical<'a>(&'a self, key: &'a str) -> &'a str {
        self.aliases.get(key).map_or(key, |(_, c)| c.as_str())
    }

    /// Whether a term list names `key` (a canonical key).
    pub fn is_listed(&self, key: &str) -> bool {
        self.terms.contains_key(key)
    }

    /// The spelling the lists give `key` (a canonical key), if they name it.
    pub fn label_of(&self, key: &str) -> Option<&str> {
        self.canonicals
            .get(key)
            .or_else(|| self.terms.get(key))
            .map(String::as_str)
    }

    /// How the lists write `key` (any key: a listed term, a canonical term or an alias), if they name it.
    pub(crate) fn written(&self, key: &str) -> Option<&str> {
        self.terms
            .get(key)
            .or_else(|| self.canonicals.get(key))
            .or_else(|| self.aliases.get(key).map(|(alias, _)| alias))
            .map(String::as_str)
    }

    /// Whether `key` is a stop word.
    pub fn is_stop_word(&self, key: &str) -> bool {
        self.stop_words.contains(key)
    }

    /// The key of every term, canonical term and alias, with the canonical key it counts as, sorted.
    pub fn whole_keys(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.whole_entries()
            .into_iter()
            .map(|(key, (_, canonical))| (key, canonical))
    }

    /// Every stop-word key, sorted.
    pub fn stop_words(&self) -> impl Iterator<Item = &str> + '_ {
        self.stop_words.iter().map(String::as_str)
    }

    /// Every entry, as `(role, key, written, canonical)`: listed terms (`term`), canonical terms of the
    /// alias table (`canonical`), aliases (`alias`, with the canonical key) and stop words
    /// (`stop_word`, nothing written), each role sorted by key.
    pub fn entries(
        &self,
    ) -> impl Iterator<Item = (&'static str, &str, Option<&str>, Option<&str>)> {
        let terms = (self.terms.iter()).map(|(k, w)| ("term", k.as_str(), Some(w.as_str()), None));
        let canonicals = (self.canonicals.iter())
            .map(|(k, w)| ("canonical", k.as_str(), Some(w.as_str()), None));
        let aliases = (self.aliases.iter())
            .map(|(k, (w, c))| ("alias", k.as_str(), Some(w.as_str()), Some(c.as_str())));
        let stop_words = (self.stop_words.iter()).map(|k| ("stop_word", k.as_str(), None, None));
        terms.chain(canonicals).chain(aliases).chain(stop_words)
    }

    /// Every spelling to match whole, with the canonical key it counts as, sorted by key.
    pub fn whole_terms(&self) -> Vec<(&str, &str)> {
        self.whole_entries().into_values().collect()
    }

    /// Key → (spelling, canonical key) for every listed term, canonical term and alias.
    fn whole_entries(&self) -> BTreeMap<&str, (&str, &str)> {
        let mut all: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
        for (key, term) in &self.terms {
            all.insert(key, (term, self.canonical(key)));
        }
        for (key, term) in &self.canonicals {
            all.insert(key, (term, key));
        }
        for (key, (alias, canonical)) in &self.aliases {
            all.insert(key, (alias, canonical));
        }
        all
    }
}

// The identity of a term: lower-cased, inner whitespace collapsed to one space.
pub(crate) use crate::text::folded_key as key_of;

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The non-empty entries of a list file, comments removed, with their 1-based line numbers.
fn entries(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_start_matches('\u{feff}');
        // `#` starts a comment at the start of a line or after whitespace, so `C#` stays a term.
        let cut = line
            .match_indices('#')
            .map(|(pos, _)| pos)
            .find(|&pos| pos == 0 || line[..pos].ends_with([' ', '\t']))
            .unwrap_or(line.len());
        let content = collapse_whitespace(&line[..cut]);
        (!content.is_empty()).then_some((i + 1, content))
    })
}

fn checked_term(term: &str, origin: &str, line: usize) -> Result<String, Error> {
    let term = collapse_whitespace(term);
    if term.chars().count() < MIN_TERM_CHARS {
        return Err(list_error(
            origin,
            line,
            &format!("`{term}` is too short: a keyword has at least {MIN_TERM_CHARS} characters"),
        ));
    }
    Ok(term)
}

fn list_error(origin: &str, line: usize, message: &str) -> Error {
    Error::Usage(format!("{origin}:{line}: {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_are_valid_and_name_the_design_terms() {
        let v = Vocabulary::builtin();
        for term in ["细粒度", "多模态", "贝叶斯"] {
            assert!(v.is_listed(term), "{term}");
        }
        assert!(v.is_stop_word("一个") && v.is_stop_word("the") && v.is_stop_word("https"));
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let mut v = Vocabulary::empty();
        v.add_terms(
            "# a comment\n\n  图神经网络  # trailing\nC#\nknowledge   graph\n",
            "t",
        )
        .unwrap();
        let terms: Vec<_> = v.whole_terms().into_iter().map(|(t, _)| t).collect();
        assert_eq!(terms, ["C#", "knowledge graph", "图神经网络"]);
    }

    #[test]
    fn short_terms_are_refused_with_their_line() {
        let err = Vocabulary::empty()
            .add_terms("好词\nx\n", "my.txt")
            .unwrap_err();
        assert!(
            err.to_string().starts_with("my.txt:2: `x` is too short"),
            "{err}"
        );
    }

    #[test]
    fn aliases_map_to_their_canonical_term() {
        let mut v = Vocabulary::empty();
        v.add_aliases(
            "多模态: multimodal, Multi-Modal，multi modal\n贝叶斯：Bayesian、Bayes\n",
            "a",
        )
        .unwrap();
        assert_eq!(v.canonical("multi-modal"), "多模态");
        assert_eq!(v.canonical("multi modal"), "多模态");
        assert_eq!(v.canonical("bayes"), "贝叶斯");
        assert_eq!(v.canonical("多模态"), "多模态");
        assert_eq!(v.canonical("gan"), "gan");
        assert!(!v.is_listed("多模态"), "only term lists list terms");
        assert_eq!(v.label_of("贝叶斯"), Some("贝叶斯"));
    }

    #[test]
    fn later_alias_lines_win_and_the_table_stays_flat() {
        let mut v = Vocabulary::empty();
        v.add_aliases("贝叶斯: Bayesian\n", "a").unwrap();
        // The user prefers the English spelling as the label.
        v.add_aliases("Bayesian: 贝叶斯, Bayes\n", "b").unwrap();
        assert_eq!(v.canonical("贝叶斯"), "bayesian");
        assert_eq!(v.canonical("bayes"), "bayesian");
        assert_eq!(v.canonical("bayesian"), "bayesian");
        assert_eq!(v.label_of("bayesian"), Some("Bayesian"));
        // A chain collapses onto the newest canonical term.
        v.add_aliases("贝叶斯方法: Bayesian\n", "c").unwrap();
        assert_eq!(v.canonical("贝叶斯"), "贝叶斯方法");
    }

    #[test]
    fn malformed_alias_lines_are_refused() {
        let err = Vocabulary::empty()
            .add_aliases("贝叶斯 Bayesian\n", "a.txt")
            .unwrap_err();
        assert!(err.to_string().starts_with("a.txt:1:"), "{err}");
        assert!(Vocabulary::empty().add_aliases("贝叶斯:\n", "a").is_err());
    }

    #[test]
    fn stop_words_are_case_folded() {
        let mut v = Vocabulary::empty();
        v.add_stop_words("The\n介绍\n", "s").unwrap();
        assert!(v.is_stop_word("the") && v.is_stop_word("介绍"));
    }
}
