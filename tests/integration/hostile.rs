//! The hostile corpus `tests/fixtures/hostile/` end to end: messy posts are diagnosed and
//! survived, and every export stays valid.
//!
//! - `input/` is the committed corpus (one file per case, listed in its README); its
//!   diagnostics are pinned in `expected/diagnostics.txt` (rewrite with `KGRAPH_BLESS=1`, review
//!   the diff).
//! - What git cannot hold well — enormous files (and one too large to read), folders deeper
//!   than the system's path limit, symbolic link loops, file names with control characters or
//!   invalid UTF-8 — is generated into a temporary folder by [`generated_hostile_inputs_survive`].
//! - Exports are always checked in process (serde_json, roxmltree, graphviz-rust's parser) and,
//!   when installed, by their real consumers: `xmllint --schema`, `dot -Tsvg` with an empty
//!   stderr, and NetworkX (`$KGRAPH_PYTHON`, else `python3`). A missing consumer is skipped
//!   with a note; CI has them all.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use crate::common::{
    assert_expected, build_all, fixture, gexf_rng, graphml_xsd, have, manifest_dir, stderr_of,
    write, xmllint_accepts, HOSTILE_CORPUS,
};
use crate::formats::{assert_exports_agree, dot, graphml, json, svg_png, ReadBack};

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
// The exports, read back

/// The Python to run NetworkX with, if one has it.
fn python_with_networkx() -> Option<std::ffi::OsString> {
    let python = std::env::var_os("KGRAPH_PYTHON").unwrap_or_else(|| "python3".into());
    let ok = Process::new(&python)
        .args(["-c", "import networkx"])
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some(python)
}

/// Checks `g.json`, `g.graphml` and `g.dot` in `dir`; renders the DOT only when asked (Graphviz
/// takes minutes on thousands of nodes).
fn check_exports(dir: &Path, render: bool) -> ReadBack {
    let read = |name: &str| fs::read(dir.join(name)).unwrap();
    let text = |name: &str| String::from_utf8(read(name)).unwrap();
    let json = json::read_back(&read("g.json"));
    assert_exports_agree(&json, Some(&text("g.graphml")), Some(&text("g.dot")), None);
    let graphml_path = dir.join("g.graphml");
    xmllint_accepts("--schema", &graphml_xsd(), &graphml_path, "GraphML schema");
    if render && have("dot") {
        svg_png::parse_svg(&dot::draw_without_a_warning(&read("g.dot")));
    } else if render {
        eprintln!("note: Graphviz `dot` not found; skipping the rendering check");
    }
    match python_with_networkx() {
        Some(python) => graphml::networkx_agrees(
            &python,
            &dir.join("g.json"),
            &graphml_path,
            &json.labels,
            json.edges,
            false,
        ),
        None => eprintln!(
            "note: no Python with networkx (set KGRAPH_PYTHON); skipping the NetworkX check"
        ),
    }
    json
}

// ---------------------------------------------------------------------------------------------
// The committed corpus

#[test]
fn git_keeps_the_odd_line_endings_of_the_corpus() {
    // `.gitattributes` keeps git from normalising these; without it the cases below are lost.
    let input = fixture("hostile").join("input");
    let twin = fs::read(input.join("2024-01-02-crlf-twin.md")).unwrap();
    assert!(twin.starts_with("\u{feff}".as_bytes()), "the BOM is gone");
    assert!(twin.windows(2).any(|w| w == b"\r\n"), "the CRLF are gone");
    let mac = fs::read(input.join("lone-cr.md")).unwrap();
    assert!(
        mac.contains(&b'\r') && !mac.contains(&b'\n'),
        "lone CR made CRLF or LF"
    );
}

#[test]
fn the_corpus_is_diagnosed_file_by_file_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_all(&[Path::new(HOSTILE_CORPUS)], dir.path(), &[]);
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let diagnostics = diagnostic_lines(&stderr);
    for line in &diagnostics {
        let path = line.split(": ").next().unwrap();
        let path = path.rsplit_once(':').map_or(path, |(p, _)| p);
        assert!(manifest_dir().join(path).exists(), "{line}");
    }
    let actual = diagnostics.join("\n") + "\n";
    assert_expected("hostile", "diagnostics.txt", actual.as_bytes());
    let summary = stderr.lines().last().unwrap();
    assert!(summary.starts_with("kgraph: 25 posts → "), "{summary}");
}

#[test]
fn strict_makes_the_corpus_exit_1_and_still_writes_the_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_all(
        &[Path::new(HOSTILE_CORPUS)],
        dir.path(),
        &["--strict", "-q"],
    );
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
    let out = build_all(&[Path::new(HOSTILE_CORPUS)], dir.path(), &extra);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let json = check_exports(dir.path(), true);
    let gexf = fs::read_to_string(dir.path().join("g.gexf")).unwrap();
    assert_exports_agree(&json, None, None, Some(&gexf));
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
        let doc = svg_png::parse_svg(&svg);
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

// ---------------------------------------------------------------------------------------------
// Generated cases: what git cannot hold

/// The size above which a file is not read as a post (the README's 64 MiB).
const MAX_POST_BYTES: u64 = 64 << 20;

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
    write(&posts, "enormous.md", enormous_post());
    let headings: String = (0..5000)
        .map(|i| format!("{} Heading number {i}\n\n", "#".repeat(i % 6 + 1)))
        .collect();
    write(&posts, "five-thousand-headings.md", headings);
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
        .set_len(MAX_POST_BYTES + 1)
        .unwrap();
    // Links: a loop, a dangling one, a followed file link.
    symlink("..", posts.join("loop")).unwrap();
    symlink("nowhere.md", posts.join("dangling.md")).unwrap();
    symlink("enormous.md", posts.join("linked.md")).unwrap();
    // File names that are not UTF-8, hold a newline, a bell, or a right-to-left override.
    write(
        &posts,
        OsStr::from_bytes(b"latin1-\xe9.md"),
        "# Latin-1 name\n",
    );
    write(&posts, "new\nline.md", b"# Bad \xff bytes\n");
    write(&posts, "bell\u{7}.md", "# Bell in the name\n");
    write(&posts, "\u{202e}dm.txt.md", "# RLO in the name\n");

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
