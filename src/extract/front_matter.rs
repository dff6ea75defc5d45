//! Front matter of every kind: splits the YAML (`---`), TOML (`+++`) or JSON (`{ … }`) block off
//! the body and reads the fields kgraph uses (title, dates, draft, categories, tags and Zola's
//! taxonomies, aliases, slug, url, permalink, weight) into one [`FrontMatter`].
//!
//! YAML is read with serde-saphyr, TOML with the `toml` crate, JSON with serde_json. When a block
//! does not parse, a warning is emitted and a line-based `key: value` reader salvages what it can,
//! so a post keeps its title and category.

mod block;
mod dates;
mod line_reader;
mod raw;
#[cfg(test)]
mod tests;
mod tree;
mod yaml;

use serde_saphyr::{DefaultMessageFormatter, MessageFormatter};

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::text::has_visible_text;
pub(crate) use block::{key_line, split, Block, Syntax};
pub(crate) use dates::normalise_date;
use raw::Raw;
use tree::Tree;

/// The front-matter fields kgraph uses, cleaned up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    pub(crate) title: Option<String>,
    /// From `category`, `categories` and Zola's `taxonomies.categories`.
    pub(crate) categories: Vec<String>,
    /// From `tags`, `tag` and Zola's `taxonomies.tags`.
    pub(crate) tags: Vec<String>,
    /// As written: normalised by [`normalise_date`] later.
    pub(crate) date: Option<String>,
    pub(crate) permalink: Option<String>,
    /// `updated`, else Hugo's `lastmod`; as written.
    pub(crate) updated: Option<String>,
    /// As written (Dendron: epoch milliseconds).
    pub(crate) created: Option<String>,
    /// `draft: true`.
    pub(crate) draft: bool,
    /// Hugo's `aliases`: further URLs of the page.
    pub(crate) aliases: Vec<String>,
    /// Replaces the last segment of the page's URL (Hugo, Zola).
    pub(crate) slug: Option<String>,
    /// The page's whole URL (Hugo).
    pub(crate) url: Option<String>,
    /// Order among siblings (Hugo, Zola).
    pub(crate) weight: Option<i64>,
}

/// Why a block does not parse: the parser's message and the file line it points at.
struct Invalid {
    reason: String,
    line: usize,
}

/// Reads a front-matter block; a block that does not parse gives a warning and is read line by line.
pub(crate) fn parse(
    path: &str,
    block: &Block<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> FrontMatter {
    if block.text.trim().is_empty() {
        return FrontMatter::default();
    }
    let parsed = match block.syntax {
        Syntax::Yaml => parse_yaml(block),
        Syntax::Toml => parse_toml(block),
        Syntax::Json => parse_json(block),
    };
    match parsed {
        Ok(raw) => raw.into_front_matter(),
        Err(Invalid { reason, line }) => {
            diagnostics.push(Diagnostic::warning(
                path,
                Some(line),
                DiagnosticKind::InvalidFrontMatter { reason },
            ));
            line_reader::parse_lines(block.text, block.syntax)
        }
    }
}

fn parse_yaml(block: &Block<'_>) -> Result<Raw, Invalid> {
    serde_saphyr::from_str::<Raw>(block.text).map_err(|err| {
        let err = err.without_snippet();
        let line = err
            .location()
            .map(|loc| block.first_line + (loc.line() as usize).saturating_sub(1));
        let message = DefaultMessageFormatter.format_message(err);
        let message = message.lines().next().unwrap_or_default();
        // Drop advice meant for programmers using the library, not for authors.
        let message = message
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(message)
            .trim_end_matches('.');
        Invalid {
            reason: message.to_string(),
            line: line.unwrap_or(block.first_line),
        }
    })
}

fn parse_toml(block: &Block<'_>) -> Result<Raw, Invalid> {
    match toml::from_str::<toml::Table>(block.text) {
        Ok(table) => Ok(Raw::from_table(
            table
                .into_iter()
                .map(|(k, v)| (k, Tree::from_toml(v)))
                .collect(),
        )),
        Err(err) => {
            let offset = err.span().map_or(0, |span| span.start);
            let before = block.text.get(..offset).unwrap_or(block.text);
            Err(Invalid {
                reason: first_line_of(err.message()),
                line: block.first_line + before.matches('\n').count(),
            })
        }
    }
}

fn parse_json(block: &Block<'_>) -> Result<Raw, Invalid> {
    match serde_json::from_str::<Tree>(block.text) {
        Ok(Tree::Table(entries)) => Ok(Raw::from_table(entries)),
        Ok(_) => Ok(Raw::default()),
        Err(err) => {
            let message = err.to_string();
            // serde_json ends its message with the place, which the diagnostic already gives.
            let reason = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m);
            Err(Invalid {
                reason: first_line_of(reason),
                line: block.first_line + err.line().saturating_sub(1),
            })
        }
    }
}

fn first_line_of(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default();
    line.trim().trim_end_matches('.').to_string()
}

/// `raw`, the value of the date field named by the first of `keys` found in `block`, as
/// `YYYY-MM-DD`; when it is no date, as written, with a warning at the field's line.
pub(crate) fn checked_date(
    path: &str,
    block: Option<&Block<'_>>,
    keys: &[&str],
    raw: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    if let Some(date) = normalise_date(raw) {
        return date;
    }
    let line = block
        .and_then(|block| keys.iter().find_map(|key| key_line(block, key)))
        .unwrap_or(1);
    diagnostics.push(Diagnostic::warning(
        path,
        Some(line),
        DiagnosticKind::OddDate {
            raw: raw.to_string(),
        },
    ));
    raw.to_string()
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
