//! Subgraph filters applied before any export: kinds, a focus neighbourhood, minimum degree, a node budget.

use std::collections::VecDeque;

use super::graph::KnowledgeGraph;
use super::node::NodeKind;

/// Which part of the graph to keep. The steps apply in field order, each on the result of the previous one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Keep only these kinds (empty: all).
    pub kinds: Vec<NodeKind>,
    /// Then drop these kinds.
    pub exclude_kinds: Vec<NodeKind>,
    /// Then keep the neighbourhood of the nodes this names (an id like `topic:多模态`, or a label).
    pub focus: Option<String>,
    /// Radius of the neighbourhood, in edges followed either way.
    pub depth: usize,
    /// Then drop nodes with fewer edges than this (in the filtered graph).
    pub min_degree: usize,
    /// Then keep at most this many nodes: the focus first, then by distance from it, then by degree.
    pub max_nodes: Option<usize>,
}

/// Why a filter could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// `--focus` names no node.
    #[error("--focus `{focus}` matches no node id or label{}", suggest(.similar))]
    NoFocus {
        /// What was asked for.
        focus: String,
        /// Labels that contain it, for the hint.
        similar: Vec<String>,
    },
}

fn suggest(similar: &[String]) -> String {
    if similar.is_empty() {
        String::new()
    } else {
        format!("; similar: {}", similar.join(", "))
    }
}

impl Filter {
    /// Whether the filter keeps everything.
    pub fn is_identity(&self) -> bool {
        *self
            == Filter {
                depth: self.depth,
                ..Filter::default()
            }
    }

    /// The filtered graph.
    ///
    /// ```
    /// use kgraph::{Filter, NodeKind};
    ///
    /// let corpus = kgraph::load_corpus(&kgraph::InputConfig::new(["data"]), &kgraph::Silent)?;
    /// let filter = Filter {
    ///     focus: Some("多模态".to_string()), // an id (`keyword:多模态`) or a label
    ///     depth: 2,
    ///     exclude_kinds: vec![NodeKind::Domain],
    ///     ..Filter::default()
    /// };
    /// let near = filter.apply(&corpus.graph)?;
    /// assert!(near.node_count() < corpus.graph.node_count());
    /// assert!(near.nodes().all(|(_, n)| n.kind() != NodeKind::Domain));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&self, graph: &KnowledgeGraph) -> Result<KnowledgeGraph, FilterError> {
        let mut g = graph.clone();
        if !self.kinds.is_empty() || !self.exclude_kinds.is_empty() {
            g = g.retain_nodes(|_, n| {
                (self.kinds.is_empty() || self.kinds.contains(&n.kind()))
                    && !self.exclude_kinds.contains(&n.kind())
            });
        }
        let mut distance: Option<Vec<usize>> = None;
        if let Some(focus) = &self.focus {
            let seeds = find_focus(&g, focus)?;
            let dist = distances(&g, &seeds, self.depth);
            g = g.retain_nodes(|i, _| dist[i] != usize::MAX);
            distance = Some(dist.into_iter().filter(|&d| d != usize::MAX).collect());
        }
        if self.min_degree > 0 {
            let keep: Vec<bool> = (0..g.node_count())
                .map(|i| {
                    g.degree(i) >= self.min_degree || distance.as_ref().is_some_and(|d| d[i] == 0)
                })
                .collect();
            if let Some(d) = distance.as_mut() {
                *d = d
                    .iter()
                    .zip(&keep)
                    .filter(|(_, &k)| k)
                    .map(|(&x, _)| x)
                    .collect();
            }
            g = g.retain_nodes(|i, _| keep[i]);
        }
        if let Some(max) = self.max_nodes {
            if g.node_count() > max {
                let mut order: Vec<usize> = (0..g.node_count()).collect();
                let degree: Vec<usize> = order.iter().map(|&i| g.degree(i)).collect();
                order.sort_by_key(|&i| {
                    let d = distance.as_ref().map_or(0, |d| d[i]);
                    (d, std::cmp::Reverse(degree[i]), i)
                });
                let mut keep = vec![false; g.node_count()];
                for &i in order.iter().take(max) {
                    keep[i] = true;
                }
                g = g.retain_nodes(|i, _| keep[i]);
            }
        }
        Ok(g)
    }
}

/// Positions of the nodes `focus` names: an exact id, else every node whose label equals it
/// (ignoring case and outer spaces).
fn find_focus(graph: &KnowledgeGraph, focus: &str) -> Result<Vec<usize>, FilterError> {
    let by_id: Vec<usize> = graph
        .nodes()
        .filter(|(_, n)| n.id.to_string() == focus)
        .map(|(i, _)| i)
        .collect();
    if !by_id.is_empty() {
        return Ok(by_id);
    }
    let wanted = focus.trim().to_lowercase();
    let by_label: Vec<usize> = graph
        .nodes()
        .filter(|(_, n)| n.label.trim().to_lowercase() == wanted)
        .map(|(i, _)| i)
        .collect();
    if !by_label.is_empty() {
        return Ok(by_label);
    }
    // The closest labels are the shortest ones that contain the text.
    let mut similar: Vec<(usize, String)> = graph
        .nodes()
        .filter(|(_, n)| n.label.to_lowercase().contains(&wanted))
        .map(|(_, n)| (n.label.chars().count(), n.id.to_string()))
        .collect();
    similar.sort();
    let similar = similar.into_iter().take(5).map(|(_, id)| id).collect();
    Err(FilterError::NoFocus {
        focus: focus.to_string(),
        similar,
    })
}

