//! GraphML export, for Gephi, NetworkX, igraph and yEd.
//!
//! # Format
//!
//! ```text
//! <?xml version="1.0" encoding="UTF-8"?>
//! <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
//!   <key id="label" for="node" attr.name="label" attr.type="string"/>
//!   … every key, declared once, always in the same order …
//!   <graph edgedefault="directed">
//!     <desc>options.name</desc>          (left out when the name is empty)
//!     <node id="n0">
//!       <data key="label">…</data>
//!       …
//!     </node>
//!     …
//!     <edge id="e0" source="n0" target="n3">
//!       <data key="elabel">has_topic</data>
//!       …
//!     </edge>
//!   </graph>
//! </graphml>
//! ```
//!
//! - Valid against the GraphML schema (`xmllint --schema`): every `<key>` comes before
//!   `<graph>`, all nodes before all edges, every edge endpoint exists.
//! - **Ids are synthetic**: node `i` of the sorted graph is `n{i}` and edge `j` is `e{j}` (edges in
//!   (source, target, relation) order), because GraphML ids are `xs:NMTOKEN` and real ids (URLs,
//!   emoji) are not. The real id travels in the `kgid` key.
//! - Node keys, in order: `label`, `kgid`, `kind`, then every [`Attr`] in
//!   `Attr::ALL` order with its id and `attr.name` equal to `Attr::as_str` and its `attr.type`
//!   from `Attr::ty` (`string`, `int` or `double`), then Gephi's `r`, `g`, `b` (`int`, the
//!   kind's colour from [`style_of`]) and `size` (`double`, see [`node_size`](super::style::node_size)).
//! - Edge keys: `elabel` (`attr.name="label"`, the relation: Gephi shows it as the edge label),
//!   `ekind` (`attr.name="kind"`, the relation) and `weight` (`int`, occurrence count; Gephi reads
//!   it as its edge weight). Key ids are document-unique, so edge keys get their own ids while
//!   readers see the names `label` and `kind`. No key is named `id` (igraph's own vertex
//!   attribute) or `type` (sigma.js, Gephi Lite).
//! - Each `<data>` is on one line with nothing around the value, because NetworkX keeps
//!   surrounding whitespace. An attribute that is unset, empty, or whose value does not fit the
//!   declared type is left out: there is never an empty `<data>` (NetworkX drops those anyway).
//! - Escaping by [`xml`](super::xml): element text escapes `& < >`, CR and LF (as `&#13;` and
//!   `&#10;`, so line breaks survive and every `<data>` stays on one line); characters XML 1.0
//!   forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF) are dropped, so a
//!   label holding U+0007 loses that one character instead of breaking the whole file.
//! - Gephi merges parallel edges of the same type between one pair, so two relations between
//!   the same pair arrive in Gephi as one edge; use GEXF there. NetworkX and igraph keep them.

use std::io::{self, Write};

use super::style::{node_size_text, style_of};
use super::xml::{escape_text, DECLARATION};
use super::{typed_text, ExportOptions, Exporter};
use crate::model::{Attr, AttrType, AttrValue, KnowledgeGraph, Node};

/// Writes GraphML.
pub(crate) struct GraphmlExporter;

/// The GraphML namespace.
const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";

/// Node keys written before the typed attributes: (id, type).
const NODE_HEAD_KEYS: [(&str, &str); 3] =
    [("label", "string"), ("kgid", "string"), ("kind", "string")];

/// Node keys written after the typed attributes: (id, type).
const NODE_TAIL_KEYS: [(&str, &str); 4] =
    [("r", "int"), ("g", "int"), ("b", "int"), ("size", "double")];

/// Edge keys: (id, attr.name, type).
const EDGE_KEYS: [(&str, &str, &str); 3] = [
    ("elabel", "label", "string"),
    ("ekind", "kind", "string"),
    ("weight", "weight", "int"),
];

/// The GraphML `attr.type` of an attribute type.
fn type_name(ty: AttrType) -> &'static str {
    match ty {
        AttrType::String => "string",
        AttrType::Int => "int",
        AttrType::Float => "double",
    }
}

/// Writes one `<key>` element.
fn write_key(out: &mut dyn Write, id: &str, target: &str, name: &str, ty: &str) -> io::Result<()> {
    writeln!(
        out,
        "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
    )
}

