//! Jekyll front matter: splits the `---` block off the body and reads title, categories, tags, date, permalink.
//!
//! The block is read with serde-saphyr; when it is not valid YAML a warning is emitted and a line-based
//! `key: value` reader salvages what it can, so a post keeps its title and category.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::{DefaultMessageFormatter, MessageFormatter};

use super::has_visible_text;
use crate::diagnostic::Diagnostic;

/// Where a post's front matter ends and its body begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The YAML text between the delimiters, if the post has a (terminated) block.
    pub(crate) yaml: Option<&'a str>,
    /// 1-based line of the opening `---`.
    pub(crate) start_line: usize,
    /// Byte offset of the body in the file.
    pub(crate) body_offset: usize,
    /// 1-based line the body starts on.
    pub(crate) body_line: usize,
}

/// The front-matter fields kgraph uses, cleaned up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    pub(crate) title: Option<String>,
    pub(crate) categories: Vec<String>,
    pub(crate) tags: Vec<String>,
    /// As written: normalised by [`normalise_date`] later.
    pub(crate) date: Option<String>,
    pub(crate) permalink: Option<String>,
}

/// Lines of `text` with their byte offsets, without their `\n` / `\r\n` endings.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = offset;
        offset += line.len();
        let line = line.strip_suffix('\n').unwrap_or(line);
        (start, line.strip_suffix('\r').unwrap_or(line))
    })
}

/// Splits the front matter off `text`: a first line `---` (after an optional BOM), closed by `---` or `...`.
/// An unclosed block gives a warning and counts as body.
pub(crate) fn split<'t>(path: &str, text: &'t str, diagnostics: &mut Vec<Diagnostic>) -> Split<'t> {
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let no_block = Split {
        yaml: None,
        start_line: 1,
        body_offset: start,
        body_line: 1,
    };
    let mut lines = lines_with_offsets(&text[start..]).map(|(o, l)| (o + start, l));
    let Some((_, first)) = lines.next() else {
        return no_block;
    };
    if first.trim_end() != "---" {
        return no_block;
    }
    let yaml_start = start + first.len() + line_ending_len(&text[start + first.len()..]);
    for (number, (offset, line)) in lines.enumerate() {
        let line_trimmed = line.trim_end();
        if line_trimmed == "---" || line_trimmed == "..." {
            let body_offset = offset + line.len() + line_ending_len(&text[offset + line.len()..]);
            return Split {
                yaml: Some(&text[yaml_start..offset]),
                start_line: 1,
                body_offset,
                body_line: number + 3,
            };
        }
    }
    diagnostics.push(Diagnostic::warning(
        path,
        Some(1),
        "unterminated front matter: no closing `---`; reading the whole file as body",
    ));
    no_block
}

fn line_ending_len(rest: &str) -> usize {
    if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with('\n') {
        1
    } else {
        0
    }
}

/// Reads the YAML block. `first_line` is the file line of the block's first YAML line.
pub(crate) fn parse(
    path: &str,
    yaml: &str,
    first_line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> FrontMatter {
    if yaml.trim().is_empty() {
        return FrontMatter::default();
    }
    match serde_saphyr::from_str::<Raw>(yaml) {
        Ok(raw) => raw.into_front_matter(),
        Err(err) => {
            let err = err.without_snippet();
            let line = err
                .location()
                .map(|loc| first_line + (loc.line() as usize).saturating_sub(1));
            let message = DefaultMessageFormatter.format_message(err);
            let message = message.lines().next().unwrap_or_default();
            // Drop advice meant for programmers using the library, not for authors.
            let message = message
                .split(", set DuplicateKeyPolicy")
                .next()
                .unwrap_or(message)
                .trim_end_matches('.');
            diagnostics.push(Diagnostic::warning(
                path,
                Some(line.unwrap_or(first_line)),
                format!("invalid front matter: {message}"),
            ));
            parse_lines(yaml)
        }
    }
}

/// The front matter as YAML gives it; unknown keys are ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Raw {
    title: Option<Scalar>,
    category: Option<Many>,
    categories: Option<Many>,
    tags: Option<Many>,
    tag: Option<Many>,
    date: Option<Scalar>,
    permalink: Option<Scalar>,
}

