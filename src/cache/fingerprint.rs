//! Hashes of what a cached result depends on besides its input: the options that change
//! extraction or segmentation, and texts.

use std::hash::Hash;

use xxhash_rust::xxh3::{xxh3_128, Xxh3};

use crate::extract::ExtractOptions;
use crate::keywords::Vocabulary;

/// The options that change what is extracted from a post.
///
/// The builder's options (`structural_share`, `permalink`) are left out: they are applied to the
/// records afterwards, on every run. Destructured so that a new option cannot be forgotten here.
pub(crate) fn of_extract_options(options: &ExtractOptions) -> u128 {
    let ExtractOptions {
        generic_headings,
        structural_share: _,
        site_hosts,
        inline_tags,
        permalink: _,
    } = options;
    let mut hasher = Xxh3::new();
    (generic_headings, site_hosts, inline_tags).hash(&mut hasher);
    hasher.digest128()
}

/// The vocabulary segmentation keeps whole, resolves and filters by: terms, aliases, stop words.
pub(crate) fn of_vocabulary(vocabulary: &Vocabulary) -> u128 {
    let mut hasher = Xxh3::new();
    vocabulary.hash(&mut hasher);
    hasher.digest128()
}

/// A file's content.
pub(crate) fn of_content(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

/// A text to segment, with the path it takes (`english`: the corpus's space-separated language
/// is English, so texts without Chinese characters are read for noun phrases).
pub(crate) fn of_text(text: &str, english: bool) -> u128 {
    let mut hasher = Xxh3::new();
    hasher.update(&[u8::from(english)]);
    hasher.update(text.as_bytes());
    hasher.digest128()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::PermalinkPattern;

    #[test]
    fn only_options_that_change_extraction_count() {
        let base = ExtractOptions::default();
        let same = ExtractOptions {
            structural_share: 50,
            permalink: Some(PermalinkPattern::parse("/:slug/").unwrap()),
            ..ExtractOptions::default()
        };
        assert_eq!(of_extract_options(&base), of_extract_options(&same));
        for other in [
            ExtractOptions {
                generic_headings: vec!["Notes".to_string()],
                ..ExtractOptions::default()
            },
            ExtractOptions {
                site_hosts: vec!["example.org".to_string()],
                ..ExtractOptions::default()
            },
            ExtractOptions {
                inline_tags: false,
                ..ExtractOptions::default()
            },
        ] {
            assert_ne!(of_extract_options(&base), of_extract_options(&other));
        }
    }

    #[test]
    fn every_list_of_the_vocabulary_counts() {
        let base = of_vocabulary(&Vocabulary::empty());
        let mut terms = Vocabulary::empty();
        terms.add_terms("多模态", "t").unwrap();
        let mut aliases = Vocabulary::empty();
        aliases.add_aliases("贝叶斯: Bayes", "a").unwrap();
        let mut stop = Vocabulary::empty();
        stop.add_stop_words("the", "s").unwrap();
        let all = [terms, aliases, stop].map(|v| of_vocabulary(&v));
        assert!(!all.contains(&base));
        assert_ne!(all[0], all[1]);
        assert_ne!(all[1], all[2]);
        assert_eq!(
            of_vocabulary(&Vocabulary::builtin()),
            of_vocabulary(&Vocabulary::builtin())
        );
    }

    #[test]
    fn the_path_a_text_takes_is_part_of_its_key() {
        assert_ne!(
            of_text("Smart pointers", true),
            of_text("Smart pointers", false)
        );
        assert_eq!(of_text("细粒度", false), of_text("细粒度", false));
    }
}
