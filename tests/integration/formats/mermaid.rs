//! The Mermaid export: its expected output, labels decoded the way Mermaid reads them, and
//! graphology-gexf with `mermaid.parse` (Node.js).

use std::ffi::OsStr;

use kgraph::Format;

use super::write_expected_readings;
use crate::common::hostile_graph::{assert_golden, export, export_str, hostile_graph};
use crate::common::{dot_expected, run_check, write};

#[test]
fn mermaid_matches_golden() {
    assert_golden("graph.mmd", &export(Format::Mermaid));
}

// ---------------------------------------------------------------------------------------------
// Labels

/// Undoes Mermaid label escaping the way Mermaid reads it: `<br/>` is a line break and
/// `#name;` / `#123;` entity codes become characters.
fn mermaid_unescape(label: &str) -> String {
    let text = label.replace("<br/>", "\n");
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with(';') {
            let name = &after[..name_len];
            let c = match name {
                "quot" => '"',
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                n => char::from_u32(n.parse().unwrap_or_else(|_| panic!("entity {n}"))).unwrap(),
            };
            out.push(c);
            rest = &after[name_len + 1..];
        } else {
            out.push('#');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn mermaid_labels_decode_back_and_ids_are_synthetic() {
    let graph = hostile_graph();
    let text = export_str(Format::Mermaid);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "%% hostile #quot;graph#quot; #lt;#amp;#gt; \\");
    assert_eq!(lines[1], "flowchart LR");
    assert_eq!(
        text.matches("%%").count(),
        1,
        "no directive can hide in a label"
    );
    let class_defs = lines
        .iter()
        .filter(|l| l.starts_with("  classDef "))
        .count();
    assert_eq!(class_defs, graph.count_nodes_by_kind().len());

    let node_lines: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains("[\""))
        .collect();
    assert_eq!(node_lines.len(), graph.node_count());
    for ((i, want), line) in graph.nodes().zip(node_lines) {
        let rest = line
            .strip_prefix(&format!("  n{i}[\""))
            .unwrap_or_else(|| panic!("{line}"));
        let (label, class) = rest.split_once("\"]:::").unwrap();
        assert!(!label.contains(['"', '%', ':', '`']), "{label}");
        assert_eq!(class, format!("kind_{}", want.kind()));
        assert_eq!(
            mermaid_unescape(label),
            dot_expected(&want.label),
            "{}",
            want.id
        );
    }
    let edge_lines: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains(" -->|"))
        .collect();
    let want_edges: Vec<String> = graph
        .edges()
        .map(|e| {
            let kind = e.edge.kind.as_str();
            let text = match e.edge.weight {
                1 => kind.to_string(),
                w => format!("{kind}, weight {w}"),
            };
            format!("  n{} -->|\"{text}\"| n{}", e.source, e.target)
        })
        .collect();
    assert_eq!(edge_lines, want_edges);
}

// ---------------------------------------------------------------------------------------------
// graphology-gexf and Mermaid's parser, when configured

/// Parses the GEXF with graphology-gexf and the Mermaid file with `mermaid.parse`.
const NODE_CHECK: &str = r#"
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const { pathToFileURL } = require('url');
// With `node -e` there is no script path in argv.
const [modules, expectedPath, gexfPath, mmdPath] = process.argv.slice(1);
const req = createRequire(path.join(modules, 'noop.js'));
const assert = (ok, what) => { if (!ok) { console.error('FAIL', what); process.exit(1); } };

const expected = JSON.parse(fs.readFileSync(expectedPath, 'utf8'));
const Graph = req('graphology');
const gexf = req('graphology-gexf');
const g = gexf.parse(Graph, fs.readFileSync(gexfPath, 'utf8'));
assert(g.order === expected.nodes, `graphology nodes ${g.order}`);
assert(g.size === expected.edges, `graphology edges ${g.size}`);
assert(g.multi && g.type === 'directed', `graphology type ${g.type} multi ${g.multi}`);
for (const [id, label] of Object.entries(expected.gexf_labels)) {
  assert(g.getNodeAttribute(id, 'label') === label, `label of ${id}`);
  assert(g.getNodeAttribute(id, 'kind') === expected.kinds[id], `kind of ${id}`);
  assert(/^rgb\(\d+,\d+,\d+\)$/.test(g.getNodeAttribute(id, 'color')), `color of ${id}`);
}
const kinds = g.mapEdges((e, a) => a.kind).sort();
assert(JSON.stringify(kinds) === JSON.stringify(expected.edge_list.map(e => e[2]).sort()), 'edge kinds');

(async () => {
  const { JSDOM } = req('jsdom');
  const dom = new JSDOM('<!DOCTYPE html><body></body>');
  global.window = dom.window;
  global.document = dom.window.document;
  const mermaidPath = path.join(path.dirname(req.resolve('mermaid/package.json')), 'dist', 'mermaid.core.mjs');
  const mermaid = (await import(pathToFileURL(mermaidPath).href)).default;
  const result = await mermaid.parse(fs.readFileSync(mmdPath, 'utf8'));
  assert(result && result.diagramType === 'flowchart-v2', `mermaid diagram type ${result && result.diagramType}`);
  console.log('graphology-gexf and mermaid.parse accept the files');
})().catch(e => { console.error('FAIL', e && e.message || e); process.exit(1); });
"#;

#[test]
fn graphology_and_mermaid_accept_the_exports() {
    let Some(modules) = std::env::var_os("KGRAPH_NODE_MODULES") else {
        eprintln!("note: set KGRAPH_NODE_MODULES to run the graphology-gexf and Mermaid checks");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let expected = write_expected_readings(dir.path());
    let gexf = write(dir.path(), "h.gexf", export(Format::Gexf));
    let mmd = write(dir.path(), "h.mmd", export(Format::Mermaid));
    let args = [
        &*modules,
        expected.as_os_str(),
        gexf.as_os_str(),
        mmd.as_os_str(),
    ];
    run_check(
        OsStr::new("node"),
        "-e",
        NODE_CHECK,
        &args,
        "JavaScript readers",
    );
}
