//! Helpers shared by the integration tests: running the binary, writing input files, goldens,
//! the real consumers (`xmllint` and its schemas), and reading the DOT, GraphML and GEXF exports
//! back as their readers see them.

// Every test binary compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};

use assert_cmd::Command;
use graphviz_rust::dot_structures::{Attribute, Id};

// ---------------------------------------------------------------------------------------------
// Running kgraph, writing its inputs

pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn kgraph() -> Command {
    Command::cargo_bin("kgraph").unwrap()
}

/// Writes `dir/rel`, creating its folders, and returns its path.
pub fn write(dir: &Path, rel: impl AsRef<Path>, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, content).unwrap();
    path
}

// ---------------------------------------------------------------------------------------------
// Goldens

pub fn golden_path(name: &str) -> PathBuf {
    manifest_dir().join("tests").join("golden").join(name)
}

/// Compares `actual` with `tests/golden/<name>`, or rewrites the file when `KGRAPH_BLESS` is set.
pub fn assert_golden(name: &str, actual: &[u8]) {
    let path = golden_path(name);
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
            "{} differs from the output at line {}:\n  golden: {:?}\n  actual: {:?}\n\
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

// ---------------------------------------------------------------------------------------------
// DOT, through graphviz-rust's parser

pub fn id_text(id: &Id) -> &str {
    match id {
        Id::Html(s) | Id::Escaped(s) | Id::Plain(s) | Id::Anonymous(s) => s,
    }
}

pub fn find_attr<'a>(attrs: &'a [Attribute], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|a| id_text(&a.0) == name)
        .map(|a| id_text(&a.1))
}

/// Undoes DOT quoting the way Graphviz reads a label: `\\`, `\"`, `\n`, then `&amp;`.
pub fn graphviz_unquote(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not quoted: {quoted}"));
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                Some('n') => out.push('\n'),
                other => panic!("unexpected escape \\{other:?} in {quoted}"),
            }
        } else {
            out.push(c);
        }
    }
    out.replace("&amp;", "&")
}
