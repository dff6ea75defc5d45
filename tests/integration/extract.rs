//! `kgraph extract`: the rows of each table for a small corpus, rows that depend on their file
//! alone (a corpus extracted whole or in shards gives the same rows), byte-identical output,
//! atomic output folders, exit codes, and pyarrow reading the files.

use std::fs;
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::common::{assert_expected, kgraph_at_root, manifest_dir, stderr_of};

const TABLES: [&str; 8] = [
    "posts",
    "headings",
    "citations",
    "links",
    "tags",
    "book_chapters",
    "keyword_tokens",
    "diagnostics",
];

/// Runs `kgraph extract <args>` from the repository root.
fn extract(args: &[&str]) -> std::process::Output {
    kgraph_at_root().arg("extract").args(args).output().unwrap()
}

fn run_ok(args: &[&str]) {
    let out = extract(args);
    assert!(out.status.success(), "{}", stderr_of(&out));
}

/// The part files of `table` in `dir`, by name.
fn parts(dir: &Path, table: &str) -> Vec<PathBuf> {
    let mut parts: Vec<PathBuf> = fs::read_dir(dir.join(table))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    parts.sort();
    parts
}

/// Every row of `table` in `dir`, each rendered `column=value; …`, part files in name order.
fn rows(dir: &Path, table: &str) -> Vec<String> {
    let mut rows = Vec::new();
    for part in parts(dir, table) {
        let reader = ParquetRecordBatchReaderBuilder::try_new(fs::File::open(&part).unwrap())
            .unwrap()
            .build()
            .unwrap();
        for batch in reader {
            rows.extend(render(&batch.unwrap()));
        }
    }
    rows
}

fn render(batch: &RecordBatch) -> Vec<String> {
    let schema = batch.schema();
    (0..batch.num_rows())
        .map(|row| {
            let cells: Vec<String> = (schema.fields().iter().zip(batch.columns()))
                .map(|(field, column)| format!("{}={}", field.name(), cell(column, row)))
                .collect();
            cells.join("; ")
        })
        .collect()
}

fn cell(column: &dyn Array, row: usize) -> String {
    if column.is_null(row) {
        return "null".to_string();
    }
    match column.data_type() {
        DataType::Utf8 => format!("{:?}", column.as_string::<i32>().value(row)),
        DataType::Int64 => column.as_primitive::<Int64Type>().value(row).to_string(),
        DataType::Int32 => column.as_primitive::<Int32Type>().value(row).to_string(),
        DataType::Boolean => column.as_boolean().value(row).to_string(),
        DataType::List(_) => {
            let items = column.as_list::<i32>().value(row);
            let items: Vec<String> = (0..items.len()).map(|i| cell(&items, i)).collect();
            format!("[{}]", items.join(", "))
        }
        other => panic!("unexpected column type {other}"),
    }
}

/// Every table of `dir`, each row prefixed with its table.
fn all_rows(dir: &Path) -> Vec<String> {
    TABLES
        .iter()
        .flat_map(|table| {
            rows(dir, table)
                .into_iter()
                .map(move |r| format!("{table}: {r}"))
        })
        .collect()
}

fn fixture_input() -> String {
    "tests/fixtures/extract/input".to_string()
}

#[test]
fn every_table_of_a_small_corpus_has_the_rows_expected() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("tables");
    let result = extract(&[&fixture_input(), "-o", out.to_str().unwrap()]);
    // The empty link is a warning: exit 0.
    assert!(result.status.success(), "{}", stderr_of(&result));
    let counts: Vec<(&str, usize)> = TABLES.iter().map(|t| (*t, rows(&out, t).len())).collect();
    assert_eq!(
        counts[..6],
        [
            ("posts", 4),
            ("headings", 4),
            ("citations", 5),
            ("links", 6),
            ("tags", 6),
            ("book_chapters", 1),
        ]
    );
    assert_eq!(counts[7], ("diagnostics", 1));
    let mut text = all_rows(&out).join("\n");
    text.push('\n');
    assert_expected("extract", "tables.txt", text.as_bytes());
}

#[test]
fn the_crafted_post_gives_these_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("t");
    run_ok(&[
        &fixture_input(),
        "-o",
        out.to_str().unwrap(),
        "--no-keywords",
    ]);
    let crafted = |table: &str| -> Vec<String> {
        (rows(&out, table).into_iter())
            .filter(|r| r.starts_with("path=\"notes/crafted.md\""))
            .collect()
    };
    assert_eq!(
        crafted("posts"),
        ["path=\"notes/crafted.md\"; slug=\"crafted\"; file_date=null; title=\"Crafted: a post\"; \
          title_source=\"front_matter\"; date=\"2021-02-03\"; updated=\"2021-03-04\"; created=null; \
          categories=[\"ML\", \"Deep  Learning\"]; tags=[\"GAN\", \"topic/sub\"]; series=null; \
          series_key=null; series_part=null; permalink=null; front_matter_slug=\"Crafted-Slug\"; \
          url=null; aliases=[\"/old/crafted/\"]; weight=3; draft=true; jekyll_post=false; \
          note_path_key=\"notes/crafted\"; note_name_key=\"crafted\"; slug_key=\"crafted\"; \
          permalink_key=null; front_matter_slug_key=\"crafted-slug\"; \
          site_url_key=\"notes/crafted-slug\"; site_url_key_without_language=null; \
          alias_url_keys=[\"old/crafted\"]"]
    );
    let citations = crafted("citations");
    assert_eq!(citations.len(), 5);
    assert_eq!(
        citations[2],
        "path=\"notes/crafted.md\"; index=2; url_key=\"https://example.org/caption-url\"; \
         raw_url=\"https://example.org/caption-url\"; host=\"example.org\"; \
         label=\"A caption line\"; label_source=\"caption\"; label_rank=0; section=1; \
         heading_path=[\"Attention Models\", \"Details\"]; line=22"
    );
    let links = crafted("links");
    assert_eq!(links.len(), 4);
    assert_eq!(
        links[0],
        "path=\"notes/crafted.md\"; index=0; target=\"Other Note\"; kind=\"wiki\"; embed=false; \
         alternative=\"shown\"; section=0; line=18; page=\"Other Note\"; decoded=\"Other Note\"; \
         joined_path=\"notes/Other Note\"; note_key=\"other note\"; \
         alternative_note_key=\"shown\"; url_key=\"other note\"; is_attachment=false"
    );
    assert_eq!(
        crafted("diagnostics"),
        ["path=\"notes/crafted.md\"; line=29; severity=\"warning\"; kind=\"empty_link_target\"; \
          message=\"link `empty` has an empty target\""]
    );
}

