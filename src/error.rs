//! Fatal errors: problems that stop a run (exit code 2), as opposed to diagnostics about posts.

use std::io;
use std::path::PathBuf;

/// A problem that stops kgraph from producing its outputs.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
    /// A subgraph filter cannot be applied.
    #[error(transparent)]
    Filter(#[from] crate::model::FilterError),
    /// An input path does not exist or cannot be read.
    #[error("cannot read input {}: {source}", .path.display())]
    Input {
        /// The input as given.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// An input cannot be watched for changes (`kgraph watch`).
    #[error("cannot watch {}: {reason}", .path.display())]
    Watch {
        /// The input as given.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A graph file that cannot be read back: not the JSON, GraphML or GEXF kgraph writes.
    #[error("{}: {reason}", .path.display())]
    InvalidGraph {
        /// The file as given.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// An output could not be written; the previous file, if any, is untouched.
    #[error("cannot write {}: {source}", .path.display())]
    Output {
        /// The output path (`-` for standard output).
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// What a caught panic says: its message when it has one, else `unknown panic`.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}
