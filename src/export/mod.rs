//! Exporters: one file per format behind the [`Exporter`] trait, or behind [`FolderExporter`]
//! for the formats whose output is a folder of files; [`Format`] is the registry.
//!
//! Exporters get a finished graph and a writer (or a [`Folder`] to ask for files), nothing
//! more: they never open files, read the environment or print. The one exception to "nothing more" is
//! rendering (`.svg`, `.png`), which runs Graphviz as a child process.

mod csv;
mod dot;
mod folder;
mod gexf;
mod graphml;
mod html;
mod json;
mod mermaid;
mod neo4j;
pub(crate) mod parquet;
mod render;
pub(crate) mod style;
mod xml;

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::model::{Attr, AttrType, AttrValue, KnowledgeGraph};

pub use csv::CsvDialect;
pub(crate) use folder::{Folder, FolderExporter};
pub(crate) use json::SCHEMA_VERSION as JSON_SCHEMA_VERSION;
pub use render::Engine;
pub use style::{ColorBy, SizeBy};

/// Settings that change how a graph is written.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Name of the graph, written where a format has a place for it.
    pub name: String,
    /// How the CSV tables quote and escape.
    pub csv_dialect: CsvDialect,
    /// The Graphviz layout engine for `.svg` and `.png`.
    pub engine: Engine,
    /// How long Graphviz may take to render before it is stopped.
    pub render_timeout: Duration,
    /// What node sizes follow (GraphML `size`, GEXF `viz:size`, DOT `fontsize`, JSON `size`).
    pub size_by: SizeBy,
    /// What node colours follow (GraphML `r g b`, GEXF `viz:color`, DOT, Mermaid, JSON `color`).
    pub color_by: ColorBy,
    /// Also write the JSON edge list under `links`, for NetworkX before 3.6 and d3 examples.
    pub json_links: bool,
}

/// The default [`ExportOptions::render_timeout`].
pub(crate) const DEFAULT_RENDER_TIMEOUT: Duration = Duration::from_secs(60);

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            name: "kgraph".to_string(),
            csv_dialect: CsvDialect::default(),
            engine: Engine::default(),
            render_timeout: DEFAULT_RENDER_TIMEOUT,
            size_by: SizeBy::default(),
            color_by: ColorBy::default(),
            json_links: false,
        }
    }
}

/// Writes a graph in one format.
pub(crate) trait Exporter {
    /// Writes `graph` to `out`.
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> io::Result<()>;
}

/// Every output format kgraph writes.
///
/// ```
/// use std::path::Path;
/// use kgraph::Format;
///
/// assert_eq!(Format::from_path(Path::new("out/graph.gv")), Some(Format::Dot));
/// assert_eq!(Format::Gexf.extension(), "gexf");
/// ```
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
    /// The node table of Gephi's spreadsheet import (`NAME.nodes.csv`).
    CsvNodes,
    /// The edge table of Gephi's spreadsheet import (`NAME.edges.csv`).
    CsvEdges,
    /// A Mermaid flowchart, for documentation.
    Mermaid,
    /// SVG drawn by Graphviz.
    Svg,
    /// PNG drawn by Graphviz.
    Png,
    /// A self-contained interactive viewer (sigma.js), opened in a browser.
    Html,
    /// A folder of Parquet tables, `nodes/` and `edges/`, for Spark and GraphFrames.
    Parquet,
    /// A folder of CSV files for `neo4j-admin database import full`, with a LadybugDB script.
    Neo4j,
}

/// What writes a format: an [`Exporter`] for one file, or a [`FolderExporter`] for a folder.
#[derive(Clone, Copy)]
pub(crate) enum Writer {
    /// Writes one stream of bytes.
    File(&'static dyn Exporter),
    /// Writes a folder of files.
    Folder(&'static dyn FolderExporter),
}

impl Format {
    /// Every format, in the order outputs are written.
    pub const ALL: [Format; 12] = [
        Format::Json,
        Format::Graphml,
        Format::Dot,
        Format::Gexf,
        Format::CsvNodes,
        Format::CsvEdges,
        Format::Mermaid,
        Format::Svg,
        Format::Png,
        Format::Html,
        Format::Parquet,
        Format::Neo4j,
    ];

    /// The format's canonical file suffix (for the CSV tables it includes the table's name);
    /// for a folder format, which no suffix names, its name.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Graphml => "graphml",
            Format::Dot => "dot",
            Format::Gexf => "gexf",
            Format::CsvNodes => "nodes.csv",
            Format::CsvEdges => "edges.csv",
            Format::Mermaid => "mmd",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Html => "html",
            Format::Parquet => "parquet",
            Format::Neo4j => "neo4j",
        }
    }

