//! Exporter goldens and round trips on a tiny hand-made hostile graph, plus the exporters that
//! need the binary (two-file CSV, Graphviz missing, slow or failing).
//!
//! The graph has every node kind and labels built to break escapers: quotes, backslashes (one
//! trailing), `< > & '`, entity look-alikes, newline, CR, CRLF, tab, outer spaces, emoji, CJK,
//! an RTL mark, U+0007, U+FFFE, a URL id with `?a=b&c=d#x`, parallel relations between one pair,
//! a self-loop and an isolated node. Like `kgraph build`'s graphs it carries its metrics, and
//! layout positions set by hand (extreme, fractional and zero coordinates).
//!
//! Goldens live in `tests/golden/`; regenerate them with `KGRAPH_BLESS=1 cargo test` and review
//! the diff. External consumers (`dot`, `xmllint`, `jing`; with `KGRAPH_PYTHON` set, NetworkX,
//! igraph and Python's `csv`; with `KGRAPH_NODE_MODULES` set to a `node_modules` holding
//! graphology, graphology-gexf, @xmldom/xmldom, mermaid and jsdom, graphology-gexf and
//! `mermaid.parse`) are run when present and skipped with a note when not. The SVG and PNG
//! exports need Graphviz and are skipped without it.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use graphviz_rust::dot_structures::{EdgeTy, Graph, Stmt, Vertex};
use kgraph::export::style::{self, style_of};
use kgraph::export::{to_bytes, ColorBy, CsvDialect, Engine, ExportOptions, Format, SizeBy};
use kgraph::model::{
    Attr, AttrValue, Attrs, Edge, EdgeKind, KnowledgeGraph, Node, NodeId, NodeKind,
};
use serde::Deserialize;

mod common;
use common::{
    assert_golden, dot_expected, find_attr, gexf_expected, graphml_xsd, graphviz_unquote, have,
    id_text, kgraph, manifest_dir, write, xml_expected, xmllint, GEXF_NS, GRAPHML_NS,
};

// ---------------------------------------------------------------------------------------------
// The hostile graph

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
fn hostile_parts() -> (Vec<Node>, Vec<(usize, usize, Edge)>) {
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
    ];
    (nodes, edges)
}

fn hostile_graph() -> KnowledgeGraph {
    let (nodes, edges) = hostile_parts();
    with_metrics_and_positions(KnowledgeGraph::from_parts(nodes, edges))
}

/// Layout positions of the hostile graph's nodes, by position in id order.
const POSITIONS: [(f64, f64); 12] = [
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
];

/// `graph` as `kgraph build --layout fa2` exports it: with metrics and positions.
fn with_metrics_and_positions(graph: KnowledgeGraph) -> KnowledgeGraph {
    kgraph::metrics::annotate(graph).map_attrs(|i, attrs| {
        attrs.insert(Attr::X, AttrValue::Float(POSITIONS[i].0));
        attrs.insert(Attr::Y, AttrValue::Float(POSITIONS[i].1));
    })
}

fn hostile_options() -> ExportOptions {
    ExportOptions {
        name: "hostile \"graph\" <&> \\".to_string(),
        ..ExportOptions::default()
    }
}

/// Whether `format` is drawn by Graphviz (and so needs it installed).
fn is_rendered(format: Format) -> bool {
    matches!(format, Format::Svg | Format::Png)
}

/// Every format this kgraph can write on this machine: all but SVG and PNG when Graphviz is
/// missing, and all but HTML when kgraph was built without the viewer.
fn testable_formats() -> Vec<Format> {
    let graphviz = have("dot");
    if !graphviz {
        eprintln!("note: Graphviz `dot` not found; skipping SVG and PNG");
    }
    let viewer = kgraph::export::viewer_available();
    if !viewer {
        eprintln!("note: kgraph was built without the HTML viewer; skipping HTML");
    }
    Format::ALL
        .into_iter()
        .filter(|&f| graphviz || !is_rendered(f))
        .filter(|&f| viewer || f != Format::Html)
        .collect()
}

fn export(format: Format) -> Vec<u8> {
    to_bytes(&hostile_graph(), format, &hostile_options()).expect("export succeeds")
}

fn export_str(format: Format) -> String {
    String::from_utf8(export(format)).expect("exporters write UTF-8")
}

// ---------------------------------------------------------------------------------------------
// Goldens

#[test]
fn json_matches_golden() {
    assert_golden("hostile.json", &export(Format::Json));
}

#[test]
fn graphml_matches_golden() {
    assert_golden("hostile.graphml", &export(Format::Graphml));
}

#[test]
fn dot_matches_golden() {
    assert_golden("hostile.dot", &export(Format::Dot));
}

#[test]
fn gexf_matches_golden() {
    assert_golden("hostile.gexf", &export(Format::Gexf));
}

#[test]
fn csv_matches_golden_in_both_dialects() {
    assert_golden("hostile.nodes.csv", &export(Format::CsvNodes));
    assert_golden("hostile.edges.csv", &export(Format::CsvEdges));
    let rfc = ExportOptions {
        csv_dialect: CsvDialect::Rfc4180,
        ..hostile_options()
    };
    let nodes = to_bytes(&hostile_graph(), Format::CsvNodes, &rfc).unwrap();
    assert_golden("hostile.rfc4180.nodes.csv", &nodes);
}

#[test]
fn mermaid_matches_golden() {
    assert_golden("hostile.mmd", &export(Format::Mermaid));
}

#[test]
fn viewer_data_matches_golden() {
    let mut data = Vec::new();
    kgraph::export::write_viewer_data(&hostile_graph(), &hostile_options(), &mut data).unwrap();
    assert_golden("hostile.viewer.json", &data);
}

#[test]
fn html_inlines_the_viewer_data_or_says_how_to_get_the_viewer() {
    let result = to_bytes(&hostile_graph(), Format::Html, &hostile_options());
    if !kgraph::export::viewer_available() {
        let err = result.expect_err("no viewer, no HTML");
        assert_eq!(err.to_string(), kgraph::export::VIEWER_MISSING);
        return;
    }
    let page = String::from_utf8(result.unwrap()).expect("UTF-8");
    assert!(page.starts_with("<!doctype html>\n"));
    let mut data = Vec::new();
    kgraph::export::write_viewer_data(&hostile_graph(), &hostile_options(), &mut data).unwrap();
    let block = format!(
        "<script type=\"application/json\" id=\"kgraph-data\">\n{}</script>\n",
        String::from_utf8(data).unwrap()
    );
    assert!(
        page.contains(&block),
        "the data block is inlined as written"
    );
    // Only the two script elements end; one comment (the notices) opens and closes.
    assert_eq!(page.to_ascii_lowercase().matches("</script").count(), 2);
    assert_eq!(page.matches("<!--").count(), 1);
    assert_eq!(page.matches("-->").count(), 1);
    for notice in ["sigma", "graphology", "Permission is hereby granted"] {
        assert!(
            page.contains(notice),
            "the page keeps the notice {notice:?}"
        );
    }
    assert!(
        !page.contains("src=\"http") && !page.contains("href=\"http"),
        "nothing is loaded from the network"
    );
}

