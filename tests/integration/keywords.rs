//! The keyword layer end to end: a small corpus written here, the sample posts in `data/`, and the
//! `kgraph keywords` command. Graphs are read through their JSON export, whether the library
//! ([`build_graph_of`]) or the binary (for the keyword options) built them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::to_bytes;
use kgraph::{ExportOptions, Format};
use predicates::prelude::*;
use serde_json::Value;

use crate::common::{build_graph_of, kgraph, manifest_dir, stderr_of, write};

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

/// The graph the library builds from the posts under `root`, as its JSON export.
fn library_build(root: &Path) -> Value {
    let graph = build_graph_of(root);
    let json = to_bytes(&graph, Format::Json, &ExportOptions::default()).unwrap();
    serde_json::from_slice(&json).unwrap()
}

/// `kgraph build posts ARGS -o - --format json` in `dir`: the JSON export and the stderr.
fn cli_build(dir: &Path, args: &[&str]) -> (Value, String) {
    let out = kgraph()
        .current_dir(dir)
        .args(["build", "posts", "-o", "-", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        stderr_of(&out),
    )
}

/// Each node's kind and label, by id.
fn nodes_by_id(doc: &Value) -> BTreeMap<&str, (&str, &str)> {
    doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let field = |name: &str| n[name].as_str().unwrap();
            (field("id"), (field("kind"), field("label")))
        })
        .collect()
}

fn edges_of<'d>(doc: &'d Value, kind: &str) -> impl Iterator<Item = &'d Value> + 'd {
    let kind = kind.to_string();
    doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(move |e| e["kind"] == kind.as_str())
}

fn keyword<'d>(doc: &'d Value, key: &str) -> Option<&'d Value> {
    let id = format!("keyword:{key}");
    doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == id.as_str())
}

/// Labels of the `kind` nodes with a `mentions` edge to the keyword `key`.
fn mentioned_by(doc: &Value, key: &str, kind: &str) -> BTreeSet<String> {
    let nodes = nodes_by_id(doc);
    let target = format!("keyword:{key}");
    edges_of(doc, "mentions")
        .filter(|e| e["target"] == target.as_str())
        .map(|e| nodes[e["source"].as_str().unwrap()])
        .filter(|(k, _)| *k == kind)
        .map(|(_, label)| label.to_string())
        .collect()
}

fn keyword_keys(doc: &Value) -> BTreeSet<String> {
    nodes_by_id(doc)
        .keys()
        .filter_map(|id| id.strip_prefix("keyword:"))
        .map(str::to_string)
        .collect()
}

#[test]
fn shared_terms_link_posts_topics_and_resources_across_spellings() {
    let dir = small_corpus();
    let doc = library_build(dir.path());

    let node = keyword(&doc, "细粒度").expect("细粒度 is a keyword");
    assert_eq!(node["label"], "细粒度");
    let resources = mentioned_by(&doc, "细粒度", "resource");
    let expected: BTreeSet<String> = [
        "一文读懂细粒度图像分类",
        "Fine-grained Visual Categorization: A Survey",
        "细粒度与多模态：一个介绍",
    ]
    .map(String::from)
    .into();
    assert_eq!(resources, expected);
    assert_eq!(
        mentioned_by(&doc, "细粒度", "post"),
        BTreeSet::from(["细粒度视觉笔记".to_string()])
    );
    assert_eq!(
        mentioned_by(&doc, "细粒度", "topic"),
        BTreeSet::from(["细粒度分类".to_string()])
    );
    assert_eq!(node["doc_freq"], 5);
    assert_eq!(node["posts"], 2);
    assert!(node["score"].as_f64().is_some_and(|s| s > 0.0), "{node}");

    let resources = mentioned_by(&doc, "多模态", "resource");
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
    let keys = keyword_keys(&library_build(dir.path()));
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
    let plain = library_build(dir.path());
    assert!(keyword(&plain, "图文检索").is_none(), "jieba alone cuts it");

    write(dir.path(), "terms.txt", "图文检索\n");
    let (doc, _) = cli_build(dir.path(), &["--keywords", "terms.txt"]);
    assert!(
        keyword(&doc, "图文检索").is_some(),
        "the listed term is a keyword"
    );
    assert_eq!(
        mentioned_by(&doc, "图文检索", "resource"),
        BTreeSet::from(["基于对比学习的图文检索方法".to_string()])
    );
    assert_eq!(
        mentioned_by(&doc, "图文检索", "topic"),
        BTreeSet::from(["图文检索".to_string()])
    );
    let keys = keyword_keys(&doc);
    assert!(!keys.contains("图文") && !keys.contains("检索"), "{keys:?}");
}

#[test]
fn cooccurrence_edges_are_optional() {
    let dir = small_corpus();
    let (plain, _) = cli_build(dir.path(), &[]);
    assert_eq!(edges_of(&plain, "co_occurs").count(), 0);
    let (doc, stderr) = cli_build(dir.path(), &["--cooccurrence", "--min-shared", "1"]);
    let edges: Vec<&Value> = edges_of(&doc, "co_occurs").collect();
    assert!(!edges.is_empty());
    for e in edges {
        assert!(e["source"].as_str() < e["target"].as_str(), "{e}");
    }
    assert!(stderr.contains("co_occurs"), "{stderr}");
    assert!(
        stderr.contains(" keyword)") || stderr.contains(" keyword,"),
        "{stderr}"
    );
}

