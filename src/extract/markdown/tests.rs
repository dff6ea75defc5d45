//! Tests of the Markdown body pass.

use std::borrow::Cow;

use super::labels::MAX_CAPTION_CHARS;
use super::*;
use crate::diagnostic::DiagnosticKind;
use crate::extract::record::LabelSource;

const WX: &str = "https://mp.weixin.qq.com/s/_d_-qg-mY3QLSxfACsNBJw";

fn run(text: &str) -> (Body, Vec<Diagnostic>) {
    run_with_hosts(text, &[])
}

fn run_with_hosts(text: &str, hosts: &[&str]) -> (Body, Vec<Diagnostic>) {
    let generic: Vec<String> = ["参考", "references"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let hosts: Vec<String> = hosts.iter().map(|s| s.to_string()).collect();
    let mut diags = Vec::new();
    let settings = BodySettings {
        generic_keys: &generic,
        site_hosts: &hosts,
        metadata: BodyMetadata::default(),
    };
    let body = extract_body("p.md", "posts/p.md", text, 0, &settings, &mut diags);
    (body, diags)
}

fn raws(body: &Body) -> Vec<&str> {
    body.citations.iter().map(|c| c.raw.as_str()).collect()
}

fn labels(body: &Body) -> Vec<(&str, Option<&str>, LabelSource)> {
    body.citations
        .iter()
        .map(|c| (c.raw.as_str(), c.label.as_deref(), c.label_source))
        .collect()
}

#[test]
fn headings_in_code_are_not_sections() {
    let text = "# Real\n\n```sh\n# comment\nhttps://in.code/x\n```\n\n    # indented\n\n~~~\n## tilde\n~~~\n";
    let (body, diags) = run(text);
    let keys: Vec<_> = body.sections.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["real"]);
    assert!(body.citations.is_empty());
    assert!(diags.is_empty());
}

#[test]
fn bare_urls_lose_trailing_punctuation() {
    let text = "See https://a.org/x). And (https://b.org/y), or https://c.org/z.\n\n中文https://d.org/w。后面\n";
    let (body, _) = run(text);
    assert_eq!(
        raws(&body),
        [
            "https://a.org/x",
            "https://b.org/y",
            "https://c.org/z",
            "https://d.org/w"
        ]
    );
    assert_eq!(body.citations[3].line, 3);
}

#[test]
fn urls_in_code_math_and_html_are_not_cited() {
    let text = "Run `curl https://code.example/x` now.\n\n\
                Math $x_1 = https://math.example/a$ and $$y https://math.example/b$$.\n\n\
                $$\nhttps://math.example/c\n$$\n\n\
                <div>\nhttps://html.example/d\n</div>\n\n\
                Inline <a href=\"https://html.example/e\">e</a> text.\n\n\
                Real https://real.example/f\n";
    let (body, _) = run(text);
    assert_eq!(raws(&body), ["https://real.example/f"]);
}

#[test]
fn url_paragraph_takes_the_next_line_as_caption() {
    let text = "https://a.org/1\n\nFirst caption\n\n\
                https://b.org/2\n\nhttps://c.org/3\n\nThird *caption* with `code`\n\n\
                https://d.org/4\n\n# Heading\n\n\
                https://e.org/5\n\n参考：\n\n\
                <https://f.org/6>\n\nSixth\n\n\
                [https://g.org/7](https://g.org/7)\n\nSeventh\n\n\
                https://h.org/8\n\n2.修改配置文件\n\n\
                https://i.org/9\n\nline one\nline two\n\n\
                see https://j.org/10\n\nnot a caption\n\n\
                https://k.org/11\n\n- list item\n\n\
                https://l.org/12\n\n这是一个网站。它很有用。\n\n\
                https://m.org/13\n\n一个数据集。\n";
    let (body, _) = run(text);
    let none = LabelSource::LinkText;
    let cap = LabelSource::Caption;
    assert_eq!(
        labels(&body),
        [
            ("https://a.org/1", Some("First caption"), cap),
            ("https://b.org/2", None, none),
            ("https://c.org/3", Some("Third caption with code"), cap),
            ("https://d.org/4", None, none),
            ("https://e.org/5", None, none),
            ("https://f.org/6", Some("Sixth"), cap),
            ("https://g.org/7", Some("Seventh"), cap),
            ("https://h.org/8", None, none),
            ("https://i.org/9", None, none),
            ("https://j.org/10", None, none),
            ("https://k.org/11", None, none),
            ("https://l.org/12", None, none),
            ("https://m.org/13", Some("一个数据集。"), cap),
        ]
    );
}

#[test]
fn long_or_url_bearing_lines_are_not_captions() {
    let long = "长".repeat(MAX_CAPTION_CHARS + 1);
    let text =
        format!("https://a.org/1\n\n{long}\n\nhttps://b.org/2\n\nsee `https://x.org` here\n");
    let (body, _) = run(&text);
    assert!(
        body.citations.iter().all(|c| c.label.is_none()),
        "{:?}",
        labels(&body)
    );
}

