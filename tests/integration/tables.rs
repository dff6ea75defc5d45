//! The folder formats (`--format parquet`, `--format neo4j`) and `build --from-parquet`: a
//! round trip through the tables gives byte-identical JSON, folders are replaced whole and
//! only when they are kgraph's, the bytes are deterministic, and bad tables are diagnostics.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use kgraph::{ExportOptions, Format};
use parquet::data_type::{ByteArray, ByteArrayType};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::common::hostile_graph::{hostile_graph, hostile_options};
use crate::common::{assert_expected, kgraph_at_root, stderr_of};

/// Runs `kgraph build ARGS…` from the repository root, asserting it exits with `code`.
fn build(args: &[&str], code: i32) -> std::process::Output {
    let out = kgraph_at_root().arg("build").args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{}", stderr_of(&out));
    out
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Every file under `dir`, as `/`-separated relative paths with their bytes, in path order.
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_str().unwrap();
                files.push((relative.replace('\\', "/"), fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// The names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_round_trip_through_parquet_gives_byte_identical_json_also_after_filters_and_layout() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    build(&["data", "-q", "-o", arg(&path("a.json"))], 0);
    build(
        &["data", "-q", "-o", arg(&path("t")), "--format", "parquet"],
        0,
    );
    assert_eq!(names_in(&path("t")), ["edges", "nodes"]);
    build(
        &[
            "--from-parquet",
            arg(&path("t")),
            "-q",
            "-o",
            arg(&path("b.json")),
        ],
        0,
    );
    assert_eq!(
        fs::read(path("a.json")).unwrap(),
        fs::read(path("b.json")).unwrap()
    );
    // The filters, then the metrics, on the graph read back: as on the graph read from posts.
    let filters = ["--kinds", "post,topic,keyword", "--max-nodes", "30", "-q"];
    let (fa, fb, t) = (path("fa.json"), path("fb.json"), path("t"));
    build(&[&["data", "-o", arg(&fa)][..], &filters].concat(), 0);
    build(
        &[&["--from-parquet", arg(&t), "-o", arg(&fb)][..], &filters].concat(),
        0,
    );
    assert_eq!(fs::read(fa).unwrap(), fs::read(fb).unwrap());
    // Positions in the tables are kept, and a layout run again on them gives the same ones.
    let (la, lt) = (path("la.json"), path("lt"));
    build(&["data", "-q", "--layout", "fa2", "-o", arg(&la)], 0);
    build(
        &[
            "data",
            "-q",
            "--layout",
            "fa2",
            "-o",
            arg(&lt),
            "--format",
            "parquet",
        ],
        0,
    );
    for layout in [&["--layout", "fa2"][..], &[]] {
        let lb = path("lb.json");
        build(
            &[
                &["--from-parquet", arg(&lt), "-q", "-o", arg(&lb)][..],
                layout,
            ]
            .concat(),
            0,
        );
        assert_eq!(fs::read(&la).unwrap(), fs::read(&lb).unwrap(), "{layout:?}");
    }
}

#[test]
fn folder_outputs_are_deterministic_across_threads() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["parquet", "neo4j"] {
        let mut runs = Vec::new();
        for threads in ["1", "2"] {
            let out = dir.path().join(format!("{format}-{threads}"));
            kgraph_at_root()
                .env("RAYON_NUM_THREADS", threads)
                .args(["build", "data", "-q", "-o", arg(&out), "--format", format])
                .assert()
                .success();
            runs.push(files_under(&out));
        }
        assert!(!runs[0].is_empty());
        assert_eq!(runs[0], runs[1], "{format}");
    }
}

#[test]
fn an_earlier_output_is_replaced_whole_and_other_folders_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let tables = dir.path().join("tables");
    fs::create_dir_all(tables.join("nodes")).unwrap();
    fs::write(tables.join("nodes/part-7.parquet"), "stale").unwrap();
    fs::write(tables.join("_SUCCESS"), "").unwrap();
    build(
        &["data", "-q", "-o", arg(&tables), "--format", "parquet"],
        0,
    );
    assert_eq!(names_in(&tables), ["edges", "nodes"]);
    assert_eq!(names_in(&tables.join("nodes")), ["part-0.parquet"]);
    assert_eq!(names_in(dir.path()), ["tables"]);

    // A folder with anything else, a neo4j folder given to parquet, and a file are left alone.
    let documents = dir.path().join("documents");
    fs::create_dir(&documents).unwrap();
    fs::write(documents.join("thesis.md"), "keep").unwrap();
    let neo4j = dir.path().join("neo4j");
    build(&["data", "-q", "-o", arg(&neo4j), "--format", "neo4j"], 0);
    let neo4j_files = files_under(&neo4j);
    let file = dir.path().join("file");
    fs::write(&file, "keep").unwrap();
    for (target, format) in [
        (&documents, "parquet"),
        (&neo4j, "parquet"),
        (&file, "neo4j"),
    ] {
        let out = build(&["data", "-q", "-o", arg(target), "--format", format], 2);
        let stderr = stderr_of(&out);
        assert!(stderr.contains("kgraph: error: cannot write"), "{stderr}");
    }
    assert_eq!(
        files_under(&documents),
        [("thesis.md".into(), b"keep".to_vec())]
    );
    assert_eq!(files_under(&neo4j), neo4j_files);
    assert_eq!(fs::read_to_string(&file).unwrap(), "keep");
    assert_eq!(
        names_in(dir.path()),
        ["documents", "file", "neo4j", "tables"]
    );
}

