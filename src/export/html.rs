//! HTML export: one self-contained interactive viewer (sigma.js + graphology, WebGL).
//!
//! The file opens from disk with the network off: the stylesheet, the graph and the viewer's
//! JavaScript are all inline, and a Content-Security-Policy forbids every request. The viewer
//! (`viewer/` in the source tree: our code, bundled with sigma.js and graphology from the npm
//! registry by `build.rs`) has search with autocomplete, a legend that filters by kind,
//! neighbour highlighting on hover and a side panel for the clicked node.
//!
//! A kgraph built without Node.js has no bundle; this exporter then fails with
//! [`VIEWER_MISSING`] and the other outputs of the run are still written.
//!
//! # Format
//!
//! ```text
//! <!doctype html>
//! <html> <head> … <title>NAME</title>
//! <!-- notices: kgraph, then the licence of every bundled npm package -->
//! <style>the viewer's CSS</style> </head>
//! <body><div id="kgraph-app"></div>
//! <script type="application/json" id="kgraph-data">DATA</script>
//! <script>the viewer bundle</script></body></html>
//! ```
//!
//! DATA is one JSON object (written by [`write_viewer_data`]); every `<` in it is written
//! `\u003c`, so no label can close the script element or open a comment. Arrays are columns, one
//! per line; node `i` is the `i`-th node in id order and edges refer to nodes by that index:
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

use super::style::{community_rgb, display_size, hex, style_of, ColorBy};
use super::{ExportOptions, Exporter};
use crate::model::{AttrValue, EdgeKind, KnowledgeGraph, Node, NodeKind};

/// Version of the data contract, written as `version`.
pub const VIEWER_DATA_VERSION: u32 = 1;

/// Why `-o graph.html` fails in a kgraph built without the viewer.
pub const VIEWER_MISSING: &str = "this kgraph was built without the HTML viewer: install Node.js \
     ≥ 20 and npm, then rebuild (cargo build --release)";

/// The colour of nodes without a community.
const OTHER_COMMUNITY: &str = "#c8c8c8";

/// The bundle built by `build.rs` from `viewer/`.
#[cfg(kgraph_viewer)]
mod bundle {
    pub const JS: &str = include_str!(concat!(env!("OUT_DIR"), "/viewer.js"));
    pub const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/viewer.css"));
    pub const NOTICES: &str = include_str!(concat!(env!("OUT_DIR"), "/NOTICES.txt"));
}

/// Whether this kgraph was built with the viewer, so that [`Format::Html`](super::Format::Html)
/// can be written.
pub fn viewer_available() -> bool {
    cfg!(kgraph_viewer)
}

/// Writes the self-contained HTML viewer.
pub(crate) struct HtmlExporter;

impl Exporter for HtmlExporter {
    #[cfg(kgraph_viewer)]
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        write_page(
            graph,
            options,
            bundle::JS,
            bundle::CSS,
            bundle::NOTICES,
            out,
        )
    }

    #[cfg(not(kgraph_viewer))]
    fn write(
        &self,
        _graph: &KnowledgeGraph,
        _options: &ExportOptions,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        Err(io::Error::new(io::ErrorKind::Unsupported, VIEWER_MISSING))
    }
}

/// The generator string written into the page and its data.
const GENERATOR: &str = concat!("kgraph ", env!("CARGO_PKG_VERSION"));

/// Writes the page around `js`, `css` and `notices`.
#[cfg_attr(not(kgraph_viewer), allow(dead_code))]
fn write_page(
    graph: &KnowledgeGraph,
    options: &ExportOptions,
    js: &str,
    css: &str,
    notices: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let title = html_text(&options.name);
    write!(
        out,
        "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:\">\n\
         <meta name=\"generator\" content=\"{GENERATOR}\">\n<title>{title}</title>\n<!--\n"
    )?;
    let header =
        format!("Knowledge graph viewer written by {GENERATOR} (MIT OR Apache-2.0).\n{notices}");
    out.write_all(comment_text(&header).as_bytes())?;
    out.write_all(b"\n-->\n<style>\n")?;
    out.write_all(escape_raw_text(css.trim_end(), "style").as_bytes())?;
    out.write_all(
        b"\n</style>\n</head>\n<body>\n<div id=\"kgraph-app\"></div>\n\
          <noscript>This graph viewer needs JavaScript.</noscript>\n\
          <script type=\"application/json\" id=\"kgraph-data\">\n",
    )?;
    write_viewer_data(graph, options, out)?;
    out.write_all(b"</script>\n<script>\n")?;
    out.write_all(escape_raw_text(js.trim_end(), "script").as_bytes())?;
    out.write_all(b"\n</script>\n</body>\n</html>\n")
}

