//! The GEXF export: its expected output, a round trip through roxmltree (real ids, typed
//! attributes, post dates, looks and positions), the RELAX NG grammar, and the loose reader of
//! the corpus and fuzz checks.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::to_bytes;
use kgraph::{Attr, AttrType, AttrValue, KnowledgeGraph, Node, NodeKind};
use kgraph::{ExportOptions, Format};

use super::{looks, ReadBack};
use crate::common::hostile_graph::{
    assert_golden, community_look, export, export_str, hostile_graph, hostile_options,
    hostile_parts, POSITIONS,
};
use crate::common::{gexf_expected, have, manifest_dir, write, xml_expected, GEXF_NS};

#[test]
fn gexf_matches_golden() {
    assert_golden("graph.gexf", &export(Format::Gexf));
}

// ---------------------------------------------------------------------------------------------
// Round trip

pub const VIZ_NS: &str = "http://gexf.net/1.3/viz";

/// The post date that becomes a GEXF `start`: every hostile date but the impossible one.
pub fn expected_start(node: &Node) -> Option<&str> {
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
    let looks = looks(&graph, &hostile_options());
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
            AttrType::String => "string",
            AttrType::Int => "long",
            AttrType::Float => "double",
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
            .map(|(a, v)| (a.as_str().to_string(), xml_expected(&v.to_string())))
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
        assert_eq!((rgb[0], rgb[1], rgb[2]), looks[i].rgb);
        assert_eq!(viz("size").attribute("value"), Some(looks[i].size.as_str()));
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
// The loose reader

/// Reads a GEXF export back: labels by id and the number of edges.
pub fn read_back(text: &str) -> ReadBack {
    let doc = roxmltree::Document::parse(text).expect("the GEXF is well-formed");
    let labels = doc
        .descendants()
        .filter(|n| n.has_tag_name((GEXF_NS, "node")))
        .map(|n| {
            let attr = |name| n.attribute(name).unwrap_or_default().to_string();
            (attr("id"), attr("label"))
        })
        .collect();
    let edges = doc
        .descendants()
        .filter(|n| n.has_tag_name((GEXF_NS, "edge")))
        .count();
    ReadBack {
        labels,
        edges,
        name: None,
    }
}