#[test]
fn emphasis_inside_a_url_does_not_cut_it() {
    let text = format!("{WX}\n\n标题\n\nx https://a.org/a_b_c_-d and https://a.org/p\\_q\n");
    let (body, _) = run(&text);
    assert_eq!(
        raws(&body),
        [WX, "https://a.org/a_b_c_-d", "https://a.org/p_q"]
    );
    assert_eq!(body.citations[0].label.as_deref(), Some("标题"));
    assert_eq!(body.citations[0].key, WX);
}

#[test]
fn links_and_images() {
    let text = "[Rust book](https://doc.rust-lang.org/book/) and [https://x.org/](https://x.org/) \
                and [  ](https://y.org/) and [mail](mailto:a@b.org) and <a@b.org>.\n\n\
                ![diagram](https://img.example/d.png) ![](https://img.example/e.png) ![local](/images/x.png) \
                ![rel](img/y.jpg)\n\n[![logo](/images/logo.png)](https://site.example/)\n";
    let (body, diags) = run(text);
    assert!(diags.is_empty(), "{diags:?}");
    let got: Vec<_> = labels(&body).into_iter().map(|(r, l, _)| (r, l)).collect();
    assert_eq!(
        got,
        [
            ("https://doc.rust-lang.org/book/", Some("Rust book")),
            ("https://x.org/", None),
            ("https://y.org/", None),
            ("https://img.example/d.png", Some("diagram")),
            ("https://img.example/e.png", None),
            ("https://site.example/", Some("logo")),
        ]
    );
    assert!(body.post_links.is_empty());
}

#[test]
fn empty_link_targets_warn() {
    let (body, diags) = run("[nothing]() here\n");
    assert!(body.citations.is_empty());
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].line, Some(1));
    assert_eq!(diags[0].message(), "link `nothing` has an empty target");
}

#[test]
fn links_between_posts() {
    let text = "[x](/ml/2016/08/02/Machine_Learning_2.html#Pearson) [y](../other.md) [z](2020-1-1-bar.markdown)\n\n\
                See {% post_url 2016-08-02-slug %} and [w]({% post_url 2017-01-01-w %}).\n\n\
                `{% post_url 2000-01-01-in-code %}`\n\n\
                http://blog.example/a/b.html and [v](https://www.blog.example/c/)\n\n\
                [pdf](/files/a.pdf) [anchor](#top)\n";
    let (body, _) = run_with_hosts(text, &["blog.example"]);
    let targets: Vec<_> = body
        .post_links
        .iter()
        .map(|l| (l.target.as_str(), l.line))
        .collect();
    assert_eq!(
        targets,
        [
            ("/ml/2016/08/02/Machine_Learning_2.html#Pearson", 1),
            ("../other.md", 1),
            ("2020-1-1-bar.markdown", 1),
            ("2016-08-02-slug", 3),
            ("2017-01-01-w", 3),
            ("/a/b.html", 7),
            ("/c/", 7),
        ]
    );
    assert!(body.citations.is_empty(), "{:?}", raws(&body));
}

#[test]
fn citations_know_their_section_and_line() {
    let text =
        "intro https://post.level/\n\n# A\n\nhttps://a.org/\n\n## 参考\n\nhttps://ref.org/\n\n\
                ## B\n\n> quoted https://b.org/\n\n# 参考\n\nhttps://end.org/\n";
    let (body, _) = run(text);
    let got: Vec<_> = body
        .citations
        .iter()
        .map(|c| (c.raw.as_str(), c.section, c.line))
        .collect();
    assert_eq!(
        got,
        [
            ("https://post.level/", None, 1),
            ("https://a.org/", Some(0), 5),
            ("https://ref.org/", Some(0), 9),
            ("https://b.org/", Some(1), 13),
            ("https://end.org/", None, 17),
        ]
    );
    let parents: Vec<_> = body
        .sections
        .iter()
        .map(|s| (s.key.as_str(), s.parent))
        .collect();
    assert_eq!(parents, [("a", None), ("b", Some(0))]);
}

#[test]
fn urls_in_headings_belong_to_the_new_section() {
    let (body, _) = run("# A\n\n## [B](https://b.org/) https://c.org/\n");
    assert_eq!(body.sections[1].heading, "B https://c.org/");
    assert!(body.citations.iter().all(|c| c.section == Some(1)));
    assert_eq!(body.citations.len(), 2);
}

#[test]
fn empty_headings_are_skipped_with_a_warning() {
    let (body, diags) = run("# A\n\n# +\n\nhttps://a.org/\n\n#\n");
    assert_eq!(body.sections.len(), 1);
    assert_eq!(body.citations[0].section, Some(0));
    let lines: Vec<_> = diags.iter().map(|d| (d.line, &d.kind)).collect();
    let empty = &DiagnosticKind::EmptyHeading;
    assert_eq!(lines, [(Some(3), empty), (Some(7), empty)]);
}

