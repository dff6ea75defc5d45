//! The viewer's data: the graph as the JSON object the HTML viewer reads, escaped to sit inside
//! a `<script>` element.
//!
//! # Format
//!
//! One JSON object, written by [`write_viewer_data`]; every `<` in it is written `\u003c`, so no
//! label can close the script element or open a comment. Arrays are columns, one per
//! line; node `i` is the `i`-th node in id order and edges refer to nodes by that index:
//!
//! ```text
//! {"format":"kgraph-viewer","version":1,"name":"<options.name>","generator":"kgraph <version>",
//! "colorBy":"kind",                                      or "community": the colouring shown first
//! "kinds":[{"name":"post","color":"#0072b2"},…],        every node kind, legend order
//! "edgeKinds":["has_topic",…],                          every edge kind
//! "palette":["#4e79a7",…],                               only with communities
//! "nodes":{
//! "id":[…],"label":[…],                                  strings
//! "kind":[…],                                            index into kinds
//! "size":[…],                                            display size (--size-by), 2 decimals
//! "color":[…],                                           only with communities: index into palette
//! "x":[…],"y":[…],                                       only when every node has both
//! "attrs":[{…},…]},                                      every other attribute, by name
//! "edges":{"source":[…],"target":[…],"kind":[…],"weight":[…]}}
//! ```
//!
//! - The layout attributes are read by name: `x` and `y` (numbers) become the `x`/`y` columns,
//!   and only when every node has both; otherwise the viewer places the nodes itself
//!   (a sector per kind, refined by ForceAtlas2 in the browser for graphs up to 20 000 nodes).
//!   Coordinates keep five significant digits of the largest one.
//! - `size` is the node's display size as in every other format ([`display_size`]): by degree,
//!   or by PageRank with `--size-by pagerank`. The viewer draws labels for the biggest nodes
//!   first.
//! - With a `community` attribute (an integer) nodes can be coloured by community, with the
//!   palette of every other format ([`community_rgb`]: community `c` gets colour `c mod 20`;
//!   nodes without one are grey); `colorBy` says which colouring the viewer shows first, as
//!   `--color-by` does for the other formats, and the legend switches between the two.
//! - `attrs` carry every attribute but `x` and `y` in [`Attr::ALL`] order under their
//!   [`Attr::as_str`] names (a resource's `url` included): text as strings, integers as numbers,
//!   reals rounded to six significant digits; non-finite reals are left out.
//! - The bytes depend on the graph and the kgraph build alone.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::Value;

use super::GENERATOR;
use crate::export::style::{community_rgb, display_size, hex, style_of, ColorBy};
use crate::export::ExportOptions;
use crate::model::{AttrValue, EdgeKind, KnowledgeGraph, Node, NodeKind};

/// Version of the data contract, written as `version`.
pub(crate) const VIEWER_DATA_VERSION: u32 = 1;

/// The colour of nodes without a community.
const OTHER_COMMUNITY: &str = "#c8c8c8";

