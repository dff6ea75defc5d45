//! Graph metrics, written as node attributes into every format: degrees, PageRank, weakly
//! connected component, community and its name.
//!
//! They are computed on the graph that is exported, after the subgraph filters, so the
//! numbers, like the picture, describe what the user sees. All of it takes a few milliseconds
//! on a 26 000-node graph, so `kgraph build` always computes them. Every step is deterministic:
//! sequential sums in a fixed order, a seeded single-threaded community search, and numbering
//! by size then id.

pub(crate) mod community;
pub(crate) mod components;
pub(crate) mod degree;
pub(crate) mod label;
pub(crate) mod pagerank;
pub(crate) mod subject;

use crate::model::{Attr, AttrValue, KnowledgeGraph};

pub(crate) use community::{communities, communities_and_hubs};
pub(crate) use components::components;
pub(crate) use degree::{degrees, Degrees};
pub(crate) use pagerank::pagerank;

/// Every metric of every node, by position.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Metrics {
    /// Edge counts and weights.
    pub degrees: Degrees,
    /// PageRank, summing to 1.
    pub pagerank: Vec<f64>,
    /// Weakly connected component, 0 the largest.
    pub component: Vec<usize>,
    /// Community (Louvain, modularity, on the subject graph), 0 the largest.
    pub community: Vec<usize>,
    /// Each community's name, by community number.
    pub community_label: Vec<String>,
}

/// Above this many edges, metrics are computed one after the other (see [`compute`]).
pub(crate) const SIDE_BY_SIDE_EDGES: usize = 1_000_000;

/// Computes every metric of `graph`.
///
/// Communities (the slowest) are computed beside the others on graphs of up to
/// [`SIDE_BY_SIDE_EDGES`] edges, one after the other on larger ones, where the working memory of
/// both at once would count. Each metric is deterministic on its own: the order changes no result.
pub(crate) fn compute(graph: &KnowledgeGraph) -> Metrics {
    let others = || (pagerank(graph), degrees(graph), components(graph));
    let named = || {
        let (community, structural) = communities_and_hubs(graph);
        let labels = label::community_labels(graph, &community, &structural);
        (community, labels)
    };
    let ((community, community_label), (pagerank, degrees, component)) =
        if graph.edge_count() <= SIDE_BY_SIDE_EDGES {
            rayon::join(named, others)
        } else {
            (named(), others())
        };
    Metrics {
        degrees,
        pagerank,
        component,
        community,
        community_label,
    }
}

/// `graph` with its metrics as node attributes: `in_degree`, `out_degree`, `degree`,
/// `weighted_degree`, `pagerank` (six significant digits), `component`, `community` and
/// `community_label`.
pub(crate) fn annotate(graph: KnowledgeGraph) -> KnowledgeGraph {
    let m = compute(&graph);
    graph.map_attrs(|i, attrs| {
        let d = &m.degrees;
        let int = |v: u64| AttrValue::Int(i64::try_from(v).unwrap_or(i64::MAX));
        attrs.extend([
            (Attr::InDegree, int(d.in_degree[i])),
            (Attr::OutDegree, int(d.out_degree[i])),
            (Attr::Degree, int(d.total(i))),
            (Attr::WeightedDegree, int(d.weighted[i])),
            (
                Attr::Pagerank,
                AttrValue::Float(significant(m.pagerank[i], 6)),
            ),
            (Attr::Component, int(m.component[i] as u64)),
            (Attr::Community, int(m.community[i] as u64)),
            (
                Attr::CommunityLabel,
                AttrValue::text(m.community_label[m.community[i]].as_str()),
            ),
        ]);
    })
}

/// `x` rounded to `digits` significant digits (through its decimal form, so it prints short).
pub(crate) fn significant(x: f64, digits: usize) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    format!("{:.*e}", digits.saturating_sub(1), x)
        .parse()
        .unwrap_or(x)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Attrs, Edge, EdgeKind, Node, NodeId, NodeKind};

    /// A graph of `n` topics `t00`, `t01`… (so position = number) and the given edges; repeated
    /// pairs get distinct relations.
    pub(crate) fn graph_of(n: usize, edges: &[(usize, usize, u32)]) -> KnowledgeGraph {
        let nodes = (0..n)
            .map(|i| Node {
                id: NodeId::new(NodeKind::Topic, format!("t{i:04}")),
                label: format!("T{i}"),
                attrs: Attrs::new(),
            })
            .collect();
        let edges = edges
            .iter()
            .enumerate()
            .map(|(k, &(s, t, weight))| {
                let kind = EdgeKind::ALL[k % EdgeKind::ALL.len()];
                (s, t, Edge { kind, weight })
            })
            .collect();
        KnowledgeGraph::from_parts(nodes, edges)
    }

    #[test]
    fn significant_digits_print_short() {
        assert_eq!(
            significant(0.000_038_271_234_5, 6).to_string(),
            "0.0000382712"
        );
        assert_eq!(significant(0.7337539830755353, 6).to_string(), "0.733754");
        assert_eq!(significant(0.0, 6), 0.0);
    }

    #[test]
    fn annotate_sets_every_metric_on_every_node() {
        let g = annotate(graph_of(3, &[(0, 1, 2), (1, 0, 1)]));
        for (_, node) in g.nodes() {
            let metrics = Attr::ALL
                .into_iter()
                .filter(|a| (Attr::InDegree..=Attr::CommunityLabel).contains(a));
            for attr in metrics {
                assert!(node.attr(attr).is_some(), "{} lacks {attr:?}", node.id);
            }
            assert!(node.attr(Attr::X).is_none());
        }
        let lone = g.node(2);
        assert_eq!(lone.attr(Attr::Degree), Some(&AttrValue::Int(0)));
        assert_eq!(lone.attr(Attr::Component), Some(&AttrValue::Int(1)));
        assert_eq!(
            g.node(0).attr(Attr::WeightedDegree),
            Some(&AttrValue::Int(3))
        );
    }
}
