//! The hostile corpus end to end: messy posts are diagnosed and survived, every export stays
//! valid, failed runs leave previous outputs byte-identical, usage errors are one line.
//!
//! - `tests/hostile/posts/` is the committed corpus (one file per case, listed in
//!   `tests/hostile/README.md`); its diagnostics are pinned in
//!   `tests/hostile/expected-diagnostics.txt` (rewrite with `KGRAPH_BLESS=1`, review the diff).
//! - What git cannot hold well — enormous files (and one too large to read), folders deeper
//!   than the system's path limit, symbolic link loops, file names with control characters or
//!   invalid UTF-8 — is generated into a temporary folder by [`generated_hostile_inputs_survive`].
//! - Exports are always checked in process (serde_json, roxmltree, graphviz-rust's parser) and,
//!   when installed, by their real consumers: `xmllint --schema`, `dot -Tsvg` with an empty
//!   stderr, and NetworkX (`$KGRAPH_PYTHON`, else `python3`). A missing consumer is skipped
//!   with a note; CI has them all.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};
use std::time::Duration;

use assert_cmd::Command;
use graphviz_rust::dot_structures::{Graph, Stmt};
use serde_json::Value;

mod common;
use common::{
    dot_expected, find_attr, gexf_expected, gexf_rng, graphml_xsd, graphviz_unquote, have,
    is_xml_char, manifest_dir, xml_expected, xmllint, GEXF_NS, GRAPHML_NS,
};

// ---------------------------------------------------------------------------------------------
// Running kgraph

/// The corpus as the tests name it on the command line (relative to the manifest dir).
const CORPUS: &str = "tests/hostile/posts";

fn kgraph() -> Command {
    let mut cmd = common::kgraph();
    cmd.current_dir(manifest_dir())
        .timeout(Duration::from_secs(600));
    cmd
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("kgraph writes UTF-8 to stderr")
}

