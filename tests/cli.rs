//! The `kgraph` binary end to end: exit codes, diagnostics, outputs and their atomic replacement.

use std::fs;
use std::path::Path;

use predicates::prelude::*;

mod common;
use common::{kgraph, write};

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
fn fails_on_missing_input() {
    kgraph()
        .args(["build", "no/such/folder", "-o", "x.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "kgraph: error: cannot read input no/such/folder",
        ));
}

#[test]
fn fails_on_unknown_output_extension_listing_the_supported_ones() {
    let dir = tempfile::tempdir().unwrap();
    kgraph()
        .current_dir(dir.path())
        .args(["build", ".", "-o", "graph.xlsx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".json, .graphml"));
}

#[test]
fn stdout_without_format_is_a_usage_error() {
    kgraph()
        .args(["build", ".", "-o", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs --format"));
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

#[test]
fn bad_posts_are_diagnosed_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/good.md", POST.as_bytes());
    write(dir.path(), "posts/latin1.md", b"# Caf\xe9\n\nok\n");
    write(dir.path(), "posts/image.md", b"\x89PNG\r\n\x1a\n\0\0\0");
    kgraph()
        .current_dir(dir.path())
        .args(["build", "posts", "-o", "g.json"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "posts/latin1.md:1: warning: invalid UTF-8 at byte 5",
        ))
        .stderr(predicate::str::contains(
            "posts/image.md: warning: skipped: binary file",
        ))
        .stderr(predicate::str::contains("kgraph: 2 posts"));
    assert!(dir.path().join("g.json").exists());
}

#[test]
fn strict_turns_warnings_into_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/latin1.md", b"# Caf\xe9\n");
    kgraph()
        .current_dir(dir.path())
        .args(["build", "posts", "-o", "g.json", "--strict"])
        .assert()
        .code(1);
}

#[test]
fn an_unwritable_output_fails_but_the_others_are_written_and_old_files_survive() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/a.md", POST.as_bytes());
    write(dir.path(), "blocker", b"a file where a folder should be");
    write(dir.path(), "old.graphml", b"previous output");
    fs::create_dir(dir.path().join("taken.dot")).unwrap();
    kgraph()
        .current_dir(dir.path())
        .args([
            "build",
            "posts",
            "-o",
            "blocker/g.json",
            "-o",
            "taken.dot",
            "-o",
            "g.graphml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "kgraph: error: cannot write blocker/g.json",
        ))
        .stderr(predicate::str::contains(
            "kgraph: error: cannot write taken.dot",
        ));
    assert!(dir.path().join("g.graphml").exists());
    assert_eq!(
        fs::read(dir.path().join("old.graphml")).unwrap(),
        b"previous output"
    );
    let stray: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "temporary files left: {stray:?}");
}

#[test]
fn a_filter_that_removes_everything_warns_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/a.md", POST.as_bytes());
    kgraph()
        .current_dir(dir.path())
        .args([
            "build",
            "posts",
            "--kinds",
            "keyword",
            "--exclude-kinds",
            "keyword",
            "-o",
            "g.json",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the filters removed every node"));
    assert!(!dir.path().join("g.json").exists());
}

#[test]
fn an_unknown_focus_is_a_usage_error_with_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/a.md", POST.as_bytes());
    kgraph()
        .current_dir(dir.path())
        .args(["build", "posts", "--focus", "模态", "-o", "g.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "matches no node id or label; similar: keyword:多模态, topic:多模态,",
        ));
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..20 {
        let post = POST.replace("多模态学习（一）", &format!("Post {i}"));
        write(
            dir.path(),
            format!("posts/2020-1-{}-p{i}.md", i % 28 + 1),
            post.as_bytes(),
        );
    }
    let mut outputs = Vec::new();
    for threads in ["1", "2", "4"] {
        let out = dir.path().join(format!("g{threads}"));
        kgraph()
            .current_dir(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .args(["build", "posts", "-q"])
            .args(["-o", &format!("{}.json", out.display())])
            .args(["-o", &format!("{}.graphml", out.display())])
            .args(["-o", &format!("{}.dot", out.display())])
            .assert()
            .success();
        let bytes: Vec<Vec<u8>> = ["json", "graphml", "dot"]
            .iter()
            .map(|ext| fs::read(format!("{}.{ext}", out.display())).unwrap())
            .collect();
        outputs.push(bytes);
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

/// `kgraph build data … ARGS -o DIR/g.json -o DIR/g.gexf` with `threads` rayon threads; the bytes.
fn build_data(dir: &Path, threads: &str, args: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let (json, gexf) = (dir.join("g.json"), dir.join("g.gexf"));
    kgraph()
        .env("RAYON_NUM_THREADS", threads)
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
    let (json, gexf) = build_data(dir.path(), "2", &[]);
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

    let (json, gexf) = build_data(dir.path(), "2", &["--layout", "fa2"]);
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

#[test]
fn positions_are_byte_identical_across_runs_and_thread_counts() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--layout",
        "fa2",
        "--layout-iterations",
        "40",
        "--color-by",
        "community",
        "--size-by",
        "pagerank",
    ];
    let first = build_data(dir.path(), "1", &args);
    for threads in ["2", "4", "1"] {
        assert!(
            build_data(dir.path(), threads, &args) == first,
            "{threads} threads"
        );
    }
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