/// Writes the viewer's data (see the module's "# Format"), with every `<` as `\u003c`.
pub(crate) fn write_viewer_data(
    graph: &KnowledgeGraph,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = DataWriter {
        text: String::new(),
    };
    w.raw("{\"format\":\"kgraph-viewer\",\"version\":");
    w.raw(&VIEWER_DATA_VERSION.to_string());
    w.raw(",\"name\":");
    w.json(&Value::from(options.name.as_str()));
    w.raw(",\"generator\":");
    w.json(&Value::from(GENERATOR));
    w.raw(",\n\"colorBy\":");
    w.json(&Value::from(match options.color_by {
        ColorBy::Kind => "kind",
        ColorBy::Community => "community",
    }));
    w.raw(",\n\"kinds\":[");
    for (k, kind) in NodeKind::ALL.into_iter().enumerate() {
        w.sep(k);
        w.raw("{\"name\":");
        w.json(&Value::from(kind.as_str()));
        w.raw(",\"color\":");
        w.json(&Value::from(style_of(kind).hex()));
        w.raw("}");
    }
    w.raw("],\n\"edgeKinds\":");
    w.column(EdgeKind::ALL.iter().map(|k| Value::from(k.as_str())));

    let nodes: Vec<&Node> = graph.nodes().map(|(_, n)| n).collect();
    let layout: Vec<Layout> = nodes
        .iter()
        .map(|n| Layout::read(n.attrs.iter().map(|(a, v)| (a.as_str(), v))))
        .collect();
    let communities = community_colors(&layout);
    if let Some((palette, _)) = &communities {
        w.raw(",\n\"palette\":");
        w.column(palette.iter().map(|c| Value::from(c.as_str())));
    }
    w.raw(",\n\"nodes\":{\n\"id\":");
    w.column(nodes.iter().map(|n| Value::from(n.id.to_string())));
    w.raw(",\n\"label\":");
    w.column(nodes.iter().map(|n| Value::from(n.label.as_str())));
    w.raw(",\n\"kind\":");
    w.column(nodes.iter().map(|n| Value::from(kind_index(n.kind()))));
    w.raw(",\n\"size\":");
    w.numbers((0..nodes.len()).map(|i| fixed(display_size(graph, i, options.size_by), 2)));
    if let Some((_, colors)) = &communities {
        w.raw(",\n\"color\":");
        w.column(colors.iter().map(|&c| Value::from(c)));
    }
    if let Some((xs, ys)) = positions(&layout) {
        let extent = xs.iter().chain(&ys).fold(0.0f64, |m, v| m.max(v.abs()));
        let decimals = coordinate_decimals(extent);
        w.raw(",\n\"x\":");
        w.numbers(xs.iter().map(|&v| fixed(v, decimals)));
        w.raw(",\n\"y\":");
        w.numbers(ys.iter().map(|&v| fixed(v, decimals)));
    }
    w.raw(",\n\"attrs\":");
    w.column(nodes.iter().map(|n| panel_attrs(n)));
    w.raw("},\n\"edges\":{\"source\":");
    w.column(graph.edges().map(|e| Value::from(e.source)));
    w.raw(",\n\"target\":");
    w.column(graph.edges().map(|e| Value::from(e.target)));
    w.raw(",\n\"kind\":");
    w.column(
        graph
            .edges()
            .map(|e| Value::from(edge_kind_index(e.edge.kind))),
    );
    w.raw(",\n\"weight\":");
    w.column(graph.edges().map(|e| Value::from(e.edge.weight)));
    w.raw("}}\n");
    out.write_all(w.text.as_bytes())
}

/// Builds the data text; `<` never reaches it unescaped.
struct DataWriter {
    text: String,
}

impl DataWriter {
    /// Appends text known to hold no `<`.
    fn raw(&mut self, s: &str) {
        debug_assert!(!s.contains('<'));
        self.text.push_str(s);
    }

    fn sep(&mut self, i: usize) {
        if i > 0 {
            self.text.push(',');
        }
    }

    /// Appends `value` as compact JSON with `<` written `\u003c`.
    fn json(&mut self, value: &Value) {
        let s = serde_json::to_string(value).expect("a JSON value serializes");
        self.text.push_str(&s.replace('<', "\\u003c"));
    }

    fn column(&mut self, values: impl Iterator<Item = Value>) {
        self.text.push('[');
        for (i, v) in values.enumerate() {
            self.sep(i);
            self.json(&v);
        }
        self.text.push(']');
    }

    /// Appends an array of numbers already formatted.
    fn numbers(&mut self, values: impl Iterator<Item = String>) {
        self.text.push('[');
        for (i, v) in values.enumerate() {
            self.sep(i);
            self.text.push_str(&v);
        }
        self.text.push(']');
    }
}

