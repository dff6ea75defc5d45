//! GEXF 1.3 export, Gephi's own format (also read by NetworkX and graphology).
//!
//! # Format
//!
//! ```text
//! <?xml version="1.0" encoding="UTF-8"?>
//! <gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
//!   <meta>
//!     <creator>kgraph <version></creator>
//!     <description>options.name</description>       (left out when the name is empty)
//!   </meta>
//!   <graph defaultedgetype="directed" mode="dynamic" timeformat="date">
//!     <attributes class="node">
//!       <attribute id="kind" title="kind" type="string"/>
//!       <attribute id="path" title="path" type="string"/>
//!       … every attribute but x and y, declared once, always in the same order …
//!     </attributes>
//!     <nodes count="N">
//!       <node id="post:notes/a.md" label="…" start="2024-01-05">
//!         <attvalues>
//!           <attvalue for="kind" value="post"/>
//!           <attvalue for="path" value="notes/a.md"/>
//!           …
//!         </attvalues>
//!         <viz:color r="0" g="114" b="178"/>
//!         <viz:size value="13.47"/>
//!         <viz:position x="-120.5" y="33.12"/>          (only when a layout ran)
//!       </node>
//!       …
//!     </nodes>
//!     <edges count="M">
//!       <edge id="e0" source="post:notes/a.md" target="topic:多模态" label="has_topic" kind="has_topic" weight="1"/>
//!       …
//!     </edges>
//!   </graph>
//! </gexf>
//! ```
//!
//! - Valid against the GEXF 1.3 RELAX NG grammar (`gexf.rng`; the official `.xsd` rejects every
//!   file that uses `viz`). The namespace has no `www.` (NetworkX finds no `<graph>` with it),
//!   the viz prefix is literally `viz` (graphology matches `viz:color` by tag name), there is
//!   never an `xsi:schemaLocation` (the grammar rejects it), and `<edges>` is always written,
//!   empty or not (the grammar requires it).
//! - **Ids are the real node ids** (`kind:key`: URLs, CJK, emoji are all fine in GEXF), without
//!   the code points XML forbids; in the rare case that dropping them makes two ids equal, the
//!   later one gets `~1` (see [`NodeIds`]). Edges get `e{j}`, in (source, target, relation)
//!   order, as in GraphML.
//! - Node attributes: `kind`, then every [`Attr`] in `Attr::ALL` order, each with id and title
//!   equal to its name (graphology uses a non-numeric id as the title) and its type from
//!   `Attr::ty`: `string`, `long` or `double`. An unset attribute, an empty value or one that
//!   does not fit the declared type is left out. No edge attributes are declared.
//! - `viz:color` is the colour from [`fill_rgb`] (the kind's, or the community's with
//!   `--color-by community`); `viz:size` is the GraphML size
//!   ([`display_size`](super::style::display_size): by degree or
//!   PageRank). When a layout ran (`--layout fa2`), the node's `x` and `y` are its
//!   `viz:position` (no `z`), where Gephi, NetworkX and graphology read positions; they are not
//!   repeated as attributes. The metrics (`degree`, `pagerank`, `community`…) are attributes.
//! - **Edges carry their relation as `kind`**, which keeps two relations between one pair
//!   apart in Gephi (it merges parallel edges of one kind), and as `label` (shown by Gephi,
//!   read by NetworkX). `weight` is the occurrence count.
//! - **Post dates are time.** A post whose `date` is a real calendar date `YYYY-MM-DD` gets
//!   `start="YYYY-MM-DD"` (an interval open to the future), and the graph is then
//!   `mode="dynamic" timeformat="date"`, so Gephi's timeline shows the blog growing post by
//!   post; every other node and every edge exists at all times. Without any dated post the graph
//!   is `mode="static"` with no `timeformat`. The date is also kept as the `date` attribute,
//!   verbatim, including dates the grammar's `xsd:date` would reject (`2024-02-30`), which get
//!   no `start`.
//! - **Labels are `xsd:token`s**, so they are written as a token reader sees them ([`token`]):
//!   line breaks and runs of whitespace become one space, outer whitespace goes. Attribute values
//!   are `xsd:string` and keep line breaks (as `&#10;`).
//! - Escaping by [`xml`](super::xml): `& < > " '`, tab, LF and CR in attribute values;
//!   characters XML 1.0 forbids are dropped.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::style::{display_size_text, fill_rgb};
use super::xml::{escape_attr, escape_text, token, NodeIds};
use super::{typed_text, write_each, write_xml_start, ExportOptions, Exporter};
use crate::model::{Attr, AttrType, AttrValue, EdgeRef, KnowledgeGraph, Node, NodeKind};
use crate::text::is_calendar_date;

