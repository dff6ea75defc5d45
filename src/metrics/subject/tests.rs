use super::*;
use crate::metrics::communities;
use crate::model::{Attrs, Edge, EdgeKind, Node, NodeId};

/// A graph of the given `kind:key` nodes and `(source, target)` edges between them, weight 1;
/// edges between the same nodes get distinct relations.
fn graph(nodes: &[String], edges: &[(String, String)]) -> KnowledgeGraph {
    let id = |s: &str| {
        let (kind, key) = s.split_once(':').unwrap();
        NodeId::new(NodeKind::parse(kind).unwrap(), key)
    };
    let list: Vec<Node> = nodes
        .iter()
        .map(|s| Node {
            id: id(s),
            label: s.clone(),
            attrs: Attrs::new(),
        })
        .collect();
    let at = |s: &str| nodes.iter().position(|n| n == s).unwrap();
    let edges = edges
        .iter()
        .enumerate()
        .map(|(k, (s, t))| {
            let kind = EdgeKind::ALL[k % EdgeKind::ALL.len()];
            (at(s), at(t), Edge { kind, weight: 1 })
        })
        .collect();
    KnowledgeGraph::from_parts(list, edges)
}

fn position(g: &KnowledgeGraph, id: &str) -> usize {
    (0..g.node_count())
        .find(|&i| g.node(i).id.to_string() == id)
        .unwrap()
}

fn posts(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("post:p{i:02}")).collect()
}

#[test]
fn domains_and_tags_on_a_large_share_of_many_posts_are_structural() {
    let mut nodes = posts(0..20);
    nodes.extend(["domain:x.com", "tag:hub", "tag:small", "resource:r"].map(String::from));
    let mut edges: Vec<(String, String)> = (0..11)
        .map(|i| (format!("post:p{i:02}"), "tag:hub".into()))
        .collect();
    edges.extend((0..4).map(|i| (format!("post:p{i:02}"), "tag:small".into())));
    edges.push(("post:p00".into(), "resource:r".into()));
    edges.push(("resource:r".into(), "domain:x.com".into()));
    let g = graph(&nodes, &edges);
    let structural = structural_nodes(&g);
    let is = |id: &str| structural[position(&g, id)];
    assert!(is("domain:x.com"), "a domain always");
    assert!(is("tag:hub"), "11 of 20 posts");
    assert!(!is("tag:small") && !is("resource:r") && !is("post:p00"));
}

#[test]
fn a_heading_on_most_posts_is_not_a_hub() {
    let mut nodes = posts(0..12);
    nodes.push("topic:usage".into());
    let edges: Vec<(String, String)> = (0..12)
        .map(|i| (format!("post:p{i:02}"), "topic:usage".into()))
        .collect();
    let g = graph(&nodes, &edges);
    assert!(structural_nodes(&g).iter().all(|&s| !s));
}

#[test]
fn a_small_corpus_keeps_the_tag_every_post_shares() {
    let mut nodes = posts(0..5);
    nodes.push("tag:all".into());
    let edges: Vec<(String, String)> = (0..5)
        .map(|i| (format!("post:p{i:02}"), "tag:all".into()))
        .collect();
    let g = graph(&nodes, &edges);
    assert!(structural_nodes(&g).iter().all(|&s| !s));
}

#[test]
fn left_out_nodes_join_the_community_most_of_their_neighbours_joined() {
    // a–e placed in communities 0 0 0 1 1; x (3 links to 0, 1 to 1) → 0; y (one each) → the
    // lower number; z linked only to x follows it; w has no neighbour and stays.
    let nodes: Vec<String> = ["a", "b", "c", "d", "e", "w", "x", "y", "z"]
        .map(|k| format!("topic:{k}"))
        .to_vec();
    let pair = |s: &str, t: &str| (format!("topic:{s}"), format!("topic:{t}"));
    let edges = [
        pair("x", "a"),
        pair("b", "x"),
        pair("x", "c"),
        pair("x", "d"),
        pair("y", "e"),
        pair("y", "a"),
        pair("z", "x"),
    ];
    let g = graph(&nodes, &edges);
    let structural = [false, false, false, false, false, true, true, true, true];
    let mut community = vec![0, 0, 0, 1, 1, 5, 6, 7, 8];
    place_left_out(&g, &structural, &mut community);
    assert_eq!(community, [0, 0, 0, 1, 1, 5, 0, 0, 0]);
}

