//! A [`GraphDiff`] as text for a person (counts first, then the changes) or as JSON for a
//! program (a stable shape with a `schema_version`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use super::compare::{DiffOptions, EdgeChange, FieldChange, GraphDiff, NodeChange};
use super::counts::{Change, Counts};
use super::snapshot::{EdgeKey, Snapshot, SnapshotEdge, SnapshotNode, SnapshotValue};
use crate::export::Format;
use crate::text::Escaped;

/// Version of the JSON report's shape; bumped when it changes incompatibly.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// One of the two compared files.
#[derive(Debug, Clone)]
pub(crate) struct Side {
    pub path: PathBuf,
    pub format: Format,
    pub nodes: usize,
    pub edges: usize,
}

impl Side {
    pub(crate) fn new(path: PathBuf, format: Format, snapshot: &Snapshot) -> Side {
        Side {
            path,
            format,
            nodes: snapshot.nodes.len(),
            edges: snapshot.edges.len(),
        }
    }
}

/// What the report is about: the two files, how they were compared and what differs.
pub(crate) struct Compared<'a> {
    pub old: &'a Side,
    pub new: &'a Side,
    pub options: DiffOptions,
    pub diff: &'a GraphDiff,
}

/// The report as text: the two files, the counts by kind, then (unless `counts_only`) every
/// change.
pub(crate) fn to_text(c: &Compared<'_>, counts_only: bool) -> String {
    let mut out = String::new();
    for (name, side) in [("old", c.old), ("new", c.new)] {
        let path = side.path.display().to_string();
        let _ = writeln!(
            out,
            "{name}: {} ({} nodes, {} edges)",
            Escaped(&path),
            side.nodes,
            side.edges
        );
    }
    if !c.options.metrics {
        out.push_str("metrics and positions not compared (--metrics compares them)\n");
    }
    if c.diff.is_empty() {
        out.push_str("\nno changes\n");
        return out;
    }
    out.push('\n');
    counts_line(&mut out, "nodes", &c.diff.node_counts());
    counts_line(&mut out, "edges", &c.diff.edge_counts());
    if counts_only {
        return out;
    }
    let d = c.diff;
    node_section(&mut out, "Added nodes", &d.added_nodes);
    node_section(&mut out, "Removed nodes", &d.removed_nodes);
    section(
        &mut out,
        "Changed nodes",
        &d.changed_nodes,
        |out, change| {
            let _ = writeln!(
                out,
                "  {}  \"{}\"",
                Escaped(&change.id),
                Escaped(&change.label)
            );
            fields(out, &change.fields);
        },
    );
    edge_section(&mut out, "Added edges", &d.added_edges);
    edge_section(&mut out, "Removed edges", &d.removed_edges);
    let width = relation_width(d.changed_edges.iter().map(|c| &c.key));
    section(
        &mut out,
        "Changed edges",
        &d.changed_edges,
        |out, change| {
            edge_line(out, &change.key, width);
            fields(out, &change.fields);
        },
    );
    out
}

/// `nodes: 2 added (1 post, 1 resource), 1 changed (1 post)`.
fn counts_line(out: &mut String, what: &str, counts: &Counts) {
    let (all, by_kind) = (&counts.total, &counts.by_kind);
    let parts: Vec<String> = (Change::ALL.into_iter())
        .filter(|&change| all.get(change) > 0)
        .map(|change| {
            let kinds: Vec<String> = (by_kind.iter())
                .filter(|c| c.tally.get(change) > 0)
                .map(|c| format!("{} {}", c.tally.get(change), Escaped(&c.kind)))
                .collect();
            let (total, verb) = (all.get(change), change.as_str());
            format!("{total} {verb} ({})", kinds.join(", "))
        })
        .collect();
    let parts = if parts.is_empty() {
        "no changes".to_string()
    } else {
        parts.join(", ")
    };
    let _ = writeln!(out, "{what}: {parts}");
}

/// A titled list with its length, left out when empty.
fn section<T>(out: &mut String, title: &str, items: &[T], mut item: impl FnMut(&mut String, &T)) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title} ({})", items.len());
    for it in items {
        item(out, it);
    }
}

fn node_section(out: &mut String, title: &str, nodes: &[(String, SnapshotNode)]) {
    section(out, title, nodes, |out, (id, node)| {
        let _ = writeln!(out, "  {}  \"{}\"", Escaped(id), Escaped(&node.label));
    });
}