/// Every row of every table, sorted: what a reader of all part files sees as a set.
fn row_set(dir: &Path) -> Vec<String> {
    let mut rows = all_rows(dir);
    rows.sort();
    rows
}

#[test]
fn a_corpus_extracted_in_shards_gives_the_rows_of_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let (whole, sharded) = (tmp.path().join("whole"), tmp.path().join("sharded"));
    let root = manifest_dir().join(fixture_input());
    run_ok(&[root.to_str().unwrap(), "-o", whole.to_str().unwrap()]);
    let mut files: Vec<String> = walk(&root)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    // Two halves that split the book from its chapters and the crafted post from its links.
    let (odd, even): (Vec<_>, Vec<_>) = files.iter().enumerate().partition(|(i, _)| i % 2 == 1);
    for (shard, half) in [("a", odd), ("b", even)] {
        let list = tmp.path().join(format!("{shard}.txt"));
        let lines: Vec<&str> = half.iter().map(|(_, f)| f.as_str()).collect();
        fs::write(&list, lines.join("\n")).unwrap();
        run_ok(&[
            "--files-from",
            list.to_str().unwrap(),
            "--root",
            root.to_str().unwrap(),
            "-o",
            sharded.to_str().unwrap(),
            "--shard",
            shard,
        ]);
    }
    assert_eq!(parts(&sharded, "posts").len(), 2);
    assert_eq!(row_set(&sharded), row_set(&whole));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for threads in ["1", "4"] {
        let out = tmp.path().join(format!("t{threads}"));
        let result = kgraph_at_root()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "extract",
                "data",
                &fixture_input(),
                "-o",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(result.status.success(), "{}", stderr_of(&result));
        let bytes: Vec<Vec<u8>> = TABLES
            .iter()
            .map(|t| fs::read(out.join(t).join("part-0.parquet")).unwrap())
            .collect();
        outputs.push(bytes);
    }
    assert_eq!(outputs[0], outputs[1]);
}

#[test]
fn a_whole_run_replaces_the_folder_and_a_shard_only_its_parts() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("t");
    fs::create_dir_all(out.join("posts")).unwrap();
    fs::write(out.join("posts/part-old.parquet"), "stale").unwrap();
    run_ok(&["data", "-o", out.to_str().unwrap(), "--shard", "new"]);
    assert!(out.join("posts/part-old.parquet").exists());
    assert!(out.join("keyword_tokens/part-new.parquet").is_file());
    run_ok(&["data", "-o", out.to_str().unwrap()]);
    let names: Vec<_> = parts(&out, "posts");
    assert_eq!(names, [out.join("posts/part-0.parquet")]);
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers,
        ["t"],
        "no temporary folder is left beside the output"
    );
}

#[test]
fn usage_errors_exit_with_2_and_input_errors_with_1() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("t");
    let out_str = out.to_str().unwrap();
    let bad_shard = extract(&["data", "-o", out_str, "--shard", "../x"]);
    assert_eq!(bad_shard.status.code(), Some(2));
    assert!(stderr_of(&bad_shard).contains("invalid --shard"));
    let outside = extract(&[
        "data/2019-3-2-deep_learning_1.markdown",
        "--root",
        "src",
        "-o",
        out_str,
    ]);
    assert_eq!(outside.status.code(), Some(2));
    assert!(!out.exists(), "a failed run writes nothing");
    let strict = extract(&[&fixture_input(), "-o", out_str, "--strict", "-q"]);
    assert_eq!(strict.status.code(), Some(1), "a warning under --strict");
    let missing = extract(&[tmp.path().join("missing").to_str().unwrap(), "-o", out_str]);
    assert_eq!(missing.status.code(), Some(2), "a missing input");
}

#[test]
fn pyarrow_reads_every_table_with_its_schema_version() {
    let python = std::env::var("KGRAPH_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let has_pyarrow = std::process::Command::new(&python)
        .args(["-c", "import pyarrow"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_pyarrow {
        eprintln!(
            "skipped: {python} has no pyarrow (pip install -r tests/conformance/requirements.txt)"
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("t");
    run_ok(&["data", &fixture_input(), "-o", out.to_str().unwrap()]);
    let check = std::process::Command::new(&python)
        .arg(manifest_dir().join("tests/conformance/check_extract.py"))
        .arg(&out)
        .arg(manifest_dir().join("docs/EXTRACT.md"))
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}
