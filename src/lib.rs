//! kgraph turns a folder of Markdown posts into a knowledge graph and exports it.
//!
//! ```text
//! discover (sorted paths) → read → extract_post (parallel) → GraphBuilder (sorted order)
//!   → KnowledgeGraph (sorted, immutable) → Exporter per Format → atomic file writes
//! ```

pub mod diagnostic;
pub mod export;
pub mod extract;
pub mod model;