/// Writes the viewer's data (see the module's "# Format"), with every `<` as `\u003c`.
pub fn write_viewer_data(
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

/// Text for an HTML element: `& < > "` as entities.
fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text that cannot end or nest an HTML comment: every `--` loses its second hyphen's meaning.
fn comment_text(s: &str) -> String {
    let mut out = s.replace("<!", "< !");
    while out.contains("--") {
        out = out.replace("--", "- -");
    }
    out
}

/// The contents of a `<script>` or `<style>` element that cannot end it early: `</tag` (any case)
/// and `<!--` get their `<` written `\x3C` (a JavaScript string escape; bundles only hold these
/// sequences inside string literals). For CSS, `\3C ` is used instead.
fn escape_raw_text(s: &str, tag: &str) -> String {
    let escape = if tag == "style" { "\\3C " } else { "\\x3C" };
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let closes = after.len() > tag.len()
            && after.as_bytes()[0] == b'/'
            && after.as_bytes()[1..=tag.len()].eq_ignore_ascii_case(tag.as_bytes());
        if closes || after.starts_with("!--") {
            out.push_str(escape);
        } else {
            out.push('<');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attr, Attrs, Edge, NodeId};

    fn node(kind: NodeKind, key: &str, label: &str) -> Node {
        Node {
            id: NodeId::new(kind, key),
            label: label.to_string(),
            attrs: Attrs::new(),
        }
    }

    fn data(graph: &KnowledgeGraph) -> String {
        let mut out = Vec::new();
        write_viewer_data(graph, &ExportOptions::default(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn data_escapes_every_angle_bracket_and_parses() {
        let a = node(NodeKind::Topic, "</script><!--", "</SCRIPT> <!-- x");
        let b = node(NodeKind::Post, "p", "P");
        let edge = Edge {
            kind: EdgeKind::HasTopic,
            weight: 2,
        };
        let g = KnowledgeGraph::from_parts(vec![a, b], vec![(1, 0, edge)]);
        let text = data(&g);
        assert!(!text.contains('<'), "{text}");
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["nodes"]["label"][1], "</SCRIPT> <!-- x");
        assert_eq!(v["nodes"]["id"][0], "post:p");
        assert_eq!(v["edges"]["source"][0], 0);
        assert_eq!(v["edges"]["target"][0], 1);
        assert_eq!(v["edges"]["kind"][0], 0);
        assert_eq!(v["edges"]["weight"][0], 2);
        assert_eq!(v["nodes"]["size"][0], 13.47);
        assert!(v["nodes"].get("x").is_none());
        assert!(v.get("palette").is_none());
    }

    #[test]
    fn empty_graph_data_is_valid() {
        let v: Value = serde_json::from_str(&data(&KnowledgeGraph::default())).unwrap();
        assert_eq!(v["nodes"]["id"], serde_json::json!([]));
        assert_eq!(v["kinds"].as_array().unwrap().len(), NodeKind::ALL.len());
    }

    fn layout(pairs: &[(&str, AttrValue)]) -> Layout {
        Layout::read(pairs.iter().map(|(n, v)| (*n, v)))
    }

    #[test]
    fn layout_attributes_are_read_by_name() {
        use AttrValue::{Float, Int};
        let l = layout(&[
            ("x", Float(1.5)),
            ("y", Int(-2)),
            ("pagerank", Float(0.25)),
            ("community", Int(7)),
            ("degree", Int(3)),
        ]);
        assert_eq!(
            l,
            Layout {
                x: Some(1.5),
                y: Some(-2.0),
                community: Some(7)
            }
        );
        let bad = layout(&[
            ("x", Float(f64::NAN)),
            ("y", AttrValue::text("1")),
            ("community", Float(1.0)),
        ]);
        assert_eq!(bad, Layout::default());
    }

    #[test]
    fn positions_need_every_node() {
        let a = layout(&[("x", AttrValue::Float(1.0)), ("y", AttrValue::Float(2.0))]);
        let b = layout(&[("x", AttrValue::Float(3.0))]);
        assert_eq!(positions(&[a, a]), Some((vec![1.0, 1.0], vec![2.0, 2.0])));
        assert_eq!(positions(&[a, b]), None);
        assert_eq!(positions(&[]), None);
    }

    #[test]
    fn sizes_and_first_colouring_follow_the_export_options() {
        let mut a = node(NodeKind::Topic, "a", "A");
        a.attrs
            .insert(crate::model::Attr::Pagerank, AttrValue::Float(0.9));
        let mut b = node(NodeKind::Topic, "b", "B");
        b.attrs
            .insert(crate::model::Attr::Pagerank, AttrValue::Float(0.1));
        let g = KnowledgeGraph::from_parts(vec![a, b], Vec::new());
        let options = ExportOptions {
            size_by: crate::export::SizeBy::Pagerank,
            color_by: ColorBy::Community,
            ..ExportOptions::default()
        };
        let mut out = Vec::new();
        write_viewer_data(&g, &options, &mut out).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["colorBy"], "community");
        let want: Vec<f64> = (0..2)
            .map(|i| {
                fixed(display_size(&g, i, crate::export::SizeBy::Pagerank), 2)
                    .parse()
                    .unwrap()
            })
            .collect();
        assert_eq!(v["nodes"]["size"], serde_json::json!(want));
        let plain: Value = serde_json::from_str(&data(&g)).unwrap();
        assert_eq!(plain["colorBy"], "kind");
        assert_eq!(plain["nodes"]["size"], serde_json::json!([10, 10]));
    }

    #[test]
    fn communities_get_the_shared_palette_and_nodes_without_one_grey() {
        let c = |id: i64| layout(&[("community", AttrValue::Int(id))]);
        let mut nodes: Vec<Layout> = (0..22).map(c).collect();
        nodes.extend([c(5), Layout::default()]);
        let (palette, colors) = community_colors(&nodes).unwrap();
        // 20 colours, cycling (communities 20 and 21 share 0's and 1's), then grey.
        assert_eq!(palette.len(), 21);
        assert_eq!(palette[colors[0]], hex(community_rgb(0)));
        assert_eq!(colors[20], colors[0]);
        assert_eq!(colors[21], colors[1]);
        assert_eq!(colors[22], colors[5]);
        assert_eq!(palette[colors[23]], OTHER_COMMUNITY, "no community: grey");
        assert!(community_colors(&[Layout::default()]).is_none());
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(fixed(1.5, 2), "1.5");
        assert_eq!(fixed(-0.001, 2), "0");
        assert_eq!(fixed(12.0, 3), "12");
        assert_eq!(fixed(1234.56789, 1), "1234.6");
        assert_eq!(coordinate_decimals(1234.0), 1);
        assert_eq!(coordinate_decimals(0.5), 5);
        assert_eq!(six_digits(0.000123456789), 0.000123457);
    }

    #[test]
    fn raw_text_cannot_end_its_element() {
        assert_eq!(
            escape_raw_text("a=\"</Script>\";b='<!--'<c", "script"),
            "a=\"\\x3C/Script>\";b='\\x3C!--'<c"
        );
        assert_eq!(escape_raw_text("</scrip", "script"), "</scrip");
        assert_eq!(escape_raw_text("x</style>", "style"), "x\\3C /style>");
        assert_eq!(
            comment_text("a --> b <!-- c ---"),
            "a - -> b < !- - c - - -"
        );
        assert!(!comment_text("---->").contains("--"));
        assert_eq!(html_text("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;");
    }

    #[test]
    fn the_page_wraps_the_bundle_and_the_data() {
        let mut a = node(NodeKind::Resource, "https://e.com/", "E </script>");
        a.attrs.insert(Attr::Url, AttrValue::text("https://e.com/"));
        let g = KnowledgeGraph::from_parts(vec![a], vec![]);
        let mut out = Vec::new();
        let options = ExportOptions {
            name: "a <b> --> c".to_string(),
            ..ExportOptions::default()
        };
        write_page(
            &g,
            &options,
            "s('</script>')",
            "p{}",
            "X 1.0 (MIT)\n--",
            &mut out,
        )
        .unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(page.starts_with("<!doctype html>\n"));
        assert!(page.contains("<title>a &lt;b&gt; --&gt; c</title>"));
        assert_eq!(page.matches("</script>").count(), 2, "{page}");
        // `-->` in the data is harmless: no `<!--` can precede it there.
        assert_eq!(page.matches("<!--").count(), 1, "{page}");
        assert!(page.contains("\"a \\u003cb> --> c\""), "{page}");
        assert!(page.contains("X 1.0 (MIT)"));
        assert!(page.contains("s('\\x3C/script>')"));
        let start = page.find("id=\"kgraph-data\">\n").unwrap() + 18;
        let end = start + page[start..].find("</script>").unwrap();
        let v: Value = serde_json::from_str(&page[start..end]).unwrap();
        assert_eq!(v["nodes"]["label"][0], "E </script>");
        assert_eq!(v["nodes"]["attrs"][0]["url"], "https://e.com/");
    }
}
