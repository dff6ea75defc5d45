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
//!   colour from [`fill_rgb`]: the kind's, or the community's with `--color-by community`) and
//!   `size` (`double`, see [`display_size`](super::style::display_size): by degree or PageRank).
//! - The metrics (`degree`, `pagerank`, `community`…) are typed attributes like the others. When
//!   a layout ran, the positions are the `x` and `y` keys (`double`), the names Gephi's importer
//!   and graphology-graphml read as coordinates.
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

use super::style::{display_size_text, fill_rgb};
use super::xml::escape_text;
use super::{typed_text, write_each, write_xml_start, ExportOptions, Exporter};
use crate::model::{Attr, AttrType, AttrValue, EdgeRef, KnowledgeGraph, Node};

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

/// Appends one `<data>` line with already-escaped text, unless the text is empty.
fn push_data(line: &mut String, key: &str, escaped: &str) {
    if escaped.is_empty() {
        return;
    }
    line.extend(["      <data key=\"", key, "\">", escaped, "</data>\n"]);
}

/// Appends a typed attribute's `<data>`, if its value fits the declared type.
fn push_attr(line: &mut String, attr: Attr, value: &AttrValue) {
    if let Some(text) = typed_text(attr, value) {
        push_data(line, attr.as_str(), &escape_text(&text));
    }
}

/// Appends one `<node>` element.
fn push_node(
    line: &mut String,
    graph: &KnowledgeGraph,
    options: &ExportOptions,
    i: usize,
    node: &Node,
) {
    let mut number = itoa::Buffer::new();
    line.extend(["    <node id=\"n", number.format(i), "\">\n"]);
    push_data(line, "label", &escape_text(&node.label));
    let kind = node.kind().as_str();
    let key = escape_text(&node.id.key);
    line.extend(["      <data key=\"kgid\">", kind, ":", &key, "</data>\n"]);
    push_data(line, "kind", kind);
    for (attr, value) in node.attributes() {
        push_attr(line, attr, &value);
    }
    let (r, g, b) = fill_rgb(node, options.color_by);
    push_data(line, "r", number.format(r));
    push_data(line, "g", number.format(g));
    push_data(line, "b", number.format(b));
    push_data(line, "size", &display_size_text(graph, i, options.size_by));
    line.push_str("    </node>\n");
}

/// Appends the `<edge>` element of the `j`-th edge.
fn push_edge(line: &mut String, j: usize, e: EdgeRef<'_>) {
    line.extend([
        "    <edge id=\"e",
        itoa::Buffer::new().format(j),
        "\" source=\"n",
        itoa::Buffer::new().format(e.source),
        "\" target=\"n",
        itoa::Buffer::new().format(e.target),
        "\">\n",
    ]);
    let kind = e.edge.kind.as_str();
    push_data(line, "elabel", kind);
    push_data(line, "ekind", kind);
    push_data(line, "weight", itoa::Buffer::new().format(e.edge.weight));
    line.push_str("    </edge>\n");
}

impl Exporter for GraphmlExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        write_xml_start(out, format_args!("<graphml xmlns=\"{NAMESPACE}\">"))?;
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
        write_each(out, graph.nodes(), |line, (i, node)| {
            push_node(line, graph, options, i, node)
        })?;
        write_each(out, graph.edges().enumerate(), |line, (j, e)| {
            push_edge(line, j, e)
        })?;
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
        let mut out = String::new();
        push_attr(&mut out, Attr::Part, &AttrValue::text("two"));
        push_attr(&mut out, Attr::Path, &AttrValue::text(""));
        push_attr(&mut out, Attr::Path, &AttrValue::text("\u{7}"));
        assert!(out.is_empty(), "{out}");
        push_attr(&mut out, Attr::Part, &AttrValue::Int(2));
        assert_eq!(out, "      <data key=\"part\">2</data>\n");
    }
}
