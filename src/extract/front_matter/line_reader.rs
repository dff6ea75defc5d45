//! The fallback for a block that does not parse: a line-based `key: value` reader (`key = value`
//! in TOML, `"key": value,` in JSON).

use std::borrow::Cow;

use super::block::{lines_with_offsets, Syntax};
use super::raw::Raw;
use super::tree::Tree;
use super::yaml::{Many, Scalar};
use super::FrontMatter;

/// Salvages `key: value` lines (and `- item` lists under a key) from a block that does not parse.
pub(super) fn parse_lines(text: &str, syntax: Syntax) -> FrontMatter {
    let mut raw = Raw::default();
    let mut current: Option<(String, Many)> = None;
    for (_, line) in lines_with_offsets(text) {
        let line = as_yaml_line(line, syntax);
        let line = line.as_ref();
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
            set_field(&mut raw, &k, many);
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
        current = Some((key.to_string(), many));
    }
    if let Some((k, many)) = current.take() {
        set_field(&mut raw, &k, many);
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
        _ => raw.set(key, tree_of(many)),
    }
}

fn tree_of(many: Many) -> Tree {
    let mut items = many.items.into_iter().map(Tree::Text);
    match (many.list, items.len()) {
        (false, 1) => items.next().unwrap_or_default(),
        (false, _) => Tree::Nothing,
        (true, _) => Tree::List(items.collect()),
    }
}

/// A TOML `key = value` or JSON `"key": value,` line as the YAML line `key: value`.
fn as_yaml_line(line: &str, syntax: Syntax) -> Cow<'_, str> {
    match syntax {
        Syntax::Yaml => Cow::Borrowed(line),
        Syntax::Toml => match line.split_once('=') {
            Some((key, value)) if !key.contains(['"', '\'', '[']) => {
                Cow::Owned(format!("{}: {}", key.trim(), value.trim()))
            }
            _ => Cow::Borrowed(""),
        },
        Syntax::Json => {
            let line = line
                .trim()
                .trim_start_matches('{')
                .trim_end_matches([',', '}']);
            match line
                .trim()
                .strip_prefix('"')
                .and_then(|l| l.split_once("\":"))
            {
                Some((key, value)) => Cow::Owned(format!("{key}: {}", value.trim())),
                None => Cow::Borrowed(""),
            }
        }
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