/// The stderr of a run that must have exited 2, and its lines that start with `prefix`.
fn failed_run_lines(out: &Output, prefix: &str) -> (String, Vec<String>) {
    let stderr = stderr_of(out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let lines = stderr
        .lines()
        .filter(|l| l.starts_with(prefix))
        .map(str::to_string)
        .collect();
    (stderr, lines)
}

/// Runs `kgraph build <inputs> -o <dir>/g.json -o <dir>/g.graphml -o <dir>/g.dot <extra>`.
fn build_all(inputs: &[&Path], dir: &Path, extra: &[&str]) -> Output {
    let mut cmd = kgraph();
    cmd.arg("build").args(inputs);
    for ext in ["json", "graphml", "dot"] {
        cmd.arg("-o").arg(dir.join(format!("g.{ext}")));
    }
    cmd.args(extra).output().unwrap()
}

/// Checks that every stderr line but the summary is `path[:line]: warning|error: message`, and
/// returns the diagnostics.
fn diagnostic_lines(stderr: &str) -> Vec<&str> {
    let lines: Vec<&str> = stderr.lines().collect();
    let (summary, rest) = lines.split_last().expect("a summary line");
    assert!(summary.starts_with("kgraph: "), "last line: {summary}");
    for line in rest {
        if line.starts_with("kgraph: ") {
            continue;
        }
        let (_, message) = line
            .split_once(": warning: ")
            .or_else(|| line.split_once(": error: "))
            .unwrap_or_else(|| panic!("not `path:line: severity: message`: {line:?}"));
        assert!(!message.is_empty() && !message.ends_with('.'), "{line}");
        assert!(
            !line.chars().any(char::is_control),
            "control character in {line:?}"
        );
    }
    rest.iter()
        .copied()
        .filter(|l| !l.starts_with("kgraph: "))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// What each consumer should see

/// The JSON export, with its nodes as `id → label` and its edge count.
struct JsonGraph {
    labels: BTreeMap<String, String>,
    edges: usize,
}

fn check_json(path: &Path) -> JsonGraph {
    let doc: Value = serde_json::from_slice(&fs::read(path).unwrap())
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    assert_eq!(doc["directed"], true);
    assert_eq!(doc["multigraph"], true);
    assert_eq!(doc["links"], doc["edges"]);
    let mut labels = BTreeMap::new();
    for node in doc["nodes"].as_array().unwrap() {
        let id = node["id"].as_str().unwrap().to_string();
        assert!(
            id.chars().all(is_xml_char),
            "id with a character XML forbids: {id:?}"
        );
        let label = node["label"].as_str().unwrap().to_string();
        assert!(labels.insert(id.clone(), label).is_none(), "repeated {id}");
    }
    let edges = doc["edges"].as_array().unwrap();
    let mut triples = BTreeSet::new();
    for e in edges {
        for end in ["source", "target"] {
            let id = e[end].as_str().unwrap();
            assert!(labels.contains_key(id), "edge to unknown node {id}");
        }
        assert!(e["weight"].as_u64().unwrap() >= 1);
        let triple = format!("{} {} {}", e["source"], e["target"], e["key"]);
        assert!(triples.insert(triple.clone()), "repeated edge {triple}");
    }
    JsonGraph {
        labels,
        edges: edges.len(),
    }
}

fn check_graphml(path: &Path, json: &JsonGraph) {
    let text = fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("{} is not well-formed: {e}", path.display()));
    let keys: BTreeMap<&str, &str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "key")))
        .map(|k| {
            (
                k.attribute("id").unwrap(),
                k.attribute("attr.name").unwrap(),
            )
        })
        .collect();
    let mut labels = BTreeMap::new();
    let mut ids = BTreeSet::new();
    for node in doc
        .descendants()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "node")))
    {
        assert!(ids.insert(node.attribute("id").unwrap().to_string()));
        let mut data = BTreeMap::new();
        for d in node.children().filter(|n| n.is_element()) {
            let name = keys[d.attribute("key").unwrap()];
            let text = d.text().unwrap_or_default().to_string();
            assert!(!text.is_empty(), "empty <data> for {name}");
            data.insert(name, text);
        }
        let kgid = data.remove("kgid").expect("every node has a kgid");
        let label = data.remove("label").unwrap_or_default();
        assert!(labels.insert(kgid.clone(), label).is_none(), "kgid {kgid}");
    }
    let edges = doc
        .descendants()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "edge")))
        .inspect(|e| {
            for end in ["source", "target"] {
                assert!(ids.contains(e.attribute(end).unwrap()), "dangling edge");
            }
        })
        .count();
    let want: BTreeMap<String, String> = json
        .labels
        .iter()
        .map(|(id, label)| (id.clone(), xml_expected(label)))
        .collect();
    assert_eq!(labels, want, "GraphML kgid → label differs from the JSON");
    assert_eq!(edges, json.edges);
}

fn check_dot(path: &Path, json: &JsonGraph) {
    let text = fs::read_to_string(path).unwrap();
    let parsed = graphviz_rust::parse(&text)
        .unwrap_or_else(|e| panic!("graphviz-rust cannot parse {}: {e}", path.display()));
    let Graph::DiGraph { stmts, .. } = parsed else {
        panic!("not a digraph");
    };
    let mut labels = BTreeMap::new();
    let mut edges = 0;
    for stmt in &stmts {
        match stmt {
            Stmt::Node(n) => {
                let tooltip = graphviz_unquote(find_attr(&n.attributes, "tooltip").unwrap());
                let label = graphviz_unquote(find_attr(&n.attributes, "label").unwrap());
                labels.insert(tooltip, label);
            }
            Stmt::Edge(_) => edges += 1,
            _ => {}
        }
    }
    let want: BTreeMap<String, String> = json
        .labels
        .iter()
        .map(|(id, label)| (dot_expected(id), dot_expected(label)))
        .collect();
    assert_eq!(labels, want, "DOT tooltip → label differs from the JSON");
    assert_eq!(edges, json.edges);
}

fn check_gexf(path: &Path, json: &JsonGraph) {
    let text = fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("{} is not well-formed: {e}", path.display()));
    let labels: BTreeMap<String, String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((GEXF_NS, "node")))
        .map(|n| {
            let attr = |name| n.attribute(name).unwrap_or_default().to_string();
            (attr("id"), attr("label"))
        })
        .collect();
    let want: BTreeMap<String, String> = json
        .labels
        .iter()
        .map(|(id, label)| (id.clone(), gexf_expected(label)))
        .collect();
    assert_eq!(labels, want, "GEXF id → label differs from the JSON");
    let edges = doc
        .descendants()
        .filter(|n| n.has_tag_name((GEXF_NS, "edge")))
        .count();
    assert_eq!(edges, json.edges);
}

