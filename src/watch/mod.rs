//! What `kgraph watch` needs besides the build: file-system events turned into changed paths
//! (`events.rs`, filtered by `filter.rs`) and what changed in the graph (`changes.rs`).

mod changes;
mod events;
mod filter;

pub use changes::GraphChanges;
pub(crate) use events::watch_inputs;
pub(crate) use filter::Relevance;
