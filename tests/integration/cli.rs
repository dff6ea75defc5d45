//! The `kgraph` binary end to end: help, usage errors, the default outputs, standard output,
//! metrics and positions in the exports, byte-identical outputs whatever the threads and the
//! input order, and what it reports on stderr.

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::common::{kgraph, kgraph_at_root, manifest_dir, stderr_of, write, HOSTILE_CORPUS};

const POST: &str = "---\ntitle: 多模态学习（一）\ncategory: AI\n---\n\n# 多模态\n\nhttps://arxiv.org/abs/2101.00001\n\n多模态预训练综述\n";

#[test]
fn help_shows_examples() {
    kgraph()
        .args(["build", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}

#[test]
fn usage_errors_exit_2_with_one_line_that_says_what_to_do() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["build", "no/such/folder"],
            "cannot read input no/such/folder",
        ),
        (
            &["build", HOSTILE_CORPUS, "-o", "g.xlsx"],
            "use one of .json, .graphml, .dot, .gv,",
        ),
        (&["build", HOSTILE_CORPUS, "-o", "-"], "needs --format"),
        (&["build", HOSTILE_CORPUS, "--format", "json"], "add -o"),
        (
            &["build", HOSTILE_CORPUS, "-o", "a.json", "-o", "a.json"],
            "given twice",
        ),
        (
            &["build", HOSTILE_CORPUS, "--exclude", "[", "-o", "a.json"],
            "invalid --exclude glob",
        ),
        (
            &["build", HOSTILE_CORPUS, "--site-url", "://", "-o", "a.json"],
            "is not a web address",
        ),
    ];
    for (args, hint) in cases {
        let out = kgraph_at_root().args(*args).output().unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("kgraph: error: "), "{args:?}: {stderr}");
        assert!(stderr.contains(hint), "{args:?}: {stderr}");
    }
    // clap's own errors: exit 2, the first line says what is wrong.
    for args in [
        &["build"][..],
        &["build", HOSTILE_CORPUS, "--kinds", "nope"],
        &["build", "--bogus"],
    ] {
        let out = kgraph_at_root().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr_of(&out).starts_with("error: "), "{args:?}");
    }
}

#[test]
fn writes_the_default_outputs_into_out() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/2020-1-2-a.md", POST.as_bytes());
    kgraph()
        .current_dir(dir.path())
        .args(["build", "posts"])
        .assert()
        .success()
        .stderr(predicate::str::contains("kgraph: 1 posts"));
    for name in ["graph.json", "graph.graphml", "graph.dot"] {
        let len = fs::metadata(dir.path().join("out").join(name))
            .unwrap()
            .len();
        assert!(len > 0, "{name} is empty");
    }
}

#[test]
fn json_goes_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "2020-1-2-a.md", POST.as_bytes());
    let out = kgraph()
        .current_dir(dir.path())
        .args(["build", ".", "-o", "-", "--format", "json", "--quiet"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let labels: Vec<&str> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"多模态学习（一）"), "{labels:?}");
}

/// `kgraph build data … ARGS -o DIR/g.json -o DIR/g.gexf`; the bytes.
fn build_data(dir: &Path, args: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let data = manifest_dir().join("data");
    let (json, gexf) = (dir.join("g.json"), dir.join("g.gexf"));
    kgraph()
        .arg("build")
        .arg(&data)
        .args(args)
        .arg("-o")
        .arg(&json)
        .arg("-o")
        .arg(&gexf)
        .arg("-q")
        .assert()
        .success();
    (fs::read(json).unwrap(), fs::read(gexf).unwrap())
}

