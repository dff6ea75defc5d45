//! Node kinds, node ids and the typed attributes nodes carry.

use std::collections::BTreeMap;
use std::fmt;

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
}

impl NodeKind {
    /// Every kind, in the order legends list them.
    pub const ALL: [NodeKind; 8] = [
        NodeKind::Post,
        NodeKind::Topic,
        NodeKind::Resource,
        NodeKind::Domain,
        NodeKind::Category,
        NodeKind::Tag,
        NodeKind::Series,
        NodeKind::Keyword,
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
        if key.contains(is_forbidden_in_ids) {
            key.retain(|c| !is_forbidden_in_ids(c));
        }
        NodeId { kind, key }
    }
}

/// Whether `c` is one of the characters XML 1.0 forbids, which no node id holds.
pub(crate) fn is_forbidden_in_ids(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.as_str(), self.key)
    }
}

/// The value type of an attribute, as declared in typed formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    /// Text.
    String,
    /// A whole number.
    Int,
    /// A real number.
    Float,
}

/// A node attribute besides id, kind and label. Every format declares all of them, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Attr {
    /// Post: the file path.
    Path,
    /// Post: `YYYY-MM-DD`.
    Date,
    /// Post: categories joined with `; `.
    Category,
    /// Post: tags joined with `; `.
    Tags,
    /// Post: the series it belongs to.
    Series,
    /// Post: its part number in the series.
    Part,
    /// Topic: the smallest heading level it appears at.
    Level,
    /// Resource: canonical URL.
    Url,
    /// Resource: how many times it is cited across the corpus.
    Citations,
    /// Topic, resource, domain, category, tag, series, keyword: how many distinct posts use it.
    Posts,
    /// Keyword: how many posts, topics and resources mention it (document frequency).
    DocFreq,
    /// Keyword: its ranking score (see the `keywords` module).
    Score,
    /// Every node: edges into it, in the exported graph (see the `metrics` module).
    InDegree,
    /// Every node: edges out of it.
    OutDegree,
    /// Every node: edges into and out of it.
    Degree,
    /// Every node: the summed weights (occurrences) of its edges, in and out.
    WeightedDegree,
    /// Every node: its PageRank (damping 0.85, edge weights; the values sum to 1).
    Pagerank,
    /// Every node: its weakly connected component, 0 the largest.
    Component,
    /// Every node: its community (Louvain, modularity), 0 the largest.
    Community,
    /// Every node, when a layout ran: horizontal position, in [-1000, 1000].
    X,
    /// Every node, when a layout ran: vertical position, in [-1000, 1000].
    Y,
}

impl Attr {
    /// Every attribute, in declaration order.
    pub const ALL: [Attr; 21] = [
        Attr::Path,
        Attr::Date,
        Attr::Category,
        Attr::Tags,
        Attr::Series,
        Attr::Part,
        Attr::Level,
        Attr::Url,
        Attr::Citations,
        Attr::Posts,
        Attr::DocFreq,
        Attr::Score,
        Attr::InDegree,
        Attr::OutDegree,
        Attr::Degree,
        Attr::WeightedDegree,
        Attr::Pagerank,
        Attr::Component,
        Attr::Community,
        Attr::X,
        Attr::Y,
    ];

    /// The attribute's name in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            Attr::Path => "path",
            Attr::Date => "date",
            Attr::Category => "category",
            Attr::Tags => "tags",
            Attr::Series => "series",
            Attr::Part => "part",
            Attr::Level => "level",
            Attr::Url => "url",
            Attr::Citations => "citations",
            Attr::Posts => "posts",
            Attr::DocFreq => "doc_freq",
            Attr::Score => "score",
            Attr::InDegree => "in_degree",
            Attr::OutDegree => "out_degree",
            Attr::Degree => "degree",
            Attr::WeightedDegree => "weighted_degree",
            Attr::Pagerank => "pagerank",
            Attr::Component => "component",
            Attr::Community => "community",
            Attr::X => "x",
            Attr::Y => "y",
        }
    }

    /// Whether the attribute is a layout coordinate, which GEXF writes as `viz:position`.
    pub fn is_position(self) -> bool {
        matches!(self, Attr::X | Attr::Y)
    }

    /// The attribute's value type.
    pub fn ty(self) -> AttrType {
        match self {
            Attr::Part
            | Attr::Level
            | Attr::Citations
            | Attr::Posts
            | Attr::DocFreq
            | Attr::InDegree
            | Attr::OutDegree
            | Attr::Degree
            | Attr::WeightedDegree
            | Attr::Component
            | Attr::Community => AttrType::Int,
            Attr::Score | Attr::Pagerank | Attr::X | Attr::Y => AttrType::Float,
            Attr::Path | Attr::Date | Attr::Category | Attr::Tags | Attr::Series | Attr::Url => {
                AttrType::String
            }
        }
    }
}

/// An attribute's value.
#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue {
    /// Text.
    Str(String),
    /// A whole number.
    Int(i64),
    /// A finite real number.
    Float(f64),
}

impl fmt::Display for AttrValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttrValue::Str(s) => f.write_str(s),
            AttrValue::Int(i) => write!(f, "{i}"),
            AttrValue::Float(x) => write!(f, "{x}"),
        }
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
    pub attrs: BTreeMap<Attr, AttrValue>,
}

impl Node {
    /// The node's kind.
    pub fn kind(&self) -> NodeKind {
        self.id.kind
    }

    /// The value of `attr`, if set.
    pub fn attr(&self, attr: Attr) -> Option<&AttrValue> {
        self.attrs.get(&attr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
