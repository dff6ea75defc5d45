//! Community names: each community is named by the subjects among its members, so that a
//! colour in Gephi or the HTML view reads as what its posts are about.
//!
//! A community's label is its [`LABEL_TERMS`] keywords with the most edge weight to other
//! members of the community, joined by `, `; when it has fewer keywords, its topics, tags,
//! series and categories (ranked the same way) complete it. Structural hubs (see
//! [`super::subject`]) name nothing: they are in a community only by placement. A community
//! without any of these is named after its most linked member (a post, a resource…).
//! Ties go to the smaller position, that is, the smaller id.

use crate::model::{KnowledgeGraph, NodeKind};

/// How many terms a community's label lists.
pub(crate) const LABEL_TERMS: usize = 3;

/// Joins the terms of a label.
const SEPARATOR: &str = ", ";

/// The label of every community of `community` (numbers below the node count), by number.
pub(crate) fn community_labels(
    graph: &KnowledgeGraph,
    community: &[usize],
    structural: &[bool],
) -> Vec<String> {
    let n = graph.node_count();
    let count = community.iter().map(|&c| c + 1).max().unwrap_or(0);
    let mut inner = vec![0u64; n];
    for e in graph.edges() {
        if e.source != e.target && community[e.source] == community[e.target] {
            inner[e.source] += u64::from(e.edge.weight);
            inner[e.target] += u64::from(e.edge.weight);
        }
    }
    // Candidates by community: (rank of kind, -inner weight, position); smallest first.
    let mut candidates: Vec<Vec<(u8, std::cmp::Reverse<u64>, usize)>> = vec![Vec::new(); count];
    for (i, node) in graph.nodes() {
        let rank = if structural[i] {
            3
        } else {
            match node.kind() {
                NodeKind::Keyword => 0,
                NodeKind::Topic | NodeKind::Tag | NodeKind::Series | NodeKind::Category => 1,
                _ => 2,
            }
        };
        candidates[community[i]].push((rank, std::cmp::Reverse(inner[i]), i));
    }
    candidates
        .into_iter()
        .map(|mut members| {
            members.sort_unstable();
            let subjects = members.iter().take_while(|m| m.0 < 2).take(LABEL_TERMS);
            let terms: Vec<&str> = match members.first() {
                Some(&(rank, _, first)) if rank >= 2 => vec![graph.node(first).label.as_str()],
                _ => subjects.map(|m| graph.node(m.2).label.as_str()).collect(),
            };
            terms.join(SEPARATOR)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::tests::graph_of;
    use crate::model::{Attrs, KnowledgeGraph, Node, NodeId};

    /// `graph_of`'s topics, with kinds and labels given by position.
    fn relabelled(g: KnowledgeGraph, kinds: &[(NodeKind, &str)]) -> KnowledgeGraph {
        let nodes = g
            .nodes()
            .map(|(i, _)| Node {
                id: NodeId::new(kinds[i].0, format!("n{i:04}")),
                label: kinds[i].1.to_string(),
                attrs: Attrs::new(),
            })
            .collect();
        let edges = g.edges().map(|e| (e.source, e.target, *e.edge)).collect();
        KnowledgeGraph::from_parts(nodes, edges)
    }

    #[test]
    fn communities_are_named_by_their_most_linked_keywords_then_topics() {
        use NodeKind::*;
        // Community 0: posts 0, 1; keywords 2 (3 links), 3 (1), topic 4, domain 5 (structural).
        // Community 1: post 6 and topic 7 only. Community 2: a lone resource.
        let kinds = [
            (Post, "P0"),
            (Post, "P1"),
            (Keyword, "rust"),
            (Keyword, "cargo"),
            (Topic, "Install"),
            (Domain, "x.com"),
            (Post, "P6"),
            (Topic, "Usage"),
            (Resource, "https://r"),
        ];
        let edges = [
            (0, 2, 2),
            (1, 2, 1),
            (1, 3, 1),
            (0, 4, 1),
            (5, 0, 9),
            (6, 7, 1),
        ];
        let g = relabelled(graph_of(9, &edges), &kinds);
        // Positions are in id order, kind first: find each node's place in `kinds` by label.
        let given = |i: usize| kinds.iter().position(|k| k.1 == g.node(i).label).unwrap();
        let community: Vec<usize> = (0..9)
            .map(|i| [0, 0, 0, 0, 0, 0, 1, 1, 2][given(i)])
            .collect();
        let structural: Vec<bool> = (0..9).map(|i| given(i) == 5).collect();
        let labels = community_labels(&g, &community, &structural);
        assert_eq!(labels, ["rust, cargo, Install", "Usage", "https://r"]);
    }

    #[test]
    fn a_community_of_structural_nodes_only_is_named_after_its_first() {
        let g = relabelled(graph_of(1, &[]), &[(NodeKind::Domain, "x.com")]);
        assert_eq!(community_labels(&g, &[0], &[true]), ["x.com"]);
    }
}
