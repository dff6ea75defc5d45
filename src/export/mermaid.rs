//! Mermaid export: a `flowchart` for documentation (GitHub, GitLab, MkDocs render it inline).
//!
//! # Format
//!
//! ```text
//! %% <options.name>                                   (left out when the name is empty)
//! flowchart LR
//!   classDef kind_post fill:#0072b2,stroke:#333333,color:#ffffff
//!   … one classDef per node kind present, in NodeKind::ALL order …
//!   n0["Say #quot;hello#quot;<br/>world"]:::kind_post
//!   …
//!   n0 -->|"has_topic"| n3
//!   n0 -->|"cites, weight 3"| n5
//!   …
//! ```
//!
//! - **Ids are synthetic** (`n{i}`, node `i` of the sorted graph): Mermaid ids must be plain
//!   ASCII words and some (`end`) break its parser. The real id is not carried.
//! - **Every label is quoted** (`n0["…"]`; unquoted, a `(` or `[` in a label is syntax) and
//!   escaped with Mermaid's entity codes ([`label`]): `"` `&` `<` `>` `#` become `#quot;`
//!   `#amp;` `#lt;` `#gt;` `#35;`; `%` becomes `#37;` because Mermaid looks for `%%{…}%%`
//!   directives anywhere in the text, labels included; `:` becomes `#58;` because Mermaid strips
//!   the last `;` of any line matching `style.*:\S*#.*;`; and a backtick becomes `#96;` (a label
//!   starting with one would be read as Markdown). CRLF, CR and LF become `<br/>`; the
//!   characters XML 1.0 forbids are dropped (Mermaid renders to SVG). Everything else — CJK,
//!   emoji, backslashes, `[ ] ( ) { } | ;` — is safe inside the quotes and kept.
//! - Colour per kind: a `classDef kind_<kind>` with the kind's fill from [`style_of`], white or
//!   black text to match, and `:::kind_<kind>` on every node. With `--color-by community`, one
//!   `classDef community_<k>` per palette colour in use instead (`k` = community number modulo
//!   the palette's 20 colours, see [`community_rgb`]), in `k` order, and `:::community_<k>`;
//!   nodes without a community keep their kind's class.
//! - Edges are arrows labelled with their relation (and weight when above 1). Two relations
//!   between one pair are two arrows.
//! - **Size.** Mermaid is meant for small drawings: by default it refuses more than 500 edges
//!   (`maxEdges`, already while parsing) and more than 50 000 characters (`maxTextSize`). The
//!   file is still written in full, since both limits are settings of the renderer, but a
//!   `%%` comment on the first line then says which limit is exceeded; export a subgraph
//!   (`--focus`, `--max-nodes`) for documentation.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::style::{
    community_of, community_rgb, hex, needs_light_text, style_of, ColorBy, COMMUNITY_PALETTE,
};
use super::{ExportOptions, Exporter};
use crate::model::{KnowledgeGraph, Node};
use crate::text::is_xml_char;

/// Writes a Mermaid flowchart.
pub(crate) struct MermaidExporter;

/// Mermaid's default `maxEdges`.
const MAX_EDGES: usize = 500;

/// Mermaid's default `maxTextSize`, in UTF-16 code units (JavaScript's `length`).
const MAX_TEXT_SIZE: usize = 50_000;

