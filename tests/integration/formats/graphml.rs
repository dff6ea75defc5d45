//! The GraphML export: its expected output, a round trip through roxmltree, the schema, NetworkX
//! and igraph, and the loose reader of the corpus and fuzz checks.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::Path;

use kgraph::Format;
use kgraph::{Attr, AttrType};

use super::{looks, ReadBack};
use crate::common::hostile_graph::{
    assert_golden, export, export_str, hostile_graph, hostile_options,
};
use crate::common::{graphml_xsd, run_check, write, xml_expected, xmllint_accepts, GRAPHML_NS};

#[test]
fn graphml_matches_golden() {
    assert_golden("graph.graphml", &export(Format::Graphml));
}

// ---------------------------------------------------------------------------------------------
// Round trip

/// `key id → (for, attr.name, attr.type)`.
pub fn graphml_keys(doc: &roxmltree::Document<'_>) -> BTreeMap<String, (String, String, String)> {
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
pub fn graphml_data(
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
    let looks = looks(&graph, &hostile_options());
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
            AttrType::String => "string",
            AttrType::Int => "int",
            AttrType::Float => "double",
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
        assert_eq!((rgb[0], rgb[1], rgb[2]), looks[i].rgb);
        assert_eq!(data.remove("size"), Some(looks[i].size.clone()));
        let attrs: BTreeMap<String, String> = want
            .attrs
            .iter()
            .map(|(a, v)| (a.as_str().to_string(), xml_expected(&v.to_string())))
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

#[test]
fn graphml_is_valid_against_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "hostile.graphml", export(Format::Graphml));
    xmllint_accepts("--schema", &graphml_xsd(), &input, "GraphML schema");
}

// ---------------------------------------------------------------------------------------------
// NetworkX and igraph, when configured

/// Loads a node-link JSON and a GraphML export with NetworkX (and igraph when asked) and checks
/// their counts and labels.
const NETWORKX_CHECK: &str = r#"
import json, sys
import networkx as nx

want = json.load(open(sys.argv[1], encoding="utf-8"))
node_link, graphml = sys.argv[2], sys.argv[3]
counts = (want["nodes"], want["edges"])

d = nx.node_link_graph(json.load(open(node_link, encoding="utf-8")))
assert d.is_directed() and d.is_multigraph(), "node-link: kind of graph"
assert (d.number_of_nodes(), d.number_of_edges()) == counts, ("node-link counts", d)
assert {n: a["label"] for n, a in d.nodes(data=True)} == want["json"], "node-link labels"

g = nx.read_graphml(graphml)
assert g.is_directed(), "read_graphml: directed"
assert (g.number_of_nodes(), g.number_of_edges()) == counts, ("read_graphml counts", g)
assert {a["kgid"]: a.get("label", "") for _, a in g.nodes(data=True)} == want["xml"], "read_graphml labels"
readers = ["networkx " + nx.__version__]

if want["igraph"]:
    import igraph
    i = igraph.Graph.Read_GraphML(graphml)
    assert i.is_directed(), "igraph: directed"
    assert (i.vcount(), i.ecount()) == counts, ("igraph counts", i.vcount(), i.ecount())
    assert dict(zip(i.vs["kgid"], i.vs["label"])) == want["xml"], "igraph labels"
    readers.append("igraph " + igraph.__version__)
print(" and ".join(readers), "agree")
"#;

/// Runs [`NETWORKX_CHECK`] with `python` on the exports `node_link` and `graphml` of a graph with
/// `labels` (real id → label) and `edges` edges.
pub fn networkx_agrees(
    python: &OsStr,
    node_link: &Path,
    graphml: &Path,
    labels: &BTreeMap<String, String>,
    edges: usize,
    with_igraph: bool,
) {
    let xml: BTreeMap<&String, String> =
        labels.iter().map(|(id, l)| (id, xml_expected(l))).collect();
    let want = serde_json::json!({
        "nodes": labels.len(),
        "edges": edges,
        "json": labels,
        "xml": xml,
        "igraph": with_igraph,
    });
    let dir = tempfile::tempdir().unwrap();
    let want = write(dir.path(), "expected.json", want.to_string());
    let args = [want.as_os_str(), node_link.as_os_str(), graphml.as_os_str()];
    run_check(python, "-c", NETWORKX_CHECK, &args, "Python readers");
}

#[test]
fn networkx_and_igraph_load_the_exports() {
    let Some(python) = std::env::var_os("KGRAPH_PYTHON") else {
        eprintln!("note: set KGRAPH_PYTHON to a Python with networkx and igraph to run this check");
        return;
    };
    let graph = hostile_graph();
    let labels: BTreeMap<String, String> = graph
        .nodes()
        .map(|(_, n)| (n.id.to_string(), n.label.clone()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let graphml = write(dir.path(), "hostile.graphml", export(Format::Graphml));
    let node_link = write(dir.path(), "hostile.json", export(Format::Json));
    networkx_agrees(
        &python,
        &node_link,
        &graphml,
        &labels,
        graph.edge_count(),
        true,
    );
}

// ---------------------------------------------------------------------------------------------
// The loose reader

/// Reads a GraphML export back: labels by `kgid`, every `<data>` non-empty, node ids unique, no
/// dangling edge; the name is the graph's `<desc>`.
pub fn read_back(text: &str) -> ReadBack {
    let doc = roxmltree::Document::parse(text).expect("the GraphML is well-formed");
    let keys: BTreeMap<&str, &str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "key")))
        .map(|k| {
            (
                k.attribute("id").unwrap(),
                k.attribute("attr.name").unwrap(),
            )
        })
        .collect();
    let mut labels = BTreeMap::new();
    let mut ids = BTreeSet::new();
    for node in doc
        .descendants()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "node")))
    {
        assert!(ids.insert(node.attribute("id").unwrap().to_string()));
        let mut data = BTreeMap::new();
        for d in node.children().filter(|n| n.is_element()) {
            let name = keys[d.attribute("key").unwrap()];
            let text = d.text().unwrap_or_default().to_string();
            assert!(!text.is_empty(), "empty <data> for {name}");
            data.insert(name, text);
        }
        let kgid = data.remove("kgid").expect("every node has a kgid");
        let label = data.remove("label").unwrap_or_default();
        assert!(labels.insert(kgid.clone(), label).is_none(), "kgid {kgid}");
    }
    let edges = doc
        .descendants()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "edge")))
        .inspect(|e| {
            for end in ["source", "target"] {
                assert!(ids.contains(e.attribute(end).unwrap()), "dangling edge");
            }
        })
        .count();
    let name = doc
        .descendants()
        .find(|n| n.has_tag_name((GRAPHML_NS, "desc")))
        .and_then(|d| d.text())
        .map(str::to_string);
    ReadBack {
        labels,
        edges,
        name,
    }
}
