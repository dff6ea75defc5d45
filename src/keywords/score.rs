//! Corpus statistics and ranking: which shared terms become keyword nodes, and their edges.
//!
//! # The score
//!
//! For a term `t` over the `N` entities (post titles, topic headings, resource captions) that have keyword
//! text, with `df(t)` the entities mentioning it and `posts(t)` the distinct posts those entities belong to:
//!
//! ```text
//! score(t) = posts(t) × ln(1 + N / df(t))
//! ```
//!
//! `posts` rewards terms that bridge many posts (the point of the keyword layer); the IDF-like factor,
//! computed over the user's own corpus, discounts terms spread over a large share of all entities. Terms
//! mentioned by fewer than `min_shared` entities are never kept. When more terms qualify than
//! `max_keywords`, listed terms (named by a term list, directly or through an alias) are kept first, then
//! discovered ones, each group by score; ties are broken by key, so the result never depends on thread
//! count or hash order.

use std::collections::BTreeMap;

use super::corpus::{Corpus, Id};
use super::vocabulary::Vocabulary;

/// One keyword kept for the graph, with its corpus statistics.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Keyword {
    /// Canonical key: lower-cased term, aliases resolved; the node id is `keyword:<key>`.
    pub key: String,
    /// Node label: the spelling the lists give, else the most frequent surface form.
    pub label: String,
    /// Whether a term list or the alias table names it (else it was discovered).
    pub listed: bool,
    /// Document frequency: entities (posts, topics, resources) mentioning it.
    pub entities: usize,
    /// Distinct posts those entities belong to.
    pub posts: usize,
    /// Total mentions over all entities.
    pub mentions: usize,
    /// The ranking score, rounded to three decimals.
    pub score: f64,
}

/// The keywords kept and the edges they bring.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Selection {
    /// Kept keywords, best first.
    pub keywords: Vec<Keyword>,
    /// Terms shared by at least `min_shared` entities, before the cap.
    pub candidates: usize,
    /// `(entity, keyword, mentions)`: entity index into the input, keyword index into `keywords`.
    pub mentions: Vec<(usize, usize, u32)>,
    /// `(keyword, keyword, entities)`: pairs mentioned together by at least `min_shared` entities, the
    /// first of each pair having the smaller key.
    pub cooccurrences: Vec<(usize, usize, u32)>,
}

/// Limits on what is kept.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub min_shared: usize,
    pub max_keywords: usize,
    pub cooccurrence: bool,
}

#[derive(Debug, Default, Clone)]
struct Tally {
    entities: usize,
    posts: Vec<usize>,
    mentions: usize,
    /// Surface forms and their counts (a handful per key: a linear search beats a map).
    surfaces: Vec<(Id, usize)>,
    listed: bool,
}

