//! One file's rows: a post record (and its diagnostics) as rows of the per-file tables.

use crate::diagnostic::Diagnostic;
use crate::extract::{
    is_attachment, join, percent_decoded, split_date_prefix, without_fragment, Joined, LabelSource,
    LinkKind, PostRecord, Section, TitleSource,
};
use crate::model::{note_key, note_path_key, page_url_key, url_key, without_language, PageAddress};
use crate::text::{folded_key, format_date};

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Text(String),
    Int(i64),
    Bool(bool),
    List(Vec<String>),
    Null,
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::Text(text.to_string())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::Text(text)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<Vec<String>> for Value {
    fn from(list: Vec<String>) -> Self {
        Value::List(list)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Self {
        value.map_or(Value::Null, Into::into)
    }
}

/// A count, index or line as a cell.
pub(crate) fn int(n: impl TryInto<i64>) -> Value {
    Value::Int(n.try_into().unwrap_or(i64::MAX))
}

/// One row: cells in the order of the table's columns.
pub(crate) type Row = Vec<Value>;

/// The rows of the post tables that one post record gives.
#[derive(Debug, Default)]
pub(crate) struct PostRows {
    pub(crate) posts: Vec<Row>,
    pub(crate) headings: Vec<Row>,
    pub(crate) citations: Vec<Row>,
    pub(crate) links: Vec<Row>,
    pub(crate) tags: Vec<Row>,
}

/// The rows of `post`.
pub(crate) fn post_rows(post: &PostRecord) -> PostRows {
    let path = || Value::from(post.path.as_str());
    let mut rows = PostRows {
        posts: vec![post_row(post)],
        ..PostRows::default()
    };
    for (index, section) in post.sections.iter().enumerate() {
        rows.headings.push(vec![
            path(),
            int(index),
            section.parent.map_or(Value::Null, int),
            int(section.level),
            section.heading.as_str().into(),
            section.key.as_str().into(),
            crate::extract::template_key(&section.key).into(),
            heading_path(&post.sections, Some(index)).into(),
            int(section.line),
        ]);
    }
    for (index, citation) in post.citations.iter().enumerate() {
        let label_source = citation.label.as_ref().map(|_| citation.label_source);
        rows.citations.push(vec![
            path(),
            int(index),
            citation.key.as_str().into(),
            citation.raw.as_str().into(),
            citation.host.as_deref().into(),
            citation.label.as_deref().into(),
            label_source.map(label_source_name).into(),
            label_source.map_or(Value::Null, |source| int(source as u8)),
            citation.section.map_or(Value::Null, int),
            heading_path(&post.sections, citation.section).into(),
            int(citation.line),
        ]);
    }
    for (index, link) in post.post_links.iter().enumerate() {
        let (kind, alternative) = match &link.kind {
            LinkKind::Url => ("url", None),
            LinkKind::Wiki { alternative } => ("wiki", alternative.as_deref()),
            LinkKind::Content => ("content", None),
        };
        let page = without_fragment(&link.target);
        let decoded = percent_decoded(page);
        let joined = match join(&post.path, page) {
            Joined::Inside(path) => Some(path),
            Joined::Outside(_) => None,
        };
        rows.links.push(vec![
            path(),
            int(index),
            link.target.as_str().into(),
            kind.into(),
            link.embed.into(),
            alternative.into(),
            link.section.map_or(Value::Null, int),
            int(link.line),
            page.into(),
            decoded.as_ref().into(),
            joined.into(),
            note_key(&link.target).into(),
            alternative.map(note_key).into(),
            url_key(&decoded).into(),
            is_attachment(&link.target).into(),
        ]);
    }
    let named = |kind: &str, position: usize, name: &str| -> Row {
        let (parent, parent_key) = (Value::Null, Value::Null);
        vec![
            path(),
            kind.into(),
            int(position),
            name.into(),
            folded_key(name).into(),
            parent,
            parent_key,
        ]
    };
    for (position, category) in post.categories.iter().enumerate() {
        rows.tags.push(named("category", position, category));
    }
    for (position, tag) in post.tags.iter().enumerate() {
        rows.tags.push(named("tag", position, tag));
    }
    for (position, (child, parent)) in post.tag_parents.iter().enumerate() {
        let mut row = named("tag_parent", position, child);
        row[5] = parent.as_str().into();
        row[6] = folded_key(parent).into();
        rows.tags.push(row);
    }
    rows
}

fn post_row(post: &PostRecord) -> Row {
    let stem = post.path.rsplit('/').next().unwrap_or(&post.path);
    let stem = stem.rsplit_once('.').map_or(stem, |(stem, _)| stem);
    let file_date = split_date_prefix(stem).0.map(format_date);
    let note_path = note_path_key(&post.path);
    let note_name = note_path
        .rsplit('/')
        .next()
        .unwrap_or(&note_path)
        .to_string();
    let site_url = page_url_key(PageAddress {
        path: &post.path,
        slug: post.front_matter_slug.as_deref(),
        url: post.url.as_deref(),
        aliases: &post.aliases,
    });
    let without_lang = without_language(&site_url).map(str::to_string);
    let series = post.series.as_ref();
    vec![
        post.path.as_str().into(),
        post.slug.as_str().into(),
        file_date.clone().into(),
        post.title.as_str().into(),
        title_source_name(post.title_source).into(),
        post.date.as_deref().into(),
        post.updated.as_deref().into(),
        post.created.as_deref().into(),
        post.categories.clone().into(),
        post.tags.clone().into(),
        series.map(|s| s.name.as_str()).into(),
        series.map(|s| folded_key(&s.name)).into(),
        series.map_or(Value::Null, |s| int(s.part)),
        post.permalink.as_deref().into(),
        post.front_matter_slug.as_deref().into(),
        post.url.as_deref().into(),
        post.aliases.clone().into(),
        post.weight.map_or(Value::Null, Value::Int),
        post.draft.into(),
        file_date.is_some().into(),
        note_path.clone().into(),
        note_name.into(),
        post.slug.to_lowercase().into(),
        post.permalink
            .as_deref()
            .map(|p| p.trim_matches('/'))
            .into(),
        (post.front_matter_slug.as_deref())
            .map(|s| s.trim().to_lowercase())
            .into(),
        site_url.into(),
        without_lang.into(),
        post.aliases
            .iter()
            .map(|a| url_key(a))
            .collect::<Vec<_>>()
            .into(),
    ]
}

/// The headings from the outermost down to `section`'s own (empty at post level).
fn heading_path(sections: &[Section], section: Option<usize>) -> Vec<String> {
    let mut path = Vec::new();
    let mut at = section;
    while let Some(i) = at {
        path.push(sections[i].heading.clone());
        at = sections[i].parent;
    }
    path.reverse();
    path
}

fn title_source_name(source: TitleSource) -> &'static str {
    match source {
        TitleSource::FrontMatter => "front_matter",
        TitleSource::Heading => "heading",
        TitleSource::FileName => "file_name",
    }
}

