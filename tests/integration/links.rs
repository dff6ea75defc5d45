//! Links between notes in every flavour of corpus, end to end: wikilinks and embeds (Obsidian,
//! Dendron), relative links (mdBook), page URLs and content paths (Hugo, Zola), `--permalink`.
//!
//! Each fixture `tests/fixtures/<case>/input/` is read by the library; `expected/links.txt`
//! pins every `links_to` and `embeds` edge, the citations of pages outside the input folder and
//! the `missing` notes, `expected/diagnostics.txt` the diagnostics (paths relative to `input/`).
//! Rewrite them with `KGRAPH_BLESS=1 cargo test --test integration links` and review the diff.

use std::path::Path;

use kgraph::{EdgeKind, InputConfig, KeywordOptions, KnowledgeGraph, NodeKind};

use crate::common::{assert_expected, fixture, kgraph_at_root, stderr_of, write};

/// The corpus at `input`, without keywords (they have nothing to do with links).
fn load(input: &Path, configure: impl FnOnce(&mut InputConfig)) -> kgraph::Corpus {
    let mut config = InputConfig::new([input]);
    config.keywords = KeywordOptions::disabled();
    configure(&mut config);
    kgraph::load_corpus(&config, &kgraph::Silent).unwrap()
}

/// Every edge between notes and every citation of a page outside the input folder, as
/// `kind source -> target (weight)`, then each `missing` note as `id | label`, sorted.
fn links_listing(graph: &KnowledgeGraph) -> String {
    let mut edges: Vec<String> = graph
        .edges()
        .filter(|e| {
            let target = &graph.node(e.target).id;
            match e.edge.kind {
                EdgeKind::LinksTo | EdgeKind::Embeds => true,
                EdgeKind::Cites => target.key.starts_with("../"),
                _ => false,
            }
        })
        .map(|e| {
            let (source, target) = (&graph.node(e.source).id, &graph.node(e.target).id);
            format!("{} {source} -> {target} ({})", e.edge.kind, e.edge.weight)
        })
        .collect();
    edges.sort();
    let mut missing: Vec<String> = graph
        .nodes()
        .filter(|(_, n)| n.kind() == NodeKind::Missing)
        .map(|(_, n)| format!("{} | {}", n.id, n.label))
        .collect();
    missing.sort();
    let mut out = String::new();
    for line in edges.iter().chain(&missing) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Checks the fixture `case` against its expected links and diagnostics.
fn check_fixture(case: &str, configure: impl FnOnce(&mut InputConfig)) {
    let input = fixture(case).join("input");
    let corpus = load(&input, configure);
    assert_expected(case, "links.txt", links_listing(&corpus.graph).as_bytes());
    let prefix = format!("{}/", input.display()).replace('\\', "/");
    let diagnostics: String = corpus
        .diagnostics
        .iter()
        .map(|d| format!("{}\n", d.to_string().replace(&prefix, "")))
        .collect();
    assert_expected(case, "diagnostics.txt", diagnostics.as_bytes());
}

#[test]
fn obsidian_vault() {
    check_fixture("obsidian-vault", |_| {});
}

#[test]
fn dendron_wiki() {
    check_fixture("dendron-wiki", |_| {});
}

#[test]
fn mdbook() {
    check_fixture("mdbook", |_| {});
}

#[test]
fn hugo_site() {
    check_fixture("hugo-site", |_| {});
}

#[test]
fn zola_site() {
    check_fixture("zola-site", |_| {});
}

/// A newsletter whose issues link to each other by the site's own URLs.
#[test]
fn permalink_patterns_read_links_to_the_sites_own_urls() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "issue-1.md",
        "# Issue 1\n\nNext week: [issue 2](https://www.example.blog/blog/2024/01/weekly-issue-2.html).\n",
    );
    write(
        dir.path(),
        "issue-2.md",
        "# Issue 2\n\nLast week: [issue 1](https://example.blog/blog/2024/01/weekly-issue-1.html), \
         the [home page](https://example.blog/blog/), and an issue not in the folder: \
         [issue 9](https://example.blog/blog/2024/03/weekly-issue-9.html).\n",
    );
    let json = dir.path().join("g.json");
    let out = kgraph_at_root()
        .arg("build")
        .arg(dir.path())
        .args(["--no-keywords", "--site-url", "example.blog"])
        .args(["--permalink", "/blog/:year/:month/weekly-:slug.html"])
        .arg("-o")
        .arg(&json)
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert!(out.status.success(), "{stderr}");
    let graph: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let mut links: Vec<String> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "links_to")
        .map(|e| format!("{} -> {}", e["source"], e["target"]))
        .collect();
    links.sort();
    assert_eq!(
        links,
        [
            r#""post:issue-1.md" -> "post:issue-2.md""#,
            r#""post:issue-2.md" -> "post:issue-1.md""#
        ]
    );
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(": warning: "))
        .collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(warnings[0].contains("weekly-issue-9.html"), "{stderr}");

    let bad = kgraph_at_root()
        .args(["build", "data", "--permalink", "/:year/:month/"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr_of(&bad).contains("does not name the post"));
}
