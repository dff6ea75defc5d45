//! What extraction yields for one post: plain data, no graph types.

use crate::diagnostic::Diagnostic;

/// Everything kgraph takes from one Markdown post.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PostRecord {
    /// Path relative to its input root, '/'-separated (the post's identity).
    pub path: String,
    /// File stem without a `YYYY-M-D-` prefix; permalinks end in it.
    pub slug: String,
    /// Front-matter title, or the file stem when there is none.
    pub title: String,
    /// `YYYY-MM-DD` from front matter, else from the file name.
    pub date: Option<String>,
    /// From `category` / `categories`, in order of appearance, without duplicates.
    pub categories: Vec<String>,
    /// From `tags`, in order of appearance, without duplicates.
    pub tags: Vec<String>,
    /// The series a numbered title belongs to, such as `深度学习（四十四）`.
    pub series: Option<SeriesRef>,
    /// Front-matter `permalink`, when set.
    pub permalink: Option<String>,
    /// Topic headings in document order; generic headings are not listed.
    pub sections: Vec<Section>,
    /// External resources cited, in document order (repeats included).
    pub citations: Vec<Citation>,
    /// Links that point inside the site (relative links, permalinks, `post_url`).
    pub post_links: Vec<PostLink>,
    /// Problems found while extracting.
    pub diagnostics: Vec<Diagnostic>,
}

/// A numbered part of a series, from a title like `机器学习（十七）`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesRef {
    /// The series name, such as `机器学习`.
    pub name: String,
    /// The part number, such as 17.
    pub part: u32,
}

/// A topic heading of a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Heading text as displayed, continuation marker removed.
    pub heading: String,
    /// Identity shared across posts: normalised heading text.
    pub key: String,
    /// Markdown heading level, 1 to 6.
    pub level: u8,
    /// Index into `sections` of the enclosing topic, if any.
    pub parent: Option<usize>,
    /// 1-based line of the heading.
    pub line: usize,
}

/// Where a resource's label came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LabelSource {
    /// The caption line the author wrote under a bare URL.
    Caption,
    /// The text of a Markdown link, or an image's alt text.
    LinkText,
}

/// One citation of an external URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Canonical form: the resource's identity.
    pub key: String,
    /// The URL as the author wrote it.
    pub raw: String,
    /// Host for the domain node (`www.` dropped), when the URL has one.
    pub host: Option<String>,
    /// Caption or link text, when there is one.
    pub label: Option<String>,
    /// What `label` is.
    pub label_source: LabelSource,
    /// Index into `sections` of the topic it is cited under; `None` at post level.
    pub section: Option<usize>,
    /// 1-based line of the URL.
    pub line: usize,
}

/// A link to another post of the same site, unresolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostLink {
    /// The link target as written (relative path, permalink or `post_url` name).
    pub target: String,
    /// Index into `sections` of the topic it appears under.
    pub section: Option<usize>,
    /// 1-based line of the link.
    pub line: usize,
}
