//! Unit tests of the layout.

use super::*;
use crate::metrics::tests::graph_of;

fn layout(g: &KnowledgeGraph, iterations: usize) -> Vec<(f64, f64)> {
    positions(g, &LayoutOptions { iterations }, None)
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

/// Three clusters of 25 nodes (each linked to three others of its cluster), joined by one edge
/// each, and two isolated nodes (75 and 76); then `leaves` more nodes linked to node 0, and
/// `unrelated` nodes, isolated or in pairs of their own.
fn clusters(leaves: usize, unrelated: usize) -> KnowledgeGraph {
    const SIZE: usize = 25;
    let mut edges = Vec::new();
    for c in 0..3 {
        for k in 0..SIZE {
            for step in [1, 7, 11] {
                edges.push((c * SIZE + k, c * SIZE + (k * 3 + step) % SIZE, 1));
            }
        }
    }
    edges.retain(|&(a, b, _)| a != b);
    edges.extend([(0, SIZE, 1), (SIZE, 2 * SIZE, 1)]);
    let first = 3 * SIZE + 2;
    edges.extend((0..leaves).map(|k| (0, first + k, 1)));
    let pairs = first + leaves;
    edges.extend((0..unrelated / 2).map(|k| (pairs + 2 * k, pairs + 2 * k + 1, 1)));
    graph_of(pairs + unrelated, &edges)
}

const ITERATIONS: usize = 60;
const OLD_NODES: usize = 77;

fn warm_layout(g: &KnowledgeGraph, previous: &KnowledgeGraph) -> Vec<(f64, f64)> {
    let drawn = annotate(
        previous.clone(),
        &LayoutOptions {
            iterations: ITERATIONS,
        },
    );
    let options = LayoutOptions {
        iterations: ITERATIONS,
    };
    positions(g, &options, Some(&Positions::of(&drawn)))
}

/// How far each of the old nodes moved between two drawings, smallest first.
fn moves(a: &[(f64, f64)], b: &[(f64, f64)]) -> Vec<f64> {
    let mut moved: Vec<f64> = (0..OLD_NODES)
        .map(|i| ((a[i].0 - b[i].0).powi(2) + (a[i].1 - b[i].1).powi(2)).sqrt())
        .collect();
    moved.sort_by(f64::total_cmp);
    moved
}

#[test]
fn a_warm_start_keeps_nodes_in_place_when_unrelated_nodes_are_added() {
    let before = clusters(0, 0);
    let after = clusters(0, 3);
    let old = layout(&before, ITERATIONS);
    let warm = moves(&old, &warm_layout(&after, &before));
    let cold = moves(&old, &layout(&after, ITERATIONS));
    let (warm_far, cold_far) = (warm[OLD_NODES - 1], cold[OLD_NODES - 1]);
    eprintln!("farthest move: warm {warm_far}, cold {cold_far}");
    // Close: a few hundredths of the drawing's half-width, where the cold layout moves nodes
    // much further.
    assert!(warm_far < EXTENT / 20.0, "a node moved by {warm_far}");
    assert!(
        cold_far > 2.0 * warm_far,
        "cold {cold_far}, warm {warm_far}"
    );
}

#[test]
fn a_warm_start_keeps_most_nodes_close_when_a_node_joins_a_community() {
    let before = clusters(0, 0);
    let after = clusters(1, 0);
    let old = layout(&before, ITERATIONS);
    let warm_xy = warm_layout(&after, &before);
    let warm = moves(&old, &warm_xy);
    let cold = moves(&old, &layout(&after, ITERATIONS));
    let (warm_median, cold_median) = (warm[OLD_NODES / 2], cold[OLD_NODES / 2]);
    eprintln!(
        "median move: warm {}, cold {}",
        warm[OLD_NODES / 2],
        cold[OLD_NODES / 2]
    );
    assert!(
        warm_median < EXTENT / 20.0,
        "half the nodes moved by {warm_median} or more"
    );
    assert!(
        cold_median > 2.0 * warm_median,
        "cold {cold_median}, warm {warm_median}"
    );
    // The new node is drawn near its neighbour, inside the frame.
    let (new, next) = (warm_xy[OLD_NODES], warm_xy[0]);
    let apart = ((new.0 - next.0).powi(2) + (new.1 - next.1).powi(2)).sqrt();
    assert!(apart < EXTENT / 2.0, "{new:?} far from {next:?}");
    assert!(new.0.abs() <= EXTENT && new.1.abs() <= EXTENT, "{new:?}");
}

#[test]
fn a_warm_start_is_repeatable_and_without_earlier_nodes_is_the_cold_layout() {
    let (before, after) = (clusters(0, 0), clusters(1, 2));
    assert_eq!(warm_layout(&after, &before), warm_layout(&after, &before));
    let nobody = Positions::of(&annotate(
        graph_of(0, &[]),
        &LayoutOptions { iterations: 1 },
    ));
    assert!(nobody.is_empty());
    let options = LayoutOptions {
        iterations: ITERATIONS,
    };
    assert_eq!(
        positions(&after, &options, Some(&nobody)),
        layout(&after, ITERATIONS)
    );
}
