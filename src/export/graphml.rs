//! graphml export (in progress).

use std::io::{self, Write};

use super::{ExportOptions, Exporter};
use crate::model::KnowledgeGraph;

/// Writes the graphml format.
pub(crate) struct GraphmlExporter;

impl Exporter for GraphmlExporter {
    fn write(
        &self,
        _graph: &KnowledgeGraph,
        _options: &ExportOptions,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        Err(io::Error::other("not written yet"))
    }
}