#[test]
fn folder_formats_and_from_parquet_are_refused_where_they_make_no_sense() {
    let cases: [(&[&str], &str); 4] = [
        (&["data", "-o", "-", "--format", "neo4j"], "writes a folder"),
        (
            &["data", "--from-parquet", "t", "-o", "g.json"],
            "cannot be used with",
        ),
        (&["-o", "g.json"], "<INPUT|--from-parquet <DIR>>"),
        (&["data", "-o", "tables"], "--format parquet"),
    ];
    for (args, says) in cases {
        let out = build(args, 2);
        assert!(
            stderr_of(&out).contains(says),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
    let watch = kgraph_at_root()
        .args(["watch", "data", "--from-parquet", "t", "-o", "g.json"])
        .output()
        .unwrap();
    assert_eq!(watch.status.code(), Some(2));
    assert!(stderr_of(&watch).contains("kgraph watch follows posts"));
    let out = build(&["--from-parquet", "no/such/tables", "-o", "g.json"], 2);
    assert!(
        stderr_of(&out).contains("no/such/tables/nodes"),
        "{}",
        stderr_of(&out)
    );
}

/// Writes a Parquet file of text columns `names` with `rows` to `path`.
fn write_text_table(path: &Path, names: &[&str], rows: &[&[&str]]) {
    let fields: Vec<String> = names
        .iter()
        .map(|n| format!("REQUIRED BYTE_ARRAY {n} (UTF8);"))
        .collect();
    let schema = parse_message_type(&format!("message t {{ {} }}", fields.join(" "))).unwrap();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let file = fs::File::create(path).unwrap();
    let mut writer = SerializedFileWriter::new(file, Arc::new(schema), Default::default()).unwrap();
    let mut group = writer.next_row_group().unwrap();
    let mut column = 0;
    while let Some(mut chunk) = group.next_column().unwrap() {
        let values: Vec<ByteArray> = rows.iter().map(|r| ByteArray::from(r[column])).collect();
        chunk
            .typed::<ByteArrayType>()
            .write_batch(&values, None, None)
            .unwrap();
        chunk.close().unwrap();
        column += 1;
    }
    group.close().unwrap();
    writer.close().unwrap();
}

#[test]
fn tables_from_elsewhere_are_read_in_any_order_with_warnings_for_what_kgraph_cannot_use() {
    let dir = tempfile::tempdir().unwrap();
    let tables = dir.path().join("spark");
    let node_columns = ["label", "id", "url", "colour"];
    write_text_table(
        &tables.join("nodes/part-00001.parquet"),
        &node_columns,
        &[
            &["B", "post:b.md", "", "red"],
            &["A", "post:a.md", "", "blue"],
        ],
    );
    write_text_table(
        &tables.join("nodes/part-00000.parquet"),
        &node_columns,
        &[
            &["R", "resource:https://e.com/r", "https://e.com/r", ""],
            &["?", "planet:mars", "", ""],
        ],
    );
    fs::write(tables.join("nodes/_SUCCESS"), "").unwrap();
    write_text_table(
        &tables.join("edges/part-00000.parquet"),
        &["src", "dst", "kind"],
        &[
            &["post:b.md", "resource:https://e.com/r", "cites"],
            &["post:a.md", "post:b.md", "links_to"],
            &["post:a.md", "post:zzz.md", "links_to"],
            &["post:a.md", "post:b.md", "links_to"],
        ],
    );
    let json = dir.path().join("g.json");
    let out = build(&["--from-parquet", arg(&tables), "-o", arg(&json)], 0);
    let stderr = stderr_of(&out);
    let nodes0 = format!("{}", tables.join("nodes/part-00000.parquet").display());
    let edges = format!("{}", tables.join("edges/part-00000.parquet").display());
    for line in [
        format!("{nodes0}:2: warning: row skipped: node id `planet:mars` does not start with a kgraph kind"),
        format!("{nodes0}: warning: column `colour` is no node attribute kgraph knows, or given twice; ignored"),
        format!("{edges}:3: warning: row skipped: edge end `post:zzz.md` is no node of the node table"),
        format!("{edges}:4: warning: edge given again for the same src, dst and kind; the weights are added up"),
    ] {
        assert!(stderr.contains(&line), "{line}\nnot in\n{stderr}");
    }
    assert!(stderr.contains("kgraph: 2 posts → 3 nodes"), "{stderr}");
    let graph: serde_json::Value = serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
    let links: Vec<_> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "links_to")
        .collect();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0]["weight"], 2);
    // A table without its key column is an error, and nothing is written.
    write_text_table(
        &tables.join("nodes/part-00002.parquet"),
        &["label"],
        &[&["x"]],
    );
    let out = build(
        &[
            "--from-parquet",
            arg(&tables),
            "-o",
            arg(&dir.path().join("no.json")),
        ],
        2,
    );
    assert!(
        stderr_of(&out).contains("the table has no `id` column"),
        "{}",
        stderr_of(&out)
    );
    assert!(!dir.path().join("no.json").exists());
}