// ---------------------------------------------------------------------------------------------
// Real consumers, when installed

/// Checks `file` with `xmllint --noout <check> <grammar>`, or notes that xmllint or the grammar
/// is missing.
fn xmllint_accepts(check: &str, grammar: &Path, file: &Path, what: &str) {
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

/// Parses an SVG written by Graphviz (it has a DOCTYPE).
fn parse_svg(text: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).expect("the SVG is well-formed XML")
}

fn graphviz_renders(dot: &Path) {
    if !have("dot") {
        eprintln!("note: Graphviz `dot` not found; skipping the rendering check");
        return;
    }
    let svg = dot.with_extension("svg");
    let run = Process::new("dot")
        .arg("-Tsvg")
        .arg(dot)
        .arg("-o")
        .arg(&svg)
        .output()
        .unwrap();
    assert!(run.status.success(), "dot failed: {run:?}");
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        "",
        "dot wrote to stderr"
    );
    parse_svg(&fs::read_to_string(&svg).unwrap());
}

/// The Python to run NetworkX with, if one has it.
fn python_with_networkx() -> Option<std::ffi::OsString> {
    let python = std::env::var_os("KGRAPH_PYTHON").unwrap_or_else(|| "python3".into());
    let ok = Process::new(&python)
        .args(["-c", "import networkx"])
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some(python)
}

const NETWORKX_CHECK: &str = r#"
import json, sys
import networkx as nx
want = json.load(open(sys.argv[1], encoding="utf-8"))
d = nx.node_link_graph(json.load(open(sys.argv[2], encoding="utf-8")))
assert (d.number_of_nodes(), d.number_of_edges()) == (want["nodes"], want["edges"]), "node-link counts"
assert {n: a["label"] for n, a in d.nodes(data=True)} == want["json"], "node-link labels"
g = nx.read_graphml(sys.argv[3])
assert (g.number_of_nodes(), g.number_of_edges()) == (want["nodes"], want["edges"]), "graphml counts"
assert {a["kgid"]: a.get("label", "") for _, a in g.nodes(data=True)} == want["xml"], "graphml labels"
"#;

fn networkx_loads(json_path: &Path, graphml: &Path, json: &JsonGraph) {
    let Some(python) = python_with_networkx() else {
        eprintln!("note: no Python with networkx (set KGRAPH_PYTHON); skipping the NetworkX check");
        return;
    };
    let xml: BTreeMap<&String, String> = json
        .labels
        .iter()
        .map(|(id, l)| (id, xml_expected(l)))
        .collect();
    let want = serde_json::json!({
        "nodes": json.labels.len(),
        "edges": json.edges,
        "json": json.labels,
        "xml": xml,
    });
    let want_path = json_path.with_extension("expected");
    fs::write(&want_path, want.to_string()).unwrap();
    let run = Process::new(python)
        .args(["-c", NETWORKX_CHECK])
        .arg(&want_path)
        .arg(json_path)
        .arg(graphml)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "NetworkX disagrees:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Checks `g.json`, `g.graphml` and `g.dot` in `dir`; renders the DOT only when asked (Graphviz
/// takes minutes on thousands of nodes).
fn check_exports(dir: &Path, render: bool) -> JsonGraph {
    let json = check_json(&dir.join("g.json"));
    check_graphml(&dir.join("g.graphml"), &json);
    check_dot(&dir.join("g.dot"), &json);
    xmllint_accepts(
        "--schema",
        &graphml_xsd(),
        &dir.join("g.graphml"),
        "GraphML schema",
    );
    if render {
        graphviz_renders(&dir.join("g.dot"));
    }
    networkx_loads(&dir.join("g.json"), &dir.join("g.graphml"), &json);
    json
}

// ---------------------------------------------------------------------------------------------
// The committed corpus

fn expected_diagnostics_path() -> PathBuf {
    manifest_dir().join("tests/hostile/expected-diagnostics.txt")
}

#[test]
fn the_corpus_is_diagnosed_file_by_file_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_all(&[Path::new(CORPUS)], dir.path(), &[]);
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let diagnostics = diagnostic_lines(&stderr);
    for line in &diagnostics {
        let path = line.split(": ").next().unwrap();
        let path = path.rsplit_once(':').map_or(path, |(p, _)| p);
        assert!(manifest_dir().join(path).exists(), "{line}");
    }
    let actual = diagnostics.join("\n") + "\n";
    let golden = expected_diagnostics_path();
    if std::env::var_os("KGRAPH_BLESS").is_some() {
        fs::write(&golden, &actual).unwrap();
    }
    let expected = fs::read_to_string(&golden).unwrap();
    assert_eq!(
        actual,
        expected,
        "diagnostics differ from {}; run with KGRAPH_BLESS=1 and review the diff",
        golden.display()
    );
    let summary = stderr.lines().last().unwrap();
    assert!(summary.starts_with("kgraph: 25 posts → "), "{summary}");
}

