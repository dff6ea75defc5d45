//! DOT export, for Graphviz (`dot`, `sfdp`, …).
//!
//! The header and the legend are graphviz-rust ASTs printed by its printer; node and edge
//! statements are written straight from the graph in the printer's layout (a test parses the
//! output and prints it back with graphviz-rust). All quoting and escaping is done here, by
//! [`quote`], because the printer writes every `Id` verbatim.
//!
//! # Format
//!
//! ```text
//! digraph "<options.name>" {
//!   graph[charset="UTF-8" fontname="Noto Sans CJK SC" rankdir="LR" overlap="false"]
//!   node[fontname="Noto Sans CJK SC" style="filled" fontcolor="black"]
//!   edge[fontname="Noto Sans CJK SC" color="#00000080" arrowsize=0.6]
//!   "n0"[label="…" tooltip="post:…" shape="box" fillcolor="#0072b2" fontcolor="white"]
//!   …
//!   "n0" -> "n3" [tooltip="has_topic"]
//!   "n0" -> "n5" [tooltip="cites, weight 3" weight=3 penwidth=2]
//!   …
//!   subgraph "cluster_legend" {
//!     graph[label="Legend" …]
//!     "legend_post"[label="post" shape="box" fillcolor="#0072b2" fontcolor="white"]
//!     …
//!   }
//! }
//! ```
//!
//! - **Every id and string value is quoted.** Node ids are synthetic: node `i` of the sorted graph
//!   is `"n{i}"`, because Graphviz does not unescape ids (`"a\\"` names a node `a\\`). The real id
//!   (`post:…`, a URL) is the node's `tooltip`, which becomes `xlink:title` in SVG.
//! - Node look per kind from [`style_of`]: `shape`, `fillcolor` (with `style=filled` as the node
//!   default) and white text on dark fills. With `--color-by community` the fill is the node's
//!   community colour ([`fill_rgb`]) and the legend's kind samples are grey (they show shapes).
//! - Node size ([`display_size`]: by degree or PageRank, 10 and up) sets the label's `fontsize`,
//!   `14·√(size/10)` points with one decimal, left out at size 10 (Graphviz's default 14): hubs
//!   are drawn larger, a node with 10 000 edges at about 33 points.
//! - Edges carry their relation as `tooltip` (plus the weight when above 1) and no label, which
//!   would swamp any sizeable drawing. An edge of weight `w > 1` also gets `weight=min(w, 1000)`
//!   (an integer, as `dot` requires) and `penwidth = 1 + ⌊log₂ w⌋`, at most 6.
//! - A legend: `subgraph "cluster_legend"` with one sample node per node kind present, in
//!   [`NodeKind::ALL`] order, ids `"legend_<kind>"` (they cannot clash with `"n{i}"`). It comes
//!   last so the main graph is laid out first; an empty graph has no legend. (Renders with an
//!   engine that ignores clusters, such as `sfdp`, get the same legend as one node, see
//!   [`Legend::Table`].)
//! - `rankdir=LR` applies to `dot`; `overlap=false` to `neato`/`sfdp`. (kgraph's own renders of
//!   large graphs use `overlap=scale` instead, see [`Drawing`].)
//! - Strings are escaped by [`quote`], in the order Graphviz needs for labels: C0 controls other
//!   than tab and the other characters XML 1.0 forbids are dropped first (Graphviz would copy
//!   them into SVG and make it ill-formed), then `\` → `\\`, `"` → `\"`, CRLF, CR and LF → `\n`
//!   (a centred line break), and an `&` that starts something entity-like (`&amp;`, `&#38;`,
//!   even `&;`) becomes `&amp;`, because Graphviz decodes HTML entities in labels. Doubling
//!   backslashes also neutralises Graphviz's `\N`, `\G`, `\l`… substitutions. So Graphviz draws
//!   exactly the label, except for the dropped characters and a CR that becomes a line break.

mod ast;

use std::fmt::Write as _;
use std::io::{self, Write};

