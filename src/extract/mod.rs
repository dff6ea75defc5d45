//! Extraction: one post's text → a [`PostRecord`]. Pure functions of (path, text, options); no graph types.

mod canonical;
#[cfg(test)]
mod corpus_check;
mod file_name;
mod front_matter;
mod lines;
mod markdown;
mod outline;
mod record;
mod series;
mod target;
mod urls;

use std::borrow::Cow;

pub use file_name::split_date_prefix;
pub use record::{Citation, LabelSource, PostLink, PostRecord, Section, SeriesRef};

/// Settings that change what is extracted from a post.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Headings whose content belongs to the enclosing topic (compared case-insensitively).
    pub generic_headings: Vec<String>,
    /// Hosts of the site itself: absolute links to them are links between posts.
    pub site_hosts: Vec<String>,
}

/// Headings that name no topic of their own, in Chinese and English.
pub fn default_generic_headings() -> Vec<String> {
    [
        "参考",
        "参考资料",
        "参考文献",
        "参考链接",
        "概述",
        "总结",
        "其他",
        "其它",
        "简介",
        "前言",
        "小结",
        "附录",
        "引言",
        "说明",
        "目录",
        "Other",
        "Others",
        "References",
        "Reference",
        "See also",
        "Overview",
        "Summary",
        "Introduction",
        "Conclusion",
        "Misc",
        "Notes",
        "Links",
        "Resources",
        "Further reading",
        "TOC",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Whether `text` has a character a reader can see: not whitespace, a control character or an
/// invisible format character (zero-width space and joiners, bidi marks, BOM, noncharacters).
pub(crate) fn has_visible_text(text: &str) -> bool {
    text.chars().any(|c| {
        !(c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '\u{200B}'..='\u{200F}'
                    | '\u{202A}'..='\u{202E}'
                    | '\u{2060}'..='\u{2064}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{FEFF}'
                    | '\u{FFFE}'
                    | '\u{FFFF}'
            ))
    })
}

/// Extracts one post. `path` is its '/'-separated path relative to its input root.
///
/// Never panics; problems with the input become diagnostics in the record. CRLF and lone CR
/// (classic Mac OS) line endings are read as LF, so they give the same record as LF (the
/// Markdown parser treats CRLF differently inside code spans).
///
/// Should a bug make extraction panic all the same, the panic is caught: the record holds
/// only what the file name gives, with an error diagnostic, and the other posts are unharmed.
pub fn extract_post(path: &str, text: &str, options: &ExtractOptions) -> PostRecord {
    let text = as_lf_line_endings(text);
    catch_panic(path, || extract(path, &text, options))
}

/// Runs `extract`, turning a panic into a record built from the file name alone.
fn catch_panic(path: &str, extract: impl FnOnce() -> PostRecord) -> PostRecord {
    let panic = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(extract)) {
        Ok(record) => return record,
        Err(panic) => panic,
    };
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    let stem = stem_of(path);
    let (file_date, slug) = split_date_prefix(stem);
    PostRecord {
        path: path.to_string(),
        slug: slug.to_string(),
        title: stem.to_string(),
        date: file_date.map(front_matter::format_date),
        diagnostics: vec![crate::diagnostic::Diagnostic::error(
            path,
            None,
            format!(
                "internal error while reading this post ({what}); only its file name was used, \
                 please report this with the file"
            ),
        )],
        ..PostRecord::default()
    }
}

