//! Property tests ("fuzzing" on stable Rust): generated hostile Markdown through the extractor,
//! generated hostile labels through every exporter.
//!
//! - **Extractor**: posts assembled from fragments that break parsers (front matter variants,
//!   marker-only headings, URLs with parentheses, CJK, percent signs and odd schemes, code fences,
//!   math, control characters, emoji, RTL marks, BOM, CR/CRLF) and arbitrary characters.
//!   `extract_post` must not panic (a caught panic shows as an "internal error" diagnostic) and
//!   its record must be consistent; CRLF, lone CR and a BOM must give the same record as LF.
//! - **Exporters**: records with hostile titles, headings, captions, categories and URLs go
//!   through `GraphBuilder`; the JSON, GraphML, DOT and GEXF exports must re-parse (serde_json,
//!   roxmltree, graphviz-rust) with the same ids and labels, except the characters XML forbids,
//!   which the XML and DOT exports drop (and CR, which DOT turns into a line break, and white
//!   space, which GEXF's `xsd:token` labels collapse); the HTML viewer's embedded data must parse
//!   with every label intact and no label may close its `<script>`; CSV and Mermaid must be
//!   written. With Graphviz and xmllint installed, a few cases also go through `dot -Tsvg`
//!   (empty stderr), `xmllint --schema` (GraphML) and `xmllint --relaxng` (GEXF).
//!
//! `PROPTEST_CASES=N` sets the number of cases (default: a few hundred, a few seconds in a debug
//! build), `KGRAPH_FUZZ_TOOL_CASES=N` those run through Graphviz and xmllint (default 20). A long
//! run: `PROPTEST_CASES=200000 KGRAPH_FUZZ_TOOL_CASES=2000 cargo test --release --test fuzz`.

use std::collections::BTreeMap;
use std::process::Command;

use graphviz_rust::dot_structures::{Graph, Stmt};
use kgraph::diagnostic::Severity;
use kgraph::export::{to_bytes, ExportOptions, Format};
use kgraph::extract::{
    default_generic_headings, extract_post, Citation, ExtractOptions, LabelSource, PostLink,
    PostRecord, Section, SeriesRef,
};
use kgraph::model::{GraphBuilder, KnowledgeGraph};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError};

mod common;
use common::{
    dot_expected, find_attr, gexf_expected, gexf_rng, graphml_xsd, graphviz_unquote, have, id_text,
    is_xml_char, write, xml_expected, xmllint, GEXF_NS, GRAPHML_NS,
};

/// The environment variable `var` as a number, or `default`.
fn cases_from(var: &str, default: u32) -> u32 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

// ---------------------------------------------------------------------------------------------
// Generated text

/// Characters that break escapers and parsers, weighted towards the dangerous ones.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        3 => prop::sample::select(vec![
            '"', '\'', '\\', '<', '>', '&', ';', '#', '[', ']', '(', ')', '{', '}', '%', '`', '$',
            '*', '_', '|', '+', '-', '=', ':', '/', '?', '!', '~', '^',
        ]),
        2 => prop::sample::select(vec!['\t', '\n', '\r', ' ']),
        2 => proptest::char::range('\u{0}', '\u{1F}'),
        1 => prop::sample::select(vec![
            '\u{7F}', '\u{85}', '\u{9B}', '\u{A0}', '\u{AD}', '\u{FFFE}', '\u{FFFF}', '\u{FFFD}',
            '\u{FEFF}', '\u{200B}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}',
            '\u{2028}', '\u{2029}', '\u{2066}', '\u{E000}', '\u{10FFFF}',
        ]),
        2 => prop::sample::select(vec![
            '多', '模', '态', '（', '）', '。', '，', '：', '续', 'ש', 'ل', 'é', 'ß', 'İ', 'ǅ',
            '🧠', '👩', '🇨', '🇳', '\u{1F3FB}', '\u{301}',
        ]),
        1 => any::<char>(),
    ]
}

