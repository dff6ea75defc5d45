//! Property tests of the extractor ("fuzzing" on stable Rust): posts assembled from fragments
//! that break parsers (front matter variants, marker-only headings, URLs with parentheses, CJK,
//! percent signs and odd schemes, code fences, math, control characters, emoji, RTL marks, BOM,
//! CR/CRLF) and arbitrary characters. [`extract_post`] must not panic (a caught panic shows as an
//! "internal error" diagnostic) and its record must be consistent; CRLF, lone CR and a BOM must
//! give the same record as LF. Settings: see `tests/integration/hostile_text.rs`.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use super::{default_generic_headings, ExtractOptions, PostRecord};
use crate::diagnostic::{DiagnosticKind, Severity};

// The text generators are shared with the exporters' property tests.
#[path = "../../tests/integration/hostile_text.rs"]
#[allow(unreachable_pub)] // public for the integration tests that share it
mod hostile_text;
use hostile_text::{cases_from, config, hostile_label, hostile_string, url};

/// A front-matter block: valid, invalid, unterminated, with odd scalars.
fn front_matter() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        hostile_label(),
        prop::sample::select(vec![
            "996",
            "1.10",
            "yes",
            "null",
            "~",
            "[a, b",
            "[a, b]",
            "\"quoted \\a\"",
            "'single'",
            "a: b",
            "{x: 1}",
            "|",
            ">",
            "&anchor",
            "*alias",
            "!!binary",
            "- item",
            "2016-8-2",
            "2016-08-02 10:00:00 +0800",
            "soon",
            "\"\\x01\\u202e\"",
        ])
        .prop_map(str::to_string),
    ];
    let key = prop::sample::select(vec![
        "title",
        "category",
        "categories",
        "tags",
        "tag",
        "date",
        "permalink",
        "layout",
        "",
        " title",
        "title ",
        "- x",
    ]);
    let line = (key, value).prop_map(|(k, v)| format!("{k}: {v}\n"));
    let close = prop::sample::select(vec!["---\n", "...\n", "---", "--- \n", ""]);
    (prop::collection::vec(line, 0..6), close)
        .prop_map(|(lines, close)| format!("---\n{}{close}", lines.concat()))
}

/// One fragment of a post body.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "\n", "\n\n", "\r\n", "\r", "# ", "## ", "###### ", "#", "# +", "## ++", "（续）",
            " +", "C++", "* toc\n", "{:toc}\n", "{: .x}\n", "```\n", "```sh\n", "~~~\n",
            "    ", "> ", "- ", "1. ", "$", "$$", "$$\n", "`", "[", "]", "](", "![", "(", ")",
            "<", ">", "<div>", "</div>", "<https://a.org/>", "[^1]", "[^1]: ", "| a | b |\n",
            "|---|---|\n", "{% post_url 2016-08-02-x %}", "{%", "%}", "[x]: https://r.org/\n",
            "[x]", "\\", "*", "_", "**", "~~", "---\n", "...\n", "\u{feff}", "&", "&amp;",
        ])
        .prop_map(str::to_string),
        2 => url(),
        2 => (url(), hostile_label()).prop_map(|(u, l)| format!("[{l}]({u})")),
        1 => (url(), hostile_label()).prop_map(|(u, l)| format!("![{l}]({u})")),
        1 => (url(), hostile_label()).prop_map(|(u, l)| format!("{u}\n\n{l}\n\n")),
        3 => hostile_label(),
    ]
}

/// A whole post: maybe a BOM, maybe front matter, then fragments.
fn post_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::option::weighted(0.5, front_matter()),
        prop::collection::vec(fragment(), 0..40),
    )
        .prop_map(|(bom, fm, body)| {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str(&fm.unwrap_or_default());
            text.push_str(&body.concat());
            text
        })
}

fn options() -> ExtractOptions {
    ExtractOptions {
        generic_headings: default_generic_headings(),
        site_hosts: vec!["blog.example".to_string()],
        ..ExtractOptions::default()
    }
}

/// Checks what must hold for any record.
fn check_record(path: &str, text: &str, post: &PostRecord) -> Result<(), TestCaseError> {
    // Lines end at LF, CRLF or a lone CR.
    let lines = text.replace("\r\n", "\n").split(['\n', '\r']).count();
    let in_file = |line: usize| (1..=lines).contains(&line);
    prop_assert_eq!(&post.path, path);
    prop_assert!(!post.title.is_empty(), "empty title");
    for (i, s) in post.sections.iter().enumerate() {
        prop_assert!(s.parent.is_none_or(|p| p < i), "parent of {}: {:?}", i, s);
        prop_assert!(!s.key.trim().is_empty(), "empty key: {:?}", s);
        prop_assert!((1..=6).contains(&s.level), "{:?}", s);
        prop_assert!(in_file(s.line), "line {} of {}", s.line, lines);
    }
    for c in &post.citations {
        prop_assert!(c.section.is_none_or(|s| s < post.sections.len()));
        prop_assert!(!c.key.is_empty() && !c.raw.is_empty(), "{:?}", c);
        prop_assert!(in_file(c.line), "line {} of {}", c.line, lines);
        let lower = c.key.to_ascii_lowercase();
        for scheme in ["javascript:", "mailto:", "file:", "data:", "ftp:"] {
            prop_assert!(!lower.starts_with(scheme), "{:?}", c);
        }
    }
    for l in &post.post_links {
        prop_assert!(l.section.is_none_or(|s| s < post.sections.len()));
        prop_assert!(in_file(l.line), "line {} of {}", l.line, lines);
    }
    for d in &post.diagnostics {
        prop_assert_eq!(&d.path, path);
        prop_assert!(
            !matches!(d.kind, DiagnosticKind::Internal { .. }),
            "extract_post panicked: {}",
            d
        );
        let message = d.message();
        prop_assert!(!message.is_empty() && !message.ends_with('.'), "{:?}", d);
        prop_assert!(d.line.is_none_or(in_file), "{:?} in {} lines", d, lines);
        prop_assert_eq!(d.severity, Severity::Warning, "{:?}", d);
        let shown = d.to_string();
        prop_assert_eq!(shown.lines().count(), 1, "{:?}", shown);
    }
    Ok(())
}

/// [`super::extract_post`] of a post the user named by its relative path.
fn extract_post(path: &str, text: &str, options: &ExtractOptions) -> PostRecord {
    super::extract_post(path, path, text, options)
}

proptest! {
    #![proptest_config(config(cases_from("PROPTEST_CASES", 256)))]

    #[test]
    fn extraction_never_panics_and_keeps_records_consistent(text in post_text()) {
        let post = extract_post("posts/2020-1-2-fuzz.md", &text, &options());
        check_record("posts/2020-1-2-fuzz.md", &text, &post)?;
    }

    #[test]
    fn arbitrary_strings_never_break_extraction(text in hostile_string(300)) {
        let post = extract_post("x.md", &text, &options());
        check_record("x.md", &text, &post)?;
    }

    #[test]
    fn crlf_lone_cr_and_bom_read_as_if_absent(text in post_text()) {
        // Only texts that hold no CR and no BOM of their own.
        let text = text.replace(['\r', '\u{feff}'], "");
        let want = extract_post("p.md", &text, &options());
        for variant in [
            text.replace('\n', "\r\n"),
            text.replace('\n', "\r"),
            format!("\u{feff}{text}"),
        ] {
            let got = extract_post("p.md", &variant, &options());
            prop_assert_eq!(&got, &want, "variant {:?}", variant);
        }
    }
}
