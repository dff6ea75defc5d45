//! The two-table CSV export (Gephi's spreadsheet import) in both dialects: expected outputs,
//! a round trip through the `csv` crate, both tables from one `-o g.csv`, and NetworkX's GEXF
//! reader with Python's `csv`.

use crate::common::to_bytes;
use kgraph::Attr;
use kgraph::{CsvDialect, ExportOptions, Format};

use super::svg_png::one_post;
use super::write_expected_readings;
use crate::common::hostile_graph::{assert_golden, export, hostile_graph, hostile_options};
use crate::common::{kgraph, run_check, write, xml_expected};

#[test]
fn csv_matches_golden_in_both_dialects() {
    assert_golden("graph.nodes.csv", &export(Format::CsvNodes));
    assert_golden("graph.edges.csv", &export(Format::CsvEdges));
    let rfc = ExportOptions {
        csv_dialect: CsvDialect::Rfc4180,
        ..hostile_options()
    };
    let nodes = to_bytes(&hostile_graph(), Format::CsvNodes, &rfc).unwrap();
    assert_golden("graph.rfc4180.nodes.csv", &nodes);
}

// ---------------------------------------------------------------------------------------------
// Round trip

fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// What Gephi's reader (Commons CSV, `\` as escape) makes of a field kgraph wrote: the only
/// escapes kgraph writes are doubled backslashes.
fn gephi_unescape(field: &str) -> String {
    field.replace("\\\\", "\\")
}