/// Two subjects of 6 posts each (a topic and two keywords per subject, a resource per post);
/// the resources of the first subject and one of the second are hosted on the same domain.
fn two_subjects() -> KnowledgeGraph {
    let mut nodes = posts(0..12);
    nodes.extend(["topic:rust", "topic:go", "domain:a.com", "domain:b.com"].map(String::from));
    nodes.extend(
        [
            "keyword:cargo",
            "keyword:borrow",
            "keyword:goroutine",
            "keyword:channel",
        ]
        .map(String::from),
    );
    let mut edges = Vec::new();
    for i in 0..12 {
        let (post, resource) = (format!("post:p{i:02}"), format!("resource:r{i:02}"));
        let (topic, keywords) = if i < 6 {
            ("topic:rust", ["keyword:cargo", "keyword:borrow"])
        } else {
            ("topic:go", ["keyword:goroutine", "keyword:channel"])
        };
        let domain = if i < 7 {
            "domain:a.com"
        } else {
            "domain:b.com"
        };
        edges.extend(keywords.map(|k| (post.clone(), k.to_string())));
        edges.push((post.clone(), topic.to_string()));
        edges.push((post, resource.clone()));
        edges.push((resource.clone(), domain.to_string()));
        nodes.push(resource);
    }
    graph(&nodes, &edges)
}

#[test]
fn communities_follow_subjects_and_domains_join_the_majority_of_their_resources() {
    let g = two_subjects();
    let c = communities(&g);
    let of = |id: &str| c[position(&g, id)];
    assert_ne!(of("topic:rust"), of("topic:go"));
    for i in 0..12 {
        let subject = of(if i < 6 { "topic:rust" } else { "topic:go" });
        assert_eq!(of(&format!("post:p{i:02}")), subject, "post {i}");
        assert_eq!(of(&format!("resource:r{i:02}")), subject, "resource {i}");
    }
    assert_eq!(of("domain:a.com"), of("topic:rust"));
    assert_eq!(of("domain:b.com"), of("topic:go"));
    for _ in 0..3 {
        assert_eq!(communities(&g), c);
    }
}

#[test]
fn nodes_linked_only_to_structural_ones_are_left_out_too() {
    let mut nodes = posts(0..12);
    nodes.extend(
        [
            "keyword:tools",
            "resource:r",
            "domain:x.com",
            "keyword:lone",
        ]
        .map(String::from),
    );
    let mut edges: Vec<(String, String)> = (0..12)
        .map(|i| (format!("post:p{i:02}"), "keyword:tools".into()))
        .collect();
    edges.extend(
        (0..12)
            .step_by(2)
            .map(|i| (format!("post:p{i:02}"), format!("post:p{:02}", i + 1))),
    );
    edges.push(("keyword:tools".into(), "resource:r".into()));
    edges.push(("resource:r".into(), "domain:x.com".into()));
    let g = graph(&nodes, &edges);
    let structural = structural_nodes(&g);
    let left_out = left_out_nodes(&g, &structural);
    let is = |v: &[bool], id: &str| v[position(&g, id)];
    assert!(is(&structural, "keyword:tools") && is(&structural, "domain:x.com"));
    assert!(!is(&structural, "resource:r") && is(&left_out, "resource:r"));
    assert!(
        !is(&left_out, "keyword:lone"),
        "no edge at all: alone, not placed"
    );
    assert!(!is(&left_out, "post:p00"));
    // Placed in rounds: the keyword with its posts, then the resource, then its domain.
    let c = communities(&g);
    let of = |id: &str| c[position(&g, id)];
    assert_eq!(of("resource:r"), of("keyword:tools"));
    assert_eq!(of("domain:x.com"), of("keyword:tools"));
    assert_ne!(of("keyword:lone"), of("keyword:tools"));
}
