//! Helpers shared by the integration tests: running the binary, writing inputs, the fixture
//! folders and their expected outputs, the real consumers (`xmllint` and its schemas, Python and
//! Node scripts), what each reader should get back from a label, and the hand-built hostile graph
//! ([`hostile_graph`]).

pub mod hostile_graph;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};
use std::time::Duration;

use assert_cmd::Command;
use kgraph::KnowledgeGraph;

// ---------------------------------------------------------------------------------------------
// Running kgraph, writing its inputs

pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `kgraph` binary, its default cache under `target/tmp` instead of the user's
/// `~/.cache` (tests of the cache itself pass `--cache-dir`).
pub fn kgraph() -> Command {
    let mut cmd = Command::cargo_bin("kgraph").unwrap();
    cmd.env("XDG_CACHE_HOME", test_cache_home());
    cmd
}

/// `XDG_CACHE_HOME` of every `kgraph` this test process runs: a folder of its own, emptied when
/// first used, so no cache left by an earlier build of kgraph (another cache format, say) changes
/// what a test sees.
pub fn test_cache_home() -> PathBuf {
    static HOME: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    HOME.get_or_init(|| {
        let home = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("xdg-cache")
            .join(std::process::id().to_string());
        let _ = std::fs::remove_dir_all(&home);
        home
    })
    .clone()
}

/// `kgraph` run from the repository root (so `data` and [`HOSTILE_CORPUS`] resolve), stopped
/// after ten minutes.
pub fn kgraph_at_root() -> Command {
    let mut cmd = kgraph();
    cmd.current_dir(manifest_dir())
        .timeout(Duration::from_secs(600));
    cmd
}

/// Runs `kgraph build <inputs> -o <dir>/g.json -o <dir>/g.graphml -o <dir>/g.dot <extra>`.
pub fn build_all(inputs: &[&Path], dir: &Path, extra: &[&str]) -> Output {
    let mut cmd = kgraph_at_root();
    cmd.arg("build").args(inputs);
    for ext in ["json", "graphml", "dot"] {
        cmd.arg("-o").arg(dir.join(format!("g.{ext}")));
    }
    cmd.args(extra).output().unwrap()
}

/// Writes `dir/rel`, creating its folders, and returns its path.
pub fn write(dir: &Path, rel: impl AsRef<Path>, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, content).unwrap();
    path
}

pub fn stderr_of(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("kgraph writes UTF-8 to stderr")
}

/// The stderr of a run that must have exited 2, and its lines that start with `prefix`.
pub fn failed_run_lines(out: &Output, prefix: &str) -> (String, Vec<String>) {
    let stderr = stderr_of(out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let lines = stderr
        .lines()
        .filter(|l| l.starts_with(prefix))
        .map(str::to_string)
        .collect();
    (stderr, lines)
}

/// The graph the library builds from the posts under `root`, keywords included (and no
/// generic headings, so that every heading is a topic).
pub fn build_graph_of(root: &Path) -> KnowledgeGraph {
    let mut config = kgraph::InputConfig::new([root]);
    config.extract = kgraph::ExtractOptions::default();
    let corpus = kgraph::load_corpus(&config, &kgraph::Silent).unwrap();
    assert!(corpus.posts > 0, "no post under {}", root.display());
    corpus.graph
}

/// `graph` in `format`, in memory.
pub fn to_bytes(
    graph: &KnowledgeGraph,
    format: kgraph::Format,
    options: &kgraph::ExportOptions,
) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    kgraph::export(graph, format, options, &mut bytes)?;
    Ok(bytes)
}

// ---------------------------------------------------------------------------------------------
// Fixtures: `tests/fixtures/<case>/input/` and `tests/fixtures/<case>/expected/`

/// The hostile corpus as the tests name it on the command line (relative to the repository root).
pub const HOSTILE_CORPUS: &str = "tests/fixtures/hostile/input";

