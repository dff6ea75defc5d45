//! Tests of whole-post extraction.

use super::record::SeriesRef;
use super::*;

/// [`super::extract_post`] of a post the user named by its relative path.
fn extract_post(path: &str, text: &str, options: &ExtractOptions) -> PostRecord {
    super::extract_post(path, path, text, options)
}

fn options() -> ExtractOptions {
    ExtractOptions {
        generic_headings: default_generic_headings(),
        site_hosts: vec!["blog.example".to_string()],
        ..ExtractOptions::default()
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
        .message()
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
    let post = catch_panic("2020-1-9-x.md", "notes/2020-1-9-x.md", || panic!("boom"));
    assert_eq!(post.title, "2020-1-9-x");
    assert_eq!(post.slug, "x");
    assert_eq!(post.date.as_deref(), Some("2020-01-09"));
    assert_eq!(post.diagnostics.len(), 1);
    let d = &post.diagnostics[0];
    assert_eq!(d.severity, crate::diagnostic::Severity::Error);
    assert_eq!(d.path, "notes/2020-1-9-x.md");
    assert!(d
        .message()
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
fn a_note_takes_its_opening_h1_inline_tags_and_created_date() {
    let text = "---\ncreated: 1616983302480\nupdated: 1636510026672\ntags: [front]\n---\n\n\
                # Note title\n\nSee #role.bugcatcher and #a/b, #front.\n";
    let post = extract_post("notes/note.md", text, &options());
    assert_eq!(post.title, "Note title");
    assert!(post.sections.is_empty());
    assert_eq!(post.date.as_deref(), Some("2021-03-29"));
    assert_eq!(post.created.as_deref(), Some("2021-03-29"));
    assert_eq!(post.updated.as_deref(), Some("2021-11-10"));
    assert_eq!(post.tags, ["front", "role.bugcatcher", "a/b"]);
    let pair = |c: &str, p: &str| (c.to_string(), p.to_string());
    assert_eq!(
        post.tag_parents,
        [pair("role.bugcatcher", "role"), pair("a/b", "a")]
    );
    let off = ExtractOptions {
        inline_tags: false,
        ..options()
    };
    assert_eq!(extract_post("notes/note.md", text, &off).tags, ["front"]);
}

#[test]
fn a_jekyll_post_keeps_jekyll_titles_and_has_no_inline_tags() {
    let text = "# Heading\n\nfor i = 1 to #tiles do:\n";
    let post = extract_post("_posts/2024-6-27-parallel.md", text, &options());
    assert_eq!(post.title, "2024-6-27-parallel");
    assert_eq!(post.sections.len(), 1);
    assert!(post.tags.is_empty());
}

#[test]
fn odd_updated_and_created_dates_warn_at_their_line() {
    let text = "+++\ntitle = \"t\"\nlastmod = \"soon\"\n+++\n";
    let post = extract_post("a.md", text, &options());
    assert_eq!(post.updated.as_deref(), Some("soon"));
    assert_eq!(post.diagnostics.len(), 1);
    assert_eq!(post.diagnostics[0].line, Some(3));
    assert!(matches!(
        post.diagnostics[0].kind,
        DiagnosticKind::OddDate { .. }
    ));
}

#[test]
fn site_placement_fields_reach_the_record() {
    let text =
        "+++\nslug = \"s\"\nurl = \"/u/\"\naliases = [\"/a/\"]\nweight = 5\ndraft = true\n+++\n";
    let post = extract_post("content/page.md", text, &options());
    assert_eq!(post.front_matter_slug.as_deref(), Some("s"));
    assert_eq!(post.url.as_deref(), Some("/u/"));
    assert_eq!(post.aliases, ["/a/"]);
    assert_eq!((post.weight, post.draft), (Some(5), true));
    assert_eq!(post.slug, "page");
}