#[test]
fn strict_makes_the_corpus_exit_1_and_still_writes_the_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_all(&[Path::new(CORPUS)], dir.path(), &["--strict", "-q"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(dir.path().join("g.graphml").exists());
}

#[test]
fn every_export_of_the_corpus_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let mut extra = vec!["-q".to_string()];
    let mut formats = vec!["gexf", "csv", "mmd"];
    if have("dot") {
        formats.push("svg");
    } else {
        eprintln!("note: Graphviz `dot` not found; not exporting SVG");
    }
    for ext in &formats {
        extra.push("-o".into());
        extra.push(dir.path().join(format!("g.{ext}")).display().to_string());
    }
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let out = build_all(&[Path::new(CORPUS)], dir.path(), &extra);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let json = check_exports(dir.path(), true);
    check_gexf(&dir.path().join("g.gexf"), &json);
    xmllint_accepts(
        "--relaxng",
        &gexf_rng(),
        &dir.path().join("g.gexf"),
        "GEXF grammar",
    );
    for name in ["g.nodes.csv", "g.edges.csv", "g.mmd"] {
        let text = fs::read_to_string(dir.path().join(name)).expect("UTF-8");
        assert!(!text.is_empty(), "{name}");
    }
    if formats.contains(&"svg") {
        let svg = fs::read_to_string(dir.path().join("g.svg")).unwrap();
        let doc = parse_svg(&svg);
        let nodes = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("node"))
            .count();
        assert!(nodes >= json.labels.len(), "{nodes} SVG nodes");
    }

    // What the corpus must and must not give.
    let label = |id: &str| {
        json.labels
            .get(id)
            .unwrap_or_else(|| panic!("no node {id}"))
            .as_str()
    };
    assert_eq!(
        label("post:quotes-escapes-emoji-rtl.md"),
        "Say \"hello\" to C:\\Users\\ <b>&amp; &#38; 🧠 \u{200f}שלום\u{200f} \u{202e}evil\u{202c}"
    );
    assert_eq!(
        label("post:invalid-front-matter.md"),
        "数学: 笔记 \"quoted\" & <b>"
    );
    assert_eq!(label("post:utf16le-bom.md"), "Notepad 的 Unicode");
    assert_eq!(label("post:lone-cr.md"), "Classic Mac line endings");
    assert_eq!(label("post:2024-01-02-crlf-twin.md"), "BOM & CRLF <twin>");
    assert_eq!(
        label("post:control-characters.md"),
        "Bell \u{7}, escape \u{1b}, NUL-free \u{1} title"
    );
    assert_eq!(label("post:empty.md"), "empty");
    assert_eq!(
        label("post:非ASCII 路径/多模态 笔记 🧠.md"),
        "非ASCII 路径里的帖子 🧠"
    );
    assert_eq!(
        label("resource:https://quotes.example.org/1"),
        "A caption with & entities < &amp; \"backslash\" and 👩\u{200d}👩\u{200d}👧 family"
    );
    assert_eq!(
        label("resource:https://en.wikipedia.org/wiki/Lisp_(programming_language)"),
        "Lisp"
    );
    for id in [
        "resource:https://en.wikipedia.org/wiki/Foo_(bar)",
        "resource:https://example.org/a_(b_(c))",
        "resource:https://example.org/many_(x)",
        "resource:https://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84/%E6%96%87%E4%BB%B6",
        "resource:https://cdn.example.org/lib.js",
        "resource:https://odd-schemes.example.org/ok",
        "resource:https://code-and-math.example.org/real",
        "topic:c++",
        "topic:heading with bell [31m and esc",
        "topic:nonchar heading",
    ] {
        assert!(json.labels.contains_key(id), "missing {id}");
    }
    // Odd schemes, code, math and HTML give no resource; marker headings no topic.
    for id in json.labels.keys() {
        let lower = id.to_ascii_lowercase();
        for bad in [
            "javascript",
            "vbscript",
            "mailto",
            "file:",
            "ftp",
            "data:",
            "tel:",
            "irc:",
            "in-fence.",
            "inline-code.",
            "//math.example",
            "display-math.",
            "html-block.",
            "unterminated-fence.",
        ] {
            assert!(!lower.contains(bad), "{id} should not be a node");
        }
        assert!(
            !matches!(
                id.as_str(),
                "topic:" | "topic:+" | "topic:++" | "topic:（续）"
            ),
            "{id}"
        );
    }
    // The thousands of headings give their ten topics, continuations merged.
    let thousand = [
        "alpha",
        "beta 测试",
        "c++",
        "gamma (γ)",
        "delta & co",
        "epsilon",
        "zeta \"z\"",
        "eta\\",
        "theta 🧠",
        "iota",
    ];
    for key in thousand {
        assert!(json.labels.contains_key(&format!("topic:{key}")), "{key}");
    }
}