#[test]
fn every_format_is_deterministic_and_independent_of_input_order() {
    let (nodes, edges) = hostile_parts();
    let n = nodes.len();
    // The same graph with nodes and edges given in reverse order.
    let reversed_nodes: Vec<Node> = nodes.into_iter().rev().collect();
    let reversed_edges: Vec<(usize, usize, Edge)> = edges
        .into_iter()
        .rev()
        .map(|(a, b, e)| (n - 1 - a, n - 1 - b, e))
        .collect();
    let reversed =
        with_metrics_and_positions(KnowledgeGraph::from_parts(reversed_nodes, reversed_edges));
    for format in testable_formats() {
        let first = export(format);
        assert_eq!(first, export(format), "{format:?} twice");
        let other = to_bytes(&reversed, format, &hostile_options()).unwrap();
        assert_eq!(first, other, "{format:?} from reordered input");
    }
}

#[test]
fn empty_graph_exports_in_every_format() {
    for format in testable_formats() {
        let bytes = to_bytes(
            &KnowledgeGraph::default(),
            format,
            &ExportOptions::default(),
        )
        .unwrap();
        assert!(!bytes.is_empty(), "{format:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// What each reader should get back

fn attr_text(value: &AttrValue) -> String {
    value.to_string()
}

// ---------------------------------------------------------------------------------------------
// JSON round trip, through strict structs

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonDoc {
    directed: bool,
    multigraph: bool,
    graph: JsonGraph,
    nodes: Vec<JsonNode>,
    edges: Vec<JsonEdge>,
    links: Vec<JsonEdge>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonGraph {
    name: String,
    schema_version: u32,
    generator: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonNode {
    id: String,
    kind: String,
    label: String,
    path: Option<String>,
    date: Option<String>,
    category: Option<String>,
    tags: Option<String>,
    series: Option<String>,
    part: Option<i64>,
    level: Option<i64>,
    url: Option<String>,
    citations: Option<i64>,
    posts: Option<i64>,
    doc_freq: Option<i64>,
    score: Option<f64>,
    in_degree: Option<i64>,
    out_degree: Option<i64>,
    degree: Option<i64>,
    weighted_degree: Option<i64>,
    pagerank: Option<f64>,
    component: Option<i64>,
    community: Option<i64>,
    x: Option<f64>,
    y: Option<f64>,
    size: f64,
    color: String,
}

impl JsonNode {
    fn attrs(&self) -> Attrs {
        let strs = [
            (Attr::Path, &self.path),
            (Attr::Date, &self.date),
            (Attr::Category, &self.category),
            (Attr::Tags, &self.tags),
            (Attr::Series, &self.series),
            (Attr::Url, &self.url),
        ];
        let ints = [
            (Attr::Part, self.part),
            (Attr::Level, self.level),
            (Attr::Citations, self.citations),
            (Attr::Posts, self.posts),
            (Attr::DocFreq, self.doc_freq),
            (Attr::InDegree, self.in_degree),
            (Attr::OutDegree, self.out_degree),
            (Attr::Degree, self.degree),
            (Attr::WeightedDegree, self.weighted_degree),
            (Attr::Component, self.component),
            (Attr::Community, self.community),
        ];
        let floats = [
            (Attr::Score, self.score),
            (Attr::Pagerank, self.pagerank),
            (Attr::X, self.x),
            (Attr::Y, self.y),
        ];
        strs.into_iter()
            .filter_map(|(a, v)| v.clone().map(|v| (a, AttrValue::text(v))))
            .chain(
                ints.into_iter()
                    .filter_map(|(a, v)| v.map(|v| (a, AttrValue::Int(v)))),
            )
            .chain(
                floats
                    .into_iter()
                    .filter_map(|(a, v)| v.map(|v| (a, AttrValue::Float(v)))),
            )
            .collect()
    }
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonEdge {
    source: String,
    target: String,
    key: String,
    kind: String,
    weight: u32,
}

#[test]
fn json_parses_back_with_every_label_and_attribute_intact() {
    let graph = hostile_graph();
    let doc: JsonDoc = serde_json::from_slice(&export(Format::Json)).unwrap();
    assert!(doc.directed);
    assert!(doc.multigraph);
    assert_eq!(doc.graph.name, hostile_options().name);
    assert_eq!(doc.graph.schema_version, 1);
    assert_eq!(
        doc.graph.generator,
        format!("kgraph {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(doc.nodes.len(), graph.node_count());
    for ((_, want), got) in graph.nodes().zip(&doc.nodes) {
        assert_eq!(got.id, want.id.to_string());
        assert_eq!(got.kind, want.kind().as_str());
        assert_eq!(got.label, want.label, "JSON keeps labels byte for byte");
        assert_eq!(got.attrs(), want.attrs, "{}", want.id);
        assert_eq!(got.color, style_of(want.kind()).hex(), "{}", want.id);
        assert!(got.size >= 10.0, "{}", want.id);
    }
    assert_eq!(doc.edges.len(), graph.edge_count());
    assert_eq!(doc.links, doc.edges, "links repeats edges");
    for (want, got) in graph.edges().zip(&doc.edges) {
        assert_eq!(got.source, graph.node(want.source).id.to_string());
        assert_eq!(got.target, graph.node(want.target).id.to_string());
        assert_eq!(got.key, want.edge.kind.as_str());
        assert_eq!(got.kind, want.edge.kind.as_str());
        assert_eq!(got.weight, want.edge.weight);
    }
    // The parallel relations are distinct (source, target, key) triples.
    let mut triples: Vec<_> = doc
        .edges
        .iter()
        .map(|e| (&e.source, &e.target, &e.key))
        .collect();
    triples.sort();
    triples.dedup();
    assert_eq!(triples.len(), doc.edges.len());
}

// ---------------------------------------------------------------------------------------------
// GraphML round trip

/// `key id → (for, attr.name, attr.type)`.
fn graphml_keys(doc: &roxmltree::Document<'_>) -> BTreeMap<String, (String, String, String)> {
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "key")))
        .map(|k| {
            let a = |name| k.attribute(name).unwrap().to_string();
            (a("id"), (a("for"), a("attr.name"), a("attr.type")))
        })
        .collect()
}

/// `attr.name → text` for the `<data>` children of an element.
fn graphml_data(
    element: roxmltree::Node<'_, '_>,
    keys: &BTreeMap<String, (String, String, String)>,
) -> BTreeMap<String, String> {
    let mut data = BTreeMap::new();
    for d in element
        .children()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "data")))
    {
        let key = d.attribute("key").unwrap();
        let (_, name, _) = &keys[key];
        let text = d.text().unwrap_or_default().to_string();
        assert!(!text.is_empty(), "empty <data key={key:?}>");
        assert!(data.insert(name.clone(), text).is_none(), "duplicate {key}");
    }
    data
}

#[test]
fn graphml_parses_back_with_labels_intact_but_forbidden_characters() {
    let graph = hostile_graph();
    let text = export_str(Format::Graphml);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((GRAPHML_NS, "graphml")));

    // Every key precedes the graph, and is typed.
    let children: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    let graph_at = children
        .iter()
        .position(|n| n.has_tag_name((GRAPHML_NS, "graph")))
        .unwrap();
    assert_eq!(graph_at, children.len() - 1);
    let keys = graphml_keys(&doc);
    assert_eq!(keys.len(), graph_at);
    assert!(!keys.contains_key("id"));
    for (id, (target, _, ty)) in &keys {
        assert!(["node", "edge"].contains(&target.as_str()), "{id}");
        assert!(["string", "int", "double"].contains(&ty.as_str()), "{id}");
    }
    for attr in Attr::ALL {
        let ty = match attr.ty() {
            kgraph::model::AttrType::String => "string",
            kgraph::model::AttrType::Int => "int",
            kgraph::model::AttrType::Float => "double",
        };
        assert_eq!(
            keys[attr.as_str()],
            (
                "node".to_string(),
                attr.as_str().to_string(),
                ty.to_string()
            )
        );
    }

    let graph_el = children[graph_at];
    assert_eq!(graph_el.attribute("edgedefault"), Some("directed"));
    let desc = graph_el
        .children()
        .find(|n| n.has_tag_name((GRAPHML_NS, "desc")))
        .unwrap();
    assert_eq!(desc.text(), Some(hostile_options().name.as_str()));

    let nodes: Vec<_> = graph_el
        .children()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "node")))
        .collect();
    let edges: Vec<_> = graph_el
        .children()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "edge")))
        .collect();
    assert_eq!(nodes.len(), graph.node_count());
    assert_eq!(edges.len(), graph.edge_count());
    let last_node = nodes.last().unwrap().range().end;
    assert!(edges.iter().all(|e| e.range().start > last_node));

    for ((i, want), got) in graph.nodes().zip(&nodes) {
        assert_eq!(got.attribute("id"), Some(format!("n{i}").as_str()));
        let mut data = graphml_data(*got, &keys);
        assert_eq!(data.remove("label"), Some(xml_expected(&want.label)));
        assert_eq!(data.remove("kgid"), Some(want.id.to_string()));
        assert_eq!(data.remove("kind").as_deref(), Some(want.kind().as_str()));
        let rgb = ["r", "g", "b"].map(|c| data.remove(c).unwrap().parse::<u8>().unwrap());
        assert_eq!((rgb[0], rgb[1], rgb[2]), style_of(want.kind()).rgb);
        let size: f64 = data.remove("size").unwrap().parse().unwrap();
        assert!(size >= 10.0);
        let attrs: BTreeMap<String, String> = want
            .attrs
            .iter()
            .map(|(a, v)| (a.as_str().to_string(), xml_expected(&attr_text(v))))
            .collect();
        assert_eq!(data, attrs, "{}", want.id);
    }
    for ((j, want), got) in graph.edges().enumerate().zip(&edges) {
        assert_eq!(got.attribute("id"), Some(format!("e{j}").as_str()));
        assert_eq!(
            got.attribute("source"),
            Some(format!("n{}", want.source).as_str())
        );
        assert_eq!(
            got.attribute("target"),
            Some(format!("n{}", want.target).as_str())
        );
        let data = graphml_data(*got, &keys);
        let kind = want.edge.kind.as_str().to_string();
        let expected = BTreeMap::from([
            ("label".to_string(), kind.clone()),
            ("kind".to_string(), kind),
            ("weight".to_string(), want.edge.weight.to_string()),
        ]);
        assert_eq!(data, expected);
    }
}

