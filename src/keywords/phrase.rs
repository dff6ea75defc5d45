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

use super::segment::Token;

/// Fewest occurrences of a pair for it to become a phrase.
const MIN_PHRASE_COUNT: u32 = 3;
/// Lowest normalised PMI (−1 to 1) for a pair to become a phrase.
const MIN_NPMI: f64 = 0.5;
/// Merge passes: each can double a phrase's length.
const PASSES: usize = 2;

/// Merges the phrases of the corpus in place, then drops the partial tokens (single characters, stop
/// words) no phrase took. A phrase that is itself a stop word (如何看待) is dropped too.
pub(crate) fn merge_phrases(entities: &mut [Vec<Token>], is_stop_word: impl Fn(&str) -> bool) {
    for _ in 0..PASSES {
        let phrases = find_phrases(entities);
        if phrases.is_empty() {
            break;
        }
        for tokens in entities.iter_mut() {
            apply(tokens, &phrases, &is_stop_word);
        }
    }
    for tokens in entities.iter_mut() {
        tokens.retain(|t| !t.partial);
    }
}

/// First key → second keys: the pairs `(a, b)` that qualify as phrases.
type Phrases = FxHashMap<String, FxHashSet<String>>;

/// The pairs of neighbouring keys that qualify as phrases.
fn find_phrases(entities: &[Vec<Token>]) -> Phrases {
    let mut unigrams: FxHashMap<&str, u32> = FxHashMap::default();
    let mut pairs: FxHashMap<(&str, &str), u32> = FxHashMap::default();
    let mut total = 0u64;
    for tokens in entities {
        for (i, token) in tokens.iter().enumerate() {
            total += 1;
            *unigrams.entry(&token.key).or_default() += 1;
            // Terms of the lists and the alias table never join: nothing is `joined` to them.
            if i > 0 && token.joined {
                *pairs.entry((&tokens[i - 1].key, &token.key)).or_default() += 1;
            }
        }
    }
    let total = total.max(1) as f64;
    let mut phrases = Phrases::default();
    for ((a, b), n) in pairs {
        if n >= MIN_PHRASE_COUNT && npmi(n, unigrams[a], unigrams[b], total) >= MIN_NPMI {
            phrases
                .entry(a.to_string())
                .or_default()
                .insert(b.to_string());
        }
    }
    phrases
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

/// Merges qualifying neighbours left to right.
fn apply(tokens: &mut Vec<Token>, phrases: &Phrases, is_stop_word: &impl Fn(&str) -> bool) {
    let mut merged: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens.drain(..) {
        if let Some(last) = merged.last_mut() {
            let phrase = phrases
                .get(last.key.as_str())
                .is_some_and(|second| second.contains(token.key.as_str()));
            if token.joined && phrase {
                join(last, &token);
                last.partial = is_stop_word(&last.key);
                continue;
            }
        }
        merged.push(token);
    }
    *tokens = merged;
}

/// Makes `a` the phrase `a b`.
fn join(a: &mut Token, b: &Token) {
    let separator = if a.key.is_ascii() && b.key.is_ascii() {
        " "
    } else {
        ""
    };
    let surface = format!("{separator}{}", b.surface());
    if a.surface.is_some() || b.surface.is_some() {
        let mut s = a.surface().to_string();
        s.push_str(&surface);
        a.surface = Some(s);
    }
    a.key.push_str(separator);
    a.key.push_str(&b.key);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(key: &str, joined: bool) -> Token {
        let mut t = Token::discovered(key.into(), None);
        t.joined = joined;
        t.partial = key.chars().count() == 1;
        t
    }

    fn keys(entities: &[Vec<Token>]) -> Vec<Vec<&str>> {
        entities
            .iter()
            .map(|ts| ts.iter().map(|t| t.key.as_str()).collect())
            .collect()
    }

    #[test]
    fn frequent_neighbours_become_phrases() {
        let mut entities = vec![
            vec![tok("目标", false), tok("检测", true), tok("综述", true)],
            vec![tok("目标", false), tok("检测", true)],
            vec![tok("实时", false), tok("目标", true), tok("检测", true)],
            vec![tok("人脸", false), tok("识别", true), tok("综述", false)],
            vec![tok("大", false), tok("模型", true)],
            vec![tok("大", false), tok("模型", true), tok("综述", false)],
            vec![tok("大", false), tok("模型", true), tok("实时", false)],
            vec![tok("综述", false), tok("实时", false)],
        ];
        merge_phrases(&mut entities, |k| k == "综述");
        let got = keys(&entities);
        assert_eq!(got[0], ["目标检测", "综述"]);
        assert_eq!(got[2], ["实时", "目标检测"]);
        assert_eq!(got[4], ["大模型"]);
        // Seen once: stays apart.
        assert_eq!(got[3], ["人脸", "识别", "综述"]);
    }

    #[test]
    fn english_phrases_keep_their_space_and_spelling() {
        let mut entities: Vec<Vec<Token>> = (0..3)
            .map(|_| {
                let mut deep = Token::discovered("deep".into(), Some("Deep".into()));
                deep.joined = false;
                let mut learning = Token::discovered("learning".into(), Some("Learning".into()));
                learning.joined = true;
                vec![deep, learning]
            })
            .collect();
        entities.push(vec![tok("learning", false)]);
        merge_phrases(&mut entities, |k| k == "综述");
        assert_eq!(entities[0][0].key, "deep learning");
        assert_eq!(entities[0][0].surface(), "Deep Learning");
    }

    #[test]
    fn terms_of_the_lists_are_never_absorbed() {
        let mut vocabulary = crate::keywords::Vocabulary::empty();
        vocabulary.add_terms("多模态\n", "t").unwrap();
        let segmenter = crate::keywords::segment::Segmenter::new(&vocabulary);
        let mut entities: Vec<Vec<Token>> =
            (0..4).map(|_| segmenter.tokens("多模态模型")).collect();
        merge_phrases(&mut entities, |_| false);
        assert_eq!(keys(&entities)[0], ["多模态", "模型"]);
    }
}
