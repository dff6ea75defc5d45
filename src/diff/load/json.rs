//! Reads NetworkX node-link JSON as `kgraph build` writes it: `nodes`, and the edges under
//! `edges` or, from `--json-links` files and older NetworkX writers, under `links`.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::diff::snapshot::{kind_of_id, EdgeKey, Snapshot, SnapshotEdge, SnapshotNode};
use crate::diff::SnapshotValue;
use crate::export::JSON_SCHEMA_VERSION;

/// Node fields that are the look, which follows the export options and the metrics: not
/// attributes.
const LOOK: [&str; 2] = ["size", "color"];

/// The top level of a node-link document.
#[derive(Deserialize)]
struct Document {
    #[serde(default)]
    graph: Map<String, Value>,
    nodes: Vec<JsonNode>,
    edges: Option<Vec<JsonEdge>>,
    links: Option<Vec<JsonEdge>>,
}

/// One entry of `nodes`, read straight into its [`SnapshotNode`]: a graph file holds tens of
/// thousands of nodes with a score of attributes each, too many to hold as maps first.
struct JsonNode {
    id: Option<String>,
    node: SnapshotNode,
}

impl<'de> Deserialize<'de> for JsonNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(JsonNodeVisitor)
    }
}

struct JsonNodeVisitor;

impl<'de> Visitor<'de> for JsonNodeVisitor {
    type Value = JsonNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a node object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonNode, A::Error> {
        let (mut id, mut kind, mut node) = (None, None, SnapshotNode::default());
        while let Some(name) = map.next_key::<String>()? {
            let value: Value = map.next_value()?;
            match name.as_str() {
                "id" => id = id_text(Some(value)),
                "kind" => kind = text(Some(value)),
                "label" => node.label = text(Some(value)).unwrap_or_default(),
                _ if LOOK.contains(&name.as_str()) => {}
                _ => {
                    if let Some(value) = attr_value(value) {
                        node.attrs.insert(name, value);
                    }
                }
            }
        }
        node.kind = kind.unwrap_or_else(|| id.as_deref().map(kind_of_id).unwrap_or_default());
        Ok(JsonNode { id, node })
    }
}

/// One entry of `edges`: only the fields read.
#[derive(Deserialize)]
struct JsonEdge {
    source: Option<Value>,
    target: Option<Value>,
    key: Option<Value>,
    kind: Option<Value>,
    weight: Option<Value>,
}

/// Reads a node-link document, or says why it is not one.
pub(crate) fn read(bytes: &[u8]) -> Result<Snapshot, String> {
    let doc: Document = serde_json::from_slice(bytes).map_err(|err| {
        if err.is_data() {
            format!("not a kgraph JSON graph: {err}")
        } else {
            format!("invalid JSON: {err}")
        }
    })?;
    let version = doc.graph.get("schema_version").and_then(Value::as_u64);
    if let Some(version) = version.filter(|&v| v > u64::from(JSON_SCHEMA_VERSION)) {
        return Err(format!(
            "written by a newer kgraph (JSON schema_version {version}; this kgraph reads \
             {JSON_SCHEMA_VERSION})"
        ));
    }
    let edges =
        (doc.edges.or(doc.links)).ok_or("not a kgraph JSON graph: no `edges` (or `links`) list")?;
    let mut snapshot = Snapshot::default();
    for (i, JsonNode { id, node }) in doc.nodes.into_iter().enumerate() {
        let id = id.ok_or_else(|| format!("nodes[{i}] has no `id`"))?;
        snapshot.add_node(id, node)?;
    }
    for (i, edge) in edges.into_iter().enumerate() {
        let end = |value, name| id_text(value).ok_or_else(|| format!("edges[{i}] has no `{name}`"));
        let key = EdgeKey {
            source: end(edge.source, "source")?,
            target: end(edge.target, "target")?,
            kind: text(edge.kind)
                .or_else(|| text(edge.key))
                .unwrap_or_default(),
        };
        let weight = edge.weight.and_then(attr_value);
        snapshot.add_edge(key, SnapshotEdge { weight })?;
    }
    Ok(snapshot)
}

/// A node id or edge endpoint: a string, or a number as NetworkX writes integer nodes.
fn id_text(value: Option<Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A text field.
fn text(value: Option<Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// An attribute's value; `None` for `null` and the empty string, which kgraph never writes and
/// the XML formats cannot tell from an unset attribute.
fn attr_value(value: Value) -> Option<SnapshotValue> {
    match value {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(SnapshotValue::Text(s)),
        Value::Number(n) => n.as_f64().map(SnapshotValue::Number),
        other => Some(SnapshotValue::Text(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_come_from_edges_or_links_and_look_is_no_attribute() {
        let text = r##"{"nodes":[
            {"id":"post:a","kind":"post","label":"A","date":"2024-01-02","degree":1,"size":3.5,"color":"#000000"},
            {"id":"tag:x","label":"x","tags":""}],
          "links":[{"source":"post:a","target":"tag:x","key":"tagged","weight":2}]}"##;
        let snapshot = read(text.as_bytes()).unwrap();
        let post = &snapshot.nodes["post:a"];
        assert_eq!(post.label, "A");
        assert_eq!(
            post.attrs.keys().collect::<Vec<_>>(),
            ["date", "degree"],
            "size and color are the look"
        );
        assert_eq!(snapshot.nodes["tag:x"].kind, "tag");
        assert!(snapshot.nodes["tag:x"].attrs.is_empty());
        let (key, edge) = snapshot.edges.iter().next().unwrap();
        assert_eq!(key.kind, "tagged");
        assert_eq!(edge.weight, Some(SnapshotValue::Number(2.0)));
    }

    #[test]
    fn broken_and_foreign_documents_say_what_is_wrong() {
        let err = |text: &str| read(text.as_bytes()).unwrap_err();
        assert!(err("{\"nodes\": [").starts_with("invalid JSON: "));
        assert!(err("{}").contains("missing field `nodes`"));
        assert!(err(r#"{"nodes":[]}"#).contains("no `edges` (or `links`) list"));
        assert!(err(r#"{"nodes":[{"label":"x"}],"edges":[]}"#).contains("nodes[0] has no `id`"));
        let newer = r#"{"graph":{"schema_version":99},"nodes":[],"edges":[]}"#;
        assert!(err(newer).contains("newer kgraph"));
    }
}
