//! One module per export format: its expected output for the hand-built hostile graph, a round
//! trip through a real parser, its real consumers, and a loose reader ([`ReadBack`]) for the
//! corpus and fuzz checks. Here: what spans the formats — determinism, the empty graph, the look
//! (`--color-by`, `--size-by`) in every format, and what every reader should see.
//!
//! External consumers (`dot`, `xmllint`, `jing`; with `KGRAPH_PYTHON` set, NetworkX, igraph and
//! Python's `csv`; with `KGRAPH_NODE_MODULES` set to a `node_modules` holding graphology,
//! graphology-gexf, @xmldom/xmldom, mermaid and jsdom, graphology-gexf and `mermaid.parse`) are
//! run when present and skipped with a note when not. The SVG and PNG exports need Graphviz and
//! are skipped without it.

pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod mermaid;
pub mod svg_png;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::to_bytes;
use kgraph::{Attr, AttrValue, Edge, KnowledgeGraph, Node};
use kgraph::{ExportOptions, Format, SizeBy};

use crate::common::hostile_graph::{
    community_look, export, hostile_graph, hostile_options, hostile_parts, testable_formats,
    with_metrics_and_positions,
};
use crate::common::{dot_expected, gexf_expected, write, xml_expected, GRAPHML_NS};

// ---------------------------------------------------------------------------------------------
// Every format

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
// The look: colour and size

/// How a node is drawn: its fill and its display size as the files write it (two decimals).
#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    pub rgb: (u8, u8, u8),
    pub size: String,
}

/// `#rrggbb` as `(r, g, b)`.
pub fn rgb_of(hex: &str) -> (u8, u8, u8) {
    let digits = hex
        .strip_prefix('#')
        .unwrap_or_else(|| panic!("not #rrggbb: {hex}"));
    let channel = |at: usize| u8::from_str_radix(&digits[at..at + 2], 16).unwrap();
    (channel(0), channel(2), channel(4))
}

/// Each node's look as the JSON export gives it (its `color` and `size`), in id order: the
/// reference the other formats must agree with.
pub fn looks(graph: &KnowledgeGraph, options: &ExportOptions) -> Vec<Look> {
    let doc: json::JsonDoc =
        serde_json::from_slice(&to_bytes(graph, Format::Json, options).unwrap())
            .expect("the JSON parses");
    doc.nodes
        .iter()
        .map(|n| Look {
            rgb: rgb_of(&n.color),
            size: format!("{:.2}", n.size),
        })
        .collect()
}

/// The display size of node `i` the README gives: `10 + 5·ln(1 + degree)`, or by PageRank
/// `10 + 5·ln(1 + n·pagerank)` for `n` nodes; two decimals, as the files write it.
pub fn documented_size(graph: &KnowledgeGraph, i: usize, size_by: SizeBy) -> String {
    let size = match (size_by, graph.node(i).attr(Attr::Pagerank)) {
        (SizeBy::Pagerank, Some(AttrValue::Float(pr))) => {
            10.0 + 5.0 * (graph.node_count() as f64 * pr).ln_1p()
        }
        (SizeBy::Pagerank, other) => panic!("node {i} has PageRank {other:?}"),
        (SizeBy::Degree, _) => 10.0 + 5.0 * (graph.degree(i) as f64).ln_1p(),
    };
    format!("{size:.2}")
}

/// Checks that two nodes share a colour exactly when they share a group (kind, community…).
pub fn assert_one_colour_per_group<G: PartialEq + std::fmt::Debug>(looks: &[Look], groups: &[G]) {
    assert_eq!(looks.len(), groups.len());
    for (a, (look_a, group_a)) in looks.iter().zip(groups).enumerate() {
        for (look_b, group_b) in looks[a + 1..].iter().zip(&groups[a + 1..]) {
            assert_eq!(
                look_a.rgb == look_b.rgb,
                group_a == group_b,
                "{group_a:?} {look_a:?} vs {group_b:?} {look_b:?}"
            );
        }
    }
}

