//! The attribute schema of nodes: which attributes exist ([`Attr`]), their types and values,
//! and the compact per-node store ([`Attrs`]).

use std::fmt;

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
    /// Post: `YYYY-MM-DD` of its last change (front-matter `updated` or `lastmod`).
    Updated,
    /// Post: 1 when its front matter marks it a draft (unset otherwise).
    Draft,
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
    /// Every node: its community's name, the top keywords (else topics, tags…) of its members.
    CommunityLabel,
    /// Every node, when a layout ran: horizontal position, in [-1000, 1000].
    X,
    /// Every node, when a layout ran: vertical position, in [-1000, 1000].
    Y,
}

impl Attr {
    /// Every attribute, in declaration order.
    pub const ALL: [Attr; 24] = [
        Attr::Path,
        Attr::Date,
        Attr::Updated,
        Attr::Draft,
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
        Attr::CommunityLabel,
        Attr::X,
        Attr::Y,
    ];

    /// The attribute's name in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            Attr::Path => "path",
            Attr::Date => "date",
            Attr::Updated => "updated",
            Attr::Draft => "draft",
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
            Attr::CommunityLabel => "community_label",
            Attr::X => "x",
            Attr::Y => "y",
        }
    }

    /// The attribute named `name` in the formats, if any.
    ///
    /// ```
    /// use kgraph::Attr;
    ///
    /// assert_eq!(Attr::from_name("pagerank"), Some(Attr::Pagerank));
    /// assert_eq!(Attr::from_name("size"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Attr> {
        Attr::ALL.into_iter().find(|a| a.as_str() == name)
    }

    /// Whether the value is computed from the whole graph or corpus rather than from the node's
    /// own posts: the metrics, the layout and a keyword's score. An edit anywhere can change it.
    pub fn is_derived(self) -> bool {
        matches!(
            self,
            Attr::Score
                | Attr::InDegree
                | Attr::OutDegree
                | Attr::Degree
                | Attr::WeightedDegree
                | Attr::Pagerank
                | Attr::Component
                | Attr::Community
                | Attr::CommunityLabel
                | Attr::X
                | Attr::Y
        )
    }

    /// Whether the attribute is a layout coordinate, which GEXF writes as `viz:position`.
    pub fn is_position(self) -> bool {
        matches!(self, Attr::X | Attr::Y)
    }

    /// The attribute's value type.
    pub fn ty(self) -> AttrType {
        match self {
            Attr::Draft
            | Attr::Part
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
            Attr::Path
            | Attr::Date
            | Attr::Updated
            | Attr::Category
            | Attr::Tags
            | Attr::Series
            | Attr::Url
            | Attr::CommunityLabel => AttrType::String,
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

#[cfg(test)]
mod tests;
