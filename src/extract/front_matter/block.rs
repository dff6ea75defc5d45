//! Where the front matter is: the `---` (YAML), `+++` (TOML) or `{ … }` (JSON) block split off
//! the body, and the lines within it.

use crate::diagnostic::{Diagnostic, DiagnosticKind};

/// The language a front-matter block is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// Between `---` lines (Jekyll, Hugo, Obsidian, Foam, Dendron).
    Yaml,
    /// Between `+++` lines (Hugo, Zola).
    Toml,
    /// A `{ … }` object at the top of the file (Hugo).
    Json,
}

/// A front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Block<'a> {
    /// Its language.
    pub(crate) syntax: Syntax,
    /// The text to parse: between the delimiters, or the whole JSON object.
    pub(crate) text: &'a str,
    /// 1-based file line of the first line of `text`.
    pub(crate) first_line: usize,
}

/// Where a post's front matter ends and its body begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The front matter, if the post has a (terminated) block.
    pub(crate) block: Option<Block<'a>>,
    /// 1-based line of the opening delimiter.
    pub(crate) start_line: usize,
    /// Byte offset of the body in the file.
    pub(crate) body_offset: usize,
    /// 1-based line the body starts on.
    pub(crate) body_line: usize,
}

/// Lines of `text` with their byte offsets, without their `\n` / `\r\n` endings.
pub(super) fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = offset;
        offset += line.len();
        let line = line.strip_suffix('\n').unwrap_or(line);
        (start, line.strip_suffix('\r').unwrap_or(line))
    })
}

/// Splits the front matter off `text` (after an optional BOM): a first line `---` closed by `---`
/// or `...`, a first line `+++` closed by `+++`, or a JSON object opening the first line and
/// ending a line. An unclosed `---` or `+++` block gives a warning and counts as body.
pub(crate) fn split<'t>(path: &str, text: &'t str, diagnostics: &mut Vec<Diagnostic>) -> Split<'t> {
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let no_block = Split {
        block: None,
        start_line: 1,
        body_offset: start,
        body_line: 1,
    };
    let mut lines = lines_with_offsets(&text[start..]).map(|(o, l)| (o + start, l));
    let Some((_, first)) = lines.next() else {
        return no_block;
    };
    let (syntax, closers, unterminated) = match first.trim_end() {
        "---" => (
            Syntax::Yaml,
            &["---", "..."][..],
            DiagnosticKind::UnterminatedFrontMatter,
        ),
        "+++" => (
            Syntax::Toml,
            &["+++"][..],
            DiagnosticKind::UnterminatedTomlFrontMatter,
        ),
        _ => return split_json(text, start).unwrap_or(no_block),
    };
    let block_start = start + first.len() + line_ending_len(&text[start + first.len()..]);
    for (number, (offset, line)) in lines.enumerate() {
        if closers.contains(&line.trim_end()) {
            return Split {
                block: Some(Block {
                    syntax,
                    text: &text[block_start..offset],
                    first_line: 2,
                }),
                start_line: 1,
                body_offset: after_line(text, offset, line),
                body_line: number + 3,
            };
        }
    }
    diagnostics.push(Diagnostic::warning(path, Some(1), unterminated));
    no_block
}

/// A JSON object at byte `start` whose closing brace ends a line. An object that does not parse
/// counts when its first line is `{` or starts a key (`{"`) and a later line is `}`: the parser
/// then says what is wrong with it.
fn split_json(text: &str, start: usize) -> Option<Split<'_>> {
    let rest = &text[start..];
    let first = rest.lines().next().unwrap_or_default().trim();
    if !first.starts_with('{') || first.starts_with("{{") || first.starts_with("{%") {
        return None;
    }
    let mut values = serde_json::Deserializer::from_str(rest).into_iter::<serde::de::IgnoredAny>();
    let end = match values.next() {
        Some(Ok(_)) => Some(start + values.byte_offset()),
        _ => None,
    };
    let end = match end {
        Some(end) => {
            let tail = text[end..].split('\n').next().unwrap_or_default();
            if !tail.trim().is_empty() {
                return None;
            }
            end
        }
        None if first == "{" || first.starts_with("{\"") => lines_with_offsets(rest)
            .skip(1)
            .find(|(_, line)| line.trim_end() == "}")
            .map(|(offset, line)| start + offset + line.len())?,
        None => return None,
    };
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let body_offset = (line_end + 1).min(text.len());
    Some(Split {
        block: Some(Block {
            syntax: Syntax::Json,
            text: &text[start..end],
            first_line: 1,
        }),
        start_line: 1,
        body_offset,
        body_line: text[..body_offset].matches('\n').count() + 1,
    })
}

/// The offset just past `line` (which starts at `offset`) and its line ending.
fn after_line(text: &str, offset: usize, line: &str) -> usize {
    offset + line.len() + line_ending_len(&text[offset + line.len()..])
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

/// The 1-based file line of the top-level `key` in `block`: `key:` in YAML, `key =` in TOML,
/// `"key":` in JSON.
pub(crate) fn key_line(block: &Block<'_>, key: &str) -> Option<usize> {
    let quoted = format!("\"{key}\"");
    let names_key = |line: &str| match block.syntax {
        Syntax::Yaml => starts_with_key(line, key, ':'),
        Syntax::Toml => starts_with_key(line.trim_start(), key, '='),
        Syntax::Json => starts_with_key(line.trim_start_matches([' ', '\t', '{']), &quoted, ':'),
    };
    lines_with_offsets(block.text)
        .position(|(_, line)| names_key(line))
        .map(|i| block.first_line + i)
}

fn starts_with_key(line: &str, key: &str, separator: char) -> bool {
    line.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with(separator))
}
