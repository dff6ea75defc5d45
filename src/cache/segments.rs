//! The segmentation cache: the tokens of each keyword text (title, heading, caption), keyed by
//! a hash of the text and the path it takes; a whole cache is valid for one vocabulary.

use rustc_hash::FxHashMap;

use super::fingerprint;
use crate::keywords::Token;

/// A text's key and, when it was segmented in this run, its tokens; `None` without a cache.
pub(crate) type Segmented = Option<(u128, Option<Vec<Token>>)>;

/// The stored tokens, and the texts of this run.
#[derive(Debug, Default)]
pub(crate) struct SegmentCache {
    enabled: bool,
    stored: FxHashMap<u128, Vec<Token>>,
    seen: Vec<Segmented>,
    reused: usize,
    segmented: usize,
}

impl SegmentCache {
    /// No cache: every text is segmented.
    pub(crate) fn off() -> Self {
        SegmentCache::default()
    }

    pub(super) fn new(stored: Vec<(u128, Vec<Token>)>) -> Self {
        SegmentCache {
            enabled: true,
            stored: stored.into_iter().collect(),
            ..SegmentCache::default()
        }
    }

    /// Whether no text is stored: every text will be segmented.
    pub(crate) fn is_cold(&self) -> bool {
        self.stored.is_empty()
    }

    /// The tokens of `text`: stored ones, or `segment`'s (safe to call from many threads).
    pub(crate) fn tokens(
        &self,
        text: &str,
        english: bool,
        segment: impl FnOnce(&str) -> Vec<Token>,
    ) -> (Vec<Token>, Segmented) {
        if !self.enabled {
            return (segment(text), None);
        }
        let key = fingerprint::of_text(text, english);
        if let Some(tokens) = self.stored.get(&key) {
            return (tokens.clone(), Some((key, None)));
        }
        let tokens = segment(text);
        (tokens.clone(), Some((key, Some(tokens))))
    }

    /// Notes the texts of a run, from [`SegmentCache::tokens`], to store them afterwards.
    pub(crate) fn remember(&mut self, segmented: impl IntoIterator<Item = Segmented>) {
        for text in segmented {
            match &text {
                Some((_, None)) => self.reused += 1,
                Some((_, Some(_))) => self.segmented += 1,
                None => {}
            }
            self.seen.push(text);
        }
    }

    /// (texts reused, texts segmented) in this run.
    pub(super) fn counts(&self) -> (usize, usize) {
        (self.reused, self.segmented)
    }

    /// The tokens of every text of this run, by key (what was not seen is dropped), or `None`
    /// when they are the ones stored.
    pub(super) fn into_changed_entries(mut self) -> Option<Vec<(u128, Vec<Token>)>> {
        let stored = self.stored.len();
        let mut entries: Vec<_> = std::mem::take(&mut self.seen)
            .into_iter()
            .flatten()
            .filter_map(|(key, fresh)| fresh.or_else(|| self.stored.remove(&key)).map(|t| (key, t)))
            .collect();
        entries.sort_unstable_by_key(|&(key, _)| key);
        entries.dedup_by_key(|&mut (key, _)| key);
        (self.segmented > 0 || entries.len() != stored).then_some(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keywords::Token;

    fn token(key: &str) -> Token {
        Token::discovered(key.into(), None)
    }

    #[test]
    fn stored_texts_are_not_segmented_and_unseen_ones_are_dropped() {
        let stored = vec![
            (fingerprint::of_text("细粒度", false), vec![token("细粒度")]),
            (fingerprint::of_text("gone", false), vec![token("gone")]),
        ];
        let mut cache = SegmentCache::new(stored);
        let (tokens, a) = cache.tokens("细粒度", false, |_| unreachable!());
        assert_eq!(tokens, [token("细粒度")]);
        let (tokens, b) = cache.tokens("多模态", false, |t| vec![token(t)]);
        assert_eq!(tokens, [token("多模态")]);
        let (_, c) = cache.tokens("多模态", false, |t| vec![token(t)]);
        cache.remember([a, b, c]);
        assert_eq!(cache.counts(), (1, 2));
        let kept: Vec<_> = cache.into_changed_entries().unwrap();
        let kept: Vec<_> = kept.into_iter().map(|(_, t)| t).collect();
        assert_eq!(kept.len(), 2);
        assert!(kept.contains(&vec![token("多模态")]));
        assert!(!kept.contains(&vec![token("gone")]));
    }

    #[test]
    fn without_a_cache_every_text_is_segmented() {
        let mut cache = SegmentCache::off();
        let (tokens, seen) = cache.tokens("x", true, |t| vec![token(t)]);
        assert_eq!((tokens, seen.clone()), (vec![token("x")], None));
        cache.remember([seen]);
        assert_eq!(cache.counts(), (0, 0));
        assert_eq!(cache.into_changed_entries(), None);
    }

    #[test]
    fn the_same_texts_again_are_no_change() {
        let stored = vec![(fingerprint::of_text("a", true), vec![token("a")])];
        let mut cache = SegmentCache::new(stored);
        let (_, seen) = cache.tokens("a", true, |_| unreachable!());
        cache.remember([seen.clone(), seen]);
        assert_eq!(cache.into_changed_entries(), None);
    }
}
