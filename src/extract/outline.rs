//! A post's outline: headings become topic sections with parents; generic headings (参考, Summary…) do not.
//!
//! A heading's identity key is its text without continuation markers (`+`, `（续）`, `(续)`), with whitespace
//! collapsed and ASCII lower-cased, so `# 协同过滤（续）` is the same topic as `# 协同过滤`. Content under a
//! generic heading belongs to the enclosing non-generic section. Generic headings are matched by their
//! [`template_key`], so `Example` and `Examples` are one.

use super::record::Section;
use crate::text::has_visible_text;

/// Builds the sections of one post, heading by heading.
#[derive(Debug)]
pub(crate) struct Outline<'g> {
    generic_keys: &'g [String],
    sections: Vec<Section>,
    /// Open headings, outermost first: level and section (`None` for a generic heading).
    open: Vec<(u8, Option<usize>)>,
}

/// What became of a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Added {
    /// A new section, with its index.
    Section(usize),
    /// A generic heading: no section of its own.
    Generic,
    /// No text once markers are removed: skipped.
    Empty,
}

impl<'g> Outline<'g> {
    /// An empty outline; `generic_keys` are already normalised by [`template_key`].
    pub(crate) fn new(generic_keys: &'g [String]) -> Self {
        Outline {
            generic_keys,
            sections: Vec::new(),
            open: Vec::new(),
        }
    }

    /// Adds a heading of `level` (1–6) with plain `text` found on `line`.
    pub(crate) fn add_heading(&mut self, text: &str, level: u8, line: usize) -> Added {
        let display = strip_continuation(text);
        let key = heading_key(display);
        if !has_visible_text(&key) || key.chars().all(|c| c == '+') {
            return Added::Empty;
        }
        while self.open.last().is_some_and(|&(l, _)| l >= level) {
            self.open.pop();
        }
        if self.generic_keys.contains(&template_key(&key)) {
            self.open.push((level, None));
            return Added::Generic;
        }
        // Nearest enclosing section, skipping ones with the same key (a continuation under its own topic).
        let parent = self
            .open
            .iter()
            .rev()
            .filter_map(|&(_, s)| s)
            .find(|&s| self.sections[s].key != key);
        let index = self.sections.len();
        self.sections.push(Section {
            heading: collapse_whitespace(display),
            key,
            level,
            parent,
            line,
        });
        self.open.push((level, Some(index)));
        Added::Section(index)
    }

    /// The section content written now belongs to: the innermost open non-generic heading.
    pub(crate) fn current(&self) -> Option<usize> {
        self.open.iter().rev().find_map(|&(_, s)| s)
    }

    /// The sections, in document order.
    pub(crate) fn finish(self) -> Vec<Section> {
        self.sections
    }
}

/// Removes trailing continuation markers (`+`, `（续）`, `(续)`), repeatedly. `C++` keeps its pluses.
fn strip_continuation(text: &str) -> &str {
    let mut text = text.trim();
    loop {
        let before = text.len();
        for marker in ["（续）", "(续)"] {
            if let Some(rest) = text.strip_suffix(marker) {
                text = rest.trim_end();
            }
        }
        if let Some(rest) = text.strip_suffix('+') {
            if !rest.ends_with('+') {
                text = rest.trim_end();
            }
        }
        if text.len() == before {
            return text;
        }
    }
}

