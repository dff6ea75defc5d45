//! Inflection folding: keys that differ only by inflection (`tag` / `tags`, `access` / `accessing`,
//! `render hook` / `render hooks`) count as one keyword.
//!
//! Each word of a space-separated key is reduced to its Snowball stem in the corpus's language
//! (`rust-stemmers`); keys with the same stems form a group, and the group counts as its listed key if
//! it has one, else as its most mentioned key (ties: the smallest), so the node id stays a word of the
//! corpus. Keys in a script without inflection (Chinese) are never folded. The label is chosen later
//! from the surfaces of the whole group (`score::label_of`).

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use super::corpus::{Corpus, Id};
use super::language::Language;
use super::vocabulary::Vocabulary;

/// The stemmer of a corpus's space-separated language, if Snowball has one.
pub(crate) struct Stems(Option<Stemmer>);

impl Stems {
    /// The stemmer for `language` (English when the corpus has no space-separated text).
    pub(crate) fn new(language: Option<Language>) -> Self {
        Stems(algorithm(language.unwrap_or(Language::English)).map(Stemmer::create))
    }

    /// The stem key of `key`: each word stemmed, joined by one space; `None` for keys not to fold.
    pub(crate) fn key_of(&self, key: &str) -> Option<String> {
        let stemmer = self.0.as_ref()?;
        if !key
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
            || has_han(key)
        {
            return None;
        }
        let stems: Vec<_> = key.split(' ').map(|w| stemmer.stem(w)).collect();
        Some(stems.join(" "))
    }
}

fn has_han(s: &str) -> bool {
    s.chars().any(super::language::is_han)
}

fn algorithm(language: Language) -> Option<Algorithm> {
    Some(match language {
        Language::English => Algorithm::English,
        Language::French => Algorithm::French,
        Language::German => Algorithm::German,
        Language::Spanish => Algorithm::Spanish,
        Language::Portuguese => Algorithm::Portuguese,
        Language::Italian => Algorithm::Italian,
        Language::Dutch => Algorithm::Dutch,
        Language::Russian => Algorithm::Russian,
        Language::Chinese | Language::Japanese | Language::Other => return None,
    })
}

/// Id → the id it counts as.
pub(crate) fn inflection_folds(corpus: &Corpus, vocabulary: &Vocabulary, stems: &Stems) -> Vec<Id> {
    let mut mentions = vec![0usize; corpus.len()];
    for token in corpus.entities.iter().flatten() {
        mentions[token.key as usize] += 1;
    }
    // Stem key → (listed?, mentions, key) of the best key seen so far.
    let mut best: FxHashMap<String, (bool, usize, Id)> = FxHashMap::default();
    let mut stem_of: Vec<Option<String>> = vec![None; corpus.len()];
    for id in 0..corpus.len() as Id {
        if mentions[id as usize] == 0 {
            continue;
        }
        let key = corpus.str(id);
        let Some(stem) = stems.key_of(key) else {
            continue;
        };
        let candidate = (vocabulary.is_listed(key), mentions[id as usize], id);
        best.entry(stem.clone())
            .and_modify(|b| {
                let better = (candidate.0, candidate.1)
                    .cmp(&(b.0, b.1))
                    .then_with(|| corpus.str(b.2).cmp(corpus.str(candidate.2)));
                if better.is_gt() {
                    *b = candidate;
                }
            })
            .or_insert(candidate);
        stem_of[id as usize] = Some(stem);
    }
    (0..corpus.len() as Id)
        .map(|id| match &stem_of[id as usize] {
            // A listed key keeps its own node: the lists name it on purpose.
            Some(_) if vocabulary.is_listed(corpus.str(id)) => id,
            Some(stem) => best[stem].2,
            None => id,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keywords::segment::Token;

    fn folded(keys: &[&str], vocabulary: &Vocabulary) -> Vec<String> {
        let entities = keys
            .iter()
            .map(|k| vec![Token::discovered((*k).into(), None)])
            .collect();
        let corpus = Corpus::new(entities);
        let folds = inflection_folds(&corpus, vocabulary, &Stems::new(None));
        corpus
            .entities
            .iter()
            .map(|t| corpus.str(folds[t[0].key as usize]).to_string())
            .collect()
    }

    #[test]
    fn inflections_fold_onto_the_most_mentioned_key() {
        let v = Vocabulary::empty();
        let got = folded(
            &["tags", "tag", "tags", "access", "accessing", "render hooks"],
            &v,
        );
        assert_eq!(
            got,
            ["tags", "tags", "tags", "access", "access", "render hooks"]
        );
    }

    #[test]
    fn chinese_keys_and_listed_keys_are_not_folded() {
        let mut v = Vocabulary::empty();
        v.add_terms("GANs\n", "t").unwrap();
        let got = folded(&["模型", "模型", "gan", "gan", "gans"], &v);
        assert_eq!(got, ["模型", "模型", "gans", "gans", "gans"]);
    }
}