#[test]
fn build_without_keywords_has_no_keyword_nodes() {
    let dir = small_corpus();
    let (doc, stderr) = cli_build(dir.path(), &["--no-keywords"]);
    assert!(keyword_keys(&doc).is_empty());
    assert!(!stderr.contains("keyword"), "{stderr}");
}

fn data_dir() -> PathBuf {
    manifest_dir().join("data")
}

/// The design's three terms on the sample posts: each is a keyword linked to every resource whose
/// caption contains it in any spelling of the built-in alias table, and to nothing else.
#[test]
fn data_has_the_three_design_keywords_and_their_resources() {
    let doc = library_build(&data_dir());
    let spellings: [(&str, &[&str]); 3] = [
        ("细粒度", &["细粒度", "fine-grained", "fine grained"]),
        (
            "多模态",
            &["多模态", "multimodal", "multi-modal", "multi modal"],
        ),
        ("贝叶斯", &["贝叶斯", "bayesian", "bayes"]),
    ];
    for (term, variants) in spellings {
        let node = keyword(&doc, term).unwrap_or_else(|| panic!("{term} is a keyword"));
        assert_eq!(node["label"], term);
        let linked = mentioned_by(&doc, term, "resource");
        let containing: BTreeSet<String> = nodes_by_id(&doc)
            .into_values()
            .filter(|(kind, _)| *kind == "resource")
            .map(|(_, label)| label.to_string())
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
        .stdout(predicate::str::starts_with("languages: zh "))
        .stdout(predicate::str::contains("\nrank  doc_freq  posts"))
        .stdout(predicate::str::contains("list    细粒度"))
        .stderr(predicate::str::contains("keywords (of"))
        .stderr(predicate::str::contains("(zh "));

    let out = kgraph()
        .args(["keywords", "--json", "-q"])
        .arg(data_dir())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["languages"][0]["language"], "zh");
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

/// The English mini-corpus: labels in its own words, inflections folded, verbs and alt text left out.
#[test]
fn an_english_corpus_gets_english_keywords() {
    let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/english-keywords/input");
    let out = kgraph()
        .args(["keywords", "--json", "-q"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["languages"][0]["language"], "en");
    let labels: BTreeSet<&str> = doc["keywords"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["keyword"].as_str().unwrap())
        .collect();
    // The alias group 贝叶斯 is labelled as this corpus writes it.
    assert!(labels.contains("Bayesian"), "{labels:?}");
    assert!(
        !labels.iter().any(|l| l.chars().any(|c| c > '\u{2e80}')),
        "{labels:?}"
    );
    // tag / tags / Tags are one keyword; verbs and the image's alt text are none.
    let tags: Vec<_> = labels
        .iter()
        .filter(|l| l.to_lowercase().starts_with("tag"))
        .collect();
    assert_eq!(tags.len(), 2, "{labels:?}");
    for junk in ["Creating", "Adding", "left", "image"] {
        assert!(!labels.contains(junk), "{junk}: {labels:?}");
    }
    assert!(
        labels.contains("graph view") || labels.contains("Graph view"),
        "{labels:?}"
    );
}

#[test]
fn text_plumbing_tells_the_corpus_language_and_the_stems() {
    let language = |texts: &str| {
        let out = kgraph()
            .args(["text", "language"])
            .write_stdin(texts.to_string())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let english = "深度学习入门\0A gentle introduction to neural networks and their training\0";
    assert_eq!(language(english), "en english\n");
    let french =
        "Les réseaux de neurones et leur apprentissage\0Une introduction à la théorie des graphes";
    assert_eq!(language(french), "fr other\n");
    assert_eq!(language("深度学习\x00123"), "none english\n");

    let out = kgraph()
        .args(["text", "stems", "--language", "en"])
        .write_stdin("networks\nnetwork\n模型\nrender hooks\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "networks\tnetwork\nnetwork\tnetwork\n模型\t\nrender hooks\trender hook\n"
    );
}

#[test]
fn text_plumbing_reads_links_with_a_permalink_pattern() {
    let out = kgraph()
        .args([
            "text",
            "permalink",
            "--pattern",
            "/blog/:year/:month/weekly-:slug.html",
        ])
        .write_stdin("\"/blog/2020/03/weekly-Issue-99.html#x\"\n\"/about/\"\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        concat!(
            r#"{"target":"/blog/2020/03/weekly-Issue-99.html#x","slug_key":"issue-99","year":2020,"month":3,"day":null}"#,
            "\n",
            r#"{"target":"/about/","slug_key":null,"year":null,"month":null,"day":null}"#,
            "\n"
        )
    );
    let bad = kgraph()
        .args(["text", "permalink", "--pattern", "/:year/"])
        .write_stdin("\"/2020/\"\n")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2), "{}", stderr_of(&bad));
    assert!(stderr_of(&bad).contains("does not name the post"));
}
