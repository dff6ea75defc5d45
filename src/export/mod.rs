//! Exporters: one file per format behind the [`Exporter`] trait; [`Format`] is the registry.
//!
//! Exporters get a finished graph and a writer, nothing more: they never open
//! files, read the environment or print.

mod dot;
mod gexf;
mod graphml;
mod json;
mod mermaid;
pub mod style;
mod xml;

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use crate::model::{Attr, AttrType, AttrValue, KnowledgeGraph};

/// Settings that change how a graph is written.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Name of the graph, written where a format has a place for it.
    pub name: String,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            name: "kgraph".to_string(),
        }
    }
}

/// Writes a graph in one format.
pub trait Exporter {
    /// Writes `graph` to `out`.
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> io::Result<()>;
}

/// Every output format kgraph writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// NetworkX node-link JSON.
    Json,
    /// GraphML (Gephi, NetworkX, igraph, yEd).
    Graphml,
    /// Graphviz DOT.
    Dot,
    /// GEXF 1.3, Gephi's own format.
    Gexf,
    /// A Mermaid flowchart, for documentation.
    Mermaid,
}

impl Format {
    /// Every format, in the order outputs are written.
    pub const ALL: [Format; 5] = [
        Format::Json,
        Format::Graphml,
        Format::Dot,
        Format::Gexf,
        Format::Mermaid,
    ];

    /// The format's canonical file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Graphml => "graphml",
            Format::Dot => "dot",
            Format::Gexf => "gexf",
            Format::Mermaid => "mmd",
        }
    }

    /// Every file extension accepted for the format.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Json => &["json"],
            Format::Graphml => &["graphml"],
            Format::Dot => &["dot", "gv"],
            Format::Gexf => &["gexf"],
            Format::Mermaid => &["mmd", "mermaid"],
        }
    }

    /// The format a file name's extension names (case-insensitive).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }

    /// Every accepted extension, comma-separated, for error messages.
    pub fn supported_extensions() -> String {
        Format::ALL
            .iter()
            .flat_map(|f| f.extensions())
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The exporter that writes the format.
    pub fn exporter(self) -> &'static dyn Exporter {
        match self {
            Format::Json => &json::JsonExporter,
            Format::Graphml => &graphml::GraphmlExporter,
            Format::Dot => &dot::DotExporter,
            Format::Gexf => &gexf::GexfExporter,
            Format::Mermaid => &mermaid::MermaidExporter,
        }
    }
}

/// The text of `value` as formats with typed attributes write it, or `None` when the value does
/// not fit `attr`'s declared type (text in a number column) or is a non-finite real.
pub(crate) fn typed_text(attr: Attr, value: &AttrValue) -> Option<Cow<'_, str>> {
    match (attr.ty(), value) {
        (AttrType::String, AttrValue::Str(s)) => Some(Cow::Borrowed(s)),
        (_, AttrValue::Int(i)) => Some(Cow::Owned(i.to_string())),
        (AttrType::String | AttrType::Float, AttrValue::Float(x)) if x.is_finite() => {
            Some(Cow::Owned(x.to_string()))
        }
        _ => None,
    }
}

/// Writes `graph` in `format` into a byte vector.
pub fn to_bytes(
    graph: &KnowledgeGraph,
    format: Format,
    options: &ExportOptions,
) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    format.exporter().write(graph, options, &mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn every_extension_names_its_format() {
        for format in Format::ALL {
            let path = PathBuf::from(format!("out/g.{}", format.extension()));
            assert_eq!(Format::from_path(&path), Some(format), "{}", path.display());
            let upper = PathBuf::from(format!("G.{}", format.extension().to_uppercase()));
            assert_eq!(
                Format::from_path(&upper),
                Some(format),
                "{}",
                upper.display()
            );
        }
        assert_eq!(Format::from_path(Path::new("g.gv")), Some(Format::Dot));
        assert_eq!(
            Format::from_path(Path::new("g.mermaid")),
            Some(Format::Mermaid)
        );
        assert_eq!(Format::from_path(Path::new("g.xlsx")), None);
        assert_eq!(Format::from_path(Path::new("csv")), None);
    }

    #[test]
    fn supported_extensions_are_listed_once() {
        assert_eq!(
            Format::supported_extensions(),
            ".json, .graphml, .dot, .gv, .gexf, .mmd, .mermaid"
        );
    }
}
