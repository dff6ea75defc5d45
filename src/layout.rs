//! Node positions: ForceAtlas2 (the `fa2` crate) run community by community, so that Gephi,
//! Gephi Lite, NetworkX and web viewers open on a readable picture without running a layout.
//!
//! One ForceAtlas2 over a whole blog gives a hairball: a few hubs (a domain hosting thousands
//! of resources, a keyword on every post) pull everything into one cloud and the communities
//! mix. So the layout follows the community structure (the `community` attribute, else
//! communities computed now), in steps that are each deterministic:
//! 1. **Inside each community**, ForceAtlas2 with the settings graphology derives from the
//!    number of nodes (strong gravity 0.05, scaling ratio 10, slow-down `1 + ln(n)`,
//!    Barnes-Hut repulsion with θ 0.5 from 2 048 nodes), on the community's own edges (node
//!    pairs weighted by the summed weights of every relation between them; self-loops left
//!    out), from start positions spread uniformly over a disc by a hash of each node's id. The
//!    result is scaled into a disc whose area is proportional to the community's size.
//! 2. **Communities are packed**, largest first: each disc goes to the free spot nearest the
//!    weighted centre of the discs already placed that it has edges to, so linked communities
//!    sit side by side and discs never overlap; communities of other components pack around.
//! 3. **Isolated nodes** (no edge to another node) are packed around the drawing, in id order,
//!    on the continuation of a sunflower spiral as dense as the drawing.
//! 4. **Normalised**: centred on the bounding box, the longer side scaled to [-1000, 1000],
//!    coordinates rounded to two decimals.
//!
//! Communities are laid out in parallel on the rayon pool, and those of [`PARALLEL_NODES`] nodes
//! or more also run each iteration there; each community is independent and each node's
//! displacement is computed alone from the previous positions, so the result does not depend on
//! the number of threads. Cost: about 25 ms per iteration for the 26 000-node shared corpus on
//! 2 busy cores (3 s for the default 120), which is why the layout runs only when asked for
//! (`--layout fa2`) or when an output needs positions.

use std::f64::consts::PI;

use fa2::{FA2Data, FA2Settings};
use rayon::prelude::*;

use crate::metrics;
use crate::model::{Attr, AttrValue, KnowledgeGraph};

/// ForceAtlas2 iterations when `--layout-iterations` is not given.
pub const DEFAULT_ITERATIONS: usize = 120;

/// Half the side of the square the drawing is scaled into.
pub const EXTENT: f64 = 1000.0;

/// The golden angle, in radians: consecutive points of a sunflower spiral.
const GOLDEN_ANGLE: f64 = PI * (3.0 - 2.236_067_977_499_79);

/// How the layout runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// ForceAtlas2 iterations.
    pub iterations: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            iterations: DEFAULT_ITERATIONS,
        }
    }
}

/// `graph` with every node's position as its `x` and `y` attributes.
pub fn annotate(graph: KnowledgeGraph, options: &LayoutOptions) -> KnowledgeGraph {
    let xy = positions(&graph, options);
    graph.map_attrs(|i, attrs| {
        attrs.extend([
            (Attr::X, AttrValue::Float(xy[i].0)),
            (Attr::Y, AttrValue::Float(xy[i].1)),
        ]);
    })
}

