//! What changed between two builds of the graph: posts added, changed and removed, nodes and
//! edges added and removed, by node id and edge key.

use std::fmt;

use rustc_hash::FxHashSet;

use crate::model::{Attr, EdgeKind, KnowledgeGraph, NodeId, NodeKind};

/// What changed between two builds of the graph (what `kgraph watch` reports per rebuild).
///
/// ```
/// use kgraph::{GraphChanges, InputConfig};
///
/// let corpus = kgraph::load_corpus(&InputConfig::new(["data"]), &kgraph::Silent)?;
/// let changes = GraphChanges::between(&corpus.graph, &corpus.graph);
/// assert_eq!(changes, GraphChanges::default());
/// assert_eq!(changes.to_string(), "posts +0 ~0 -0, nodes +0 -0, edges +0 -0");
/// # Ok::<(), kgraph::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GraphChanges {
    /// Posts only in the new graph.
    pub posts_added: usize,
    /// Posts in both whose label, own attributes (path, date, categories, tags, series…) or
    /// outgoing edges differ.
    pub posts_changed: usize,
    /// Posts only in the old graph.
    pub posts_removed: usize,
    /// Nodes (posts included) only in the new graph.
    pub nodes_added: usize,
    /// Nodes only in the old graph.
    pub nodes_removed: usize,
    /// Edges (by source, target and relation) only in the new graph.
    pub edges_added: usize,
    /// Edges only in the old graph.
    pub edges_removed: usize,
}

impl GraphChanges {
    /// What changed from `before` to `after`. Metrics and positions are not compared.
    pub fn between(before: &KnowledgeGraph, after: &KnowledgeGraph) -> Self {
        let (old_nodes, new_nodes) = (node_ids(before), node_ids(after));
        let (old_edges, new_edges) = (edge_keys(before), edge_keys(after));
        let is_post = |id: &&&NodeId| id.kind == NodeKind::Post;
        let mut changes = GraphChanges {
            nodes_added: new_nodes.difference(&old_nodes).count(),
            nodes_removed: old_nodes.difference(&new_nodes).count(),
            edges_added: new_edges.difference(&old_edges).count(),
            edges_removed: old_edges.difference(&new_edges).count(),
            posts_added: new_nodes.difference(&old_nodes).filter(is_post).count(),
            posts_removed: old_nodes.difference(&new_nodes).filter(is_post).count(),
            posts_changed: 0,
        };
        let (old_posts, new_posts) = (post_records(before), post_records(after));
        changes.posts_changed = new_posts
            .iter()
            .filter(|post| !old_posts.contains(post) && old_nodes.contains(post.id))
            .count();
        changes
    }
}

impl fmt::Display for GraphChanges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "posts +{} ~{} -{}, nodes +{} -{}, edges +{} -{}",
            self.posts_added,
            self.posts_changed,
            self.posts_removed,
            self.nodes_added,
            self.nodes_removed,
            self.edges_added,
            self.edges_removed
        )
    }
}

fn node_ids(graph: &KnowledgeGraph) -> FxHashSet<&NodeId> {
    graph.nodes().map(|(_, n)| &n.id).collect()
}

fn edge_keys(graph: &KnowledgeGraph) -> FxHashSet<(&NodeId, &NodeId, EdgeKind)> {
    graph
        .edges()
        .map(|e| {
            (
                &graph.node(e.source).id,
                &graph.node(e.target).id,
                e.edge.kind,
            )
        })
        .collect()
}

/// A post as its file makes it: what a change of the file can change.
#[derive(Debug, PartialEq, Eq, Hash)]
struct PostRecord<'a> {
    id: &'a NodeId,
    label: &'a str,
    /// The post's own attributes, printed (those derived from the whole graph left out:
    /// [`Attr::is_derived`]).
    attrs: Vec<(Attr, String)>,
    /// Outgoing edges: target, relation, weight (in the graph's order).
    out: Vec<(&'a NodeId, EdgeKind, u32)>,
}

fn post_records(graph: &KnowledgeGraph) -> FxHashSet<PostRecord<'_>> {
    let mut out: Vec<Vec<(&NodeId, EdgeKind, u32)>> = vec![Vec::new(); graph.node_count()];
    for e in graph.edges() {
        if graph.node(e.source).kind() == NodeKind::Post {
            out[e.source].push((&graph.node(e.target).id, e.edge.kind, e.edge.weight));
        }
    }
    graph
        .nodes()
        .filter(|(_, n)| n.kind() == NodeKind::Post)
        .map(|(i, n)| PostRecord {
            id: &n.id,
            label: &n.label,
            attrs: (n.attrs.iter())
                .filter(|(attr, _)| !attr.is_derived())
                .map(|(attr, value)| (*attr, format!("{value:?}")))
                .collect(),
            out: std::mem::take(&mut out[i]),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AttrValue, Edge, Node};

    fn node(kind: NodeKind, key: &str) -> Node {
        Node::bare(kind, key)
    }

    fn graph(nodes: Vec<Node>, edges: &[(usize, usize, EdgeKind)]) -> KnowledgeGraph {
        let edges = edges
            .iter()
            .map(|&(s, t, kind)| (s, t, Edge { kind, weight: 1 }))
            .collect();
        KnowledgeGraph::from_parts(nodes, edges)
    }

    #[test]
    fn counts_what_was_added_changed_and_removed() {
        use NodeKind::{Post, Topic};
        let before = graph(
            vec![
                node(Post, "a.md"),
                node(Post, "b.md"),
                node(Post, "c.md"),
                node(Topic, "x"),
            ],
            &[(0, 3, EdgeKind::HasTopic), (1, 3, EdgeKind::HasTopic)],
        );
        // b.md loses its topic and gains another, c.md is gone, d.md is new; a.md is as it was.
        let after = graph(
            vec![
                node(Post, "a.md"),
                node(Post, "b.md"),
                node(Post, "d.md"),
                node(Topic, "x"),
                node(Topic, "y"),
            ],
            &[
                (0, 3, EdgeKind::HasTopic),
                (1, 4, EdgeKind::HasTopic),
                (2, 4, EdgeKind::HasTopic),
            ],
        );
        let changes = GraphChanges::between(&before, &after);
        assert_eq!(
            changes,
            GraphChanges {
                posts_added: 1,
                posts_changed: 1,
                posts_removed: 1,
                nodes_added: 2,
                nodes_removed: 1,
                edges_added: 2,
                edges_removed: 1,
            }
        );
        assert_eq!(
            changes.to_string(),
            "posts +1 ~1 -1, nodes +2 -1, edges +2 -1"
        );
    }

    #[test]
    fn metrics_are_no_change_but_the_post_own_attributes_are() {
        let plain = graph(vec![node(NodeKind::Post, "a.md")], &[]);
        let with = |attr: Attr, value: AttrValue| {
            plain.clone().map_attrs(|_, attrs| {
                attrs.insert(attr, value.clone());
            })
        };
        let ranked = with(Attr::Pagerank, AttrValue::Float(0.5));
        assert_eq!(
            GraphChanges::between(&plain, &ranked),
            GraphChanges::default()
        );
        let dated = with(Attr::Date, AttrValue::Str(Box::new("2024-01-02".into())));
        assert_eq!(GraphChanges::between(&plain, &dated).posts_changed, 1);
    }
}
