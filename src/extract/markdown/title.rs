//! The title a note opens with: an H1 that is the first block of the body (after front matter,
//! blank lines and HTML that shows nothing, such as mdBook's `<!-- Old headings -->` comments and
//! `<a id="…"></a>` anchors) is the post's title, not a topic, when the front matter gives none.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use crate::extract::outline::{Added, Outline};

/// How the body pass reads a post: what it takes as generic headings and as the site's own
/// hosts, and what it finds besides sections, resources and links.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BodySettings<'a> {
    /// Keys of the headings that name no topic of their own.
    pub(crate) generic_keys: &'a [String],
    /// Hosts of the site itself: absolute links to them are links between posts.
    pub(crate) site_hosts: &'a [String],
    /// The title and tags to look for.
    pub(crate) metadata: BodyMetadata,
}

/// What the body pass is asked to find besides sections, resources and links.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct BodyMetadata {
    /// Take an opening H1 as the title (the front matter has none).
    pub(crate) title_from_heading: bool,
    /// Collect inline `#tags`.
    pub(crate) inline_tags: bool,
}

/// Watches for the opening H1 and keeps its text.
#[derive(Debug)]
pub(super) struct OpeningTitle {
    wanted: bool,
    /// Something visible came: the body's opening is past.
    opened: bool,
    /// Inside an HTML comment that spans lines of an HTML block.
    in_comment: bool,
    title: Option<String>,
}

impl OpeningTitle {
    pub(super) fn new(wanted: bool) -> Self {
        OpeningTitle {
            wanted,
            opened: false,
            in_comment: false,
            title: None,
        }
    }

    /// Shown every event in order: whether this one starts the opening H1.
    pub(super) fn opens_with_title(&mut self, event: &Event<'_>) -> bool {
        if self.opened {
            return false;
        }
        // `<a id="x"></a>` alone on a line is a paragraph of inline HTML, not an HTML block.
        match event {
            Event::Start(Tag::HtmlBlock | Tag::Paragraph)
            | Event::End(TagEnd::HtmlBlock | TagEnd::Paragraph) => return false,
            Event::Html(html) | Event::InlineHtml(html) if self.shows_nothing(html) => {
                return false
            }
            _ => self.opened = true,
        }
        self.wanted
            && matches!(
                event,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                })
            )
    }

    /// Whether a line of an HTML block is only comments, tags of elements that show nothing
    /// when empty (anchors, spans, divisions) and whitespace.
    fn shows_nothing(&mut self, mut html: &str) -> bool {
        loop {
            if self.in_comment {
                match html.find("-->") {
                    Some(end) => {
                        html = &html[end + 3..];
                        self.in_comment = false;
                    }
                    None => return true,
                }
            }
            let rest = html.trim_start();
            if rest.is_empty() {
                return true;
            }
            if let Some(comment) = rest.strip_prefix("<!--") {
                html = comment;
                self.in_comment = true;
            } else if is_empty_element_tag(rest) {
                match rest.find('>') {
                    Some(end) => html = &rest[end + 1..],
                    None => return false,
                }
            } else {
                return false;
            }
        }
    }

    /// Takes the opening H1's plain `text` as the title; `false` when it has no visible text (it
    /// is then an empty heading like any other).
    pub(super) fn take(&mut self, text: &str) -> bool {
        // What the outline would skip as empty (`#`, `# +`) stays a heading, warned about.
        if Outline::new(&[]).add_heading(text, 1, 0) == Added::Empty {
            return false;
        }
        let title = text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.title = Some(title);
        true
    }

    /// The title, if the body opened with one.
    pub(super) fn finish(self) -> Option<String> {
        self.title
    }
}

/// Whether `html` starts with an opening or closing `a`, `span` or `div` tag.
fn is_empty_element_tag(html: &str) -> bool {
    let name = html.trim_start_matches('<').trim_start_matches('/');
    let name_end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    ["a", "span", "div"]
        .iter()
        .any(|tag| name[..name_end].eq_ignore_ascii_case(tag))
}

#[cfg(test)]
mod tests {
    use super::super::{body_of, extract_body, Body, BodyMetadata};
    use crate::diagnostic::Diagnostic;

    fn run(text: &str) -> (Body, Vec<Diagnostic>) {
        let metadata = BodyMetadata {
            title_from_heading: true,
            inline_tags: false,
        };
        body_of(text, metadata)
    }

    fn headings(body: &Body) -> Vec<&str> {
        body.sections.iter().map(|s| s.heading.as_str()).collect()
    }

    #[test]
    fn an_opening_h1_is_the_title_and_no_topic() {
        let (body, _) = run("\n\n#   The  Title \n\nText\n\n## Part\n");
        assert_eq!(body.title.as_deref(), Some("The Title"));
        assert_eq!(headings(&body), ["Part"]);
        assert_eq!(body.sections[0].parent, None);
        let (setext, _) = run("Setext title\n===\n\ntext\n");
        assert_eq!(setext.title.as_deref(), Some("Setext title"));
    }

    #[test]
    fn invisible_html_may_come_first() {
        let text = "<!-- Old headings. -->\n\n<a id=\"old\"></a>\n\n<!--\nmore\n-->\n\n# Chapter\n";
        let (body, _) = run(text);
        assert_eq!(body.title.as_deref(), Some("Chapter"));
        assert!(body.sections.is_empty());
    }

    #[test]
    fn an_h1_after_anything_visible_is_a_topic() {
        for text in [
            "Intro\n\n# Later\n",
            "## Section\n\n# Later\n",
            "<img src=\"x.png\">\n\n# Later\n",
            "- item\n\n# Later\n",
        ] {
            let (body, _) = run(text);
            assert_eq!(body.title, None, "{text:?}");
            assert!(headings(&body).contains(&"Later"), "{text:?}");
        }
    }

    #[test]
    fn an_empty_opening_h1_stays_an_empty_heading() {
        let (body, diags) = run("# +\n\n# Real\n");
        assert_eq!(body.title, None);
        assert_eq!(headings(&body), ["Real"]);
        assert_eq!(diags.len(), 1);
    }

    #[test]
    fn not_asked_the_h1_is_a_topic() {
        let mut diags = Vec::new();
        let body = extract_body(
            "p.md",
            "p.md",
            "# T
",
            0,
            &Default::default(),
            &mut diags,
        );
        assert_eq!(
            (body.title, headings_of(&body.sections)),
            (None, vec!["T".to_string()])
        );
    }

    fn headings_of(sections: &[crate::extract::record::Section]) -> Vec<String> {
        sections.iter().map(|s| s.heading.clone()).collect()
    }
}