/// The hostile graph written as `format` into a new folder.
fn hostile_folder(format: Format) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out");
    kgraph::export_to_path(&hostile_graph(), format, &hostile_options(), &path).unwrap();
    (dir, path)
}

#[test]
fn the_hostile_graph_comes_back_from_parquet_as_it_was() {
    let (_dir, path) = hostile_folder(Format::Parquet);
    let read = kgraph::load_tables(&path).unwrap();
    assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
    let original = hostile_graph();
    // Every attribute as exported: a resource's url equal to its key is derived, not stored.
    let nodes = |g: &kgraph::KnowledgeGraph| -> Vec<(String, String, Vec<_>)> {
        g.nodes()
            .map(|(_, n)| {
                let attrs = n.attributes().map(|(a, v)| (a, v.into_owned())).collect();
                (n.id.to_string(), n.label.clone(), attrs)
            })
            .collect()
    };
    assert_eq!(nodes(&read.graph), nodes(&original));
    let edges = |g: &kgraph::KnowledgeGraph| -> Vec<(usize, usize, kgraph::Edge)> {
        g.edges().map(|e| (e.source, e.target, *e.edge)).collect()
    };
    assert_eq!(edges(&read.graph), edges(&original));
    let options = ExportOptions::default();
    let json = |g: &kgraph::KnowledgeGraph| {
        let mut out = Vec::new();
        kgraph::export(g, Format::Json, &options, &mut out).unwrap();
        out
    };
    assert_eq!(json(&read.graph), json(&original));
}

#[test]
fn the_hostile_graph_as_neo4j_files() {
    let (_dir, path) = hostile_folder(Format::Neo4j);
    for (name, bytes) in files_under(&path) {
        assert_expected("hostile-graph", &format!("neo4j/{name}"), &bytes);
    }
    let expected = crate::common::fixture("hostile-graph").join("expected/neo4j");
    assert_eq!(files_under(&path).len(), files_under(&expected).len());
}
