//! Degrees: edges in, out, both, and their summed weights.

use crate::model::KnowledgeGraph;

/// The degrees of every node, by position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Degrees {
    /// Edges into the node (a self-loop counts once here and once in `out`).
    pub in_degree: Vec<u64>,
    /// Edges out of the node.
    pub out_degree: Vec<u64>,
    /// Summed weights of the edges into and out of the node.
    pub weighted: Vec<u64>,
}

impl Degrees {
    /// Edges into and out of node `i`, as [`KnowledgeGraph::degree`] counts them.
    pub(crate) fn total(&self, i: usize) -> u64 {
        self.in_degree[i] + self.out_degree[i]
    }
}

/// Counts the degrees of every node of `graph`. Two relations between one pair are two edges.
pub(crate) fn degrees(graph: &KnowledgeGraph) -> Degrees {
    let n = graph.node_count();
    let mut d = Degrees {
        in_degree: vec![0; n],
        out_degree: vec![0; n],
        weighted: vec![0; n],
    };
    for e in graph.edges() {
        d.out_degree[e.source] += 1;
        d.in_degree[e.target] += 1;
        let w = u64::from(e.edge.weight);
        d.weighted[e.source] += w;
        d.weighted[e.target] += w;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::tests::graph_of;

    #[test]
    fn counts_relations_weights_and_self_loops() {
        let g = graph_of(4, &[(0, 1, 1), (0, 1, 3), (1, 2, 2), (2, 2, 1)]);
        let d = degrees(&g);
        assert_eq!(d.out_degree, [2, 1, 1, 0]);
        assert_eq!(d.in_degree, [0, 2, 2, 0]);
        assert_eq!(d.weighted, [4, 6, 4, 0]);
        for i in 0..4 {
            assert_eq!(d.total(i), g.degree(i) as u64);
        }
    }
}