/// `tests/fixtures/<case>`.
pub fn fixture(case: &str) -> PathBuf {
    manifest_dir().join("tests/fixtures").join(case)
}

/// Compares `actual` with `tests/fixtures/<case>/expected/<name>`, or rewrites that file when
/// `KGRAPH_BLESS` is set.
pub fn assert_expected(case: &str, name: &str, actual: &[u8]) {
    let path = fixture(case).join("expected").join(name);
    if std::env::var_os("KGRAPH_BLESS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; run with KGRAPH_BLESS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let (exp, act) = (
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual),
        );
        let line = exp
            .lines()
            .zip(act.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| exp.lines().count().min(act.lines().count()));
        panic!(
            "{} differs from the output at line {}:\n  expected: {:?}\n  actual:   {:?}\n\
             run with KGRAPH_BLESS=1 to accept the new output, then review the diff",
            path.display(),
            line + 1,
            exp.lines().nth(line),
            act.lines().nth(line),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Real consumers

/// Whether `tool` can be started at all (its exit status does not matter).
pub fn have(tool: &str) -> bool {
    Process::new(tool).arg("--version").output().is_ok()
}

/// The GraphML schema xmllint checks against: `$KGRAPH_GRAPHML_XSD`, else the shared copy.
pub fn graphml_xsd() -> PathBuf {
    std::env::var_os("KGRAPH_GRAPHML_XSD").map_or_else(
        || manifest_dir().join("../shared/schemas/graphml/jgrapht-flat/graphml.xsd"),
        PathBuf::from,
    )
}

pub fn gexf_rng() -> PathBuf {
    manifest_dir().join("../shared/schemas/gexf/1.3/gexf.rng")
}

/// Runs `xmllint --noout <check> <grammar> <file>`, `check` being `--schema` or `--relaxng`.
pub fn xmllint(check: &str, grammar: &Path, file: &Path) -> Output {
    Process::new("xmllint")
        .args(["--noout", check])
        .arg(grammar)
        .arg(file)
        .output()
        .unwrap()
}

/// Checks `file` with `xmllint --noout <check> <grammar>`, or notes that xmllint or the grammar
/// is missing.
pub fn xmllint_accepts(check: &str, grammar: &Path, file: &Path, what: &str) {
    if !have("xmllint") || !grammar.exists() {
        eprintln!(
            "note: xmllint or {} not found; skipping the {what} check",
            grammar.display()
        );
        return;
    }
    let run = xmllint(check, grammar, file);
    assert!(
        run.status.success(),
        "xmllint rejects {}: {}",
        file.display(),
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Runs `program flag script args…` (a consumer check), failing with its output unless it
/// succeeds, and shows what it printed.
pub fn run_check(program: &OsStr, flag: &str, script: &str, args: &[&OsStr], who: &str) {
    let run = Process::new(program)
        .arg(flag)
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{who} disagree:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    eprintln!("{}", String::from_utf8_lossy(&run.stdout).trim());
}

// ---------------------------------------------------------------------------------------------
// What each reader should get back

pub const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";
pub const GEXF_NS: &str = "http://gexf.net/1.3";

/// XML 1.0 `Char`: what survives the XML and DOT exporters.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// A string as the XML exports carry it: the characters XML forbids are dropped.
pub fn xml_expected(s: &str) -> String {
    s.chars().filter(|&c| is_xml_char(c)).collect()
}

/// A string as Graphviz draws it: forbidden characters dropped, then CRLF and CR made LF.
pub fn dot_expected(s: &str) -> String {
    xml_expected(s).replace("\r\n", "\n").replace('\r', "\n")
}

/// `s` as a GEXF label carries it (`xsd:token`): forbidden characters dropped, runs of XML white
/// space made one space, no space at either end.
pub fn gexf_expected(s: &str) -> String {
    xml_expected(s)
        .split([' ', '\t', '\n', '\r'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
