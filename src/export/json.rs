//! JSON export: NetworkX node-link data.
//!
//! # Format
//!
//! One UTF-8 JSON object in NetworkX's node-link shape. The edge list is under `edges`, what
//! NetworkX 3.6 and later read by default: `networkx.node_link_graph(json.load(f))` loads it
//! with default arguments. With [`ExportOptions::json_links`] (`--json-links`) the same list is
//! written again under `links`, what NetworkX 3.4 and 3.5, older releases and d3 examples read
//! by default; it is off by default because it doubles the file's edges, the larger part of it.
//!
//! ```text
//! {
//!   "directed": true,
//!   "multigraph": true,
//!   "graph": {"name":"<options.name>","schema_version":1,"generator":"kgraph <version>"},
//!   "nodes": [
//!     {"id":"<kind>:<key>","kind":"<kind>","label":"<label>", <attributes>,"size":13.47,"color":"#0072b2"},
//!     …
//!   ],
//!   "edges": [
//!     {"source":"<node id>","target":"<node id>","key":"<relation>","kind":"<relation>","weight":<n>},
//!     …
//!   ],
//!   "links": [ …the same items as "edges"… ]          (only with --json-links)
//! }
//! ```
//!
//! - **`multigraph` is always `true` and every edge has a `key` equal to its relation.** kgraph
//!   keeps relations between one pair apart (a post can both `cites` and `mentions` the same
//!   resource); with `multigraph: false` NetworkX would build a `DiGraph` and silently merge
//!   them, so its edge count would disagree with kgraph's. A (source, target, relation) triple
//!   is unique, so the relation is a valid multigraph key, and one fixed shape is simpler for
//!   readers than a flag that depends on the data. NetworkX moves `key` out of the edge data,
//!   leaving `kind` and `weight`.
//! - Node ids are the real string ids (`post:notes/a.md`, `resource:https://…`); edge endpoints
//!   use the same strings. Nothing relies on integer ids (JavaScript loses them above 2^53).
//! - Node objects carry `id`, `kind`, `label`, then the attributes that are set, in
//!   [`Attr::ALL`](crate::model::Attr::ALL) order under their [`Attr::as_str`](crate::model::Attr::as_str)
//!   names: integers and reals as JSON numbers, text as strings. A non-finite real (never produced
//!   by kgraph) is left out rather than written as `null`. The metrics (`degree`, `pagerank`,
//!   `community`…) are among them, and so are `x` and `y` when a layout ran.
//! - Then the look, under the names sigma.js, graphology and d3 examples use: `size` (the display
//!   size, two decimals, see [`display_size`](super::style::display_size)) and `color`
//!   (`#rrggbb`, see [`fill_rgb`](super::style::fill_rgb)), following `--size-by` and `--color-by`
//!   as in the other formats.
//! - `weight` is the edge's occurrence count, an integer ≥ 1.
//! - Strings are written as raw UTF-8 and kept exactly: JSON can carry any character, so unlike
//!   the XML and DOT exporters nothing is dropped (control characters become `\u00XX`).
//! - Layout: the top-level keys one per line, then **one node or edge per line**, each compact.
//!   That keeps a 30 000-node export small and line-diffable. Nodes come in id order, edges in
//!   (source, target, relation) order, so the bytes depend on the graph alone.
//! - `graph.schema_version` is bumped whenever this shape changes incompatibly.

use std::io::{self, Write};

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::style::{display_size, fill_rgb, hex};
use super::{ExportOptions, Exporter};
use crate::model::{AttrValue, KnowledgeGraph, Node, NodeId};

/// Version of the JSON shape, written as `graph.schema_version`.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// Writes NetworkX node-link JSON.
pub(crate) struct JsonExporter;

/// The `graph` object.
#[derive(Serialize)]
struct GraphDto<'a> {
    name: &'a str,
    schema_version: u32,
    generator: &'a str,
}

/// One entry of `nodes`: `id`, `kind`, `label`, the attributes that are set, `size`, `color`.
struct NodeDto<'a> {
    node: &'a Node,
    size: f64,
    color: String,
}

impl Serialize for NodeDto<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let node = self.node;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &DisplayedId(&node.id))?;
        map.serialize_entry("kind", node.kind().as_str())?;
        map.serialize_entry("label", &node.label)?;
        for (attr, value) in node.attributes() {
            let name = attr.as_str();
            match &*value {
                AttrValue::Str(s) => map.serialize_entry(name, s.as_str())?,
                AttrValue::Int(i) => map.serialize_entry(name, i)?,
                AttrValue::Float(x) if x.is_finite() => map.serialize_entry(name, x)?,
                AttrValue::Float(_) => {}
            }
        }
        map.serialize_entry("size", &self.size)?;
        map.serialize_entry("color", &self.color)?;
        map.end()
    }
}

/// A node id as one JSON string, written without an intermediate `String`.
struct DisplayedId<'a>(&'a NodeId);

impl Serialize for DisplayedId<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

/// Writes the items of one top-level array, one compact item per line, each serialised into one
/// reused buffer and written at once (few calls through `dyn Write`).
fn write_array<T: Serialize>(
    out: &mut dyn Write,
    items: impl Iterator<Item = T>,
) -> io::Result<()> {
    let mut line = Vec::with_capacity(1024);
    let mut first = true;
    for item in items {
        line.clear();
        line.extend_from_slice(if first { b"\n    " } else { b",\n    " });
        serde_json::to_writer(&mut line, &item)?;
        out.write_all(&line)?;
        first = false;
    }
    if !first {
        out.write_all(b"\n  ")?;
    }
    Ok(())
}

