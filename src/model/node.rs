//! Nodes: their kinds, their ids, and the node that carries them with its [`Attrs`].

use std::borrow::Cow;
use std::fmt;

// Siblings (the builder, the graph) name the attribute types through here too.
pub(super) use super::attrs::{Attr, AttrValue, Attrs};
use crate::text::is_xml_char;

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    /// A Markdown post.
    Post,
    /// A heading, shared by every post that uses the same text.
    Topic,
    /// A cited URL (canonical).
    Resource,
    /// The host of resources.
    Domain,
    /// A front-matter category.
    Category,
    /// A front-matter tag.
    Tag,
    /// A numbered series of posts.
    Series,
    /// A term shared by several posts, topics or resources.
    Keyword,
    /// A note that wikilinks name but nobody has written yet (Obsidian's unresolved link).
    Missing,
}

impl NodeKind {
    /// Every kind, in the order legends list them.
    pub const ALL: [NodeKind; 9] = [
        NodeKind::Post,
        NodeKind::Topic,
        NodeKind::Resource,
        NodeKind::Domain,
        NodeKind::Category,
        NodeKind::Tag,
        NodeKind::Series,
        NodeKind::Keyword,
        NodeKind::Missing,
    ];

    /// The name used in ids and in the `kind` attribute of every format.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Post => "post",
            NodeKind::Topic => "topic",
            NodeKind::Resource => "resource",
            NodeKind::Domain => "domain",
            NodeKind::Category => "category",
            NodeKind::Tag => "tag",
            NodeKind::Series => "series",
            NodeKind::Keyword => "keyword",
            NodeKind::Missing => "missing",
        }
    }

    /// The kind named `name`, if any.
    pub fn parse(name: &str) -> Option<NodeKind> {
        NodeKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl fmt::Display for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A node's stable identity, printed `kind:key` (e.g. `topic:多模态`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId {
    /// The node's kind.
    pub kind: NodeKind,
    /// Unique within the kind.
    pub key: String,
}

impl NodeId {
    /// The id of the `kind` node keyed `key`, without the characters XML 1.0 forbids.
    ///
    /// The XML and DOT exports cannot carry those characters (U+0000–U+0008, U+000B, U+000C,
    /// U+000E–U+001F, U+FFFE, U+FFFF), so they are dropped here, from the identity itself: every
    /// format then writes the same id, and two keys that differ only by them are one node.
    pub fn new(kind: NodeKind, key: impl Into<String>) -> Self {
        let mut key = key.into();
        if !key.chars().all(is_xml_char) {
            key.retain(is_xml_char);
        }
        NodeId { kind, key }
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.as_str(), self.key)
    }
}

/// A node of the knowledge graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Stable identity.
    pub id: NodeId,
    /// Human-readable label (may hold any Unicode; exporters escape it).
    pub label: String,
    /// Typed attributes, sorted by attribute.
    pub attrs: Attrs,
}

impl Node {
    /// A node labelled by its key, without attributes: the smallest node a test needs.
    #[cfg(test)]
    pub(crate) fn bare(kind: NodeKind, key: &str) -> Node {
        Node {
            id: NodeId::new(kind, key),
            label: key.to_string(),
            attrs: super::Attrs::new(),
        }
    }

    /// The node's kind.
    pub fn kind(&self) -> NodeKind {
        self.id.kind
    }

    /// The value of `attr`, if stored (see [`Node::attributes`] for the derived `url`).
    pub fn attr(&self, attr: Attr) -> Option<&AttrValue> {
        self.attrs.get(&attr)
    }

    /// The value of `attr` as [`Node::attributes`] lists it: stored, or a resource's derived `url`.
    pub fn attribute(&self, attr: Attr) -> Option<Cow<'_, AttrValue>> {
        match self.attrs.get(&attr) {
            Some(value) => Some(Cow::Borrowed(value)),
            None if attr == Attr::Url && self.kind() == NodeKind::Resource => {
                Some(Cow::Owned(AttrValue::text(self.id.key.as_str())))
            }
            None => None,
        }
    }

    /// Every attribute in [`Attr`] order: the stored ones, and a resource's `url`.
    ///
    /// A resource's `url` is its id key unless one is stored: it is derived here rather than
    /// stored, because a copy of every URL would be a tenth of a large blog's graph in memory.
    pub fn attributes(&self) -> impl Iterator<Item = (Attr, Cow<'_, AttrValue>)> + '_ {
        let derived_url = (self.kind() == NodeKind::Resource
            && self.attrs.get(&Attr::Url).is_none())
        .then(|| (Attr::Url, Cow::Owned(AttrValue::text(self.id.key.as_str()))));
        let before = self.attrs.iter().take_while(|(&a, _)| a < Attr::Url);
        let after = self.attrs.iter().skip_while(|(&a, _)| a < Attr::Url);
        before
            .map(stored)
            .chain(derived_url)
            .chain(after.map(stored))
    }
}

/// A stored attribute as [`Node::attributes`] yields it.
fn stored<'a>((&attr, value): (&'a Attr, &'a AttrValue)) -> (Attr, Cow<'a, AttrValue>) {
    (attr, Cow::Borrowed(value))
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resource_url_is_derived_from_its_key_in_attribute_order() {
        let mut node = Node {
            id: NodeId::new(NodeKind::Resource, "https://e.com/a"),
            label: "a".into(),
            attrs: Attrs::new(),
        };
        node.attrs.insert(Attr::Citations, AttrValue::Int(2));
        node.attrs.insert(Attr::Level, AttrValue::Int(1));
        let listed = |node: &Node| -> Vec<(Attr, AttrValue)> {
            node.attributes()
                .map(|(a, v)| (a, v.into_owned()))
                .collect()
        };
        assert_eq!(
            listed(&node),
            [
                (Attr::Level, AttrValue::Int(1)),
                (Attr::Url, AttrValue::text("https://e.com/a")),
                (Attr::Citations, AttrValue::Int(2)),
            ]
        );
        assert_eq!(node.attr(Attr::Url), None);
        node.attrs.insert(Attr::Url, AttrValue::text("stored"));
        assert_eq!(listed(&node)[1], (Attr::Url, AttrValue::text("stored")));
        assert_eq!(listed(&node).len(), 3);
        node.id.kind = NodeKind::Topic;
        node.attrs.remove(&Attr::Url);
        assert!(listed(&node).iter().all(|(a, _)| *a != Attr::Url));
    }

    #[test]
    fn ids_drop_the_characters_xml_forbids() {
        let id = NodeId::new(
            NodeKind::Topic,
            "a\u{7}b\u{0}\u{1F}\u{FFFE}\u{FFFF}c\td\u{85}🧠",
        );
        assert_eq!(id.key, "abc\td\u{85}🧠");
        assert_eq!(id, NodeId::new(NodeKind::Topic, "abc\td\u{85}🧠"));
        assert_eq!(NodeId::new(NodeKind::Tag, "\u{7}").key, "");
    }
}
