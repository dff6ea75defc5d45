//! The finished, immutable knowledge graph: nodes sorted by id, edges sorted by endpoints and kind.

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::Direction;
use rayon::slice::ParallelSliceMut;

use super::edge::{Edge, EdgeKind};

use super::node::{Attrs, Node, NodeId, NodeKind};

/// An edge seen from the sorted graph: endpoints are node positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeRef<'a> {
    /// Position of the source node.
    pub source: usize,
    /// Position of the target node.
    pub target: usize,
    /// Relation and weight.
    pub edge: &'a Edge,
}

/// The knowledge graph every exporter reads.
///
/// Node `i` is the `i`-th node in [`NodeId`] order, and edges come sorted by
/// (source id, target id, kind), so any walk over it is deterministic and
/// position `i` can serve as a synthetic id (`n{i}`) where a format needs one.
///
/// ```
/// use kgraph::{Edge, EdgeKind, KnowledgeGraph, Node, NodeId, NodeKind};
///
/// let node = |kind, key: &str| Node {
///     id: NodeId::new(kind, key),
///     label: key.to_string(),
///     attrs: Default::default(),
/// };
/// let nodes = vec![node(NodeKind::Topic, "GAN"), node(NodeKind::Post, "a.md")];
/// let cites = Edge { kind: EdgeKind::HasTopic, weight: 1 };
/// let graph = KnowledgeGraph::from_parts(nodes, vec![(1, 0, cites)]);
/// // Sorted by id: `post:a.md` comes before `topic:GAN`.
/// assert_eq!(graph.node(0).id.to_string(), "post:a.md");
/// let edge = graph.edges().next().unwrap();
/// assert_eq!((edge.source, edge.target, edge.edge.kind), (0, 1, EdgeKind::HasTopic));
/// ```
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    graph: DiGraph<Node, Edge, u32>,
}

impl KnowledgeGraph {
    /// Builds the sorted graph from nodes and `(source, target, edge)` triples in any order.
    ///
    /// Edge endpoints are positions in `nodes`. Each (source, target, kind) must occur once.
    pub fn from_parts(nodes: Vec<Node>, edges: Vec<(usize, usize, Edge)>) -> Self {
        let position = |i: usize| u32::try_from(i).expect("fewer than 2³² nodes");
        let edges = edges
            .into_iter()
            .map(|(s, t, e)| (position(s), position(t), e))
            .collect();
        Self::from_compact_parts(nodes, edges)
    }

    /// [`KnowledgeGraph::from_parts`] with 32-bit endpoints, the width of the graph's own indices.
    ///
    /// A large blog's graph holds millions of nodes and edges: each temporary array is freed as
    /// soon as it is used up, so that freezing costs little more than the graph itself.
    pub(crate) fn from_compact_parts(nodes: Vec<Node>, mut edges: Vec<(u32, u32, Edge)>) -> Self {
        // Sorting millions of ids is most of the freeze on a large blog: both cores take part.
        let mut order: Vec<u32> = (0..nodes.len() as u32).collect();
        order.par_sort_unstable_by(|&a, &b| nodes[a as usize].id.cmp(&nodes[b as usize].id));
        let mut position = vec![0u32; nodes.len()];
        for (new, &old) in order.iter().enumerate() {
            position[old as usize] = new as u32;
        }
        let mut graph = DiGraph::with_capacity(nodes.len(), 0);
        let mut slots: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
        for &old in &order {
            if let Some(node) = slots[old as usize].take() {
                graph.add_node(node);
            }
        }
        drop((slots, order));
        graph.reserve_exact_edges(edges.len());
        for (s, t, _) in &mut edges {
            (*s, *t) = (position[*s as usize], position[*t as usize]);
        }
        drop(position);
        edges.par_sort_unstable_by_key(|&(s, t, e)| (s, t, e.kind));
        for (s, t, e) in edges {
            graph.add_edge(NodeIndex::new(s as usize), NodeIndex::new(t as usize), e);
        }
        KnowledgeGraph { graph }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The node at position `i`.
    pub fn node(&self, i: usize) -> &Node {
        &self.graph[NodeIndex::new(i)]
    }

    /// Nodes in id order, with their positions.
    pub fn nodes(&self) -> impl Iterator<Item = (usize, &Node)> + '_ {
        self.graph.node_weights().enumerate()
    }

    /// Edges in (source, target, kind) order.
    pub fn edges(&self) -> impl Iterator<Item = EdgeRef<'_>> + '_ {
        self.graph.raw_edges().iter().map(|e| EdgeRef {
            source: e.source().index(),
            target: e.target().index(),
            edge: &e.weight,
        })
    }

    /// Position of the node with id `id`.
    pub fn position(&self, id: &NodeId) -> Option<usize> {
        let nodes = self.graph.raw_nodes();
        nodes.binary_search_by(|n| n.weight.id.cmp(id)).ok()
    }

    /// Number of edges into and out of node `i`.
    pub fn degree(&self, i: usize) -> usize {
        let n = NodeIndex::new(i);
        self.graph.edges_directed(n, Direction::Outgoing).count()
            + self.graph.edges_directed(n, Direction::Incoming).count()
    }

    /// Positions of the nodes linked to node `i` in either direction (may repeat).
    pub fn neighbors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.graph
            .neighbors_undirected(NodeIndex::new(i))
            .map(|n| n.index())
    }

    /// Node counts per kind, in [`NodeKind::ALL`] order, kinds with no node left out.
    pub fn count_nodes_by_kind(&self) -> Vec<(NodeKind, usize)> {
        NodeKind::ALL
            .into_iter()
            .map(|k| (k, self.nodes().filter(|(_, n)| n.kind() == k).count()))
            .filter(|&(_, c)| c > 0)
            .collect()
    }

    /// Edge counts per kind, in [`EdgeKind::ALL`] order, kinds with no edge left out.
    pub fn count_edges_by_kind(&self) -> Vec<(EdgeKind, usize)> {
        EdgeKind::ALL
            .into_iter()
            .map(|k| (k, self.edges().filter(|e| e.edge.kind == k).count()))
            .filter(|&(_, c)| c > 0)
            .collect()
    }

    /// The same graph with each node's attributes changed by `f(position, attributes)`.
    ///
    /// Ids, labels and edges stay, so the order stays too.
    pub fn map_attrs(mut self, mut f: impl FnMut(usize, &mut Attrs)) -> KnowledgeGraph {
        for (i, node) in self.graph.node_weights_mut().enumerate() {
            f(i, &mut node.attrs);
        }
        self
    }

    /// The subgraph of the nodes for which `keep` is true and the edges among them.
    pub fn retain_nodes(&self, keep: impl Fn(usize, &Node) -> bool) -> KnowledgeGraph {
        let graph = self.graph.filter_map(
            |n, node| keep(n.index(), node).then(|| node.clone()),
            |_: EdgeIndex, edge| Some(*edge),
        );
        KnowledgeGraph { graph }
    }
}
