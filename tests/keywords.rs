//! The keyword layer end to end: a small corpus written here, the sample posts in `data/`, and the
//! `kgraph keywords` command.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use predicates::prelude::*;

mod common;
use common::{kgraph, write};

use kgraph::extract::ExtractOptions;
use kgraph::keywords::KeywordOptions;
use kgraph::model::{Attr, AttrValue, EdgeKind, KnowledgeGraph, NodeId, NodeKind};

/// Three posts whose captions share 细粒度 (once spelled `Fine-grained`), 多模态 (once `multi-modal`),
/// a term a user lists (图文检索: jieba cuts it as 图文 | 检索, and it is too rare for a discovered phrase)
/// and some stop words.
fn small_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "posts/2021-1-1-vision.md",
        "---\ntitle: 细粒度视觉笔记\n---\n\n# 细粒度分类\n\n\
         https://example.org/a\n\n一文读懂细粒度图像分类\n\n\
         https://example.org/b\n\nFine-grained Visual Categorization: A Survey\n\n\
         https://example.org/c\n\n如何看待多模态大模型的检索能力？\n",
    );
    write(
        dir.path(),
        "posts/2021-2-1-multimodal.md",
        "---\ntitle: 多模态学习\n---\n\n# 图文检索\n\n\
         https://example.org/d\n\nA multi-modal retrieval benchmark\n\n\
         https://example.org/e\n\n基于对比学习的图文检索方法\n\n\
         https://example.org/f\n\n细粒度与多模态：一个介绍\n",
    );
    write(
        dir.path(),
        "posts/2021-3-1-misc.md",
        "---\ntitle: 杂记\n---\n\n# 其他\n\n\
         https://example.org/g\n\n这是一个关于 https://example.org/x 的介绍\n",
    );
    dir
}

fn build(root: &Path, options: &KeywordOptions) -> KnowledgeGraph {
    let (files, _) = kgraph::discover::discover(&[root.to_path_buf()], &[]).unwrap();
    let (graph, posts, _) =
        kgraph::build_graph_with_keywords(&files, &ExtractOptions::default(), options);
    assert!(posts > 0);
    graph
}

fn keyword<'g>(graph: &'g KnowledgeGraph, key: &str) -> Option<(usize, &'g kgraph::model::Node)> {
    let at = graph.position(&NodeId::new(NodeKind::Keyword, key))?;
    Some((at, graph.node(at)))
}

/// Labels of the `kind` nodes with a `mentions` edge to the keyword at `at`.
fn mentioned_by(graph: &KnowledgeGraph, at: usize, kind: NodeKind) -> BTreeSet<String> {
    graph
        .edges()
        .filter(|e| e.target == at && e.edge.kind == EdgeKind::Mentions)
        .map(|e| graph.node(e.source))
        .filter(|n| n.kind() == kind)
        .map(|n| n.label.clone())
        .collect()
}

fn keyword_keys(graph: &KnowledgeGraph) -> BTreeSet<String> {
    graph
        .nodes()
        .filter(|(_, n)| n.kind() == NodeKind::Keyword)
        .map(|(_, n)| n.id.key.clone())
        .collect()
}

#[test]
fn shared_terms_link_posts_topics_and_resources_across_spellings() {
    let dir = small_corpus();
    let graph = build(dir.path(), &KeywordOptions::default());

    let (at, node) = keyword(&graph, "细粒度").expect("细粒度 is a keyword");
    assert_eq!(node.label, "细粒度");
    let resources = mentioned_by(&graph, at, NodeKind::Resource);
    let expected: BTreeSet<String> = [
        "一文读懂细粒度图像分类",
        "Fine-grained Visual Categorization: A Survey",
        "细粒度与多模态：一个介绍",
    ]
    .map(String::from)
    .into();
    assert_eq!(resources, expected);
    assert_eq!(
        mentioned_by(&graph, at, NodeKind::Post),
        BTreeSet::from(["细粒度视觉笔记".to_string()])
    );
    assert_eq!(
        mentioned_by(&graph, at, NodeKind::Topic),
        BTreeSet::from(["细粒度分类".to_string()])
    );
    assert_eq!(node.attr(Attr::DocFreq), Some(&AttrValue::Int(5)));
    assert_eq!(node.attr(Attr::Posts), Some(&AttrValue::Int(2)));
    assert!(matches!(node.attr(Attr::Score), Some(AttrValue::Float(s)) if *s > 0.0));

    let (at, _) = keyword(&graph, "多模态").expect("多模态 is a keyword");
    let resources = mentioned_by(&graph, at, NodeKind::Resource);
    assert!(
        resources.contains("A multi-modal retrieval benchmark"),
        "{resources:?}"
    );
    assert!(
        resources.contains("如何看待多模态大模型的检索能力？"),
        "{resources:?}"
    );
}

#[test]
fn stop_words_urls_numbers_and_unshared_terms_are_not_keywords() {
    let dir = small_corpus();
    let keys = keyword_keys(&build(dir.path(), &KeywordOptions::default()));
    for noise in [
        "一个",
        "介绍",
        "如何看待",
        "这是",
        "https",
        "example",
        "org",
        "a",
        "survey",
    ] {
        assert!(!keys.contains(noise), "{noise} in {keys:?}");
    }
    assert!(keys.iter().all(|k| k.chars().count() >= 2), "{keys:?}");
    assert!(!keys.contains("杂记"), "mentioned by one entity only");
}

