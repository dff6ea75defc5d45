//! Property tests of every exporter ("fuzzing" on stable Rust): graphs of every node kind with
//! hostile ids, labels, text attributes and graph names. The JSON, GraphML, DOT and GEXF exports
//! must re-parse (serde_json, roxmltree, graphviz-rust) with the same ids and labels, except the
//! characters XML forbids, which the XML and DOT exports drop (and CR, which DOT turns into a
//! line break, and white space, which GEXF's `xsd:token` labels collapse); the HTML viewer's
//! embedded data must parse with every label intact and no label may close its `<script>`; CSV
//! and Mermaid must be written. With Graphviz and xmllint installed, a few cases also go through
//! `dot -Tsvg` (empty stderr), `xmllint --schema` (GraphML) and `xmllint --relaxng` (GEXF).
//!
//! The extractor's property tests are in `src/extract/fuzz_tests.rs`; both share the generators
//! and settings of [`crate::hostile_text`].

use std::collections::{BTreeMap, BTreeSet};

use crate::common::to_bytes;
use kgraph::{Attr, AttrType, AttrValue, Edge, EdgeKind, KnowledgeGraph, Node, NodeId, NodeKind};
use kgraph::{ExportOptions, Format};
use proptest::prelude::*;
use proptest::sample::Index;

use crate::common::{gexf_rng, graphml_xsd, have, write, xmllint};
use crate::formats::{assert_exports_agree, dot, html, json, svg_png};
use crate::hostile_text::{cases_from, config, hostile_label, url};

// ---------------------------------------------------------------------------------------------
// Generated graphs

/// A node of any kind with a hostile key (some of them URLs) and label, and hostile text in a
/// few of its text attributes.
fn hostile_node() -> impl Strategy<Value = Node> {
    let text_attrs: Vec<Attr> = Attr::ALL
        .into_iter()
        .filter(|a| a.ty() == AttrType::String)
        .collect();
    (
        prop::sample::select(NodeKind::ALL.to_vec()),
        prop_oneof![hostile_label(), url()],
        hostile_label(),
        prop::collection::vec((prop::sample::select(text_attrs), hostile_label()), 0..3),
    )
        .prop_map(|(kind, key, label, attrs)| Node {
            id: NodeId::new(kind, key),
            label,
            attrs: attrs
                .into_iter()
                .map(|(attr, text)| (attr, AttrValue::text(text)))
                .collect(),
        })
}

/// A graph of hostile nodes (ids made unique) with relations between them (one per source,
/// target and kind), and a hostile name.
fn hostile_graphs() -> impl Strategy<Value = (KnowledgeGraph, String)> {
    let edge = (
        any::<Index>(),
        any::<Index>(),
        prop::sample::select(EdgeKind::ALL.to_vec()),
        1u32..5,
    );
    (
        prop::collection::vec(hostile_node(), 0..16),
        prop::collection::vec(edge, 0..24),
        hostile_label(),
    )
        .prop_map(|(nodes, edges, name)| {
            let mut ids = BTreeSet::new();
            let nodes: Vec<Node> = nodes
                .into_iter()
                .filter(|n| ids.insert(n.id.clone()))
                .collect();
            let mut relations = BTreeSet::new();
            let edges = edges
                .into_iter()
                .filter(|_| !nodes.is_empty())
                .map(|(s, t, kind, weight)| {
                    let (s, t) = (s.index(nodes.len()), t.index(nodes.len()));
                    (s, t, Edge { kind, weight })
                })
                .filter(|(s, t, e)| relations.insert((*s, *t, e.kind)))
                .collect();
            (KnowledgeGraph::from_parts(nodes, edges), name)
        })
}

fn export_options(name: &str) -> ExportOptions {
    ExportOptions {
        name: name.to_string(),
        ..ExportOptions::default()
    }
}

fn exports_of(graph: &KnowledgeGraph, name: &str) -> [Vec<u8>; 4] {
    let options = export_options(name);
    [Format::Json, Format::Graphml, Format::Dot, Format::Gexf]
        .map(|f| to_bytes(graph, f, &options).expect("export succeeds"))
}

// ---------------------------------------------------------------------------------------------
// Every exporter, read back

fn check_exports(graph: &KnowledgeGraph, name: &str) {
    let [json, graphml, dot, gexf] = exports_of(graph, name);
    let read = json::read_back(&json);
    let real: BTreeMap<String, String> = graph
        .nodes()
        .map(|(_, n)| (n.id.to_string(), n.label.clone()))
        .collect();
    assert_eq!(read.labels, real, "JSON labels");
    assert_eq!(read.edges, graph.edge_count(), "JSON edges");
    assert_eq!(read.name.as_deref(), Some(name), "JSON name");
    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).expect("UTF-8");
    assert_exports_agree(
        &read,
        Some(&text(&graphml)),
        Some(&text(&dot)),
        Some(&text(&gexf)),
    );

    // Skipped in a build without the viewer bundle.
    if let Ok(page) = to_bytes(graph, Format::Html, &export_options(name)) {
        html::assert_data_keeps_labels(&text(&page), &real);
    }

    // The other text formats: they are written whatever the labels (their readers are checked
    // by tests/conformance).
    let options = export_options(name);
    for format in [Format::CsvNodes, Format::CsvEdges, Format::Mermaid] {
        let bytes = to_bytes(graph, format, &options).expect("export succeeds");
        assert!(
            std::str::from_utf8(&bytes).is_ok(),
            "{format:?} is not UTF-8"
        );
    }
}

proptest! {
    #![proptest_config(config(cases_from("PROPTEST_CASES", 200)))]

    #[test]
    fn every_export_reparses_with_the_same_labels((graph, name) in hostile_graphs()) {
        check_exports(&graph, &name);
    }
}

// ---------------------------------------------------------------------------------------------
// The real consumers, on fewer cases

proptest! {
    #![proptest_config(config(cases_from("KGRAPH_FUZZ_TOOL_CASES", 20)))]

    #[test]
    fn graphviz_and_xmllint_accept_every_export((graph, name) in hostile_graphs()) {
        let [_, graphml, dot, gexf] = exports_of(&graph, &name);
        let dir = tempfile::tempdir().unwrap();
        if have("dot") {
            svg_png::parse_svg(&dot::draw_without_a_warning(&dot));
        }
        let checks = [
            ("--schema", graphml_xsd(), "g.graphml", graphml),
            ("--relaxng", gexf_rng(), "g.gexf", gexf),
        ];
        for (check, grammar, name, export) in checks {
            if have("xmllint") && grammar.exists() {
                let run = xmllint(check, &grammar, &write(dir.path(), name, &export));
                prop_assert!(run.status.success(), "xmllint: {}", String::from_utf8_lossy(&run.stderr));
            }
        }
    }
}
