//! Reads GraphML as `kgraph build` writes it: the real node ids in `kgid` (GraphML's own ids are
//! `n0, n1, …`), attributes by their `attr.name`, the relation in the edge's `kind`.

use std::collections::HashMap;

use super::{named, parse_xml, required, root_named, typed_value};
use crate::diff::snapshot::{kind_of_id, EdgeKey, Snapshot, SnapshotEdge, SnapshotNode};

/// Node keys that are the look (Gephi's colour and size), which follows the export options and
/// the metrics: not attributes.
const LOOK: [&str; 4] = ["r", "g", "b", "size"];

/// A declared `<key>`: the name readers see and its type.
struct Key<'a> {
    name: &'a str,
    ty: &'a str,
}

/// Reads a GraphML document, or says why it is not one.
pub(super) fn read(text: &str) -> Result<Snapshot, String> {
    let doc = parse_xml(text)?;
    let root = root_named(&doc, "graphml", "GraphML")?;
    let keys: HashMap<&str, Key<'_>> = named(root, "key")
        .filter_map(|key| {
            let id = key.attribute("id")?;
            let name = key.attribute("attr.name").unwrap_or(id);
            let ty = key.attribute("attr.type").unwrap_or("string");
            Some((id, Key { name, ty }))
        })
        .collect();
    let graph = named(root, "graph")
        .next()
        .ok_or("not a GraphML graph: no <graph>")?;
    let mut real_ids: HashMap<&str, String> = HashMap::new();
    let mut snapshot = Snapshot::default();
    for element in named(graph, "node") {
        let xml_id = required(element, "id")?;
        let (mut id, mut node) = (None, SnapshotNode::default());
        for (name, ty, text) in data(element, &keys) {
            match name {
                "kgid" => id = Some(text),
                "kind" => node.kind = text,
                "label" => node.label = text,
                _ if LOOK.contains(&name) => {}
                _ => {
                    if let Some(value) = typed_value(ty, &text) {
                        node.attrs.insert(name.to_string(), value);
                    }
                }
            }
        }
        let id = id.unwrap_or_else(|| xml_id.to_string());
        if node.kind.is_empty() {
            node.kind = kind_of_id(&id);
        }
        real_ids.insert(xml_id, id.clone());
        snapshot.add_node(id, node)?;
    }
    for element in named(graph, "edge") {
        let end = |name| {
            let xml_id = required(element, name)?;
            (real_ids.get(xml_id).cloned())
                .ok_or_else(|| format!("edge {name} `{xml_id}` is no node"))
        };
        let (mut kind, mut label, mut edge) = (None, None, SnapshotEdge::default());
        for (name, ty, text) in data(element, &keys) {
            match name {
                "kind" => kind = Some(text),
                "label" => label = Some(text),
                "weight" => edge.weight = typed_value(ty, &text),
                _ => {}
            }
        }
        let key = EdgeKey {
            source: end("source")?,
            target: end("target")?,
            kind: kind.or(label).unwrap_or_default(),
        };
        snapshot.add_edge(key, edge)?;
    }
    Ok(snapshot)
}

/// Each `<data>` of an element as (name, type, text), by the `<key>`s declared.
fn data<'a, 'input: 'a>(
    element: roxmltree::Node<'a, 'input>,
    keys: &'a HashMap<&'input str, Key<'input>>,
) -> impl Iterator<Item = (&'a str, &'a str, String)> + 'a {
    named(element, "data").map(move |data| {
        let id = data.attribute("key").unwrap_or_default();
        let (name, ty) = keys.get(id).map_or((id, "string"), |k| (k.name, k.ty));
        (name, ty, data.text().unwrap_or_default().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::SnapshotValue;

    const DOC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="kgid" for="node" attr.name="kgid" attr.type="string"/>
  <key id="kind" for="node" attr.name="kind" attr.type="string"/>
  <key id="part" for="node" attr.name="part" attr.type="int"/>
  <key id="size" for="node" attr.name="size" attr.type="double"/>
  <key id="elabel" for="edge" attr.name="label" attr.type="string"/>
  <key id="ekind" for="edge" attr.name="kind" attr.type="string"/>
  <key id="weight" for="edge" attr.name="weight" attr.type="int"/>
  <graph edgedefault="directed">
    <node id="n0">
      <data key="label">A &amp; B&#10;2</data>
      <data key="kgid">post:a.md</data>
      <data key="kind">post</data>
      <data key="part">2</data>
      <data key="size">12.5</data>
    </node>
    <node id="n1">
      <data key="kgid">series:S</data>
    </node>
    <edge id="e0" source="n0" target="n1">
      <data key="elabel">in_series</data>
      <data key="ekind">in_series</data>
      <data key="weight">1</data>
    </edge>
  </graph>
</graphml>"#;

    #[test]
    fn real_ids_typed_attributes_and_relations_are_read() {
        let snapshot = read(DOC).unwrap();
        let post = &snapshot.nodes["post:a.md"];
        assert_eq!(post.label, "A & B\n2");
        assert_eq!(post.attrs.len(), 1, "size is the look");
        assert_eq!(post.attrs["part"], SnapshotValue::Number(2.0));
        assert_eq!(snapshot.nodes["series:S"].kind, "series");
        let (key, edge) = snapshot.edges.iter().next().unwrap();
        assert_eq!(
            (key.source.as_str(), key.target.as_str(), key.kind.as_str()),
            ("post:a.md", "series:S", "in_series")
        );
        assert_eq!(edge.weight, Some(SnapshotValue::Number(1.0)));
    }

    #[test]
    fn broken_and_foreign_documents_say_what_is_wrong() {
        assert!(read("<graphml><graph>")
            .unwrap_err()
            .starts_with("invalid XML: "));
        let err = read("<gexf/>").unwrap_err();
        assert!(err.contains("root element is <gexf>"), "{err}");
        let dangling = DOC.replace("target=\"n1\"", "target=\"n9\"");
        assert!(read(&dangling).unwrap_err().contains("`n9` is no node"));
    }
}
