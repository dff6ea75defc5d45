//! Comparing two [`Snapshot`]s: the nodes and edges added, removed and changed, grouped by kind.

use super::counts::Counts;
use super::snapshot::{EdgeKey, Snapshot, SnapshotEdge, SnapshotNode, SnapshotValue};
use crate::model::{Attr, EdgeKind, NodeKind};

/// What [`compare`] looks at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// Also compare the attributes computed from the whole graph or corpus (degrees, PageRank,
    /// components, communities, positions, keyword scores: see [`Attr::is_derived`]). Off by
    /// default: one new post changes them on most nodes.
    pub metrics: bool,
}

impl DiffOptions {
    /// Whether the attribute called `name` is compared.
    pub fn compares(&self, name: &str) -> bool {
        self.metrics || !Attr::from_name(name).is_some_and(Attr::is_derived)
    }
}

/// The differences between two graphs. Each list is sorted by kind (in legend order: posts,
/// topics, resources…; `has_topic`, `subtopic`, `cites`…), then by id or by (source, target).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GraphDiff {
    /// Nodes only in the new graph.
    pub added_nodes: Vec<(String, SnapshotNode)>,
    /// Nodes only in the old graph.
    pub removed_nodes: Vec<(String, SnapshotNode)>,
    /// Nodes in both whose label or compared attributes differ.
    pub changed_nodes: Vec<NodeChange>,
    /// Edges only in the new graph.
    pub added_edges: Vec<(EdgeKey, SnapshotEdge)>,
    /// Edges only in the old graph.
    pub removed_edges: Vec<(EdgeKey, SnapshotEdge)>,
    /// Edges in both whose weight differs.
    pub changed_edges: Vec<EdgeChange>,
}

/// A node in both graphs, changed.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeChange {
    /// The node's id.
    pub id: String,
    /// Its kind in the new graph.
    pub kind: String,
    /// Its label in the new graph.
    pub label: String,
    /// What changed: `label`, then attributes (declaration order, then others by name).
    pub fields: Vec<FieldChange>,
}

/// An edge in both graphs, changed.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeChange {
    /// The edge.
    pub key: EdgeKey,
    /// What changed (`weight`).
    pub fields: Vec<FieldChange>,
}

/// One value that differs; `None` where it is unset.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// `label`, `kind`, `weight` or an attribute's name.
    pub field: String,
    /// The old value.
    pub old: Option<SnapshotValue>,
    /// The new value.
    pub new: Option<SnapshotValue>,
}

/// Compares `old` with `new`.
///
/// ```
/// use kgraph::{compare, DiffOptions, Snapshot, SnapshotNode};
///
/// let old = Snapshot::default();
/// let mut new = Snapshot::default();
/// new.nodes.insert("tag:rust".into(), SnapshotNode { kind: "tag".into(), ..Default::default() });
/// let diff = compare(&old, &new, DiffOptions::default());
/// assert_eq!(diff.added_nodes[0].0, "tag:rust");
/// assert!(compare(&new, &new, DiffOptions::default()).is_empty());
/// ```
pub fn compare(old: &Snapshot, new: &Snapshot, options: DiffOptions) -> GraphDiff {
    let mut diff = GraphDiff::default();
    let compared = |node: &SnapshotNode| SnapshotNode {
        attrs: (node.attrs.iter())
            .filter(|(name, _)| options.compares(name))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect(),
        ..node.clone()
    };
    for (id, node) in &new.nodes {
        match old.nodes.get(id) {
            None => diff.added_nodes.push((id.clone(), compared(node))),
            Some(before) => {
                let fields = node_fields(before, node, options);
                if !fields.is_empty() {
                    diff.changed_nodes.push(NodeChange {
                        id: id.clone(),
                        kind: node.kind.clone(),
                        label: node.label.clone(),
                        fields,
                    });
                }
            }
        }
    }
    diff.removed_nodes = (old.nodes.iter())
        .filter(|(id, _)| !new.nodes.contains_key(*id))
        .map(|(id, node)| (id.clone(), compared(node)))
        .collect();
    for (key, edge) in &new.edges {
        match old.edges.get(key) {
            None => diff.added_edges.push((key.clone(), edge.clone())),
            Some(before) if before.weight != edge.weight => diff.changed_edges.push(EdgeChange {
                key: key.clone(),
                fields: vec![change("weight", &before.weight, &edge.weight)],
            }),
            Some(_) => {}
        }
    }
    diff.removed_edges = (old.edges.iter())
        .filter(|(key, _)| !new.edges.contains_key(*key))
        .map(|(key, edge)| (key.clone(), edge.clone()))
        .collect();
    diff.sort();
    diff
}

