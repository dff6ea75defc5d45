//! The report's types: what `kgraph stats` finds, as serialised to JSON and read by the text form.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Severity;
use crate::model::{EdgeKind, NodeKind};

/// Version of the JSON shape, bumped on incompatible changes.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// One citation of a URL, where it was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct CitedUrl {
    /// The post, as the user named it.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// The URL as written.
    pub raw: String,
    /// Its canonical form (the resource's key).
    pub key: String,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Stats {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Posts read.
    pub posts: usize,
    /// Node and edge counts.
    pub counts: Counts,
    /// Keywords by the number of posts using them.
    pub top_keywords: Ranked,
    /// Domains by citations.
    pub top_domains: Ranked,
    /// Resources by citations.
    pub most_cited_resources: Ranked,
    /// Topics by the number of posts having them.
    pub biggest_topics: Ranked,
    /// Communities by size, with their most central members.
    pub communities: Communities,
    /// Posts without links, resources cited once.
    pub orphans: Orphans,
    /// Resources cited by two posts or more.
    pub shared_resources: Ranked,
    /// Broken or suspicious URLs, broken first.
    pub url_problems: UrlProblems,
}

/// Node and edge counts.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Counts {
    /// All nodes.
    pub nodes: usize,
    /// All edges.
    pub edges: usize,
    /// Nodes per kind, in legend order (kinds without nodes left out).
    pub nodes_by_kind: BTreeMap<KindKey, usize>,
    /// Edges per relation, in legend order.
    pub edges_by_kind: BTreeMap<EdgeKindKey, usize>,
    /// Weakly connected components.
    pub components: usize,
    /// Nodes of the largest component.
    pub largest_component: usize,
    /// Communities.
    pub communities: usize,
}

/// A node kind as a map key that sorts in legend order and prints as its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct KindKey(pub NodeKind);

/// An edge kind as a map key that sorts in legend order and prints as its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct EdgeKindKey(pub EdgeKind);

impl Serialize for KindKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.as_str())
    }
}

impl Serialize for EdgeKindKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.as_str())
    }
}

/// A ranked list: how many candidates there were, and the first entries.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Ranked {
    /// Candidates in all.
    pub total: usize,
    /// The entries kept, best first.
    pub entries: Vec<Entry>,
}

/// One node in a list, with the numbers that ranked it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Entry {
    /// Node id.
    pub id: String,
    /// Node label.
    pub label: String,
    /// The numbers shown for it, by name.
    #[serde(flatten)]
    pub numbers: BTreeMap<&'static str, Number>,
    /// For a resource cited by several posts: the ids of the posts citing it, in id order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cited_by: Vec<String>,
}

/// A number in a list: whole or real.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub(crate) enum Number {
    /// A count.
    Int(i64),
    /// A score.
    Float(f64),
}

impl std::fmt::Display for Number {
    /// Counts as they are, scores with three decimals; width and alignment apply.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Number::Int(i) => i.to_string(),
            Number::Float(x) => format!("{x:.3}"),
        };
        f.pad(&text)
    }
}

/// Communities, largest first.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Communities {
    /// Communities in all.
    pub total: usize,
    /// The largest ones.
    pub largest: Vec<Community>,
}

/// One community.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Community {
    /// Its number (the `community` attribute).
    pub community: usize,
    /// Its nodes.
    pub nodes: usize,
    /// Its name (the `community_label` attribute; empty when the graph has none).
    pub label: String,
    /// Its nodes per kind.
    pub kinds: BTreeMap<KindKey, usize>,
    /// Its members with the highest PageRank.
    pub top_members: Vec<Member>,
}

/// A community member.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Member {
    /// Node id.
    pub id: String,
    /// Node label.
    pub label: String,
    /// Its PageRank.
    pub pagerank: f64,
}

/// What nothing links.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Orphans {
    /// Posts that link to no post and that no post links to, by path.
    pub posts_without_links: Vec<PostRef>,
    /// Resources cited exactly once in the corpus.
    pub resources_cited_once: usize,
}

/// A post in a list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PostRef {
    /// Node id.
    pub id: String,
    /// Title.
    pub label: String,
}

/// Broken or suspicious URLs.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct UrlProblems {
    /// Distinct broken URLs.
    pub broken: usize,
    /// Distinct suspicious URLs.
    pub suspicious: usize,
    /// Every problem, broken first, then by reason and URL.
    pub problems: Vec<UrlProblem>,
    /// `http://` citations of sites that serve https, per host, most first (not problems:
    /// browsers upgrade most of them, but a reader may see a warning).
    pub http_to_https_sites: Vec<HostCount>,
}

/// A host and how many citations name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct HostCount {
    /// The host, without `www.`.
    pub host: String,
    /// Citations.
    pub citations: usize,
}

/// One URL with a problem, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(crate) struct UrlProblem {
    /// Broken or suspicious.
    pub severity: Severity,
    /// Why.
    pub reason: String,
    /// The URL as first written.
    pub url: String,
    /// `path:line` of every place it is written.
    pub locations: Vec<String>,
}

impl Stats {
    /// The worst severity among the URL problems.
    pub(crate) fn worst(&self) -> Option<Severity> {
        self.url_problems.problems.iter().map(|p| p.severity).min()
    }
}

/// The report as pretty-printed JSON, ending with a newline.
pub(crate) fn to_json(stats: &Stats) -> String {
    let mut text = serde_json::to_string_pretty(stats).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}
