//! Unit tests of segmentation.

use super::rules::Shape;
use super::*;

/// Whether a discovered token can be a keyword (see [`Shape::is_term_like`]).
fn is_term_like(word: &str) -> bool {
    Shape::of(word).is_term_like(word)
}

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
        clean("参考https://mp.weixin.qq.com/s/ro0lG3uMUP。见 `x.map(f)` 与 $\\alpha+1$<br/>结论"),
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
