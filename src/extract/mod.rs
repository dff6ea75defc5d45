//! Extraction: one post's text → a [`PostRecord`]. Pure functions of (path, text, options); no graph types.

mod canonical;
#[cfg(test)]
mod corpus_check;
mod file_name;
mod forbidden_chars;
mod front_matter;
#[cfg(test)]
mod fuzz_tests;
mod lines;
mod link_path;
mod markdown;
mod options;
mod outline;
mod permalink;
mod record;
mod series;
mod tag_tree;
mod target;
#[cfg(test)]
mod tests;
mod urls;

use std::borrow::Cow;

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::error::panic_message;
use crate::text::format_date;
pub(crate) use file_name::split_date_prefix;
pub(crate) use link_path::{
    is_attachment, join, percent_decoded, strip_markdown_extension, strip_page_extension,
    without_fragment, Joined,
};
pub use options::ExtractOptions;
pub(crate) use options::{
    default_generic_headings, DEFAULT_STRUCTURAL_SHARE, MIN_STRUCTURAL_POSTS,
};
pub(crate) use outline::template_key;
pub use permalink::{PermalinkMatch, PermalinkPattern};
pub(crate) use record::{
    Citation, LabelSource, LinkKind, PostLink, PostRecord, Section, TitleSource,
};

/// Extracts one post. `path` is its '/'-separated path relative to its input root (its
/// identity); `shown_path` is the file as the user named it, which diagnostics print.
///
/// Never panics; problems with the input become diagnostics in the record. CRLF and lone CR
/// (classic Mac OS) line endings are read as LF, so they give the same record as LF (the
/// Markdown parser treats CRLF differently inside code spans).
///
/// Should a bug make extraction panic all the same, the panic is caught: the record holds
/// only what the file name gives, with an error diagnostic, and the other posts are unharmed.
pub(crate) fn extract_post(
    path: &str,
    shown_path: &str,
    text: &str,
    options: &ExtractOptions,
) -> PostRecord {
    let text = as_lf_line_endings(text);
    catch_panic(path, shown_path, || {
        extract(path, shown_path, &text, options)
    })
}

/// Runs `extract`, turning a panic into a record built from the file name alone.
fn catch_panic(path: &str, shown_path: &str, extract: impl FnOnce() -> PostRecord) -> PostRecord {
    let panic = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(extract)) {
        Ok(record) => return record,
        Err(panic) => panic,
    };
    let what = panic_message(&*panic);
    let stem = stem_of(path);
    let (file_date, slug) = split_date_prefix(stem);
    PostRecord {
        path: path.to_string(),
        shown_path: shown_path.to_string(),
        slug: slug.to_string(),
        title: stem.to_string(),
        date: file_date.map(format_date),
        diagnostics: vec![Diagnostic::error(
            shown_path,
            None,
            DiagnosticKind::Internal { what },
        )],
        ..PostRecord::default()
    }
}

/// `text` with CRLF and lone CR line endings turned into LF (the same lines).
fn as_lf_line_endings(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The file name of `path` without its extension (a dot file keeps its name).
fn stem_of(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.rsplit_once('.')
        .filter(|(stem, _)| !stem.is_empty())
        .map_or(file, |(stem, _)| stem)
}

fn extract(path: &str, shown_path: &str, text: &str, options: &ExtractOptions) -> PostRecord {
    let mut diagnostics = Vec::new();
    diagnostics.extend(forbidden_chars::forbidden_characters(shown_path, text));
    let stem = stem_of(path);
    let (file_date, slug) = split_date_prefix(stem);

    let split = front_matter::split(shown_path, text, &mut diagnostics);
    let block = split.block.as_ref();
    let fm = block
        .map(|block| front_matter::parse(shown_path, block, &mut diagnostics))
        .unwrap_or_default();

    let mut date_of = |keys: &[&str], raw: &Option<String>| {
        let raw = raw.as_deref()?;
        Some(front_matter::checked_date(
            shown_path,
            block,
            keys,
            raw,
            &mut diagnostics,
        ))
    };
    let updated = date_of(&["updated", "lastmod"], &fm.updated);
    let created = date_of(&["created"], &fm.created);
    let date = date_of(&["date"], &fm.date)
        .or_else(|| file_date.map(format_date))
        .or_else(|| created.clone());

    let generic_keys: Vec<String> = options
        .generic_headings
        .iter()
        .map(|h| outline::template_key(&outline::heading_key(h)))
        .collect();
    // A Jekyll post (named `YYYY-M-D-slug`) is read as Jekyll reads it: without a front-matter
    // title it is titled by its file name, and `#word` is text (prose or code), not a tag.
    let jekyll_post = file_date.is_some();
    let metadata = markdown::BodyMetadata {
        title_from_heading: fm.title.is_none() && !jekyll_post,
        inline_tags: options.inline_tags && !jekyll_post,
    };
    let body = markdown::extract_body(
        shown_path,
        path,
        text,
        split.body_offset,
        &markdown::BodySettings {
            generic_keys: &generic_keys,
            site_hosts: &options.site_hosts,
            metadata,
        },
        &mut diagnostics,
    );
    let (title, title_source) = match (fm.title, body.title) {
        (Some(title), _) => (title, TitleSource::FrontMatter),
        (None, Some(title)) => (title, TitleSource::Heading),
        (None, None) => (stem.to_string(), TitleSource::FileName),
    };
    let series = series::series_of_title(&title);
    let mut tags = fm.tags;
    for tag in &body.tags {
        if !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }

    PostRecord {
        path: path.to_string(),
        shown_path: shown_path.to_string(),
        slug: slug.to_string(),
        title,
        title_source,
        date,
        categories: fm.categories,
        tag_parents: tag_tree::tag_parents(&body.tags),
        tags,
        series,
        permalink: fm.permalink,
        front_matter_slug: fm.slug,
        url: fm.url,
        aliases: fm.aliases,
        weight: fm.weight,
        draft: fm.draft,
        updated,
        created,
        sections: body.sections,
        citations: body.citations,
        post_links: body.post_links,
        diagnostics,
    }
}