fn hostile_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..max).prop_map(|cs| cs.into_iter().collect())
}

/// Pieces of entity-like and escape-like text that single characters rarely assemble.
fn hostile_word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "&amp;",
            "&#38;",
            "&#x26;",
            "&lt;",
            "&gt;",
            "&quot;",
            "&nbsp;",
            "&;",
            "&#;",
            "&x;",
            "\\N",
            "\\G",
            "\\E",
            "\\T",
            "\\H",
            "\\L",
            "\\l",
            "\\r",
            "\\n",
            "\\\\",
            "\\\"",
            "]]>",
            "<![CDATA[",
            "-->",
            "<!--",
            "\r\n",
            "\"\"\"",
            "''",
            "<b>",
            "</b>",
            "<br/>",
            "${",
            "%s",
            "%n",
            "{{",
            "}}",
            "\u{202E}abc\u{202C}",
            "👩\u{200D}👩\u{200D}👧",
            "e\u{301}",
            "\u{1F1E8}\u{1F1F3}",
        ])
        .prop_map(str::to_string),
        hostile_string(6),
    ]
}

/// A label: hostile words and characters, up to a few dozen characters.
fn hostile_label() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_word(), 0..6).prop_map(|ws| ws.concat())
}

/// A URL, well-formed or not, with parentheses, CJK, percent signs or an odd scheme.
fn url() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec![
        "https://",
        "http://",
        "HTTPS://",
        "javascript:",
        "mailto:",
        "file:///",
        "ftp://",
        "data:",
        "//",
        "http:",
        "",
    ]);
    let host = prop::sample::select(vec![
        "example.org",
        "www.example.org",
        "例子.测试",
        "xn--fsqu00a.xn--0zwm56d",
        "a.b",
        "[::1]",
        "exa mple.org",
        "mp.weixin.qq.com",
        "zhihu.com",
        "",
        "user:p@ss@h.org:8080",
        "blog.example",
    ]);
    let segment = prop_oneof![
        prop::sample::select(vec![
            "/",
            "/a",
            "/wiki/Foo_(bar)",
            "/x)",
            "/(",
            "/%E4%B8%AD",
            "/%ZZ",
            "/%",
            "/中文",
            "/s/_d_-x",
            "?a=1&b=2",
            "?utm_source=x",
            "#frag",
            "/a.html",
            "/a.md",
            ".",
            "。",
            ")",
            "))",
            "（续）",
            "/a b",
            "\\_",
            "*",
            "~",
        ])
        .prop_map(str::to_string),
        hostile_string(3),
    ];
    (scheme, host, prop::collection::vec(segment, 0..4))
        .prop_map(|(s, h, p)| format!("{s}{h}{}", p.concat()))
}

/// A front-matter block: valid, invalid, unterminated, with odd scalars.
fn front_matter() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        hostile_label(),
        prop::sample::select(vec![
            "996",
            "1.10",
            "yes",
            "null",
            "~",
            "[a, b",
            "[a, b]",
            "\"quoted \\a\"",
            "'single'",
            "a: b",
            "{x: 1}",
            "|",
            ">",
            "&anchor",
            "*alias",
            "!!binary",
            "- item",
            "2016-8-2",
            "2016-08-02 10:00:00 +0800",
            "soon",
            "\"\\x01\\u202e\"",
        ])
        .prop_map(str::to_string),
    ];
    let key = prop::sample::select(vec![
        "title",
        "category",
        "categories",
        "tags",
        "tag",
        "date",
        "permalink",
        "layout",
        "",
        " title",
        "title ",
        "- x",
    ]);
    let line = (key, value).prop_map(|(k, v)| format!("{k}: {v}\n"));
    let close = prop::sample::select(vec!["---\n", "...\n", "---", "--- \n", ""]);
    (prop::collection::vec(line, 0..6), close)
        .prop_map(|(lines, close)| format!("---\n{}{close}", lines.concat()))
}

