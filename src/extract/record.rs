//! What extraction yields for one post: plain data, no graph types.

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

/// Everything kgraph takes from one Markdown post.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct PostRecord {
    /// Path relative to its input root, '/'-separated (the post's identity).
    pub path: String,
    /// The file as the user named it, which diagnostics about the post print.
    pub shown_path: String,
    /// File stem without a `YYYY-M-D-` prefix; permalinks end in it.
    pub slug: String,
    /// Front-matter title, else the H1 the body opens with (not in a Jekyll post, named
    /// `YYYY-M-D-slug`), else the file stem.
    pub title: String,
    /// Where `title` came from.
    pub title_source: TitleSource,
    /// `YYYY-MM-DD` from front matter, else from the file name.
    pub date: Option<String>,
    /// From `category` / `categories`, in order of appearance, without duplicates.
    pub categories: Vec<String>,
    /// From `tags` (and Zola's `taxonomies.tags`), then inline `#tags`, in order of
    /// appearance, without duplicates.
    pub tags: Vec<String>,
    /// (child, parent) for each level of each nested inline tag (`#a/b/c`: `a/b/c` → `a/b`,
    /// `a/b` → `a`), in order, without duplicates.
    pub tag_parents: Vec<(String, String)>,
    /// The series a numbered title belongs to, such as `深度学习（四十四）`.
    pub series: Option<SeriesRef>,
    /// Front-matter `permalink`, when set.
    pub permalink: Option<String>,
    /// Front-matter `slug` (Hugo, Zola): replaces the last segment of the page's URL.
    pub front_matter_slug: Option<String>,
    /// Front-matter `url` (Hugo): the page's whole URL.
    pub url: Option<String>,
    /// Front-matter `aliases` (Hugo): further URLs that lead to the page.
    pub aliases: Vec<String>,
    /// Front-matter `weight` (Hugo, Zola): order among siblings.
    pub weight: Option<i64>,
    /// Front-matter `draft: true`.
    pub draft: bool,
    /// `YYYY-MM-DD` from front-matter `updated` or `lastmod` (as written when it is no date).
    pub updated: Option<String>,
    /// `YYYY-MM-DD` from front-matter `created` (as written when it is no date).
    pub created: Option<String>,
    /// Topic headings in document order; generic headings are not listed.
    pub sections: Vec<Section>,
    /// External resources cited, in document order (repeats included).
    pub citations: Vec<Citation>,
    /// Links that point inside the site (relative links, permalinks, `post_url`).
    pub post_links: Vec<PostLink>,
    /// Problems found while extracting.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a post's title came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum TitleSource {
    /// Front-matter `title`.
    FrontMatter,
    /// The H1 the body opens with.
    Heading,
    /// The file stem.
    #[default]
    FileName,
}

/// A numbered part of a series, from a title like `机器学习（十七）`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SeriesRef {
    /// The series name, such as `机器学习`.
    pub name: String,
    /// The part number, such as 17.
    pub part: u32,
}

/// A topic heading of a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Section {
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum LabelSource {
    /// The caption line the author wrote under a bare URL.
    Caption,
    /// The text of a Markdown link.
    LinkText,
    /// An image's alt text: the resource's label, but not keyword text (`image | left`, `logo`).
    AltText,
}

/// One citation of an external URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Citation {
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PostLink {
    /// The link target as written (relative path, permalink or `post_url` name).
    pub target: String,
    /// Index into `sections` of the topic it appears under.
    pub section: Option<usize>,
    /// 1-based line of the link.
    pub line: usize,
    /// How the link is written, which decides how it is resolved.
    pub kind: LinkKind,
    /// An embed (`![[Note]]`): the note is shown inside this one.
    pub embed: bool,
}

/// How a link between posts is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum LinkKind {
    /// A Markdown link, a site URL or `{% post_url %}`: a relative path, a site path or a post name.
    #[default]
    Url,
    /// A wikilink `[[target]]`, heading and block anchors and `dendron://vault/` dropped.
    /// `alternative` is the other side of a `|`: Obsidian writes `[[target|label]]`, Dendron
    /// `[[label|target]]`.
    Wiki {
        /// The right-hand side of the `|`, when there is one.
        alternative: Option<String>,
    },
    /// A content file named by path: Zola's `@/section/page.md` (from the content folder) and
    /// Hugo's `{{< ref "path" >}}` / `{{< relref "path" >}}`.
    Content,
}
