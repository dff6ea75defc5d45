//! The knowledge-graph model: node and edge kinds, the builder, and the frozen graph.

mod builder;
mod edge;
mod filter;
mod graph;
mod links;
mod node;

pub use builder::{unresolved_link_target, EntityRef, EntityText, GraphBuilder};
pub use edge::{Edge, EdgeKind};
pub use filter::{Filter, FilterError};
pub use graph::{EdgeRef, KnowledgeGraph};
pub(crate) use node::is_forbidden_in_ids;
pub use node::{Attr, AttrType, AttrValue, Attrs, AttrsIter, Node, NodeId, NodeKind};