#[test]
fn csv_tables_parse_back_in_both_dialects() {
    let graph = hostile_graph();
    for dialect in [CsvDialect::Gephi, CsvDialect::Rfc4180] {
        let options = ExportOptions {
            csv_dialect: dialect,
            ..hostile_options()
        };
        let nodes = to_bytes(&graph, Format::CsvNodes, &options).unwrap();
        let edges = to_bytes(&graph, Format::CsvEdges, &options).unwrap();
        let decode = |s: &str| match dialect {
            CsvDialect::Gephi => gephi_unescape(s),
            CsvDialect::Rfc4180 => s.to_string(),
        };
        let eol = if dialect == CsvDialect::Gephi {
            "\n"
        } else {
            "\r\n"
        };
        let last_column = Attr::ALL[Attr::ALL.len() - 1].as_str();
        let header_end = format!("{last_column}{eol}");
        assert!(nodes.starts_with(b"Id,Label,Kind,path,"), "{dialect:?}");
        assert!(
            String::from_utf8_lossy(&nodes).contains(&header_end),
            "{dialect:?}"
        );
        if dialect == CsvDialect::Gephi {
            // Every run of backslashes is even, so none can escape a quote or a separator.
            let text = String::from_utf8(nodes.clone()).unwrap();
            for run in text.split(|c| c != '\\').filter(|r| !r.is_empty()) {
                assert_eq!(run.len() % 2, 0, "odd backslash run in {text}");
            }
        }

        let rows = read_csv(&nodes);
        let mut header = vec!["Id", "Label", "Kind"];
        header.extend(Attr::ALL.iter().map(|a| a.as_str()));
        assert_eq!(rows[0], header);
        assert_eq!(rows.len(), graph.node_count() + 1);
        for ((_, want), row) in graph.nodes().zip(&rows[1..]) {
            assert_eq!(decode(&row[0]), xml_expected(&want.id.to_string()));
            assert_eq!(decode(&row[1]), xml_expected(&want.label), "{dialect:?}");
            assert_eq!(row[2], want.kind().as_str());
            for (k, attr) in Attr::ALL.into_iter().enumerate() {
                let value = want.attr(attr).map(ToString::to_string).unwrap_or_default();
                assert_eq!(
                    decode(&row[3 + k]),
                    xml_expected(&value),
                    "{} {attr:?}",
                    want.id
                );
            }
        }

        let rows = read_csv(&edges);
        assert_eq!(
            rows[0],
            ["Source", "Target", "Kind", "Weight", "Type", "Id", "Label"]
        );
        assert_eq!(rows.len(), graph.edge_count() + 1);
        for ((j, want), row) in graph.edges().enumerate().zip(&rows[1..]) {
            let kind = want.edge.kind.as_str();
            let id = |i: usize| xml_expected(&graph.node(i).id.to_string());
            assert_eq!(decode(&row[0]), id(want.source));
            assert_eq!(decode(&row[1]), id(want.target));
            let weight = want.edge.weight.to_string();
            let rest = [kind, weight.as_str(), "Directed", &format!("e{j}"), kind];
            assert_eq!(row[2..], rest);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Through the binary

#[test]
fn a_csv_output_writes_both_tables() {
    let posts = one_post();
    let out = tempfile::tempdir().unwrap();
    kgraph()
        .arg("build")
        .arg(posts.path())
        .arg("-o")
        .arg(out.path().join("g.csv"))
        .arg("-q")
        .assert()
        .success();
    let nodes = std::fs::read_to_string(out.path().join("g.nodes.csv")).unwrap();
    let edges = std::fs::read_to_string(out.path().join("g.edges.csv")).unwrap();
    assert!(nodes.starts_with("Id,Label,Kind,"), "{nodes}");
    assert!(edges.starts_with("Source,Target,Kind,Weight,"), "{edges}");
    assert!(!out.path().join("g.csv").exists());
}

// ---------------------------------------------------------------------------------------------
// NetworkX and Python's csv, when configured

/// Loads the GEXF with NetworkX and the CSV tables with Python's `csv`, and compares.
const PYTHON_NEW_FORMATS_CHECK: &str = r#"
import csv, json, sys
import networkx as nx

expected = json.load(open(sys.argv[1], encoding="utf-8"))
gexf, rfc_nodes, rfc_edges, gephi_nodes, gephi_edges = sys.argv[2:7]

g = nx.read_gexf(gexf)
assert g.is_directed() and g.is_multigraph(), "read_gexf: kind of graph"
assert g.number_of_nodes() == expected["nodes"], ("read_gexf nodes", g.number_of_nodes())
assert g.number_of_edges() == expected["edges"], ("read_gexf edges", g.number_of_edges())
assert dict(g.nodes(data="label")) == expected["gexf_labels"], "read_gexf labels"
assert dict(g.nodes(data="kind")) == expected["kinds"], "read_gexf kinds"
starts = {n: s for n, s in g.nodes(data="start") if s is not None}
assert starts == expected["starts"], ("read_gexf starts", starts)
assert all("size" in a["viz"] and "color" in a["viz"] for _, a in g.nodes(data=True)), "viz"
got_edges = sorted((u, v, d["label"], d["weight"]) for u, v, d in g.edges(data=True))
assert got_edges == sorted(tuple(e) for e in expected["edge_list"]), "read_gexf edges"

def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))

def unescape(s):
    return s.replace("\\\\", "\\")

for nodes_path, edges_path, decode in [(rfc_nodes, rfc_edges, str), (gephi_nodes, gephi_edges, unescape)]:
    nodes, edges = rows(nodes_path), rows(edges_path)
    assert len(nodes) == expected["nodes"], ("csv nodes", nodes_path, len(nodes))
    assert len(edges) == expected["edges"], ("csv edges", edges_path, len(edges))
    assert {decode(r["Id"]): decode(r["Label"]) for r in nodes} == expected["xml_labels"], nodes_path
    got = sorted((decode(r["Source"]), decode(r["Target"]), r["Kind"], float(r["Weight"])) for r in edges)
    assert got == sorted(tuple(e) for e in expected["edge_list"]), edges_path
print("networkx", nx.__version__, "read_gexf and Python csv agree")
"#;

#[test]
fn networkx_and_python_csv_load_gexf_and_csv() {
    let Some(python) = std::env::var_os("KGRAPH_PYTHON") else {
        eprintln!("note: set KGRAPH_PYTHON to a Python with networkx to run this check");
        return;
    };
    let graph = hostile_graph();
    let dir = tempfile::tempdir().unwrap();
    let expected = write_expected_readings(dir.path());
    let rfc = ExportOptions {
        csv_dialect: CsvDialect::Rfc4180,
        ..hostile_options()
    };
    let bytes = |format, options: &ExportOptions| to_bytes(&graph, format, options).unwrap();
    let files = [
        write(dir.path(), "h.gexf", export(Format::Gexf)),
        write(dir.path(), "rfc.nodes.csv", bytes(Format::CsvNodes, &rfc)),
        write(dir.path(), "rfc.edges.csv", bytes(Format::CsvEdges, &rfc)),
        write(dir.path(), "gephi.nodes.csv", export(Format::CsvNodes)),
        write(dir.path(), "gephi.edges.csv", export(Format::CsvEdges)),
    ];
    let mut args = vec![expected.as_os_str()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    run_check(
        &python,
        "-c",
        PYTHON_NEW_FORMATS_CHECK,
        &args,
        "Python readers",
    );
}
