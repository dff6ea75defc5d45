//! How each node kind looks: colour and shape, shared by every format that draws.

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
