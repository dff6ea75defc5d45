//! ForceAtlas2 inside one community: start positions from a hash of each node's id (or given,
//! for a warm start), the `fa2` run, and the result fitted into the community's disc.

use std::f64::consts::PI;

use fa2::{FA2Data, FA2Settings};

/// Start positions given to [`layout_group`] (a warm start).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Start {
    /// Where each node starts.
    pub(super) xy: Vec<(f64, f64)>,
    /// The nodes whose start was their earlier position: the result is fitted on them alone, so
    /// that a new node far out does not shrink the others.
    pub(super) anchored: Vec<bool>,
}

/// ForceAtlas2 inside one community: `ids` are its nodes' ids (for start positions), `edges`
/// its inner edges between local indices, `start` the start positions when not drawn from the
/// ids. Returns positions centred on 0 within `radius` (the anchored ones, given a `start`).
pub(super) fn layout_group(
    ids: &[String],
    edges: &[(usize, usize, f64)],
    radius: f64,
    iterations: usize,
    start: Option<Start>,
) -> Vec<(f64, f64)> {
    let (start, anchored) = match start {
        Some(Start { xy, anchored }) => (xy, anchored),
        None => (
            ids.iter().map(|id| hashed_start(id, radius)).collect(),
            vec![true; ids.len()],
        ),
    };
    if ids.len() < 3 || iterations == 0 {
        return fit(start, &anchored, radius);
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
    fit(layout.data().positions().collect(), &anchored, radius)
}

/// A start position uniform in the disc of `radius`, by hash of `id`.
pub(super) fn hashed_start(id: &str, radius: f64) -> (f64, f64) {
    let (u, v) = unit_pair(id);
    let (r, a) = (radius * u.sqrt(), 2.0 * PI * v);
    (r * a.cos(), r * a.sin())
}

/// Communities from this size on approximate repulsion with Barnes-Hut (θ 0.5) instead of
/// summing every pair: graphology switches at 2 048 nodes, but pairwise repulsion over the
/// 500 to 2 000-node communities of a blog costs most of the layout's time.
pub(crate) const BARNES_HUT_NODES: usize = 512;

/// Communities from this size on run their iterations on the rayon pool.
pub(crate) const PARALLEL_NODES: usize = 256;

/// `points` centred on the centroid of the `anchored` ones and scaled so that the farthest of
/// those is at `radius`.
fn fit(points: Vec<(f64, f64)>, anchored: &[bool], radius: f64) -> Vec<(f64, f64)> {
    let anchors = || {
        points
            .iter()
            .zip(anchored)
            .filter(|(_, &a)| a)
            .map(|(p, _)| p)
    };
    let k = anchors().count().max(1) as f64;
    let cx = anchors().map(|p| p.0).sum::<f64>() / k;
    let cy = anchors().map(|p| p.1).sum::<f64>() / k;
    let far = anchors()
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

#[cfg(test)]
mod tests {
    use super::*;

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
                .install(|| layout_group(&ids, &edges, 100.0, 5, None))
        };
        assert_eq!(run(1), run(3));
    }

    #[test]
    fn unit_pairs_are_stable_and_in_range() {
        let (u, v) = unit_pair("topic:多模态");
        assert!((0.0..1.0).contains(&u) && (0.0..1.0).contains(&v));
        assert_eq!(unit_pair("topic:多模态"), (u, v));
        assert_ne!(unit_pair("topic:a"), unit_pair("topic:b"));
    }
}
