//! The hand-built hostile graph the format tests share, and its exports.
//!
//! It has every node kind and labels built to break escapers: quotes, backslashes (one
//! trailing), `< > & '`, entity look-alikes, newline, CR, CRLF, tab, outer spaces, emoji, CJK,
//! an RTL mark, U+0007, U+FFFE, a URL id with `?a=b&c=d#x`, parallel relations between one pair,
//! a self-loop and an isolated node. Like `kgraph build`'s graphs it carries its metrics, and
//! layout positions set by hand (extreme, fractional and zero coordinates).
//!
//! Its expected exports are in `tests/fixtures/hostile-graph/expected/` ([`assert_golden`]).

use kgraph::{Attr, AttrValue, Edge, EdgeKind, KnowledgeGraph, Node, NodeId, NodeKind};
use kgraph::{ColorBy, ExportOptions, Format, SizeBy};

use super::{assert_expected, have, to_bytes};

fn node(kind: NodeKind, key: &str, label: &str, attrs: &[(Attr, AttrValue)]) -> Node {
    Node {
        id: NodeId::new(kind, key),
        label: label.to_string(),
        attrs: attrs.iter().cloned().collect(),
    }
}

fn s(v: &str) -> AttrValue {
    AttrValue::text(v.to_string())
}

const RESOURCE_URL: &str = "https://example.com/a?a=b&c=d#x";

/// Nodes in a deliberately unsorted order, and edges between positions in that order.
pub fn hostile_parts() -> (Vec<Node>, Vec<(usize, usize, Edge)>) {
    use Attr as A;
    use AttrValue::Int;
    use NodeKind as K;
    let nodes = vec![
        // 0
        node(
            K::Post,
            "posts/2024-01-01-hello.md",
            r#"Say "hello" to C:\Users\"#,
            &[
                (A::Path, s("posts/2024-01-01-hello.md")),
                (A::Date, s("2024-01-01")),
                (A::Category, s("AI; 机器学习")),
                (A::Tags, s("rust; <xml>")),
                (A::Series, s("Series 'one'")),
                (A::Part, Int(2)),
            ],
        ),
        // 1
        node(
            K::Post,
            "posts/细粒度.md",
            "  细粒度 分类\r\nline two\ttab  ",
            &[(A::Path, s("posts/细粒度.md")), (A::Date, s("2024-02-30"))],
        ),
        // 2
        node(
            K::Post,
            "posts/bell.md",
            "bell\u{7} and \u{FFFE} gone; \\N \\l \\\\ end",
            &[(A::Path, s("posts/bell.md"))],
        ),
        // 3
        node(
            K::Topic,
            "多模态",
            "多模态 <b>&'x'</b>",
            &[(A::Level, Int(2)), (A::Posts, Int(1))],
        ),
        // 4
        node(
            K::Topic,
            "贝叶斯",
            "贝叶斯\nline\rCR",
            &[(A::Level, Int(3)), (A::Posts, Int(1))],
        ),
        // 5
        node(
            K::Resource,
            RESOURCE_URL,
            "AT&amp;T &#38; <docs> & more",
            &[
                (A::Url, s(RESOURCE_URL)),
                (A::Citations, Int(4)),
                (A::Posts, Int(1)),
            ],
        ),
        // 6
        node(
            K::Domain,
            "example.com",
            "example.com",
            &[(A::Posts, Int(1))],
        ),
        // 7
        node(
            K::Category,
            "ai",
            "\u{200F}שלום AI\u{200F}",
            &[(A::Posts, Int(1))],
        ),
        // 8
        node(K::Tag, "rust", "🧠 brain", &[(A::Posts, Int(1))]),
        // 9
        node(K::Series, "one", "Series 'one'", &[(A::Posts, Int(1))]),
        // 10: isolated
        node(K::Keyword, "🧠", "🧠", &[]),
        // 11
        node(
            K::Keyword,
            "bayes",
            "Bayes \"inference\"",
            &[
                (A::Posts, Int(2)),
                (A::DocFreq, Int(2)),
                (A::Score, AttrValue::Float(1.386)),
            ],
        ),
        // 12: a note linked to but not written
        node(
            K::Missing,
            "not \"yet\" <written>",
            "Not \"yet\" <written> & more",
            &[(A::Posts, Int(2))],
        ),
    ];
    let e = |kind, weight| Edge { kind, weight };
    let edges = vec![
        (4, 11, e(EdgeKind::Mentions, 5)),
        (0, 3, e(EdgeKind::HasTopic, 1)),
        (0, 5, e(EdgeKind::Mentions, 1)),
        (0, 5, e(EdgeKind::Cites, 3)),
        (0, 7, e(EdgeKind::InCategory, 1)),
        (0, 8, e(EdgeKind::Tagged, 1)),
        (0, 9, e(EdgeKind::InSeries, 1)),
        (0, 1, e(EdgeKind::LinksTo, 2)),
        (1, 1, e(EdgeKind::LinksTo, 1)),
        (3, 4, e(EdgeKind::Subtopic, 1)),
        (1, 4, e(EdgeKind::HasTopic, 1)),
        (5, 6, e(EdgeKind::HostedOn, 1)),
        (2, 11, e(EdgeKind::Mentions, 1)),
        (2, 12, e(EdgeKind::LinksTo, 1)),
        (0, 12, e(EdgeKind::Embeds, 2)),
    ];
    (nodes, edges)
}