/// Breadth-first distance (edges followed either way) from `seeds`, up to `depth`; `usize::MAX` beyond.
fn distances(graph: &KnowledgeGraph, seeds: &[usize], depth: usize) -> Vec<usize> {
    let mut dist = vec![usize::MAX; graph.node_count()];
    let mut queue = VecDeque::new();
    for &s in seeds {
        dist[s] = 0;
        queue.push_back(s);
    }
    while let Some(i) = queue.pop_front() {
        if dist[i] >= depth {
            continue;
        }
        for j in graph.neighbors(i) {
            if dist[j] == usize::MAX {
                dist[j] = dist[i] + 1;
                queue.push_back(j);
            }
        }
    }
    dist
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, EdgeKind, Node};

    fn node(kind: NodeKind, key: &str) -> Node {
        Node::bare(kind, key)
    }

    /// p1 → t1 → r1 → d1, p1 → t2, p2 → t2, isolated c1.
    fn sample() -> KnowledgeGraph {
        let nodes = vec![
            node(NodeKind::Post, "p1"),
            node(NodeKind::Post, "p2"),
            node(NodeKind::Topic, "多模态"),
            node(NodeKind::Topic, "t2"),
            node(NodeKind::Resource, "r1"),
            node(NodeKind::Domain, "d1"),
            node(NodeKind::Category, "c1"),
        ];
        let e = |kind| Edge { kind, weight: 1 };
        let edges = vec![
            (0, 2, e(EdgeKind::HasTopic)),
            (2, 4, e(EdgeKind::Cites)),
            (4, 5, e(EdgeKind::HostedOn)),
            (0, 3, e(EdgeKind::HasTopic)),
            (1, 3, e(EdgeKind::HasTopic)),
        ];
        KnowledgeGraph::from_parts(nodes, edges)
    }

    fn ids(g: &KnowledgeGraph) -> Vec<String> {
        g.nodes().map(|(_, n)| n.id.to_string()).collect()
    }

    #[test]
    fn focus_keeps_the_neighbourhood_within_depth() {
        let f = Filter {
            focus: Some("多模态".into()),
            depth: 1,
            ..Filter::default()
        };
        let g = f.apply(&sample()).unwrap();
        assert_eq!(ids(&g), ["post:p1", "topic:多模态", "resource:r1"]);
        assert_eq!(g.edge_count(), 2);
    }

    #[test]
    fn focus_by_id_and_depth_two() {
        let f = Filter {
            focus: Some("resource:r1".into()),
            depth: 2,
            ..Filter::default()
        };
        let g = f.apply(&sample()).unwrap();
        assert_eq!(
            ids(&g),
            ["post:p1", "topic:多模态", "resource:r1", "domain:d1"]
        );
    }

    #[test]
    fn unknown_focus_suggests_similar_labels() {
        let f = Filter {
            focus: Some("模态".into()),
            ..Filter::default()
        };
        let err = f.apply(&sample()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--focus `模态` matches no node id or label; similar: topic:多模态"
        );
    }

    #[test]
    fn kinds_and_exclusions() {
        let only = Filter {
            kinds: vec![NodeKind::Post, NodeKind::Topic],
            exclude_kinds: vec![NodeKind::Post],
            ..Filter::default()
        };
        assert_eq!(
            ids(&only.apply(&sample()).unwrap()),
            ["topic:t2", "topic:多模态"]
        );
    }

    #[test]
    fn min_degree_drops_leaves() {
        let f = Filter {
            min_degree: 2,
            ..Filter::default()
        };
        assert_eq!(
            ids(&f.apply(&sample()).unwrap()),
            ["post:p1", "topic:t2", "topic:多模态", "resource:r1"]
        );
    }

    #[test]
    fn max_nodes_keeps_the_best_connected() {
        let f = Filter {
            max_nodes: Some(2),
            ..Filter::default()
        };
        // Four nodes tie at degree 2; ties go to the smaller id.
        assert_eq!(ids(&f.apply(&sample()).unwrap()), ["post:p1", "topic:t2"]);
    }

    #[test]
    fn max_nodes_with_focus_keeps_the_closest_first() {
        let f = Filter {
            focus: Some("domain:d1".into()),
            depth: 3,
            max_nodes: Some(2),
            ..Filter::default()
        };
        assert_eq!(
            ids(&f.apply(&sample()).unwrap()),
            ["resource:r1", "domain:d1"]
        );
    }
}
