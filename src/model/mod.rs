//! The knowledge-graph model: node and edge kinds, the builder, and the frozen graph.

mod attrs;
mod builder;
mod edge;
mod filter;
mod graph;
mod links;
mod node;
mod topics;

pub use attrs::{Attr, AttrType, AttrValue, Attrs, AttrsIter};
pub(crate) use builder::{EntityText, GraphBuilder};
pub use edge::{Edge, EdgeKind};
pub use filter::{Filter, FilterError};
pub use graph::{EdgeRef, KnowledgeGraph};
pub(crate) use links::{
    note_key, note_path_key, page_url_key, url_key, without_language, PageAddress,
};
pub use node::{Node, NodeId, NodeKind};
