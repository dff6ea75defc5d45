//! Generators of hostile text for the property tests ("fuzzing" on stable Rust), shared by the
//! extractor's (`src/extract/fuzz_tests.rs`, which includes this file) and the exporters'
//! (`fuzz.rs`), and their settings.
//!
//! `PROPTEST_CASES=N` sets the number of cases (default: a few hundred, a few seconds in a debug
//! build), `KGRAPH_FUZZ_TOOL_CASES=N` those run through Graphviz and xmllint (default 20). A long
//! run: `PROPTEST_CASES=200000 KGRAPH_FUZZ_TOOL_CASES=2000 cargo test --release fuzz`.

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};

/// The environment variable `var` as a number, or `default`.
pub fn cases_from(var: &str, default: u32) -> u32 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Test settings: `cases` cases, failures saved in `tests/integration/fuzz.proptest-regressions`.
pub fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/integration/fuzz.proptest-regressions",
        ))),
        ..Config::default()
    }
}

/// Characters that break escapers and parsers, weighted towards the dangerous ones.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        3 => prop::sample::select(vec![
            '"', '\'', '\\', '<', '>', '&', ';', '#', '[', ']', '(', ')', '{', '}', '%', '`', '$',
            '*', '_', '|', '+', '-', '=', ':', '/', '?', '!', '~', '^',
        ]),
        2 => prop::sample::select(vec!['\t', '\n', '\r', ' ']),
        2 => proptest::char::range('\u{0}', '\u{1F}'),
        1 => prop::sample::select(vec![
            '\u{7F}', '\u{85}', '\u{9B}', '\u{A0}', '\u{AD}', '\u{FFFE}', '\u{FFFF}', '\u{FFFD}',
            '\u{FEFF}', '\u{200B}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}',
            '\u{2028}', '\u{2029}', '\u{2066}', '\u{E000}', '\u{10FFFF}',
        ]),
        2 => prop::sample::select(vec![
            '多', '模', '态', '（', '）', '。', '，', '：', '续', 'ש', 'ل', 'é', 'ß', 'İ', 'ǅ',
            '🧠', '👩', '🇨', '🇳', '\u{1F3FB}', '\u{301}',
        ]),
        1 => any::<char>(),
    ]
}

pub fn hostile_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..max).prop_map(|cs| cs.into_iter().collect())
}

/// Pieces of entity-like and escape-like text that single characters rarely assemble.
fn hostile_word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "&amp;",
            "&#38;",
            "&#x26;",
            "&lt;",
            "&gt;",
            "&quot;",
            "&nbsp;",
            "&;",
            "&#;",
            "&x;",
            "\\N",
            "\\G",
            "\\E",
            "\\T",
            "\\H",
            "\\L",
            "\\l",
            "\\r",
            "\\n",
            "\\\\",
            "\\\"",
            "]]>",
            "<![CDATA[",
            "-->",
            "<!--",
            "\r\n",
            "\"\"\"",
            "''",
            "<b>",
            "</b>",
            "<br/>",
            "${",
            "%s",
            "%n",
            "{{",
            "}}",
            "\u{202E}abc\u{202C}",
            "👩\u{200D}👩\u{200D}👧",
            "e\u{301}",
            "\u{1F1E8}\u{1F1F3}",
        ])
        .prop_map(str::to_string),
        hostile_string(6),
    ]
}

/// A label: hostile words and characters, up to a few dozen characters.
pub fn hostile_label() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_word(), 0..6).prop_map(|ws| ws.concat())
}

/// A URL, well-formed or not, with parentheses, CJK, percent signs or an odd scheme.
pub fn url() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec![
        "https://",
        "http://",
        "HTTPS://",
        "javascript:",
        "mailto:",
        "file:///",
        "ftp://",
        "data:",
        "//",
        "http:",
        "",
    ]);
    let host = prop::sample::select(vec![
        "example.org",
        "www.example.org",
        "例子.测试",
        "xn--fsqu00a.xn--0zwm56d",
        "a.b",
        "[::1]",
        "exa mple.org",
        "mp.weixin.qq.com",
        "zhihu.com",
        "",
        "user:p@ss@h.org:8080",
        "blog.example",
    ]);
    let segment = prop_oneof![
        prop::sample::select(vec![
            "/",
            "/a",
            "/wiki/Foo_(bar)",
            "/x)",
            "/(",
            "/%E4%B8%AD",
            "/%ZZ",
            "/%",
            "/中文",
            "/s/_d_-x",
            "?a=1&b=2",
            "?utm_source=x",
            "#frag",
            "/a.html",
            "/a.md",
            ".",
            "。",
            ")",
            "))",
            "（续）",
            "/a b",
            "\\_",
            "*",
            "~",
        ])
        .prop_map(str::to_string),
        hostile_string(3),
    ];
    (scheme, host, prop::collection::vec(segment, 0..4))
        .prop_map(|(s, h, p)| format!("{s}{h}{}", p.concat()))
}
