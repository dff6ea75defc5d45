//! How each node kind looks: colour and shape, and how big a node is drawn; shared by every
//! format that draws or carries a look (GraphML, GEXF, DOT, SVG/PNG, Mermaid, JSON).
//!
//! Colour follows [`ColorBy`] (the kind's colour, or the community's from [`COMMUNITY_PALETTE`])
//! and size follows [`SizeBy`] (degree or PageRank, both on a log scale from 10); see [`fill_rgb`]
//! and [`display_size`].

use crate::model::{Attr, AttrValue, KnowledgeGraph, Node, NodeKind};

/// What a node's colour follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorBy {
    /// The node kind's colour (post, topic, resource…), as the legends show.
    #[default]
    Kind,
    /// The node's community (the `community` attribute), from a 20-colour palette.
    Community,
}

/// What a node's drawn size follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SizeBy {
    /// The number of edges in and out: `10 + 5·ln(1 + degree)`.
    #[default]
    Degree,
    /// PageRank relative to the average node: `10 + 5·ln(1 + nodes·pagerank)`.
    Pagerank,
}

/// Colours of communities 0, 1, 2…, cycling after the last: Kelly's colours of maximum contrast
/// without white and black (community 0, the largest, gets the first).
pub(crate) const COMMUNITY_PALETTE: [(u8, u8, u8); 20] = [
    (0xF3, 0xC3, 0x00),
    (0x87, 0x56, 0x92),
    (0xF3, 0x84, 0x00),
    (0xA1, 0xCA, 0xF1),
    (0xBE, 0x00, 0x32),
    (0xC2, 0xB2, 0x80),
    (0x84, 0x84, 0x82),
    (0x00, 0x88, 0x56),
    (0xE6, 0x8F, 0xAC),
    (0x00, 0x67, 0xA5),
    (0xF9, 0x93, 0x79),
    (0x60, 0x4E, 0x97),
    (0xF6, 0xA6, 0x00),
    (0xB3, 0x44, 0x6C),
    (0xDC, 0xD3, 0x00),
    (0x88, 0x2D, 0x17),
    (0x8D, 0xB6, 0x00),
    (0x65, 0x45, 0x22),
    (0xE2, 0x58, 0x22),
    (0x2B, 0x3D, 0x26),
];

/// The colour of community `community`.
pub(crate) fn community_rgb(community: usize) -> (u8, u8, u8) {
    COMMUNITY_PALETTE[community % COMMUNITY_PALETTE.len()]
}

/// The community a node belongs to, if the metrics were computed.
pub(crate) fn community_of(node: &Node) -> Option<usize> {
    match node.attr(Attr::Community) {
        Some(AttrValue::Int(c)) => usize::try_from(*c).ok(),
        _ => None,
    }
}

/// The fill colour of `node`: its community's under [`ColorBy::Community`] when it has one,
/// else its kind's.
pub(crate) fn fill_rgb(node: &Node, color_by: ColorBy) -> (u8, u8, u8) {
    match (color_by, community_of(node)) {
        (ColorBy::Community, Some(c)) => community_rgb(c),
        _ => style_of(node.kind()).rgb,
    }
}

/// `(r, g, b)` as `#rrggbb`.
pub(crate) fn hex(rgb: (u8, u8, u8)) -> String {
    let (r, g, b) = rgb;
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Whether text on the fill `rgb` reads better in white than in black.
///
/// Uses the Rec. 601 luma `0.299 r + 0.587 g + 0.114 b` against mid-grey, in integers.
pub(crate) fn needs_light_text(rgb: (u8, u8, u8)) -> bool {
    let (r, g, b) = rgb;
    299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) < 128_000
}

/// The look of one node kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KindStyle {
    /// Fill colour as `(r, g, b)`.
    pub rgb: (u8, u8, u8),
    /// Graphviz shape name.
    pub shape: &'static str,
}

impl KindStyle {
    /// The colour as `#rrggbb`.
    pub(crate) fn hex(&self) -> String {
        hex(self.rgb)
    }

    /// Whether text on this fill reads better in white than in black.
    pub(crate) fn needs_light_text(&self) -> bool {
        needs_light_text(self.rgb)
    }
}

/// The style of `kind`. Colours are a colour-blind-safe palette (Okabe–Ito).
pub(crate) fn style_of(kind: NodeKind) -> KindStyle {
    let (rgb, shape) = match kind {
        NodeKind::Post => ((0, 114, 178), "box"),
        NodeKind::Topic => ((230, 159, 0), "ellipse"),
        NodeKind::Resource => ((0, 158, 115), "note"),
        NodeKind::Domain => ((86, 180, 233), "component"),
        NodeKind::Category => ((204, 121, 167), "tab"),
        NodeKind::Tag => ((240, 228, 66), "cds"),
        NodeKind::Series => ((213, 94, 0), "folder"),
        NodeKind::Keyword => ((153, 153, 153), "hexagon"),
        // A pale post: a note linked to but not written.
        NodeKind::Missing => ((187, 204, 221), "box"),
    };
    KindStyle { rgb, shape }
}

