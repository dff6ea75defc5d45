//! `kgraph stats`: a report on the whole graph — counts, top keywords, domains, most-cited
//! resources, biggest topics, communities, orphans, shared resources and broken or suspicious
//! URLs — as text for people or JSON for scripts.
//!
//! The graph is the one `kgraph build` would export without filters, with its metrics. Ranked
//! lists are cut at `top` entries in both forms; the lists of problems (orphan posts, resources
//! cited by several posts, URL problems) are complete in JSON, cut at `top` in the text. Every
//! list has a fixed order with ties broken by id, so the report depends on the input alone.

pub mod urls;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::{Attr, AttrValue, EdgeKind, KnowledgeGraph, Node, NodeKind};

pub use urls::Severity;

/// Version of the JSON shape, bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Entries per ranked list when `--top` is not given.
pub const DEFAULT_TOP: usize = 10;

/// Members listed per community.
const COMMUNITY_MEMBERS: usize = 5;

/// One citation of a URL, where it was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CitedUrl {
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
pub struct Stats {
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
pub struct Counts {
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
pub struct KindKey(pub NodeKind);

/// An edge kind as a map key that sorts in legend order and prints as its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct EdgeKindKey(pub EdgeKind);

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
pub struct Ranked {
    /// Candidates in all.
    pub total: usize,
    /// The entries kept, best first.
    pub entries: Vec<Entry>,
}

/// One node in a list, with the numbers that ranked it.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Node id.
    pub id: String,
    /// Node label.
    pub label: String,
    /// The numbers shown for it, by name.
    #[serde(flatten)]
    pub numbers: BTreeMap<&'static str, Number>,
}

/// A number in a list: whole or real.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Number {
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
pub struct Communities {
    /// Communities in all.
    pub total: usize,
    /// The largest ones.
    pub largest: Vec<Community>,
}

/// One community.
#[derive(Debug, Clone, Serialize)]
pub struct Community {
    /// Its number (the `community` attribute).
    pub community: usize,
    /// Its nodes.
    pub nodes: usize,
    /// Its nodes per kind.
    pub kinds: BTreeMap<KindKey, usize>,
    /// Its members with the highest PageRank.
    pub top_members: Vec<Member>,
}

/// A community member.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    /// Node id.
    pub id: String,
    /// Node label.
    pub label: String,
    /// Its PageRank.
    pub pagerank: f64,
}

/// What nothing links.
#[derive(Debug, Clone, Serialize)]
pub struct Orphans {
    /// Posts that link to no post and that no post links to, by path.
    pub posts_without_links: Vec<PostRef>,
    /// Resources cited exactly once in the corpus.
    pub resources_cited_once: usize,
}

/// A post in a list.
#[derive(Debug, Clone, Serialize)]
pub struct PostRef {
    /// Node id.
    pub id: String,
    /// Title.
    pub label: String,
}

/// Broken or suspicious URLs.
#[derive(Debug, Clone, Serialize)]
pub struct UrlProblems {
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
pub struct HostCount {
    /// The host, without `www.`.
    pub host: String,
    /// Citations.
    pub citations: usize,
}

/// One URL with a problem, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct UrlProblem {
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
    pub fn worst(&self) -> Option<Severity> {
        self.url_problems.problems.iter().map(|p| p.severity).min()
    }
}