#[test]
fn graphml_keeps_line_breaks_and_outer_spaces_on_one_line() {
    let text = export_str(Format::Graphml);
    assert!(text.contains("<data key=\"label\">  细粒度 分类&#13;&#10;line two\ttab  </data>"));
    assert!(!text.contains('\r'));
    assert!(text
        .lines()
        .all(|l| !l.contains("<data") || l.ends_with("</data>")));
    assert!(!text.contains('\u{7}'));
    assert!(!text.contains('\u{FFFE}'));
}

// ---------------------------------------------------------------------------------------------
// DOT round trip, through graphviz-rust's parser

#[test]
fn dot_parses_back_with_the_same_labels() {
    let graph = hostile_graph();
    let text = export_str(Format::Dot);
    let parsed = graphviz_rust::parse(&text).expect("graphviz-rust parses our DOT");
    let Graph::DiGraph { id, strict, stmts } = parsed else {
        panic!("expected a digraph");
    };
    assert!(!strict);
    assert_eq!(
        graphviz_unquote(id_text(&id)),
        dot_expected(&hostile_options().name)
    );

    let mut nodes = BTreeMap::new();
    let mut edges = Vec::new();
    let mut legend = Vec::new();
    for stmt in &stmts {
        match stmt {
            Stmt::Node(n) => {
                nodes.insert(id_text(&n.id.0).to_string(), n.attributes.clone());
            }
            Stmt::Edge(e) => {
                let EdgeTy::Pair(Vertex::N(a), Vertex::N(b)) = &e.ty else {
                    panic!("expected a plain edge");
                };
                let tooltip = graphviz_unquote(find_attr(&e.attributes, "tooltip").unwrap());
                edges.push((
                    id_text(&a.0).to_string(),
                    id_text(&b.0).to_string(),
                    tooltip,
                ));
            }
            Stmt::Subgraph(sub) => {
                assert_eq!(id_text(&sub.id), "\"cluster_legend\"");
                for s in &sub.stmts {
                    if let Stmt::Node(n) = s {
                        let label = find_attr(&n.attributes, "label").unwrap();
                        legend.push((id_text(&n.id.0).to_string(), graphviz_unquote(label)));
                    }
                }
            }
            Stmt::GAttribute(_) | Stmt::Attribute(_) => {}
        }
    }

    assert_eq!(nodes.len(), graph.node_count());
    for (i, want) in graph.nodes() {
        let attrs = &nodes[&format!("\"n{i}\"")];
        let label = graphviz_unquote(find_attr(attrs, "label").unwrap());
        assert_eq!(label, dot_expected(&want.label), "{}", want.id);
        let tooltip = graphviz_unquote(find_attr(attrs, "tooltip").unwrap());
        assert_eq!(tooltip, dot_expected(&want.id.to_string()));
    }

    let want_edges: Vec<_> = graph
        .edges()
        .map(|e| {
            let kind = e.edge.kind.as_str();
            let tooltip = if e.edge.weight > 1 {
                format!("{kind}, weight {}", e.edge.weight)
            } else {
                kind.to_string()
            };
            (
                format!("\"n{}\"", e.source),
                format!("\"n{}\"", e.target),
                tooltip,
            )
        })
        .collect();
    assert_eq!(edges, want_edges);

    let want_legend: Vec<_> = graph
        .count_nodes_by_kind()
        .into_iter()
        .map(|(k, _)| (format!("\"legend_{k}\""), k.as_str().to_string()))
        .collect();
    assert_eq!(legend.len(), NodeKind::ALL.len());
    assert_eq!(legend, want_legend);
}

// ---------------------------------------------------------------------------------------------
// Real consumers, when installed

#[test]
fn graphviz_renders_the_dot_without_a_warning() {
    if !have("dot") {
        eprintln!("note: Graphviz `dot` not found; skipping the rendering check");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "hostile.dot", export(Format::Dot));
    let svg = dir.path().join("hostile.svg");
    let run = Command::new("dot")
        .arg("-Tsvg")
        .arg(&input)
        .arg("-o")
        .arg(&svg)
        .output()
        .unwrap();
    assert!(run.status.success(), "dot failed: {run:?}");
    assert_eq!(String::from_utf8_lossy(&run.stderr), "", "dot warned");
    let svg_text = std::fs::read_to_string(&svg).unwrap();
    let graph = hostile_graph();
    let legend = graph.count_nodes_by_kind().len();
    assert_eq!(
        svg_text.matches("class=\"node\"").count(),
        graph.node_count() + legend
    );
    assert!(svg_text.contains(">Say &quot;hello&quot; to C:\\Users\\</text>"));
    assert!(svg_text.contains(">AT&amp;amp;T &amp;#38; &lt;docs&gt; &amp; more</text>"));
    if have("xmllint") {
        let lint = Command::new("xmllint")
            .arg("--noout")
            .arg(&svg)
            .output()
            .unwrap();
        assert!(lint.status.success(), "SVG is not well-formed: {lint:?}");
    } else {
        eprintln!("note: xmllint not found; skipping the SVG well-formedness check");
    }
}