    /// Every file extension accepted for the format.
    ///
    /// Both CSV tables accept `.csv`: [`Format::from_path`] and [`Format::files_for`] tell
    /// them apart by the file stem. Folder formats have none: `--format` picks them.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Json => &["json"],
            Format::Graphml => &["graphml"],
            Format::Dot => &["dot", "gv"],
            Format::Gexf => &["gexf"],
            Format::CsvNodes | Format::CsvEdges => &["csv"],
            Format::Mermaid => &["mmd", "mermaid"],
            Format::Svg => &["svg"],
            Format::Png => &["png"],
            Format::Html => &["html", "htm"],
            Format::Parquet | Format::Neo4j => &[],
        }
    }

    /// The format a file name's extension names (case-insensitive).
    ///
    /// A `.csv` file is the edge table when its stem ends in `.edges` and the node table
    /// otherwise.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        let format = Format::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&ext.as_str()))?;
        if format == Format::CsvNodes && csv_table(path) == Some(CsvTable::Edges) {
            return Some(Format::CsvEdges);
        }
        Some(format)
    }

    /// The files an output path stands for, with their formats, or `None` when its extension
    /// names no format.
    ///
    /// One file, except that a plain `NAME.csv` stands for the two tables of Gephi's
    /// spreadsheet import, `NAME.nodes.csv` and `NAME.edges.csv`. `NAME.nodes.csv` or
    /// `NAME.edges.csv` given directly stands for that table alone.
    pub fn files_for(path: &Path) -> Option<Vec<(Format, PathBuf)>> {
        let format = Format::from_path(path)?;
        if !matches!(format, Format::CsvNodes | Format::CsvEdges) || csv_table(path).is_some() {
            return Some(vec![(format, path.to_path_buf())]);
        }
        let ext = path.extension()?.to_string_lossy();
        let table =
            |format: Format, name: &str| (format, path.with_extension(format!("{name}.{ext}")));
        Some(vec![
            table(Format::CsvNodes, "nodes"),
            table(Format::CsvEdges, "edges"),
        ])
    }

    /// Every accepted extension, comma-separated, for error messages.
    pub fn supported_extensions() -> String {
        let mut all: Vec<&str> = Vec::new();
        for ext in Format::ALL.iter().flat_map(|f| f.extensions()) {
            if !all.contains(ext) {
                all.push(ext);
            }
        }
        all.iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether the format is of no use without node positions, so that writing it runs the
    /// layout (the HTML viewer, by its `.html` extension).
    pub fn needs_layout(self) -> bool {
        self.extension() == "html"
    }

    /// Whether this kgraph can write the format: `Html` needs the viewer, bundled at build time
    /// when Node.js and npm are installed. (`Svg` and `Png` also need Graphviz at run time.)
    ///
    /// ```
    /// assert!(kgraph::Format::Gexf.is_available());
    /// ```
    pub fn is_available(self) -> bool {
        self != Format::Html || cfg!(kgraph_viewer)
    }

    /// Whether the format's output is a folder of files rather than one file.
    ///
    /// ```
    /// assert!(kgraph::Format::Parquet.writes_folder());
    /// assert!(!kgraph::Format::Json.writes_folder());
    /// ```
    pub fn writes_folder(self) -> bool {
        matches!(self.writer(), Writer::Folder(_))
    }

    /// What writes the format.
    pub(crate) fn writer(self) -> Writer {
        let file = |exporter: &'static dyn Exporter| Writer::File(exporter);
        match self {
            Format::Json => file(&json::JsonExporter),
            Format::Graphml => file(&graphml::GraphmlExporter),
            Format::Dot => file(&dot::DotExporter),
            Format::Gexf => file(&gexf::GexfExporter),
            Format::CsvNodes => file(&csv::CsvNodesExporter),
            Format::CsvEdges => file(&csv::CsvEdgesExporter),
            Format::Mermaid => file(&mermaid::MermaidExporter),
            Format::Svg => file(&render::RenderExporter::SVG),
            Format::Png => file(&render::RenderExporter::PNG),
            Format::Html => file(&html::HtmlExporter),
            Format::Parquet => Writer::Folder(&parquet::ParquetExporter),
            Format::Neo4j => Writer::Folder(&neo4j::Neo4jExporter),
        }
    }
}

/// Writes `graph` in `format` to `out`; a folder format is an error of kind `InvalidInput`.
pub(crate) fn write_stream(
    graph: &KnowledgeGraph,
    format: Format,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format.writer() {
        Writer::File(exporter) => exporter.write(graph, options, out),
        Writer::Folder(_) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "the {} format writes a folder, not one stream",
                format.extension()
            ),
        )),
    }
}

