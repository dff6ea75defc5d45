//! Weakly connected components: the groups of nodes linked by edges in either direction.

use crate::model::KnowledgeGraph;

/// The component of every node, by position: 0 is the largest, ties broken by the smallest
/// member position (nodes are in id order, so that is the smallest id).
pub(crate) fn components(graph: &KnowledgeGraph) -> Vec<usize> {
    let n = graph.node_count();
    let mut parent: Vec<usize> = (0..n).collect();
    for e in graph.edges() {
        let (a, b) = (find(&mut parent, e.source), find(&mut parent, e.target));
        if a != b {
            // The smaller position becomes the root, so a root is its set's smallest member.
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            parent[high] = low;
        }
    }
    let roots: Vec<usize> = (0..n).map(|i| find(&mut parent, i)).collect();
    renumber(&roots)
}

/// Union-find root of `i`, halving paths on the way.
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Relabels groups (any labels below `labels.len()`) as 0, 1, 2… by size, largest first,
/// ties broken by the smallest member position.
pub(crate) fn renumber(labels: &[usize]) -> Vec<usize> {
    let n = labels.len();
    let mut size = vec![0usize; n];
    let mut first = vec![usize::MAX; n];
    for (i, &l) in labels.iter().enumerate() {
        size[l] += 1;
        first[l] = first[l].min(i);
    }
    let mut groups: Vec<usize> = (0..n).filter(|&l| size[l] > 0).collect();
    groups.sort_by_key(|&l| (std::cmp::Reverse(size[l]), first[l]));
    let mut number = vec![0usize; n];
    for (k, &l) in groups.iter().enumerate() {
        number[l] = k;
    }
    labels.iter().map(|&l| number[l]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::tests::graph_of;

    #[test]
    fn numbered_by_size_then_smallest_member() {
        // {1, 3, 6} is the largest; {0, 4} and {2, 5} tie and go by smallest member; 7 is alone.
        let g = graph_of(8, &[(4, 0, 1), (5, 2, 1), (1, 3, 1), (6, 3, 1)]);
        assert_eq!(components(&g), [1, 0, 2, 0, 1, 2, 0, 3]);
    }

    #[test]
    fn renumbering_is_by_size_then_first_member() {
        assert_eq!(
            renumber(&[7, 7, 3, 3, 3, 0, 1, 0]),
            [1, 1, 0, 0, 0, 2, 3, 2]
        );
        assert!(renumber(&[]).is_empty());
    }
}