#[test]
fn graphml_is_valid_against_the_schema() {
    let xsd = graphml_xsd();
    if !have("xmllint") || !xsd.exists() {
        eprintln!(
            "note: xmllint or {} not found; skipping the GraphML schema check",
            xsd.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "hostile.graphml", export(Format::Graphml));
    let run = xmllint("--schema", &xsd, &input);
    assert!(
        run.status.success(),
        "xmllint rejected the GraphML: {run:?}"
    );
}

/// Loads the exports with NetworkX and igraph and checks counts and labels.
const PYTHON_CHECK: &str = r#"
import json, sys
import networkx as nx
import igraph

expected = json.load(open(sys.argv[1], encoding="utf-8"))
graphml, node_link = sys.argv[2], sys.argv[3]
labels = expected["labels"]

d = nx.node_link_graph(json.load(open(node_link, encoding="utf-8")))
assert d.is_directed() and d.is_multigraph(), "node-link: kind of graph"
assert d.number_of_nodes() == expected["nodes"], ("node-link nodes", d.number_of_nodes())
assert d.number_of_edges() == expected["edges"], ("node-link edges", d.number_of_edges())
assert {n: a["label"] for n, a in d.nodes(data=True)} == labels["json"], "node-link labels"

g = nx.read_graphml(graphml)
assert g.is_directed(), "read_graphml: directed"
assert g.number_of_nodes() == expected["nodes"], ("read_graphml nodes", g.number_of_nodes())
assert g.number_of_edges() == expected["edges"], ("read_graphml edges", g.number_of_edges())
assert {a["kgid"]: a["label"] for _, a in g.nodes(data=True)} == labels["xml"], "read_graphml labels"

i = igraph.Graph.Read_GraphML(graphml)
assert i.is_directed(), "igraph: directed"
assert i.vcount() == expected["nodes"], ("igraph nodes", i.vcount())
assert i.ecount() == expected["edges"], ("igraph edges", i.ecount())
assert dict(zip(i.vs["kgid"], i.vs["label"])) == labels["xml"], "igraph labels"
print("networkx", nx.__version__, "and igraph", igraph.__version__, "agree")
"#;

#[test]
fn networkx_and_igraph_load_the_exports() {
    let Some(python) = std::env::var_os("KGRAPH_PYTHON") else {
        eprintln!("note: set KGRAPH_PYTHON to a Python with networkx and igraph to run this check");
        return;
    };
    let graph = hostile_graph();
    let labels = |f: fn(&str) -> String| -> BTreeMap<String, String> {
        graph
            .nodes()
            .map(|(_, n)| (n.id.to_string(), f(&n.label)))
            .collect()
    };
    let expected = serde_json::json!({
        "nodes": graph.node_count(),
        "edges": graph.edge_count(),
        "labels": { "json": labels(|s| s.to_string()), "xml": labels(xml_expected) },
    });
    let dir = tempfile::tempdir().unwrap();
    let expected = write(dir.path(), "expected.json", expected.to_string().as_bytes());
    let graphml = write(dir.path(), "hostile.graphml", export(Format::Graphml));
    let node_link = write(dir.path(), "hostile.json", export(Format::Json));
    let args = [
        expected.as_os_str(),
        graphml.as_os_str(),
        node_link.as_os_str(),
    ];
    run_check(&python, "-c", PYTHON_CHECK, &args, "Python readers");
}

/// Runs `program flag script args…` (a consumer check), failing with its output unless it
/// succeeds, and shows what it printed.
fn run_check(program: &OsStr, flag: &str, script: &str, args: &[&OsStr], who: &str) {
    let run = Command::new(program)
        .arg(flag)
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{who} disagree:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    eprintln!("{}", String::from_utf8_lossy(&run.stdout).trim());
}

// ---------------------------------------------------------------------------------------------
// GEXF round trip

const VIZ_NS: &str = "http://gexf.net/1.3/viz";

/// The post date that becomes a GEXF `start`: every hostile date but the impossible one.
fn expected_start(node: &Node) -> Option<&str> {
    match (node.kind(), node.attr(Attr::Date)) {
        (NodeKind::Post, Some(AttrValue::Str(date))) if date.as_str() != "2024-02-30" => Some(date),
        _ => None,
    }
}

fn gexf_child<'a, 'i>(parent: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    parent
        .children()
        .find(|n| n.has_tag_name((GEXF_NS, name)))
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", parent.tag_name().name()))
}

fn elements<'a, 'i>(parent: roxmltree::Node<'a, 'i>) -> Vec<roxmltree::Node<'a, 'i>> {
    parent.children().filter(|n| n.is_element()).collect()
}

#[test]
fn gexf_parses_back_with_real_ids_typed_attributes_and_post_dates() {
    let graph = hostile_graph();
    let text = export_str(Format::Gexf);
    assert!(
        !text.contains("schemaLocation"),
        "the grammar rejects xsi:schemaLocation"
    );
    assert!(
        !text.contains("www.gexf.net"),
        "NetworkX finds no graph with www."
    );
    assert!(text.contains("<viz:color ") && text.contains("<viz:size "));
    assert!(
        text.contains("<viz:position x=\"-1000\" y=\"1000\"/>"),
        "{text}"
    );
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((GEXF_NS, "gexf")));
    assert_eq!(root.attribute("version"), Some("1.3"));
    let meta = gexf_child(root, "meta");
    assert_eq!(
        gexf_child(meta, "description").text(),
        Some(hostile_options().name.as_str())
    );
    let g = gexf_child(root, "graph");
    assert_eq!(g.attribute("defaultedgetype"), Some("directed"));
    assert_eq!(g.attribute("mode"), Some("dynamic"));
    assert_eq!(g.attribute("timeformat"), Some("date"));

    let attributes = gexf_child(g, "attributes");
    assert_eq!(attributes.attribute("class"), Some("node"));
    let declared: Vec<[String; 3]> = elements(attributes)
        .iter()
        .map(|a| ["id", "title", "type"].map(|k| a.attribute(k).unwrap().to_string()))
        .collect();
    let mut want_declared = vec![["kind", "kind", "string"].map(String::from)];
    want_declared.extend(Attr::ALL.iter().filter(|a| !a.is_position()).map(|a| {
        let ty = match a.ty() {
            kgraph::model::AttrType::String => "string",
            kgraph::model::AttrType::Int => "long",
            kgraph::model::AttrType::Float => "double",
        };
        [a.as_str(), a.as_str(), ty].map(String::from)
    }));
    assert_eq!(declared, want_declared);

    let nodes = elements(gexf_child(g, "nodes"));
    let edges = elements(gexf_child(g, "edges"));
    assert_eq!(nodes.len(), graph.node_count());
    assert_eq!(edges.len(), graph.edge_count());
    for ((i, want), got) in graph.nodes().zip(&nodes) {
        let id = xml_expected(&want.id.to_string());
        assert_eq!(got.attribute("id"), Some(id.as_str()));
        assert_eq!(
            got.attribute("label"),
            Some(gexf_expected(&want.label).as_str())
        );
        assert_eq!(got.attribute("start"), expected_start(want), "{id}");
        let values: BTreeMap<String, String> = elements(gexf_child(*got, "attvalues"))
            .iter()
            .map(|v| {
                let a = |k| v.attribute(k).unwrap().to_string();
                (a("for"), a("value"))
            })
            .collect();
        let mut want_values: BTreeMap<String, String> = want
            .attrs
            .iter()
            .filter(|(a, _)| !a.is_position())
            .map(|(a, v)| (a.as_str().to_string(), xml_expected(&attr_text(v))))
            .collect();
        want_values.insert("kind".into(), want.kind().as_str().into());
        assert_eq!(values, want_values, "{id}");
        let viz = |name| {
            got.children()
                .find(|n| n.has_tag_name((VIZ_NS, name)))
                .unwrap_or_else(|| panic!("no viz:{name} on {id}"))
        };
        let color = viz("color");
        let rgb = ["r", "g", "b"].map(|c| color.attribute(c).unwrap().parse::<u8>().unwrap());
        assert_eq!((rgb[0], rgb[1], rgb[2]), style_of(want.kind()).rgb);
        let size: f64 = viz("size").attribute("value").unwrap().parse().unwrap();
        assert!((size - kgraph::export::style::node_size(graph.degree(i))).abs() < 0.006);
        let position = viz("position");
        let xy = ["x", "y"].map(|c| position.attribute(c).unwrap().parse::<f64>().unwrap());
        assert_eq!((xy[0], xy[1]), POSITIONS[i], "{id}");
        assert_eq!(position.attribute("z"), None);
    }
    for ((j, want), got) in graph.edges().enumerate().zip(&edges) {
        let kind = want.edge.kind.as_str();
        let a = |k| got.attribute(k).unwrap().to_string();
        assert_eq!(a("id"), format!("e{j}"));
        assert_eq!(
            a("source"),
            xml_expected(&graph.node(want.source).id.to_string())
        );
        assert_eq!(
            a("target"),
            xml_expected(&graph.node(want.target).id.to_string())
        );
        assert_eq!(a("kind"), kind);
        assert_eq!(a("label"), kind);
        assert_eq!(a("weight"), want.edge.weight.to_string());
    }
}

