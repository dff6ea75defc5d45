//! The DOT statements built as graphviz-rust ASTs and printed by its printer: the header's
//! defaults and the legend.

use graphviz_rust::dot_structures::{Attribute, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph};

use super::{quoted, style_of, ColorBy, KindStyle, Legend, NodeKind};
use crate::model::KnowledgeGraph;

/// Font for graph, node and edge text: covers CJK, and Graphviz falls back silently when absent.
const FONT: &str = "Noto Sans CJK SC";

/// An attribute whose value is a quoted string.
fn attr(name: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(name.to_string()), quoted(value))
}

/// An attribute whose value is a number, written bare.
fn attr_num(name: &str, value: impl ToString) -> Attribute {
    Attribute(Id::Plain(name.to_string()), Id::Plain(value.to_string()))
}

/// The attributes that draw a node of the given style.
fn style_attrs(style: KindStyle) -> [Attribute; 3] {
    let text = if style.needs_light_text() {
        "white"
    } else {
        "black"
    };
    [
        attr("shape", style.shape),
        attr("fillcolor", &style.hex()),
        attr("fontcolor", text),
    ]
}

/// A node statement; `fontcolor` is left out when it is the default black.
fn node_stmt(id: &str, mut attributes: Vec<Attribute>, style: KindStyle) -> Stmt {
    attributes.extend(
        style_attrs(style)
            .into_iter()
            .filter(|a| !(a.0 == Id::Plain("fontcolor".into()) && a.1 == quoted("black"))),
    );
    Stmt::Node(Node::new(NodeId(quoted(id), None), attributes))
}

/// The statements that open the graph: defaults for graph, nodes and edges.
pub(super) fn header(overlap: &str) -> Vec<Stmt> {
    vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("charset", "UTF-8"),
            attr("fontname", FONT),
            attr("rankdir", "LR"),
            attr("overlap", overlap),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", FONT),
            attr("style", "filled"),
            attr("fontcolor", "black"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", FONT),
            attr("color", "#00000080"),
            attr_num("arrowsize", "0.6"),
        ])),
    ]
}

/// Fill of the legend's kind samples when nodes are coloured by community.
const LEGEND_NEUTRAL: (u8, u8, u8) = (0xEE, 0xEE, 0xEE);

/// How the legend draws `kind`: its own style, grey when colours mean communities.
fn legend_style(kind: NodeKind, color_by: ColorBy) -> KindStyle {
    match color_by {
        ColorBy::Kind => style_of(kind),
        ColorBy::Community => KindStyle {
            rgb: LEGEND_NEUTRAL,
            ..style_of(kind)
        },
    }
}

/// The legend's title.
fn legend_title(color_by: ColorBy) -> &'static str {
    match color_by {
        ColorBy::Kind => "Legend",
        ColorBy::Community => "Legend (colour: community)",
    }
}

/// The legend, or `None` for an empty graph.
pub(super) fn legend(graph: &KnowledgeGraph, style: Legend, color_by: ColorBy) -> Option<Stmt> {
    let kinds: Vec<NodeKind> = graph
        .count_nodes_by_kind()
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    if kinds.is_empty() {
        return None;
    }
    if style == Legend::Table {
        return Some(legend_table(&kinds, color_by));
    }
    let mut stmts = vec![Stmt::GAttribute(GraphAttributes::Graph(vec![
        attr("label", legend_title(color_by)),
        attr("style", "rounded"),
        attr("color", "#999999"),
    ]))];
    stmts.extend(kinds.into_iter().map(|kind| {
        let label = vec![attr("label", kind.as_str())];
        node_stmt(
            &format!("legend_{kind}"),
            label,
            legend_style(kind, color_by),
        )
    }));
    Some(Stmt::Subgraph(Subgraph {
        id: quoted("cluster_legend"),
        stmts,
    }))
}

/// The legend as one node with an HTML-like table label: a title row, then a row per kind.
fn legend_table(kinds: &[NodeKind], color_by: ColorBy) -> Stmt {
    let mut html = format!(
        "<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">\
         <TR><TD BORDER=\"0\"><B>{}</B></TD></TR>",
        legend_title(color_by)
    );
    for &kind in kinds {
        let style = legend_style(kind, color_by);
        let text = if style.needs_light_text() {
            "white"
        } else {
            "black"
        };
        html.push_str(&format!(
            "<TR><TD BGCOLOR=\"{}\"><FONT COLOR=\"{text}\">{kind}</FONT></TD></TR>",
            style.hex()
        ));
    }
    html.push_str("</TABLE>>");
    let attributes = vec![
        attr("shape", "plain"),
        attr("style", "solid"),
        Attribute(Id::Plain("label".to_string()), Id::Html(html)),
    ];
    Stmt::Node(Node::new(NodeId(quoted("legend_kinds"), None), attributes))
}
