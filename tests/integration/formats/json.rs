//! The JSON export (NetworkX node-link): its expected output, a round trip through strict
//! structs, and the loose reader of the corpus and fuzz checks.

use std::collections::{BTreeMap, BTreeSet};

use kgraph::{Attr, AttrValue, Attrs};
use kgraph::{Format, SizeBy};
use serde::Deserialize;
use serde_json::Value;

use super::{assert_one_colour_per_group, documented_size, looks, ReadBack};
use crate::common::hostile_graph::{assert_golden, export, hostile_graph, hostile_options};
use crate::common::is_xml_char;

#[test]
fn json_matches_golden() {
    assert_golden("graph.json", &export(Format::Json));
}

// ---------------------------------------------------------------------------------------------
// Round trip, through strict structs

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonDoc {
    directed: bool,
    multigraph: bool,
    graph: JsonGraph,
    pub nodes: Vec<JsonNode>,
    edges: Vec<JsonEdge>,
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
pub struct JsonNode {
    pub id: String,
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
    community_label: Option<String>,
    x: Option<f64>,
    y: Option<f64>,
    pub size: f64,
    pub color: String,
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
            (Attr::CommunityLabel, &self.community_label),
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
    for ((i, want), got) in graph.nodes().zip(&doc.nodes) {
        assert_eq!(got.id, want.id.to_string());
        assert_eq!(got.kind, want.kind().as_str());
        assert_eq!(got.label, want.label, "JSON keeps labels byte for byte");
        assert_eq!(got.attrs(), want.attrs, "{}", want.id);
        let size = documented_size(&graph, i, SizeBy::Degree);
        assert_eq!(format!("{:.2}", got.size), size, "{}", want.id);
    }
    // Colours follow the kind; the colours themselves are in the expected output.
    let kinds: Vec<&str> = doc.nodes.iter().map(|n| n.kind.as_str()).collect();
    assert_one_colour_per_group(&looks(&graph, &hostile_options()), &kinds);
    assert_eq!(doc.edges.len(), graph.edge_count());
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
// The loose reader

/// Reads a JSON export back: a directed multigraph with one edge list (`edges`), whose ids
/// hold no character XML forbids and are unique, and whose edges join known nodes once per kind.
pub fn read_back(bytes: &[u8]) -> ReadBack {
    let doc: Value = serde_json::from_slice(bytes).expect("the JSON parses");
    assert_eq!(doc["directed"], true);
    assert_eq!(doc["multigraph"], true);
    assert!(doc.get("links").is_none(), "`links` only with --json-links");
    let mut labels = BTreeMap::new();
    for node in doc["nodes"].as_array().unwrap() {
        let id = node["id"].as_str().unwrap().to_string();
        assert!(
            id.chars().all(is_xml_char),
            "id with a character XML forbids: {id:?}"
        );
        let label = node["label"].as_str().unwrap().to_string();
        assert!(labels.insert(id.clone(), label).is_none(), "repeated {id}");
    }
    let edges = doc["edges"].as_array().unwrap();
    let mut triples = BTreeSet::new();
    for e in edges {
        for end in ["source", "target"] {
            let id = e[end].as_str().unwrap();
            assert!(labels.contains_key(id), "edge to unknown node {id}");
        }
        assert!(e["weight"].as_u64().unwrap() >= 1);
        let triple = format!("{} {} {}", e["source"], e["target"], e["key"]);
        assert!(triples.insert(triple.clone()), "repeated edge {triple}");
    }
    ReadBack {
        labels,
        edges: edges.len(),
        name: doc["graph"]["name"].as_str().map(str::to_string),
    }
}