/// The compared fields of a node that differ between `old` and `new`.
fn node_fields(old: &SnapshotNode, new: &SnapshotNode, options: DiffOptions) -> Vec<FieldChange> {
    let text = |s: &str| (!s.is_empty()).then(|| SnapshotValue::Text(s.to_string()));
    let mut fields = Vec::new();
    for (field, before, after) in [
        ("kind", &old.kind, &new.kind),
        ("label", &old.label, &new.label),
    ] {
        if before != after {
            fields.push(change(field, &text(before), &text(after)));
        }
    }
    let mut names: Vec<&String> = old.attrs.keys().chain(new.attrs.keys()).collect();
    names.sort_by_key(|name| (attr_rank(name), name.as_str()));
    names.dedup();
    for name in names.into_iter().filter(|name| options.compares(name)) {
        let (before, after) = (old.attrs.get(name).cloned(), new.attrs.get(name).cloned());
        if before != after {
            fields.push(change(name, &before, &after));
        }
    }
    fields
}

fn change(field: &str, old: &Option<SnapshotValue>, new: &Option<SnapshotValue>) -> FieldChange {
    FieldChange {
        field: field.to_string(),
        old: old.clone(),
        new: new.clone(),
    }
}

/// Where an attribute comes in kgraph's declaration order; others after, by name.
fn attr_rank(name: &str) -> usize {
    Attr::from_name(name).map_or(Attr::ALL.len(), |attr| attr as usize)
}

/// Where a node kind comes in legend order; unknown kinds after, by name.
pub(crate) fn node_kind_rank(kind: &str) -> (usize, &str) {
    let rank = NodeKind::parse(kind).map_or(NodeKind::ALL.len(), |k| k as usize);
    (rank, kind)
}

/// Where a relation comes in legend order; unknown relations after, by name.
pub(crate) fn edge_kind_rank(kind: &str) -> (usize, &str) {
    let rank = (EdgeKind::ALL.iter())
        .position(|k| k.as_str() == kind)
        .unwrap_or(EdgeKind::ALL.len());
    (rank, kind)
}

impl GraphDiff {
    /// Whether the two graphs are the same (as far as compared).
    pub fn is_empty(&self) -> bool {
        self.added_nodes.is_empty()
            && self.removed_nodes.is_empty()
            && self.changed_nodes.is_empty()
            && self.added_edges.is_empty()
            && self.removed_edges.is_empty()
            && self.changed_edges.is_empty()
    }

    /// How many nodes were added, removed and changed, in all and by kind (legend order).
    pub fn node_counts(&self) -> Counts {
        Counts::of(
            self.added_nodes.iter().map(|(_, n)| n.kind.as_str()),
            self.removed_nodes.iter().map(|(_, n)| n.kind.as_str()),
            self.changed_nodes.iter().map(|c| c.kind.as_str()),
            node_kind_rank,
        )
    }

    /// How many edges were added, removed and changed, in all and by relation (legend order).
    pub fn edge_counts(&self) -> Counts {
        Counts::of(
            self.added_edges.iter().map(|(k, _)| k.kind.as_str()),
            self.removed_edges.iter().map(|(k, _)| k.kind.as_str()),
            self.changed_edges.iter().map(|c| c.key.kind.as_str()),
            edge_kind_rank,
        )
    }

    fn sort(&mut self) {
        let node_order =
            |id: &str, kind: &str| (node_kind_rank(kind).0, kind.to_string(), id.to_string());
        self.added_nodes
            .sort_by_cached_key(|(id, n)| node_order(id, &n.kind));
        self.removed_nodes
            .sort_by_cached_key(|(id, n)| node_order(id, &n.kind));
        self.changed_nodes
            .sort_by_cached_key(|c| node_order(&c.id, &c.kind));
        let edge_order = |k: &EdgeKey| {
            (
                edge_kind_rank(&k.kind).0,
                k.kind.clone(),
                k.source.clone(),
                k.target.clone(),
            )
        };
        self.added_edges.sort_by_cached_key(|(k, _)| edge_order(k));
        self.removed_edges
            .sort_by_cached_key(|(k, _)| edge_order(k));
        self.changed_edges
            .sort_by_cached_key(|c| edge_order(&c.key));
    }
}

#[cfg(test)]
mod tests;