/// Writes GEXF 1.3.
pub(crate) struct GexfExporter;

/// The GEXF 1.3 namespace.
const NAMESPACE: &str = "http://gexf.net/1.3";

/// The GEXF 1.3 viz namespace.
const VIZ_NAMESPACE: &str = "http://gexf.net/1.3/viz";

/// The GEXF type of an attribute type.
fn type_name(ty: AttrType) -> &'static str {
    match ty {
        AttrType::String => "string",
        AttrType::Int => "long",
        AttrType::Float => "double",
    }
}

/// `date` if it is a real calendar date written `YYYY-MM-DD` (year 0001 to 9999), as
/// `xsd:date` and Gephi's date parser accept it.
fn calendar_date(date: &str) -> Option<&str> {
    let b = date.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let num = |range: std::ops::Range<usize>| date[range].parse::<u32>().ok();
    let ymd = (num(0..4)?, num(5..7)?, num(8..10)?);
    is_calendar_date(ymd).then_some(date)
}

/// The `start` of a node: a post's calendar date.
fn start_of(node: &Node) -> Option<&str> {
    if node.kind() != NodeKind::Post {
        return None;
    }
    match node.attr(Attr::Date) {
        Some(AttrValue::Str(date)) => calendar_date(date),
        _ => None,
    }
}

/// Appends one `<attvalue>` with an unescaped value, unless the value is empty.
fn push_attvalue(line: &mut String, id: &str, value: &str) {
    let value = escape_attr(value);
    if value.is_empty() {
        return;
    }
    line.extend([
        "          <attvalue for=\"",
        id,
        "\" value=\"",
        &value,
        "\"/>\n",
    ]);
}

/// The node's layout position, when it has one.
fn position_of(node: &Node) -> Option<(f64, f64)> {
    match (node.attr(Attr::X), node.attr(Attr::Y)) {
        (Some(AttrValue::Float(x)), Some(AttrValue::Float(y)))
            if x.is_finite() && y.is_finite() =>
        {
            Some((*x, *y))
        }
        _ => None,
    }
}

/// Every node's id as an attribute value holds it: escaped once, then written by the node and
/// by each of its edges.
struct EscapedIds<'a> {
    ids: &'a NodeIds<'a>,
    keys: Vec<Cow<'a, str>>,
}

impl<'a> EscapedIds<'a> {
    fn new(ids: &'a NodeIds<'a>, node_count: usize) -> Self {
        let keys = (0..node_count)
            .map(|i| escape_attr(ids.pieces(i)[2]))
            .collect();
        EscapedIds { ids, keys }
    }

    /// Appends the id of node `i`.
    fn push(&self, line: &mut String, i: usize) {
        let [kind, colon, _] = self.ids.pieces(i);
        line.extend([kind, colon, &self.keys[i]]);
    }
}

/// Appends the `<node>` element of node `i`; `size` is its display size.
fn push_node(
    line: &mut String,
    ids: &EscapedIds<'_>,
    i: usize,
    node: &Node,
    options: &ExportOptions,
    size: &str,
) {
    line.push_str("      <node id=\"");
    ids.push(line, i);
    let label = token(&node.label);
    line.extend(["\" label=\"", &escape_attr(&label), "\""]);
    if let Some(start) = start_of(node) {
        line.extend([" start=\"", start, "\""]);
    }
    line.push_str(">\n        <attvalues>\n");
    push_attvalue(line, "kind", node.kind().as_str());
    for (attr, value) in node.attributes().filter(|(a, _)| !a.is_position()) {
        if let Some(text) = typed_text(attr, &value) {
            push_attvalue(line, attr.as_str(), &text);
        }
    }
    line.push_str("        </attvalues>\n");
    let (r, g, b) = fill_rgb(node, options.color_by);
    line.extend([
        "        <viz:color r=\"",
        itoa::Buffer::new().format(r),
        "\" g=\"",
        itoa::Buffer::new().format(g),
        "\" b=\"",
        itoa::Buffer::new().format(b),
        "\"/>\n        <viz:size value=\"",
        size,
        "\"/>\n",
    ]);
    if let Some((x, y)) = position_of(node) {
        let _ = writeln!(line, "        <viz:position x=\"{x}\" y=\"{y}\"/>");
    }
    line.push_str("      </node>\n");
}

