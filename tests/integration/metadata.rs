//! Metadata of every corpus flavour, end to end: TOML and JSON front matter
//! (`tests/fixtures/front-matter-toml-json/`), opening H1 titles, inline and nested tags and
//! mdBook's `SUMMARY.md` (`tests/fixtures/titles-and-tags/`).
//!
//! Each case's `expected/metadata.txt` lists what `kgraph build` made of its posts — titles,
//! dates, tags, topics, tag edges — and its diagnostics; regenerate it with
//! `KGRAPH_BLESS=1 cargo test --test integration metadata` and review the diff.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::{assert_expected, kgraph_at_root, stderr_of};

/// The graph `kgraph build` makes of the case's input (with `extra` options), and its stderr.
fn build(case: &str, extra: &[&str]) -> (Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("g.json");
    let out = kgraph_at_root()
        .arg("build")
        .arg(format!("tests/fixtures/{case}/input"))
        .args(["--no-keywords", "-q", "-o"])
        .arg(&json)
        .args(extra)
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let graph = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    (graph, stderr)
}

/// What a reader checks: each post's title and front matter, the topics, the tag and
/// category edges, and the diagnostics.
fn summary(graph: &Value, stderr: &str) -> String {
    let text = |v: &Value, key: &str| v[key].as_str().map_or("-".to_string(), str::to_string);
    let mut out =
        String::from("# posts: path | title | date | updated | draft | category | tags\n");
    let nodes = graph["nodes"].as_array().unwrap();
    for post in nodes.iter().filter(|n| n["kind"] == "post") {
        let draft = post["draft"]
            .as_i64()
            .map_or("-".to_string(), |d| d.to_string());
        out += &format!(
            "{} | {} | {} | {} | {} | {} | {}\n",
            text(post, "path"),
            text(post, "label"),
            text(post, "date"),
            text(post, "updated"),
            draft,
            text(post, "category"),
            text(post, "tags"),
        );
    }
    out += "# topics\n";
    let topics: BTreeSet<String> = nodes
        .iter()
        .filter(|n| n["kind"] == "topic")
        .map(|n| text(n, "label"))
        .collect();
    for topic in topics {
        out += &format!("{topic}\n");
    }
    out += "# tags: label (posts)\n";
    for tag in nodes.iter().filter(|n| n["kind"] == "tag") {
        out += &format!("{} ({})\n", text(tag, "label"), tag["posts"]);
    }
    out += "# tag and category edges: kind source -> target (weight)\n";
    let mut edges: Vec<String> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| ["tagged", "subtag", "in_category"].contains(&e["kind"].as_str().unwrap()))
        .map(|e| {
            format!(
                "{} {} -> {} ({})",
                text(e, "kind"),
                text(e, "source"),
                text(e, "target"),
                e["weight"]
            )
        })
        .collect();
    edges.sort();
    for edge in edges {
        out += &format!("{edge}\n");
    }
    out += "# diagnostics\n";
    for line in stderr.lines() {
        out += &format!("{line}\n");
    }
    out
}

fn post<'g>(graph: &'g Value, path: &str) -> &'g Value {
    graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == format!("post:{path}"))
        .unwrap_or_else(|| panic!("no post {path}"))
}

fn edges_of_kind(graph: &Value, kind: &str) -> Vec<(String, String)> {
    let mut edges: Vec<(String, String)> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == kind)
        .map(|e| {
            (
                e["source"].as_str().unwrap().into(),
                e["target"].as_str().unwrap().into(),
            )
        })
        .collect();
    edges.sort();
    edges
}

