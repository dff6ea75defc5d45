//! The subject graph communities are found on: the graph without its structural hubs, and the
//! placement of those hubs afterwards in the community most of their neighbours joined.
//!
//! A domain hosting thousands of cited articles, or a keyword, tag or heading on a large share
//! of the posts, links nodes that share no subject: left in, it makes modularity group posts by
//! where their links are hosted (on a Chinese blog, one community of WeChat articles). So these
//! nodes are **structural** and left out of the detection:
//! - every domain (its `hosted_on` edges say where a resource lives, not what it is about);
//! - any keyword, tag, category, series or resource linked to more than [`HUB_SHARE`] of the
//!   posts, and to at least [`HUB_MIN_POSTS`] of them (so a small corpus keeps its shared tags).
//!
//! Topics are never hubs here: a heading that recurs in most posts is a section template,
//! which extraction already reads as no topic; one that remains a topic holds the citations
//! made under it, and without it they would have nothing left to place them by.
//!
//! Each structural node then joins the community its neighbours in the subject graph carry the
//! most edge weight to (ties: the lower community number). So does a node whose only
//! neighbours are structural: it follows them once they are placed. A node with no placed neighbour stays alone.

use crate::model::{KnowledgeGraph, NodeKind};

/// Share of the posts above which a node linked to them is a structural hub.
pub(crate) const HUB_SHARE: f64 = 0.2;

/// The fewest posts a node must be linked to before it can be a structural hub.
pub(crate) const HUB_MIN_POSTS: usize = 10;

/// Whether each node of `graph`, by position, is structural: left out of community detection.
pub(crate) fn structural_nodes(graph: &KnowledgeGraph) -> Vec<bool> {
    let n = graph.node_count();
    let is_post: Vec<bool> = graph
        .nodes()
        .map(|(_, node)| node.kind() == NodeKind::Post)
        .collect();
    let post_count = is_post.iter().filter(|&&p| p).count();
    // Distinct (post, node) pairs: edges of several relations or both ways count once.
    let mut post_links: Vec<(u32, u32)> = graph
        .edges()
        .filter_map(|e| match (is_post[e.source], is_post[e.target]) {
            (true, false) => Some((e.target as u32, e.source as u32)),
            (false, true) => Some((e.source as u32, e.target as u32)),
            _ => None,
        })
        .collect();
    post_links.sort_unstable();
    post_links.dedup();
    let mut posts_linked = vec![0usize; n];
    for &(node, _) in &post_links {
        posts_linked[node as usize] += 1;
    }
    let hub_above = (post_count as f64 * HUB_SHARE).max((HUB_MIN_POSTS - 1) as f64);
    graph
        .nodes()
        .map(|(i, node)| {
            node.kind() == NodeKind::Domain
                || posts_linked[i] as f64 > hub_above
                    && !matches!(node.kind(), NodeKind::Post | NodeKind::Topic)
        })
        .collect()
}

/// Whether each node of `graph` is left out of the detection: `structural`, or linked to
/// structural nodes only, so alone in the subject graph although it has neighbours.
pub(crate) fn left_out_nodes(graph: &KnowledgeGraph, structural: &[bool]) -> Vec<bool> {
    let n = graph.node_count();
    let (mut linked, mut in_subject) = (vec![false; n], vec![false; n]);
    for e in graph.edges().filter(|e| e.source != e.target) {
        let subject = !structural[e.source] && !structural[e.target];
        for end in [e.source, e.target] {
            linked[end] = true;
            in_subject[end] |= subject;
        }
    }
    (0..n)
        .map(|i| structural[i] || linked[i] && !in_subject[i])
        .collect()
}

/// `community` (by position; left-out nodes hold any value) with every `left_out` node moved
/// to the community its placed neighbours are linked to with the most weight, in rounds: each
/// round places the nodes next to ones already placed, until no more can be.
pub(crate) fn place_left_out(graph: &KnowledgeGraph, left_out: &[bool], community: &mut [usize]) {
    let mut placed: Vec<bool> = left_out.iter().map(|&s| !s).collect();
    loop {
        let mut votes: Vec<(usize, usize, u64)> = graph
            .edges()
            .filter(|e| e.source != e.target)
            .flat_map(|e| [(e.source, e.target), (e.target, e.source)].map(|p| (p, e.edge.weight)))
            .filter(|&((node, from), _)| !placed[node] && placed[from])
            .map(|((node, from), w)| (node, community[from], u64::from(w)))
            .collect();
        votes.sort_unstable_by_key(|&(node, c, _)| (node, c));
        let mut winners: Vec<(usize, usize)> = Vec::new();
        let mut best: Option<(usize, usize, u64)> = None;
        let mut k = 0;
        while k < votes.len() {
            let (node, c, mut weight) = votes[k];
            k += 1;
            while k < votes.len() && (votes[k].0, votes[k].1) == (node, c) {
                weight += votes[k].2;
                k += 1;
            }
            best = match best {
                Some((b, _, w)) if b == node && w >= weight => best,
                Some((b, bc, _)) if b != node => {
                    winners.push((b, bc));
                    Some((node, c, weight))
                }
                _ => Some((node, c, weight)),
            };
        }
        winners.extend(best.map(|(b, bc, _)| (b, bc)));
        if winners.is_empty() {
            return;
        }
        for (node, c) in winners {
            community[node] = c;
            placed[node] = true;
        }
    }
}

#[cfg(test)]
mod tests;