/// `text` with CRLF and lone CR line endings turned into LF (the same lines).
fn as_lf_line_endings(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The file name of `path` without its extension (a dot file keeps its name).
fn stem_of(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.rsplit_once('.')
        .filter(|(stem, _)| !stem.is_empty())
        .map_or(file, |(stem, _)| stem)
}

/// A warning for the characters XML 1.0 forbids (C0 controls but tab and line breaks, U+FFFE,
/// U+FFFF): kept in the JSON export, dropped from the XML and DOT ones, and almost always junk.
fn forbidden_characters(path: &str, text: &str) -> Option<crate::diagnostic::Diagnostic> {
    let is_forbidden = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{7F}'..='\u{9F}'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    let first = text.find(is_forbidden)?;
    let c = text[first..].chars().next()?;
    let count = text.matches(is_forbidden).count();
    let line = 1 + text[..first].matches('\n').count();
    let more = match count {
        1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    Some(crate::diagnostic::Diagnostic::warning(
        path,
        Some(line),
        format!(
            "control character U+{:04X}{more}; the XML and DOT exports drop them",
            u32::from(c)
        ),
    ))
}

fn extract(path: &str, text: &str, options: &ExtractOptions) -> PostRecord {
    let mut diagnostics = Vec::new();
    diagnostics.extend(forbidden_characters(path, text));
    let stem = stem_of(path);
    let (file_date, slug) = split_date_prefix(stem);

    let split = front_matter::split(path, text, &mut diagnostics);
    let fm = split
        .yaml
        .map(|yaml| front_matter::parse(path, yaml, split.start_line + 1, &mut diagnostics))
        .unwrap_or_default();

    let date = match fm.date.as_deref() {
        Some(raw) => match front_matter::normalise_date(raw) {
            Some(date) => Some(date),
            None => {
                let line = split
                    .yaml
                    .and_then(|yaml| front_matter::key_line(yaml, "date"))
                    .map_or(split.start_line, |l| split.start_line + l);
                diagnostics.push(crate::diagnostic::Diagnostic::warning(
                    path,
                    Some(line),
                    format!("front matter date `{raw}` is not YYYY-MM-DD; kept as written"),
                ));
                Some(raw.to_string())
            }
        },
        None => file_date.map(front_matter::format_date),
    };
    let title = fm.title.unwrap_or_else(|| stem.to_string());
    let series = series::series_of_title(&title);

    let generic_keys: Vec<String> = options
        .generic_headings
        .iter()
        .map(|h| outline::heading_key(h))
        .collect();
    let body = markdown::extract_body(
        path,
        text,
        split.body_offset,
        &generic_keys,
        &options.site_hosts,
        &mut diagnostics,
    );

    PostRecord {
        path: path.to_string(),
        slug: slug.to_string(),
        title,
        date,
        categories: fm.categories,
        tags: fm.tags,
        series,
        permalink: fm.permalink,
        sections: body.sections,
        citations: body.citations,
        post_links: body.post_links,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> ExtractOptions {
        ExtractOptions {
            generic_headings: default_generic_headings(),
            site_hosts: vec!["blog.example".to_string()],
        }
    }

    #[test]
    fn extracts_a_whole_post() {
        let text = "---\nlayout: post\ntitle:  机器学习（十七）——聚类\ncategory: ML \ntags: [a, b]\n---\n\n\
                    * toc\n{:toc}\n\n# 聚类\n\n## K-means（续）\n\nhttps://example.org/kmeans\n\nK-means 简介\n\n\
                    # 参考\n\nhttp://www.example.org/kmeans/?utm_source=x\n";
        let post = extract_post(
            "_posts/2016-8-2-Machine_Learning_17.markdown",
            text,
            &options(),
        );
        assert_eq!(post.path, "_posts/2016-8-2-Machine_Learning_17.markdown");
        assert_eq!(post.slug, "Machine_Learning_17");
        assert_eq!(post.title, "机器学习（十七）——聚类");
        assert_eq!(post.date.as_deref(), Some("2016-08-02"));
        assert_eq!(post.categories, ["ML"]);
        assert_eq!(post.tags, ["a", "b"]);
        assert_eq!(
            post.series,
            Some(SeriesRef {
                name: "机器学习".to_string(),
                part: 17
            })
        );
        let sections: Vec<_> = post
            .sections
            .iter()
            .map(|s| (s.heading.as_str(), s.level, s.parent, s.line))
            .collect();
        assert_eq!(
            sections,
            [("聚类", 1, None, 11), ("K-means", 2, Some(0), 13)]
        );
        assert_eq!(post.sections[1].key, "k-means");
        assert_eq!(post.citations.len(), 2);
        assert_eq!(post.citations[0].label.as_deref(), Some("K-means 简介"));
        assert_eq!(post.citations[0].section, Some(1));
        assert_eq!(post.citations[1].key, post.citations[0].key);
        assert_eq!(post.citations[1].section, None);
        assert_eq!(post.citations[1].host.as_deref(), Some("example.org"));
        assert!(post.diagnostics.is_empty(), "{:?}", post.diagnostics);
    }

    #[test]
    fn falls_back_to_the_file_name() {
        let post = extract_post("posts/2020-1-9-notes.md", "# Only a heading\n", &options());
        assert_eq!(post.title, "2020-1-9-notes");
        assert_eq!(post.slug, "notes");
        assert_eq!(post.date.as_deref(), Some("2020-01-09"));
        let post = extract_post("about.md", "", &options());
        assert_eq!(
            (post.title.as_str(), post.slug.as_str(), post.date),
            ("about", "about", None)
        );
        let post = extract_post("notes/.draft", "", &options());
        assert_eq!(
            (post.title.as_str(), post.slug.as_str()),
            (".draft", ".draft")
        );
    }

    #[test]
    fn front_matter_date_wins_and_odd_dates_warn() {
        let post = extract_post(
            "2020-1-9-a.md",
            "---\ndate: 2016-08-02 10:00:00 +0800\n---\n",
            &options(),
        );
        assert_eq!(post.date.as_deref(), Some("2016-08-02"));
        let post = extract_post(
            "2020-1-9-a.md",
            "---\ntitle: t\ndate: soon\n---\n",
            &options(),
        );
        assert_eq!(post.date.as_deref(), Some("soon"));
        assert_eq!(post.diagnostics.len(), 1);
        assert_eq!(post.diagnostics[0].line, Some(3));
    }

    #[test]
    fn title_996_is_text() {
        let post = extract_post(
            "x.md",
            "---\ntitle: 996\npermalink: /996/\n---\n",
            &options(),
        );
        assert_eq!(post.title, "996");
        assert_eq!(post.permalink.as_deref(), Some("/996/"));
    }

    #[test]
    fn broken_front_matter_is_salvaged_with_file_lines() {
        let text =
            "\u{feff}---\r\ntitle: a: b\r\ncategory: c\r\n---\r\n\r\n# H\r\n\r\nhttps://a.org/\r\n";
        let post = extract_post("x.md", text, &options());
        assert_eq!(post.title, "a: b");
        assert_eq!(post.categories, ["c"]);
        assert_eq!(post.diagnostics.len(), 1);
        assert_eq!(post.diagnostics[0].line, Some(2));
        assert_eq!(post.sections[0].line, 6);
        assert_eq!(post.citations[0].line, 8);

        let post = extract_post(
            "x.md",
            "---\ntitle: t\n\n# H\n\nhttps://a.org/\n",
            &options(),
        );
        assert_eq!(post.title, "x");
        assert_eq!(post.diagnostics.len(), 1);
        assert!(post.diagnostics[0]
            .message
            .starts_with("unterminated front matter"));
        assert_eq!(post.sections[0].heading, "H");
        assert_eq!(post.citations[0].line, 6);
    }

    #[test]
    fn lone_cr_line_endings_are_lines() {
        let text = "---\rtitle: Old Mac\r---\r\r# A\r\rhttps://a.org/\r\r# B\r\n";
        let post = extract_post("x.md", text, &options());
        assert_eq!(post.title, "Old Mac");
        let sections: Vec<_> = post
            .sections
            .iter()
            .map(|s| (s.heading.as_str(), s.line))
            .collect();
        assert_eq!(sections, [("A", 5), ("B", 9)]);
        assert_eq!(post.citations[0].line, 7);
        assert!(post.diagnostics.is_empty(), "{:?}", post.diagnostics);
        assert!(matches!(as_lf_line_endings("a\nb"), Cow::Borrowed(_)));
        // pulldown-cmark keeps a space for CRLF in a code span, not for LF.
        let lf = extract_post("x.md", "# `a\nb`\n", &options());
        let crlf = extract_post("x.md", "# `a\r\nb`\r\n", &options());
        assert_eq!(crlf, lf);
    }

    #[test]
    fn a_panic_becomes_an_error_and_a_record_from_the_file_name() {
        let post = catch_panic("notes/2020-1-9-x.md", || panic!("boom"));
        assert_eq!(post.title, "2020-1-9-x");
        assert_eq!(post.slug, "x");
        assert_eq!(post.date.as_deref(), Some("2020-01-09"));
        assert_eq!(post.diagnostics.len(), 1);
        let d = &post.diagnostics[0];
        assert_eq!(d.severity, crate::diagnostic::Severity::Error);
        assert!(d
            .message
            .starts_with("internal error while reading this post (boom)"));
    }

    #[test]
    fn control_characters_are_reported_once_with_their_first_line() {
        let post = extract_post(
            "x.md",
            "# A\n\nok\tfine \u{85}\n# B \u{7}\u{1b}[0m\u{FFFF}\n",
            &options(),
        );
        let shown: Vec<String> = post.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            ["x.md:4: warning: control character U+0007 and 2 more; the XML and DOT exports drop them"]
        );
        assert!(extract_post("x.md", "tab\tCR\r\nDEL\u{7F}", &options())
            .diagnostics
            .is_empty());
    }

    #[test]
    fn invisible_titles_headings_and_categories_are_absent() {
        let text = "---\ntitle: \"\\a\\u200B\"\ncategory: \"\\x01\"\ntags: [\"\\e\", ok]\n---\n# \u{7}\n\n# \u{200B}\n";
        let post = extract_post("x.md", text, &options());
        assert_eq!(post.title, "x");
        assert!(post.categories.is_empty(), "{:?}", post.categories);
        assert_eq!(post.tags, ["ok"]);
        assert!(post.sections.is_empty(), "{:?}", post.sections);
    }

    #[test]
    fn default_generic_headings_are_not_topics() {
        let text = "# 概述\n\n# Overview\n\n# See Also\n\n# 参考（续）\n\n# Topic\n";
        let post = extract_post("x.md", text, &options());
        let keys: Vec<_> = post.sections.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["topic"]);
    }

    #[test]
    fn site_links_are_post_links() {
        let post = extract_post(
            "x.md",
            "http://blog.example/a/2016/08/02/b.html\n",
            &options(),
        );
        assert!(post.citations.is_empty());
        assert_eq!(post.post_links[0].target, "/a/2016/08/02/b.html");
    }

    #[test]
    fn random_fragments_never_panic_and_keep_indices_valid() {
        let pieces = [
            "---",
            "...",
            "\n",
            "\r\n",
            "\u{feff}",
            "title: ",
            "996",
            "tags: [a, b",
            "categories:\n- x",
            "# ",
            "## ",
            "+",
            "（续）",
            "http://",
            "https://",
            "mp.weixin.qq.com/s/",
            "_d_-x",
            "www.",
            "例子",
            "。",
            "（",
            "）",
            "(",
            ")",
            "[",
            "]",
            "![",
            "](",
            "<",
            ">",
            "`",
            "```",
            "$",
            "$$",
            "{%",
            "post_url",
            "%}",
            "{:toc}",
            "* toc",
            "\\",
            "*",
            "_",
            "~",
            "|",
            "---|",
            ":",
            "?a=1&b",
            "#",
            "&",
            "=",
            "..",
            "/",
            "😀",
            "\t",
            "    ",
            "> ",
            "- ",
            "1. ",
            "<div>",
            "</div>",
            "[^1]",
            "[^1]: ",
            "%E3%80",
            "[x]: http://r.org",
            "[x]",
            "?utm_source=1",
            "__biz=M==",
        ];
        let mut seed: u64 = 0x9E3779B97F4A7C15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let options = ExtractOptions {
            generic_headings: default_generic_headings(),
            site_hosts: vec!["r.org".to_string()],
        };
        for _ in 0..3_000 {
            let n = (next() % 40) as usize;
            let text: String = (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            let r = extract_post("a/2020-1-1-x.md", &text, &options);
            for (i, s) in r.sections.iter().enumerate() {
                assert!(s.parent.is_none_or(|p| p < i), "{text:?}");
                assert!(!s.key.is_empty());
            }
            for c in &r.citations {
                assert!(c.section.is_none_or(|s| s < r.sections.len()), "{text:?}");
                let again = canonical::canonical_url(&c.key).key;
                assert_eq!(again, c.key, "{text:?}");
            }
        }
    }
}