#[test]
fn toml_and_json_front_matter_match_the_expected_metadata() {
    let (graph, stderr) = build("front-matter-toml-json", &[]);
    assert_expected(
        "front-matter-toml-json",
        "metadata.txt",
        summary(&graph, &stderr).as_bytes(),
    );

    let hugo = post(&graph, "hugo-toml.md");
    assert_eq!(hugo["label"], "A Hugo page in TOML");
    assert_eq!(hugo["date"], "2024-01-02");
    assert_eq!(hugo["updated"], "2024-03-04");
    assert_eq!(hugo["draft"], 1);
    assert_eq!(hugo["tags"], "hugo; toml");
    let zola = post(&graph, "zola-taxonomies.md");
    assert_eq!(zola["tags"], "zola; toml");
    assert_eq!(zola["category"], "sites");
    assert_eq!(zola["date"], "2023-11-30");
    let json = post(&graph, "hugo-json.md");
    assert_eq!(json["label"], "A Hugo page in JSON");
    assert_eq!(json["updated"], "2022-08-01");
    assert_eq!(json.get("draft"), None);
    let epoch = post(&graph, "dendron-epoch.md");
    assert_eq!(
        (&epoch["date"], &epoch["updated"]),
        (&Value::from("2021-03-29"), &Value::from("2021-11-10"))
    );
    assert_eq!(post(&graph, "bare-toml-date.md")["date"], "2021-05-06");

    let warnings: Vec<&str> = stderr.lines().collect();
    let root = "tests/fixtures/front-matter-toml-json/input";
    for (file, line, message) in [
        ("invalid-toml.md", 4, "invalid front matter: "),
        ("invalid-json.md", 3, "invalid front matter: "),
        (
            "odd-lastmod.md",
            3,
            "front matter date `next week` is not YYYY-MM-DD",
        ),
        (
            "unterminated-toml.md",
            1,
            "unterminated front matter: no closing `+++`",
        ),
    ] {
        let prefix = format!("{root}/{file}:{line}: warning: {message}");
        assert!(
            warnings.iter().any(|w| w.starts_with(&prefix)),
            "no `{prefix}` in:\n{stderr}"
        );
    }
    assert_eq!(warnings.len(), 4, "{stderr}");
    // The body of a post with broken front matter is still read.
    assert_eq!(post(&graph, "invalid-toml.md")["label"], "Broken TOML");
    assert_eq!(post(&graph, "invalid-json.md")["label"], "Broken JSON");
    let read = summary(&graph, "");
    assert!(
        read.contains("\nStill read\n") && read.contains("\nAlso read\n"),
        "{read}"
    );
}

#[test]
fn titles_tags_and_books_match_the_expected_metadata() {
    let (graph, stderr) = build("titles-and-tags", &[]);
    assert_expected(
        "titles-and-tags",
        "metadata.txt",
        summary(&graph, &stderr).as_bytes(),
    );

    for (path, title) in [
        ("notes/opening-h1.md", "The note's own title"),
        ("notes/h1-not-first.md", "h1-not-first"),
        ("notes/comment-then-h1.md", "Anchored title"),
        (
            "notes/front-matter-title-wins.md",
            "Title from front matter",
        ),
        ("journal/2024-1-2-jekyll-post.md", "2024-1-2-jekyll-post"),
        ("book/chapter-1.md", "Getting started"),
        ("book/chapter-2.md", "The second chapter"),
        ("book/appendix/glossary.md", "Glossary"),
        ("book-with-toml/src/only.md", "Only chapter"),
        ("notes/SUMMARY.md", "Summary of the week"),
    ] {
        assert_eq!(post(&graph, path)["label"], title, "{path}");
    }
    let paths: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["path"].as_str())
        .collect();
    assert!(!paths.contains(&"book/SUMMARY.md"), "{paths:?}");
    assert!(
        !paths.contains(&"book-with-toml/src/SUMMARY.md"),
        "{paths:?}"
    );

    let inline = post(&graph, "notes/inline-tags.md");
    assert_eq!(
        inline["tags"],
        "written; first-thing; project/active; project/active/urgent; role.bugcatcher; 机器学习; \
         y1984; heading-tag"
    );
    assert_eq!(
        post(&graph, "journal/2024-1-2-jekyll-post.md").get("tags"),
        None
    );
    let pair = |a: &str, b: &str| (format!("tag:{a}"), format!("tag:{b}"));
    assert_eq!(
        edges_of_kind(&graph, "subtag"),
        [
            pair("project", "project/active"),
            pair("project", "project/paused"),
            pair("project/active", "project/active/urgent"),
            pair("role", "role.bugcatcher"),
        ]
    );
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn no_inline_tags_leaves_the_front_matter_tags() {
    let (graph, _) = build("titles-and-tags", &["--no-inline-tags"]);
    let tags: BTreeSet<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "tag")
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    assert_eq!(tags, BTreeSet::from(["nested/in-front-matter", "written"]));
    assert!(edges_of_kind(&graph, "subtag").is_empty());
}
