//! The neutral form of a graph file: what `kgraph diff` reads every format into and compares.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Serialize, Serializer};

/// A graph as read back from a file kgraph wrote (JSON, GraphML or GEXF): nodes by id and edges
/// by (source, target, relation), without what only draws it (size, colour).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    /// Nodes by their real id (`post:notes/a.md`).
    pub nodes: BTreeMap<String, SnapshotNode>,
    /// Edges by their identity.
    pub edges: BTreeMap<EdgeKey, SnapshotEdge>,
}

/// A node of a [`Snapshot`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SnapshotNode {
    /// Its kind (`post`, `topic`…).
    pub kind: String,
    /// Its label.
    pub label: String,
    /// Its attributes by name (`date`, `tags`, `pagerank`…); an empty text is no value.
    pub attrs: BTreeMap<String, SnapshotValue>,
}

/// What tells one edge from another: kgraph joins a pair of nodes by at most one edge per
/// relation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EdgeKey {
    /// The source node's id.
    pub source: String,
    /// The target node's id.
    pub target: String,
    /// The relation (`cites`, `links_to`…).
    pub kind: String,
}

/// An edge of a [`Snapshot`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SnapshotEdge {
    /// How many times the relation occurs, when the file says.
    pub weight: Option<SnapshotValue>,
}

/// An attribute value as a file holds it: a number (typed in the file) or text.
#[derive(Debug, Clone, PartialEq)]
pub enum SnapshotValue {
    /// A number: JSON numbers, and values of `int` or `double` attributes in GraphML and GEXF.
    Number(f64),
    /// Anything else.
    Text(String),
}

/// Integers below this magnitude are written without a fraction (2^53: every one is exact).
const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;

impl SnapshotValue {
    /// The number as an integer, when it is one.
    fn as_integer(&self) -> Option<i64> {
        match self {
            SnapshotValue::Number(x) if x.fract() == 0.0 && x.abs() < EXACT_INTEGERS => {
                Some(*x as i64)
            }
            _ => None,
        }
    }
}

impl fmt::Display for SnapshotValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self, self.as_integer()) {
            (_, Some(i)) => write!(f, "{i}"),
            (SnapshotValue::Number(x), None) => write!(f, "{x}"),
            (SnapshotValue::Text(s), None) => f.write_str(s),
        }
    }
}

impl Serialize for SnapshotValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self, self.as_integer()) {
            (_, Some(i)) => serializer.serialize_i64(i),
            (SnapshotValue::Number(x), None) => serializer.serialize_f64(*x),
            (SnapshotValue::Text(s), None) => serializer.serialize_str(s),
        }
    }
}

impl Snapshot {
    /// Adds a node, or says why the file is invalid when its id is taken.
    pub(crate) fn add_node(&mut self, id: String, node: SnapshotNode) -> Result<(), String> {
        if self.nodes.contains_key(&id) {
            return Err(format!("node `{id}` appears twice"));
        }
        self.nodes.insert(id, node);
        Ok(())
    }

    /// Adds an edge, or says why the file is invalid: an endpoint that is no node, or the same
    /// relation twice between one pair.
    pub(crate) fn add_edge(&mut self, key: EdgeKey, edge: SnapshotEdge) -> Result<(), String> {
        for end in [&key.source, &key.target] {
            if !self.nodes.contains_key(end) {
                return Err(format!(
                    "edge `{}` → `{}` ({}) names `{end}`, which is no node",
                    key.source, key.target, key.kind
                ));
            }
        }
        if self.edges.contains_key(&key) {
            return Err(format!(
                "edge `{}` → `{}` ({}) appears twice",
                key.source, key.target, key.kind
            ));
        }
        self.edges.insert(key, edge);
        Ok(())
    }
}

/// The kind of a node that names none: the `kind:` its id starts with, else the empty string.
pub(crate) fn kind_of_id(id: &str) -> String {
    id.split_once(':')
        .map_or_else(String::new, |(kind, _)| kind.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(kind: &str) -> SnapshotNode {
        SnapshotNode {
            kind: kind.to_string(),
            ..SnapshotNode::default()
        }
    }

    fn key(source: &str, target: &str, kind: &str) -> EdgeKey {
        EdgeKey {
            source: source.to_string(),
            target: target.to_string(),
            kind: kind.to_string(),
        }
    }

    #[test]
    fn integers_print_without_a_fraction_and_reals_as_they_are() {
        assert_eq!(SnapshotValue::Number(3.0).to_string(), "3");
        assert_eq!(SnapshotValue::Number(0.125).to_string(), "0.125");
        assert_eq!(SnapshotValue::Text("3.0".into()).to_string(), "3.0");
        let json = serde_json::to_string(&[
            SnapshotValue::Number(3.0),
            SnapshotValue::Number(0.5),
            SnapshotValue::Text("a".into()),
        ])
        .unwrap();
        assert_eq!(json, r#"[3,0.5,"a"]"#);
    }

    #[test]
    fn a_node_twice_and_an_edge_to_nowhere_are_refused() {
        let mut snapshot = Snapshot::default();
        snapshot.add_node("post:a".into(), node("post")).unwrap();
        snapshot.add_node("tag:x".into(), node("tag")).unwrap();
        let err = snapshot
            .add_node("post:a".into(), node("post"))
            .unwrap_err();
        assert!(err.contains("`post:a` appears twice"), "{err}");

        let edge = SnapshotEdge::default();
        snapshot
            .add_edge(key("post:a", "tag:x", "tagged"), edge.clone())
            .unwrap();
        let err = snapshot
            .add_edge(key("post:a", "tag:x", "tagged"), edge.clone())
            .unwrap_err();
        assert!(err.contains("appears twice"), "{err}");
        let err = snapshot
            .add_edge(key("post:a", "tag:y", "tagged"), edge)
            .unwrap_err();
        assert!(err.contains("`tag:y`, which is no node"), "{err}");
    }

    #[test]
    fn a_kind_comes_from_the_id_when_the_file_names_none() {
        assert_eq!(kind_of_id("resource:https://a.example/x"), "resource");
        assert_eq!(kind_of_id("n0"), "");
    }
}