/// Ranks the terms of `corpus` and keeps the best. `posts[i]` are the posts entity `i` belongs to.
pub(crate) fn select(
    corpus: &Corpus,
    posts: &[&[usize]],
    vocabulary: &Vocabulary,
    stemmer: &super::fold::Stems,
    limits: Limits,
) -> Selection {
    let fold = super::fold::inflection_folds(corpus, vocabulary, stemmer);
    let mut tallies = vec![Tally::default(); corpus.len()];
    let mut seen: Vec<Id> = Vec::new();
    for (tokens, posts) in corpus.entities.iter().zip(posts) {
        seen.clear();
        for token in tokens {
            let key = fold[token.key as usize];
            let tally = &mut tallies[key as usize];
            tally.mentions += 1;
            tally.listed |= token.listed;
            match tally.surfaces.iter_mut().find(|(s, _)| *s == token.surface) {
                Some((_, n)) => *n += 1,
                None => tally.surfaces.push((token.surface, 1)),
            }
            seen.push(key);
        }
        seen.sort_unstable();
        seen.dedup();
        for &key in &seen {
            let tally = &mut tallies[key as usize];
            tally.entities += 1;
            tally.posts.extend_from_slice(posts);
        }
    }

    let n = corpus.entities.len().max(1) as f64;
    let min_shared = limits.min_shared.max(1);
    // (id, listed, score): keywords are only built for the terms kept.
    let mut candidates: Vec<(Id, bool, f64)> = tallies
        .iter_mut()
        .enumerate()
        .filter(|(_, t)| t.entities >= min_shared)
        .map(|(id, t)| {
            t.posts.sort_unstable();
            t.posts.dedup();
            let idf = (1.0 + n / t.entities as f64).ln();
            let score = (t.posts.len() as f64 * idf * 1000.0).round() / 1000.0;
            (id as Id, t.listed, score)
        })
        .collect();
    let candidate_count = candidates.len();

    // Listed terms first, then by score; the key breaks ties.
    candidates.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(b.2.total_cmp(&a.2))
            .then_with(|| corpus.str(a.0).cmp(corpus.str(b.0)))
    });
    candidates.truncate(limits.max_keywords);
    candidates.sort_by(|a, b| {
        b.2.total_cmp(&a.2)
            .then_with(|| corpus.str(a.0).cmp(corpus.str(b.0)))
    });
    let candidates: Vec<(Id, Keyword)> = candidates
        .into_iter()
        .map(|(id, listed, score)| {
            let t = &tallies[id as usize];
            let key = corpus.str(id);
            let keyword = Keyword {
                key: key.to_string(),
                label: label_of(key, t, corpus, vocabulary),
                listed,
                entities: t.entities,
                posts: t.posts.len(),
                mentions: t.mentions,
                score,
            };
            (id, keyword)
        })
        .collect();

    // Key id → position among the kept keywords.
    let mut rank = vec![usize::MAX; corpus.len()];
    for (position, (id, _)) in candidates.iter().enumerate() {
        rank[*id as usize] = position;
    }
    let keywords: Vec<Keyword> = candidates.into_iter().map(|(_, k)| k).collect();

    let mut mentions = Vec::new();
    let mut pairs: BTreeMap<(usize, usize), u32> = BTreeMap::new();
    let mut counts: Vec<(usize, u32)> = Vec::new();
    for (entity, tokens) in corpus.entities.iter().enumerate() {
        counts.clear();
        for token in tokens {
            let k = rank[fold[token.key as usize] as usize];
            if k == usize::MAX {
                continue;
            }
            match counts.iter_mut().find(|(c, _)| *c == k) {
                Some((_, w)) => *w += 1,
                None => counts.push((k, 1)),
            }
        }
        counts.sort_unstable();
        if limits.cooccurrence {
            let mut kept: Vec<usize> = counts.iter().map(|&(k, _)| k).collect();
            kept.sort_by(|&a, &b| keywords[a].key.cmp(&keywords[b].key));
            for (i, &a) in kept.iter().enumerate() {
                for &b in &kept[i + 1..] {
                    *pairs.entry((a, b)).or_default() += 1;
                }
            }
        }
        mentions.extend(counts.iter().map(|&(k, w)| (entity, k, w)));
    }
    let cooccurrences = pairs
        .into_iter()
        .filter(|&(_, w)| w as usize >= min_shared)
        .map(|((a, b), w)| (a, b, w))
        .collect();

    Selection {
        keywords,
        candidates: candidate_count,
        mentions,
        cooccurrences,
    }
}

