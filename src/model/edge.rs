//! Edge kinds (relations) and edge payloads.

use std::fmt;

/// The relation an edge stands for. Parallel edges of different kinds stay distinct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// post → topic: the post has a heading on this topic.
    HasTopic,
    /// topic → topic: a sub-heading under a heading.
    Subtopic,
    /// post or topic → resource: a URL cited there.
    Cites,
    /// resource → domain.
    HostedOn,
    /// post → category.
    InCategory,
    /// post → tag.
    Tagged,
    /// tag → tag: a nested inline tag under its parent (`a` → `a/b`), as `subtopic` goes from a
    /// heading to the one under it.
    Subtag,
    /// post → series.
    InSeries,
    /// post → post: a link between posts of the corpus.
    LinksTo,
    /// post, topic or resource → keyword.
    Mentions,
    /// keyword → keyword: mentioned together by the same entities (smaller id first).
    CoOccurs,
    /// post → post (or missing note): an embed `![[Note]]`, the note shown inside the post.
    Embeds,
}

impl EdgeKind {
    /// Every kind, in legend order.
    pub const ALL: [EdgeKind; 12] = [
        EdgeKind::HasTopic,
        EdgeKind::Subtopic,
        EdgeKind::Cites,
        EdgeKind::HostedOn,
        EdgeKind::InCategory,
        EdgeKind::Tagged,
        EdgeKind::Subtag,
        EdgeKind::InSeries,
        EdgeKind::LinksTo,
        EdgeKind::Mentions,
        EdgeKind::CoOccurs,
        EdgeKind::Embeds,
    ];

    /// The name used in the `kind` attribute of every format.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::HasTopic => "has_topic",
            EdgeKind::Subtopic => "subtopic",
            EdgeKind::Cites => "cites",
            EdgeKind::HostedOn => "hosted_on",
            EdgeKind::InCategory => "in_category",
            EdgeKind::Tagged => "tagged",
            EdgeKind::Subtag => "subtag",
            EdgeKind::InSeries => "in_series",
            EdgeKind::LinksTo => "links_to",
            EdgeKind::Mentions => "mentions",
            EdgeKind::CoOccurs => "co_occurs",
            EdgeKind::Embeds => "embeds",
        }
    }

    /// The kind named `name`, if any.
    pub fn parse(name: &str) -> Option<EdgeKind> {
        EdgeKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl fmt::Display for EdgeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An edge's payload: its relation and how many times it occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// The relation.
    pub kind: EdgeKind,
    /// Occurrences: repeat citations and links add up.
    pub weight: u32,
}