/// The position of every node of `graph`, by position in id order.
fn positions(graph: &KnowledgeGraph, options: &LayoutOptions) -> Vec<(f64, f64)> {
    let n = graph.node_count();
    let pairs = weighted_pairs(graph);
    let mut linked = vec![false; n];
    for &(a, b, _) in &pairs {
        linked[a] = true;
        linked[b] = true;
    }
    let community = communities_of(graph);

    // Groups: the communities of linked nodes, by community number (largest first).
    let count = (0..n)
        .filter(|&i| linked[i])
        .map(|i| community[i] + 1)
        .max()
        .unwrap_or(0);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for i in (0..n).filter(|&i| linked[i]) {
        members[community[i]].push(i);
    }
    let groups: Vec<Vec<usize>> = members.into_iter().filter(|m| !m.is_empty()).collect();
    let mut group_of = vec![usize::MAX; n];
    let mut local = vec![0usize; n];
    for (g, nodes) in groups.iter().enumerate() {
        for (k, &i) in nodes.iter().enumerate() {
            group_of[i] = g;
            local[i] = k;
        }
    }
    // Edges inside each group, and summed weights between groups.
    let mut inner: Vec<Vec<(usize, usize, f64)>> = vec![Vec::new(); groups.len()];
    let mut between: Vec<(usize, usize, f64)> = Vec::new();
    for &(a, b, w) in &pairs {
        let (ga, gb) = (group_of[a], group_of[b]);
        if ga == gb {
            inner[ga].push((local[a], local[b], w));
        } else {
            between.push((ga.min(gb), ga.max(gb), w));
        }
    }
    let between = merge_pairs(between);

    let radius: Vec<f64> = groups
        .iter()
        .map(|m| (m.len() as f64 * AREA_PER_NODE / PI).sqrt())
        .collect();
    let centres = pack_groups(&radius, &between);
    let mut xy = vec![(0.0, 0.0); n];
    // Communities are laid out independently, so in parallel; `collect` keeps their order.
    let insides: Vec<Vec<(f64, f64)>> = groups
        .par_iter()
        .enumerate()
        .map(|(g, nodes)| {
            let ids: Vec<String> = nodes
                .iter()
                .map(|&i| graph.node(i).id.to_string())
                .collect();
            layout_group(&ids, &inner[g], radius[g], options.iterations)
        })
        .collect();
    for (g, (nodes, inside)) in groups.iter().zip(insides).enumerate() {
        for (&i, (x, y)) in nodes.iter().zip(inside) {
            xy[i] = (centres[g].0 + x, centres[g].1 + y);
        }
    }
    place_isolated(&mut xy, &linked);
    normalise(&mut xy);
    xy
}

/// Area a node takes in the drawing before normalisation.
const AREA_PER_NODE: f64 = 100.0;

/// Space left between two communities' discs, as a share of the smaller radius.
const GAP: f64 = 0.15;

/// Node pairs joined by an edge either way, with the summed weights of every relation between
/// them, sorted; self-loops are left out.
fn weighted_pairs(graph: &KnowledgeGraph) -> Vec<(usize, usize, f64)> {
    merge_pairs(
        graph
            .edges()
            .filter(|e| e.source != e.target)
            .map(|e| {
                let (a, b) = (e.source.min(e.target), e.source.max(e.target));
                (a, b, f64::from(e.edge.weight))
            })
            .collect(),
    )
}

/// Sorts `(a, b, w)` triples and sums the weights of equal pairs.
fn merge_pairs(mut pairs: Vec<(usize, usize, f64)>) -> Vec<(usize, usize, f64)> {
    pairs.sort_by_key(|&(a, b, _)| (a, b));
    let mut merged: Vec<(usize, usize, f64)> = Vec::with_capacity(pairs.len());
    for (a, b, w) in pairs {
        match merged.last_mut() {
            Some(last) if (last.0, last.1) == (a, b) => last.2 += w,
            _ => merged.push((a, b, w)),
        }
    }
    merged
}

/// The `community` attribute of every node, or communities computed now when it is missing.
fn communities_of(graph: &KnowledgeGraph) -> Vec<usize> {
    let given: Option<Vec<usize>> = graph
        .nodes()
        .map(|(_, n)| match n.attr(Attr::Community) {
            Some(AttrValue::Int(c)) => usize::try_from(*c).ok().filter(|&c| c < graph.node_count()),
            _ => None,
        })
        .collect();
    given.unwrap_or_else(|| metrics::communities(graph))
}