/// The report on `graph` (with its metrics), built from `posts` posts whose citations are
/// `citations`; `diagnostics` are the build's, for links to posts that do not exist.
pub fn collect(
    graph: &KnowledgeGraph,
    posts: usize,
    citations: &[CitedUrl],
    diagnostics: &[Diagnostic],
    top: usize,
) -> Stats {
    let int = |node: &Node, attr: Attr| match node.attr(attr) {
        Some(AttrValue::Int(v)) => *v,
        _ => 0,
    };
    let float = |node: &Node, attr: Attr| match node.attr(attr) {
        Some(AttrValue::Float(v)) => *v,
        _ => 0.0,
    };
    let of_kind = |kind: NodeKind| graph.nodes().filter(move |(_, n)| n.kind() == kind);
    // Per node: resources hosted (domains) and links between posts.
    let mut hosted = vec![0i64; graph.node_count()];
    let mut post_links = vec![0usize; graph.node_count()];
    for e in graph.edges() {
        match e.edge.kind {
            EdgeKind::HostedOn => hosted[e.target] += 1,
            EdgeKind::LinksTo => {
                post_links[e.source] += 1;
                post_links[e.target] += 1;
            }
            _ => {}
        }
    }

    let keywords = rank(
        of_kind(NodeKind::Keyword),
        |n| (int(n, Attr::Posts), float(n, Attr::Score)),
        |_, n| {
            vec![
                ("posts", Number::Int(int(n, Attr::Posts))),
                ("score", Number::Float(float(n, Attr::Score))),
            ]
        },
        top,
    );
    let domains = rank(
        of_kind(NodeKind::Domain),
        |n| (int(n, Attr::Citations), int(n, Attr::Posts)),
        |i, n| {
            vec![
                ("citations", Number::Int(int(n, Attr::Citations))),
                ("resources", Number::Int(hosted[i])),
                ("posts", Number::Int(int(n, Attr::Posts))),
            ]
        },
        top,
    );
    let resources = rank(
        of_kind(NodeKind::Resource),
        |n| (int(n, Attr::Citations), int(n, Attr::Posts)),
        |_, n| {
            vec![
                ("citations", Number::Int(int(n, Attr::Citations))),
                ("posts", Number::Int(int(n, Attr::Posts))),
            ]
        },
        top,
    );
    let topics = rank(
        of_kind(NodeKind::Topic),
        |n| (int(n, Attr::Posts), int(n, Attr::Degree)),
        |_, n| {
            vec![
                ("posts", Number::Int(int(n, Attr::Posts))),
                ("degree", Number::Int(int(n, Attr::Degree))),
            ]
        },
        top,
    );
    let shared = rank(
        of_kind(NodeKind::Resource).filter(|(_, n)| int(n, Attr::Posts) >= 2),
        |n| (int(n, Attr::Posts), int(n, Attr::Citations)),
        |_, n| {
            vec![
                ("posts", Number::Int(int(n, Attr::Posts))),
                ("citations", Number::Int(int(n, Attr::Citations))),
            ]
        },
        usize::MAX,
    );

    let orphans = Orphans {
        posts_without_links: of_kind(NodeKind::Post)
            .filter(|&(i, _)| post_links[i] == 0)
            .map(|(_, n)| PostRef {
                id: n.id.to_string(),
                label: n.label.clone(),
            })
            .collect(),
        resources_cited_once: of_kind(NodeKind::Resource)
            .filter(|(_, n)| int(n, Attr::Citations) == 1)
            .count(),
    };

    let component_sizes = group_sizes(graph, Attr::Component);
    Stats {
        schema_version: SCHEMA_VERSION,
        posts,
        counts: Counts {
            nodes: graph.node_count(),
            edges: graph.edge_count(),
            nodes_by_kind: graph
                .count_nodes_by_kind()
                .into_iter()
                .map(|(k, c)| (KindKey(k), c))
                .collect(),
            edges_by_kind: graph
                .count_edges_by_kind()
                .into_iter()
                .map(|(k, c)| (EdgeKindKey(k), c))
                .collect(),
            components: component_sizes.len(),
            largest_component: component_sizes.first().copied().unwrap_or(0),
            communities: group_sizes(graph, Attr::Community).len(),
        },
        top_keywords: keywords,
        top_domains: domains,
        most_cited_resources: resources,
        biggest_topics: topics,
        communities: communities(graph, top),
        orphans,
        shared_resources: shared,
        url_problems: url_problems(citations, diagnostics),
    }
}

/// The nodes of `nodes`, ranked by `key` (descending) then id, the first `top` with
/// `numbers(position, node)`.
fn rank<'a, K: PartialOrd>(
    nodes: impl Iterator<Item = (usize, &'a Node)>,
    key: impl Fn(&Node) -> K,
    numbers: impl Fn(usize, &Node) -> Vec<(&'static str, Number)>,
    top: usize,
) -> Ranked {
    let mut all: Vec<(K, usize, &Node)> = nodes.map(|(i, n)| (key(n), i, n)).collect();
    // Nodes are in id order, so the position breaks ties by id.
    all.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.cmp(&b.1))
    });
    Ranked {
        total: all.len(),
        entries: all
            .into_iter()
            .take(top)
            .map(|(_, i, n)| Entry {
                id: n.id.to_string(),
                label: n.label.clone(),
                numbers: numbers(i, n).into_iter().collect(),
            })
            .collect(),
    }
}

/// Sizes of the groups numbered by `attr` (0, 1, 2…), by number.
fn group_sizes(graph: &KnowledgeGraph, attr: Attr) -> Vec<usize> {
    let mut sizes: Vec<usize> = Vec::new();
    for (_, node) in graph.nodes() {
        if let Some(AttrValue::Int(g)) = node.attr(attr) {
            let g = usize::try_from(*g).unwrap_or(0);
            if sizes.len() <= g {
                sizes.resize(g + 1, 0);
            }
            sizes[g] += 1;
        }
    }
    sizes
}

