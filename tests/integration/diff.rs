//! `kgraph diff`: two builds of `tests/fixtures/diff-two-builds/input/` (`before/`, then `after/`
//! with a post edited, one removed and one added) compared in each format, its exit codes, and
//! its errors on files it cannot read.
//!
//! The expected reports are in `tests/fixtures/diff-two-builds/expected/`; regenerate them with
//! `KGRAPH_BLESS=1 cargo test --test integration diff` and review the diff.

use std::fs;
use std::path::Path;
use std::process::Output;

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{assert_expected, fixture, kgraph, kgraph_at_root, stderr_of};

const CASE: &str = "diff-two-builds";

/// Builds `before/` and `after/` into `before.EXT` and `after.EXT` in a new folder, for each
/// extension, with `extra` options.
fn two_builds(extensions: &[&str], extra: &[&str]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for side in ["before", "after"] {
        let mut cmd = kgraph_at_root();
        cmd.arg("build")
            .arg(fixture(CASE).join("input").join(side))
            .args(["--no-keywords", "-q"])
            .args(extra);
        for ext in extensions {
            cmd.arg("-o").arg(dir.path().join(format!("{side}.{ext}")));
        }
        cmd.assert().success();
    }
    dir
}

/// `kgraph diff ARGS` run in `dir`, so that the report names the files as given.
fn diff_in(dir: &Path, args: &[&str]) -> Output {
    kgraph()
        .current_dir(dir)
        .arg("diff")
        .args(args)
        .output()
        .unwrap()
}

