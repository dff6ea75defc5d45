//! Comparing two builds: graph files read back into a neutral [`Snapshot`] (`load`), compared
//! node by node and edge by edge (`compare`), and the differences rendered as text or JSON
//! (`report`).
//!
//! A node is its id; an edge is its (source, target, relation), the identity kgraph gives its
//! edges in every format. Compared: a node's kind, label and attributes, an edge's weight. Not
//! compared: the look (size, colour), which follows the export options; and unless asked, the
//! attributes computed from the whole graph ([`Attr::is_derived`](crate::Attr::is_derived)).

mod compare;
mod counts;
mod load;
pub(crate) mod report;
mod snapshot;

pub use compare::{compare, DiffOptions, EdgeChange, FieldChange, GraphDiff, NodeChange};
pub use counts::{Counts, KindCounts, Tally};
pub use load::read_snapshot;
pub(crate) use load::readable_format;
pub use snapshot::{EdgeKey, Snapshot, SnapshotEdge, SnapshotNode, SnapshotValue};
