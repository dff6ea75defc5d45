//! `kgraph stats`: the report on `data/` against its expected output, its determinism, and
//! `--fail-on`.
//!
//! The expected reports are in `tests/fixtures/stats-of-data/expected/`; regenerate them with
//! `KGRAPH_BLESS=1 cargo test stats` and review the diff.

use std::fs;

use predicates::prelude::*;

use crate::common::{assert_expected, kgraph, kgraph_at_root};

/// The standard output of `kgraph stats data ARGS`, which must succeed.
fn stats_of_data(args: &[&str], threads: &str) -> Vec<u8> {
    kgraph_at_root()
        .env("RAYON_NUM_THREADS", threads)
        .args(["stats", "data", "-q"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

#[test]
fn the_report_on_data_matches_its_golden() {
    assert_expected("stats-of-data", "stats.txt", &stats_of_data(&[], "2"));
}

#[test]
fn the_json_report_on_data_matches_its_golden() {
    let json = stats_of_data(&["--json"], "2");
    let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["posts"], 11);
    assert_expected("stats-of-data", "stats.json", &json);
}

#[test]
fn the_report_is_the_same_for_any_thread_count() {
    let first = stats_of_data(&["--json"], "1");
    for threads in ["2", "4"] {
        assert!(
            stats_of_data(&["--json"], threads) == first,
            "{threads} threads"
        );
    }
}

#[test]
fn top_cuts_every_ranked_list() {
    let json = stats_of_data(&["--json", "--top", "2"], "2");
    let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    for list in [
        "top_keywords",
        "top_domains",
        "most_cited_resources",
        "biggest_topics",
    ] {
        assert_eq!(doc[list]["entries"].as_array().unwrap().len(), 2, "{list}");
        assert!(doc[list]["total"].as_u64().unwrap() > 2, "{list}");
    }
    assert_eq!(doc["communities"]["largest"].as_array().unwrap().len(), 2);
}

#[test]
fn fail_on_picks_the_severity_that_fails() {
    // data/ cites placeholder domains (suspicious) and nothing broken.
    kgraph_at_root()
        .args(["stats", "data", "-q", "--fail-on", "broken"])
        .assert()
        .success();
    kgraph_at_root()
        .args(["stats", "data", "-q", "--fail-on", "suspicious"])
        .assert()
        .code(1);
}

const BROKEN_POST: &str = "---\ntitle: Notes\n---\n\n# Setup\n\n\
Open http://localhost:4000/blog/ to preview, see [the old post](/2019/01/01/gone.html),\n\
and https://github.com/rust-lang/rust for the code.\n\n\
The id https://mp.weixin.qq.com/s/shortid is cut.\n";

#[test]
fn broken_links_fail_the_check_and_say_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("posts")).unwrap();
    fs::write(dir.path().join("posts/2020-1-2-notes.md"), BROKEN_POST).unwrap();
    let out = kgraph()
        .current_dir(dir.path())
        .args(["stats", "posts", "--json", "--fail-on", "broken"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("2 broken and 1 suspicious URLs"))
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let problems: Vec<(String, String, String)> = doc["url_problems"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["severity"].as_str().unwrap().to_string(),
                p["url"].as_str().unwrap().to_string(),
                p["locations"][0].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            (
                "broken".to_string(),
                "/2019/01/01/gone.html".to_string(),
                "posts/2020-1-2-notes.md:7".to_string()
            ),
            (
                "broken".to_string(),
                "http://localhost:4000/blog/".to_string(),
                "posts/2020-1-2-notes.md:7".to_string()
            ),
            (
                "suspicious".to_string(),
                "https://mp.weixin.qq.com/s/shortid".to_string(),
                "posts/2020-1-2-notes.md:10".to_string()
            ),
        ]
    );
    // Without --fail-on the same report exits 0.
    kgraph()
        .current_dir(dir.path())
        .args(["stats", "posts", "-q"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "URL problems: 2 broken, 1 suspicious",
        ));
}