/// One fragment of a post body.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "\n", "\n\n", "\r\n", "\r", "# ", "## ", "###### ", "#", "# +", "## ++", "（续）",
            " +", "C++", "* toc\n", "{:toc}\n", "{: .x}\n", "```\n", "```sh\n", "~~~\n",
            "    ", "> ", "- ", "1. ", "$", "$$", "$$\n", "`", "[", "]", "](", "![", "(", ")",
            "<", ">", "<div>", "</div>", "<https://a.org/>", "[^1]", "[^1]: ", "| a | b |\n",
            "|---|---|\n", "{% post_url 2016-08-02-x %}", "{%", "%}", "[x]: https://r.org/\n",
            "[x]", "\\", "*", "_", "**", "~~", "---\n", "...\n", "\u{feff}", "&", "&amp;",
        ])
        .prop_map(str::to_string),
        2 => url(),
        2 => (url(), hostile_label()).prop_map(|(u, l)| format!("[{l}]({u})")),
        1 => (url(), hostile_label()).prop_map(|(u, l)| format!("![{l}]({u})")),
        1 => (url(), hostile_label()).prop_map(|(u, l)| format!("{u}\n\n{l}\n\n")),
        3 => hostile_label(),
    ]
}

/// A whole post: maybe a BOM, maybe front matter, then fragments.
fn post_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::option::weighted(0.5, front_matter()),
        prop::collection::vec(fragment(), 0..40),
    )
        .prop_map(|(bom, fm, body)| {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str(&fm.unwrap_or_default());
            text.push_str(&body.concat());
            text
        })
}

fn options() -> ExtractOptions {
    ExtractOptions {
        generic_headings: default_generic_headings(),
        site_hosts: vec!["blog.example".to_string()],
    }
}

/// Checks what must hold for any record.
fn check_record(path: &str, text: &str, post: &PostRecord) -> Result<(), TestCaseError> {
    // Lines end at LF, CRLF or a lone CR.
    let lines = text.replace("\r\n", "\n").split(['\n', '\r']).count();
    let in_file = |line: usize| (1..=lines).contains(&line);
    prop_assert_eq!(&post.path, path);
    prop_assert!(!post.title.is_empty(), "empty title");
    for (i, s) in post.sections.iter().enumerate() {
        prop_assert!(s.parent.is_none_or(|p| p < i), "parent of {}: {:?}", i, s);
        prop_assert!(!s.key.trim().is_empty(), "empty key: {:?}", s);
        prop_assert!((1..=6).contains(&s.level), "{:?}", s);
        prop_assert!(in_file(s.line), "line {} of {}", s.line, lines);
    }
    for c in &post.citations {
        prop_assert!(c.section.is_none_or(|s| s < post.sections.len()));
        prop_assert!(!c.key.is_empty() && !c.raw.is_empty(), "{:?}", c);
        prop_assert!(in_file(c.line), "line {} of {}", c.line, lines);
        let lower = c.key.to_ascii_lowercase();
        for scheme in ["javascript:", "mailto:", "file:", "data:", "ftp:"] {
            prop_assert!(!lower.starts_with(scheme), "{:?}", c);
        }
    }
    for l in &post.post_links {
        prop_assert!(l.section.is_none_or(|s| s < post.sections.len()));
        prop_assert!(in_file(l.line), "line {} of {}", l.line, lines);
    }
    for d in &post.diagnostics {
        prop_assert_eq!(&d.path, path);
        prop_assert!(
            !d.message.starts_with("internal error"),
            "extract_post panicked: {}",
            d.message
        );
        prop_assert!(
            !d.message.is_empty() && !d.message.ends_with('.'),
            "{:?}",
            d
        );
        prop_assert!(d.line.is_none_or(in_file), "{:?} in {} lines", d, lines);
        prop_assert_eq!(d.severity, Severity::Warning, "{:?}", d);
        let shown = d.to_string();
        prop_assert_eq!(shown.lines().count(), 1, "{:?}", shown);
    }
    Ok(())
}