#[test]
fn user_terms_are_never_split() {
    let dir = small_corpus();
    let plain = build(dir.path(), &KeywordOptions::default());
    assert!(keyword(&plain, "图文检索").is_none(), "jieba alone cuts it");

    let mut options = KeywordOptions::default();
    options
        .vocabulary
        .add_terms("图文检索\n", "terms.txt")
        .unwrap();
    let graph = build(dir.path(), &options);
    let (at, _) = keyword(&graph, "图文检索").expect("the listed term is a keyword");
    assert_eq!(
        mentioned_by(&graph, at, NodeKind::Resource),
        BTreeSet::from(["基于对比学习的图文检索方法".to_string()])
    );
    assert_eq!(
        mentioned_by(&graph, at, NodeKind::Topic),
        BTreeSet::from(["图文检索".to_string()])
    );
    let keys = keyword_keys(&graph);
    assert!(!keys.contains("图文") && !keys.contains("检索"), "{keys:?}");
}

#[test]
fn cooccurrence_edges_are_optional() {
    let dir = small_corpus();
    let count = |graph: &KnowledgeGraph| {
        graph
            .edges()
            .filter(|e| e.edge.kind == EdgeKind::CoOccurs)
            .count()
    };
    assert_eq!(count(&build(dir.path(), &KeywordOptions::default())), 0);
    let options = KeywordOptions {
        cooccurrence: true,
        min_shared: 1,
        ..KeywordOptions::default()
    };
    let graph = build(dir.path(), &options);
    assert!(count(&graph) > 0);
    for e in graph.edges().filter(|e| e.edge.kind == EdgeKind::CoOccurs) {
        assert!(graph.node(e.source).id < graph.node(e.target).id);
    }
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The design's three terms on the sample posts: each is a keyword linked to every resource whose
/// caption contains it in any spelling of the built-in alias table, and to nothing else.
#[test]
fn data_has_the_three_design_keywords_and_their_resources() {
    let graph = build(&data_dir(), &KeywordOptions::default());
    let spellings: [(&str, &[&str]); 3] = [
        ("细粒度", &["细粒度", "fine-grained", "fine grained"]),
        (
            "多模态",
            &["多模态", "multimodal", "multi-modal", "multi modal"],
        ),
        ("贝叶斯", &["贝叶斯", "bayesian", "bayes"]),
    ];
    for (term, variants) in spellings {
        let (at, node) = keyword(&graph, term).unwrap_or_else(|| panic!("{term} is a keyword"));
        assert_eq!(node.label, term);
        let linked = mentioned_by(&graph, at, NodeKind::Resource);
        let containing: BTreeSet<String> = graph
            .nodes()
            .filter(|(_, n)| n.kind() == NodeKind::Resource)
            .map(|(_, n)| n.label.clone())
            .filter(|label| {
                let label = label.to_lowercase();
                variants.iter().any(|v| label.contains(v))
            })
            .collect();
        assert!(containing.len() >= 5, "{term}: {containing:?}");
        assert_eq!(linked, containing, "{term}");
        // English spellings count through the alias table.
        assert!(linked.iter().any(|l| l.is_ascii()), "{term}: {linked:?}");
    }
}

#[test]
fn keywords_command_prints_a_table_and_json() {
    kgraph()
        .args(["keywords"])
        .arg(data_dir())
        .assert()
        .success()
        .stdout(predicate::str::starts_with("rank  doc_freq  posts"))
        .stdout(predicate::str::contains("list    细粒度"))
        .stderr(predicate::str::contains("keywords (of"));

    let out = kgraph()
        .args(["keywords", "--json", "-q"])
        .arg(data_dir())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["schema_version"], 1);
    let ids: Vec<&str> = doc["keywords"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .collect();
    for id in ["keyword:细粒度", "keyword:多模态", "keyword:贝叶斯"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
}

#[test]
fn keywords_command_reads_user_lists_and_reports_their_errors() {
    let dir = small_corpus();
    write(dir.path(), "terms.txt", "# mine\n图文检索\n");
    write(dir.path(), "stop.txt", "细粒度\n");
    write(
        dir.path(),
        "bad-aliases.txt",
        "图文检索 image-text retrieval\n",
    );
    kgraph()
        .current_dir(dir.path())
        .args([
            "keywords",
            "posts",
            "--keywords",
            "terms.txt",
            "--max-keywords",
            "3",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("list    图文检索"))
        .stdout(predicate::str::contains("\n   4 ").not());
    // A user stop word drops a built-in term once the built-in list is replaced.
    kgraph()
        .current_dir(dir.path())
        .args(["keywords", "posts", "--stop-words", "stop.txt"])
        .args([
            "--keywords",
            "terms.txt",
            "--keywords-replace",
            "--listed-only",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("细粒度").not())
        .stdout(predicate::str::contains("图文检索"));
    kgraph()
        .current_dir(dir.path())
        .args(["keywords", "posts", "--aliases", "bad-aliases.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad-aliases.txt:1:"));
    kgraph()
        .current_dir(dir.path())
        .args(["keywords", "posts", "--keywords", "missing.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read --keywords file missing.txt",
        ));
}

#[test]
fn build_without_keywords_has_no_keyword_nodes() {
    let dir = small_corpus();
    kgraph()
        .current_dir(dir.path())
        .args(["build", "posts", "--no-keywords", "-o", "g.json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("keyword").not());
    kgraph()
        .current_dir(dir.path())
        .args([
            "build",
            "posts",
            "--cooccurrence",
            "--min-shared",
            "1",
            "-o",
            "k.json",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(" keyword)").or(predicate::str::contains(" keyword,")))
        .stderr(predicate::str::contains("co_occurs"));
}

#[test]
fn keyword_ranking_is_the_same_on_every_thread_count() {
    let run = |threads: &str| {
        kgraph()
            .env("RAYON_NUM_THREADS", threads)
            .args(["keywords", "--json", "-q"])
            .arg(data_dir())
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}
