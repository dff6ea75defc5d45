//! The front-matter fields as written ([`Raw`]), from any syntax, and how they become a
//! [`FrontMatter`].

use serde::Deserialize;

use super::tree::Tree;
use super::yaml::{Many, Scalar};
use super::{non_empty, push_unique, FrontMatter};

/// The front matter as written; unknown keys are ignored.
///
/// YAML fills it through serde: the fields kgraph read first keep their strict types (a list
/// where a title belongs makes the block invalid, as it always did), the later ones are
/// [`Tree`]s, which never fail. TOML and JSON fill it key by key ([`Raw::set`]).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Raw {
    pub(super) title: Option<Scalar>,
    pub(super) category: Option<Many>,
    pub(super) categories: Option<Many>,
    pub(super) tags: Option<Many>,
    pub(super) tag: Option<Many>,
    pub(super) date: Option<Scalar>,
    pub(super) permalink: Option<Scalar>,
    lastmod: Option<Tree>,
    updated: Option<Tree>,
    created: Option<Tree>,
    draft: Option<Tree>,
    aliases: Option<Tree>,
    slug: Option<Tree>,
    url: Option<Tree>,
    weight: Option<Tree>,
    /// Zola: `tags` and `categories` under `[taxonomies]`.
    taxonomies: Option<Tree>,
}

impl Raw {
    /// Raw fields from the top-level table of a TOML or JSON block.
    pub(super) fn from_table(entries: Vec<(String, Tree)>) -> Raw {
        let mut raw = Raw::default();
        for (key, value) in entries {
            raw.set(&key, value);
        }
        raw
    }

    /// Sets the field `key` (other keys are ignored).
    pub(super) fn set(&mut self, key: &str, value: Tree) {
        match key {
            "title" => self.title = value.into_scalar(),
            "date" => self.date = value.into_scalar(),
            "permalink" => self.permalink = value.into_scalar(),
            "category" => self.category = value.into_many(),
            "categories" => self.categories = value.into_many(),
            "tags" => self.tags = value.into_many(),
            "tag" => self.tag = value.into_many(),
            "lastmod" => self.lastmod = Some(value),
            "updated" => self.updated = Some(value),
            "created" => self.created = Some(value),
            "draft" => self.draft = Some(value),
            "aliases" => self.aliases = Some(value),
            "slug" => self.slug = Some(value),
            "url" => self.url = Some(value),
            "weight" => self.weight = Some(value),
            "taxonomies" => self.taxonomies = Some(value),
            _ => {}
        }
    }

    pub(super) fn into_front_matter(self) -> FrontMatter {
        let taxonomy = |name: &str| -> Option<Many> {
            match &self.taxonomies {
                Some(Tree::Table(entries)) => entries
                    .iter()
                    .find(|(k, _)| k == name)
                    .and_then(|(_, v)| v.clone().into_many()),
                _ => None,
            }
        };
        let mut categories = Vec::new();
        // Jekyll: `category` is one category; a `categories` string is space-separated.
        for item in self.category.iter().flat_map(|m| &m.items) {
            push_unique(&mut categories, item);
        }
        for many in self.categories.iter().chain(&taxonomy("categories")) {
            many.words(false)
                .for_each(|w| push_unique(&mut categories, w));
        }
        // Tags: a list, or one string separated by spaces or commas.
        let mut tags = Vec::new();
        for many in self.tags.iter().chain(&self.tag).chain(&taxonomy("tags")) {
            many.words(true).for_each(|w| push_unique(&mut tags, w));
        }
        let mut aliases = Vec::new();
        for alias in self
            .aliases
            .and_then(Tree::into_many)
            .iter()
            .flat_map(|m| &m.items)
        {
            push_unique(&mut aliases, alias);
        }
        FrontMatter {
            title: self.title.and_then(|s| non_empty(&s.0)),
            categories,
            tags,
            date: self.date.and_then(|s| non_empty(&s.0)),
            permalink: self.permalink.and_then(|s| non_empty(&s.0)),
            updated: text_of(self.updated).or_else(|| text_of(self.lastmod)),
            created: text_of(self.created),
            draft: text_of(self.draft).is_some_and(|d| d.eq_ignore_ascii_case("true")),
            aliases,
            slug: text_of(self.slug),
            url: text_of(self.url),
            weight: text_of(self.weight).and_then(|w| w.parse().ok()),
        }
    }
}

/// A scalar's text, trimmed, if it has any.
fn text_of(value: Option<Tree>) -> Option<String> {
    value
        .and_then(Tree::into_scalar)
        .and_then(|s| non_empty(&s.0))
}