#[test]
fn kramdown_toc_lines_leave_no_trace() {
    let text = "* toc\n{:toc}\n\n# A\n{: .note}\nhttps://a.org/\n\nText {:not-a-line} stays\n";
    let (body, _) = run(text);
    assert_eq!(body.sections.len(), 1);
    assert_eq!(body.sections[0].heading, "A");
    assert_eq!(raws(&body), ["https://a.org/"]);
    assert_eq!(body.citations[0].line, 6);
    let crlf = "* toc\r\n{:toc}\r\nx {:y}\r\n  {: .a} \r\n* toc";
    let blanked = "     \r\n      \r\nx {:y}\r\n         \r\n     ";
    let blank = |s: &'static str| blank_kramdown_lines(s, LineIndex::new(s).line_starts());
    assert_eq!(blank(crlf), blanked);
    assert!(matches!(blank("no {:x} here\n"), Cow::Borrowed(_)));
}

#[test]
fn a_bom_does_not_hide_a_kramdown_toc_on_the_first_line() {
    let text = "\u{feff}* toc\nhttps://a.org/\n---\n";
    let mut diags = Vec::new();
    let with_bom = extract_body(
        "p.md",
        "p.md",
        text,
        3,
        &BodySettings::default(),
        &mut diags,
    );
    let (without, _) = run(&text[3..]);
    assert_eq!(with_bom.sections, without.sections);
    assert_eq!(with_bom.sections[0].heading, "https://a.org/");
}

#[test]
fn lines_count_from_the_top_of_the_file() {
    let text = "---\ntitle: t\n---\n\n# A\n\nhttps://a.org/\n";
    let mut diags = Vec::new();
    let body = extract_body(
        "p.md",
        "p.md",
        text,
        16,
        &BodySettings::default(),
        &mut diags,
    );
    assert_eq!(body.sections[0].line, 5);
    assert_eq!(body.citations[0].line, 7);
}

#[test]
fn odd_wechat_ids_warn_on_their_line() {
    let (body, diags) = run("x\n\nhttps://mp.weixin.qq.com/s/tooShort\n");
    assert_eq!(body.citations[0].key, "https://mp.weixin.qq.com/s/tooShort");
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].line, Some(3));
}

#[test]
fn unterminated_fences_warn_once_on_their_opening_line() {
    let cases: &[(&str, Option<usize>)] = &[
        ("# A\n\n```sh\ncode https://x.org/\n", Some(3)),
        ("# A\n\n~~~~\ncode\n~~~\n", Some(3)),
        ("text\n\n```", Some(3)),
        ("```\ncode\n```", None),
        ("```\ncode\n```\n\n", None),
        ("~~~\ncode\n~~~~~\nafter\n", None),
        ("> ```\n> code\n> ```\n", None),
        ("> ```\n> code\n\nafter the quote\n", None),
        ("- ```\n  code\n", Some(1)),
        ("    indented code\n", None),
    ];
    for (text, line) in cases {
        let (body, diags) = run(text);
        let got: Vec<_> = diags.iter().map(|d| d.line).collect();
        let want: Vec<_> = line.iter().map(|&l| Some(l)).collect();
        assert_eq!(got, want, "{text:?}");
        assert!(body.citations.is_empty(), "{text:?}");
        if let Some(d) = diags.first() {
            assert_eq!(
                d.message(),
                "unterminated code fence: the rest of the post is read as code"
            );
        }
    }
}

#[test]
fn captions_keep_zero_width_joiners() {
    let (body, _) = run("https://a.org/\n\n👩\u{200d}👩\u{200d}👧 می\u{200c}خواهم\u{200b}\n");
    assert_eq!(
        body.citations[0].label.as_deref(),
        Some("👩\u{200d}👩\u{200d}👧 می\u{200c}خواهم")
    );
}

#[test]
fn hostile_input_does_not_panic() {
    let inputs = [
        "",
        "\u{feff}",
        "[",
        "![",
        "[a](",
        "<http://",
        "# \n##\n###### +",
        "$$\n",
        "{%",
        "{% post_url %}",
        "```\nhttps://a.org",
        "| a | https://b.org/ |\n|---|---|\n| https://c.org/x | d |\n",
        "[^1]\n\n[^1]: https://foot.org/\n",
        "http://[::1\n",
        "https://例子.测试/路径\n",
        "😀https://a.org/😀\n",
    ];
    for text in inputs {
        let _ = run(text);
    }
    let (body, _) = run("| a | https://b.org/ |\n|---|---|\n| https://c.org/x | d |\n\n[^1]\n\n[^1]: https://foot.org/\n");
    assert_eq!(
        raws(&body),
        ["https://b.org/", "https://c.org/x", "https://foot.org/"]
    );
}