/// ForceAtlas2 inside one community: `ids` are its nodes' ids (for start positions), `edges`
/// its inner edges between local indices. Returns positions centred on 0 within `radius`.
fn layout_group(
    ids: &[String],
    edges: &[(usize, usize, f64)],
    radius: f64,
    iterations: usize,
) -> Vec<(f64, f64)> {
    // Start: uniform in the disc, by hash of the id.
    let start: Vec<(f64, f64)> = ids
        .iter()
        .map(|id| {
            let (u, v) = unit_pair(id);
            let (r, a) = (radius * u.sqrt(), 2.0 * PI * v);
            (r * a.cos(), r * a.sin())
        })
        .collect();
    if ids.len() < 3 || iterations == 0 {
        return fit(start, radius);
    }
    let mut data = FA2Data::<f64>::with_capacity(ids.len(), edges.len());
    for &(x, y) in &start {
        data.add_node_with_position(x, y);
    }
    for &(a, b, w) in edges {
        data.add_edge_with_weight(a, b, w);
    }
    let mut settings =
        FA2Settings::from_graph_order(ids.len()).parallel(ids.len() >= PARALLEL_NODES);
    if ids.len() >= BARNES_HUT_NODES {
        settings = settings.with_barnes_hut();
    }
    let mut layout = settings.build(data);
    layout.run(iterations);
    fit(layout.data().positions().collect(), radius)
}

/// Communities from this size on approximate repulsion with Barnes-Hut (θ 0.5) instead of
/// summing every pair: graphology switches at 2 048 nodes, but pairwise repulsion over the
/// 500 to 2 000-node communities of a blog costs most of the layout's time.
pub const BARNES_HUT_NODES: usize = 512;

/// Communities from this size on run their iterations on the rayon pool.
pub const PARALLEL_NODES: usize = 256;

/// `points` centred on their centroid and scaled so that the farthest is at `radius`.
fn fit(points: Vec<(f64, f64)>, radius: f64) -> Vec<(f64, f64)> {
    let k = points.len().max(1) as f64;
    let cx = points.iter().map(|p| p.0).sum::<f64>() / k;
    let cy = points.iter().map(|p| p.1).sum::<f64>() / k;
    let far = points
        .iter()
        .map(|p| ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt())
        .fold(0.0, f64::max);
    let scale = if far > 0.0 && far.is_finite() {
        radius / far
    } else {
        0.0
    };
    points
        .into_iter()
        .map(|(x, y)| ((x - cx) * scale, (y - cy) * scale))
        .collect()
}

/// Centres for the communities' discs (`radius` by community, largest first): each is placed,
/// in order, at the free spot nearest to the weighted centre of the communities already placed
/// that it is linked to (`between`: summed edge weights between two communities), so linked
/// communities end up side by side and discs never overlap. Unlinked communities (other
/// components) pack around the rest.
fn pack_groups(radius: &[f64], between: &[(usize, usize, f64)]) -> Vec<(f64, f64)> {
    let k = radius.len();
    let mut links: Vec<Vec<(usize, f64)>> = vec![Vec::new(); k];
    for &(a, b, w) in between {
        links[a].push((b, w));
        links[b].push((a, w));
    }
    let mut centre = vec![(0.0, 0.0); k];
    let mut placed = vec![false; k];
    for g in 0..k {
        let (mut tx, mut ty, mut total) = (0.0, 0.0, 0.0);
        for &(h, w) in &links[g] {
            if placed[h] {
                tx += centre[h].0 * w;
                ty += centre[h].1 * w;
                total += w;
            }
        }
        let target = if total > 0.0 {
            (tx / total, ty / total)
        } else {
            (0.0, 0.0)
        };
        let fits = |p: (f64, f64)| {
            (0..g).all(|h| {
                let gap = GAP * radius[g].min(radius[h]);
                let d = ((p.0 - centre[h].0).powi(2) + (p.1 - centre[h].1).powi(2)).sqrt();
                d >= radius[g] + radius[h] + gap
            })
        };
        // Candidates on a sunflower spiral around the target, a fraction of the disc apart.
        let step = radius[g].max(1.0) * 0.5;
        let mut j = 0usize;
        centre[g] = loop {
            let r = step * (j as f64).sqrt();
            let a = j as f64 * GOLDEN_ANGLE;
            let p = (target.0 + r * a.cos(), target.1 + r * a.sin());
            if fits(p) {
                break p;
            }
            j += 1;
        };
        placed[g] = true;
    }
    centre
}