#[test]
fn community_colours_and_pagerank_sizes_reach_every_format() {
    let graph = hostile_graph();
    let options = community_look();
    let looks = looks(&graph, &options);
    let communities: Vec<i64> = graph
        .nodes()
        .map(|(_, n)| match n.attr(Attr::Community) {
            Some(AttrValue::Int(c)) => *c,
            other => panic!("{} has community {other:?}", n.id),
        })
        .collect();
    assert!(communities.iter().any(|&c| c > 0), "{communities:?}");
    // 20 colours, repeating; community 0 gets the first of Kelly's colours (#f3c300).
    let palette_slots: Vec<i64> = communities.iter().map(|c| c % 20).collect();
    assert_one_colour_per_group(&looks, &palette_slots);
    let zero = communities.iter().position(|&c| c == 0).unwrap();
    assert_eq!(looks[zero].rgb, (0xf3, 0xc3, 0x00));
    for (i, look) in looks.iter().enumerate() {
        assert_eq!(
            look.size,
            documented_size(&graph, i, SizeBy::Pagerank),
            "n{i}"
        );
    }
    let text = |format| String::from_utf8(to_bytes(&graph, format, &options).unwrap()).unwrap();

    let graphml = text(Format::Graphml);
    let graphml = roxmltree::Document::parse(&graphml).unwrap();
    let keys = graphml::graphml_keys(&graphml);
    let nodes: Vec<_> = graphml
        .descendants()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "node")))
        .collect();
    for (got, want) in nodes.iter().zip(&looks) {
        let data = graphml::graphml_data(*got, &keys);
        let rgb = ["r", "g", "b"].map(|c| data[c].parse::<u8>().unwrap());
        assert_eq!((rgb[0], rgb[1], rgb[2]), want.rgb);
        assert_eq!(data["size"], want.size);
    }

    let gexf = text(Format::Gexf);
    let gexf = roxmltree::Document::parse(&gexf).unwrap();
    let viz = |name: &str| -> Vec<roxmltree::Node<'_, '_>> {
        gexf.descendants()
            .filter(|n| n.has_tag_name((gexf::VIZ_NS, name)))
            .collect()
    };
    for ((color, size), want) in viz("color").iter().zip(viz("size")).zip(&looks) {
        let got = ["r", "g", "b"].map(|c| color.attribute(c).unwrap().parse::<u8>().unwrap());
        assert_eq!((got[0], got[1], got[2]), want.rgb);
        assert_eq!(size.attribute("value"), Some(want.size.as_str()));
    }

    let dot = text(Format::Dot);
    let hex = |(r, g, b): (u8, u8, u8)| format!("#{r:02x}{g:02x}{b:02x}");
    for (i, want) in looks.iter().enumerate() {
        let line = dot
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("\"n{i}\"[")))
            .unwrap();
        let fill = format!("fillcolor=\"{}\"", hex(want.rgb));
        assert!(line.contains(&fill), "{line}");
    }
    assert!(dot.contains("Legend (colour: community)"), "{dot}");

    let mermaid = text(Format::Mermaid);
    for ((i, slot), want) in palette_slots.iter().enumerate().zip(&looks) {
        let class = format!("community_{slot}");
        assert!(
            mermaid
                .lines()
                .any(|l| l.starts_with(&format!("  n{i}[")) && l.ends_with(&class)),
            "n{i} {class}"
        );
        let def = format!("  classDef {class} fill:{},", hex(want.rgb));
        assert!(mermaid.contains(&def), "{def}");
    }
}

// ---------------------------------------------------------------------------------------------
// Reading exports back loosely, for the corpus and fuzz checks

/// What a reader makes of an export: each node's label by its real id, the number of edges, and
/// the graph's name where the format carries one.
#[derive(Debug)]
pub struct ReadBack {
    pub labels: BTreeMap<String, String>,
    pub edges: usize,
    pub name: Option<String>,
}

/// Checks that the GraphML, DOT and GEXF exports given carry the JSON export's nodes, labels,
/// edges and name as their readers see them: the characters XML forbids dropped, CR a line break
/// in DOT, white space collapsed in GEXF's `xsd:token` labels.
pub fn assert_exports_agree(
    json: &ReadBack,
    graphml: Option<&str>,
    dot: Option<&str>,
    gexf: Option<&str>,
) {
    let expected = |id: fn(&str) -> String, label: fn(&str) -> String| -> BTreeMap<_, _> {
        json.labels.iter().map(|(i, l)| (id(i), label(l))).collect()
    };
    let name = json.name.as_deref().unwrap_or_default();
    if let Some(text) = graphml {
        let got = graphml::read_back(text);
        let want = expected(str::to_string, xml_expected);
        assert_eq!(
            got.labels, want,
            "GraphML kgid → label differs from the JSON"
        );
        assert_eq!(got.edges, json.edges, "GraphML edges");
        assert_eq!(got.name.unwrap_or_default(), xml_expected(name));
    }
    if let Some(text) = dot {
        let got = dot::read_back(text);
        let want = expected(dot_expected, dot_expected);
        assert_eq!(
            got.labels, want,
            "DOT tooltip → label differs from the JSON"
        );
        assert_eq!(got.edges, json.edges, "DOT edges");
        assert_eq!(got.name.unwrap_or_default(), dot_expected(name));
    }
    if let Some(text) = gexf {
        let got = gexf::read_back(text);
        let want = expected(str::to_string, gexf_expected);
        assert_eq!(got.labels, want, "GEXF id → label differs from the JSON");
        assert_eq!(got.edges, json.edges, "GEXF edges");
    }
}

// ---------------------------------------------------------------------------------------------
// What the Python and Node consumers should read

/// What every reader should see of `graph`, as JSON for the Python and Node checks.
pub fn expected_readings(graph: &KnowledgeGraph) -> serde_json::Value {
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
        .filter_map(|(_, n)| gexf::expected_start(n).map(|s| (n.id.to_string(), s.into())))
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
pub fn write_expected_readings(dir: &Path) -> PathBuf {
    let expected = expected_readings(&hostile_graph()).to_string();
    write(dir, "expected.json", expected.as_bytes())
}