fn edge_section(out: &mut String, title: &str, edges: &[(EdgeKey, SnapshotEdge)]) {
    let width = relation_width(edges.iter().map(|(k, _)| k));
    section(out, title, edges, |out, (key, edge)| {
        edge_line(out, key, width);
        if let Some(weight) = edge
            .weight
            .as_ref()
            .filter(|w| **w != SnapshotValue::Number(1.0))
        {
            out.pop();
            let _ = writeln!(out, "  (weight {weight})");
        }
    });
}

/// The widest relation name among `keys`, to align the endpoints.
fn relation_width<'a>(keys: impl Iterator<Item = &'a EdgeKey>) -> usize {
    keys.map(|k| k.kind.chars().count()).max().unwrap_or(0)
}

/// `  cites      post:a.md → resource:https://…` and a line break.
fn edge_line(out: &mut String, key: &EdgeKey, width: usize) {
    let _ = writeln!(
        out,
        "  {:<width$}  {} → {}",
        Escaped(&key.kind).to_string(),
        Escaped(&key.source),
        Escaped(&key.target)
    );
}

/// One indented `field: old → new` line per change.
fn fields(out: &mut String, fields: &[FieldChange]) {
    for f in fields {
        let (old, new) = (shown(&f.old), shown(&f.new));
        let _ = writeln!(out, "    {}: {old} → {new}", Escaped(&f.field));
    }
}

/// A value as the text report shows it: text quoted, numbers bare, `(unset)`.
fn shown(value: &Option<SnapshotValue>) -> String {
    match value {
        None => "(unset)".to_string(),
        Some(SnapshotValue::Text(s)) => format!("\"{}\"", Escaped(s)),
        Some(number) => number.to_string(),
    }
}

/// The JSON report (pretty-printed, ending with a newline).
pub(crate) fn to_json(c: &Compared<'_>) -> String {
    let d = c.diff;
    let report = Report {
        schema_version: SCHEMA_VERSION,
        old: side(c.old),
        new: side(c.new),
        metrics_compared: c.options.metrics,
        equal: d.is_empty(),
        counts: CountsDto {
            nodes: d.node_counts(),
            edges: d.edge_counts(),
        },
        nodes: Lists {
            added: d.added_nodes.iter().map(node_dto).collect(),
            removed: d.removed_nodes.iter().map(node_dto).collect(),
            changed: d.changed_nodes.iter().map(node_change_dto).collect(),
        },
        edges: Lists {
            added: d.added_edges.iter().map(edge_dto).collect(),
            removed: d.removed_edges.iter().map(edge_dto).collect(),
            changed: d.changed_edges.iter().map(edge_change_dto).collect(),
        },
    };
    let mut json = serde_json::to_string_pretty(&report).expect("the report serializes");
    json.push('\n');
    json
}

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    old: SideDto,
    new: SideDto,
    metrics_compared: bool,
    equal: bool,
    counts: CountsDto,
    nodes: Lists<NodeDto<'a>, NodeChangeDto<'a>>,
    edges: Lists<EdgeDto<'a>, EdgeChangeDto<'a>>,
}

#[derive(Serialize)]
struct SideDto {
    path: String,
    format: &'static str,
    nodes: usize,
    edges: usize,
}

#[derive(Serialize)]
struct CountsDto {
    nodes: Counts,
    edges: Counts,
}

#[derive(Serialize)]
struct Lists<T, C> {
    added: Vec<T>,
    removed: Vec<T>,
    changed: Vec<C>,
}

#[derive(Serialize)]
struct NodeDto<'a> {
    id: &'a str,
    kind: &'a str,
    label: &'a str,
    attributes: &'a BTreeMap<String, SnapshotValue>,
}

#[derive(Serialize)]
struct NodeChangeDto<'a> {
    id: &'a str,
    kind: &'a str,
    label: &'a str,
    changes: Vec<FieldDto<'a>>,
}

#[derive(Serialize)]
struct EdgeDto<'a> {
    source: &'a str,
    target: &'a str,
    kind: &'a str,
    weight: &'a Option<SnapshotValue>,
}

#[derive(Serialize)]
struct EdgeChangeDto<'a> {
    source: &'a str,
    target: &'a str,
    kind: &'a str,
    changes: Vec<FieldDto<'a>>,
}

#[derive(Serialize)]
struct FieldDto<'a> {
    field: &'a str,
    old: &'a Option<SnapshotValue>,
    new: &'a Option<SnapshotValue>,
}

fn side(side: &Side) -> SideDto {
    SideDto {
        path: side.path.display().to_string(),
        format: side.format.extension(),
        nodes: side.nodes,
        edges: side.edges,
    }
}

