//! Collecting the report from a built graph: ranked lists, communities, orphans and URL problems.

use std::collections::BTreeMap;

use super::report::{
    CitedUrl, Communities, Community, Counts, EdgeKindKey, Entry, HostCount, KindKey, Member,
    Number, Orphans, PostRef, Ranked, Stats, UrlProblem, UrlProblems, SCHEMA_VERSION,
};
use super::{urls, Severity};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::model::{Attr, AttrValue, EdgeKind, KnowledgeGraph, Node, NodeKind};

/// Members listed per community.
const COMMUNITY_MEMBERS: usize = 5;

/// The report on `graph` (with its metrics), built from `posts` posts whose citations are
/// `citations`; `diagnostics` are the build's, for links to posts that do not exist.
pub(crate) fn collect(
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
    let mut cited_by: Vec<Vec<usize>> = vec![Vec::new(); graph.node_count()];
    for e in graph.edges() {
        match e.edge.kind {
            EdgeKind::Cites if graph.node(e.source).kind() == NodeKind::Post => {
                cited_by[e.target].push(e.source);
            }
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
    let mut shared = rank(
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
    let position: BTreeMap<String, usize> = of_kind(NodeKind::Resource)
        .filter(|(_, n)| int(n, Attr::Posts) >= 2)
        .map(|(i, n)| (n.id.to_string(), i))
        .collect();
    for entry in &mut shared.entries {
        if let Some(&i) = position.get(&entry.id) {
            let mut posts: Vec<usize> = cited_by[i].clone();
            posts.sort_unstable();
            entry.cited_by = posts
                .into_iter()
                .map(|p| graph.node(p).id.to_string())
                .collect();
        }
    }

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
                cited_by: Vec::new(),
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
            label: String::new(),
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
        if let (Some(AttrValue::Str(label)), true) =
            (node.attr(Attr::CommunityLabel), largest[c].label.is_empty())
        {
            largest[c].label = label.to_string();
        }
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
        if let DiagnosticKind::UnresolvedLink { target } = &d.kind {
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