/// Which table a `.csv` path names by its stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CsvTable {
    Nodes,
    Edges,
}

/// The table a `.csv` path's stem names (`g.nodes.csv`, `g.edges.csv`, any case), if any.
fn csv_table(path: &Path) -> Option<CsvTable> {
    let stem = path.file_stem()?.to_str()?.to_ascii_lowercase();
    if stem.ends_with(".nodes") {
        Some(CsvTable::Nodes)
    } else if stem.ends_with(".edges") {
        Some(CsvTable::Edges)
    } else {
        None
    }
}

/// The text of `value` as formats with typed attributes write it, or `None` when the value does
/// not fit `attr`'s declared type (text in a number column) or is a non-finite real.
pub(crate) fn typed_text(attr: Attr, value: &AttrValue) -> Option<Cow<'_, str>> {
    match (attr.ty(), value) {
        (AttrType::String, AttrValue::Str(s)) => Some(Cow::Borrowed(s)),
        (_, AttrValue::Int(i)) => Some(Cow::Owned(itoa::Buffer::new().format(*i).to_owned())),
        (AttrType::String | AttrType::Float, AttrValue::Float(x)) if x.is_finite() => {
            Some(Cow::Owned(x.to_string()))
        }
        _ => None,
    }
}

/// Writes one piece of text per item (a line, an XML element), each assembled by `push` in one
/// reused buffer and written at once: far fewer calls through `dyn Write` than a `write!` per
/// field, on graphs with millions of nodes and edges.
pub(crate) fn write_each<T>(
    out: &mut dyn Write,
    items: impl IntoIterator<Item = T>,
    mut push: impl FnMut(&mut String, T),
) -> io::Result<()> {
    let mut buffer = String::with_capacity(1024);
    for item in items {
        buffer.clear();
        push(&mut buffer, item);
        out.write_all(buffer.as_bytes())?;
    }
    Ok(())
}

/// Writes the XML declaration and, on the next line, the root element's start tag `root`: the
/// beginning of the GEXF and GraphML documents.
fn write_xml_start(out: &mut dyn Write, root: std::fmt::Arguments<'_>) -> io::Result<()> {
    out.write_all(xml::DECLARATION)?;
    writeln!(out, "{root}")
}

/// Writes `graph` in `format` into a byte vector.
#[cfg(test)]
pub(crate) fn to_bytes(
    graph: &KnowledgeGraph,
    format: Format,
    options: &ExportOptions,
) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    write_stream(graph, format, options, &mut out)?;
    Ok(out)
}

/// A node without attributes, for the exporters' unit tests.
#[cfg(test)]
fn bare_node(kind: crate::model::NodeKind, key: &str, label: &str) -> crate::model::Node {
    crate::model::Node {
        id: crate::model::NodeId::new(kind, key),
        label: label.to_string(),
        attrs: crate::model::Attrs::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(path: &str) -> Option<Vec<(Format, String)>> {
        Format::files_for(Path::new(path)).map(|v| {
            v.into_iter()
                .map(|(f, p)| (f, p.display().to_string()))
                .collect()
        })
    }

    #[test]
    fn every_extension_names_its_format() {
        for format in Format::ALL.into_iter().filter(|f| !f.writes_folder()) {
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
    fn a_plain_csv_path_stands_for_both_tables() {
        assert_eq!(
            files("out/g.csv"),
            Some(vec![
                (Format::CsvNodes, "out/g.nodes.csv".into()),
                (Format::CsvEdges, "out/g.edges.csv".into()),
            ])
        );
        assert_eq!(
            files("G.CSV"),
            Some(vec![
                (Format::CsvNodes, "G.nodes.CSV".into()),
                (Format::CsvEdges, "G.edges.CSV".into()),
            ])
        );
        assert_eq!(
            files("a.b.csv"),
            Some(vec![
                (Format::CsvNodes, "a.b.nodes.csv".into()),
                (Format::CsvEdges, "a.b.edges.csv".into()),
            ])
        );
        assert_eq!(
            files("g.edges.csv"),
            Some(vec![(Format::CsvEdges, "g.edges.csv".into())])
        );
        assert_eq!(
            files("g.Nodes.csv"),
            Some(vec![(Format::CsvNodes, "g.Nodes.csv".into())])
        );
        assert_eq!(files("g.svg"), Some(vec![(Format::Svg, "g.svg".into())]));
        assert_eq!(files("g.txt"), None);
    }

    #[test]
    fn supported_extensions_are_listed_once() {
        assert_eq!(
            Format::supported_extensions(),
            ".json, .graphml, .dot, .gv, .gexf, .csv, .mmd, .mermaid, .svg, .png, .html, .htm"
        );
    }
}