/// Two numbers in [0, 1) from a hash of `text` (FNV-1a, then a splitmix step): stable across
/// runs, platforms and Rust releases, unlike `std`'s hashers.
fn unit_pair(text: &str) -> (f64, f64) {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mix = |mut z: u64| {
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let a = mix(h);
    let b = mix(h ^ 0x9e37_79b9_7f4a_7c15);
    let unit = |z: u64| (z >> 11) as f64 / (1u64 << 53) as f64;
    (unit(a), unit(b))
}

/// Places the nodes without `linked` edges around the others: on a sunflower spiral continuing
/// outside the drawing's radius, as densely as the drawing itself.
fn place_isolated(xy: &mut [(f64, f64)], linked: &[bool]) {
    let laid: Vec<(f64, f64)> = xy
        .iter()
        .zip(linked)
        .filter(|(_, &l)| l)
        .map(|(&p, _)| p)
        .collect();
    let (cx, cy, radius, area) = if laid.is_empty() {
        (0.0, 0.0, 0.0, 1.0)
    } else {
        let k = laid.len() as f64;
        let cx = laid.iter().map(|p| p.0).sum::<f64>() / k;
        let cy = laid.iter().map(|p| p.1).sum::<f64>() / k;
        let radius = laid
            .iter()
            .map(|p| ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt())
            .fold(0.0, f64::max);
        let area = if radius > 0.0 {
            PI * radius * radius / k
        } else {
            1.0
        };
        (cx, cy, radius, area)
    };
    // The first isolated node sits one node's spacing outside the drawing.
    let gap = (area / PI).sqrt();
    let inner = if laid.is_empty() { 0.0 } else { radius + gap };
    let isolated = xy.iter_mut().zip(linked).filter(|(_, &l)| !l);
    for (k, (p, _)) in isolated.enumerate() {
        let r = (inner * inner + k as f64 * area / PI).sqrt();
        let a = k as f64 * GOLDEN_ANGLE;
        *p = (cx + r * a.cos(), cy + r * a.sin());
    }
}

/// Centres the drawing on its bounding box, scales its longer side to [-EXTENT, EXTENT] and
/// rounds to two decimals.
fn normalise(xy: &mut [(f64, f64)]) {
    let Some(&(x0, y0)) = xy.first() else {
        return;
    };
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (x0, x0, y0, y0);
    for &(x, y) in xy.iter() {
        min_x = min_x.min(x);
        max_x = max_x.max(x);
        min_y = min_y.min(y);
        max_y = max_y.max(y);
    }
    let (cx, cy) = ((min_x + max_x) / 2.0, (min_y + max_y) / 2.0);
    let half = ((max_x - min_x).max(max_y - min_y)) / 2.0;
    let scale = if half > 0.0 && half.is_finite() {
        EXTENT / half
    } else {
        0.0
    };
    // `+ 0.0` turns -0 into 0.
    let round = |v: f64| (v * 100.0).round() / 100.0 + 0.0;
    for p in xy.iter_mut() {
        let (x, y) = ((p.0 - cx) * scale, (p.1 - cy) * scale);
        *p = if x.is_finite() && y.is_finite() {
            (round(x), round(y))
        } else {
            (0.0, 0.0)
        };
    }
}

#[cfg(test)]
mod tests {
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
    fn the_thread_count_does_not_change_positions() {
        // One community large enough to run on the rayon pool.
        let n = 2 * PARALLEL_NODES + 10;
        let ids: Vec<String> = (0..n).map(|i| format!("topic:{i}")).collect();
        let edges: Vec<(usize, usize, f64)> = (0..3 * n)
            .map(|i| (i % n, (i * 7 + 1) % n, 1.0 + (i % 3) as f64))
            .filter(|(a, b, _)| a != b)
            .collect();
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| layout_group(&ids, &edges, 100.0, 5))
        };
        assert_eq!(run(1), run(3));
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
        let from_centre =
            |p: (f64, f64)| ((p.0 - centre.0).powi(2) + (p.1 - centre.1).powi(2)).sqrt();
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

    #[test]
    fn unit_pairs_are_stable_and_in_range() {
        let (u, v) = unit_pair("topic:多模态");
        assert!((0.0..1.0).contains(&u) && (0.0..1.0).contains(&v));
        assert_eq!(unit_pair("topic:多模态"), (u, v));
        assert_ne!(unit_pair("topic:a"), unit_pair("topic:b"));
    }
}