/// Appends node `i`'s id as a JSON string.
fn push_id(line: &mut Vec<u8>, graph: &KnowledgeGraph, i: usize) -> io::Result<()> {
    let id = &graph.node(i).id;
    // serde_json escapes only `"`, `\` and control characters: most keys need none of it.
    if id.key.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        serde_json::to_writer(&mut *line, &id.to_string())?;
    } else {
        for piece in [
            b"\"",
            id.kind.as_str().as_bytes(),
            b":",
            id.key.as_bytes(),
            b"\"",
        ] {
            line.extend_from_slice(piece);
        }
    }
    Ok(())
}

/// Writes the items of the edge array, as [`write_array`] would write them.
///
/// Edges are most of the file and their objects have a fixed shape, so they are assembled
/// directly rather than serialized field by field.
fn write_edge_array(out: &mut dyn Write, graph: &KnowledgeGraph) -> io::Result<()> {
    let mut line = Vec::with_capacity(512);
    for (n, e) in graph.edges().enumerate() {
        line.clear();
        line.extend_from_slice(if n == 0 { b"\n    " } else { b",\n    " });
        line.extend_from_slice(b"{\"source\":");
        push_id(&mut line, graph, e.source)?;
        line.extend_from_slice(b",\"target\":");
        push_id(&mut line, graph, e.target)?;
        let kind = e.edge.kind.as_str().as_bytes();
        for piece in [
            b",\"key\":\"".as_slice(),
            kind,
            b"\",\"kind\":\"",
            kind,
            b"\",\"weight\":",
            itoa::Buffer::new().format(e.edge.weight).as_bytes(),
            b"}",
        ] {
            line.extend_from_slice(piece);
        }
        out.write_all(&line)?;
    }
    if graph.edge_count() > 0 {
        out.write_all(b"\n  ")?;
    }
    Ok(())
}

impl Exporter for JsonExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let generator = concat!("kgraph ", env!("CARGO_PKG_VERSION"));
        out.write_all(b"{\n  \"directed\": true,\n  \"multigraph\": true,\n  \"graph\": ")?;
        serde_json::to_writer(
            &mut *out,
            &GraphDto {
                name: &options.name,
                schema_version: SCHEMA_VERSION,
                generator,
            },
        )?;
        out.write_all(b",\n  \"nodes\": [")?;
        write_array(
            out,
            graph.nodes().map(|(i, node)| NodeDto {
                node,
                size: (display_size(graph, i, options.size_by) * 100.0).round() / 100.0,
                color: hex(fill_rgb(node, options.color_by)),
            }),
        )?;
        out.write_all(b"],\n  \"edges\": [")?;
        write_edge_array(out, graph)?;
        if options.json_links {
            out.write_all(b"],\n  \"links\": [")?;
            write_edge_array(out, graph)?;
        }
        out.write_all(b"]\n}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::bare_node as node;
    use crate::export::{to_bytes, Format};
    use crate::model::{Attr, Edge, EdgeKind, NodeKind};

    #[test]
    fn empty_graph_is_valid_json() {
        let bytes = to_bytes(
            &KnowledgeGraph::default(),
            Format::Json,
            &ExportOptions::default(),
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["nodes"], serde_json::json!([]));
        assert_eq!(v["edges"], serde_json::json!([]));
        assert_eq!(v["multigraph"], true);
    }

    #[test]
    fn attribute_names_do_not_clash_with_fixed_fields() {
        for attr in Attr::ALL {
            assert!(
                !["id", "kind", "label", "key", "source", "target", "weight", "size", "color"]
                    .contains(&attr.as_str()),
                "{attr:?}"
            );
        }
    }

    #[test]
    fn non_finite_reals_are_left_out_and_ints_are_numbers() {
        let mut a = node(NodeKind::Topic, "t", "T");
        a.attrs.insert(Attr::Level, AttrValue::Int(2));
        a.attrs.insert(Attr::Posts, AttrValue::Float(f64::NAN));
        let b = node(NodeKind::Post, "p", "P");
        let edge = Edge {
            kind: EdgeKind::HasTopic,
            weight: 3,
        };
        let g = KnowledgeGraph::from_parts(vec![a, b], vec![(1, 0, edge)]);
        let bytes = to_bytes(&g, Format::Json, &ExportOptions::default()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let topic = &v["nodes"][1];
        assert_eq!(topic["level"], 2);
        assert!(topic.get("posts").is_none());
        assert_eq!(v["edges"][0]["key"], "has_topic");
        assert_eq!(v["edges"][0]["weight"], 3);
        assert!(v.get("links").is_none());
    }

    #[test]
    fn json_links_repeats_the_edge_list_for_older_networkx() {
        let edge = Edge {
            kind: EdgeKind::Cites,
            weight: 1,
        };
        let nodes = vec![
            node(NodeKind::Post, "p", "P"),
            node(NodeKind::Resource, "r", "R"),
        ];
        let g = KnowledgeGraph::from_parts(nodes, vec![(0, 1, edge)]);
        let options = ExportOptions {
            json_links: true,
            ..ExportOptions::default()
        };
        let bytes = to_bytes(&g, Format::Json, &options).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["edges"].as_array().map(Vec::len), Some(1));
        assert_eq!(v["links"], v["edges"]);
    }
}
