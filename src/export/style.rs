//! How each node kind looks: colour and shape, and how big a node is drawn; shared by every
//! format that draws or carries a look (GraphML, GEXF, DOT, SVG/PNG, Mermaid).

use crate::model::NodeKind;

/// The look of one node kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindStyle {
    /// Fill colour as `(r, g, b)`.
    pub rgb: (u8, u8, u8),
    /// Graphviz shape name.
    pub shape: &'static str,
}

impl KindStyle {
    /// The colour as `#rrggbb`.
    pub fn hex(&self) -> String {
        let (r, g, b) = self.rgb;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Whether text on this fill reads better in white than in black.
    ///
    /// Uses the Rec. 601 luma `0.299 r + 0.587 g + 0.114 b` against mid-grey, in integers.
    pub fn needs_light_text(&self) -> bool {
        let (r, g, b) = self.rgb;
        299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) < 128_000
    }
}

/// The style of `kind`. Colours are a colour-blind-safe palette (Okabe–Ito).
pub fn style_of(kind: NodeKind) -> KindStyle {
    let (rgb, shape) = match kind {
        NodeKind::Post => ((0, 114, 178), "box"),
        NodeKind::Topic => ((230, 159, 0), "ellipse"),
        NodeKind::Resource => ((0, 158, 115), "note"),
        NodeKind::Domain => ((86, 180, 233), "component"),
        NodeKind::Category => ((204, 121, 167), "tab"),
        NodeKind::Tag => ((240, 228, 66), "cds"),
        NodeKind::Series => ((213, 94, 0), "folder"),
        NodeKind::Keyword => ((153, 153, 153), "hexagon"),
    };
    KindStyle { rgb, shape }
}

/// The display size of a node with `degree` incident edges: `10 + 5·ln(1 + degree)`.
///
/// Logarithmic because degrees are heavy-tailed (one domain can host thousands of resources);
/// an isolated node gets Gephi's default size 10, a node with 10 000 edges about 56.
pub fn node_size(degree: usize) -> f64 {
    10.0 + 5.0 * (degree as f64).ln_1p()
}

/// [`node_size`] as written in files: two decimals.
pub fn node_size_text(degree: usize) -> String {
    format!("{:.2}", node_size(degree))
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
        assert_eq!(node_size_text(0), "10.00");
        assert_eq!(node_size_text(1), "13.47");
        assert!(node_size(10_000) < 60.0);
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
