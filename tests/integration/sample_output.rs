//! The committed example outputs stay what kgraph writes for the sample posts.

use std::fs;

use crate::common::{kgraph, manifest_dir};

/// `out/` holds what the README's first command (`kgraph build data/`) writes: the living
/// example must not drift from the code. After an intended change, rerun that command.
#[test]
fn out_folder_is_what_building_data_writes() {
    let root = manifest_dir();
    let dir = tempfile::tempdir().unwrap();
    kgraph()
        .current_dir(root)
        .args(["build", "data/", "--quiet"])
        .arg("-o")
        .arg(dir.path().join("graph.json"))
        .arg("-o")
        .arg(dir.path().join("graph.graphml"))
        .arg("-o")
        .arg(dir.path().join("graph.dot"))
        .assert()
        .success();
    for name in ["graph.json", "graph.graphml", "graph.dot"] {
        let fresh = fs::read(dir.path().join(name)).unwrap();
        let committed = fs::read(root.join("out").join(name)).unwrap();
        assert!(
            fresh == committed,
            "out/{name} is stale: run `cargo run --release -- build data/` and commit out/"
        );
    }
}