#[test]
fn bom_crlf_and_lone_cr_read_as_if_absent() {
    use kgraph::extract::{extract_post, ExtractOptions};
    let options = ExtractOptions::default();
    let twin =
        fs::read_to_string(manifest_dir().join(CORPUS).join("2024-01-02-crlf-twin.md")).unwrap();
    assert!(twin.starts_with('\u{feff}') && twin.contains("\r\n"));
    let plain = twin.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let mac = plain.replace('\n', "\r");
    let want = extract_post("t.md", &plain, &options);
    assert!(!want.sections.is_empty() && !want.citations.is_empty());
    assert_eq!(extract_post("t.md", &twin, &options), want);
    assert_eq!(extract_post("t.md", &mac, &options), want);
}

#[test]
fn outputs_are_byte_identical_across_runs_threads_and_input_order() {
    let corpus = manifest_dir().join(CORPUS);
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
        let out = kgraph()
            .env("RAYON_NUM_THREADS", threads)
            .arg("build")
            .args(&refs)
            .args(["-q", "-o"])
            .arg(dir.path().join("g.json"))
            .arg("-o")
            .arg(dir.path().join("g.graphml"))
            .arg("-o")
            .arg(dir.path().join("g.dot"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        let bytes: Vec<Vec<u8>> = ["json", "graphml", "dot"]
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

// ---------------------------------------------------------------------------------------------
// Generated cases: what git cannot hold

/// A few megabytes of the patterns that once were slow, or could be.
fn enormous_post() -> String {
    let mut text = String::from("---\ntitle: Enormous\n---\n\n# Enormous\n\n");
    text.push_str(&format!("https://a.org/x_(y){}\n\n", ")".repeat(200_000)));
    text.push_str(&"x".repeat(1_000_000));
    text.push_str("\n\n");
    text.push_str(&format!("https://a.org/{}\n\n", "中".repeat(100_000)));
    text.push_str(&"[a](https://links.example.org/p) ".repeat(20_000));
    text.push_str("\n\n");
    text.push_str(&"*_".repeat(100_000));
    text.push_str("\n\n");
    text.push_str(&"{% ".repeat(50_000));
    text.push_str("\n\n");
    text.push_str(&format!("{}\n\n", "[".repeat(100_000)));
    text.push_str(&format!("{}\n\n", "> ".repeat(10_000)));
    text.push_str(&"https://many.example.org/p?a=1&b=2 ".repeat(20_000));
    text.push('\n');
    text
}

#[cfg(unix)]
#[test]
fn generated_hostile_inputs_survive() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;

    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    common::write(&posts, "enormous.md", enormous_post());
    let headings: String = (0..5000)
        .map(|i| format!("{} Heading number {i}\n\n", "#".repeat(i % 6 + 1)))
        .collect();
    common::write(&posts, "five-thousand-headings.md", headings);
    // Deeper than PATH_MAX (4096 bytes), built from the bottom up so that no path used while
    // building it is long.
    let deep = posts.join("deep");
    let staging = deep.join("staging");
    let mut top: Option<String> = None;
    for i in (0..200).rev() {
        fs::create_dir_all(&staging).unwrap();
        match &top {
            Some(t) => fs::rename(deep.join(t), staging.join(t)).unwrap(),
            None => fs::write(staging.join("lost.md"), "# Too deep\n").unwrap(),
        }
        if i % 50 == 0 {
            fs::write(staging.join("post.md"), format!("# Depth {i}\n")).unwrap();
        }
        let name = format!("level-{i:03}-{}", "d".repeat(20));
        fs::rename(&staging, deep.join(&name)).unwrap();
        top = Some(name);
    }
    // Too large to be a post (sparse: no disk used).
    fs::File::create(posts.join("huge.md"))
        .unwrap()
        .set_len(kgraph::read::MAX_POST_BYTES + 1)
        .unwrap();
    // Links: a loop, a dangling one, a followed file link.
    symlink("..", posts.join("loop")).unwrap();
    symlink("nowhere.md", posts.join("dangling.md")).unwrap();
    symlink("enormous.md", posts.join("linked.md")).unwrap();
    // File names that are not UTF-8, hold a newline, a bell, or a right-to-left override.
    common::write(
        &posts,
        OsStr::from_bytes(b"latin1-\xe9.md"),
        "# Latin-1 name\n",
    );
    common::write(&posts, "new\nline.md", b"# Bad \xff bytes\n");
    common::write(&posts, "bell\u{7}.md", "# Bell in the name\n");
    common::write(&posts, "\u{202e}dm.txt.md", "# RLO in the name\n");

    let out_dir = dir.path().join("out");
    let started = std::time::Instant::now();
    let out = build_all(&[&posts], &out_dir, &[]);
    eprintln!(
        "kgraph took {:?} on the generated inputs",
        started.elapsed()
    );
    let stderr = stderr_of(&out);
    // The folder past the path limit is an error: exit 1, outputs still written.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let diagnostics = diagnostic_lines(&stderr);
    let shown = |rel: &str| format!("{}/{rel}", posts.display());
    let has = |prefix: &str, message: &str| {
        diagnostics
            .iter()
            .any(|l| l.starts_with(prefix) && l.contains(message))
    };
    assert!(
        has(&shown("loop: warning: "), "symbolic link loop"),
        "{stderr}"
    );
    assert!(
        has(&shown("dangling.md: warning: "), "broken symbolic link"),
        "{stderr}"
    );
    assert!(has(&shown("deep/"), ": error: skipped: "), "{stderr}");
    assert!(
        has(&shown("huge.md: warning: "), "too large to be a post"),
        "{stderr}"
    );
    assert!(
        has(&shown("new\\nline.md:1: warning: "), "invalid UTF-8"),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{202e}'), "RLO printed raw");

    let json = check_exports(&out_dir, false);
    let ids: Vec<&str> = json.labels.keys().map(String::as_str).collect();
    for id in [
        "post:enormous.md",
        "post:linked.md",
        "post:latin1-\u{fffd}.md",
        "post:new\nline.md",
        "post:bell\u{fffd}.md",
        "post:\u{202e}dm.txt.md",
        "post:deep/level-000-dddddddddddddddddddd/post.md",
        "topic:heading number 4999",
        "resource:https://a.org/x_(y)",
    ] {
        assert!(ids.contains(&id), "missing {id:?}");
    }
    assert!(!ids.iter().any(|id| id.contains("too deep")));
}

// ---------------------------------------------------------------------------------------------
// Atomic writes: a failed run leaves every previous output byte-identical

/// Writes a previous output next to each requested one and returns the paths with their bytes.
fn previous_outputs(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    ["g.json", "g.graphml", "g.dot"]
        .iter()
        .map(|name| {
            let path = dir.join(name);
            let bytes = format!("previous {name}\n").into_bytes();
            fs::write(&path, &bytes).unwrap();
            (path, bytes)
        })
        .collect()
}

fn assert_untouched(previous: &[(PathBuf, Vec<u8>)]) {
    for (path, bytes) in previous {
        assert_eq!(
            &fs::read(path).unwrap(),
            bytes,
            "{} changed",
            path.display()
        );
    }
}

/// Files whose name says they are kgraph's temporary files.
fn temporary_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
        .collect()
}

#[test]
fn runs_that_fail_before_writing_leave_previous_outputs_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let previous = previous_outputs(dir.path());
    let g = |ext: &str| dir.path().join(format!("g.{ext}")).display().to_string();
    let empty = tempfile::tempdir().unwrap();
    let empty = empty.path().display().to_string();
    let cases: [(Vec<String>, i32, &str); 5] = [
        (
            vec!["no/such/folder".into(), "-o".into(), g("json")],
            2,
            "cannot read input no/such/folder",
        ),
        (
            vec![
                CORPUS.into(),
                "-o".into(),
                g("json"),
                "-o".into(),
                "g.xlsx".into(),
            ],
            2,
            "cannot tell the format of `g.xlsx`",
        ),
        (
            vec![
                CORPUS.into(),
                "-o".into(),
                g("dot"),
                "--focus".into(),
                "no such node 🧠".into(),
            ],
            2,
            "matches no node id or label",
        ),
        (
            vec![
                CORPUS.into(),
                "-o".into(),
                g("graphml"),
                "--kinds".into(),
                "tag".into(),
                "--exclude-kinds".into(),
                "tag".into(),
            ],
            1,
            "the filters removed every node; nothing was written",
        ),
        (
            vec![empty, "-o".into(), g("json")],
            1,
            "no post could be read from the inputs; nothing was written",
        ),
    ];
    for (args, code, message) in cases {
        let out = kgraph().arg("build").args(&args).output().unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_untouched(&previous);
        assert!(temporary_files(dir.path()).is_empty());
    }
}

#[cfg(unix)]
#[test]
fn a_failing_output_keeps_its_previous_file_and_the_others_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let previous = previous_outputs(dir.path());
    fs::create_dir(dir.path().join("taken.graphml")).unwrap();
    let out = kgraph()
        .args([
            "build",
            CORPUS,
            "-q",
            "-o",
            "/dev/full",
            "--format",
            "json",
            "-o",
        ])
        .arg(dir.path().join("taken.graphml"))
        .arg("-o")
        .arg(dir.path().join("fresh.dot"))
        .output()
        .unwrap();
    let (stderr, errors) = failed_run_lines(&out, "kgraph: error: ");
    assert_eq!(errors.len(), 2, "{stderr}");
    assert!(errors[0].starts_with("kgraph: error: cannot write /dev/full: "));
    assert!(errors[1].contains("taken.graphml: a directory is in the way"));
    assert!(fs::metadata(dir.path().join("fresh.dot")).unwrap().len() > 0);
    assert!(dir.path().join("taken.graphml").is_dir());
    assert_untouched(&previous);
    assert!(temporary_files(dir.path()).is_empty());
}