fn node_dto((id, node): &(String, SnapshotNode)) -> NodeDto<'_> {
    NodeDto {
        id,
        kind: &node.kind,
        label: &node.label,
        attributes: &node.attrs,
    }
}

fn field_dtos(fields: &[FieldChange]) -> Vec<FieldDto<'_>> {
    (fields.iter())
        .map(|f| FieldDto {
            field: &f.field,
            old: &f.old,
            new: &f.new,
        })
        .collect()
}

fn node_change_dto(change: &NodeChange) -> NodeChangeDto<'_> {
    NodeChangeDto {
        id: &change.id,
        kind: &change.kind,
        label: &change.label,
        changes: field_dtos(&change.fields),
    }
}

fn edge_dto((key, edge): &(EdgeKey, SnapshotEdge)) -> EdgeDto<'_> {
    EdgeDto {
        source: &key.source,
        target: &key.target,
        kind: &key.kind,
        weight: &edge.weight,
    }
}

fn edge_change_dto(change: &EdgeChange) -> EdgeChangeDto<'_> {
    EdgeChangeDto {
        source: &change.key.source,
        target: &change.key.target,
        kind: &change.key.kind,
        changes: field_dtos(&change.fields),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::compare;

    fn snapshot(json: &str) -> Snapshot {
        super::super::load::read_json(json.as_bytes()).unwrap()
    }

    fn render(old: &Snapshot, new: &Snapshot, json: bool) -> String {
        let side = |name: &str, s| Side::new(PathBuf::from(name), Format::Json, s);
        let (a, b) = (side("a.json", old), side("b.json", new));
        let options = DiffOptions::default();
        let diff = compare(old, new, options);
        let compared = Compared {
            old: &a,
            new: &b,
            options,
            diff: &diff,
        };
        if json {
            to_json(&compared)
        } else {
            to_text(&compared, false)
        }
    }

    const OLD: &str = r#"{"nodes":[{"id":"post:a","kind":"post","label":"A"},
        {"id":"tag:x","kind":"tag","label":"x"}],
        "edges":[{"source":"post:a","target":"tag:x","kind":"tagged","weight":1}]}"#;
    const NEW: &str = r#"{"nodes":[{"id":"post:a","kind":"post","label":"A\u001b[31m"},
        {"id":"tag:x","kind":"tag","label":"x"},{"id":"tag:y","kind":"tag","label":"y"}],
        "edges":[{"source":"post:a","target":"tag:x","kind":"tagged","weight":2},
        {"source":"post:a","target":"tag:y","kind":"tagged","weight":1}]}"#;

    #[test]
    fn the_text_gives_counts_first_then_each_change_on_its_own_line() {
        let text = render(&snapshot(OLD), &snapshot(NEW), false);
        let expected = "\
old: a.json (2 nodes, 1 edges)
new: b.json (3 nodes, 2 edges)
metrics and positions not compared (--metrics compares them)

nodes: 1 added (1 tag), 1 changed (1 post)
edges: 1 added (1 tagged), 1 changed (1 tagged)

Added nodes (1)
  tag:y  \"y\"

Changed nodes (1)
  post:a  \"A\\u{1b}[31m\"
    label: \"A\" → \"A\\u{1b}[31m\"

Added edges (1)
  tagged  post:a → tag:y

Changed edges (1)
  tagged  post:a → tag:x
    weight: 1 → 2
";
        assert_eq!(text, expected);
        let same = render(&snapshot(OLD), &snapshot(OLD), false);
        assert!(same.ends_with("\nno changes\n"), "{same}");
    }

    #[test]
    fn the_json_has_a_schema_version_counts_and_lists() {
        let json = render(&snapshot(OLD), &snapshot(NEW), true);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["schema_version"], SCHEMA_VERSION);
        assert_eq!(v["equal"], false);
        assert_eq!(v["old"]["format"], "json");
        assert_eq!(v["counts"]["nodes"]["added"], 1);
        assert_eq!(v["counts"]["nodes"]["by_kind"][0]["kind"], "post");
        assert_eq!(v["counts"]["nodes"]["by_kind"][0]["changed"], 1);
        assert_eq!(v["counts"]["edges"]["by_kind"][0]["kind"], "tagged");
        assert_eq!(v["nodes"]["added"][0]["id"], "tag:y");
        assert_eq!(v["nodes"]["changed"][0]["changes"][0]["field"], "label");
        assert_eq!(v["edges"]["changed"][0]["changes"][0]["old"], 1);
        assert_eq!(v["edges"]["changed"][0]["changes"][0]["new"], 2);
    }
}
