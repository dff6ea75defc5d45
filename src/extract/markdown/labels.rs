//! How a resource gets its label: a link's text, or the caption line under a paragraph that
//! holds only its URL (the blog idiom); and the visible text of labels and headings, without
//! markup (Hugo shortcodes, a Dendron wikilink's note path).

use std::borrow::Cow;

use pulldown_cmark::LinkType;

use super::{Para, Walker};
use crate::extract::record::LabelSource;
use crate::extract::urls::is_lone_url;
use crate::text::has_visible_text;

/// Longest caption line, in characters.
pub(super) const MAX_CAPTION_CHARS: usize = 200;

impl Walker<'_, '_> {
    /// Closes a paragraph: it may caption the URL-only paragraph before it, or be one itself.
    pub(super) fn end_paragraph(&mut self) {
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

impl Walker<'_, '_> {
    /// Before a wikilink in a heading closes: Dendron's `[[label|note.path]]` shows its label, not
    /// the note's path (the parser takes the right side as the text, as Obsidian writes it).
    pub(super) fn show_wikilink_label(&mut self) {
        let (Some(link), Some(heading)) = (self.link.as_ref(), self.heading.as_mut()) else {
            return;
        };
        if !matches!(link.link_type, LinkType::WikiLink { .. }) {
            return;
        }
        let shown = link.text.as_str();
        if names_a_note(shown) && !names_a_note(&link.dest) && heading.text.ends_with(shown) {
            heading.text.truncate(heading.text.len() - shown.len());
            heading.text.push_str(&link.dest);
        }
    }
}

/// A note's path rather than words: one token with a dot, slash, anchor or scheme in it.
fn names_a_note(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && !text.contains(char::is_whitespace) && text.contains(['.', '/', '#'])
}

/// `text` without Hugo shortcodes (`{{< img … >}}`, `{{% note %}}`), which render as something
/// else than their source; a shortcode whose `<…>` the parser took for HTML leaves an empty
/// `{{}}`, dropped too.
pub(super) fn without_shortcodes(text: &str) -> Cow<'_, str> {
    if !text.contains("{{") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let close = match after.trim_start().chars().next() {
            Some('<') => after.find(">}}").map(|end| end + 3),
            Some('%') => after.find("%}}").map(|end| end + 3),
            Some('}') => after.find("}}").map(|end| end + 2),
            _ => None,
        };
        match close {
            Some(end) => rest = &after[end..],
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The caption a paragraph gives the URL above it: one short line of plain text, no URL. A line ending in a
/// colon (`参考：`) introduces what follows instead, a numbered step (`2.修改配置`) continues a list, and
/// several sentences (a `。` before the end) are commentary, not a title.
fn caption_of(para: &Para) -> Option<String> {
    if para.multiline || para.citations > 0 || para.post_links > 0 || para.images > 0 {
        return None;
    }
    let text = collapse(&without_shortcodes(&para.text));
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
pub(super) fn label_of(text: &str, dest: &str) -> Option<String> {
    let text = collapse(&without_shortcodes(text));
    let lower = text.to_ascii_lowercase();
    let is_url =
        text == dest.trim() || lower.starts_with("http://") || lower.starts_with("https://");
    (has_visible_text(&text) && !is_url).then_some(text)
}

/// Trims, collapses inner whitespace to one space, and drops zero-width spaces and stray BOMs.
///
/// Zero-width joiners and non-joiners stay: emoji sequences (👩‍👩‍👧) and Persian or Indic
/// spelling need them.
pub(super) fn collapse(text: &str) -> String {
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

    #[test]
    fn shortcodes_are_no_visible_text() {
        let cases = [
            ("{{< img src=\"a.png\" >}}", ""),
            ("Intro {{% note %}}here{{% /note %}}", "Intro here"),
            ("{{}} left by HTML", " left by HTML"),
            ("{{fm.title}}: a template", "{{fm.title}}: a template"),
            ("set {{ unclosed", "set {{ unclosed"),
            ("{{< broken", "{{< broken"),
        ];
        for (text, visible) in cases {
            assert_eq!(without_shortcodes(text), visible, "{text:?}");
        }
        assert_eq!(
            label_of("{{< img src=\"a.png\" >}}", "https://a.example"),
            None
        );
    }

    #[test]
    fn headings_show_visible_text_only() {
        let text = "## Pruning in [[docs|dendron.topic.publish]] {{< img src=\"a.png\" >}}\n\n\
                    ## {{< figure src=\"b.png\" >}}\n\n\
                    ## [[Note Title]] and `Result<T, E>`\n";
        let (body, diagnostics) = super::super::body_of(text, Default::default());
        let headings: Vec<_> = body.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings, ["Pruning in docs", "Note Title and Result<T, E>"]);
        assert_eq!(body.sections[0].key, "pruning in docs");
        // The heading that is only a shortcode is skipped, as an empty heading is.
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    }

    #[test]
    fn note_paths_are_told_from_words() {
        assert!(names_a_note("dendron.topic.publish"));
        assert!(names_a_note("dendron://vault/note"));
        assert!(names_a_note("status#pruning"));
        assert!(!names_a_note("published notes"));
        assert!(!names_a_note("docs"));
    }
}
