//! Exporter goldens and round trips on a tiny hand-made hostile graph.
//!
//! The graph has every node kind and labels built to break escapers: quotes, backslashes (one
//! trailing), `< > & '`, entity look-alikes, newline, CR, CRLF, tab, outer spaces, emoji, CJK,
//! an RTL mark, U+0007, U+FFFE, a URL id with `?a=b&c=d#x`, parallel relations between one pair,
//! a self-loop and an isolated node.
//!
//! Goldens live in `tests/golden/`; regenerate them with `KGRAPH_BLESS=1 cargo test` and review
//! the diff. External consumers (`dot`, `xmllint`, and with `KGRAPH_PYTHON` set, NetworkX and
//! igraph) are run when present and skipped with a note when not.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph, Id, Stmt, Vertex};
use kgraph::export::style::style_of;
use kgraph::export::{to_bytes, ExportOptions, Format};
use kgraph::model::{Attr, AttrValue, Edge, EdgeKind, KnowledgeGraph, Node, NodeId, NodeKind};
use serde::Deserialize;

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
    AttrValue::Str(v.to_string())
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
    KnowledgeGraph::from_parts(nodes, edges)
}

fn hostile_options() -> ExportOptions {
    ExportOptions {
        name: "hostile \"graph\" <&> \\".to_string(),
    }
}

fn export(format: Format) -> Vec<u8> {
    to_bytes(&hostile_graph(), format, &hostile_options()).expect("export succeeds")
}

fn export_str(format: Format) -> String {
    String::from_utf8(export(format)).expect("exporters write UTF-8")
}

// ---------------------------------------------------------------------------------------------
// Goldens

fn golden_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
        .join(name)
}

/// Compares `actual` with `tests/golden/<name>`, or rewrites the file when `KGRAPH_BLESS` is set.
fn assert_golden(name: &str, actual: &[u8]) {
    let path = golden_path(name);
    if std::env::var_os("KGRAPH_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; run with KGRAPH_BLESS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let (exp, act) = (
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual),
        );
        let line = exp
            .lines()
            .zip(act.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| exp.lines().count().min(act.lines().count()));
        panic!(
            "{} differs from the export at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             run with KGRAPH_BLESS=1 to accept the new output, then review the diff",
            path.display(),
            line + 1,
            exp.lines().nth(line),
            act.lines().nth(line),
        );
    }
}

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
    let reversed = KnowledgeGraph::from_parts(reversed_nodes, reversed_edges);
    for format in Format::ALL {
        let first = export(format);
        assert_eq!(first, export(format), "{format:?} twice");
        let other = to_bytes(&reversed, format, &hostile_options()).unwrap();
        assert_eq!(first, other, "{format:?} from reordered input");
    }
}

#[test]
fn empty_graph_exports_in_every_format() {
    for format in Format::ALL {
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

/// XML 1.0 `Char`: what survives the XML and DOT exporters.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// A string as XML readers get it back: the characters XML forbids are gone.
fn xml_expected(s: &str) -> String {
    s.chars().filter(|&c| is_xml_char(c)).collect()
}

/// A string as Graphviz draws it: forbidden characters gone, CRLF and CR made LF.
fn dot_expected(s: &str) -> String {
    xml_expected(&s.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Undoes DOT quoting the way Graphviz reads a label: `\\`, `\"`, `\n`, then `&amp;`.
fn graphviz_unquote(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not quoted: {quoted}"));
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                Some('n') => out.push('\n'),
                other => panic!("unexpected escape \\{other:?} in {quoted}"),
            }
        } else {
            out.push(c);
        }
    }
    out.replace("&amp;", "&")
}

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
}

impl JsonNode {
    fn attrs(&self) -> BTreeMap<Attr, AttrValue> {
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
        ];
        let floats = [(Attr::Score, self.score)];
        strs.into_iter()
            .filter_map(|(a, v)| v.clone().map(|v| (a, AttrValue::Str(v))))
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

const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";

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

fn id_text(id: &Id) -> &str {
    match id {
        Id::Html(s) | Id::Escaped(s) | Id::Plain(s) | Id::Anonymous(s) => s,
    }
}

fn find_attr<'a>(attrs: &'a [Attribute], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|a| id_text(&a.0) == name)
        .map(|a| id_text(&a.1))
}

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

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("-V")
        .output()
        .or_else(|_| Command::new(tool).arg("--version").output())
        .is_ok()
}

fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn graphviz_renders_the_dot_without_a_warning() {
    if !have("dot") {
        eprintln!("note: Graphviz `dot` not found; skipping the rendering check");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write_temp(dir.path(), "hostile.dot", &export(Format::Dot));
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
    let xsd = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/schemas/graphml/jgrapht-flat/graphml.xsd");
    let xsd = std::env::var_os("KGRAPH_GRAPHML_XSD").map_or(xsd, PathBuf::from);
    if !have("xmllint") || !xsd.exists() {
        eprintln!(
            "note: xmllint or {} not found; skipping the GraphML schema check",
            xsd.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write_temp(dir.path(), "hostile.graphml", &export(Format::Graphml));
    let run = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .arg(&input)
        .output()
        .unwrap();
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
    let expected = write_temp(dir.path(), "expected.json", expected.to_string().as_bytes());
    let graphml = write_temp(dir.path(), "hostile.graphml", &export(Format::Graphml));
    let node_link = write_temp(dir.path(), "hostile.json", &export(Format::Json));
    let run = Command::new(python)
        .arg("-c")
        .arg(PYTHON_CHECK)
        .arg(&expected)
        .arg(&graphml)
        .arg(&node_link)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "Python readers disagree:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    eprintln!("{}", String::from_utf8_lossy(&run.stdout).trim());
}