#[test]
fn gexf_without_dated_posts_is_static() {
    let (nodes, edges) = hostile_parts();
    let undated: Vec<Node> = nodes
        .into_iter()
        .map(|mut n| {
            n.attrs.remove(&Attr::Date);
            n
        })
        .collect();
    let graph = KnowledgeGraph::from_parts(undated, edges);
    let text =
        String::from_utf8(to_bytes(&graph, Format::Gexf, &hostile_options()).unwrap()).unwrap();
    assert!(text.contains("<graph defaultedgetype=\"directed\" mode=\"static\">"));
    assert!(!text.contains("start="));
    let empty = to_bytes(
        &KnowledgeGraph::default(),
        Format::Gexf,
        &ExportOptions::default(),
    )
    .unwrap();
    let empty = String::from_utf8(empty).unwrap();
    assert!(
        empty.contains("<edges count=\"0\">\n    </edges>"),
        "{empty}"
    );
}

/// GEXF files to validate: the hostile graph, the empty graph, and a graph without dates.
fn gexf_samples(dir: &Path) -> Vec<PathBuf> {
    let (nodes, edges) = hostile_parts();
    let undated = KnowledgeGraph::from_parts(
        nodes
            .into_iter()
            .filter(|n| n.kind() != NodeKind::Post)
            .collect(),
        edges
            .into_iter()
            .filter(|(s, t, _)| *s >= 3 && *t >= 3)
            .map(|(s, t, e)| (s - 3, t - 3, e))
            .collect(),
    );
    let options = ExportOptions::default();
    vec![
        write(dir, "hostile.gexf", export(Format::Gexf)),
        write(
            dir,
            "empty.gexf",
            to_bytes(&KnowledgeGraph::default(), Format::Gexf, &options).unwrap(),
        ),
        write(
            dir,
            "undated.gexf",
            to_bytes(&undated, Format::Gexf, &options).unwrap(),
        ),
        write(
            dir,
            "communities.gexf",
            to_bytes(&hostile_graph(), Format::Gexf, &community_look()).unwrap(),
        ),
    ]
}

