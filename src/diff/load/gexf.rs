//! Reads GEXF as `kgraph build` writes it: attributes by their declared title, positions from
//! `viz:position` as `x` and `y`, the relation in the edge's `kind` (else its `label`).

use std::collections::HashMap;

use super::{named, parse_xml, required, root_named, typed_value};
use crate::diff::snapshot::{kind_of_id, EdgeKey, Snapshot, SnapshotEdge, SnapshotNode};
use crate::diff::SnapshotValue;

/// A declared node `<attribute>`: its title and type.
struct Declared<'a> {
    title: &'a str,
    ty: &'a str,
}

/// Reads a GEXF document, or says why it is not one.
pub(super) fn read(text: &str) -> Result<Snapshot, String> {
    let doc = parse_xml(text)?;
    let root = root_named(&doc, "gexf", "GEXF")?;
    let graph = named(root, "graph")
        .next()
        .ok_or("not a GEXF graph: no <graph>")?;
    let declared: HashMap<&str, Declared<'_>> = named(graph, "attributes")
        .filter(|a| a.attribute("class") == Some("node"))
        .flat_map(|a| named(a, "attribute"))
        .filter_map(|a| {
            let id = a.attribute("id")?;
            let title = a.attribute("title").unwrap_or(id);
            let ty = a.attribute("type").unwrap_or("string");
            Some((id, Declared { title, ty }))
        })
        .collect();
    let mut snapshot = Snapshot::default();
    for element in named(graph, "nodes").flat_map(|nodes| named(nodes, "node")) {
        let id = required(element, "id")?.to_string();
        let mut node = SnapshotNode {
            label: element.attribute("label").unwrap_or_default().to_string(),
            ..SnapshotNode::default()
        };
        let values = named(element, "attvalues").flat_map(|a| named(a, "attvalue"));
        for attvalue in values {
            let id = attvalue.attribute("for").unwrap_or_default();
            let value = attvalue.attribute("value").unwrap_or_default();
            let (title, ty) = declared.get(id).map_or((id, "string"), |d| (d.title, d.ty));
            if title == "kind" {
                node.kind = value.to_string();
            } else if let Some(value) = typed_value(ty, value) {
                node.attrs.insert(title.to_string(), value);
            }
        }
        for position in named(element, "position") {
            for axis in ["x", "y"] {
                if let Some(value) = position
                    .attribute(axis)
                    .and_then(|v| typed_value("double", v))
                {
                    node.attrs.insert(axis.to_string(), value);
                }
            }
        }
        if node.kind.is_empty() {
            node.kind = kind_of_id(&id);
        }
        snapshot.add_node(id, node)?;
    }
    for element in named(graph, "edges").flat_map(|edges| named(edges, "edge")) {
        let kind = element.attribute("kind").or(element.attribute("label"));
        let key = EdgeKey {
            source: required(element, "source")?.to_string(),
            target: required(element, "target")?.to_string(),
            kind: kind.unwrap_or_default().to_string(),
        };
        let weight = element.attribute("weight").map(|w| match w.trim().parse() {
            Ok(x) => SnapshotValue::Number(x),
            Err(_) => SnapshotValue::Text(w.to_string()),
        });
        snapshot.add_edge(key, SnapshotEdge { weight })?;
    }
    Ok(snapshot)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">
    <attributes class="node">
      <attribute id="kind" title="kind" type="string"/>
      <attribute id="date" title="date" type="string"/>
      <attribute id="degree" title="degree" type="long"/>
    </attributes>
    <nodes count="2">
      <node id="post:a.md" label="A post" start="2024-01-02">
        <attvalues>
          <attvalue for="kind" value="post"/>
          <attvalue for="date" value="2024-01-02"/>
          <attvalue for="degree" value="1"/>
        </attvalues>
        <viz:color r="0" g="114" b="178"/>
        <viz:size value="13.47"/>
        <viz:position x="-120.5" y="33"/>
      </node>
      <node id="tag:x" label="x"/>
    </nodes>
    <edges count="1">
      <edge id="e0" source="post:a.md" target="tag:x" label="tagged" kind="tagged" weight="3"/>
    </edges>
  </graph>
</gexf>"#;

    #[test]
    fn attributes_positions_and_relations_are_read() {
        let snapshot = read(DOC).unwrap();
        let post = &snapshot.nodes["post:a.md"];
        assert_eq!(
            (post.kind.as_str(), post.label.as_str()),
            ("post", "A post")
        );
        let names: Vec<&str> = post.attrs.keys().map(String::as_str).collect();
        assert_eq!(names, ["date", "degree", "x", "y"]);
        assert_eq!(post.attrs["degree"], SnapshotValue::Number(1.0));
        assert_eq!(post.attrs["x"], SnapshotValue::Number(-120.5));
        assert_eq!(snapshot.nodes["tag:x"].kind, "tag");
        let (key, edge) = snapshot.edges.iter().next().unwrap();
        assert_eq!(key.kind, "tagged");
        assert_eq!(edge.weight, Some(SnapshotValue::Number(3.0)));
    }

    #[test]
    fn a_node_without_an_id_is_an_error_with_its_line() {
        let err = read(&DOC.replace("<node id=\"tag:x\"", "<node")).unwrap_err();
        assert_eq!(err, "<node> at line 20 has no `id`");
    }
}