impl Raw {
    fn into_front_matter(self) -> FrontMatter {
        let mut categories = Vec::new();
        // Jekyll: `category` is one category; a `categories` string is space-separated.
        for item in self.category.iter().flat_map(|m| &m.items) {
            push_unique(&mut categories, item);
        }
        for many in self.categories.iter() {
            many.words(false)
                .for_each(|w| push_unique(&mut categories, w));
        }
        // Tags: a list, or one string separated by spaces or commas.
        let mut tags = Vec::new();
        for many in self.tags.iter().chain(self.tag.iter()) {
            many.words(true).for_each(|w| push_unique(&mut tags, w));
        }
        FrontMatter {
            title: self.title.and_then(|s| non_empty(&s.0)),
            categories,
            tags,
            date: self.date.and_then(|s| non_empty(&s.0)),
            permalink: self.permalink.and_then(|s| non_empty(&s.0)),
        }
    }
}

/// `s` trimmed, or `None` when nothing visible is left (a YAML `"\a"` is no title).
fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    has_visible_text(s).then(|| s.to_string())
}

fn push_unique(list: &mut Vec<String>, item: &str) {
    let item = item.trim();
    if has_visible_text(item) && !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

/// A scalar of any YAML type, as text: `title: 996` is the title "996".
#[derive(Debug, Default)]
struct Scalar(String);

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number or boolean")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar(String::new()))
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar(String::new()))
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Asking for a string keeps a plain scalar's text as written (`1.10`, `yes`, `2016-08-02 10:00:00`).
        d.deserialize_string(ScalarVisitor)
    }
}

/// One value or a list of them.
#[derive(Debug, Default)]
struct Many {
    items: Vec<String>,
    /// Written as a list: items are not split further.
    list: bool,
}

impl Many {
    fn one(item: String) -> Self {
        Many {
            items: vec![item],
            list: false,
        }
    }

    /// The names: list items as they are; a single string split on whitespace (and on commas when `commas`).
    fn words(&self, commas: bool) -> impl Iterator<Item = &str> {
        let split = !self.list;
        self.items.iter().flat_map(move |item| {
            let words: Box<dyn Iterator<Item = &str>> =
                if split {
                    Box::new(item.split(move |c: char| {
                        c.is_whitespace() || (commas && (c == ',' || c == '，'))
                    }))
                } else {
                    Box::new(std::iter::once(item.as_str()))
                };
            words.filter(|w| !w.trim().is_empty())
        })
    }
}

struct ManyVisitor;