#[test]
fn gexf_is_valid_against_the_relax_ng_grammar() {
    let dir_default = manifest_dir().join("../shared/schemas/gexf/1.3");
    let schemas = std::env::var_os("KGRAPH_GEXF_SCHEMAS").map_or(dir_default, PathBuf::from);
    let (rng, rnc) = (schemas.join("gexf.rng"), schemas.join("gexf.rnc"));
    if !rng.exists() {
        eprintln!(
            "note: {} not found; skipping the GEXF grammar check",
            rng.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let samples = gexf_samples(dir.path());
    // A file the grammar must reject, to prove the validators really check: `<edges>` missing.
    let hostile = export_str(Format::Gexf);
    let cut = hostile.find("    <edges").unwrap();
    let broken = format!("{}  </graph>\n</gexf>\n", &hostile[..cut]);
    let broken = write(dir.path(), "broken.gexf", broken.as_bytes());
    let mut validators: Vec<(&str, Vec<std::ffi::OsString>)> = Vec::new();
    if have("xmllint") {
        validators.push((
            "xmllint",
            vec!["--noout".into(), "--relaxng".into(), rng.into()],
        ));
    } else {
        eprintln!("note: xmllint not found; skipping it");
    }
    if have("jing") && rnc.exists() {
        validators.push(("jing", vec!["-c".into(), rnc.into()]));
    } else {
        eprintln!("note: jing not found; skipping it");
    }
    for (tool, args) in validators {
        for file in &samples {
            let run = Command::new(tool).args(&args).arg(file).output().unwrap();
            assert!(
                run.status.success(),
                "{tool} rejected {}: {}{}",
                file.display(),
                String::from_utf8_lossy(&run.stdout),
                String::from_utf8_lossy(&run.stderr)
            );
        }
        let run = Command::new(tool)
            .args(&args)
            .arg(&broken)
            .output()
            .unwrap();
        assert!(
            !run.status.success(),
            "{tool} accepted a GEXF without <edges>"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// CSV round trip

fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// What Gephi's reader (Commons CSV, `\` as escape) makes of a field kgraph wrote: the only
/// escapes kgraph writes are doubled backslashes.
fn gephi_unescape(field: &str) -> String {
    field.replace("\\\\", "\\")
}

#[test]
fn csv_tables_parse_back_in_both_dialects() {
    let graph = hostile_graph();
    for dialect in [CsvDialect::Gephi, CsvDialect::Rfc4180] {
        let options = ExportOptions {
            csv_dialect: dialect,
            ..hostile_options()
        };
        let nodes = to_bytes(&graph, Format::CsvNodes, &options).unwrap();
        let edges = to_bytes(&graph, Format::CsvEdges, &options).unwrap();
        let decode = |s: &str| match dialect {
            CsvDialect::Gephi => gephi_unescape(s),
            CsvDialect::Rfc4180 => s.to_string(),
        };
        let eol = if dialect == CsvDialect::Gephi {
            "\n"
        } else {
            "\r\n"
        };
        let last_column = Attr::ALL[Attr::ALL.len() - 1].as_str();
        let header_end = format!("{last_column}{eol}");
        assert!(nodes.starts_with(b"Id,Label,Kind,path,"), "{dialect:?}");
        assert!(
            String::from_utf8_lossy(&nodes).contains(&header_end),
            "{dialect:?}"
        );
        if dialect == CsvDialect::Gephi {
            // Every run of backslashes is even, so none can escape a quote or a separator.
            let text = String::from_utf8(nodes.clone()).unwrap();
            for run in text.split(|c| c != '\\').filter(|r| !r.is_empty()) {
                assert_eq!(run.len() % 2, 0, "odd backslash run in {text}");
            }
        }

        let rows = read_csv(&nodes);
        let mut header = vec!["Id", "Label", "Kind"];
        header.extend(Attr::ALL.iter().map(|a| a.as_str()));
        assert_eq!(rows[0], header);
        assert_eq!(rows.len(), graph.node_count() + 1);
        for ((_, want), row) in graph.nodes().zip(&rows[1..]) {
            assert_eq!(decode(&row[0]), xml_expected(&want.id.to_string()));
            assert_eq!(decode(&row[1]), xml_expected(&want.label), "{dialect:?}");
            assert_eq!(row[2], want.kind().as_str());
            for (k, attr) in Attr::ALL.into_iter().enumerate() {
                let value = want.attr(attr).map(attr_text).unwrap_or_default();
                assert_eq!(
                    decode(&row[3 + k]),
                    xml_expected(&value),
                    "{} {attr:?}",
                    want.id
                );
            }
        }

        let rows = read_csv(&edges);
        assert_eq!(
            rows[0],
            ["Source", "Target", "Kind", "Weight", "Type", "Id", "Label"]
        );
        assert_eq!(rows.len(), graph.edge_count() + 1);
        for ((j, want), row) in graph.edges().enumerate().zip(&rows[1..]) {
            let kind = want.edge.kind.as_str();
            let id = |i: usize| xml_expected(&graph.node(i).id.to_string());
            assert_eq!(decode(&row[0]), id(want.source));
            assert_eq!(decode(&row[1]), id(want.target));
            let weight = want.edge.weight.to_string();
            let rest = [kind, weight.as_str(), "Directed", &format!("e{j}"), kind];
            assert_eq!(row[2..], rest);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Mermaid

/// Undoes Mermaid label escaping the way Mermaid reads it: `<br/>` is a line break and
/// `#name;` / `#123;` entity codes become characters.
fn mermaid_unescape(label: &str) -> String {
    let text = label.replace("<br/>", "\n");
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with(';') {
            let name = &after[..name_len];
            let c = match name {
                "quot" => '"',
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                n => char::from_u32(n.parse().unwrap_or_else(|_| panic!("entity {n}"))).unwrap(),
            };
            out.push(c);
            rest = &after[name_len + 1..];
        } else {
            out.push('#');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn mermaid_labels_decode_back_and_ids_are_synthetic() {
    let graph = hostile_graph();
    let text = export_str(Format::Mermaid);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "%% hostile #quot;graph#quot; #lt;#amp;#gt; \\");
    assert_eq!(lines[1], "flowchart LR");
    assert_eq!(
        text.matches("%%").count(),
        1,
        "no directive can hide in a label"
    );
    let class_defs = lines
        .iter()
        .filter(|l| l.starts_with("  classDef "))
        .count();
    assert_eq!(class_defs, graph.count_nodes_by_kind().len());

    let node_lines: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains("[\""))
        .collect();
    assert_eq!(node_lines.len(), graph.node_count());
    for ((i, want), line) in graph.nodes().zip(node_lines) {
        let rest = line
            .strip_prefix(&format!("  n{i}[\""))
            .unwrap_or_else(|| panic!("{line}"));
        let (label, class) = rest.split_once("\"]:::").unwrap();
        assert!(!label.contains(['"', '%', ':', '`']), "{label}");
        assert_eq!(class, format!("kind_{}", want.kind()));
        assert_eq!(
            mermaid_unescape(label),
            dot_expected(&want.label),
            "{}",
            want.id
        );
    }
    let edge_lines: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains(" -->|"))
        .collect();
    let want_edges: Vec<String> = graph
        .edges()
        .map(|e| {
            let kind = e.edge.kind.as_str();
            let text = match e.edge.weight {
                1 => kind.to_string(),
                w => format!("{kind}, weight {w}"),
            };
            format!("  n{} -->|\"{text}\"| n{}", e.source, e.target)
        })
        .collect();
    assert_eq!(edge_lines, want_edges);
}

// ---------------------------------------------------------------------------------------------
// --color-by community and --size-by pagerank

/// The hostile options with colours by community and sizes by PageRank.
fn community_look() -> ExportOptions {
    ExportOptions {
        color_by: ColorBy::Community,
        size_by: SizeBy::Pagerank,
        ..hostile_options()
    }
}

/// Each node's community colour and PageRank size, in id order.
fn community_looks(graph: &KnowledgeGraph) -> Vec<((u8, u8, u8), String)> {
    graph
        .nodes()
        .map(|(i, node)| {
            let rgb = style::fill_rgb(node, ColorBy::Community);
            (rgb, style::display_size_text(graph, i, SizeBy::Pagerank))
        })
        .collect()
}

#[test]
fn community_colours_and_pagerank_sizes_reach_every_format() {
    let graph = hostile_graph();
    let looks = community_looks(&graph);
    let communities: Vec<i64> = graph
        .nodes()
        .map(|(_, n)| match n.attr(Attr::Community) {
            Some(AttrValue::Int(c)) => *c,
            other => panic!("{} has community {other:?}", n.id),
        })
        .collect();
    assert!(communities.iter().any(|&c| c > 0), "{communities:?}");
    for (((_, node), (rgb, _)), &c) in graph.nodes().zip(&looks).zip(&communities) {
        assert_eq!(
            *rgb,
            style::COMMUNITY_PALETTE[c as usize % 20],
            "{}",
            node.id
        );
    }
    let options = community_look();
    let text = |format| String::from_utf8(to_bytes(&graph, format, &options).unwrap()).unwrap();

    let doc: JsonDoc = serde_json::from_str(&text(Format::Json)).unwrap();
    for (got, (rgb, size)) in doc.nodes.iter().zip(&looks) {
        assert_eq!(got.color, style::hex(*rgb), "{}", got.id);
        assert_eq!(format!("{:.2}", got.size), *size, "{}", got.id);
    }

    let graphml = text(Format::Graphml);
    let graphml = roxmltree::Document::parse(&graphml).unwrap();
    let keys = graphml_keys(&graphml);
    let nodes: Vec<_> = graphml
        .descendants()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "node")))
        .collect();
    for (got, (rgb, size)) in nodes.iter().zip(&looks) {
        let data = graphml_data(*got, &keys);
        let rgb_got = ["r", "g", "b"].map(|c| data[c].parse::<u8>().unwrap());
        assert_eq!((rgb_got[0], rgb_got[1], rgb_got[2]), *rgb);
        assert_eq!(&data["size"], size);
    }

    let gexf = text(Format::Gexf);
    let gexf = roxmltree::Document::parse(&gexf).unwrap();
    let viz = |name: &str| -> Vec<roxmltree::Node<'_, '_>> {
        gexf.descendants()
            .filter(|n| n.has_tag_name((VIZ_NS, name)))
            .collect()
    };
    for ((color, size), (rgb, want_size)) in viz("color").iter().zip(viz("size")).zip(&looks) {
        let got = ["r", "g", "b"].map(|c| color.attribute(c).unwrap().parse::<u8>().unwrap());
        assert_eq!((got[0], got[1], got[2]), *rgb);
        assert_eq!(size.attribute("value"), Some(want_size.as_str()));
    }

    let dot = text(Format::Dot);
    for (i, (rgb, _)) in looks.iter().enumerate() {
        let line = dot
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("\"n{i}\"[")))
            .unwrap();
        assert!(
            line.contains(&format!("fillcolor=\"{}\"", style::hex(*rgb))),
            "{line}"
        );
    }
    assert!(dot.contains("Legend (colour: community)"), "{dot}");

    let mermaid = text(Format::Mermaid);
    for (i, &c) in communities.iter().enumerate() {
        let class = format!("community_{}", c % 20);
        assert!(
            mermaid
                .lines()
                .any(|l| l.starts_with(&format!("  n{i}[")) && l.ends_with(&class)),
            "n{i} {class}"
        );
        let rgb = style::community_rgb(c as usize);
        let def = format!("  classDef {class} fill:{},", style::hex(rgb));
        assert!(mermaid.contains(&def), "{def}");
    }
}

// ---------------------------------------------------------------------------------------------
// SVG and PNG, drawn by Graphviz

const SVG_NS: &str = "http://www.w3.org/2000/svg";

#[test]
fn svg_is_well_formed_with_cjk_labels_as_text_in_every_legend_style() {
    if !have("dot") {
        eprintln!("note: Graphviz `dot` not found; skipping the SVG check");
        return;
    }
    let graph = hostile_graph();
    let kinds = graph.count_nodes_by_kind().len();
    // `dot` draws the legend cluster (a node per kind); `sfdp` gets one table node instead.
    for (engine, legend_nodes) in [
        (Engine::Auto, kinds),
        (Engine::Sfdp, 1),
        (Engine::Fdp, kinds),
    ] {
        let options = ExportOptions {
            engine,
            ..hostile_options()
        };
        let svg = String::from_utf8(to_bytes(&graph, Format::Svg, &options).unwrap()).unwrap();
        let parsing = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let doc = roxmltree::Document::parse_with_options(&svg, parsing)
            .unwrap_or_else(|e| panic!("{engine}: SVG is not well-formed: {e}"));
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name((SVG_NS, "text")))
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect();
        for want in [
            "多模态 <b>&'x'</b>",
            "贝叶斯",
            "Say \"hello\" to C:\\Users\\",
            "🧠 brain",
        ] {
            assert!(
                texts.iter().any(|t| t == want),
                "{engine}: no text {want:?} in {texts:?}"
            );
        }
        assert!(
            texts.iter().any(|t| t.contains("细粒度 分类")),
            "{engine}: {texts:?}"
        );
        let node_groups = doc
            .descendants()
            .filter(|n| n.has_tag_name((SVG_NS, "g")) && n.attribute("class") == Some("node"))
            .count();
        assert_eq!(node_groups, graph.node_count() + legend_nodes, "{engine}");
    }
    let png = to_bytes(&graph, Format::Png, &hostile_options()).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
}

// ---------------------------------------------------------------------------------------------
// Through the binary: two-file CSV, and Graphviz missing, slow or failing

/// A folder with one post.
fn one_post() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let post = "---\ntitle: 多模态学习\ndate: 2024-01-05\n---\n\n# 多模态\n\n正文\n";
    write(dir.path(), "2024-01-05-a.md", post);
    dir
}