/// The name of a label source; its rank (0 best) is its place in this order.
pub(crate) fn label_source_name(source: LabelSource) -> &'static str {
    match source {
        LabelSource::Caption => "caption",
        LabelSource::LinkText => "link_text",
        LabelSource::AltText => "alt_text",
    }
}

/// The row of a diagnostic about the file at `path`.
pub(crate) fn diagnostic_row(path: &str, diagnostic: &Diagnostic) -> Row {
    vec![
        path.into(),
        diagnostic.line.map_or(Value::Null, int),
        diagnostic.severity.as_str().into(),
        kind_name(&diagnostic.kind).into(),
        diagnostic.kind.to_string().into(),
    ]
}

/// `UnresolvedLink { .. }` → `unresolved_link`.
fn kind_name(kind: &crate::diagnostic::DiagnosticKind) -> String {
    let debug = format!("{kind:?}");
    let variant = debug
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or_default();
    let mut name = String::with_capacity(variant.len() + 4);
    for (i, c) in variant.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                name.push('_');
            }
            name.push(c.to_ascii_lowercase());
        } else {
            name.push(c);
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::DiagnosticKind;

    #[test]
    fn diagnostic_kinds_are_named_in_snake_case() {
        let kind = DiagnosticKind::UnresolvedLink { target: "x".into() };
        assert_eq!(kind_name(&kind), "unresolved_link");
        assert_eq!(
            kind_name(&DiagnosticKind::ExpiringWechatLink),
            "expiring_wechat_link"
        );
    }
}
