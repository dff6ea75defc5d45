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
//!    weighted centre of the discs already placed that it has edges to (in the subject graph:
//!    edges of domains and other structural hubs do not count, see `metrics::subject`), so
//!    linked communities sit side by side and discs never overlap; communities of other components pack around.
//! 3. **Isolated nodes** (no edge to another node) are packed around the drawing, in id order,
//!    on the continuation of a sunflower spiral as dense as the drawing.
//! 4. **Normalised**: centred on the bounding box, the longer side scaled to [-1000, 1000],
//!    coordinates rounded to two decimals.
//!
//! A **warm start** (`annotate_from`, for `kgraph watch`) begins from an earlier drawing's
//! positions (`warm.rs`): each community keeps the place and size its nodes had, its
//! ForceAtlas2 starts from their earlier positions, new communities and isolated nodes are
//! packed around, and the drawing stays in the earlier frame (scaled down only if it outgrows
//! [-1000, 1000]). Given no earlier position of any node, it is the cold layout above.
//!
//! Communities are laid out in parallel on the rayon pool, and those of [`force::PARALLEL_NODES`] nodes
//! or more also run each iteration there; each community is independent and each node's
//! displacement is computed alone from the previous positions, so the result does not depend on
//! the number of threads. Cost: about 25 ms per iteration for the 26 000-node shared corpus on
//! 2 busy cores (3 s for the default 120), which is why the layout runs only when asked for
//! (`--layout fa2`) or when an output needs positions.

mod force;
mod placement;
mod warm;

use std::f64::consts::PI;

use rayon::prelude::*;

use crate::metrics;
use crate::model::{Attr, AttrValue, KnowledgeGraph};
use force::layout_group;
use placement::{contain, normalise, pack_groups, place_isolated};
use warm::{settle_spreads, Frame};

pub use warm::Positions;

/// ForceAtlas2 iterations when `--layout-iterations` is not given.
pub(crate) const DEFAULT_ITERATIONS: usize = 120;

/// Half the side of the square the drawing is scaled into.
pub(crate) const EXTENT: f64 = 1000.0;

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
pub(crate) fn annotate(graph: KnowledgeGraph, options: &LayoutOptions) -> KnowledgeGraph {
    annotate_from(graph, options, None)
}

/// [`annotate`], starting from the `previous` positions of the nodes that had one.
pub(crate) fn annotate_from(
    graph: KnowledgeGraph,
    options: &LayoutOptions,
    previous: Option<&Positions>,
) -> KnowledgeGraph {
    let xy = positions(&graph, options, previous);
    graph.map_attrs(|i, attrs| {
        attrs.extend([
            (Attr::X, AttrValue::Float(xy[i].0)),
            (Attr::Y, AttrValue::Float(xy[i].1)),
        ]);
    })
}

/// The position of every node of `graph`, by position in id order, starting from the
/// `previous` positions of the nodes that had one.
fn positions(
    graph: &KnowledgeGraph,
    options: &LayoutOptions,
    previous: Option<&Positions>,
) -> Vec<(f64, f64)> {
    let n = graph.node_count();
    let previous: Vec<Option<(f64, f64)>> = match previous {
        Some(known) => graph.nodes().map(|(_, node)| known.get(&node.id)).collect(),
        None => vec![None; n],
    };
    let warm = previous.iter().any(Option::is_some);
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
    // Structural hubs (domains…) sit with their community but do not pull communities together.
    let structural = metrics::subject::structural_nodes(graph);
    for &(a, b, w) in &pairs {
        let (ga, gb) = (group_of[a], group_of[b]);
        if ga == gb {
            inner[ga].push((local[a], local[b], w));
        } else if !structural[a] && !structural[b] {
            between.push((ga.min(gb), ga.max(gb), w));
        }
    }
    let between = merge_pairs(between);

    let radius: Vec<f64> = groups
        .iter()
        .map(|m| (m.len() as f64 * AREA_PER_NODE / PI).sqrt())
        .collect();
    let previous_of = |nodes: &[usize]| -> Vec<Option<(f64, f64)>> {
        nodes.iter().map(|&i| previous[i]).collect()
    };
    // A warm start keeps each community where its earlier nodes were, at their scale.
    let mut frames: Vec<Option<Frame>> =
        groups.iter().map(|m| Frame::of(&previous_of(m))).collect();
    let scale = if warm {
        settle_spreads(&mut frames, &radius)
    } else {
        1.0
    };
    let discs: Vec<f64> = (frames.iter().zip(&radius))
        .map(|(frame, r)| frame.map_or(r * scale, |f| f.spread))
        .collect();
    let fixed: Vec<Option<(f64, f64)>> = frames.iter().map(|f| f.map(|f| f.centre)).collect();
    let centres = pack_groups(&discs, &between, &fixed);
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
            let start =
                frames[g].map(|f| f.starts(&previous_of(nodes), &ids, &inner[g], radius[g]));
            let iterations = if start.is_some() {
                warm::iterations(options.iterations)
            } else {
                options.iterations
            };
            layout_group(&ids, &inner[g], radius[g], iterations, start)
        })
        .collect();
    for (g, (nodes, inside)) in groups.iter().zip(insides).enumerate() {
        for (&i, (x, y)) in nodes.iter().zip(inside) {
            xy[i] = match frames[g] {
                Some(frame) => frame.place((x, y), radius[g]),
                None if warm => {
                    let zoom = discs[g] / radius[g];
                    (centres[g].0 + x * zoom, centres[g].1 + y * zoom)
                }
                None => (centres[g].0 + x, centres[g].1 + y),
            };
        }
    }
    if warm {
        // Isolated nodes drawn before stay; the new ones go around the drawing.
        let mut drawn = linked.clone();
        for i in (0..n).filter(|&i| !linked[i]) {
            if let Some(p) = previous[i] {
                xy[i] = p;
                drawn[i] = true;
            }
        }
        place_isolated(&mut xy, &drawn);
        contain(&mut xy);
    } else {
        place_isolated(&mut xy, &linked);
        normalise(&mut xy);
    }
    xy
}

/// Area a node takes in the drawing before normalisation.
const AREA_PER_NODE: f64 = 100.0;

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

#[cfg(test)]
mod tests;
