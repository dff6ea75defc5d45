//! Reads NetworkX node-link JSON as `kgraph build` writes it: `nodes`, and the edges under
//! `edges` or, from `--json-links` files and older NetworkX writers, under `links`.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::diff::snapshot::{kind_of_id, EdgeKey, Snapshot, SnapshotEdge, SnapshotNode};
use crate::diff::SnapshotValue;
use crate::export::JSON_SCHEMA_VERSION;

/// Node fields that are not attributes: identity, and the look (`size`, `color`) that follows
/// the export options and the metrics.
const NODE_FIELDS: [&str; 5] = ["id", "kind", "label", "size", "color"];

/// The top level of a node-link document.
#[derive(Deserialize)]
struct Document {
    #[serde(default)]
    graph: Map<String, Value>,
    nodes: Vec<Map<String, Value>>,
    edges: Option<Vec<Map<String, Value>>>,
    links: Option<Vec<Map<String, Value>>>,
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
    let edges = doc
        .edges
        .or(doc.links)
        .ok_or("not a kgraph JSON graph: no `edges` (or `links`) list")?;
    let mut snapshot = Snapshot::default();
    for (i, fields) in doc.nodes.iter().enumerate() {
        let id = id_field(fields, "id").ok_or_else(|| format!("nodes[{i}] has no `id`"))?;
        let node = SnapshotNode {
            kind: text_field(fields, "kind").unwrap_or_else(|| kind_of_id(&id)),
            label: text_field(fields, "label").unwrap_or_default(),
            attrs: fields
                .iter()
                .filter(|(name, _)| !NODE_FIELDS.contains(&name.as_str()))
                .filter_map(|(name, value)| Some((name.clone(), attr_value(value)?)))
                .collect(),
        };
        snapshot.add_node(id, node)?;
    }
    for (i, fields) in edges.iter().enumerate() {
        let end =
            |name| id_field(fields, name).ok_or_else(|| format!("edges[{i}] has no `{name}`"));
        let key = EdgeKey {
            source: end("source")?,
            target: end("target")?,
            kind: text_field(fields, "kind")
                .or_else(|| text_field(fields, "key"))
                .unwrap_or_default(),
        };
        let weight = fields.get("weight").and_then(attr_value);
        snapshot.add_edge(key, SnapshotEdge { weight })?;
    }
    Ok(snapshot)
}

/// A node id or edge endpoint: a string, or a number as NetworkX writes integer nodes.
fn id_field(fields: &Map<String, Value>, name: &str) -> Option<String> {
    match fields.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A text field.
fn text_field(fields: &Map<String, Value>, name: &str) -> Option<String> {
    fields.get(name)?.as_str().map(str::to_string)
}

/// An attribute's value; `None` for `null` and the empty string, which kgraph never writes and
/// the XML formats cannot tell from an unset attribute.
fn attr_value(value: &Value) -> Option<SnapshotValue> {
    match value {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(SnapshotValue::Text(s.clone())),
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
