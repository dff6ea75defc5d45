//! Reading a graph file into a [`Snapshot`]: the format by extension, as `kgraph build` picks
//! it, then one reader per format.

mod gexf;
mod graphml;
mod json;

use std::fs;
use std::path::Path;

use super::snapshot::{Snapshot, SnapshotValue};
use crate::error::Error;
use crate::export::Format;

#[cfg(test)]
pub(crate) use json::read as read_json;

/// The formats a graph can be read back from.
const READABLE: [Format; 3] = [Format::Json, Format::Graphml, Format::Gexf];

/// The format of the graph file at `path`, by its extension, or a usage error when kgraph cannot
/// read that format back.
pub(crate) fn readable_format(path: &Path) -> Result<Format, Error> {
    Format::from_path(path)
        .filter(|format| READABLE.contains(format))
        .ok_or_else(|| {
            Error::Usage(format!(
                "cannot compare {}: kgraph diff reads the .json, .graphml and .gexf files \
                 `kgraph build` writes",
                path.display()
            ))
        })
}

/// Reads the graph file at `path` in the format its extension names: `.json` (NetworkX
/// node-link, edges under `edges` or `links`), `.graphml` or `.gexf`, as `kgraph build` writes
/// them. Another extension is a usage error; a file that is no such graph, an error saying what
/// is wrong with it.
///
/// ```
/// use std::path::Path;
///
/// let snapshot = kgraph::read_snapshot(Path::new("out/graph.json"))?;
/// assert_eq!(snapshot.nodes["category:ml"].kind, "category");
/// assert_eq!(kgraph::read_snapshot(Path::new("out/graph.graphml"))?, snapshot);
/// # Ok::<(), kgraph::Error>(())
/// ```
pub fn read_snapshot(path: &Path) -> Result<Snapshot, Error> {
    let format = readable_format(path)?;
    let bytes = fs::read(path).map_err(|source| Error::Input {
        path: path.to_path_buf(),
        source,
    })?;
    let read = match format {
        Format::Json => json::read(&bytes),
        Format::Graphml => xml_text(&bytes).and_then(graphml::read),
        _ => xml_text(&bytes).and_then(gexf::read),
    };
    read.map_err(|reason| Error::InvalidGraph {
        path: path.to_path_buf(),
        reason,
    })
}

/// The text of an XML file, or why it has none.
fn xml_text(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|err| {
        format!(
            "invalid XML: not UTF-8 (byte {} is no character)",
            err.valid_up_to()
        )
    })
}

/// The value of an XML attribute declared as `ty`: a number for the numeric types (when it
/// parses as one), else text; `None` for an empty text.
fn typed_value(ty: &str, text: &str) -> Option<SnapshotValue> {
    if text.is_empty() {
        return None;
    }
    let numeric = matches!(ty, "int" | "integer" | "long" | "float" | "double");
    match text.trim().parse::<f64>() {
        Ok(x) if numeric && x.is_finite() => Some(SnapshotValue::Number(x)),
        _ => Some(SnapshotValue::Text(text.to_string())),
    }
}

/// The local names of XML elements, for readers that do not care about namespaces.
fn named<'a, 'input>(
    parent: roxmltree::Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'input>> {
    parent
        .children()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

/// The root element of an XML graph file, if it is named `root`.
fn root_named<'a, 'input>(
    doc: &'a roxmltree::Document<'input>,
    root: &str,
    format: &str,
) -> Result<roxmltree::Node<'a, 'input>, String> {
    let element = doc.root_element();
    if element.tag_name().name() != root {
        return Err(format!(
            "not a {format} file: the root element is <{}>, not <{root}>",
            element.tag_name().name()
        ));
    }
    Ok(element)
}

/// An XML attribute that must be there.
fn required<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Result<&'a str, String> {
    node.attribute(name).ok_or_else(|| {
        let pos = node.document().text_pos_at(node.range().start);
        format!(
            "<{}> at line {} has no `{name}`",
            node.tag_name().name(),
            pos.row
        )
    })
}

/// Parses XML, saying where it is broken.
fn parse_xml(text: &str) -> Result<roxmltree::Document<'_>, String> {
    roxmltree::Document::parse(text).map_err(|err| format!("invalid XML: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_graphml_and_gexf_are_read_back() {
        for (path, ok) in [
            ("g.json", true),
            ("G.GraphML", true),
            ("out/g.gexf", true),
            ("g.dot", false),
            ("g.csv", false),
            ("g", false),
        ] {
            assert_eq!(readable_format(Path::new(path)).is_ok(), ok, "{path}");
        }
        let err = readable_format(Path::new("g.dot")).unwrap_err().to_string();
        assert!(err.starts_with("cannot compare g.dot: "), "{err}");
    }

    #[test]
    fn numbers_are_numbers_only_where_the_file_declares_them() {
        assert_eq!(
            typed_value("double", "0.25"),
            Some(SnapshotValue::Number(0.25))
        );
        assert_eq!(typed_value("long", "7"), Some(SnapshotValue::Number(7.0)));
        assert_eq!(
            typed_value("string", "7"),
            Some(SnapshotValue::Text("7".into()))
        );
        assert_eq!(
            typed_value("int", "x"),
            Some(SnapshotValue::Text("x".into()))
        );
        assert_eq!(typed_value("string", ""), None);
    }
}
