//! dot export (in progress).

use std::io::{self, Write};

use super::{ExportOptions, Exporter};
use crate::model::KnowledgeGraph;

/// Writes the dot format.
pub(crate) struct DotExporter;

impl Exporter for DotExporter {
    fn write(
        &self,
        _graph: &KnowledgeGraph,
        _options: &ExportOptions,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        Err(io::Error::other("not written yet"))
    }
}