#[test]
fn exports_carry_metrics_and_positions_only_with_a_layout() {
    let dir = tempfile::tempdir().unwrap();
    let (json, gexf) = build_data(dir.path(), &[]);
    let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    for node in doc["nodes"].as_array().unwrap() {
        for key in [
            "degree",
            "pagerank",
            "component",
            "community",
            "size",
            "color",
        ] {
            assert!(node.get(key).is_some(), "{key} missing on {node}");
        }
        assert!(node.get("x").is_none(), "{node}");
    }
    assert!(!String::from_utf8(gexf).unwrap().contains("viz:position"));

    let (json, gexf) = build_data(dir.path(), &["--layout", "fa2"]);
    let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    for node in doc["nodes"].as_array().unwrap() {
        let (x, y) = (node["x"].as_f64().unwrap(), node["y"].as_f64().unwrap());
        assert!(x.abs() <= 1000.0 && y.abs() <= 1000.0, "{node}");
    }
    let gexf = String::from_utf8(gexf).unwrap();
    assert_eq!(
        gexf.matches("<viz:position ").count(),
        doc["nodes"].as_array().unwrap().len()
    );
}

/// Outputs checked for determinism, and the options that make every stage run: the layout,
/// community colours and PageRank sizes.
const EXPORTS: [&str; 4] = ["json", "graphml", "dot", "gexf"];
const LOOK: [&str; 8] = [
    "--layout",
    "fa2",
    "--layout-iterations",
    "40",
    "--color-by",
    "community",
    "--size-by",
    "pagerank",
];

#[test]
fn outputs_are_byte_identical_across_runs_threads_and_input_order() {
    let corpus = manifest_dir().join(HOSTILE_CORPUS);
    let mut inputs: Vec<PathBuf> = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "md"))
        .collect();
    inputs.sort();
    let reversed: Vec<PathBuf> = inputs.iter().rev().cloned().collect();
    let mut runs = Vec::new();
    for (threads, order) in [("1", &inputs), ("4", &reversed), ("2", &inputs)] {
        let dir = tempfile::tempdir().unwrap();
        let refs: Vec<&Path> = order.iter().map(PathBuf::as_path).collect();
        let mut cmd = kgraph_at_root();
        cmd.env("RAYON_NUM_THREADS", threads)
            .arg("build")
            .args(&refs)
            .args(LOOK)
            .arg("-q");
        for ext in EXPORTS {
            cmd.arg("-o").arg(dir.path().join(format!("g.{ext}")));
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        let bytes: Vec<Vec<u8>> = EXPORTS
            .iter()
            .map(|ext| fs::read(dir.path().join(format!("g.{ext}"))).unwrap())
            .collect();
        runs.push((bytes, out.stderr));
    }
    assert!(
        runs[0] == runs[1],
        "threads 1 vs 4 and reversed inputs differ"
    );
    assert!(runs[0] == runs[2], "two runs differ");
}

#[test]
fn a_layout_reports_its_time() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/a.md", POST.as_bytes());
    kgraph()
        .current_dir(dir.path())
        .args(["build", "posts", "-o", "g.json", "--layout", "fa2"])
        .assert()
        .success()
        .stderr(predicate::str::contains(" s (layout "));
}

#[test]
fn timings_list_every_stage_and_output_and_no_progress_bar_off_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/2024-01-01-a.md", POST.as_bytes());
    let out = kgraph()
        .current_dir(dir.path())
        .args(["build", "posts", "-o", "g.json", "-o", "g.dot", "--timings"])
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(out).unwrap();
    let table = stderr
        .split_once("kgraph: timings (wall clock)\n")
        .expect("a timings table")
        .1;
    let rows: Vec<&str> = table
        .lines()
        .map(|l| l.rsplit_once("  ").unwrap().0.trim())
        .collect();
    assert_eq!(
        rows,
        [
            "discover",
            "read + parse + build",
            "keywords",
            "finish graph",
            "metrics",
            "write outputs",
            "g.json",
            "g.dot",
            "total"
        ],
        "{stderr}"
    );
    assert!(table.lines().all(|l| l.ends_with(" ms")), "{stderr}");
    // stderr is a pipe here: no bar, no cursor movement.
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\r'),
        "{stderr:?}"
    );
}
