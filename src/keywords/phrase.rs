//! Phrase discovery: neighbouring discovered tokens that the corpus keeps using together become one term.
//!
//! jieba's dictionary lacks most technical compounds (目标检测 comes out as 目标 | 检测, 大模型 as 大 | 模型),
//! and English terms arrive word by word. Two neighbours `a b` (touching Chinese words, or English words one
//! space apart) merge into the phrase `ab` (`a b` in English) when the pair occurs at least
//! [`MIN_PHRASE_COUNT`] times and its normalised pointwise mutual information
//!
//! ```text
//! npmi(a, b) = ln(p(ab) / (p(a) p(b))) / −ln p(ab)        (p = count / tokens in the corpus)
//! ```
//!
//! reaches [`MIN_NPMI`]: the pair is far more frequent than its parts would make it by chance. Two passes
//! build phrases of up to four words (深度 | 强化学习). Single Chinese characters (大 | 模型) and stop words
//! (深度 | 学习) may be parts of a phrase but are dropped when no phrase takes them; function words never
//! reach this stage, so 如何 | 评价 cannot join. Terms of the lists and the alias table never take part:
//! they are already whole.

use rustc_hash::{FxHashMap, FxHashSet};

use super::corpus::{Corpus, Id, Tok};

/// Fewest occurrences of a pair for it to become a phrase.
const MIN_PHRASE_COUNT: u32 = 3;
/// Lowest normalised PMI (−1 to 1) for a pair to become a phrase.
const MIN_NPMI: f64 = 0.5;
/// Merge passes: each can double a phrase's length.
const PASSES: usize = 2;

/// Merges the phrases of the corpus in place, then drops the partial tokens (single characters, stop
/// words) no phrase took. A phrase that is itself a stop word (如何看待) is dropped too.
pub(crate) fn merge_phrases(corpus: &mut Corpus, is_stop_word: impl Fn(&str) -> bool) {
    let mut entities = std::mem::take(&mut corpus.entities);
    for _ in 0..PASSES {
        let phrases = find_phrases(&entities, corpus.len());
        if phrases.is_empty() {
            break;
        }
        let mut merger = Merger {
            corpus,
            phrases: &phrases,
            is_stop_word: &is_stop_word,
            keys: FxHashMap::default(),
            surfaces: FxHashMap::default(),
        };
        for tokens in &mut entities {
            merger.apply(tokens);
        }
    }
    for tokens in &mut entities {
        tokens.retain(|t| !t.partial);
    }
    corpus.entities = entities;
}

/// The pairs of neighbouring keys that qualify as phrases.
fn find_phrases(entities: &[Vec<Tok>], ids: usize) -> FxHashSet<(Id, Id)> {
    let mut unigrams = vec![0u32; ids];
    let mut pairs: FxHashMap<(Id, Id), u32> = FxHashMap::default();
    let mut total = 0u64;
    for tokens in entities {
        for (i, token) in tokens.iter().enumerate() {
            total += 1;
            unigrams[token.key as usize] += 1;
            // Terms of the lists and the alias table never join: nothing is `joined` to them.
            if i > 0 && token.joined {
                *pairs.entry((tokens[i - 1].key, token.key)).or_default() += 1;
            }
        }
    }
    let total = total.max(1) as f64;
    pairs
        .into_iter()
        .filter(|&((a, b), n)| {
            let (a, b) = (unigrams[a as usize], unigrams[b as usize]);
            n >= MIN_PHRASE_COUNT && npmi(n, a, b, total) >= MIN_NPMI
        })
        .map(|(pair, _)| pair)
        .collect()
}

fn npmi(pair: u32, a: u32, b: u32, total: f64) -> f64 {
    let p_ab = f64::from(pair) / total;
    let p_a = f64::from(a) / total;
    let p_b = f64::from(b) / total;
    let denominator = -p_ab.ln();
    if denominator <= 0.0 {
        return 1.0;
    }
    (p_ab / (p_a * p_b)).ln() / denominator
}

/// Applies one pass of phrases, building each phrase's strings once.
struct Merger<'c, F> {
    corpus: &'c mut Corpus,
    phrases: &'c FxHashSet<(Id, Id)>,
    is_stop_word: &'c F,
    /// Key pair → (phrase key, whether it is a stop word).
    keys: FxHashMap<(Id, Id), (Id, bool)>,
    /// Surface pair → phrase surface.
    surfaces: FxHashMap<(Id, Id), Id>,
}

