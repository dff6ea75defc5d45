use super::*;
use crate::diff::Counts;

fn text(s: &str) -> SnapshotValue {
    SnapshotValue::Text(s.to_string())
}

fn num(x: f64) -> SnapshotValue {
    SnapshotValue::Number(x)
}

type NodeSpec<'a> = (&'a str, &'a str, &'a [(&'a str, SnapshotValue)]);

/// A graph of `(id, label, attributes)` nodes and `(source, target, relation, weight)` edges.
fn graph(nodes: &[NodeSpec<'_>], edges: &[(&str, &str, &str, f64)]) -> Snapshot {
    let mut snapshot = Snapshot::default();
    for (id, label, attrs) in nodes {
        let node = SnapshotNode {
            kind: id.split(':').next().unwrap().to_string(),
            label: label.to_string(),
            attrs: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        };
        snapshot.add_node(id.to_string(), node).unwrap();
    }
    for (source, target, kind, weight) in edges {
        let key = EdgeKey {
            source: source.to_string(),
            target: target.to_string(),
            kind: kind.to_string(),
        };
        let weight = Some(num(*weight));
        snapshot.add_edge(key, SnapshotEdge { weight }).unwrap();
    }
    snapshot
}

const OLD_EDGES: [(&str, &str, &str, f64); 3] = [
    ("post:a.md", "tag:x", "tagged", 1.0),
    ("post:a.md", "resource:https://r.example", "cites", 1.0),
    ("post:a.md", "post:b.md", "links_to", 1.0),
];

fn old_graph() -> Snapshot {
    graph(
        &[
            (
                "post:a.md",
                "A",
                &[("date", text("2024-01-01")), ("degree", num(2.0))],
            ),
            ("post:b.md", "B", &[]),
            ("tag:x", "x", &[("posts", num(1.0))]),
            ("resource:https://r.example", "R", &[]),
        ],
        &OLD_EDGES,
    )
}

fn ids(nodes: &[(String, SnapshotNode)]) -> Vec<&str> {
    nodes.iter().map(|(id, _)| id.as_str()).collect()
}

fn old_and_new(field: &FieldChange) -> (Option<SnapshotValue>, Option<SnapshotValue>) {
    (field.old.clone(), field.new.clone())
}

fn count_row(counts: &Counts, kind: &str) -> (usize, usize, usize) {
    let row = counts.by_kind.iter().find(|c| c.kind == kind).unwrap();
    (row.tally.added, row.tally.removed, row.tally.changed)
}

#[test]
fn a_graph_equals_itself() {
    let g = old_graph();
    let diff = compare(&g, &g, DiffOptions { metrics: true });
    assert!(diff.is_empty(), "{diff:?}");
    assert_eq!(diff.node_counts(), Counts::default());
}

#[test]
fn added_removed_and_changed_nodes_and_edges_are_found() {
    let new = graph(
        &[
            (
                "post:a.md",
                "A, retitled",
                &[("date", text("2024-01-01")), ("tags", text("x"))],
            ),
            ("post:c.md", "C", &[]),
            ("tag:x", "x", &[("posts", num(2.0))]),
            ("resource:https://r.example", "R", &[]),
        ],
        &[
            ("post:a.md", "tag:x", "tagged", 1.0),
            ("post:c.md", "tag:x", "tagged", 1.0),
            ("post:a.md", "resource:https://r.example", "cites", 3.0),
        ],
    );
    let diff = compare(&old_graph(), &new, DiffOptions::default());
    assert_eq!(ids(&diff.added_nodes), ["post:c.md"]);
    assert_eq!(ids(&diff.removed_nodes), ["post:b.md"]);

    let changed: Vec<(&str, Vec<&str>)> = (diff.changed_nodes.iter())
        .map(|c| {
            let fields = c.fields.iter().map(|f| f.field.as_str()).collect();
            (c.id.as_str(), fields)
        })
        .collect();
    assert_eq!(
        changed,
        [
            ("post:a.md", vec!["label", "tags"]),
            ("tag:x", vec!["posts"])
        ]
    );
    let post = &diff.changed_nodes[0];
    assert_eq!(
        old_and_new(&post.fields[0]),
        (Some(text("A")), Some(text("A, retitled")))
    );
    assert_eq!(old_and_new(&post.fields[1]), (None, Some(text("x"))));

    let relations = |edges: &[(EdgeKey, SnapshotEdge)]| {
        edges
            .iter()
            .map(|(k, _)| k.kind.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(relations(&diff.added_edges), ["tagged"]);
    assert_eq!(relations(&diff.removed_edges), ["links_to"]);
    let cites = &diff.changed_edges[0];
    assert_eq!(
        (cites.key.kind.as_str(), cites.fields[0].field.as_str()),
        ("cites", "weight")
    );
    assert_eq!(
        old_and_new(&cites.fields[0]),
        (Some(num(1.0)), Some(num(3.0)))
    );

    let nodes = diff.node_counts();
    assert_eq!(count_row(&nodes, "post"), (1, 1, 1));
    assert_eq!(count_row(&nodes, "tag"), (0, 0, 1));
    let total = nodes.total;
    assert_eq!((total.added, total.removed, total.changed), (1, 1, 2));
    let kinds: Vec<String> = (diff.edge_counts().by_kind.into_iter())
        .map(|c| c.kind)
        .collect();
    assert_eq!(kinds, ["cites", "tagged", "links_to"], "legend order");
}

#[test]
fn metrics_are_compared_only_when_asked() {
    let new = graph(
        &[
            (
                "post:a.md",
                "A",
                &[
                    ("date", text("2024-01-01")),
                    ("degree", num(3.0)),
                    ("x", num(1.5)),
                ],
            ),
            ("post:b.md", "B", &[]),
            ("tag:x", "x", &[("posts", num(1.0))]),
            ("resource:https://r.example", "R", &[]),
        ],
        &OLD_EDGES,
    );
    assert!(compare(&old_graph(), &new, DiffOptions::default()).is_empty());
    let diff = compare(&old_graph(), &new, DiffOptions { metrics: true });
    let fields: Vec<&str> = (diff.changed_nodes[0].fields.iter())
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["degree", "x"]);
}

#[test]
fn added_nodes_carry_only_compared_attributes_and_lists_are_in_kind_order() {
    let new = graph(
        &[
            (
                "tag:new",
                "new",
                &[("pagerank", num(0.1)), ("posts", num(1.0))],
            ),
            ("post:z.md", "Z", &[]),
            ("keyword:k", "k", &[("score", num(2.5))]),
        ],
        &[],
    );
    let diff = compare(&Snapshot::default(), &new, DiffOptions::default());
    assert_eq!(
        ids(&diff.added_nodes),
        ["post:z.md", "tag:new", "keyword:k"],
        "legend order, not by name"
    );
    let tag = &diff.added_nodes[1].1;
    assert_eq!(tag.attrs.keys().collect::<Vec<_>>(), ["posts"]);
    assert!(
        diff.added_nodes[2].1.attrs.is_empty(),
        "a keyword's score is corpus-wide"
    );
}