/// Escapes `s` for a quoted Mermaid label; see the module's "# Format" section.
pub(crate) fn label(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("#quot;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '%' => out.push_str("#37;"),
            ':' => out.push_str("#58;"),
            '`' => out.push_str("#96;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br/>");
            }
            '\n' => out.push_str("<br/>"),
            c if !is_xml_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The class of a node kind.
fn class_name(kind: impl std::fmt::Display) -> String {
    format!("kind_{kind}")
}

/// A `classDef` line.
fn class_def(text: &mut String, name: &str, rgb: (u8, u8, u8)) {
    let color = if needs_light_text(rgb) {
        "#ffffff"
    } else {
        "#000000"
    };
    let _ = writeln!(
        text,
        "  classDef {name} fill:{},stroke:#333333,color:{color}",
        hex(rgb)
    );
}

/// The class of a node: its community's palette slot, or its kind.
fn node_class(node: &Node, color_by: ColorBy) -> String {
    match (color_by, community_of(node)) {
        (ColorBy::Community, Some(c)) => format!("community_{}", c % COMMUNITY_PALETTE.len()),
        _ => class_name(node.kind()),
    }
}

/// The whole flowchart, without the size note.
fn flowchart(graph: &KnowledgeGraph, color_by: ColorBy) -> String {
    let mut text = String::from("flowchart LR\n");
    let mut slots = [false; COMMUNITY_PALETTE.len()];
    let mut kinds = Vec::new();
    for (_, node) in graph.nodes() {
        match (color_by, community_of(node)) {
            (ColorBy::Community, Some(c)) => slots[c % slots.len()] = true,
            _ => kinds.push(node.kind()),
        }
    }
    for (kind, _) in graph.count_nodes_by_kind() {
        if kinds.contains(&kind) {
            class_def(&mut text, &class_name(kind), style_of(kind).rgb);
        }
    }
    for (k, _) in slots.iter().enumerate().filter(|(_, &used)| used) {
        class_def(&mut text, &format!("community_{k}"), community_rgb(k));
    }
    for (i, node) in graph.nodes() {
        let _ = writeln!(
            text,
            "  n{i}[\"{}\"]:::{}",
            label(&node.label),
            node_class(node, color_by)
        );
    }
    for e in graph.edges() {
        let kind = e.edge.kind.as_str();
        let w = e.edge.weight;
        let text_of_edge = if w > 1 {
            format!("{kind}, weight {w}")
        } else {
            kind.to_string()
        };
        let _ = writeln!(
            text,
            "  n{} -->|\"{text_of_edge}\"| n{}",
            e.source, e.target
        );
    }
    text
}

/// The first-line note when the drawing exceeds Mermaid's default limits.
fn size_note(edges: usize, text_size: usize) -> Option<String> {
    let mut over = Vec::new();
    if edges > MAX_EDGES {
        over.push(format!("{edges} edges (maxEdges {MAX_EDGES})"));
    }
    if text_size > MAX_TEXT_SIZE {
        over.push(format!(
            "{text_size} characters (maxTextSize {MAX_TEXT_SIZE})"
        ));
    }
    (!over.is_empty()).then(|| {
        format!(
            "%% Too big for Mermaid's defaults: {}. Raise them in the renderer's configuration, \
             or export a subgraph with --focus or --max-nodes.\n",
            over.join(", ")
        )
    })
}

impl Exporter for MermaidExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut head = String::new();
        let name = label(&options.name).replace("<br/>", " ");
        if !name.is_empty() {
            let _ = writeln!(head, "%% {name}");
        }
        let body = flowchart(graph, options.color_by);
        let size = head.encode_utf16().count() + body.encode_utf16().count();
        if let Some(note) = size_note(graph.edge_count(), size) {
            out.write_all(note.as_bytes())?;
        }
        out.write_all(head.as_bytes())?;
        out.write_all(body.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_use_entity_codes_and_br() {
        let cases = [
            ("plain", "plain"),
            (r#"Say "hi""#, "Say #quot;hi#quot;"),
            ("<b>&amp;</b>", "#lt;b#gt;#amp;amp;#lt;/b#gt;"),
            ("#35; 100%", "#35;35; 100#37;"),
            ("%%{init: {}}%%", "#37;#37;{init#58; {}}#37;#37;"),
            ("style: x#y;", "style#58; x#35;y;"),
            ("`md`", "#96;md#96;"),
            ("a\nb\r\nc\rd", "a<br/>b<br/>c<br/>d"),
            ("bell\u{7}\u{FFFE}", "bell"),
            (r"C\x [a](b){c}|d;", r"C\x [a](b){c}|d;"),
            ("多模态 🧠", "多模态 🧠"),
        ];
        for (input, want) in cases {
            assert_eq!(label(input), want, "{input:?}");
        }
    }

    #[test]
    fn labels_never_hold_a_quote_or_a_line_break() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let escaped = label(&all);
        assert!(!escaped.contains(['"', '\n', '\r', '%', ':', '`']));
    }

    #[test]
    fn size_note_names_the_limits_exceeded() {
        assert_eq!(size_note(500, 50_000), None);
        let note = size_note(501, 10).unwrap();
        assert!(
            note.starts_with("%% ") && note.contains("501 edges"),
            "{note}"
        );
        assert!(!note.contains("maxTextSize"));
        assert!(size_note(0, 50_001).unwrap().contains("maxTextSize"));
        assert_eq!(note.lines().count(), 1);
    }
}