/// The `top` largest communities, each with its kinds and most central members.
fn communities(graph: &KnowledgeGraph, top: usize) -> Communities {
    let sizes = group_sizes(graph, Attr::Community);
    let mut largest: Vec<Community> = (0..sizes.len().min(top))
        .map(|c| Community {
            community: c,
            nodes: sizes[c],
            kinds: BTreeMap::new(),
            top_members: Vec::new(),
        })
        .collect();
    let mut members: Vec<Vec<(f64, usize)>> = vec![Vec::new(); largest.len()];
    for (i, node) in graph.nodes() {
        let Some(AttrValue::Int(c)) = node.attr(Attr::Community) else {
            continue;
        };
        let Some(c) = usize::try_from(*c).ok().filter(|&c| c < largest.len()) else {
            continue;
        };
        *largest[c].kinds.entry(KindKey(node.kind())).or_insert(0) += 1;
        let pagerank = match node.attr(Attr::Pagerank) {
            Some(AttrValue::Float(p)) => *p,
            _ => 0.0,
        };
        members[c].push((pagerank, i));
    }
    for (community, mut list) in largest.iter_mut().zip(members) {
        list.sort_by(|a, b| {
            b.0.partial_cmp(&a.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.1.cmp(&b.1))
        });
        community.top_members = list
            .into_iter()
            .take(COMMUNITY_MEMBERS)
            .map(|(pagerank, i)| {
                let node = graph.node(i);
                Member {
                    id: node.id.to_string(),
                    label: node.label.clone(),
                    pagerank,
                }
            })
            .collect();
    }
    Communities {
        total: sizes.len(),
        largest,
    }
}

/// A URL problem being collected: the URL as first written, and its `(path, line)`s.
type Found = (String, Vec<(String, usize)>);

/// Every URL problem: the citations' checks, and links to posts that do not exist.
fn url_problems(citations: &[CitedUrl], diagnostics: &[Diagnostic]) -> UrlProblems {
    // (severity, reason, key) → (first URL as written, locations)
    let mut found: BTreeMap<(Severity, String, String), Found> = BTreeMap::new();
    let mut insecure: BTreeMap<String, usize> = BTreeMap::new();
    for c in citations {
        if let Some((severity, reason)) = urls::check(&c.raw) {
            let entry = found
                .entry((severity, reason, c.key.clone()))
                .or_insert_with(|| (c.raw.trim().to_string(), Vec::new()));
            entry.1.push((c.path.clone(), c.line));
        } else if let Some(host) = urls::insecure_host(&c.raw) {
            *insecure.entry(host).or_insert(0) += 1;
        }
    }
    let mut http_to_https_sites: Vec<HostCount> = insecure
        .into_iter()
        .map(|(host, citations)| HostCount { host, citations })
        .collect();
    http_to_https_sites.sort_by(|a, b| b.citations.cmp(&a.citations).then(a.host.cmp(&b.host)));
    for d in diagnostics {
        if let Some(target) = crate::model::unresolved_link_target(&d.message) {
            let entry = found
                .entry((
                    Severity::Broken,
                    "links to a post that is not in the corpus".to_string(),
                    target.to_string(),
                ))
                .or_insert_with(|| (target.to_string(), Vec::new()));
            entry.1.push((d.path.clone(), d.line.unwrap_or(0)));
        }
    }
    let problems: Vec<UrlProblem> = found
        .into_iter()
        .map(|((severity, reason, _), (url, mut places))| {
            places.sort();
            places.dedup();
            UrlProblem {
                severity,
                reason,
                url,
                locations: places
                    .into_iter()
                    .map(|(path, line)| format!("{path}:{line}"))
                    .collect(),
            }
        })
        .collect();
    let count = |s: Severity| problems.iter().filter(|p| p.severity == s).count();
    UrlProblems {
        broken: count(Severity::Broken),
        suspicious: count(Severity::Suspicious),
        problems,
        http_to_https_sites,
    }
}

