//! Unit tests of the layout.

use super::*;
use crate::metrics::tests::graph_of;

fn layout(g: &KnowledgeGraph, iterations: usize) -> Vec<(f64, f64)> {
    positions(g, &LayoutOptions { iterations })
}

/// Two triangles joined by an edge, a pair, and two isolated nodes.
fn sample() -> KnowledgeGraph {
    graph_of(
        10,
        &[
            (0, 1, 1),
            (1, 2, 1),
            (2, 0, 1),
            (3, 4, 2),
            (4, 5, 1),
            (5, 3, 1),
            (2, 3, 1),
            (6, 7, 1),
            (8, 8, 1),
        ],
    )
}

#[test]
fn positions_are_normalised_rounded_and_repeatable() {
    let g = sample();
    let xy = layout(&g, 50);
    assert_eq!(xy.len(), 10);
    let max = xy
        .iter()
        .flat_map(|&(x, y)| [x.abs(), y.abs()])
        .fold(0.0, f64::max);
    assert!((max - EXTENT).abs() < 0.01, "{xy:?}");
    for &(x, y) in &xy {
        assert_eq!((x * 100.0).round() / 100.0, x);
        assert_eq!((y * 100.0).round() / 100.0, y);
    }
    assert_eq!(layout(&g, 50), xy);
    let distinct: std::collections::BTreeSet<(i64, i64)> = xy
        .iter()
        .map(|&(x, y)| ((x * 100.0) as i64, (y * 100.0) as i64))
        .collect();
    assert_eq!(distinct.len(), xy.len(), "{xy:?}");
}

#[test]
fn isolated_nodes_sit_outside_the_drawing() {
    let g = sample();
    let xy = layout(&g, 50);
    let dist = |p: (f64, f64)| (p.0 * p.0 + p.1 * p.1).sqrt();
    // Nodes 8 (only a self-loop) and 9 have no edge to another node.
    let inner = (0..8).map(|i| dist(xy[i])).fold(0.0, f64::max);
    let centre = {
        let k = 8.0;
        let cx = (0..8).map(|i| xy[i].0).sum::<f64>() / k;
        let cy = (0..8).map(|i| xy[i].1).sum::<f64>() / k;
        (cx, cy)
    };
    let from_centre = |p: (f64, f64)| ((p.0 - centre.0).powi(2) + (p.1 - centre.1).powi(2)).sqrt();
    let drawing = (0..8).map(|i| from_centre(xy[i])).fold(0.0, f64::max);
    for i in [8, 9] {
        assert!(from_centre(xy[i]) > drawing, "{i}: {xy:?}");
    }
    assert!(inner > 0.0);
}

#[test]
fn communities_are_drawn_apart() {
    let g = sample();
    let xy = layout(&g, 100);
    let centroid = |nodes: &[usize]| {
        let k = nodes.len() as f64;
        let x = nodes.iter().map(|&i| xy[i].0).sum::<f64>() / k;
        let y = nodes.iter().map(|&i| xy[i].1).sum::<f64>() / k;
        (x, y)
    };
    let d = |p: (f64, f64), q: (f64, f64)| ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt();
    let community = communities_of(&g);
    assert_eq!(community[0], community[1], "{community:?}");
    assert_ne!(community[0], community[4], "{community:?}");
    let groups: Vec<Vec<usize>> = [community[0], community[4], community[6]]
        .iter()
        .map(|&c| (0..8).filter(|&i| community[i] == c).collect())
        .collect();
    for (k, group) in groups.iter().enumerate() {
        let own = centroid(group);
        for &i in group {
            for (other, members) in groups.iter().enumerate().filter(|&(o, _)| o != k) {
                assert!(
                    d(xy[i], own) < d(xy[i], centroid(members)),
                    "node {i} nearer group {other}: {xy:?}"
                );
            }
        }
    }
}

#[test]
fn tiny_graphs_do_not_break() {
    assert!(layout(&graph_of(0, &[]), 10).is_empty());
    assert_eq!(layout(&graph_of(1, &[]), 10), [(0.0, 0.0)]);
    let lonely = layout(&graph_of(3, &[]), 10);
    assert_eq!(lonely.len(), 3);
    let two = layout(&graph_of(2, &[(0, 1, 1)]), 10);
    assert_ne!(two[0], two[1]);
}

#[test]
fn annotate_writes_x_and_y_on_every_node() {
    let g = annotate(sample(), &LayoutOptions { iterations: 10 });
    for (_, node) in g.nodes() {
        assert!(matches!(node.attr(Attr::X), Some(AttrValue::Float(_))));
        assert!(matches!(node.attr(Attr::Y), Some(AttrValue::Float(_))));
    }
}