fn kind_index(kind: NodeKind) -> usize {
    NodeKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

fn edge_kind_index(kind: EdgeKind) -> usize {
    EdgeKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

/// The layout and metrics attributes the viewer uses, read by name (`x`, `y`, `community`) so
/// that they are picked up whichever stage adds them (sizes come from [`display_size`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Layout {
    x: Option<f64>,
    y: Option<f64>,
    community: Option<i64>,
}

impl Layout {
    /// Reads a node's `(name, value)` attributes: numbers must be finite, `community` an integer.
    fn read<'a>(attrs: impl IntoIterator<Item = (&'a str, &'a AttrValue)>) -> Layout {
        let number = |v: &AttrValue| match v {
            AttrValue::Int(i) => Some(*i as f64),
            AttrValue::Float(x) if x.is_finite() => Some(*x),
            _ => None,
        };
        let mut layout = Layout::default();
        for (name, value) in attrs {
            match name {
                "x" => layout.x = number(value),
                "y" => layout.y = number(value),
                "community" => {
                    if let AttrValue::Int(c) = value {
                        layout.community = Some(*c);
                    }
                }
                _ => {}
            }
        }
        layout
    }
}

/// The `x` and `y` columns, when every node has both.
fn positions(layout: &[Layout]) -> Option<(Vec<f64>, Vec<f64>)> {
    if layout.is_empty() {
        return None;
    }
    let xs: Option<Vec<f64>> = layout.iter().map(|l| l.x).collect();
    let ys: Option<Vec<f64>> = layout.iter().map(|l| l.y).collect();
    Some((xs?, ys?))
}

/// Decimals that keep five significant digits of `extent`, the largest coordinate.
fn coordinate_decimals(extent: f64) -> usize {
    if extent <= 0.0 {
        return 0;
    }
    (5 - extent.log10().ceil() as i64).clamp(0, 12) as usize
}

/// `v` with `decimals` decimals, trailing zeros dropped (`1.50` → `1.5`, `-0.00` → `0`).
fn fixed(v: f64, decimals: usize) -> String {
    let mut s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.truncate(s.trim_end_matches('0').trim_end_matches('.').len());
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}

/// `x` rounded to six significant digits.
fn six_digits(x: f64) -> f64 {
    format!("{x:.5e}").parse().unwrap_or(x)
}

/// The node's attributes for the side panel: all but the coordinates.
fn panel_attrs(node: &Node) -> Value {
    let mut map = serde_json::Map::new();
    for (attr, value) in node.attributes() {
        let name = attr.as_str();
        if name == "x" || name == "y" {
            continue;
        }
        let v = match &*value {
            AttrValue::Str(s) => Value::from(s.as_str()),
            AttrValue::Int(i) => Value::from(*i),
            AttrValue::Float(x) if x.is_finite() => Value::from(six_digits(*x)),
            AttrValue::Float(_) => continue,
        };
        map.insert(name.to_string(), v);
    }
    Value::Object(map)
}

/// When any node has an integer `community`: the palette (the shared community colours in use,
/// in community order, then grey for nodes without one) and each node's index into it.
fn community_colors(layout: &[Layout]) -> Option<(Vec<String>, Vec<usize>)> {
    let slot_of = |c: i64| usize::try_from(c).ok().map(|c| hex(community_rgb(c)));
    let mut palette: Vec<String> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    // Colours in community order: the largest community's first.
    let mut communities: Vec<i64> = layout.iter().filter_map(|l| l.community).collect();
    if communities.is_empty() {
        return None;
    }
    communities.sort_unstable();
    communities.dedup();
    for color in communities.into_iter().filter_map(slot_of) {
        if !index.contains_key(&color) {
            index.insert(color.clone(), palette.len());
            palette.push(color);
        }
    }
    let mut other = None;
    let colors = layout
        .iter()
        .map(|l| match l.community.and_then(slot_of) {
            Some(color) => index[&color],
            None => *other.get_or_insert_with(|| {
                palette.push(OTHER_COMMUNITY.to_string());
                palette.len() - 1
            }),
        })
        .collect();
    Some((palette, colors))
}

#[cfg(test)]
mod tests;
