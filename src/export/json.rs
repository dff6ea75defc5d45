//! json export (in progress).

use std::io::{self, Write};

use super::{ExportOptions, Exporter};
use crate::model::KnowledgeGraph;

/// Writes the json format.
pub(crate) struct JsonExporter;

impl Exporter for JsonExporter {
    fn write(
        &self,
        _graph: &KnowledgeGraph,
        _options: &ExportOptions,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        Err(io::Error::other("not written yet"))
    }
}