/// The report as pretty-printed JSON, ending with a newline.
pub fn to_json(stats: &Stats) -> String {
    let mut text = serde_json::to_string_pretty(stats).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

/// The report as text for a terminal; lists are cut at `top` entries.
pub fn to_text(stats: &Stats, top: usize) -> String {
    let mut out = String::new();
    let c = &stats.counts;
    let joined = |parts: Vec<String>| parts.join(", ");
    // `: a, b` after a count, or nothing when there is no part.
    let listed = |parts: Vec<String>| {
        if parts.is_empty() {
            String::new()
        } else {
            format!(": {}", parts.join(", "))
        }
    };
    let _ = writeln!(out, "Graph");
    let _ = writeln!(out, "  {:>7}  posts", stats.posts);
    let _ = writeln!(
        out,
        "  {:>7}  nodes{}",
        c.nodes,
        listed(
            c.nodes_by_kind
                .iter()
                .map(|(k, n)| format!("{n} {}", k.0))
                .collect()
        )
    );
    let _ = writeln!(
        out,
        "  {:>7}  edges{}",
        c.edges,
        listed(
            c.edges_by_kind
                .iter()
                .map(|(k, n)| format!("{n} {}", k.0))
                .collect()
        )
    );
    let _ = writeln!(
        out,
        "  {:>7}  components (largest: {} nodes)",
        c.components, c.largest_component
    );
    let _ = writeln!(out, "  {:>7}  communities", c.communities);

    ranked_section(
        &mut out,
        "Top keywords",
        &stats.top_keywords,
        &["posts", "score"],
        top,
    );
    ranked_section(
        &mut out,
        "Top domains",
        &stats.top_domains,
        &["citations", "resources", "posts"],
        top,
    );
    ranked_section(
        &mut out,
        "Most-cited resources",
        &stats.most_cited_resources,
        &["citations", "posts"],
        top,
    );
    ranked_section(
        &mut out,
        "Biggest topics",
        &stats.biggest_topics,
        &["posts", "degree"],
        top,
    );

    let _ = writeln!(
        out,
        "\nCommunities ({} in all; the largest, with their most central members)",
        stats.communities.total
    );
    for community in &stats.communities.largest {
        let kinds = joined(
            community
                .kinds
                .iter()
                .map(|(k, n)| format!("{n} {}", k.0))
                .collect(),
        );
        let _ = writeln!(
            out,
            "  #{:<3} {:>6} nodes ({kinds})",
            community.community, community.nodes
        );
        let names: Vec<String> = community
            .top_members
            .iter()
            .map(|m| one_line(&m.label))
            .collect();
        let _ = writeln!(out, "        {}", names.join(" · "));
    }

    ranked_section(
        &mut out,
        "Resources cited by several posts",
        &stats.shared_resources,
        &["posts", "citations"],
        top,
    );

    let orphans = &stats.orphans;
    let _ = writeln!(out, "\nOrphans");
    let _ = writeln!(
        out,
        "  {:>7}  posts link to no post and no post links to them",
        orphans.posts_without_links.len()
    );
    for post in orphans.posts_without_links.iter().take(top) {
        let _ = writeln!(out, "           {}  {}", post.id, one_line(&post.label));
    }
    more(
        &mut out,
        orphans.posts_without_links.len(),
        top,
        "           ",
    );
    let _ = writeln!(
        out,
        "  {:>7}  resources are cited once",
        orphans.resources_cited_once
    );

    let problems = &stats.url_problems;
    let _ = writeln!(
        out,
        "\nURL problems: {} broken, {} suspicious",
        problems.broken, problems.suspicious
    );
    for p in problems.problems.iter().take(top) {
        let _ = writeln!(
            out,
            "  {:<10}  {}\n              {}\n              {}",
            p.severity.as_str(),
            p.url,
            p.reason,
            p.locations.join(", ")
        );
    }
    more(&mut out, problems.problems.len(), top, "  ");
    let sites = &problems.http_to_https_sites;
    if !sites.is_empty() {
        let total: usize = sites.iter().map(|h| h.citations).sum();
        let hosts: Vec<String> = sites
            .iter()
            .take(top)
            .map(|h| format!("{} {}", h.host, h.citations))
            .collect();
        let rest = if sites.len() > top {
            format!(", … {} more hosts", sites.len() - top)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  and {total} http:// citations of sites that serve https: {}{rest}",
            hosts.join(", ")
        );
    }
    out
}

/// A ranked list as a section: a header, one line per entry (numbers first, then the label).
fn ranked_section(out: &mut String, title: &str, ranked: &Ranked, columns: &[&str], top: usize) {
    let _ = writeln!(out, "\n{title} ({} in all)", ranked.total);
    if ranked.entries.is_empty() {
        return;
    }
    let width = |c: &str| c.len().max(6);
    let head: Vec<String> = columns
        .iter()
        .map(|c| format!("{c:>w$}", w = width(c)))
        .collect();
    let _ = writeln!(out, "  {}  name", head.join("  "));
    for entry in ranked.entries.iter().take(top) {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| match entry.numbers.get(c) {
                Some(n) => format!("{n:>w$}", w = width(c)),
                None => format!("{:>w$}", "-", w = width(c)),
            })
            .collect();
        let mut name = one_line(&entry.label);
        let key = entry.id.split_once(':').map_or("", |(_, key)| key);
        if entry.id.starts_with("resource:") && key != entry.label {
            name = format!("{name}  <{key}>");
        }
        let _ = writeln!(out, "  {}  {name}", cells.join("  "));
    }
    more(out, ranked.entries.len().max(ranked.total), top, "  ");
}

/// `… and N more` when a list was cut.
fn more(out: &mut String, len: usize, top: usize, indent: &str) {
    if len > top {
        let _ = writeln!(out, "{indent}… and {} more", len - top);
    }
}

/// `s` on one line: line breaks and runs of whitespace become one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