impl<'de> Visitor<'de> for ManyVisitor {
    type Value = Many;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a list of strings")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Many, E> {
        Ok(Many::one(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Many, E> {
        Ok(Many::one(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Many, E> {
        Ok(Many::one(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Many, E> {
        Ok(Many::one(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Many, E> {
        Ok(Many::one(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Many, E> {
        Ok(Many::default())
    }
    fn visit_none<E: de::Error>(self) -> Result<Many, E> {
        Ok(Many::default())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Many, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Scalar>()? {
            items.push(item.0);
        }
        Ok(Many { items, list: true })
    }
}

impl<'de> Deserialize<'de> for Many {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ManyVisitor)
    }
}

/// Salvages `key: value` lines (and `- item` lists under a key) from a block that is not valid YAML.
fn parse_lines(yaml: &str) -> FrontMatter {
    let mut raw = Raw::default();
    let mut current: Option<(&str, Many)> = None;
    for (_, line) in lines_with_offsets(yaml) {
        let trimmed = line.trim();
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or((trimmed == "-").then_some(""))
        {
            if let Some((_, many)) = current.as_mut() {
                many.items.push(unquote(item).to_string());
                many.list = true;
            }
            continue;
        }
        if line.starts_with([' ', '\t']) || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            continue;
        }
        if let Some((k, many)) = current.take() {
            set_field(&mut raw, k, many);
        }
        let value = value.trim();
        // `[a, b` (the usual reason the YAML failed) is still a list.
        let list = value
            .strip_prefix('[')
            .map(|v| v.strip_suffix(']').unwrap_or(v));
        let many = match list {
            Some(list) => Many {
                items: list.split(',').map(|v| unquote(v).to_string()).collect(),
                list: true,
            },
            None if value.is_empty() => Many::default(),
            None => Many::one(unquote(value).to_string()),
        };
        current = Some((key, many));
    }
    if let Some((k, many)) = current.take() {
        set_field(&mut raw, k, many);
    }
    raw.into_front_matter()
}

fn set_field(raw: &mut Raw, key: &str, many: Many) {
    let scalar = || many.items.first().map(|v| Scalar(v.clone()));
    match key {
        "title" => raw.title = scalar(),
        "date" => raw.date = scalar(),
        "permalink" => raw.permalink = scalar(),
        "category" => raw.category = Some(many),
        "categories" => raw.categories = Some(many),
        "tags" => raw.tags = Some(many),
        "tag" => raw.tag = Some(many),
        _ => {}
    }
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

/// The 1-based line, within `yaml`, of the top-level `key:`.
pub(crate) fn key_line(yaml: &str, key: &str) -> Option<usize> {
    lines_with_offsets(yaml)
        .position(|(_, line)| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// `2016-08-02 10:00:00 +0800`, `2016-8-2` → `2016-08-02`; other text → `None`.
pub(crate) fn normalise_date(date: &str) -> Option<String> {
    let day = date.trim().split([' ', 'T', 't']).next()?;
    let mut parts = day.split('-');
    let y: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some()
        || !(1000..=9999).contains(&y)
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&d)
    {
        return None;
    }
    Some(format_date((y, m, d)))
}

/// `(2016, 8, 2)` → `2016-08-02`.
pub(crate) fn format_date((y, m, d): (u32, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_of(text: &str) -> (Split<'_>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let split = split("p.md", text, &mut diags);
        (split, diags)
    }

    fn read(text: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let s = split("p.md", text, &mut diags);
        let fm = s
            .yaml
            .map(|y| parse("p.md", y, s.start_line + 1, &mut diags))
            .unwrap_or_default();
        (fm, diags)
    }

    #[test]
    fn splits_front_matter() {
        let text = "---\ntitle: A\n---\n# Body\n";
        let (s, diags) = split_of(text);
        assert_eq!(s.yaml, Some("title: A\n"));
        assert_eq!(&text[s.body_offset..], "# Body\n");
        assert_eq!(s.body_line, 4);
        assert!(diags.is_empty());
    }

    #[test]
    fn accepts_dots_bom_and_crlf() {
        let text = "\u{feff}---\r\ntitle: A\r\ncategory: B\r\n...\r\nbody\r\n";
        let (s, _) = split_of(text);
        assert_eq!(s.yaml, Some("title: A\r\ncategory: B\r\n"));
        assert_eq!(&text[s.body_offset..], "body\r\n");
        assert_eq!(s.body_line, 5);
        let (fm, diags) = read(text);
        assert_eq!(fm.title.as_deref(), Some("A"));
        assert_eq!(fm.categories, ["B"]);
        assert!(diags.is_empty());
    }

    #[test]
    fn texts_without_front_matter_are_all_body() {
        for text in [
            "",
            "# Title\n---\n",
            "\u{feff}body",
            " ---\ntitle: x\n---\n",
            "----\n---\n",
        ] {
            let (s, diags) = split_of(text);
            assert_eq!(s.yaml, None, "{text:?}");
            assert_eq!(s.body_line, 1);
            assert!(diags.is_empty());
        }
    }

    #[test]
    fn unterminated_front_matter_warns_and_keeps_the_body() {
        let text = "---\ntitle: A\n\n# Heading\n";
        let (s, diags) = split_of(text);
        assert_eq!(s.yaml, None);
        assert_eq!(s.body_offset, 0);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, Some(1));
        assert!(diags[0].message.starts_with("unterminated front matter"));
    }

    #[test]
    fn empty_block_is_fine() {
        let (fm, diags) = read("---\n---\nbody");
        assert_eq!(fm, FrontMatter::default());
        assert!(diags.is_empty());
    }

    #[test]
    fn numbers_and_odd_scalars_become_text() {
        let (fm, diags) =
            read("---\ntitle: 996\ndate: 2016-08-02 10:00:00 +0800\npermalink: /a/b/\n---\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(fm.title.as_deref(), Some("996"));
        assert_eq!(fm.date.as_deref(), Some("2016-08-02 10:00:00 +0800"));
        assert_eq!(fm.permalink.as_deref(), Some("/a/b/"));
        let (fm, _) = read("---\ntitle: 1.10\ntags: yes\n---\n");
        assert_eq!(fm.title.as_deref(), Some("1.10"));
        assert_eq!(fm.tags.len(), 1);
    }

    #[test]
    fn reads_categories_and_tags_in_all_forms() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("category: DL & NLP resource ", &["DL & NLP resource"], &[]),
            ("categories: ml  dl", &["ml", "dl"], &[]),
            (
                "categories: [ml, deep learning]",
                &["ml", "deep learning"],
                &[],
            ),
            ("categories:\n  - ml\n  - dl\n  - ml", &["ml", "dl"], &[]),
            ("category: a\ncategories: [b, a]", &["a", "b"], &[]),
            ("tags: rust, cli graph", &[], &["rust", "cli", "graph"]),
            ("tags: [rust, 2024]", &[], &["rust", "2024"]),
            ("tags:\n- x\n- y", &[], &["x", "y"]),
            ("tags:", &[], &[]),
            ("unknown: {a: [1, 2]}\ncategory: c", &["c"], &[]),
        ];
        for (yaml, cats, tags) in cases {
            let text = format!("---\n{yaml}\n---\n");
            let (fm, diags) = read(&text);
            assert!(diags.is_empty(), "{yaml:?}: {diags:?}");
            assert_eq!(fm.categories, *cats, "{yaml:?}");
            assert_eq!(fm.tags, *tags, "{yaml:?}");
        }
    }

    #[test]
    fn invalid_yaml_warns_with_file_line_and_salvages_fields() {
        let text =
            "---\nlayout: post\ntitle: 数学: 笔记\ncategory: math\ntags: [a, b]\n---\nbody\n";
        let (fm, diags) = read(text);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].line, Some(3));
        assert!(
            diags[0].message.starts_with("invalid front matter: "),
            "{}",
            diags[0].message
        );
        assert!(!diags[0].message.ends_with('.'));
        assert_eq!(fm.title.as_deref(), Some("数学: 笔记"));
        assert_eq!(fm.categories, ["math"]);
        assert_eq!(fm.tags, ["a", "b"]);
    }

    #[test]
    fn duplicate_keys_fall_back_to_the_line_reader() {
        let (fm, diags) = read("---\ntitle: 'A'\ncategory: x\ncategory:\n  - y\n---\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, Some(4));
        assert_eq!(
            diags[0].message,
            "invalid front matter: duplicate mapping key: category"
        );
        assert_eq!(fm.title.as_deref(), Some("A"));
        assert_eq!(fm.categories, ["y"]);
    }

    #[test]
    fn finds_key_lines() {
        let yaml = "title: a\ndates: x\ndate : y\n";
        assert_eq!(key_line(yaml, "title"), Some(1));
        assert_eq!(key_line(yaml, "date"), Some(3));
        assert_eq!(key_line(yaml, "tags"), None);
    }

    #[test]
    fn normalises_dates() {
        let cases = [
            ("2016-08-02", Some("2016-08-02")),
            ("2016-8-2", Some("2016-08-02")),
            ("2016-08-02 10:00:00 +0800", Some("2016-08-02")),
            ("2016-08-02T10:00:00Z", Some("2016-08-02")),
            ("2016-13-02", None),
            ("2016/08/02", None),
            ("yesterday", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(normalise_date(input).as_deref(), expected, "{input:?}");
        }
    }
}
