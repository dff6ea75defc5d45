//! The SVG and PNG exports, both drawn by Graphviz: well-formed SVG with every label as text in
//! every legend style, a real PNG, and Graphviz missing, slow or failing (through the binary).

use crate::common::to_bytes;
use kgraph::{Engine, ExportOptions, Format};

use crate::common::hostile_graph::{hostile_graph, hostile_options};
use crate::common::{have, kgraph, write};

/// Parses an SVG written by Graphviz (it has a DOCTYPE).
pub fn parse_svg(text: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).expect("the SVG is well-formed XML")
}

const SVG_NS: &str = "http://www.w3.org/2000/svg";

#[test]
fn svg_is_well_formed_with_cjk_labels_as_text_in_every_legend_style() {
    if !have("dot") {
        eprintln!("note: Graphviz `dot` not found; skipping the SVG check");
        return;
    }
    let graph = hostile_graph();
    let kinds = graph.count_nodes_by_kind().len();
    // `dot` draws the legend cluster (a node per kind); `sfdp` gets one table node instead.
    for (engine, legend_nodes) in [
        (Engine::Auto, kinds),
        (Engine::Sfdp, 1),
        (Engine::Fdp, kinds),
    ] {
        let options = ExportOptions {
            engine,
            ..hostile_options()
        };
        let svg = String::from_utf8(to_bytes(&graph, Format::Svg, &options).unwrap()).unwrap();
        let doc = parse_svg(&svg);
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name((SVG_NS, "text")))
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect();
        for want in [
            "多模态 <b>&'x'</b>",
            "贝叶斯",
            "Say \"hello\" to C:\\Users\\",
            "🧠 brain",
            "AT&amp;T &#38; <docs> & more",
        ] {
            assert!(
                texts.iter().any(|t| t == want),
                "{engine}: no text {want:?} in {texts:?}"
            );
        }
        assert!(
            texts.iter().any(|t| t.contains("细粒度 分类")),
            "{engine}: {texts:?}"
        );
        let node_groups = doc
            .descendants()
            .filter(|n| n.has_tag_name((SVG_NS, "g")) && n.attribute("class") == Some("node"))
            .count();
        assert_eq!(node_groups, graph.node_count() + legend_nodes, "{engine}");
    }
    let png = to_bytes(&graph, Format::Png, &hostile_options()).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
}

// ---------------------------------------------------------------------------------------------
// Through the binary: Graphviz missing, slow or failing

/// A folder with one post.
pub fn one_post() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let post = "---\ntitle: 多模态学习\ndate: 2024-01-05\n---\n\n# 多模态\n\n正文\n";
    write(dir.path(), "2024-01-05-a.md", post);
    dir
}

#[test]
fn without_graphviz_the_drawing_fails_with_an_install_hint_and_the_rest_is_written() {
    let posts = one_post();
    let out = tempfile::tempdir().unwrap();
    let previous = write(out.path(), "g.svg", "previous drawing");
    let empty_path = tempfile::tempdir().unwrap();
    kgraph()
        .env("PATH", empty_path.path())
        .arg("build")
        .arg(posts.path())
        .args(["-o", "g.svg", "-o", "g.gexf", "-o", "g.png", "-o", "g.mmd"])
        .current_dir(out.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "kgraph: error: cannot write g.svg: Graphviz `dot` not found; install it \
             (Debian/Ubuntu: apt-get install graphviz fonts-noto-cjk; macOS: brew install \
             graphviz) or export .dot",
        ))
        .stderr(predicates::str::contains(
            "cannot write g.png: Graphviz `dot` not found",
        ));
    assert!(out.path().join("g.gexf").exists());
    assert!(out.path().join("g.mmd").exists());
    assert_eq!(
        std::fs::read_to_string(previous).unwrap(),
        "previous drawing"
    );
    assert!(!out.path().join("g.png").exists());
    let leftovers: Vec<_> = std::fs::read_dir(out.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 3, "no temporary files are left behind");
}

/// A folder whose `dot` is the shell script `body`.
#[cfg(unix)]
fn fake_graphviz(body: &str) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dot");
    std::fs::write(&path, format!("#!/bin/sh\nPATH=/usr/bin:/bin\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn a_slow_graphviz_is_stopped_at_the_render_timeout() {
    let posts = one_post();
    let out = tempfile::tempdir().unwrap();
    let fake = fake_graphviz("exec sleep 30");
    let started = std::time::Instant::now();
    kgraph()
        .env("PATH", fake.path())
        .arg("build")
        .arg(posts.path())
        .args(["-o", "g.svg", "-o", "g.json", "--render-timeout", "1"])
        .current_dir(out.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "cannot write g.svg: Graphviz `dot` was stopped after 1 s on ",
        ))
        .stderr(predicates::str::contains(
            " edges; try --engine sfdp, fewer nodes (--max-nodes, --focus) or a longer \
             --render-timeout",
        ));
    assert!(started.elapsed() < std::time::Duration::from_secs(15));
    assert!(out.path().join("g.json").exists());
    assert!(!out.path().join("g.svg").exists());
}

#[cfg(unix)]
#[test]
fn a_failing_graphviz_is_reported_with_its_stderr() {
    let posts = one_post();
    let out = tempfile::tempdir().unwrap();
    let fake =
        fake_graphviz("cat >/dev/null\necho 'Error: <stdin>: syntax error in line 3' >&2\nexit 1");
    kgraph()
        .env("PATH", fake.path())
        .arg("build")
        .arg(posts.path())
        .args(["-o", "g.svg", "--engine", "neato"])
        .current_dir(out.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "cannot write g.svg: Graphviz `neato` failed (exit status: 1): \
             Error: <stdin>: syntax error in line 3",
        ));
}