/// The spelling this corpus uses most for the key (aliases and inflections count as spellings of it):
/// surfaces are grouped case-insensitively and the most frequent group wins (ties: the lists' spelling,
/// then the smallest); the group is written as the lists write it, else in its most frequent casing.
/// A label is thus always text of the corpus: never a script the corpus does not use.
fn label_of(key: &str, tally: &Tally, corpus: &Corpus, vocabulary: &Vocabulary) -> String {
    let listed = vocabulary.label_of(key).map(str::to_lowercase);
    // (lower-cased spelling, total count, most frequent casing and its count)
    let mut groups: Vec<(String, usize, &str, usize)> = Vec::new();
    for &(surface, n) in &tally.surfaces {
        let written = corpus.str(surface);
        let lower = written.to_lowercase();
        match groups.iter_mut().find(|g| g.0 == lower) {
            Some(group) => {
                group.1 += n;
                if n > group.3 || (n == group.3 && written < group.2) {
                    (group.2, group.3) = (written, n);
                }
            }
            None => groups.push((lower, n, written, n)),
        }
    }
    let best = groups.iter().max_by(|a, b| {
        a.1.cmp(&b.1)
            .then_with(|| (listed.as_ref() == Some(&a.0)).cmp(&(listed.as_ref() == Some(&b.0))))
            .then_with(|| b.0.cmp(&a.0))
    });
    match best {
        Some((lower, _, casing, _)) => vocabulary
            .written(lower)
            .filter(|w| w.to_lowercase() == *lower)
            .unwrap_or(casing)
            .to_string(),
        None => vocabulary.label_of(key).unwrap_or(key).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keywords::segment::Token;

    fn run(entities: Vec<(Vec<Token>, &[usize])>, v: &Vocabulary, limits: Limits) -> Selection {
        let posts: Vec<&[usize]> = entities.iter().map(|(_, p)| *p).collect();
        let corpus = Corpus::new(entities.into_iter().map(|(t, _)| t).collect());
        select(
            &corpus,
            &posts,
            v,
            &crate::keywords::fold::Stems::new(None),
            limits,
        )
    }

    fn token(key: &str, surface: &str) -> Token {
        Token::discovered(key.into(), (key != surface).then(|| surface.into()))
    }

    const LIMITS: Limits = Limits {
        min_shared: 2,
        max_keywords: 10,
        cooccurrence: true,
    };

    #[test]
    fn terms_of_a_single_entity_are_not_kept() {
        let posts = [0usize];
        let entities = vec![
            (
                vec![
                    token("gan", "GAN"),
                    token("gan", "gan"),
                    token("lonely", "lonely"),
                ],
                &posts[..],
            ),
            (vec![token("gan", "GAN")], &posts[..]),
        ];
        let s = run(entities, &Vocabulary::empty(), LIMITS);
        assert_eq!(s.keywords.len(), 1);
        let k = &s.keywords[0];
        assert_eq!(
            (k.label.as_str(), k.entities, k.posts, k.mentions),
            ("GAN", 2, 1, 3)
        );
        assert_eq!(s.mentions, [(0, 0, 2), (1, 0, 1)]);
    }

    #[test]
    fn score_prefers_terms_that_bridge_posts() {
        let (a, b, c) = ([0usize], [1usize], [2usize]);
        let entities = vec![
            (vec![token("wide", "wide"), token("deep", "deep")], &a[..]),
            (vec![token("wide", "wide"), token("deep", "deep")], &a[..]),
            (vec![token("wide", "wide")], &b[..]),
            (vec![token("wide", "wide")], &c[..]),
            (vec![token("other", "other")], &c[..]),
        ];
        let s = run(entities, &Vocabulary::empty(), LIMITS);
        let keys: Vec<_> = s.keywords.iter().map(|k| k.key.as_str()).collect();
        assert_eq!(keys, ["wide", "deep"]);
        // ln(1 + 5/4) × 3 posts
        assert_eq!(s.keywords[0].score, 2.433);
        assert_eq!(s.cooccurrences, [(1, 0, 2)]);
    }

    #[test]
    fn the_cap_keeps_listed_terms_first() {
        let mut v = Vocabulary::empty();
        v.add_terms("rare\n", "t").unwrap();
        let p = [0usize, 1, 2];
        let mut listed = token("rare", "rare");
        listed.listed = true;
        let entities = vec![
            (vec![token("common", "common"), listed.clone()], &p[..1]),
            (vec![token("common", "common"), listed], &p[..1]),
            (vec![token("common", "common")], &p[1..]),
        ];
        let limits = Limits {
            max_keywords: 1,
            ..LIMITS
        };
        let s = run(entities, &v, limits);
        assert_eq!(s.candidates, 2);
        assert_eq!(s.keywords[0].key, "rare");
    }

    #[test]
    fn plurals_fold_onto_singulars_present_in_the_corpus() {
        let p = [0usize];
        let entities = vec![
            (vec![token("gans", "GANs"), token("bias", "bias")], &p[..]),
            (vec![token("gan", "GAN"), token("bias", "bias")], &p[..]),
            (vec![token("gan", "GAN")], &p[..]),
        ];
        let s = run(entities, &Vocabulary::empty(), LIMITS);
        let mut got: Vec<_> = s
            .keywords
            .iter()
            .map(|k| (k.label.as_str(), k.entities))
            .collect();
        got.sort_unstable();
        assert_eq!(got, [("GAN", 3), ("bias", 2)]);
    }
}
