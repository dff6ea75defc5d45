use std::fs;
use std::io::{self, Write};
use std::path::Path;

use super::*;
use crate::export::{ExportOptions, Format, Writer};
use crate::model::KnowledgeGraph;
use crate::output::tests::leftovers;

fn parquet() -> &'static dyn FolderExporter {
    match Format::Parquet.writer() {
        Writer::Folder(exporter) => exporter,
        Writer::File(_) => unreachable!("parquet writes a folder"),
    }
}

/// Writes `files` (path, text) into `path` as a parquet folder output would.
fn write_files(path: &Path, files: &[(&str, &str)]) -> io::Result<()> {
    write_folder(path, parquet(), "parquet", |folder| {
        for (name, text) in files {
            let mut out = folder.create(name)?;
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Ok(())
    })
}

#[test]
fn a_new_folder_appears_whole_and_replaces_an_earlier_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t");
    write_files(
        &path,
        &[
            ("nodes/part-0.parquet", "one"),
            ("edges/part-0.parquet", "e"),
        ],
    )
    .unwrap();
    assert_eq!(
        fs::read_to_string(path.join("nodes/part-0.parquet")).unwrap(),
        "one"
    );
    fs::write(path.join("_SUCCESS"), "").unwrap();
    write_files(&path, &[("nodes/part-0.parquet", "two")]).unwrap();
    assert_eq!(
        fs::read_to_string(path.join("nodes/part-0.parquet")).unwrap(),
        "two"
    );
    assert_eq!(leftovers(&path), ["nodes"]);
    assert_eq!(leftovers(dir.path()), ["t"]);
}

#[test]
fn a_failure_keeps_the_old_folder_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t");
    write_files(&path, &[("nodes/part-0.parquet", "old")]).unwrap();
    let err = write_folder(&path, parquet(), "parquet", |folder| {
        folder.create("nodes/part-0.parquet")?.write_all(b"half")?;
        Err(io::Error::other("disk full"))
    })
    .unwrap_err();
    assert_eq!(err.to_string(), "disk full");
    let panicked = write_folder(&path, parquet(), "parquet", |_| panic!("exporter bug"));
    assert!(panicked.unwrap_err().to_string().contains("exporter bug"));
    assert_eq!(
        fs::read_to_string(path.join("nodes/part-0.parquet")).unwrap(),
        "old"
    );
    assert_eq!(leftovers(dir.path()), ["t"]);
}

#[test]
fn a_folder_kgraph_did_not_write_or_a_file_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("documents");
    fs::create_dir(&path).unwrap();
    fs::write(path.join("thesis.md"), "keep").unwrap();
    let err = write_files(&path, &[("nodes/part-0.parquet", "x")]).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
    assert!(err.to_string().contains("thesis.md"), "{err}");
    assert_eq!(leftovers(&path), ["thesis.md"]);
    let file = dir.path().join("file");
    fs::write(&file, "keep").unwrap();
    assert!(write_files(&file, &[]).is_err());
    assert_eq!(fs::read_to_string(&file).unwrap(), "keep");
    assert_eq!(leftovers(dir.path()), ["documents", "file"]);
}

#[test]
fn an_empty_folder_is_filled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty");
    fs::create_dir(&path).unwrap();
    let graph = KnowledgeGraph::default();
    write_folder(&path, parquet(), "parquet", |folder| {
        parquet().write(&graph, &ExportOptions::default(), folder)
    })
    .unwrap();
    assert_eq!(leftovers(&path), ["edges", "nodes"]);
    assert_eq!(leftovers(dir.path()), ["empty"]);
}