#[test]
fn a_missing_graphviz_fails_the_drawing_only() {
    let dir = tempfile::tempdir().unwrap();
    let previous = dir.path().join("g.svg");
    fs::write(&previous, "previous drawing").unwrap();
    let no_tools = tempfile::tempdir().unwrap();
    let out = kgraph()
        .env("PATH", no_tools.path())
        .args(["build", CORPUS, "-q", "-o"])
        .arg(dir.path().join("g.json"))
        .arg("-o")
        .arg(&previous)
        .output()
        .unwrap();
    let (stderr, errors) = failed_run_lines(&out, "kgraph: ");
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(
        errors[0].starts_with(&format!(
            "kgraph: error: cannot write {}: ",
            previous.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("Graphviz"), "{stderr}");
    assert_eq!(fs::read_to_string(&previous).unwrap(), "previous drawing");
    assert!(fs::metadata(dir.path().join("g.json")).unwrap().len() > 0);
    assert!(temporary_files(dir.path()).is_empty());
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    /// Mounts a tmpfs of `size` at `dir`, or `None` when this process may not mount.
    fn tmpfs(dir: &Path, size: &str) -> Option<Mount> {
        let ok = Process::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| Mount(dir.to_path_buf()))
    }

    fn remount_read_only(&self) {
        let run = Process::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .output()
            .unwrap();
        assert!(run.status.success(), "{run:?}");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Process::new("umount").arg("-l").arg(&self.0).output();
    }
}

/// A corpus whose JSON export is well over 64 KiB.
fn big_corpus(dir: &Path) -> PathBuf {
    let posts = dir.join("posts");
    fs::create_dir_all(&posts).unwrap();
    for i in 0..300 {
        let text = format!(
            "---\ntitle: Post number {i} with a long title to fill the disk\n---\n\n\
             # Topic {i}\n\nhttps://example.org/resource/{i}\n\nThe caption of resource {i}\n"
        );
        fs::write(posts.join(format!("p{i:03}.md")), text).unwrap();
    }
    posts
}

#[test]
fn a_full_disk_fails_the_output_and_keeps_the_previous_file() {
    let dir = tempfile::tempdir().unwrap();
    let posts = big_corpus(dir.path());
    let disk = dir.path().join("disk");
    fs::create_dir(&disk).unwrap();
    let Some(_mount) = Mount::tmpfs(&disk, "64k") else {
        eprintln!("note: cannot mount a small tmpfs (needs root); the full disk is tested on /dev/full only");
        let out = kgraph()
            .arg("build")
            .arg(&posts)
            .args(["-q", "--format", "json", "-o", "/dev/full"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr_of(&out).contains("No space left on device"));
        return;
    };
    let previous = previous_outputs(&disk);
    let out = build_all(&[&posts], &disk, &["-q"]);
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    // The JSON does not fit; whatever did fit was replaced whole, the rest is untouched.
    let json = &previous[0];
    assert_eq!(fs::read(&json.0).unwrap(), json.1);
    for (path, bytes) in &previous[1..] {
        let now = fs::read(path).unwrap();
        let name = path.display().to_string();
        if now != *bytes {
            assert!(
                !stderr.contains(&format!("cannot write {name}")),
                "{stderr}"
            );
            assert!(now.len() > bytes.len(), "{name} is not a whole export");
        }
    }
    assert!(
        temporary_files(&disk).is_empty(),
        "{:?}",
        temporary_files(&disk)
    );
}

#[test]
fn a_read_only_folder_fails_every_output_and_keeps_the_previous_files() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ro");
    fs::create_dir(&folder).unwrap();
    let mount = Mount::tmpfs(&folder, "1m");
    let previous = previous_outputs(&folder);
    match &mount {
        Some(m) => m.remount_read_only(),
        None => set_read_only(&folder, true),
    }
    if fs::write(folder.join("probe"), "x").is_ok() {
        eprintln!("note: cannot make a read-only folder here; skipping");
        set_read_only(&folder, false);
        return;
    }
    let out = build_all(&[Path::new(CORPUS)], &folder, &["-q"]);
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.contains("cannot write"))
            .count(),
        3,
        "{stderr}"
    );
    assert_untouched(&previous);
    assert!(temporary_files(&folder).is_empty());
    if mount.is_none() {
        set_read_only(&folder, false);
    }
}