/// Writes one `<data>` line with already-escaped text, unless the text is empty.
fn write_data(out: &mut dyn Write, key: &str, escaped: &str) -> io::Result<()> {
    if escaped.is_empty() {
        return Ok(());
    }
    writeln!(out, "      <data key=\"{key}\">{escaped}</data>")
}

/// Writes a typed attribute's `<data>`, if its value fits the declared type.
fn write_attr(out: &mut dyn Write, attr: Attr, value: &AttrValue) -> io::Result<()> {
    match typed_text(attr, value) {
        Some(text) => write_data(out, attr.as_str(), &escape_text(&text)),
        None => Ok(()),
    }
}

/// Writes one `<node>` element.
fn write_node(
    out: &mut dyn Write,
    graph: &KnowledgeGraph,
    i: usize,
    node: &Node,
) -> io::Result<()> {
    writeln!(out, "    <node id=\"n{i}\">")?;
    write_data(out, "label", &escape_text(&node.label))?;
    let kind = node.kind().as_str();
    writeln!(
        out,
        "      <data key=\"kgid\">{kind}:{}</data>",
        escape_text(&node.id.key)
    )?;
    write_data(out, "kind", kind)?;
    for (&attr, value) in &node.attrs {
        write_attr(out, attr, value)?;
    }
    let (r, g, b) = style_of(node.kind()).rgb;
    write_data(out, "r", &r.to_string())?;
    write_data(out, "g", &g.to_string())?;
    write_data(out, "b", &b.to_string())?;
    write_data(out, "size", &node_size_text(graph.degree(i)))?;
    out.write_all(b"    </node>\n")
}

impl Exporter for GraphmlExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        out.write_all(DECLARATION)?;
        writeln!(out, "<graphml xmlns=\"{NAMESPACE}\">")?;
        for (id, ty) in NODE_HEAD_KEYS {
            write_key(out, id, "node", id, ty)?;
        }
        for attr in Attr::ALL {
            let name = attr.as_str();
            write_key(out, name, "node", name, type_name(attr.ty()))?;
        }
        for (id, ty) in NODE_TAIL_KEYS {
            write_key(out, id, "node", id, ty)?;
        }
        for (id, name, ty) in EDGE_KEYS {
            write_key(out, id, "edge", name, ty)?;
        }
        out.write_all(b"  <graph edgedefault=\"directed\">\n")?;
        let name = escape_text(&options.name);
        if !name.is_empty() {
            writeln!(out, "    <desc>{name}</desc>")?;
        }
        for (i, node) in graph.nodes() {
            write_node(out, graph, i, node)?;
        }
        for (j, e) in graph.edges().enumerate() {
            writeln!(
                out,
                "    <edge id=\"e{j}\" source=\"n{}\" target=\"n{}\">",
                e.source, e.target
            )?;
            let kind = e.edge.kind.as_str();
            write_data(out, "elabel", kind)?;
            write_data(out, "ekind", kind)?;
            write_data(out, "weight", &e.edge.weight.to_string())?;
            out.write_all(b"    </edge>\n")?;
        }
        out.write_all(b"  </graph>\n</graphml>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_are_unique_nmtokens_and_none_is_reserved() {
        let mut ids: Vec<&str> = NODE_HEAD_KEYS.iter().map(|k| k.0).collect();
        ids.extend(Attr::ALL.iter().map(|a| a.as_str()));
        ids.extend(NODE_TAIL_KEYS.iter().map(|k| k.0));
        ids.extend(EDGE_KEYS.iter().map(|k| k.0));
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "duplicate key id in {ids:?}");
        for id in ids {
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')),
                "{id}"
            );
            assert!(!["id", "type"].contains(&id), "{id}");
        }
    }

    #[test]
    fn mismatched_attribute_values_are_left_out() {
        let mut out = Vec::new();
        write_attr(&mut out, Attr::Part, &AttrValue::Str("two".into())).unwrap();
        write_attr(&mut out, Attr::Path, &AttrValue::Str(String::new())).unwrap();
        write_attr(&mut out, Attr::Path, &AttrValue::Str("\u{7}".into())).unwrap();
        assert!(out.is_empty(), "{}", String::from_utf8_lossy(&out));
        write_attr(&mut out, Attr::Part, &AttrValue::Int(2)).unwrap();
        assert_eq!(out, b"      <data key=\"part\">2</data>\n");
    }
}
