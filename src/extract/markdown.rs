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

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{
    CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd, TextMergeWithOffset,
};

use super::canonical::canonical_url;
use super::has_visible_text;
use super::lines::LineIndex;
use super::outline::{Added, Outline};
use super::record::{Citation, LabelSource, PostLink, Section};
use super::target::{classify_target, liquid_post_name, site_path, Target};
use super::urls::{find_urls, is_lone_url};
use crate::diagnostic::Diagnostic;

/// Longest caption line, in characters.
const MAX_CAPTION_CHARS: usize = 200;

/// What the body pass yields.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub(crate) sections: Vec<Section>,
    pub(crate) citations: Vec<Citation>,
    pub(crate) post_links: Vec<PostLink>,
}

/// Reads the body of `text`, which starts at byte `body_offset`; lines count from the top of the file.
pub(crate) fn extract_body(
    path: &str,
    text: &str,
    body_offset: usize,
    generic_keys: &[String],
    site_hosts: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Body {
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
    let mut walker = Walker {
        path,
        body: &body,
        run: None,
        base: body_offset,
        lines: &lines,
        site_hosts,
        outline: Outline::new(generic_keys),
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
    }
}

/// Replaces kramdown's `* toc` and `{:…}` lines with spaces, keeping every byte offset. `line_starts` are
/// the byte offsets where the lines of `body` start.
fn blank_kramdown_lines(body: &str, line_starts: impl Iterator<Item = usize>) -> Cow<'_, str> {
    let bytes = body.as_bytes();
    let mut blanks: Vec<Range<usize>> = Vec::new();
    for start in line_starts {
        // Cheap test on the first non-blank byte before looking at the whole line.
        let first = bytes[start.min(bytes.len())..]
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t'));
        if !matches!(first, Some(b'{' | b'*')) {
            continue;
        }
        let end = body[start..].find('\n').map_or(body.len(), |i| start + i);
        let line = body[start..end].trim_end_matches('\r');
        let t = line.trim();
        if t == "* toc" || (t.starts_with("{:") && t.ends_with('}')) {
            blanks.push(start..start + line.len());
        }
    }
    if blanks.is_empty() {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    let mut done = 0;
    for range in blanks {
        out.push_str(&body[done..range.start]);
        out.extend(std::iter::repeat_n(' ', range.len()));
        done = range.end;
    }
    out.push_str(&body[done..]);
    Cow::Owned(out)
}

#[derive(Debug)]
struct HeadingState {
    level: u8,
    line: usize,
    text: String,
    citations: Vec<usize>,
    post_links: Vec<usize>,
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
}

struct Walker<'a, 'o> {
    path: &'a str,
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
                        "unterminated code fence: the rest of the post is read as code",
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
                });
            }
            Event::End(TagEnd::Link) => self.end_link(),
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
                });
            }
            Event::End(TagEnd::Image) => self.end_image(),
            Event::Text(text) => {
                if self.code_depth > 0 {
                    return;
                }
                self.push_text(&text);
                if self.link.is_none() && self.image.is_none() {
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

    /// Scans the pending run of prose for bare URLs and `{% post_url %}` tags.
    fn flush_run(&mut self) {
        let Some(run) = self.run.take() else {
            return;
        };
        let body = self.body;
        let Some(text) = body.get(run.clone()) else {
            return;
        };
        for range in find_urls(text) {
            let raw = unescape(&text[range.clone()]);
            let line = self.line_of(run.start + range.start);
            match site_path(&raw, self.site_hosts) {
                Some(target) => self.add_post_link(target, line),
                None => self.add_citation(&raw, None, raw.to_string(), line),
            }
        }
        let mut from = 0;
        while let Some(start) = text.get(from..).and_then(|t| t.find('{')).map(|i| from + i) {
            if !text[start..].starts_with("{%") {
                from = start + 1;
                continue;
            }
            let Some(end) = text[start..].find("%}").map(|i| start + i + 2) else {
                break;
            };
            if let Some(name) = liquid_post_name(&text[start..end]) {
                let line = self.line_of(run.start + start);
                self.add_post_link(name.to_string(), line);
            }
            from = end;
        }
    }

    /// Records a citation of `raw`; `visible` is how it reads in the text (the URL, or its link text).
    fn add_citation(&mut self, raw: &str, label: Option<String>, visible: String, line: usize) {
        let canonical = canonical_url(raw);
        if let Some(warning) = canonical.warning {
            self.diagnostics
                .push(Diagnostic::warning(self.path, Some(line), warning));
        }
        let index = self.citations.len();
        self.citations.push(Citation {
            key: canonical.key,
            raw: raw.to_string(),
            host: canonical.host,
            label,
            label_source: LabelSource::LinkText,
            section: self.outline.current(),
            line,
        });
        if let Some(h) = self.heading.as_mut() {
            h.citations.push(index);
        }
        if let Some(p) = self.para.as_mut() {
            p.citations += 1;
            if p.first_citation.is_none() {
                p.first_citation = Some(index);
                p.first_visible = Some(visible);
            }
        }
    }

    fn add_post_link(&mut self, target: String, line: usize) {
        let index = self.post_links.len();
        self.post_links.push(PostLink {
            target,
            section: self.outline.current(),
            line,
        });
        if let Some(h) = self.heading.as_mut() {
            h.post_links.push(index);
        }
        if let Some(p) = self.para.as_mut() {
            p.post_links += 1;
        }
    }

    fn end_link(&mut self) {
        let Some(link) = self.link.take() else {
            return;
        };
        let line = self.line_of(link.offset);
        if link.link_type == LinkType::Email {
            return;
        }
        if link.dest.trim().is_empty() {
            self.diagnostics.push(Diagnostic::warning(
                self.path,
                Some(line),
                format!("link `{}` has an empty target", collapse(&link.text)),
            ));
            return;
        }
        match classify_target(&link.dest, self.site_hosts) {
            Target::External(url) => {
                let label = label_of(&link.text, &link.dest);
                self.add_citation(&url, label, link.text, line);
            }
            Target::Post(target) => self.add_post_link(target, line),
            Target::Ignored => {}
        }
    }

    /// External images are resources labelled by their alt text; site images are ignored.
    fn end_image(&mut self) {
        let Some(image) = self.image.take() else {
            return;
        };
        if let Target::External(url) = classify_target(&image.dest, self.site_hosts) {
            let label = label_of(&image.text, &image.dest);
            let line = self.line_of(image.offset);
            self.add_citation(&url, label, String::new(), line);
        }
    }

    fn end_heading(&mut self) {
        let Some(h) = self.heading.take() else {
            return;
        };
        if self.outline.add_heading(&h.text, h.level, h.line) == Added::Empty {
            self.diagnostics.push(Diagnostic::warning(
                self.path,
                Some(h.line),
                "heading without text skipped",
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

    fn end_paragraph(&mut self) {
        let Some(para) = self.para.take() else {
            return;
        };
        if let Some(index) = para.caption_for {
            if let Some(caption) = caption_of(&para) {
                let citation = &mut self.citations[index];
                citation.label = Some(caption);
                citation.label_source = LabelSource::Caption;
            }
        }
        if let (1, 0, 0, Some(index), Some(visible)) = (
            para.citations,
            para.images,
            para.post_links,
            para.first_citation,
            &para.first_visible,
        ) {
            let source = self.body.get(para.source.clone()).unwrap_or_default();
            if is_lone_url(&para.text, visible) || is_lone_url(source, visible) {
                self.after_url_para = Some(index);
            }
        }
        self.spare = para.text;
        self.spare.clear();
    }
}

/// The caption a paragraph gives the URL above it: one short line of plain text, no URL. A line ending in a
/// colon (`参考：`) introduces what follows instead, a numbered step (`2.修改配置`) continues a list, and
/// several sentences (a `。` before the end) are commentary, not a title.
fn caption_of(para: &Para) -> Option<String> {
    if para.multiline || para.citations > 0 || para.post_links > 0 || para.images > 0 {
        return None;
    }
    let text = collapse(&para.text);
    let lower = text.to_ascii_lowercase();
    let ok = has_visible_text(&text)
        && text.chars().count() <= MAX_CAPTION_CHARS
        && !lower.contains("http://")
        && !lower.contains("https://")
        && !text.ends_with([':', '：'])
        && !text.trim_end_matches('。').contains('。')
        && !is_numbered_step(&text);
    ok.then_some(text)
}

/// `2.xxx`, `3)xxx`, `4、xxx` (but not `6.824` or `2017.1`).
fn is_numbered_step(text: &str) -> bool {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < text.len()
        && rest
            .strip_prefix(['.', ')', '）', '、'])
            .is_some_and(|after| !after.starts_with(|c: char| c.is_ascii_digit()))
}

/// A link's text as its label: none when empty or just a URL.
fn label_of(text: &str, dest: &str) -> Option<String> {
    let text = collapse(text);
    let lower = text.to_ascii_lowercase();
    let is_url =
        text == dest.trim() || lower.starts_with("http://") || lower.starts_with("https://");
    (has_visible_text(&text) && !is_url).then_some(text)
}

/// Removes Markdown's backslash escapes (`\_` → `_`) from a URL found in the source.
fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Trims, collapses inner whitespace to one space, and drops zero-width spaces and stray BOMs.
///
/// Zero-width joiners and non-joiners stay: emoji sequences (👩‍👩‍👧) and Persian or Indic
/// spelling need them.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .filter(|&c| !matches!(c, '\u{200b}' | '\u{feff}')),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let body = extract_body("p.md", text, 0, &generic, &hosts, &mut diags);
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
        assert_eq!(diags[0].message, "link `nothing` has an empty target");
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
        let lines: Vec<_> = diags.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            lines,
            [
                (Some(3), "heading without text skipped"),
                (Some(7), "heading without text skipped")
            ]
        );
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
        let with_bom = extract_body("p.md", text, 3, &[], &[], &mut diags);
        let (without, _) = run(&text[3..]);
        assert_eq!(with_bom.sections, without.sections);
        assert_eq!(with_bom.sections[0].heading, "https://a.org/");
    }

    #[test]
    fn lines_count_from_the_top_of_the_file() {
        let text = "---\ntitle: t\n---\n\n# A\n\nhttps://a.org/\n";
        let mut diags = Vec::new();
        let body = extract_body("p.md", text, 16, &[], &[], &mut diags);
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
                    d.message,
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
}
