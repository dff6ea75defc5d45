//! Formats whose output is a folder of files (tables for Spark and graph databases), behind
//! [`FolderExporter`]: one file per format, as for [`Exporter`](super::Exporter).
//!
//! Such an exporter never opens files itself: it asks a [`Folder`] for each file by its path
//! inside the output folder. The output layer hands it a temporary folder and swaps it into
//! place when complete (`output/folder.rs`); tests hand it memory.

use std::io::{self, Write};

use super::ExportOptions;
use crate::model::KnowledgeGraph;

/// Where a [`FolderExporter`] writes its files.
pub(crate) trait Folder {
    /// A new file at `relative` (`/`-separated, inside the folder; parent folders are made).
    ///
    /// The exporter flushes the writer before it drops it: a failed flush is a failed export.
    fn create(&mut self, relative: &str) -> io::Result<Box<dyn Write + Send + '_>>;

    /// Makes the file at `relative`, already written, executable (a script).
    fn set_executable(&mut self, relative: &str) -> io::Result<()>;
}

/// Writes a graph as a folder of files in one format.
pub(crate) trait FolderExporter: Sync {
    /// Writes `graph` into `folder`, which starts empty.
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        folder: &mut dyn Folder,
    ) -> io::Result<()>;

    /// Whether an existing folder whose top-level entries are `names` looks like an earlier
    /// output of this format, so that writing may replace it. An empty folder always may be.
    fn recognizes(&self, names: &[String]) -> bool;
}

/// A folder in memory: file paths and their bytes, in path order.
#[cfg(test)]
#[derive(Debug, Default)]
pub(crate) struct MemoryFolder {
    /// Every file written, by relative path.
    pub(crate) files: std::collections::BTreeMap<String, Vec<u8>>,
    /// The files made executable.
    pub(crate) executable: Vec<String>,
}

#[cfg(test)]
impl Folder for MemoryFolder {
    fn create(&mut self, relative: &str) -> io::Result<Box<dyn Write + Send + '_>> {
        let file = self.files.entry(relative.to_string()).or_default();
        file.clear();
        Ok(Box::new(file))
    }

    fn set_executable(&mut self, relative: &str) -> io::Result<()> {
        self.executable.push(relative.to_string());
        Ok(())
    }
}

/// Every top-level name in `names` is one of `own`, or one of the markers Spark and Hadoop
/// leave beside their tables (`_SUCCESS`, `._SUCCESS.crc`).
pub(crate) fn only_names(names: &[String], own: &[&str]) -> bool {
    names
        .iter()
        .all(|name| own.contains(&name.as_str()) || name.starts_with('_') || name.starts_with("._"))
}
