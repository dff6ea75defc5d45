//! The DOT export: its expected output, a round trip through graphviz-rust's parser, Graphviz
//! drawing it without a warning, and the loose reader of the corpus and fuzz checks.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph, Id, Stmt, Vertex};
use kgraph::Format;
use kgraph::NodeKind;

use super::ReadBack;
use crate::common::hostile_graph::{
    assert_golden, export, export_str, hostile_graph, hostile_options,
};
use crate::common::{dot_expected, have};

#[test]
fn dot_matches_golden() {
    assert_golden("graph.dot", &export(Format::Dot));
}

// ---------------------------------------------------------------------------------------------
// Round trip, through graphviz-rust's parser

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
// Graphviz

/// Draws `dot` with `dot -Tsvg` and returns the SVG; Graphviz must succeed without a word on
/// stderr (kgraph drops its stderr on success, so a warning would go unseen).
pub fn draw_without_a_warning(dot: &[u8]) -> String {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(dot).unwrap();
    let run = child.wait_with_output().unwrap();
    assert!(run.status.success(), "dot failed: {run:?}");
    assert_eq!(String::from_utf8_lossy(&run.stderr), "", "dot warned");
    String::from_utf8(run.stdout).expect("Graphviz writes UTF-8 SVG")
}

#[test]
fn graphviz_renders_the_dot_without_a_warning() {
    if !have("dot") {
        eprintln!("note: Graphviz `dot` not found; skipping the rendering check");
        return;
    }
    draw_without_a_warning(&export(Format::Dot));
}

// ---------------------------------------------------------------------------------------------
// The loose reader

/// Reads a DOT export back with graphviz-rust: labels by tooltip (the real id), edges outside
/// the legend, and the graph's name.
pub fn read_back(text: &str) -> ReadBack {
    let Graph::DiGraph { id, stmts, .. } = graphviz_rust::parse(text).expect("the DOT parses")
    else {
        panic!("not a digraph");
    };
    let mut labels = BTreeMap::new();
    let mut edges = 0;
    for stmt in &stmts {
        match stmt {
            Stmt::Node(n) => {
                let tooltip = graphviz_unquote(find_attr(&n.attributes, "tooltip").unwrap());
                let label = graphviz_unquote(find_attr(&n.attributes, "label").unwrap());
                labels.insert(tooltip, label);
            }
            Stmt::Edge(_) => edges += 1,
            _ => {}
        }
    }
    ReadBack {
        labels,
        edges,
        name: Some(graphviz_unquote(id_text(&id))),
    }
}

// ---------------------------------------------------------------------------------------------
// DOT as Graphviz reads it

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