pub fn hostile_graph() -> KnowledgeGraph {
    let (nodes, edges) = hostile_parts();
    with_metrics_and_positions(KnowledgeGraph::from_parts(nodes, edges))
}

/// Layout positions of the hostile graph's nodes, by position in id order.
pub const POSITIONS: [(f64, f64); 13] = [
    (-1000.0, 1000.0),
    (1000.0, -1000.0),
    (0.0, 0.0),
    (12.5, -3.25),
    (999.99, -0.01),
    (-0.01, 250.0),
    (-750.5, 42.0),
    (0.5, -999.99),
    (333.33, 666.67),
    (-12.0, -12.0),
    (1.0, 0.25),
    (-400.0, 800.0),
    (250.0, -250.0),
];

/// `graph` as `kgraph build --layout fa2` exports it: with metrics and positions.
pub fn with_metrics_and_positions(graph: KnowledgeGraph) -> KnowledgeGraph {
    kgraph::add_metrics(graph).map_attrs(|i, attrs| {
        attrs.insert(Attr::X, AttrValue::Float(POSITIONS[i].0));
        attrs.insert(Attr::Y, AttrValue::Float(POSITIONS[i].1));
    })
}

pub fn hostile_options() -> ExportOptions {
    ExportOptions {
        name: "hostile \"graph\" <&> \\".to_string(),
        ..ExportOptions::default()
    }
}

/// The hostile options with colours by community and sizes by PageRank.
pub fn community_look() -> ExportOptions {
    ExportOptions {
        color_by: ColorBy::Community,
        size_by: SizeBy::Pagerank,
        ..hostile_options()
    }
}

/// Compares an export of the hostile graph with `tests/fixtures/hostile-graph/expected/<name>`.
pub fn assert_golden(name: &str, actual: &[u8]) {
    assert_expected("hostile-graph", name, actual);
}

/// Whether this kgraph was built with the HTML viewer (without it, HTML exports fail).
pub fn viewer_built() -> bool {
    to_bytes(
        &KnowledgeGraph::default(),
        Format::Html,
        &ExportOptions::default(),
    )
    .is_ok()
}

/// Every one-file format this kgraph can write on this machine: all but SVG and PNG when
/// Graphviz is missing, and all but HTML when kgraph was built without the viewer. (The folder
/// formats are tested in `tables.rs`.)
pub fn testable_formats() -> Vec<Format> {
    let graphviz = have("dot");
    if !graphviz {
        eprintln!("note: Graphviz `dot` not found; skipping SVG and PNG");
    }
    let viewer = viewer_built();
    if !viewer {
        eprintln!("note: kgraph was built without the HTML viewer; skipping HTML");
    }
    Format::ALL
        .into_iter()
        .filter(|f| !f.writes_folder())
        .filter(|&f| graphviz || !matches!(f, Format::Svg | Format::Png))
        .filter(|&f| viewer || f != Format::Html)
        .collect()
}

/// The hostile graph in `format`, with the hostile options.
pub fn export(format: Format) -> Vec<u8> {
    to_bytes(&hostile_graph(), format, &hostile_options()).expect("export succeeds")
}

pub fn export_str(format: Format) -> String {
    String::from_utf8(export(format)).expect("exporters write UTF-8")
}