/// The display size of a node with `degree` incident edges: `10 + 5·ln(1 + degree)`.
///
/// Logarithmic because degrees are heavy-tailed (one domain can host thousands of resources);
/// an isolated node gets Gephi's default size 10, a node with 10 000 edges about 56.
pub(crate) fn node_size(degree: usize) -> f64 {
    10.0 + 5.0 * (degree as f64).ln_1p()
}

/// The display size of node `i` of `graph`, following `size_by`.
///
/// By PageRank it is `10 + 5·ln(1 + n·pagerank)` for `n` nodes: an average node (PageRank 1/n)
/// gets 13.47 like a node of degree 1, and the scale grows as slowly as the degree one. A graph
/// without the `pagerank` attribute (metrics not computed) is sized by degree.
pub(crate) fn display_size(graph: &KnowledgeGraph, i: usize, size_by: SizeBy) -> f64 {
    let node = graph.node(i);
    match (size_by, node.attr(Attr::Pagerank)) {
        (SizeBy::Pagerank, Some(AttrValue::Float(pr))) if pr.is_finite() && *pr >= 0.0 => {
            10.0 + 5.0 * (graph.node_count() as f64 * pr).ln_1p()
        }
        _ => node_size(graph.degree(i)),
    }
}

/// [`display_size`] as written in files: two decimals.
pub(crate) fn display_size_text(graph: &KnowledgeGraph, i: usize, size_by: SizeBy) -> String {
    format!("{:.2}", display_size(graph, i, size_by))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_fills_get_light_text() {
        let light: Vec<&str> = NodeKind::ALL
            .into_iter()
            .filter(|&k| style_of(k).needs_light_text())
            .map(NodeKind::as_str)
            .collect();
        assert_eq!(light, ["post", "resource", "series"]);
    }

    #[test]
    fn size_grows_slowly_with_degree() {
        assert_eq!(format!("{:.2}", node_size(0)), "10.00");
        assert_eq!(format!("{:.2}", node_size(1)), "13.47");
        assert!(node_size(10_000) < 60.0);
    }

    #[test]
    fn communities_cycle_through_the_palette_and_need_a_community() {
        assert_eq!(community_rgb(0), COMMUNITY_PALETTE[0]);
        assert_eq!(community_rgb(21), COMMUNITY_PALETTE[1]);
        let mut node = Node {
            id: crate::model::NodeId::new(NodeKind::Topic, "t"),
            label: "t".into(),
            attrs: Default::default(),
        };
        let topic = style_of(NodeKind::Topic).rgb;
        assert_eq!(fill_rgb(&node, ColorBy::Community), topic);
        node.attrs.insert(Attr::Community, AttrValue::Int(2));
        assert_eq!(fill_rgb(&node, ColorBy::Community), COMMUNITY_PALETTE[2]);
        assert_eq!(fill_rgb(&node, ColorBy::Kind), topic);
        let mut distinct = COMMUNITY_PALETTE.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), COMMUNITY_PALETTE.len());
    }

    #[test]
    fn pagerank_size_matches_degree_size_for_an_average_node() {
        let node = |key: &str, pr: f64| Node {
            id: crate::model::NodeId::new(NodeKind::Topic, key),
            label: key.into(),
            attrs: [(Attr::Pagerank, AttrValue::Float(pr))]
                .into_iter()
                .collect(),
        };
        let g = KnowledgeGraph::from_parts(vec![node("a", 0.5), node("b", 0.5)], Vec::new());
        assert_eq!(display_size_text(&g, 0, SizeBy::Pagerank), "13.47");
        assert_eq!(display_size_text(&g, 0, SizeBy::Degree), "10.00");
        let bare = KnowledgeGraph::from_parts(
            vec![Node {
                attrs: Default::default(),
                ..node("c", 0.0)
            }],
            Vec::new(),
        );
        assert_eq!(display_size_text(&bare, 0, SizeBy::Pagerank), "10.00");
    }

    #[test]
    fn shapes_never_parse_labels() {
        // Record shapes give `{ } | < >` in labels a meaning; kgraph labels are plain text.
        for kind in NodeKind::ALL {
            let shape = style_of(kind).shape;
            assert!(!shape.eq_ignore_ascii_case("record"), "{kind}");
            assert!(!shape.eq_ignore_ascii_case("mrecord"), "{kind}");
        }
    }
}
