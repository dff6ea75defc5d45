//! The one Markdown pass over a post's body: sections, cited URLs with their captions, links between posts.
//!
//! pulldown-cmark reports code, math and HTML as their own events, so nothing inside them is ever scanned.
//! Bare URLs are looked for in the *source* of each run of prose (text and emphasis, up to the next line
//! break, code span, math, HTML or link): the parser cuts text at would-be emphasis delimiters, and a WeChat
//! id like `/s/_d_-x` even becomes emphasis, so the text events alone would lose URLs. Plain text for
//! headings and captions comes from the merged text events (`TextMergeWithOffset`). kramdown's `* toc` and
//! `{:…}` attribute lines are blanked first.
//!
//! The blog idiom "a paragraph holding only a URL, then a short line describing it" makes that line the
//! resource's caption.

mod kramdown;
mod labels;
#[cfg(test)]
mod link_tests;
mod references;
mod tags;
#[cfg(test)]
mod tests;
mod title;
mod wikilink;

use std::ops::Range;

use pulldown_cmark::{
    CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd, TextMergeWithOffset,
};

use super::lines::LineIndex;
use super::outline::{Added, Outline};
use super::record::{Citation, PostLink, Section};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use kramdown::blank_kramdown_lines;
use tags::InlineTags;
use title::OpeningTitle;
pub(crate) use title::{BodyMetadata, BodySettings};

/// What the body pass yields.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub(crate) sections: Vec<Section>,
    pub(crate) citations: Vec<Citation>,
    pub(crate) post_links: Vec<PostLink>,
    /// The opening H1, when asked for and there is one.
    pub(crate) title: Option<String>,
    /// Inline `#tags`, when asked for.
    pub(crate) tags: Vec<String>,
}

/// The body of `p.md` (the whole text) read with `metadata` and no other settings, for the
/// unit tests of the pass's parts.
#[cfg(test)]
pub(super) fn body_of(text: &str, metadata: BodyMetadata) -> (Body, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let settings = BodySettings {
        metadata,
        ..BodySettings::default()
    };
    let body = extract_body("p.md", "p.md", text, 0, &settings, &mut diagnostics);
    (body, diagnostics)
}

/// Reads the body of `text`, which starts at byte `body_offset`; lines count from the top of the file.
/// `path` names the post in diagnostics; `post_path` is its path relative to the input folder,
/// which relative links are read from.
pub(crate) fn extract_body(
    path: &str,
    post_path: &str,
    text: &str,
    body_offset: usize,
    settings: &BodySettings<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Body {
    let (site_hosts, metadata) = (settings.site_hosts, settings.metadata);
    let lines = LineIndex::new(text);
    let body = text.get(body_offset..).unwrap_or_default();
    // The body's first line starts at 0 even when the body does not start a line of the file
    // (after a BOM).
    let body_starts = std::iter::once(0).chain(
        lines
            .line_starts()
            .filter_map(|s| s.checked_sub(body_offset))
            .filter(|&s| s > 0 && s < body.len()),
    );
    let body = blank_kramdown_lines(body, body_starts);
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_MATH);
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    options.insert(Options::ENABLE_WIKILINKS);
    let mut walker = Walker {
        path,
        post_path,
        body: &body,
        run: None,
        base: body_offset,
        lines: &lines,
        site_hosts,
        outline: Outline::new(settings.generic_keys),
        citations: Vec::new(),
        post_links: Vec::new(),
        diagnostics,
        code_depth: 0,
        heading: None,
        para: None,
        after_url_para: None,
        link: None,
        image: None,
        spare: String::new(),
        opening_title: OpeningTitle::new(metadata.title_from_heading),
        inline_tags: InlineTags::new(metadata.inline_tags),
    };
    let events = TextMergeWithOffset::new(Parser::new_ext(&body, options).into_offset_iter());
    for (event, range) in events {
        walker.handle(event, range);
    }
    walker.flush_run();
    Body {
        sections: walker.outline.finish(),
        citations: walker.citations,
        post_links: walker.post_links,
        title: walker.opening_title.finish(),
        tags: walker.inline_tags.finish(),
    }
}

#[derive(Debug)]
struct HeadingState {
    level: u8,
    line: usize,
    text: String,
    citations: Vec<usize>,
    post_links: Vec<usize>,
    /// The body opens with this H1, which may be the title.
    opens_body: bool,
}

#[derive(Debug, Default)]
struct Para {
    /// Byte range of the paragraph in the body.
    source: Range<usize>,
    /// How the first URL cited in the paragraph reads: the URL itself, or its link text.
    first_visible: Option<String>,
    /// Plain text: inline formatting dropped, code and math kept.
    text: String,
    /// The URL-only paragraph just before this one, whose caption this may be.
    caption_for: Option<usize>,
    citations: usize,
    first_citation: Option<usize>,
    post_links: usize,
    images: usize,
    multiline: bool,
}

#[derive(Debug)]
struct Span {
    dest: String,
    link_type: LinkType,
    text: String,
    offset: usize,
    /// Byte range of the whole link in the body (a wikilink is read from its source).
    source: Range<usize>,
}

struct Walker<'a, 'o> {
    path: &'a str,
    /// The post's path relative to its input folder.
    post_path: &'a str,
    /// The body, kramdown lines blanked.
    body: &'a str,
    /// The run of prose not yet scanned for bare URLs: a byte range of the body.
    run: Option<Range<usize>>,
    /// Byte offset of the body in the file.
    base: usize,
    lines: &'a LineIndex,
    site_hosts: &'o [String],
    outline: Outline<'o>,
    citations: Vec<Citation>,
    post_links: Vec<PostLink>,
    diagnostics: &'a mut Vec<Diagnostic>,
    code_depth: usize,
    heading: Option<HeadingState>,
    para: Option<Para>,
    /// Set right after a paragraph holding only a URL: that citation's index.
    after_url_para: Option<usize>,
    link: Option<Span>,
    image: Option<Span>,
    /// A cleared buffer for the next paragraph's text, to save allocations.
    spare: String,
    opening_title: OpeningTitle,
    inline_tags: InlineTags,
}