use graphviz_rust::dot_structures::{Graph, Id, Stmt};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use super::style::{display_size, fill_rgb, style_of, ColorBy, KindStyle};
use super::{write_each, ExportOptions, Exporter};
use crate::model::{EdgeRef, KnowledgeGraph, NodeKind};
use crate::text::{is_xml_char, starts_xml_noncharacter};

/// Writes Graphviz DOT.
pub(crate) struct DotExporter;

/// How the legend is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Legend {
    /// `subgraph "cluster_legend"` with a sample node per kind: what `.dot` files get, and what
    /// `dot` and `fdp` draw as a framed box.
    Cluster,
    /// One node `"legend_kinds"` whose HTML-like label is a table of the kinds, for engines
    /// that ignore clusters (`sfdp`, `neato`, …) and would scatter the sample nodes.
    Table,
}

/// How the DOT is tuned for one drawing: `.dot` files get [`Drawing::FILE`], and renders adapt
/// it to their engine and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Drawing {
    /// How the legend is drawn.
    pub(crate) legend: Legend,
    /// The graph's `overlap`: `false` removes node overlaps one by one (Graphviz's prism, slow on
    /// thousands of nodes), `scale` spreads the whole layout until none remain.
    pub(crate) overlap: &'static str,
}

impl Drawing {
    /// What `.dot` files get.
    pub(crate) const FILE: Drawing = Drawing {
        legend: Legend::Cluster,
        overlap: "false",
    };
}

/// Largest `weight` handed to `dot`, whose layout degrades with huge weights.
const MAX_LAYOUT_WEIGHT: u32 = 1000;

/// Largest edge `penwidth`.
const MAX_PENWIDTH: u32 = 6;

/// Whether `rest` (the text after an `&`) would make Graphviz read an entity reference.
///
/// Graphviz's SVG writer leaves `&;`, `&#;` and `&#x;` unescaped too (its test allows an empty
/// name), which makes the SVG ill-formed, so an empty name counts.
fn starts_entity(rest: &str) -> bool {
    let body = rest.strip_prefix('#').unwrap_or(rest);
    let len = body
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    body.as_bytes().get(len) == Some(&b';')
}

/// Quotes `s` as a DOT string that Graphviz draws as `s`, as a label or a tooltip.
///
/// See the module's "# Format" section for the rules.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_quoted(&mut out, &[], s);
    out
}

/// Whether `s` may need [`push_quoted`]'s slow path: a character DOT quoting changes, a C0
/// control, or U+FFFE/U+FFFF.
fn may_need_escape(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.iter().enumerate().any(|(at, &b)| {
        matches!(b, b'\\' | b'"' | b'&') || b < 0x20 || starts_xml_noncharacter(bytes, at)
    })
}

