//! CSV export: the node and edge tables of Gephi's spreadsheet import.
//!
//! `-o NAME.csv` writes both tables, `NAME.nodes.csv` and `NAME.edges.csv` (see
//! [`Format::files_for`](super::Format::files_for)); each table is its own [`Format`](super::Format)
//! so that either can also go to standard output.
//!
//! # Format
//!
//! ```text
//! NAME.nodes.csv
//! Id,Label,Kind,path,date,category,tags,series,part,level,url,citations,posts
//! post:notes/a.md,"Say ""hello""",post,notes/a.md,2024-01-05,AI,,,,,,,
//! topic:多模态,多模态,topic,,,,,,,2,,,3
//!
//! NAME.edges.csv
//! Source,Target,Kind,Weight,Type,Id,Label
//! post:notes/a.md,topic:多模态,has_topic,1,Directed,e0,has_topic
//! ```
//!
//! - UTF-8 without a byte-order mark, a header row, one row per node in id order and one per edge
//!   in (source, target, relation) order. Every column is always present; an unset attribute,
//!   or a value that does not fit the attribute's type, is an empty field (Gephi reads it as
//!   null).
//! - Node columns: `Id` (the real id `kind:key`, as in GEXF and JSON), `Label`, `Kind`, then
//!   every [`Attr`] in `Attr::ALL` order under its own name. Gephi treats `Id` and `Label`
//!   specially (any case); the rest become node columns whose types are chosen in its import
//!   wizard.
//! - Edge columns: `Source`, `Target` (node ids), `Kind` (the relation: Gephi's edge kind, which
//!   keeps two relations between one pair apart), `Weight` (occurrence count), `Type` (always
//!   `Directed`), `Id` (`e{j}`, as in GEXF and GraphML) and `Label` (the relation again, which
//!   Gephi shows).
//! - Quoting is RFC 4180, by the `csv` crate: a field holding a comma, a double quote, CR or LF
//!   is quoted, with quotes doubled. Line breaks inside labels are kept, inside quotes.
//! - Characters XML 1.0 forbids are dropped from every field, as in the XML and DOT exports:
//!   Gephi would keep them and then write GEXF or GraphML no reader accepts. Ids stay unique
//!   ([`NodeIds`]).
//! - **Dialects** ([`CsvDialect`]): Gephi reads CSV with Apache Commons CSV configured with `\`
//!   as escape character (so `\n` in a field becomes a line break, `\\` one backslash, and a
//!   field ending in `\"` aborts the import), trims every field and reads an empty field as
//!   null. The default `gephi` dialect therefore doubles every backslash and ends records with
//!   LF; Gephi then reads back exactly the label, less outer whitespace. `rfc4180` writes
//!   backslashes as they are and ends records with CRLF, for spreadsheets, pandas and Python's
//!   `csv` module; Gephi would read it wrongly wherever a label holds a backslash.

use std::borrow::Cow;
use std::io::{self, Write};

use csv::{QuoteStyle, Terminator, WriterBuilder};

use super::xml::NodeIds;
use super::{typed_text, ExportOptions, Exporter};
use crate::model::{Attr, KnowledgeGraph};
use crate::text::is_xml_char;

/// How the CSV tables quote and escape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CsvDialect {
    /// For Gephi's spreadsheet import: RFC 4180 quoting, every backslash doubled, LF line ends.
    #[default]
    Gephi,
    /// Plain RFC 4180: backslashes as they are, CRLF line ends (spreadsheets, pandas, Python).
    Rfc4180,
}

/// Writes the node table.
pub(crate) struct CsvNodesExporter;

/// Writes the edge table.
pub(crate) struct CsvEdgesExporter;

/// The columns of the node table before the attributes.
const NODE_HEAD: [&str; 3] = ["Id", "Label", "Kind"];

/// The columns of the edge table.
const EDGE_HEADER: [&str; 7] = ["Source", "Target", "Kind", "Weight", "Type", "Id", "Label"];

