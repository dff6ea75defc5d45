//! Rows into Parquet files, and the output folder they go to: written whole into a temporary
//! folder and renamed into place, or, for one shard of a run split over several processes, one
//! part file per table, each renamed into place.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, BooleanArray, Int32Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;

use crate::error::Error;
use crate::output::write_atomically;

use super::rows::{Row, Value};
use super::schema::{ColumnType, Table, OPTIONS_KEY, SCHEMA_VERSION, SCHEMA_VERSION_KEY, TABLES};

/// Where the tables go: `dir/<table>/part-<shard>.parquet`.
#[derive(Debug, Clone)]
pub(crate) struct TableFiles {
    /// The output folder.
    pub(crate) dir: PathBuf,
    /// The part files' name; `None`: the whole folder is this run's (part `0`).
    pub(crate) shard: Option<String>,
    /// What the rows depend on besides the files (see [`options_fingerprint`]).
    pub(crate) options: String,
}

/// `extract=<hex>;vocabulary=<hex>` (`vocabulary=off` without keyword tokens): hashes of the
/// extraction options and the keyword vocabulary, equal in every part file written with the same
/// options by the same kgraph.
pub(crate) fn options_fingerprint(
    options: &crate::extract::ExtractOptions,
    vocabulary: Option<&crate::keywords::Vocabulary>,
) -> String {
    let vocabulary = vocabulary.map_or_else(
        || "off".to_string(),
        |v| format!("{:032x}", crate::cache::of_vocabulary(v)),
    );
    let extract = crate::cache::of_extract_options(options);
    format!("extract={extract:032x};vocabulary={vocabulary}")
}

/// Part name of a run that owns its whole output folder.
const WHOLE_RUN_PART: &str = "0";

/// Writes one part file per table of [`TABLES`] (`tables` in that order).
pub(crate) fn write_tables(files: &TableFiles, tables: &[Vec<Row>]) -> Result<(), Error> {
    let output_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Output { path, source }
    };
    let encoded: Vec<Vec<u8>> = TABLES
        .iter()
        .zip(tables)
        .map(|(table, rows)| encode(table, rows, &files.options))
        .collect::<Result<_, _>>()
        .map_err(output_error(&files.dir))?;
    match &files.shard {
        Some(shard) => {
            for (table, bytes) in TABLES.iter().zip(&encoded) {
                let path = files.dir.join(table.name).join(part_name(shard));
                write_atomically(&path, |out| out.write_all(bytes)).map_err(output_error(&path))?;
            }
            Ok(())
        }
        None => write_whole(&files.dir, &encoded).map_err(output_error(&files.dir)),
    }
}

fn part_name(shard: &str) -> String {
    format!("part-{shard}.parquet")
}

/// Writes the folder beside `dir`, then swaps it in: a failed run leaves `dir` as it was.
fn write_whole(dir: &Path, encoded: &[Vec<u8>]) -> io::Result<()> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(parent)?;
    let name = dir.file_name().map_or_else(
        || "extract".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let fresh = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .tempdir_in(parent)?;
    for (table, bytes) in TABLES.iter().zip(encoded) {
        let folder = fresh.path().join(table.name);
        fs::create_dir(&folder)?;
        fs::write(folder.join(part_name(WHOLE_RUN_PART)), bytes)?;
    }
    if fs::symlink_metadata(dir).is_ok() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old."))
            .tempdir_in(parent)?;
        fs::rename(dir, old.path().join(&name))?;
        if let Err(err) = fs::rename(fresh.path(), dir) {
            // Put the previous folder back before reporting.
            let _ = fs::rename(old.path().join(&name), dir);
            return Err(err);
        }
        drop(old);
    } else {
        fs::rename(fresh.path(), dir)?;
    }
    // Renamed away: nothing left for the guard to remove.
    let _ = fresh.keep();
    Ok(())
}

/// One table's rows as a Parquet file, with the schema version in its key-value metadata.
fn encode(table: &Table, rows: &[Row], options: &str) -> io::Result<Vec<u8>> {
    let schema = Arc::new(arrow_schema(table));
    let columns: Vec<ArrayRef> = (0..table.columns.len())
        .map(|i| column(table.columns[i].ty, rows.iter().map(|row| &row[i])))
        .collect();
    let batch = RecordBatch::try_new(schema.clone(), columns).map_err(io::Error::other)?;
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(format!("kgraph {}", env!("CARGO_PKG_VERSION")))
        .set_key_value_metadata(Some(vec![
            KeyValue::new(SCHEMA_VERSION_KEY.to_string(), SCHEMA_VERSION.to_string()),
            KeyValue::new(OPTIONS_KEY.to_string(), options.to_string()),
        ]))
        .build();
    let mut bytes = Vec::new();
    let mut writer =
        ArrowWriter::try_new(&mut bytes, schema, Some(properties)).map_err(io::Error::other)?;
    writer.write(&batch).map_err(io::Error::other)?;
    writer.close().map_err(io::Error::other)?;
    Ok(bytes)
}

/// The Arrow schema of `table`.
pub(crate) fn arrow_schema(table: &Table) -> Schema {
    let fields: Vec<Field> = (table.columns.iter())
        .map(|c| Field::new(c.name, data_type(c.ty), c.nullable))
        .collect();
    let version = [(SCHEMA_VERSION_KEY.to_string(), SCHEMA_VERSION.to_string())];
    Schema::new(fields).with_metadata(
        version
            .into_iter()
            .collect::<std::collections::HashMap<_, _>>(),
    )
}

fn data_type(ty: ColumnType) -> DataType {
    match ty {
        ColumnType::Utf8 => DataType::Utf8,
        ColumnType::Int64 => DataType::Int64,
        ColumnType::Int32 => DataType::Int32,
        ColumnType::Bool => DataType::Boolean,
        ColumnType::Utf8List => DataType::List(Arc::new(list_item())),
    }
}

fn list_item() -> Field {
    Field::new("item", DataType::Utf8, false)
}

/// One column of cells of type `ty`; a cell of another type is a bug in the row code.
fn column<'r>(ty: ColumnType, cells: impl Iterator<Item = &'r Value>) -> ArrayRef {
    let wrong = |cell: &Value| -> ! { panic!("a {ty:?} column holds {cell:?}") };
    match ty {
        ColumnType::Utf8 => Arc::new(StringArray::from_iter(cells.map(|cell| match cell {
            Value::Text(s) => Some(s.as_str()),
            Value::Null => None,
            other => wrong(other),
        }))),
        ColumnType::Int64 => Arc::new(Int64Array::from_iter(cells.map(|cell| match cell {
            Value::Int(n) => Some(*n),
            Value::Null => None,
            other => wrong(other),
        }))),
        ColumnType::Int32 => Arc::new(Int32Array::from_iter(cells.map(|cell| match cell {
            Value::Int(n) => Some(i32::try_from(*n).unwrap_or(i32::MAX)),
            Value::Null => None,
            other => wrong(other),
        }))),
        ColumnType::Bool => Arc::new(BooleanArray::from_iter(cells.map(|cell| match cell {
            Value::Bool(v) => Some(*v),
            Value::Null => None,
            other => wrong(other),
        }))),
        ColumnType::Utf8List => {
            let mut b = ListBuilder::new(StringBuilder::new()).with_field(Arc::new(list_item()));
            for cell in cells {
                match cell {
                    Value::List(items) => {
                        for item in items {
                            b.values().append_value(item);
                        }
                        b.append(true);
                    }
                    other => wrong(other),
                }
            }
            Arc::new(b.finish())
        }
    }
}
