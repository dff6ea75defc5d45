//! Node kinds, node ids and the typed attributes nodes carry.

use std::borrow::Cow;
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
///
/// Text is boxed so that a value takes 16 bytes and an attribute 24: every node carries a dozen
/// numbers (the metrics), and only a few attributes (post front matter, URLs) are text.
#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue {
    /// Text (see [`AttrValue::text`]).
    Str(Box<String>),
    /// A whole number.
    Int(i64),
    /// A finite real number.
    Float(f64),
}

impl AttrValue {
    /// A text value.
    pub fn text(s: impl Into<String>) -> AttrValue {
        AttrValue::Str(Box::new(s.into()))
    }
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

/// A node's typed attributes: at most one value per [`Attr`], iterated in [`Attr`] order.
///
/// A sorted vector without spare capacity. A graph can hold millions of nodes with a dozen
/// attributes or fewer each; a B-tree map spends a leaf with room for eleven entries on even one,
/// and three tree nodes on twelve.
#[derive(Clone, PartialEq, Default)]
pub struct Attrs {
    /// Sorted by attribute, one entry per attribute, capacity equal to length.
    entries: Vec<(Attr, AttrValue)>,
}

impl Attrs {
    /// No attributes.
    pub fn new() -> Self {
        Attrs::default()
    }

    /// The value of `attr`, if set.
    pub fn get(&self, attr: &Attr) -> Option<&AttrValue> {
        let i = self.position(*attr).ok()?;
        Some(&self.entries[i].1)
    }

    /// Sets `attr` to `value`, returning the value it replaces, if any.
    pub fn insert(&mut self, attr: Attr, value: AttrValue) -> Option<AttrValue> {
        match self.position(attr) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.reserve_exact(1);
                self.entries.insert(i, (attr, value));
                None
            }
        }
    }

    /// Unsets `attr`, returning its value, if it was set.
    pub fn remove(&mut self, attr: &Attr) -> Option<AttrValue> {
        let i = self.position(*attr).ok()?;
        let (_, value) = self.entries.remove(i);
        self.entries.shrink_to_fit();
        Some(value)
    }

    /// The value of `attr`, set to `default()` first if it was not set.
    pub fn get_or_insert_with(
        &mut self,
        attr: Attr,
        default: impl FnOnce() -> AttrValue,
    ) -> &mut AttrValue {
        let i = match self.position(attr) {
            Ok(i) => i,
            Err(i) => {
                self.entries.reserve_exact(1);
                self.entries.insert(i, (attr, default()));
                i
            }
        };
        &mut self.entries[i].1
    }

    /// The attributes and their values, in [`Attr`] order.
    pub fn iter(&self) -> AttrsIter<'_> {
        AttrsIter(self.entries.iter())
    }

    /// How many attributes are set.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no attribute is set.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Where `attr` is, or where it would go.
    fn position(&self, attr: Attr) -> Result<usize, usize> {
        self.entries.binary_search_by(|(a, _)| a.cmp(&attr))
    }
}

impl fmt::Debug for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Later values replace earlier ones for the same attribute.
impl Extend<(Attr, AttrValue)> for Attrs {
    fn extend<I: IntoIterator<Item = (Attr, AttrValue)>>(&mut self, iter: I) {
        let iter = iter.into_iter();
        // One allocation for a batch of new attributes (the metrics, the layout) instead of one
        // per attribute.
        self.entries.reserve_exact(iter.size_hint().0);
        for (attr, value) in iter {
            self.insert(attr, value);
        }
        if self.entries.capacity() > self.entries.len() {
            self.entries.shrink_to_fit();
        }
    }
}

/// Later values replace earlier ones for the same attribute.
impl FromIterator<(Attr, AttrValue)> for Attrs {
    fn from_iter<I: IntoIterator<Item = (Attr, AttrValue)>>(iter: I) -> Self {
        let mut attrs = Attrs::new();
        attrs.extend(iter);
        attrs
    }
}

impl<'a> IntoIterator for &'a Attrs {
    type Item = (&'a Attr, &'a AttrValue);
    type IntoIter = AttrsIter<'a>;

    fn into_iter(self) -> AttrsIter<'a> {
        self.iter()
    }
}

/// The attributes of an [`Attrs`] and their values, in [`Attr`] order.
#[derive(Debug, Clone)]
pub struct AttrsIter<'a>(std::slice::Iter<'a, (Attr, AttrValue)>);