/// Appends the pieces of `prefix` followed by `s`, quoted as one DOT string (as [`quote`] of
/// their concatenation). `prefix` must be plain text that quoting leaves as it is (a kind name
/// and `:`), so node ids need no intermediate `String`.
fn push_quoted(out: &mut String, prefix: &[&str], s: &str) {
    out.push('"');
    prefix.iter().for_each(|p| out.push_str(p));
    if !may_need_escape(s) {
        out.push_str(s);
        out.push('"');
        return;
    }
    // Drop the forbidden characters first, so that what is left decides whether an `&` starts an
    // entity (`&\u{7};` is `&;` to Graphviz) and whether a CR starts a CRLF.
    let kept: String;
    let s = if s.chars().all(is_xml_char) {
        s
    } else {
        kept = s.chars().filter(|&c| is_xml_char(c)).collect();
        &kept
    };
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' => {
                if matches!(chars.peek(), Some(&(_, '\n'))) {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '&' if starts_entity(&s[i + 1..]) => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A quoted id or value.
fn quoted(s: &str) -> Id {
    Id::Escaped(quote(s))
}

/// Appends ` fontsize=P` for a node of display size `size`, or nothing at Graphviz's default.
fn push_font_size(line: &mut String, size: f64) {
    let at = line.len();
    let _ = write!(line, " fontsize={:.1}", 14.0 * (size / 10.0).sqrt());
    if line.ends_with("=14.0") {
        line.truncate(at);
    }
}

/// Appends the look of a node: `shape`, `fillcolor`, and `fontcolor` unless it is the default black.
fn push_style(line: &mut String, style: KindStyle) {
    let (r, g, b) = style.rgb;
    line.push_str(" shape=");
    push_quoted(line, &[], style.shape);
    let _ = write!(line, " fillcolor=\"#{r:02x}{g:02x}{b:02x}\"");
    if style.needs_light_text() {
        line.push_str(" fontcolor=\"white\"");
    }
}

/// Appends the statement of node `i`, on a line of its own.
fn push_node(line: &mut String, graph: &KnowledgeGraph, i: usize, options: &ExportOptions) {
    let node = graph.node(i);
    let _ = write!(line, "\n  \"n{i}\"[label=");
    push_quoted(line, &[], &node.label);
    line.push_str(" tooltip=");
    push_quoted(line, &[node.kind().as_str(), ":"], &node.id.key);
    push_font_size(line, display_size(graph, i, options.size_by));
    push_style(
        line,
        KindStyle {
            rgb: fill_rgb(node, options.color_by),
            ..style_of(node.kind())
        },
    );
    line.push(']');
}

/// Appends the statement of one edge, on a line of its own.
fn push_edge(line: &mut String, e: EdgeRef<'_>) {
    let kind = e.edge.kind.as_str();
    let w = e.edge.weight;
    let _ = write!(
        line,
        "\n  \"n{}\" -> \"n{}\" [tooltip=\"{kind}",
        e.source, e.target
    );
    if w > 1 {
        let _ = write!(
            line,
            ", weight {w}\" weight={} penwidth={}]",
            w.min(MAX_LAYOUT_WEIGHT),
            (1 + w.ilog2()).min(MAX_PENWIDTH)
        );
    } else {
        line.push_str("\"]");
    }
}

impl Exporter for DotExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        write_dot(graph, options, Drawing::FILE, out)
    }
}

/// Writes the DOT of `graph`, tuned for `drawing`.
///
/// The header and the legend are graphviz-rust ASTs, printed by its printer; node and edge
/// statements, which are nearly all of the file, are written straight from the graph in the same
/// layout: building and printing an AST per statement cost ten times more than the rest of the
/// export.
pub(crate) fn write_dot(
    graph: &KnowledgeGraph,
    options: &ExportOptions,
    drawing: Drawing,
    out: &mut dyn Write,
) -> io::Result<()> {
    let id = quoted(&options.name);
    let mut ctx = PrinterContext::default();
    // The printer only tells `->` from `--` after it has printed a digraph, which also sets
    // the body's indentation: print the empty shell to set the context up, then the header and
    // legend one statement at a time.
    let shell = Graph::DiGraph {
        id,
        strict: false,
        stmts: Vec::new(),
    }
    .print(&mut ctx);
    // The body's brace is the last one: the quoted name before it may hold braces too.
    let open = shell.rfind('{').map_or(shell.len(), |at| at + 1);
    out.write_all(&shell.as_bytes()[..open])?;
    let mut print = |stmt: Stmt, out: &mut dyn Write| {
        out.write_all(b"\n")?;
        out.write_all(stmt.print(&mut ctx).as_bytes())
    };
    for stmt in ast::header(drawing.overlap) {
        print(stmt, out)?;
    }
    write_each(out, 0..graph.node_count(), |line, i| {
        push_node(line, graph, i, options)
    })?;
    write_each(out, graph.edges(), push_edge)?;
    if let Some(legend) = ast::legend(graph, drawing.legend, options.color_by) {
        print(legend, out)?;
    }
    out.write_all(b"\n}\n")
}

#[cfg(test)]
mod tests;