/// Test settings: `cases` cases, failures saved beside this file.
fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/fuzz.proptest-regressions",
        ))),
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(cases_from("PROPTEST_CASES", 256)))]

    #[test]
    fn extraction_never_panics_and_keeps_records_consistent(text in post_text()) {
        let post = extract_post("posts/2020-1-2-fuzz.md", &text, &options());
        check_record("posts/2020-1-2-fuzz.md", &text, &post)?;
    }

    #[test]
    fn arbitrary_strings_never_break_extraction(text in hostile_string(300)) {
        let post = extract_post("x.md", &text, &options());
        check_record("x.md", &text, &post)?;
    }

    #[test]
    fn crlf_lone_cr_and_bom_read_as_if_absent(text in post_text()) {
        // Only texts that hold no CR and no BOM of their own.
        let text = text.replace(['\r', '\u{feff}'], "");
        let want = extract_post("p.md", &text, &options());
        for variant in [
            text.replace('\n', "\r\n"),
            text.replace('\n', "\r"),
            format!("\u{feff}{text}"),
        ] {
            let got = extract_post("p.md", &variant, &options());
            prop_assert_eq!(&got, &want, "variant {:?}", variant);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Generated graphs through every exporter

/// A record with hostile text everywhere a label can come from.
fn hostile_record(index: usize) -> impl Strategy<Value = PostRecord> {
    let section = (hostile_label(), 1u8..=6).prop_map(|(h, level)| (h, level));
    let citation = (url(), prop::option::of(hostile_label()), any::<bool>());
    (
        hostile_label(),
        prop::collection::vec(hostile_label(), 0..3),
        prop::collection::vec(hostile_label(), 0..3),
        prop::option::of((hostile_label(), 1u32..100)),
        prop::collection::vec(section, 0..5),
        prop::collection::vec(citation, 0..5),
        prop::collection::vec(hostile_label(), 0..2),
        hostile_label(),
    )
        .prop_map(
            move |(title, categories, tags, series, sections, citations, links, file)| {
                let path = format!("posts/{index}-{file}.md");
                let sections: Vec<Section> = sections
                    .into_iter()
                    .enumerate()
                    .map(|(i, (heading, level))| Section {
                        key: format!("{}{i}", heading.to_lowercase()),
                        heading,
                        level,
                        parent: i.checked_sub(1),
                        line: i + 1,
                    })
                    .collect();
                let count = sections.len();
                let citations = citations
                    .into_iter()
                    .enumerate()
                    .map(|(i, (raw, label, caption))| Citation {
                        key: raw.clone(),
                        host: raw.split('/').nth(2).map(str::to_string),
                        raw,
                        label,
                        label_source: if caption {
                            LabelSource::Caption
                        } else {
                            LabelSource::LinkText
                        },
                        section: (count > 0).then(|| i % count),
                        line: i + 1,
                    })
                    .collect();
                let post_links = links
                    .into_iter()
                    .map(|target| PostLink {
                        target,
                        section: None,
                        line: 1,
                    })
                    .collect();
                PostRecord {
                    path,
                    slug: file,
                    title,
                    date: None,
                    categories,
                    tags,
                    series: series.map(|(name, part)| SeriesRef { name, part }),
                    permalink: None,
                    sections,
                    citations,
                    post_links,
                    diagnostics: Vec::new(),
                }
            },
        )
}

fn hostile_graph() -> impl Strategy<Value = (KnowledgeGraph, String)> {
    let records = (0usize..5).prop_flat_map(|n| (0..n).map(hostile_record).collect::<Vec<_>>());
    (records, hostile_label()).prop_map(|(records, name)| {
        let mut builder = GraphBuilder::new();
        for record in &records {
            builder.add_post(record);
        }
        (builder.finish().0, name)
    })
}

/// `id → label` as the JSON export gives them.
fn json_labels(bytes: &[u8]) -> BTreeMap<String, String> {
    let doc: serde_json::Value = serde_json::from_slice(bytes).expect("the JSON parses");
    assert_eq!(doc["links"], doc["edges"]);
    doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().to_string(),
                n["label"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `kgid → label` as the GraphML export gives them, and the graph's `<desc>`.
fn graphml_labels(text: &str) -> (BTreeMap<String, String>, Option<String>) {
    let doc = roxmltree::Document::parse(text).expect("the GraphML is well-formed");
    let mut labels = BTreeMap::new();
    for node in doc
        .descendants()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "node")))
    {
        let data = |key: &str| {
            node.children()
                .find(|d| d.attribute("key") == Some(key))
                .and_then(|d| d.text())
                .map(str::to_string)
        };
        let kgid = data("kgid").expect("a kgid");
        assert!(labels
            .insert(kgid, data("label").unwrap_or_default())
            .is_none());
    }
    let desc = doc
        .descendants()
        .find(|n| n.has_tag_name((GRAPHML_NS, "desc")))
        .and_then(|d| d.text())
        .map(str::to_string);
    (labels, desc)
}

/// `tooltip (the real id) → label` as the DOT export gives them, and the graph's name.
fn dot_labels(text: &str) -> (BTreeMap<String, String>, String) {
    let Graph::DiGraph { id, stmts, .. } = graphviz_rust::parse(text).expect("the DOT parses")
    else {
        panic!("not a digraph");
    };
    let labels = stmts
        .iter()
        .filter_map(|s| match s {
            Stmt::Node(n) => Some((
                graphviz_unquote(find_attr(&n.attributes, "tooltip").expect("a tooltip")),
                graphviz_unquote(find_attr(&n.attributes, "label").expect("a label")),
            )),
            _ => None,
        })
        .collect();
    (labels, graphviz_unquote(id_text(&id)))
}

fn export_options(name: &str) -> ExportOptions {
    ExportOptions {
        name: name.to_string(),
        ..ExportOptions::default()
    }
}

fn exports_of(graph: &KnowledgeGraph, name: &str) -> [Vec<u8>; 4] {
    let options = export_options(name);
    [Format::Json, Format::Graphml, Format::Dot, Format::Gexf]
        .map(|f| to_bytes(graph, f, &options).expect("export succeeds"))
}

/// `id → label` as the GEXF export gives them.
fn gexf_labels(text: &str) -> BTreeMap<String, String> {
    let doc = roxmltree::Document::parse(text).expect("the GEXF is well-formed");
    doc.descendants()
        .filter(|n| n.has_tag_name((GEXF_NS, "node")))
        .map(|n| {
            let attr = |name| n.attribute(name).unwrap_or_default().to_string();
            (attr("id"), attr("label"))
        })
        .collect()
}

/// The HTML viewer: no label may end its `<script>` elements early or open a comment, and the
/// embedded data keeps every id and label exactly. Skipped in a build without the viewer bundle.
fn check_html(graph: &KnowledgeGraph, name: &str, want: &BTreeMap<String, String>) {
    let Ok(page) = to_bytes(graph, Format::Html, &export_options(name)) else {
        return;
    };
    let page = String::from_utf8(page).expect("the HTML is UTF-8");
    let lower = page.to_ascii_lowercase();
    assert_eq!(
        lower.matches("</script").count(),
        2,
        "a label closed a <script>"
    );
    assert_eq!(
        lower.matches("<script").count(),
        2,
        "a label opened a <script>"
    );
    let open = r#"<script type="application/json" id="kgraph-data">"#;
    let start = page.find(open).expect("the data element") + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&page[start..end]).expect("the data parses");
    let column = |name: &str| -> Vec<String> {
        data["nodes"][name]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let got: BTreeMap<String, String> = column("id").into_iter().zip(column("label")).collect();
    assert_eq!(&got, want, "HTML viewer data");
}

fn check_exports(graph: &KnowledgeGraph, name: &str) {
    let [json, graphml, dot, gexf] = exports_of(graph, name);
    let want = json_labels(&json);
    let real: BTreeMap<String, String> = graph
        .nodes()
        .map(|(_, n)| (n.id.to_string(), n.label.clone()))
        .collect();
    assert_eq!(want, real, "JSON labels");
    for id in want.keys() {
        assert!(id.chars().all(is_xml_char), "id {id:?}");
    }

    let (labels, desc) = graphml_labels(std::str::from_utf8(&graphml).unwrap());
    let xml: BTreeMap<String, String> = want
        .iter()
        .map(|(id, l)| (id.clone(), xml_expected(l)))
        .collect();
    assert_eq!(labels, xml, "GraphML labels");
    assert_eq!(desc.unwrap_or_default(), xml_expected(name));

    let (labels, graph_name) = dot_labels(std::str::from_utf8(&dot).unwrap());
    let drawn: BTreeMap<String, String> = want
        .iter()
        .map(|(id, l)| (dot_expected(id), dot_expected(l)))
        .collect();
    assert_eq!(labels, drawn, "DOT labels");
    assert_eq!(graph_name, dot_expected(name));

    let labels = gexf_labels(std::str::from_utf8(&gexf).unwrap());
    let tokens: BTreeMap<String, String> = want
        .iter()
        .map(|(id, l)| (id.clone(), gexf_expected(l)))
        .collect();
    assert_eq!(labels, tokens, "GEXF labels");

    check_html(graph, name, &want);

    // The other text formats: they are written whatever the labels (their readers are checked
    // by tests/conformance).
    let options = export_options(name);
    for format in [Format::CsvNodes, Format::CsvEdges, Format::Mermaid] {
        let bytes = to_bytes(graph, format, &options).expect("export succeeds");
        assert!(
            std::str::from_utf8(&bytes).is_ok(),
            "{format:?} is not UTF-8"
        );
    }
}

proptest! {
    #![proptest_config(config(cases_from("PROPTEST_CASES", 200)))]

    #[test]
    fn every_export_reparses_with_the_same_labels((graph, name) in hostile_graph()) {
        check_exports(&graph, &name);
    }
}

// ---------------------------------------------------------------------------------------------
// The real consumers, on fewer cases

proptest! {
    #![proptest_config(config(cases_from("KGRAPH_FUZZ_TOOL_CASES", 20)))]

    #[test]
    fn graphviz_and_xmllint_accept_every_export((graph, name) in hostile_graph()) {
        let [_, graphml, dot, gexf] = exports_of(&graph, &name);
        let dir = tempfile::tempdir().unwrap();
        if have("dot") {
            let path = write(dir.path(), "g.dot", &dot);
            let run = Command::new("dot").arg("-Tsvg").arg(&path).output().unwrap();
            prop_assert!(run.status.success(), "dot failed: {:?}", run);
            prop_assert_eq!(String::from_utf8_lossy(&run.stderr), "", "dot wrote to stderr");
            let svg = String::from_utf8(run.stdout).unwrap();
            let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
            prop_assert!(roxmltree::Document::parse_with_options(&svg, options).is_ok(), "SVG: {}", svg);
        }
        let checks = [
            ("--schema", graphml_xsd(), "g.graphml", graphml),
            ("--relaxng", gexf_rng(), "g.gexf", gexf),
        ];
        for (check, grammar, name, export) in checks {
            if have("xmllint") && grammar.exists() {
                let run = xmllint(check, &grammar, &write(dir.path(), name, &export));
                prop_assert!(run.status.success(), "xmllint: {}", String::from_utf8_lossy(&run.stderr));
            }
        }
    }
}