#[test]
fn a_csv_output_writes_both_tables() {
    let posts = one_post();
    let out = tempfile::tempdir().unwrap();
    kgraph()
        .arg("build")
        .arg(posts.path())
        .arg("-o")
        .arg(out.path().join("g.csv"))
        .arg("-q")
        .assert()
        .success();
    let nodes = std::fs::read_to_string(out.path().join("g.nodes.csv")).unwrap();
    let edges = std::fs::read_to_string(out.path().join("g.edges.csv")).unwrap();
    assert!(nodes.starts_with("Id,Label,Kind,"), "{nodes}");
    assert!(edges.starts_with("Source,Target,Kind,Weight,"), "{edges}");
    assert!(!out.path().join("g.csv").exists());
}

#[test]
fn without_graphviz_the_drawing_fails_with_an_install_hint_and_the_rest_is_written() {
    let posts = one_post();
    let out = tempfile::tempdir().unwrap();
    let empty_path = tempfile::tempdir().unwrap();
    kgraph()
        .env("PATH", empty_path.path())
        .arg("build")
        .arg(posts.path())
        .args(["-o", "g.svg", "-o", "g.gexf", "-o", "g.png", "-o", "g.mmd"])
        .current_dir(out.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "kgraph: error: cannot write g.svg: Graphviz `dot` not found; install it \
             (Debian/Ubuntu: apt-get install graphviz fonts-noto-cjk; macOS: brew install \
             graphviz) or export .dot",
        ))
        .stderr(predicates::str::contains(
            "cannot write g.png: Graphviz `dot` not found",
        ));
    assert!(out.path().join("g.gexf").exists());
    assert!(out.path().join("g.mmd").exists());
    assert!(!out.path().join("g.svg").exists());
    assert!(!out.path().join("g.png").exists());
    let leftovers: Vec<_> = std::fs::read_dir(out.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 2, "no temporary files are left behind");
}

/// A folder whose `dot` is the shell script `body`.
#[cfg(unix)]
fn fake_graphviz(body: &str) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dot");
    std::fs::write(&path, format!("#!/bin/sh\nPATH=/usr/bin:/bin\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn a_slow_graphviz_is_stopped_at_the_render_timeout() {
    let posts = one_post();
    let out = tempfile::tempdir().unwrap();
    let fake = fake_graphviz("exec sleep 30");
    let started = std::time::Instant::now();
    kgraph()
        .env("PATH", fake.path())
        .arg("build")
        .arg(posts.path())
        .args(["-o", "g.svg", "-o", "g.json", "--render-timeout", "1"])
        .current_dir(out.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "cannot write g.svg: Graphviz `dot` was stopped after 1 s on ",
        ))
        .stderr(predicates::str::contains(
            " edges; try --engine sfdp, fewer nodes (--max-nodes, --focus) or a longer \
             --render-timeout",
        ));
    assert!(started.elapsed() < std::time::Duration::from_secs(15));
    assert!(out.path().join("g.json").exists());
    assert!(!out.path().join("g.svg").exists());
}

#[cfg(unix)]
#[test]
fn a_failing_graphviz_is_reported_with_its_stderr() {
    let posts = one_post();
    let out = tempfile::tempdir().unwrap();
    let fake =
        fake_graphviz("cat >/dev/null\necho 'Error: <stdin>: syntax error in line 3' >&2\nexit 1");
    kgraph()
        .env("PATH", fake.path())
        .arg("build")
        .arg(posts.path())
        .args(["-o", "g.svg", "--engine", "neato"])
        .current_dir(out.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "cannot write g.svg: Graphviz `neato` failed (exit status: 1): \
             Error: <stdin>: syntax error in line 3",
        ));
}

// ---------------------------------------------------------------------------------------------
// Real consumers of the new formats, when configured

/// Loads the GEXF with NetworkX and the CSV tables with Python's `csv`, and compares.
const PYTHON_NEW_FORMATS_CHECK: &str = r#"
import csv, json, sys
import networkx as nx

expected = json.load(open(sys.argv[1], encoding="utf-8"))
gexf, rfc_nodes, rfc_edges, gephi_nodes, gephi_edges = sys.argv[2:7]

