//! Parquet export: the graph as a node table and an edge table, the shape Spark and GraphFrames
//! read.
//!
//! # Format
//!
//! A folder (`-o DIR --format parquet`) with one folder per table, as Spark writes them:
//!
//! ```text
//! DIR/nodes/part-0.parquet   id, kind, label, path, date, …, x, y
//! DIR/edges/part-0.parquet   src, dst, kind, weight
//! ```
//!
//! - **Nodes**: `id` (`kind:key`, as in every format), `kind`, `label` (UTF-8 strings, never
//!   null), then one nullable column per node attribute kgraph knows, in
//!   [`Attr::ALL`](crate::model::Attr::ALL) order under its [`Attr::as_str`] name and typed as
//!   [`Attr::ty`] declares it: text as `BYTE_ARRAY` (`STRING`), whole numbers as `INT64`, reals as
//!   `DOUBLE`. An attribute a node lacks is null. The metrics (`degree`, `pagerank`,
//!   `community`…) are among them, and `x`, `y` are set when a layout ran. A resource's `url` is
//!   written even where kgraph derives it from the id.
//! - **Edges**: `src`, `dst` (node ids), `kind` (the relation), `weight` (`INT64`, occurrences),
//!   all required. GraphFrames' `GraphFrame(vertices, edges)` takes both tables as they are.
//! - Rows in id order (nodes) and (source, target, relation) order (edges), in row groups of
//!   [`ROW_GROUP_ROWS`]; Snappy compression; dictionary encoding and statistics as the `parquet`
//!   crate writes them by default.
//! - Every file carries the key-value metadata `kgraph.schema_version` (now
//!   `1`), bumped whenever a column changes name or type or goes away (new attribute columns
//!   do not bump it: readers look columns up by name). `created_by` is `kgraph <version>`.
//! - The bytes depend on the graph alone: no timestamps, no paths.
//!
//! `kgraph build --from-parquet DIR` reads such tables back (`src/import/`).

pub(crate) mod schema;

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};

use super::folder::{only_names, Folder, FolderExporter};
use super::ExportOptions;
use crate::model::{Attr, AttrType, AttrValue, KnowledgeGraph, Node};
use schema::{Column, Role, EDGES, NODES, SCHEMA_VERSION, SCHEMA_VERSION_KEY};

/// Rows per row group: large enough for Spark to read efficiently, small enough that one
/// group's column values stay a few megabytes in memory.
pub(crate) const ROW_GROUP_ROWS: usize = 1 << 17;

/// Writes the node and edge tables as Parquet.
pub(crate) struct ParquetExporter;

impl FolderExporter for ParquetExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        _options: &ExportOptions,
        folder: &mut dyn Folder,
    ) -> io::Result<()> {
        let nodes = schema::node_columns();
        let out = folder.create(&format!("{NODES}/part-0.parquet"))?;
        write_table(out, &nodes, graph.node_count(), |row, column| {
            node_cell(graph.node(row), column)
        })?;
        let edges: Vec<_> = graph.edges().collect();
        let out = folder.create(&format!("{EDGES}/part-0.parquet"))?;
        write_table(out, &schema::edge_columns(), edges.len(), |row, column| {
            let edge = edges[row];
            Some(match column.role {
                Role::Src => Cell::Text(Cow::Owned(graph.node(edge.source).id.to_string())),
                Role::Dst => Cell::Text(Cow::Owned(graph.node(edge.target).id.to_string())),
                Role::Kind => Cell::Text(Cow::Borrowed(edge.edge.kind.as_str())),
                _ => Cell::Int(i64::from(edge.edge.weight)),
            })
        })
    }

    fn recognizes(&self, names: &[String]) -> bool {
        only_names(names, &[NODES, EDGES])
    }
}

/// One value of a table.
enum Cell<'a> {
    Text(Cow<'a, str>),
    Int(i64),
    Float(f64),
}

/// Node `node`'s value in `column`, or `None` (null) when it has none that fits the column's type.
fn node_cell<'a>(node: &'a Node, column: &Column) -> Option<Cell<'a>> {
    match column.role {
        Role::Id => Some(Cell::Text(Cow::Owned(node.id.to_string()))),
        Role::Kind => Some(Cell::Text(Cow::Borrowed(node.kind().as_str()))),
        Role::Label => Some(Cell::Text(Cow::Borrowed(&node.label))),
        Role::Attr(attr) => attr_cell(node, attr),
        Role::Src | Role::Dst | Role::Weight => None,
    }
}

