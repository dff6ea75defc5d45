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
    /// post → series.
    InSeries,
    /// post → post: a link between posts of the corpus.
    LinksTo,
    /// post, topic or resource → keyword.
    Mentions,
    /// keyword → keyword: mentioned together by the same entities (smaller id first).
    CoOccurs,
}

impl EdgeKind {
    /// Every kind, in legend order.
    pub const ALL: [EdgeKind; 10] = [
        EdgeKind::HasTopic,
        EdgeKind::Subtopic,
        EdgeKind::Cites,
        EdgeKind::HostedOn,
        EdgeKind::InCategory,
        EdgeKind::Tagged,
        EdgeKind::InSeries,
        EdgeKind::LinksTo,
        EdgeKind::Mentions,
        EdgeKind::CoOccurs,
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
            EdgeKind::InSeries => "in_series",
            EdgeKind::LinksTo => "links_to",
            EdgeKind::Mentions => "mentions",
            EdgeKind::CoOccurs => "co_occurs",
        }
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
