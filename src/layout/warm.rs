//! Warm start: a layout that begins from the positions of an earlier one, so that the nodes
//! that still exist stay about where they were after a small change of the graph.
//!
//! Each community keeps a *frame* from the earlier drawing: the centroid of its nodes that
//! were already drawn and their spread (the farthest from the centroid). Its ForceAtlas2 starts
//! from those nodes' earlier positions mapped into the community's disc (a new node beside its
//! earlier neighbours, else where a cold start would put it), and the result is mapped back
//! onto the frame. Communities without any earlier node are packed around the others, at the
//! scale of the earlier drawing.

use rustc_hash::FxHashMap;

use super::force::{hashed_start, Start};
use super::EXTENT;
use crate::model::{Attr, AttrValue, KnowledgeGraph, NodeId};

/// Node positions by id: the `x` and `y` of an earlier layout, to start the next one from
/// (see [`add_layout_from`](crate::add_layout_from)).
///
/// ```
/// use kgraph::{LayoutOptions, Positions};
///
/// let corpus = kgraph::load_corpus(&kgraph::InputConfig::new(["data"]), &kgraph::Silent)?;
/// let graph = kgraph::add_layout(kgraph::add_metrics(corpus.graph), &LayoutOptions::default());
/// assert_eq!(Positions::of(&graph).len(), graph.node_count());
/// # Ok::<(), kgraph::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Positions {
    by_id: FxHashMap<NodeId, (f64, f64)>,
}

impl Positions {
    /// The positions of the nodes of `graph` that have both an `x` and a `y` attribute.
    pub fn of(graph: &KnowledgeGraph) -> Self {
        let coordinate = |value: Option<&AttrValue>| match value {
            Some(AttrValue::Float(v)) if v.is_finite() => Some(*v),
            _ => None,
        };
        let by_id = graph
            .nodes()
            .filter_map(|(_, node)| {
                let x = coordinate(node.attr(Attr::X))?;
                let y = coordinate(node.attr(Attr::Y))?;
                Some((node.id.clone(), (x, y)))
            })
            .collect();
        Positions { by_id }
    }

    /// The position of the node `id`, if it had one.
    pub fn get(&self, id: &NodeId) -> Option<(f64, f64)> {
        self.by_id.get(id).copied()
    }

    /// How many nodes have a position.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether no node has a position.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// Where one community's earlier nodes were drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Frame {
    /// Centroid of the earlier positions.
    pub(super) centre: (f64, f64),
    /// Distance of the farthest earlier position from the centroid: the community's radius in
    /// the earlier drawing.
    pub(super) spread: f64,
}

impl Frame {
    /// The frame of a community whose members had `previous` positions, if any had one. A
    /// single earlier node has no spread yet (see [`settle_spreads`]).
    pub(super) fn of(previous: &[Option<(f64, f64)>]) -> Option<Frame> {
        let known: Vec<(f64, f64)> = previous.iter().flatten().copied().collect();
        if known.is_empty() {
            return None;
        }
        let k = known.len() as f64;
        let centre = (
            known.iter().map(|p| p.0).sum::<f64>() / k,
            known.iter().map(|p| p.1).sum::<f64>() / k,
        );
        let spread = known
            .iter()
            .map(|p| distance(*p, centre))
            .fold(0.0, f64::max);
        Some(Frame { centre, spread })
    }

    /// Start positions in the community's disc of `radius`: an earlier node where it was, a new
    /// node beside its earlier neighbours (`edges` between local indices), else hashed from its
    /// id as in a cold start.
    pub(super) fn starts(
        &self,
        previous: &[Option<(f64, f64)>],
        ids: &[String],
        edges: &[(usize, usize, f64)],
        radius: f64,
    ) -> Start {
        let zoom = radius / self.spread;
        let local: Vec<Option<(f64, f64)>> = previous
            .iter()
            .map(|p| p.map(|(x, y)| ((x - self.centre.0) * zoom, (y - self.centre.1) * zoom)))
            .collect();
        let mut beside: Vec<(f64, f64, f64)> = vec![(0.0, 0.0, 0.0); ids.len()];
        for &(a, b, _) in edges {
            for (new, old) in [(a, b), (b, a)] {
                if let (None, Some((x, y))) = (local[new], local[old]) {
                    let sum = &mut beside[new];
                    *sum = (sum.0 + x, sum.1 + y, sum.2 + 1.0);
                }
            }
        }
        let xy = local
            .iter()
            .zip(beside)
            .zip(ids)
            .map(|((known, (sx, sy, k)), id)| match known {
                Some(p) => *p,
                // Outside its neighbours, away from the community's centre (a new node right
                // beside one would push it away hard); a small offset by hash keeps two new
                // neighbours of one node apart.
                None if k > 0.0 => {
                    let (mx, my) = (sx / k, sy / k);
                    let norm = (mx * mx + my * my).sqrt().max(radius * 1e-3);
                    let out = radius * NEW_NODE_OFFSET / norm;
                    let (dx, dy) = hashed_start(id, radius * NEW_NODE_OFFSET / 4.0);
                    (mx + mx * out + dx, my + my * out + dy)
                }
                None => hashed_start(id, radius),
            })
            .collect();
        Start {
            xy,
            anchored: local.iter().map(Option::is_some).collect(),
        }
    }

    /// A position in the community's disc of `radius` (centred on 0) in the earlier drawing.
    pub(super) fn place(&self, local: (f64, f64), radius: f64) -> (f64, f64) {
        let zoom = self.spread / radius;
        (
            self.centre.0 + local.0 * zoom,
            self.centre.1 + local.1 * zoom,
        )
    }
}

/// How far a new node starts outside its earlier neighbours, as a share of its community's
/// radius.
const NEW_NODE_OFFSET: f64 = 0.25;

/// The scale of the earlier drawing (its radius per unit of a community disc's radius), the
/// mean over communities that had two earlier nodes or more; communities with a single earlier
/// node get that scale as their spread. `radius` is each community's disc radius.
pub(super) fn settle_spreads(frames: &mut [Option<Frame>], radius: &[f64]) -> f64 {
    let ratios: Vec<f64> = frames
        .iter()
        .zip(radius)
        .filter_map(|(f, r)| f.filter(|f| f.spread > 0.0).map(|f| f.spread / r))
        .collect();
    let scale = if ratios.is_empty() {
        // No community to learn it from: the scale a cold drawing of these discs would get.
        let packed = radius.iter().map(|r| r * r).sum::<f64>().sqrt();
        if packed > 0.0 {
            EXTENT / packed
        } else {
            1.0
        }
    } else {
        ratios.iter().sum::<f64>() / ratios.len() as f64
    };
    for (frame, r) in frames.iter_mut().zip(radius) {
        if let Some(f) = frame.as_mut().filter(|f| f.spread <= 0.0) {
            f.spread = scale * r;
        }
    }
    scale
}

fn distance(p: (f64, f64), q: (f64, f64)) -> f64 {
    ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt()
}

/// ForceAtlas2 iterations of a warm-started community: a share of a cold start's, enough for
/// new nodes to settle among the earlier ones, few enough that the earlier ones (already laid
/// out) barely drift.
pub(super) fn iterations(cold: usize) -> usize {
    cold.div_ceil(WARM_SHARE)
}

const WARM_SHARE: usize = 4;