fn stdout_of(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json_report(dir: &Path, old: &str, new: &str) -> Value {
    let out = diff_in(dir, &[old, new, "--json", "-q"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn two_builds_of_the_same_posts_are_equal() {
    let dir = two_builds(&["json"], &[]);
    fs::copy(
        dir.path().join("before.json"),
        dir.path().join("again.json"),
    )
    .unwrap();
    let out = diff_in(dir.path(), &["before.json", "again.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).ends_with("\nno changes\n"),
        "{}",
        stdout_of(&out)
    );
    assert!(stderr_of(&out).contains("before.json → again.json: no changes in "));
}

#[test]
fn an_edited_post_is_reported_counts_first_then_each_change() {
    let dir = two_builds(&["json"], &[]);
    let out = diff_in(dir.path(), &["before.json", "after.json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    let counts = text.find("\nnodes: ").unwrap();
    assert!(counts < text.find("Added nodes").unwrap());
    assert_expected(CASE, "diff.txt", &out.stdout);
    assert!(stderr_of(&out).contains("14 nodes and 12 edges differ"));

    let counts_only = diff_in(dir.path(), &["before.json", "after.json", "--counts", "-q"]);
    assert_eq!(counts_only.status.code(), Some(1));
    assert!(text.starts_with(&stdout_of(&counts_only)));
    assert!(!stdout_of(&counts_only).contains("Added nodes"));
    assert!(counts_only.stderr.is_empty(), "--quiet: no summary");
}

#[test]
fn the_json_report_lists_each_kind_of_change() {
    let dir = two_builds(&["json"], &[]);
    let report = json_report(dir.path(), "before.json", "after.json");
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["equal"], false);
    assert_eq!(report["metrics_compared"], false);
    assert_eq!(report["old"]["path"], "before.json");
    assert_eq!(report["new"]["nodes"], 16);

    let counts = &report["counts"]["nodes"];
    assert_eq!(
        (&counts["added"], &counts["removed"]),
        (&4.into(), &3.into())
    );
    assert_eq!(counts["by_kind"][0]["kind"], "post");
    let nodes = &report["nodes"];
    assert_eq!(nodes["added"][0]["id"], "post:2024-03-05-async-rust.md");
    assert_eq!(nodes["added"][0]["attributes"]["category"], "lang");
    assert_eq!(nodes["removed"][0]["label"], "Old notes");
    let retitled = &nodes["changed"][0];
    assert_eq!(retitled["id"], "post:2024-01-10-rust-ownership.md");
    let label = &retitled["changes"][0];
    assert_eq!(label["field"], "label");
    assert_eq!(label["old"], "Ownership in Rust");
    assert_eq!(label["new"], "Ownership and borrowing in Rust");

    let edges = &report["edges"];
    let removed: Vec<&str> = (edges["removed"].as_array().unwrap().iter())
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(removed.contains(&"links_to"), "{removed:?}");
    let weight = &edges["changed"][0];
    assert_eq!(weight["kind"], "cites");
    assert_eq!(
        (&weight["changes"][0]["old"], &weight["changes"][0]["new"]),
        (&1.into(), &2.into())
    );
    let out = diff_in(dir.path(), &["before.json", "after.json", "--json", "-q"]);
    assert_expected(CASE, "diff.json", &out.stdout);
}

#[test]
fn graphml_and_gexf_give_the_report_json_gives() {
    let dir = two_builds(&["json", "graphml", "gexf"], &[]);
    let without_files = |mut report: Value| {
        for side in ["old", "new"] {
            report[side]["path"] = Value::Null;
            report[side]["format"] = Value::Null;
        }
        report
    };
    let json = without_files(json_report(dir.path(), "before.json", "after.json"));
    for ext in ["graphml", "gexf"] {
        let (old, new) = (format!("before.{ext}"), format!("after.{ext}"));
        let report = json_report(dir.path(), &old, &new);
        assert_eq!(report["old"]["format"], ext);
        assert_eq!(report["counts"], json["counts"], "{ext}");
        assert_eq!(without_files(report), json, "{ext}");
    }
    // Across formats too: the JSON of one build against the GraphML of the other.
    let mixed = json_report(dir.path(), "before.json", "after.graphml");
    assert_eq!(mixed["counts"], json["counts"]);
}

#[test]
fn metrics_are_compared_only_with_the_metrics_flag() {
    let dir = two_builds(&["json"], &[]);
    let changed = |extra: &[&str]| {
        let mut args = vec!["before.json", "after.json", "--json", "-q"];
        args.extend(extra);
        let out = diff_in(dir.path(), &args);
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let fields: Vec<String> = (report["nodes"]["changed"].as_array().unwrap().iter())
            .flat_map(|n| n["changes"].as_array().unwrap().clone())
            .map(|c| c["field"].as_str().unwrap().to_string())
            .collect();
        fields
    };
    let default = changed(&[]);
    assert!(!default.iter().any(|f| f == "degree" || f == "pagerank"));
    let with_metrics = changed(&["--metrics"]);
    assert!(
        with_metrics.iter().any(|f| f == "degree"),
        "{with_metrics:?}"
    );
    assert!(with_metrics.iter().any(|f| f == "pagerank"));
}

#[test]
fn edges_under_links_are_read_as_edges() {
    let dir = two_builds(&["json"], &[]);
    let plain = dir.path().join("before.json");
    let mut doc: Value = serde_json::from_slice(&fs::read(&plain).unwrap()).unwrap();
    let edges = doc.as_object_mut().unwrap().remove("edges").unwrap();
    doc["links"] = edges;
    fs::write(dir.path().join("links.json"), doc.to_string()).unwrap();
    let out = diff_in(dir.path(), &["before.json", "links.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));

    let with_both = two_builds(&["json"], &["--json-links"]);
    fs::copy(&plain, with_both.path().join("plain.json")).unwrap();
    let out = diff_in(with_both.path(), &["plain.json", "before.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
}

#[test]
fn unreadable_or_invalid_files_exit_2_naming_the_file() {
    let dir = two_builds(&["json"], &[]);
    let write = |name: &str, text: &str| fs::write(dir.path().join(name), text).unwrap();
    write("broken.json", "{\"nodes\": [");
    write("foreign.json", "{\"nodes\": []}");
    write("broken.graphml", "<graphml><graph>");
    write("graph.dot", "digraph {}");
    for (old, new, message) in [
        (
            "before.json",
            "missing.json",
            "kgraph: error: cannot read input missing.json: ",
        ),
        (
            "broken.json",
            "before.json",
            "kgraph: error: broken.json: invalid JSON: ",
        ),
        (
            "before.json",
            "foreign.json",
            "kgraph: error: foreign.json: not a kgraph JSON graph: no `edges`",
        ),
        (
            "broken.graphml",
            "before.json",
            "kgraph: error: broken.graphml: invalid XML: ",
        ),
        (
            "before.json",
            "graph.dot",
            "kgraph: error: cannot compare graph.dot: kgraph diff reads",
        ),
    ] {
        let out = diff_in(dir.path(), &[old, new]);
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{old} {new}: {stderr}");
        assert!(stderr.starts_with(message), "{old} {new}: {stderr}");
        assert!(out.stdout.is_empty(), "no report on an error");
    }
}
