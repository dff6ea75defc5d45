//! mdBook's `SUMMARY.md`: the book's table of contents, which is no post; the link text of each
//! chapter in it is the chapter's title, as mdBook shows it.

use std::path::Path;

use rustc_hash::FxHashMap;

use crate::discover::SourceFile;
use crate::extract::{join, Joined};

/// The mdBook tables of contents among the files of a corpus, and the chapter titles they give.
#[derive(Debug, Default)]
pub(super) struct Books {
    /// Relative paths of the tables of contents.
    summaries: Vec<String>,
    /// Chapter title by the chapter's relative path.
    titles: FxHashMap<String, String>,
}

impl Books {
    /// Reads every `SUMMARY.md` among `files` that is a table of contents (see [`is_book_summary`]).
    pub(super) fn find(files: &[SourceFile]) -> Books {
        let mut books = Books::default();
        for file in files {
            if file
                .path
                .file_name()
                .is_none_or(|name| name != "SUMMARY.md")
            {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&file.path) else {
                continue;
            };
            let Some(chapters) = chapter_titles(file, &text) else {
                continue;
            };
            for (path, title) in chapters {
                books.titles.entry(path).or_insert(title);
            }
            books.summaries.push(file.rel_path.clone());
        }
        books
    }

    /// Whether `file` is a table of contents.
    pub(super) fn is_summary(&self, file: &SourceFile) -> bool {
        self.summaries.contains(&file.rel_path)
    }

    /// The title the table of contents gives the chapter at `path`.
    pub(super) fn title_of(&self, path: &str) -> Option<&str> {
        self.titles.get(path).map(String::as_str)
    }
}

/// When `file` (whose text is `text`) is an mdBook table of contents: (chapter path, title) of
/// each chapter it lists inside the input folder, in order. The name `SUMMARY.md` is the
/// caller's check.
pub(crate) fn chapter_titles(file: &SourceFile, text: &str) -> Option<Vec<(String, String)>> {
    if !is_book_summary(file, text) {
        return None;
    }
    let chapters = chapter_links(text)
        .into_iter()
        // A chapter outside the input folder is not among the posts.
        .filter_map(
            |(destination, title)| match join(&file.rel_path, destination) {
                Joined::Inside(path) => Some((path, title)),
                Joined::Outside(_) => None,
            },
        )
        .collect();
    Some(chapters)
}

/// Whether `file` (whose text is `text`) is an mdBook table of contents: a file named
/// `SUMMARY.md` with a `book.toml` in its folder or the one above (mdBook keeps `SUMMARY.md` in
/// the book's `src/`), or whose lines are only headings, separators and links, with at least one
/// list item linking to a `.md` chapter (a book copied without its `book.toml`).
fn is_book_summary(file: &SourceFile, text: &str) -> bool {
    has_book_toml(&file.path) || is_table_of_contents(text)
}

fn has_book_toml(summary: &Path) -> bool {
    summary
        .ancestors()
        .skip(1)
        .take(2)
        .any(|folder| folder.join("book.toml").is_file())
}

/// Whether every line of `text` is blank, a heading, a separator, an HTML comment or a link
/// (`[Title](chapter.md)`, `- [Title](chapter.md)`, `1. [Title]()`), with at least one list item
/// linking to a `.md` file.
fn is_table_of_contents(text: &str) -> bool {
    let mut chapters = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty()
            || line.starts_with('#')
            || line.chars().all(|c| matches!(c, '-' | '*' | '_' | ' '))
            || (line.starts_with("<!--") && line.ends_with("-->"))
        {
            continue;
        }
        let item = strip_list_marker(line);
        let Some(destination) = whole_link_destination(item) else {
            return false;
        };
        let path = destination.split('#').next().unwrap_or_default();
        if item.len() < line.len() && path.ends_with(".md") {
            chapters += 1;
        }
    }
    chapters > 0
}

/// `item` without a leading `- `, `* `, `+ ` or `1. ` list marker.
fn strip_list_marker(line: &str) -> &str {
    if let Some(rest) = line.strip_prefix(['-', '*', '+']) {
        if rest.starts_with(' ') {
            return rest.trim_start();
        }
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    match line[digits..].strip_prefix(['.', ')']) {
        Some(rest) if digits > 0 && rest.starts_with(' ') => rest.trim_start(),
        _ => line,
    }
}

/// The destination of `text` when it is one whole `[title](destination)` link.
fn whole_link_destination(text: &str) -> Option<&str> {
    whole_link(text).map(|(_, destination)| destination)
}

/// `(title, destination)` when `text` is one whole `[title](destination)` link.
fn whole_link(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('[')?.strip_suffix(')')?;
    let (title, destination) = inner.rsplit_once("](")?;
    Some((title.trim(), destination.trim()))
}

/// `(destination, title)` of each chapter link of a table of contents, in order; the title as
/// plain text (code spans' backticks dropped).
fn chapter_links(text: &str) -> Vec<(&str, String)> {
    text.lines()
        .filter_map(|line| whole_link(strip_list_marker(line.trim())))
        .filter(|(title, destination)| !title.is_empty() && !destination.is_empty())
        .map(|(title, destination)| {
            let path = destination.split('#').next().unwrap_or_default();
            (path, title.replace('`', ""))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_chapter_links_is_a_table_of_contents() {
        let summary = "# Summary\n\n[Preface](preface.md)\n\n- [One](ch1.md)\n  - [One, part](ch1-1.md#top)\n\
                       - [Draft]()\n\n---\n\n# Part two\n\n1. [Two](two/index.md)\n<!-- a note -->\n";
        assert!(is_table_of_contents(summary));
    }

    #[test]
    fn prose_or_prefix_links_alone_are_not() {
        for text in [
            "# Summary\n\nThis month I read:\n\n- [One](ch1.md)\n",
            "[Preface](preface.md)\n[Intro](intro.md)\n",
            "- [A site](https://example.org)\n",
            "- [One](ch1.md) and more\n",
            "",
        ] {
            assert!(!is_table_of_contents(text), "{text:?}");
        }
    }

    #[test]
    fn chapters_are_titled_by_their_link_text() {
        let summary = "# Summary\n[Preface](./preface.md)\n- [The `match` arm](ch6/match.md#x)\n  - [Draft]()\n";
        assert_eq!(
            chapter_links(summary),
            [
                ("./preface.md", "Preface".to_string()),
                ("ch6/match.md", "The match arm".to_string())
            ]
        );
    }

    #[test]
    fn list_markers_are_dropped() {
        assert_eq!(strip_list_marker("- [a](b)"), "[a](b)");
        assert_eq!(strip_list_marker("12. [a](b)"), "[a](b)");
        assert_eq!(strip_list_marker("-[a](b)"), "-[a](b)");
        assert_eq!(strip_list_marker("2024 notes"), "2024 notes");
    }
}
