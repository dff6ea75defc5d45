//! What the pass records: cited URLs (bare, linked or as images) and links between posts.

use std::borrow::Cow;

use pulldown_cmark::LinkType;

use super::labels::{collapse, label_of};
use super::wikilink::{parse_wikilink, web_address};
use super::{Span, Walker};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::extract::canonical::canonical_url;
use crate::extract::link_path::{join, percent_decoded, without_fragment, Joined};
use crate::extract::record::{Citation, LabelSource, LinkKind, PostLink};
use crate::extract::target::{classify_target, hugo_ref_path, liquid_post_name, site_path, Target};
use crate::extract::urls::find_urls;

impl Walker<'_, '_> {
    /// Scans the pending run of prose for bare URLs and `{% post_url %}` tags.
    pub(super) fn flush_run(&mut self) {
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
        self.find_hugo_refs(text, run.start);
    }

    /// Records Hugo's `{{< ref "path" >}}` and `{{< relref "path" >}}` in `text` (at `offset`).
    fn find_hugo_refs(&mut self, text: &str, offset: usize) {
        let mut from = 0;
        while let Some(start) = text
            .get(from..)
            .and_then(|t| t.find("{{"))
            .map(|i| from + i)
        {
            let Some(end) = text[start..].find("}}").map(|i| start + i + 2) else {
                break;
            };
            if let Some(path) = hugo_ref_path(&text[start..end]) {
                let line = self.line_of(offset + start);
                self.push_post_link(path.to_string(), line, LinkKind::Content, false);
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
        self.push_citation(canonical.key, canonical.host, raw, label, visible, line);
    }

    fn push_citation(
        &mut self,
        key: String,
        host: Option<String>,
        raw: &str,
        label: Option<String>,
        visible: String,
        line: usize,
    ) {
        let index = self.citations.len();
        self.citations.push(Citation {
            key,
            raw: raw.to_string(),
            host,
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
        self.push_post_link(target, line, LinkKind::Url, false);
    }

    fn push_post_link(&mut self, target: String, line: usize, kind: LinkKind, embed: bool) {
        let index = self.post_links.len();
        self.post_links.push(PostLink {
            target,
            section: self.outline.current(),
            line,
            kind,
            embed,
        });
        if let Some(h) = self.heading.as_mut() {
            h.post_links.push(index);
        }
        if let Some(p) = self.para.as_mut() {
            p.post_links += 1;
        }
    }

    pub(super) fn end_link(&mut self) {
        let Some(link) = self.link.take() else {
            return;
        };
        let line = self.line_of(link.offset);
        if link.link_type == LinkType::Email {
            return;
        }
        if matches!(link.link_type, LinkType::WikiLink { .. }) {
            return self.add_wikilink(&link, line);
        }
        if link.dest.trim().is_empty() {
            self.diagnostics.push(Diagnostic::warning(
                self.path,
                Some(line),
                DiagnosticKind::EmptyLinkTarget {
                    text: collapse(&link.text),
                },
            ));
            return;
        }
        match classify_target(&link.dest, self.site_hosts) {
            Target::External(url) => {
                let label = label_of(&link.text, &link.dest);
                self.add_citation(&url, label, link.text, line);
            }
            Target::Post(target) => self.add_site_link(target, &link, line),
            Target::Ignored => {}
        }
    }

    /// Records a link inside the site: Zola's `@/path` names a content file; a relative link
    /// that leaves the input folder (mdBook's sibling books, `../std/…`) cites a resource keyed
    /// by where it leads from that folder; anything else is a link to a post.
    fn add_site_link(&mut self, target: String, link: &Span, line: usize) {
        if target.starts_with("@/") {
            return self.push_post_link(target, line, LinkKind::Content, false);
        }
        if !target.starts_with('/') {
            let path = percent_decoded(without_fragment(&target));
            if let Joined::Outside(key) = join(self.post_path, &path) {
                let label = label_of(&link.text, &link.dest);
                return self.push_citation(key, None, &target, label, link.text.clone(), line);
            }
        }
        self.add_post_link(target, line);
    }

    /// External images are resources labelled by their alt text; site images are ignored.
    pub(super) fn end_image(&mut self) {
        let Some(image) = self.image.take() else {
            return;
        };
        if matches!(image.link_type, LinkType::WikiLink { .. }) {
            let line = self.line_of(image.offset);
            return self.add_wikilink(&image, line);
        }
        if let Target::External(url) = classify_target(&image.dest, self.site_hosts) {
            let label = label_of(&image.text, &image.dest);
            let line = self.line_of(image.offset);
            self.add_citation(&url, label, String::new(), line);
            if let Some(citation) = self.citations.last_mut() {
                citation.label_source = LabelSource::AltText;
            }
        }
    }
}

impl Walker<'_, '_> {
    /// Records a wikilink or embed, read from its source; links into the note itself are dropped.
    /// A wikilink that names a web address cites it.
    fn add_wikilink(&mut self, span: &Span, line: usize) {
        let body = self.body;
        let Some(source) = body.get(span.source.clone()) else {
            return;
        };
        if let Some((url, label)) = web_address(source) {
            let label = label.map(str::to_string);
            return self.add_citation(url, label, span.text.clone(), line);
        }
        let Some(link) = parse_wikilink(source) else {
            return;
        };
        let kind = LinkKind::Wiki {
            alternative: link.alternative,
        };
        self.push_post_link(link.target, line, kind, link.embed);
    }
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
