//! Unit tests of the DOT export.

use super::*;
use crate::export::{to_bytes, Format};
use crate::model::{Attrs, Edge as KgEdge, EdgeKind, Node as KgNode, NodeId as KgNodeId};

#[test]
fn quote_escapes_in_graphviz_order() {
    let cases = [
        ("plain", r#""plain""#),
        (r#"say "hi""#, r#""say \"hi\"""#),
        ("trailing\\", r#""trailing\\""#),
        (r"\N \G \l \\", r#""\\N \\G \\l \\\\""#),
        ("a\nb\r\nc\rd", r#""a\nb\nc\nd""#),
        ("tab\there", "\"tab\there\""),
        ("bell\u{7}\u{0}\u{1F}\u{FFFE}\u{FFFF}", r#""bell""#),
        (" outer ", r#"" outer ""#),
        ("<b>&'", r#""<b>&'""#),
        (
            "AT&amp;T &#38; &#x26; &lt; & x&y; &; &#; &#x; & ;",
            r#""AT&amp;amp;T &amp;#38; &amp;#x26; &amp;lt; & x&amp;y; &amp;; &amp;#; &amp;#x; & ;""#,
        ),
        ("多模态 🧠 \u{200F}", "\"多模态 🧠 \u{200F}\""),
        ("&\u{7};\r\u{0}\n&\u{FFFE}amp;", r#""&amp;;\n&amp;amp;""#),
        ("", r#""""#),
    ];
    for (input, want) in cases {
        assert_eq!(quote(input), want, "{input:?}");
    }
}

#[test]
fn quoted_strings_parse_back_as_one_id() {
    for s in ["\\", "\\\\\"", "a\"b\\", "\"", "x\r\n"] {
        let dot = format!("digraph {{ a[label={}] }}", quote(s));
        let g = graphviz_rust::parse(&dot).unwrap();
        let Graph::DiGraph { stmts, .. } = g else {
            panic!("not a digraph")
        };
        assert_eq!(stmts.len(), 1, "{s:?} → {dot}");
    }
}

fn sample() -> KnowledgeGraph {
    let node = |kind, key: &str| KgNode {
        id: KgNodeId::new(kind, key),
        label: format!("{key} \"x\"\\"),
        attrs: Attrs::new(),
    };
    KnowledgeGraph::from_parts(
        vec![
            node(NodeKind::Post, "a.md"),
            node(NodeKind::Topic, "t"),
            node(NodeKind::Keyword, "k"),
        ],
        vec![
            (
                0,
                1,
                KgEdge {
                    kind: EdgeKind::HasTopic,
                    weight: 1,
                },
            ),
            (
                1,
                2,
                KgEdge {
                    kind: EdgeKind::Mentions,
                    weight: 9,
                },
            ),
        ],
    )
}

#[test]
fn output_is_what_graphviz_rust_prints_for_it() {
    // Node and edge statements are written without the printer: parsing the file and
    // printing it again with graphviz-rust must give the same bytes.
    for name in ["n \"q\"", "${", "{}}", ""] {
        let options = ExportOptions {
            name: name.into(),
            ..ExportOptions::default()
        };
        for graph in [sample(), KnowledgeGraph::default()] {
            let text = String::from_utf8(to_bytes(&graph, Format::Dot, &options).unwrap()).unwrap();
            let parsed = graphviz_rust::parse(&text).expect("our DOT parses");
            let printed = parsed.print(&mut PrinterContext::default());
            assert_eq!(text, printed + "\n", "{name:?}");
        }
    }
}

#[test]
fn heavy_edges_get_integer_weight_and_capped_penwidth() {
    let dot =
        String::from_utf8(to_bytes(&sample(), Format::Dot, &ExportOptions::default()).unwrap())
            .unwrap();
    assert!(
        dot.contains(r#""n1" -> "n2" [tooltip="mentions, weight 9" weight=9 penwidth=4]"#),
        "{dot}"
    );
    assert!(
        dot.contains(r#""n0" -> "n1" [tooltip="has_topic"]"#),
        "{dot}"
    );
    assert!(dot.contains(r#""legend_keyword"[label="keyword""#), "{dot}");
    assert!(!dot.contains("legend_tag"), "{dot}");
}