/// A node attribute as its declared type: a whole number also fills a real column, and a value
/// of another type (never produced by kgraph) or a non-finite real is null.
fn attr_cell(node: &Node, attr: Attr) -> Option<Cell<'_>> {
    let value = node.attribute(attr)?;
    match (attr.ty(), value) {
        (AttrType::String, Cow::Borrowed(AttrValue::Str(s))) => {
            Some(Cell::Text(Cow::Borrowed(s.as_str())))
        }
        (AttrType::String, Cow::Owned(AttrValue::Str(s))) => Some(Cell::Text(Cow::Owned(*s))),
        (AttrType::Int, value) => match *value {
            AttrValue::Int(i) => Some(Cell::Int(i)),
            _ => None,
        },
        (AttrType::Float, value) => match *value {
            AttrValue::Int(i) => Some(Cell::Float(i as f64)),
            AttrValue::Float(x) if x.is_finite() => Some(Cell::Float(x)),
            _ => None,
        },
        _ => None,
    }
}

/// Writes one table of `rows` rows to `out`, the value of each row and column given by `cell`.
fn write_table<'a>(
    mut out: Box<dyn Write + Send + '_>,
    columns: &[Column],
    rows: usize,
    cell: impl Fn(usize, &Column) -> Option<Cell<'a>>,
) -> io::Result<()> {
    let properties = WriterProperties::builder()
        .set_created_by(format!("kgraph {}", env!("CARGO_PKG_VERSION")))
        .set_compression(Compression::SNAPPY)
        .set_key_value_metadata(Some(vec![KeyValue::new(
            SCHEMA_VERSION_KEY.to_string(),
            SCHEMA_VERSION.to_string(),
        )]))
        .build();
    let schema = Arc::new(schema::message_type(columns).map_err(into_io)?);
    let mut writer =
        SerializedFileWriter::new(&mut out, schema, Arc::new(properties)).map_err(into_io)?;
    let mut start = 0;
    // A table without rows still gets one (empty) row group, so readers see the columns.
    while start < rows || start == 0 {
        let end = rows.min(start + ROW_GROUP_ROWS);
        let mut group = writer.next_row_group().map_err(into_io)?;
        for column in columns {
            let mut chunk = group
                .next_column()
                .map_err(into_io)?
                .ok_or_else(|| io::Error::other("fewer Parquet columns than declared"))?;
            let cells = (start..end).map(|row| cell(row, column));
            write_column(&mut chunk, column, cells).map_err(into_io)?;
            chunk.close().map_err(into_io)?;
        }
        group.close().map_err(into_io)?;
        if end == rows {
            break;
        }
        start = end;
    }
    writer.close().map_err(into_io)?;
    out.flush()
}

/// Writes one column chunk: the values present, and a definition level per row (1 for a
/// value, 0 for null) when the column is nullable.
fn write_column<'a>(
    chunk: &mut SerializedColumnWriter<'_>,
    column: &Column,
    cells: impl Iterator<Item = Option<Cell<'a>>>,
) -> Result<(), ParquetError> {
    let mut levels: Vec<i16> = Vec::new();
    let mut texts: Vec<ByteArray> = Vec::new();
    let mut ints: Vec<i64> = Vec::new();
    let mut floats: Vec<f64> = Vec::new();
    for cell in cells {
        let present = cell.is_some();
        match cell {
            Some(Cell::Text(s)) => texts.push(ByteArray::from(s.into_owned().into_bytes())),
            Some(Cell::Int(i)) => ints.push(i),
            Some(Cell::Float(x)) => floats.push(x),
            None if column.required => {
                return Err(ParquetError::General(format!(
                    "a row without a value in the required column `{}`",
                    column.name
                )))
            }
            None => {}
        }
        levels.push(i16::from(present));
    }
    let levels = (!column.required).then_some(&levels[..]);
    match column.ty {
        AttrType::String => chunk
            .typed::<ByteArrayType>()
            .write_batch(&texts, levels, None),
        AttrType::Int => chunk.typed::<Int64Type>().write_batch(&ints, levels, None),
        AttrType::Float => chunk
            .typed::<DoubleType>()
            .write_batch(&floats, levels, None),
    }
    .map(|_| ())
}

/// A Parquet error as the I/O error an output reports.
fn into_io(error: ParquetError) -> io::Error {
    io::Error::other(error)
}

#[cfg(test)]
mod tests;
