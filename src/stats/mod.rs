//! `kgraph stats`: a report on the whole graph — counts, top keywords, domains, most-cited
//! resources, biggest topics, communities, orphans, shared resources and broken or suspicious
//! URLs — as text for people or JSON for scripts.
//!
//! The graph is the one `kgraph build` would export without filters, with its metrics. Ranked
//! lists are cut at `top` entries in both forms; the lists of problems (orphan posts, resources
//! cited by several posts, URL problems) are complete in JSON, cut at `top` in the text. Every
//! list has a fixed order with ties broken by id, so the report depends on the input alone.

mod collect;
mod report;
mod text;
pub(crate) mod urls;

pub(crate) use collect::collect;
pub(crate) use report::{to_json, CitedUrl, Stats};
pub(crate) use text::to_text;
pub use urls::Severity;

/// Entries per ranked list when `--top` is not given.
pub(crate) const DEFAULT_TOP: usize = 10;
