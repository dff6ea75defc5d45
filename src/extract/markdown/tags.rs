//! Inline tags in prose: Obsidian's and Foam's `#tag` and `#parent/child`, Dendron's
//! `#role.bugcatcher`.
//!
//! A tag is `#` after whitespace (or at the start of a line), then letters of any script, digits,
//! `_`, `-`, `/` and `.` (a `.` or `/` only between other tag characters, so a sentence's full
//! stop ends the tag), with at least one character that is neither a digit nor a separator:
//! `#1984` and `#2024/01` are not tags, `#y1984` is. The walker shows it only the text of prose:
//! never code, math, HTML, link text or destinations; a URL's `#fragment` follows no whitespace,
//! and a heading's `# ` has a space.

/// The inline tags of a post, in order of appearance, without duplicates.
#[derive(Debug, Default)]
pub(super) struct InlineTags {
    enabled: bool,
    tags: Vec<String>,
}

impl InlineTags {
    /// Collects tags when `enabled`; otherwise finds none.
    pub(super) fn new(enabled: bool) -> Self {
        InlineTags {
            enabled,
            tags: Vec::new(),
        }
    }

    /// Scans `source`, a run of prose as written, which follows the character `before` (`None`
    /// at the start of the body).
    pub(super) fn scan(&mut self, source: &str, before: Option<char>) {
        if !self.enabled || !source.contains('#') {
            return;
        }
        let mut previous = before;
        for (i, c) in source.char_indices() {
            if c == '#' && previous.is_none_or(char::is_whitespace) {
                if let Some(tag) = tag_at(&source[i + 1..]) {
                    if !self.tags.iter().any(|t| t == tag) {
                        self.tags.push(tag.to_string());
                    }
                }
            }
            previous = Some(c);
        }
    }

    /// The tags found.
    pub(super) fn finish(self) -> Vec<String> {
        self.tags
    }
}

/// The tag `text` starts with (the text after a `#`), if it is one.
fn tag_at(text: &str) -> Option<&str> {
    let mut end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ok = if is_separator(c) {
            // Only between tag characters: `#a.` ends at `a`, `#a//b` at `a`.
            end > 0 && chars.peek().is_some_and(|&(_, next)| is_word_char(next))
        } else {
            is_word_char(c)
        };
        if !ok {
            break;
        }
        end = i + c.len_utf8();
    }
    let tag = &text[..end];
    let meaningful = tag.chars().any(|c| !c.is_numeric() && !is_separator(c));
    meaningful.then_some(tag)
}

fn is_separator(c: char) -> bool {
    matches!(c, '/' | '.')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags_in(source: &str) -> Vec<String> {
        let mut tags = InlineTags::new(true);
        tags.scan(source, None);
        tags.finish()
    }

    #[test]
    fn finds_tags_after_whitespace_or_at_the_start() {
        assert_eq!(tags_in("#todo and #later, #todo"), ["todo", "later"]);
        assert_eq!(tags_in("a\t#tab\n#line"), ["tab", "line"]);
        assert_eq!(
            tags_in("标签 #机器学习 和 #日本語タグ"),
            ["机器学习", "日本語タグ"]
        );
        assert_eq!(
            tags_in("#snake_case #kebab-case"),
            ["snake_case", "kebab-case"]
        );
    }

    #[test]
    fn nested_and_dotted_tags_stay_whole_and_separators_need_a_tag_character_after() {
        assert_eq!(tags_in("#a/b/c"), ["a/b/c"]);
        assert_eq!(tags_in("see #role.bugcatcher."), ["role.bugcatcher"]);
        assert_eq!(tags_in("#end/ #x//y #dot."), ["end", "x", "dot"]);
    }

    #[test]
    fn numbers_fragments_and_words_with_hashes_are_no_tags() {
        for source in [
            "#1984",
            "#2024/01",
            "#1.5",
            "issue#12",
            "C# and F#",
            "https://x.org/#frag",
            "x/#y",
            "# heading",
            "##",
            "#",
            "#/a",
            "（#全角）",
        ] {
            assert!(tags_in(source).is_empty(), "{source:?}");
        }
        assert_eq!(tags_in("#y1984"), ["y1984"]);
        assert_eq!(tags_in("#_1"), ["_1"]);
    }

    #[test]
    fn what_comes_before_the_run_counts() {
        let mut tags = InlineTags::new(true);
        tags.scan("#glued", Some('*'));
        tags.scan("#spaced", Some(' '));
        assert_eq!(tags.finish(), ["spaced"]);
        let mut off = InlineTags::new(false);
        off.scan("#tag", None);
        assert!(off.finish().is_empty());
    }
}

#[cfg(test)]
mod walker_tests {
    use super::super::{body_of, BodyMetadata};

    fn tags_of(text: &str) -> Vec<String> {
        let metadata = BodyMetadata {
            title_from_heading: false,
            inline_tags: true,
        };
        body_of(text, metadata).0.tags
    }

    #[test]
    fn tags_come_from_prose_headings_lists_quotes_and_tables() {
        let text =
            "#start of a line\n\n## Notes #in-heading\n\n- item #listed\n\n> quoted #quote\n\n\
                    | a |\n|---|\n| #cell |\n\n**bold** #after-bold\n";
        assert_eq!(
            tags_of(text),
            [
                "start",
                "in-heading",
                "listed",
                "quote",
                "cell",
                "after-bold"
            ]
        );
    }

    #[test]
    fn code_html_links_urls_escapes_and_headings_hold_no_tags() {
        let text = "# Heading\n\n`#code` and\n\n```\n#fenced\n```\n\n    #indented\n\n\
                    <div>#html</div>\n\n[#linktext](https://x.org/#frag) https://x.org/#bare \
                    <https://x.org/#auto> \\#escaped $#math$\n";
        assert!(tags_of(text).is_empty(), "{:?}", tags_of(text));
    }
}