g = nx.read_gexf(gexf)
assert g.is_directed() and g.is_multigraph(), "read_gexf: kind of graph"
assert g.number_of_nodes() == expected["nodes"], ("read_gexf nodes", g.number_of_nodes())
assert g.number_of_edges() == expected["edges"], ("read_gexf edges", g.number_of_edges())
assert dict(g.nodes(data="label")) == expected["gexf_labels"], "read_gexf labels"
assert dict(g.nodes(data="kind")) == expected["kinds"], "read_gexf kinds"
starts = {n: s for n, s in g.nodes(data="start") if s is not None}
assert starts == expected["starts"], ("read_gexf starts", starts)
assert all("size" in a["viz"] and "color" in a["viz"] for _, a in g.nodes(data=True)), "viz"
got_edges = sorted((u, v, d["label"], d["weight"]) for u, v, d in g.edges(data=True))
assert got_edges == sorted(tuple(e) for e in expected["edge_list"]), "read_gexf edges"

def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))

def unescape(s):
    return s.replace("\\\\", "\\")

for nodes_path, edges_path, decode in [(rfc_nodes, rfc_edges, str), (gephi_nodes, gephi_edges, unescape)]:
    nodes, edges = rows(nodes_path), rows(edges_path)
    assert len(nodes) == expected["nodes"], ("csv nodes", nodes_path, len(nodes))
    assert len(edges) == expected["edges"], ("csv edges", edges_path, len(edges))
    assert {decode(r["Id"]): decode(r["Label"]) for r in nodes} == expected["xml_labels"], nodes_path
    got = sorted((decode(r["Source"]), decode(r["Target"]), r["Kind"], float(r["Weight"])) for r in edges)
    assert got == sorted(tuple(e) for e in expected["edge_list"]), edges_path
print("networkx", nx.__version__, "read_gexf and Python csv agree")
"#;

/// What every reader should see, as JSON for the Python and Node checks.
fn expected_readings(graph: &KnowledgeGraph) -> serde_json::Value {
    let by_id =
        |f: &dyn Fn(&Node) -> serde_json::Value| -> serde_json::Map<String, serde_json::Value> {
            graph
                .nodes()
                .map(|(_, n)| (xml_expected(&n.id.to_string()), f(n)))
                .collect()
        };
    let edge_list: Vec<_> = graph
        .edges()
        .map(|e| {
            serde_json::json!([
                xml_expected(&graph.node(e.source).id.to_string()),
                xml_expected(&graph.node(e.target).id.to_string()),
                e.edge.kind.as_str(),
                f64::from(e.edge.weight),
            ])
        })
        .collect();
    let starts: serde_json::Map<String, serde_json::Value> = graph
        .nodes()
        .filter_map(|(_, n)| expected_start(n).map(|s| (n.id.to_string(), s.into())))
        .collect();
    serde_json::json!({
        "nodes": graph.node_count(),
        "edges": graph.edge_count(),
        "gexf_labels": by_id(&|n| gexf_expected(&n.label).into()),
        "xml_labels": by_id(&|n| xml_expected(&n.label).into()),
        "kinds": by_id(&|n| n.kind().as_str().into()),
        "starts": starts,
        "edge_list": edge_list,
    })
}

/// Writes [`expected_readings`] of the hostile graph into `dir`.
fn write_expected_readings(dir: &Path) -> PathBuf {
    let expected = expected_readings(&hostile_graph()).to_string();
    write(dir, "expected.json", expected.as_bytes())
}

#[test]
fn networkx_and_python_csv_load_gexf_and_csv() {
    let Some(python) = std::env::var_os("KGRAPH_PYTHON") else {
        eprintln!("note: set KGRAPH_PYTHON to a Python with networkx to run this check");
        return;
    };
    let graph = hostile_graph();
    let dir = tempfile::tempdir().unwrap();
    let expected = write_expected_readings(dir.path());
    let rfc = ExportOptions {
        csv_dialect: CsvDialect::Rfc4180,
        ..hostile_options()
    };
    let bytes = |format, options: &ExportOptions| to_bytes(&graph, format, options).unwrap();
    let files = [
        write(dir.path(), "h.gexf", export(Format::Gexf)),
        write(dir.path(), "rfc.nodes.csv", bytes(Format::CsvNodes, &rfc)),
        write(dir.path(), "rfc.edges.csv", bytes(Format::CsvEdges, &rfc)),
        write(dir.path(), "gephi.nodes.csv", export(Format::CsvNodes)),
        write(dir.path(), "gephi.edges.csv", export(Format::CsvEdges)),
    ];
    let mut args = vec![expected.as_os_str()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    run_check(
        &python,
        "-c",
        PYTHON_NEW_FORMATS_CHECK,
        &args,
        "Python readers",
    );
}

/// Parses the GEXF with graphology-gexf and the Mermaid file with `mermaid.parse`.
const NODE_CHECK: &str = r#"
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const { pathToFileURL } = require('url');
// With `node -e` there is no script path in argv.
const [modules, expectedPath, gexfPath, mmdPath] = process.argv.slice(1);
const req = createRequire(path.join(modules, 'noop.js'));
const assert = (ok, what) => { if (!ok) { console.error('FAIL', what); process.exit(1); } };

const expected = JSON.parse(fs.readFileSync(expectedPath, 'utf8'));
const Graph = req('graphology');
const gexf = req('graphology-gexf');
const g = gexf.parse(Graph, fs.readFileSync(gexfPath, 'utf8'));
assert(g.order === expected.nodes, `graphology nodes ${g.order}`);
assert(g.size === expected.edges, `graphology edges ${g.size}`);
assert(g.multi && g.type === 'directed', `graphology type ${g.type} multi ${g.multi}`);
for (const [id, label] of Object.entries(expected.gexf_labels)) {
  assert(g.getNodeAttribute(id, 'label') === label, `label of ${id}`);
  assert(g.getNodeAttribute(id, 'kind') === expected.kinds[id], `kind of ${id}`);
  assert(/^rgb\(\d+,\d+,\d+\)$/.test(g.getNodeAttribute(id, 'color')), `color of ${id}`);
}
const kinds = g.mapEdges((e, a) => a.kind).sort();
assert(JSON.stringify(kinds) === JSON.stringify(expected.edge_list.map(e => e[2]).sort()), 'edge kinds');

(async () => {
  const { JSDOM } = req('jsdom');
  const dom = new JSDOM('<!DOCTYPE html><body></body>');
  global.window = dom.window;
  global.document = dom.window.document;
  const mermaidPath = path.join(path.dirname(req.resolve('mermaid/package.json')), 'dist', 'mermaid.core.mjs');
  const mermaid = (await import(pathToFileURL(mermaidPath).href)).default;
  const result = await mermaid.parse(fs.readFileSync(mmdPath, 'utf8'));
  assert(result && result.diagramType === 'flowchart-v2', `mermaid diagram type ${result && result.diagramType}`);
  console.log('graphology-gexf and mermaid.parse accept the files');
})().catch(e => { console.error('FAIL', e && e.message || e); process.exit(1); });
"#;

#[test]
fn graphology_and_mermaid_accept_the_exports() {
    let Some(modules) = std::env::var_os("KGRAPH_NODE_MODULES") else {
        eprintln!("note: set KGRAPH_NODE_MODULES to run the graphology-gexf and Mermaid checks");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let expected = write_expected_readings(dir.path());
    let gexf = write(dir.path(), "h.gexf", export(Format::Gexf));
    let mmd = write(dir.path(), "h.mmd", export(Format::Mermaid));
    let args = [
        &*modules,
        expected.as_os_str(),
        gexf.as_os_str(),
        mmd.as_os_str(),
    ];
    run_check(
        OsStr::new("node"),
        "-e",
        NODE_CHECK,
        &args,
        "JavaScript readers",
    );
}