/// Appends the `<edge>` element of the `j`-th edge.
fn push_edge(line: &mut String, j: usize, e: EdgeRef<'_>, ids: &EscapedIds<'_>) {
    let kind = e.edge.kind.as_str();
    line.push_str("      <edge id=\"e");
    line.push_str(itoa::Buffer::new().format(j));
    line.push_str("\" source=\"");
    ids.push(line, e.source);
    line.push_str("\" target=\"");
    ids.push(line, e.target);
    line.extend([
        "\" label=\"",
        kind,
        "\" kind=\"",
        kind,
        "\" weight=\"",
        itoa::Buffer::new().format(e.edge.weight),
        "\"/>\n",
    ]);
}

impl Exporter for GexfExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        write_xml_start(
            out,
            format_args!(
                "<gexf xmlns=\"{NAMESPACE}\" xmlns:viz=\"{VIZ_NAMESPACE}\" version=\"1.3\">"
            ),
        )?;
        out.write_all(b"  <meta>\n")?;
        writeln!(
            out,
            "    <creator>kgraph {}</creator>",
            env!("CARGO_PKG_VERSION")
        )?;
        let name = escape_text(&options.name);
        if !name.is_empty() {
            writeln!(out, "    <description>{name}</description>")?;
        }
        out.write_all(b"  </meta>\n")?;
        let dynamic = graph.nodes().any(|(_, n)| start_of(n).is_some());
        let mode = if dynamic {
            "mode=\"dynamic\" timeformat=\"date\""
        } else {
            "mode=\"static\""
        };
        writeln!(out, "  <graph defaultedgetype=\"directed\" {mode}>")?;
        out.write_all(b"    <attributes class=\"node\">\n")?;
        let declared = std::iter::once(("kind", "string")).chain(
            Attr::ALL
                .iter()
                .filter(|a| !a.is_position())
                .map(|a| (a.as_str(), type_name(a.ty()))),
        );
        for (id, ty) in declared {
            writeln!(
                out,
                "      <attribute id=\"{id}\" title=\"{id}\" type=\"{ty}\"/>"
            )?;
        }
        out.write_all(b"    </attributes>\n")?;

        let node_ids = NodeIds::new(graph);
        let ids = EscapedIds::new(&node_ids, graph.node_count());
        writeln!(out, "    <nodes count=\"{}\">", graph.node_count())?;
        write_each(out, graph.nodes(), |line, (i, node)| {
            let size = display_size_text(graph, i, options.size_by);
            push_node(line, &ids, i, node, options, &size)
        })?;
        out.write_all(b"    </nodes>\n")?;
        writeln!(out, "    <edges count=\"{}\">", graph.edge_count())?;
        write_each(out, graph.edges().enumerate(), |line, (j, e)| {
            push_edge(line, j, e, &ids)
        })?;
        out.write_all(b"    </edges>\n  </graph>\n</gexf>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_calendar_dates_written_in_full_are_times() {
        for ok in ["2024-02-29", "0001-12-31", "9999-01-31"] {
            assert_eq!(calendar_date(ok), Some(ok));
        }
        for bad in [
            "2024-02-30",
            "0000-01-01",
            "2024-1-01",
            "2024-01-01 10:00",
            "２０２４-01-01",
            "+024-01-01",
            "",
        ] {
            assert_eq!(calendar_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn attribute_names_are_unique_and_not_reserved() {
        let mut names: Vec<&str> = Attr::ALL.iter().map(|a| a.as_str()).collect();
        names.push("kind");
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
        for name in names {
            // `label` and `id` are node fields; `type` breaks sigma.js and Gephi Lite.
            assert!(!["id", "label", "type", "weight"].contains(&name), "{name}");
            assert!(
                name.parse::<f64>().is_err(),
                "numeric ids make graphology use the title"
            );
        }
    }
}