impl<F: Fn(&str) -> bool> Merger<'_, F> {
    /// Merges qualifying neighbours of one entity left to right.
    fn apply(&mut self, tokens: &mut Vec<Tok>) {
        if !tokens.iter().any(|t| t.joined) {
            return;
        }
        let mut merged: Vec<Tok> = Vec::with_capacity(tokens.len());
        for token in tokens.drain(..) {
            if let Some(last) = merged.last_mut() {
                if token.joined && self.phrases.contains(&(last.key, token.key)) {
                    let (key, stop) = self.key_of(last.key, token.key);
                    last.surface = self.surface_of(last.surface, token.surface);
                    last.key = key;
                    last.partial = stop;
                    continue;
                }
            }
            merged.push(token);
        }
        *tokens = merged;
    }

    fn key_of(&mut self, a: Id, b: Id) -> (Id, bool) {
        if let Some(&known) = self.keys.get(&(a, b)) {
            return known;
        }
        let joined = join(self.corpus.str(a), self.corpus.str(b));
        let stop = (self.is_stop_word)(&joined);
        let made = (self.corpus.intern(&joined), stop);
        self.keys.insert((a, b), made);
        made
    }

    fn surface_of(&mut self, a: Id, b: Id) -> Id {
        if let Some(&known) = self.surfaces.get(&(a, b)) {
            return known;
        }
        let joined = join(self.corpus.str(a), self.corpus.str(b));
        let made = self.corpus.intern(&joined);
        self.surfaces.insert((a, b), made);
        made
    }
}

/// `ab` for Chinese, `a b` for English.
fn join(a: &str, b: &str) -> String {
    let separator = if a.is_ascii() && b.is_ascii() {
        " "
    } else {
        ""
    };
    format!("{a}{separator}{b}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keywords::segment::Token;

    fn tok(key: &str, joined: bool) -> Token {
        let mut t = Token::discovered(key.into(), None);
        t.joined = joined;
        t.partial = key.chars().count() == 1;
        t
    }

    fn merged(entities: Vec<Vec<Token>>, stop: &str) -> Vec<Vec<(String, String)>> {
        let mut corpus = Corpus::new(entities);
        merge_phrases(&mut corpus, |k| k == stop);
        corpus
            .entities
            .iter()
            .map(|ts| {
                ts.iter()
                    .map(|t| {
                        (
                            corpus.str(t.key).to_string(),
                            corpus.str(t.surface).to_string(),
                        )
                    })
                    .collect()
            })
            .collect()
    }

    fn keys(entities: &[Vec<(String, String)>]) -> Vec<Vec<&str>> {
        entities
            .iter()
            .map(|ts| ts.iter().map(|(k, _)| k.as_str()).collect())
            .collect()
    }

    #[test]
    fn frequent_neighbours_become_phrases() {
        let entities = vec![
            vec![tok("目标", false), tok("检测", true), tok("综述", true)],
            vec![tok("目标", false), tok("检测", true)],
            vec![tok("实时", false), tok("目标", true), tok("检测", true)],
            vec![tok("人脸", false), tok("识别", true), tok("综述", false)],
            vec![tok("大", false), tok("模型", true)],
            vec![tok("大", false), tok("模型", true), tok("综述", false)],
            vec![tok("大", false), tok("模型", true), tok("实时", false)],
            vec![tok("综述", false), tok("实时", false)],
            vec![tok("如何", false), tok("看待", true)],
            vec![tok("如何", false), tok("看待", true)],
            vec![tok("如何", false), tok("看待", true)],
        ];
        let got = merged(entities, "如何看待");
        let got = keys(&got);
        assert_eq!(got[0], ["目标检测", "综述"]);
        assert_eq!(got[2], ["实时", "目标检测"]);
        assert_eq!(got[4], ["大模型"]);
        // Seen once: stays apart.
        assert_eq!(got[3], ["人脸", "识别", "综述"]);
        // A phrase on the stop list is dropped.
        assert!(got[8].is_empty());
    }

    #[test]
    fn english_phrases_keep_their_space_and_spelling() {
        let mut entities: Vec<Vec<Token>> = (0..3)
            .map(|_| {
                let deep = Token::discovered("deep".into(), Some("Deep".into()));
                let mut learning = Token::discovered("learning".into(), Some("Learning".into()));
                learning.joined = true;
                vec![deep, learning]
            })
            .collect();
        entities.push(vec![tok("learning", false)]);
        let got = merged(entities, "");
        assert_eq!(got[0], [("deep learning".into(), "Deep Learning".into())]);
    }

    #[test]
    fn terms_of_the_lists_are_never_absorbed() {
        let mut vocabulary = crate::keywords::Vocabulary::empty();
        vocabulary.add_terms("多模态\n", "t").unwrap();
        let segmenter = crate::keywords::segment::Segmenter::new(&vocabulary);
        let entities = (0..4).map(|_| segmenter.tokens("多模态模型")).collect();
        assert_eq!(keys(&merged(entities, ""))[0], ["多模态", "模型"]);
    }
}