impl Walker<'_, '_> {
    fn line_of(&self, body_offset: usize) -> usize {
        self.lines.line_of(self.base + body_offset)
    }

    fn handle(&mut self, event: Event<'_>, range: Range<usize>) {
        let inside_run = matches!(
            event,
            Event::Text(_)
                | Event::Start(
                    Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Superscript
                        | Tag::Subscript
                )
                | Event::End(
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Superscript
                        | TagEnd::Subscript
                )
        );
        if !inside_run {
            self.flush_run();
        }
        let offset = range.start;
        let url_para = self.after_url_para.take();
        let opens_body = self.opening_title.opens_with_title(&event);
        match event {
            Event::Start(Tag::Paragraph) => {
                self.para = Some(Para {
                    text: std::mem::take(&mut self.spare),
                    source: range,
                    caption_for: url_para,
                    ..Para::default()
                });
            }
            Event::End(TagEnd::Paragraph) => self.end_paragraph(),
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some(HeadingState {
                    level: level as u8,
                    line: self.line_of(offset),
                    text: String::new(),
                    citations: Vec::new(),
                    post_links: Vec::new(),
                    opens_body,
                });
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(Tag::CodeBlock(kind)) => {
                self.code_depth += 1;
                if matches!(kind, CodeBlockKind::Fenced(_)) && self.runs_unclosed_to_the_end(&range)
                {
                    self.diagnostics.push(Diagnostic::warning(
                        self.path,
                        Some(self.line_of(offset)),
                        DiagnosticKind::UnterminatedCodeFence,
                    ));
                }
            }
            Event::End(TagEnd::CodeBlock) => self.code_depth = self.code_depth.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                self.link = Some(Span {
                    dest: dest_url.into_string(),
                    link_type,
                    text: String::new(),
                    offset,
                    source: range,
                });
            }
            Event::End(TagEnd::Link) => {
                self.show_wikilink_label();
                self.end_link();
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => {
                if let Some(p) = self.para.as_mut() {
                    p.images += 1;
                }
                self.image = Some(Span {
                    dest: dest_url.into_string(),
                    link_type,
                    text: String::new(),
                    offset,
                    source: range,
                });
            }
            Event::End(TagEnd::Image) => self.end_image(),
            Event::Text(text) => {
                if self.code_depth > 0 {
                    return;
                }
                self.push_text(&text);
                if self.link.is_none() && self.image.is_none() {
                    let before = self.body[..range.start].chars().next_back();
                    self.inline_tags.scan(&self.body[range.clone()], before);
                    self.run = Some(match self.run.take() {
                        Some(run) => run.start..range.end,
                        None => range,
                    });
                }
            }
            Event::Code(code) => self.push_text(&code),
            Event::InlineMath(math) => self.push_math(&math, "$"),
            Event::DisplayMath(math) => self.push_math(&math, "$$"),
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = self.para.as_mut() {
                    p.multiline = true;
                }
                self.push_text(" ");
            }
            _ => {}
        }
    }

    /// Whether the fenced code block at `range` has no closing fence and so swallows the rest of
    /// the post. A block that a container (list item, quote) closes before the end is not flagged.
    fn runs_unclosed_to_the_end(&self, range: &Range<usize>) -> bool {
        let Some(block) = self.body.get(range.clone()) else {
            return false;
        };
        if range.end < self.body.trim_end().len() {
            return false;
        }
        let mut lines = block.trim_end().lines();
        let opening = lines.next().unwrap_or_default().trim_start();
        let Some(fence) = opening.chars().next().filter(|c| matches!(c, '`' | '~')) else {
            return false;
        };
        let width = opening.chars().take_while(|&c| c == fence).count();
        let Some(last) = lines.next_back() else {
            return true;
        };
        let last = last.trim_start_matches([' ', '\t', '>']).trim_end();
        let closes = last.chars().count() >= width && last.chars().all(|c| c == fence);
        !closes
    }

    /// Adds plain text to whatever is collecting it: heading, paragraph, link text, image alt.
    fn push_text(&mut self, text: &str) {
        if let Some(h) = self.heading.as_mut() {
            h.text.push_str(text);
        }
        if let Some(p) = self.para.as_mut() {
            p.text.push_str(text);
        }
        if let Some(l) = self.link.as_mut() {
            l.text.push_str(text);
        }
        if let Some(i) = self.image.as_mut() {
            i.text.push_str(text);
        }
    }

    fn push_math(&mut self, math: &str, delimiter: &str) {
        for part in [delimiter, math, delimiter] {
            self.push_text(part);
        }
    }

    fn end_heading(&mut self) {
        let Some(h) = self.heading.take() else {
            return;
        };
        let text = labels::without_shortcodes(&h.text);
        let is_title = h.opens_body && self.opening_title.take(&text);
        if !is_title && self.outline.add_heading(&text, h.level, h.line) == Added::Empty {
            self.diagnostics.push(Diagnostic::warning(
                self.path,
                Some(h.line),
                DiagnosticKind::EmptyHeading,
            ));
        }
        // Anything cited in the heading itself belongs to the topic it opens.
        let section = self.outline.current();
        for &i in &h.citations {
            self.citations[i].section = section;
        }
        for &i in &h.post_links {
            self.post_links[i].section = section;
        }
    }
}