/// `s` as a field of `dialect`, before quoting: forbidden characters dropped and, for Gephi,
/// backslashes doubled.
fn field(s: &str, dialect: CsvDialect) -> Cow<'_, str> {
    let backslashes = dialect == CsvDialect::Gephi && s.contains('\\');
    if !backslashes && s.chars().all(is_xml_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars().filter(|&c| is_xml_char(c)) {
        if c == '\\' && backslashes {
            out.push('\\');
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// A CSV writer over `out` for `dialect`.
fn writer(out: &mut dyn Write, dialect: CsvDialect) -> csv::Writer<&mut dyn Write> {
    let terminator = match dialect {
        CsvDialect::Gephi => Terminator::Any(b'\n'),
        CsvDialect::Rfc4180 => Terminator::CRLF,
    };
    WriterBuilder::new()
        .terminator(terminator)
        .quote_style(QuoteStyle::Necessary)
        .from_writer(out)
}

/// Writes one table to `out` in the options' dialect: `header`, then the rows `write_rows` writes
/// with the writer and the dialect its fields are made for.
fn write_table<H>(
    out: &mut dyn Write,
    options: &ExportOptions,
    header: H,
    write_rows: impl FnOnce(&mut csv::Writer<&mut dyn Write>, CsvDialect) -> io::Result<()>,
) -> io::Result<()>
where
    H: IntoIterator,
    H::Item: AsRef<[u8]>,
{
    let dialect = options.csv_dialect;
    let mut w = writer(out, dialect);
    w.write_record(header)?;
    write_rows(&mut w, dialect)?;
    w.flush()
}

impl Exporter for CsvNodesExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let header = NODE_HEAD
            .into_iter()
            .chain(Attr::ALL.iter().map(|a| a.as_str()));
        write_table(out, options, header, |w, dialect| {
            let ids = NodeIds::new(graph);
            for (i, node) in graph.nodes() {
                let id = ids.joined(i);
                let head = [
                    field(&id, dialect),
                    field(&node.label, dialect),
                    Cow::Borrowed(node.kind().as_str()),
                ];
                let mut attrs = Attr::ALL.map(|_| String::new());
                for (attr, value) in node.attributes() {
                    let column = Attr::ALL.iter().position(|&a| a == attr);
                    if let (Some(column), Some(text)) = (column, typed_text(attr, &value)) {
                        attrs[column] = field(&text, dialect).into_owned();
                    }
                }
                w.write_record(
                    head.iter()
                        .map(|f| f.as_ref())
                        .chain(attrs.iter().map(String::as_str)),
                )?;
            }
            Ok(())
        })
    }
}

impl Exporter for CsvEdgesExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        write_table(out, options, EDGE_HEADER, |w, dialect| {
            let ids = NodeIds::new(graph);
            for (j, e) in graph.edges().enumerate() {
                let kind = e.edge.kind.as_str();
                w.write_record([
                    field(&ids.joined(e.source), dialect).as_ref(),
                    field(&ids.joined(e.target), dialect).as_ref(),
                    kind,
                    &e.edge.weight.to_string(),
                    "Directed",
                    &format!("e{j}"),
                    kind,
                ])?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gephi_fields_double_backslashes_and_both_drop_forbidden_characters() {
        let cases = [
            (r"C:\Users\", r"C:\\Users\\", r"C:\Users\"),
            (
                "plain, \"quoted\"",
                "plain, \"quoted\"",
                "plain, \"quoted\"",
            ),
            ("bell\u{7}\u{FFFE}", "bell", "bell"),
            ("a\\\"b\nc", "a\\\\\"b\nc", "a\\\"b\nc"),
            ("多模态 🧠", "多模态 🧠", "多模态 🧠"),
        ];
        for (input, gephi, rfc) in cases {
            assert_eq!(field(input, CsvDialect::Gephi), gephi, "{input:?}");
            assert_eq!(field(input, CsvDialect::Rfc4180), rfc, "{input:?}");
        }
        assert!(matches!(field("x", CsvDialect::Gephi), Cow::Borrowed(_)));
    }

    #[test]
    fn headers_have_no_duplicates() {
        let mut nodes: Vec<&str> = NODE_HEAD.to_vec();
        nodes.extend(Attr::ALL.iter().map(|a| a.as_str()));
        let mut lower: Vec<String> = nodes.iter().map(|h| h.to_lowercase()).collect();
        lower.sort();
        lower.dedup();
        assert_eq!(
            lower.len(),
            nodes.len(),
            "Gephi matches headers without case"
        );
    }
}