impl<'a> Iterator for AttrsIter<'a> {
    type Item = (&'a Attr, &'a AttrValue);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(a, v)| (a, v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for AttrsIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(a, v)| (a, v))
    }
}

impl ExactSizeIterator for AttrsIter<'_> {}

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
    /// The node's kind.
    pub fn kind(&self) -> NodeKind {
        self.id.kind
    }

    /// The value of `attr`, if stored (see [`Node::attributes`] for the derived `url`).
    pub fn attr(&self, attr: Attr) -> Option<&AttrValue> {
        self.attrs.get(&attr)
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

    fn int(i: i64) -> AttrValue {
        AttrValue::Int(i)
    }

    #[test]
    fn attrs_iterate_in_attr_order_whatever_the_insertion_order() {
        let mut attrs = Attrs::new();
        for attr in [Attr::Y, Attr::Path, Attr::Pagerank, Attr::Level, Attr::X] {
            assert_eq!(attrs.insert(attr, int(attr as i64)), None);
        }
        let order: Vec<Attr> = attrs.iter().map(|(&a, _)| a).collect();
        assert_eq!(
            order,
            [Attr::Path, Attr::Level, Attr::Pagerank, Attr::X, Attr::Y]
        );
        for (&attr, value) in &attrs {
            assert_eq!(value, &int(attr as i64));
        }
        assert_eq!(attrs.len(), 5);
        assert!(!attrs.is_empty());
        assert!(Attrs::new().is_empty());
    }

    #[test]
    fn attrs_insert_replaces_and_remove_unsets() {
        let mut attrs: Attrs = [(Attr::Url, int(1)), (Attr::Posts, int(2))]
            .into_iter()
            .collect();
        assert_eq!(attrs.insert(Attr::Url, int(3)), Some(int(1)));
        assert_eq!(attrs.get(&Attr::Url), Some(&int(3)));
        assert_eq!(attrs.len(), 2);
        assert_eq!(attrs.remove(&Attr::Url), Some(int(3)));
        assert_eq!(attrs.remove(&Attr::Url), None);
        assert_eq!(attrs.get(&Attr::Url), None);
        assert_eq!(attrs.get(&Attr::Y), None);
        assert_eq!(attrs.iter().collect::<Vec<_>>(), [(&Attr::Posts, &int(2))]);
    }

    #[test]
    fn attrs_later_values_win_when_collected_or_extended() {
        let mut attrs: Attrs = [(Attr::X, int(1)), (Attr::Path, int(2)), (Attr::X, int(3))]
            .into_iter()
            .collect();
        assert_eq!(attrs.get(&Attr::X), Some(&int(3)));
        attrs.extend([(Attr::Path, int(4)), (Attr::Date, int(5))]);
        let all: Vec<_> = attrs.iter().map(|(&a, v)| (a, v.clone())).collect();
        assert_eq!(
            all,
            [
                (Attr::Path, int(4)),
                (Attr::Date, int(5)),
                (Attr::X, int(3))
            ]
        );
    }

    #[test]
    fn attrs_keep_no_spare_capacity() {
        let mut attrs = Attrs::new();
        for (i, attr) in Attr::ALL.into_iter().rev().enumerate() {
            attrs.insert(attr, int(0));
            assert_eq!(attrs.entries.capacity(), i + 1);
        }
        *attrs.get_or_insert_with(Attr::Posts, || int(7)) = int(8);
        assert_eq!(attrs.get(&Attr::Posts), Some(&int(8)));
        assert_eq!(attrs.entries.capacity(), Attr::ALL.len());
        attrs.remove(&Attr::Posts);
        assert_eq!(attrs.entries.capacity(), attrs.len());
        attrs.extend([(Attr::Posts, int(1)), (Attr::X, int(2))]);
        assert_eq!(attrs.entries.capacity(), attrs.len());
        let mut fresh = Attrs::new();
        *fresh.get_or_insert_with(Attr::Citations, || int(0)) = int(1);
        assert_eq!(fresh.entries.capacity(), 1);
        let collected: Attrs = [(Attr::X, int(1)), (Attr::X, int(2))].into_iter().collect();
        assert_eq!(collected.entries.capacity(), 1);
        assert_eq!(collected.clone().entries.capacity(), 1);
    }

    #[test]
    fn attrs_debug_like_a_map() {
        let attrs: Attrs = [(Attr::Level, int(2))].into_iter().collect();
        assert_eq!(format!("{attrs:?}"), "{Level: Int(2)}");
    }
}
