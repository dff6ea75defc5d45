//! Any front-matter value, read without failing: [`Tree`], from YAML, JSON (both through serde)
//! or TOML (from its own values, whose dates serde cannot see).

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::yaml::{Many, Scalar};

/// A front-matter value: scalars as text, lists, and tables with their keys in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) enum Tree {
    /// A string, number, boolean or date, as text.
    Text(String),
    /// A list.
    List(Vec<Tree>),
    /// A table (map) with text keys; entries with other keys are dropped.
    Table(Vec<(String, Tree)>),
    /// Null, or a value of no use.
    #[default]
    Nothing,
}

impl Tree {
    /// The value as one scalar; lists and tables are none.
    pub(super) fn into_scalar(self) -> Option<Scalar> {
        match self {
            Tree::Text(text) => Some(Scalar(text)),
            _ => None,
        }
    }

    /// The value as one value or a list (nested lists and tables dropped).
    pub(super) fn into_many(self) -> Option<Many> {
        match self {
            Tree::Text(text) => Some(Many::one(text)),
            Tree::List(items) => Some(Many {
                items: items
                    .into_iter()
                    .filter_map(|i| i.into_scalar())
                    .map(|s| s.0)
                    .collect(),
                list: true,
            }),
            Tree::Table(_) | Tree::Nothing => None,
        }
    }

    /// A TOML value; dates are written as TOML writes them (`2024-01-02`, `2024-01-02T10:00:00Z`).
    pub(super) fn from_toml(value: toml::Value) -> Tree {
        match value {
            toml::Value::String(s) => Tree::Text(s),
            toml::Value::Integer(i) => Tree::Text(i.to_string()),
            toml::Value::Float(f) => Tree::Text(f.to_string()),
            toml::Value::Boolean(b) => Tree::Text(b.to_string()),
            toml::Value::Datetime(d) => Tree::Text(d.to_string()),
            toml::Value::Array(items) => {
                Tree::List(items.into_iter().map(Tree::from_toml).collect())
            }
            toml::Value::Table(table) => Tree::Table(
                table
                    .into_iter()
                    .map(|(k, v)| (k, Tree::from_toml(v)))
                    .collect(),
            ),
        }
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::Text(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Tree, E> {
        Ok(Tree::Text(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tree, E> {
        Ok(Tree::Text(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tree, E> {
        Ok(Tree::Text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Tree, E> {
        Ok(Tree::Text(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Tree, E> {
        Ok(Tree::Text(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Nothing)
    }
    fn visit_none<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Nothing)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        Tree::deserialize(d)
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Tree, E> {
        Ok(Tree::Nothing)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Tree>()? {
            items.push(item);
        }
        Ok(Tree::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Tree>()? {
            match key {
                Tree::Text(key) => entries.push((key, map.next_value::<Tree>()?)),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Tree::Table(entries))
    }
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}