fn set_read_only(dir: &Path, yes: bool) {
    let mut permissions = fs::metadata(dir).unwrap().permissions();
    permissions.set_readonly(yes);
    fs::set_permissions(dir, permissions).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Usage errors

#[test]
fn usage_errors_exit_2_with_one_line_that_says_what_to_do() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["build", "no/such/folder"],
            "cannot read input no/such/folder",
        ),
        (
            &["build", CORPUS, "-o", "g.xlsx"],
            "use one of .json, .graphml, .dot, .gv,",
        ),
        (&["build", CORPUS, "-o", "-"], "needs --format"),
        (&["build", CORPUS, "--format", "json"], "add -o"),
        (
            &["build", CORPUS, "-o", "a.json", "-o", "a.json"],
            "given twice",
        ),
        (
            &["build", CORPUS, "--exclude", "[", "-o", "a.json"],
            "invalid --exclude glob",
        ),
        (
            &["build", CORPUS, "--site-url", "://", "-o", "a.json"],
            "is not a web address",
        ),
    ];
    for (args, hint) in cases {
        let out = kgraph().args(*args).output().unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("kgraph: error: "), "{args:?}: {stderr}");
        assert!(stderr.contains(hint), "{args:?}: {stderr}");
    }
    // clap's own errors: exit 2, the first line says what is wrong.
    for args in [
        &["build"][..],
        &["build", CORPUS, "--kinds", "nope"],
        &["build", "--bogus"],
    ] {
        let out = kgraph().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr_of(&out).starts_with("error: "), "{args:?}");
    }
}