/// Control characters (other than whitespace) and the noncharacters U+FFFE and U+FFFF.
fn is_dropped_from_keys(c: char) -> bool {
    (c.is_control() && !c.is_whitespace()) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The identity of a heading: markers stripped, control characters and noncharacters dropped,
/// whitespace collapsed, ASCII letters lower-cased (except in `$…$` math, where `\Sigma` and
/// `\sigma` differ).
pub(crate) fn heading_key(text: &str) -> String {
    let text = strip_continuation(text);
    let visible: String;
    let text = if text.contains(is_dropped_from_keys) {
        visible = text.chars().filter(|&c| !is_dropped_from_keys(c)).collect();
        &visible
    } else {
        text
    };
    let collapsed = collapse_whitespace(text);
    let mut key = String::with_capacity(collapsed.len());
    let mut in_math = false;
    let mut after_dollar = false;
    for c in collapsed.chars() {
        if c == '$' {
            if !after_dollar {
                in_math = !in_math;
            }
            after_dollar = true;
            key.push(c);
            continue;
        }
        after_dollar = false;
        key.push(if in_math { c } else { c.to_ascii_lowercase() });
    }
    key
}

/// The key a heading is compared with generic and structural headings by: its [`heading_key`] with
/// an English plural on its last word folded (`examples` → `example`, `faqs` → `faq`), so a
/// section template is recognised however a post spells it. Topic ids keep the heading key.
pub(crate) fn template_key(key: &str) -> String {
    let last = key.rsplit(' ').next().unwrap_or(key);
    let plural = last.len() > 3
        && last.is_ascii()
        && last.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
        && last.ends_with('s')
        && !["ss", "us", "is"].iter().any(|end| last.ends_with(end));
    if plural {
        key[..key.len() - 1].to_string()
    } else {
        key.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_continuation_markers_case_and_spacing() {
        let cases = [
            ("协同过滤（续）", "协同过滤"),
            ("协同过滤 （续）", "协同过滤"),
            ("协同过滤(续)", "协同过滤"),
            ("欧洲+", "欧洲"),
            ("欧洲 +", "欧洲"),
            ("USA+", "usa"),
            ("明+（续）", "明"),
            ("明（续）+", "明"),
            ("C++", "c++"),
            ("for  C++ ", "for c++"),
            ("Notepad++（续）", "notepad++"),
            ("  Deep   Learning ", "deep learning"),
            ("+", ""),
            ("", ""),
            ("（续）", ""),
            ("对$$\\Sigma$$的限制 A", "对$$\\Sigma$$的限制 a"),
            ("TD($\\Lambda$) Q", "td($\\Lambda$) q"),
            ("Bell \u{7} and \u{1b}[31m ESC", "bell and [31m esc"),
            ("After \u{0} the \u{FFFE}NUL\u{7F}", "after the nul"),
        ];
        for (text, key) in cases {
            assert_eq!(heading_key(text), key, "{text:?}");
        }
    }

    #[test]
    fn template_keys_fold_english_plurals_only() {
        let cases = [
            ("examples", "example"),
            ("example", "example"),
            ("faqs", "faq"),
            ("options", "option"),
            ("global options", "global option"),
            ("conclusions", "conclusion"),
            ("troubleshooting", "troubleshooting"),
            ("access", "access"),
            ("status", "status"),
            ("analysis", "analysis"),
            ("tips", "tip"),
            ("ios", "ios"),
            ("参考", "参考"),
            ("c++", "c++"),
        ];
        for (key, folded) in cases {
            assert_eq!(template_key(key), folded, "{key:?}");
        }
    }

    fn generic() -> Vec<String> {
        ["参考", "reference", "概述", "example"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn parents_are_the_nearest_shallower_sections() {
        let g = generic();
        let mut o = Outline::new(&g);
        assert_eq!(o.add_heading("A", 1, 1), Added::Section(0));
        assert_eq!(o.add_heading("B", 2, 2), Added::Section(1));
        assert_eq!(o.add_heading("C", 3, 3), Added::Section(2));
        assert_eq!(o.current(), Some(2));
        assert_eq!(o.add_heading("D", 2, 4), Added::Section(3));
        assert_eq!(o.add_heading("E", 1, 5), Added::Section(4));
        let parents: Vec<_> = o.finish().iter().map(|s| s.parent).collect();
        assert_eq!(parents, [None, Some(0), Some(1), Some(0), None]);
    }

    #[test]
    fn generic_headings_hand_content_to_the_enclosing_section() {
        let g = generic();
        let mut o = Outline::new(&g);
        assert_eq!(o.current(), None);
        assert_eq!(o.add_heading("参考", 1, 1), Added::Generic);
        assert_eq!(o.current(), None);
        o.add_heading("A", 1, 2);
        o.add_heading("B", 2, 3);
        assert_eq!(o.add_heading("References", 2, 4), Added::Generic);
        // The generic heading closed B: content goes to A.
        assert_eq!(o.current(), Some(0));
        assert_eq!(o.add_heading("C", 3, 5), Added::Section(2));
        assert_eq!(o.add_heading("概述（续）", 1, 6), Added::Generic);
        assert_eq!(o.current(), None);
        assert_eq!(o.add_heading("EXAMPLES", 2, 7), Added::Generic);
        let sections = o.finish();
        assert_eq!(sections[2].parent, Some(0));
        assert_eq!(sections.len(), 3);
    }

    #[test]
    fn continuations_share_keys_without_self_parents() {
        let g = generic();
        let mut o = Outline::new(&g);
        o.add_heading("协同过滤", 1, 1);
        o.add_heading("协同过滤（续）", 2, 2);
        o.add_heading("ALS", 3, 3);
        let s = o.finish();
        assert_eq!(s[1].key, s[0].key);
        assert_eq!(s[1].heading, "协同过滤");
        assert_eq!(s[1].parent, None);
        assert_eq!(s[2].parent, Some(1));
    }

    #[test]
    fn empty_headings_are_skipped_and_close_nothing() {
        let g = generic();
        let mut o = Outline::new(&g);
        o.add_heading("A", 2, 1);
        assert_eq!(o.add_heading(" + ", 1, 2), Added::Empty);
        for markers in [
            "++",
            "+ +",
            "+++（续）",
            "\u{7}",
            "\u{200B} \u{FEFF}",
            "\u{200F}+",
        ] {
            assert_eq!(o.add_heading(markers, 1, 3), Added::Empty, "{markers:?}");
        }
        assert_eq!(o.current(), Some(0));
        assert_eq!(o.finish().len(), 1);
    }
}
