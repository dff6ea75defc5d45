//! Topics that are topics: structural headings found in the corpus (a section template), the
//! generic list with plurals folded, markup kept out of topics and labels, and citations that
//! keep their post (`tests/fixtures/section-template/`).

use kgraph::{EdgeKind, InputConfig, KeywordOptions, KnowledgeGraph, NodeKind};

use crate::common::{assert_expected, fixture};

fn load(configure: impl FnOnce(&mut InputConfig)) -> kgraph::Corpus {
    let mut config = InputConfig::new([fixture("section-template").join("input")]);
    config.keywords = KeywordOptions::disabled();
    configure(&mut config);
    kgraph::load_corpus(&config, &kgraph::Silent).unwrap()
}

/// Topics as `id | label | posts`, then `cites` and `subtopic` edges, then resource labels.
fn topics_listing(graph: &KnowledgeGraph) -> String {
    let mut lines: Vec<String> = graph
        .nodes()
        .filter(|(_, n)| n.kind() == NodeKind::Topic)
        .map(|(_, n)| {
            let posts = n.attr(kgraph::Attr::Posts).map(|v| v.to_string());
            format!("{} | {} | {}", n.id, n.label, posts.unwrap_or_default())
        })
        .collect();
    let mut edges: Vec<String> = graph
        .edges()
        .filter(|e| matches!(e.edge.kind, EdgeKind::Cites | EdgeKind::Subtopic))
        .map(|e| {
            let (source, target) = (&graph.node(e.source).id, &graph.node(e.target).id);
            format!("{} {source} -> {target} ({})", e.edge.kind, e.edge.weight)
        })
        .collect();
    edges.sort();
    let mut labels: Vec<String> = graph
        .nodes()
        .filter(|(_, n)| n.kind() == NodeKind::Resource)
        .map(|(_, n)| format!("{} | {}", n.id, n.label))
        .collect();
    labels.sort();
    lines.extend(edges);
    lines.extend(labels);
    lines.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn section_templates_are_structural_and_citations_keep_their_post() {
    let corpus = load(|_| {});
    let graph = &corpus.graph;
    assert_expected(
        "section-template",
        "topics.txt",
        topics_listing(graph).as_bytes(),
    );
    let input = format!("{}/", fixture("section-template").join("input").display());
    let diagnostics: String = corpus
        .diagnostics
        .iter()
        .map(|d| format!("{}\n", d.to_string().replace('\\', "/").replace(&input, "")))
        .collect();
    assert_expected(
        "section-template",
        "diagnostics.txt",
        diagnostics.as_bytes(),
    );

    let topic = |key: &str| {
        graph
            .nodes()
            .any(|(_, n)| n.id.to_string() == format!("topic:{key}"))
    };
    for structural in ["tools", "articles", "examples", "example"] {
        assert!(!topic(structural), "{structural} is a topic");
    }
    assert!(topic("rust ownership"));
    // Every resource is cited straight from a post.
    let resources = graph
        .nodes()
        .filter(|(_, n)| n.kind() == NodeKind::Resource)
        .count();
    let mut from_posts: Vec<usize> = graph
        .edges()
        .filter(|e| e.edge.kind == EdgeKind::Cites && graph.node(e.source).kind() == NodeKind::Post)
        .map(|e| e.target)
        .collect();
    from_posts.sort_unstable();
    from_posts.dedup();
    assert_eq!(from_posts.len(), resources);
    for (_, node) in graph.nodes() {
        assert!(!node.label.contains("{{"), "{}", node.label);
    }
}

#[test]
fn a_zero_structural_share_keeps_every_heading() {
    let corpus = load(|config| config.extract.structural_share = 0);
    let has = |key: &str| {
        corpus
            .graph
            .nodes()
            .any(|(_, n)| n.id.to_string() == format!("topic:{key}"))
    };
    assert!(has("tools") && has("articles"));
    assert!(!has("examples"), "generic headings stay generic");
}
