//! Tests of how the body pass records links between notes: wikilinks, embeds, content paths,
//! and relative links that leave the input folder.

use super::*;
use crate::extract::record::LinkKind;

fn body_of(post_path: &str, text: &str) -> Body {
    let mut diagnostics = Vec::new();
    let body = extract_body(
        post_path,
        post_path,
        text,
        0,
        &Default::default(),
        &mut diagnostics,
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    body
}

/// Each link as `(target, alternative, embed, line)`, wikilinks only.
fn wikilinks(body: &Body) -> Vec<(&str, Option<&str>, bool, usize)> {
    body.post_links
        .iter()
        .filter_map(|l| match &l.kind {
            LinkKind::Wiki { alternative } => {
                Some((l.target.as_str(), alternative.as_deref(), l.embed, l.line))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn wikilinks_and_embeds_outside_code() {
    let text = "See [[Note]], [[Other Note|shown]] and [[Note#Part]].\n\n\
                ![[Embedded]] ![[photo.png|100x145]] [[#Same note]]\n\n\
                `[[in code]]`\n\n```\n[[in a block]]\n```\n\n\
                | a | b |\n|---|---|\n| [[Tabled\\|label]] | x |\n\n\
                [[label|dendron://vault/a.b.c#anchor]] [[site|https://example.org/x]]\n";
    let body = body_of("notes/x.md", text);
    assert_eq!(
        wikilinks(&body),
        [
            ("Note", None, false, 1),
            ("Other Note", Some("shown"), false, 1),
            ("Note", None, false, 1),
            ("Embedded", None, true, 3),
            ("photo.png", Some("100x145"), true, 3),
            ("Tabled", Some("label"), false, 13),
            ("label", Some("a.b.c"), false, 15),
        ]
    );
    let cited: Vec<_> = body
        .citations
        .iter()
        .map(|c| (c.raw.as_str(), c.label.as_deref()))
        .collect();
    assert_eq!(cited, [("https://example.org/x", Some("site"))]);
}

#[test]
fn zola_and_hugo_content_paths() {
    let text = "[a](@/blog/first.md#x) and [b]({{< ref \"docs/b.md\" >}}) and\n\
                {{< relref \"/c\" >}} but not `{{< ref \"code.md\" >}}`\n";
    let body = body_of("x.md", text);
    let content: Vec<(&str, usize)> = body
        .post_links
        .iter()
        .filter(|l| l.kind == LinkKind::Content)
        .map(|l| (l.target.as_str(), l.line))
        .collect();
    assert_eq!(
        content,
        [("@/blog/first.md#x", 1), ("docs/b.md", 1), ("/c", 2)]
    );
}

#[test]
fn links_out_of_the_input_folder_cite_resources() {
    let text = "The [String](../../std/string/struct.String.html#x) type, the [guide](../../CONTRIBUTING.md),\n\
                a [sibling](../other.md) and [Note B](<Note B.md>).\n";
    let body = body_of("dev/ch01.md", text);
    let cited: Vec<(&str, &str, Option<&str>, usize)> = body
        .citations
        .iter()
        .map(|c| (c.key.as_str(), c.raw.as_str(), c.label.as_deref(), c.line))
        .collect();
    assert_eq!(
        cited,
        [
            (
                "../std/string/struct.String.html",
                "../../std/string/struct.String.html#x",
                Some("String"),
                1
            ),
            (
                "../CONTRIBUTING.md",
                "../../CONTRIBUTING.md",
                Some("guide"),
                1
            ),
        ]
    );
    let links: Vec<&str> = body.post_links.iter().map(|l| l.target.as_str()).collect();
    assert_eq!(links, ["../other.md", "Note B.md"]);
}
