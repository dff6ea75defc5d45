//! Reads a graph back from node and edge tables: the folder `--format parquet` writes, or one
//! Spark writes in the same shape (`kgraph build --from-parquet DIR`).
//!
//! - `DIR/nodes/` and `DIR/edges/` each hold one or more `*.parquet` part files (names starting
//!   with `_` or `.`, such as Spark's `_SUCCESS`, are skipped); rows may come in any order
//!   and files in any number: the graph is sorted by id as always.
//! - Columns are found by name (`src/export/parquet/schema.rs`): nodes need `id` (`kind:key`);
//!   `kind`, when present, must agree with it; `label` defaults to the key. Edges need `src`,
//!   `dst` and `kind`; `weight` defaults to 1. A column named after a node attribute kgraph
//!   knows ([`Attr::from_name`](crate::model::Attr::from_name)) is read as that attribute,
//!   any whole-number or real type, text or date that fits it; any other column is ignored
//!   with a warning.
//! - Problems are diagnostics at `FILE:ROW` (rows counted from 1 in each file): a row without an
//!   id, with an unknown kind, or an edge whose end is no node is skipped; a node id given twice
//!   keeps its first row (files in name order), and an edge given twice adds up its weights.
//!   A file that is not Parquet, or a table without its key columns, is an error.

mod columns;

use std::fs;
use std::path::{Path, PathBuf};

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Row;
use rustc_hash::FxHashMap;

use crate::cache::CacheUse;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::error::Error;
use crate::export::parquet::schema::{Role, EDGES, NODES, SCHEMA_VERSION, SCHEMA_VERSION_KEY};
use crate::model::{
    Attr, AttrType, AttrValue, Attrs, Edge, EdgeKind, KnowledgeGraph, Node, NodeId, NodeKind,
};
use crate::pipeline::Corpus;
use columns::{field_text, field_value, role_name, Columns};

/// Reads the node and edge tables in `dir` into a graph, as [`load_corpus`](crate::load_corpus)
/// reads posts: [`Corpus::posts`] is the number of post nodes, and problems with single rows or
/// columns are [`Corpus::diagnostics`].
///
/// ```
/// use kgraph::{ExportOptions, Format, InputConfig};
///
/// let corpus = kgraph::load_corpus(&InputConfig::new(["data"]), &kgraph::Silent)?;
/// let dir = tempfile::tempdir()?;
/// let tables = dir.path().join("tables");
/// kgraph::export_to_path(&corpus.graph, Format::Parquet, &ExportOptions::default(), &tables)?;
/// let read = kgraph::load_tables(&tables)?;
/// assert_eq!(read.graph.node_count(), corpus.graph.node_count());
/// assert_eq!(read.posts, corpus.posts);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn load_tables(dir: &Path) -> Result<Corpus, Error> {
    let node_files = part_files(dir, NODES)?;
    let edge_files = part_files(dir, EDGES)?;
    let mut diagnostics = Vec::new();
    let mut nodes = NodeTable::default();
    for file in &node_files {
        let (reader, columns) = open(file, &node_roles, &mut diagnostics)?;
        require(file, &columns, &[Role::Id])?;
        for_each_row(file, &reader, |row, number| {
            nodes.add(file, number, &columns, row, &mut diagnostics)
        })?;
    }
    let mut edges: FxHashMap<(usize, usize, EdgeKind), u32> = FxHashMap::default();
    for file in &edge_files {
        let (reader, columns) = open(file, &edge_roles, &mut diagnostics)?;
        require(file, &columns, &[Role::Src, Role::Dst, Role::Kind])?;
        for_each_row(file, &reader, |row, number| {
            let (key, weight) = match edge_of(&nodes, &columns, row) {
                Ok(edge) => edge,
                Err(reason) => return diagnostics.push(row_skipped(file, number, reason)),
            };
            let total = edges.entry(key).or_insert(0);
            if *total > 0 {
                diagnostics.push(Diagnostic::warning(
                    &display(file),
                    Some(number),
                    DiagnosticKind::TableRowMerged,
                ));
            }
            *total = total.saturating_add(weight);
        })?;
    }
    let posts = nodes
        .nodes
        .iter()
        .filter(|n| n.kind() == NodeKind::Post)
        .count();
    let edges = edges
        .into_iter()
        .map(|((s, t, kind), weight)| (s, t, Edge { kind, weight }))
        .collect();
    diagnostics.sort();
    Ok(Corpus {
        graph: KnowledgeGraph::from_parts(nodes.nodes, edges),
        posts,
        diagnostics,
        cache: CacheUse::default(),
    })
}

/// The `*.parquet` files of table `table` in `dir`, in name order.
fn part_files(dir: &Path, table: &str) -> Result<Vec<PathBuf>, Error> {
    let folder = dir.join(table);
    let unreadable = |source| Error::Input {
        path: folder.clone(),
        source,
    };
    let mut files = Vec::new();
    for entry in fs::read_dir(&folder).map_err(unreadable)? {
        let path = entry.map_err(unreadable)?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let skipped = name.starts_with('_') || name.starts_with('.');
        if !skipped && name.ends_with(".parquet") && path.is_file() {
            files.push(path);
        }
    }
    if files.is_empty() {
        return Err(Error::InvalidGraph {
            path: folder,
            reason: "no .parquet file in the table's folder".into(),
        });
    }
    files.sort();
    Ok(files)
}

/// A path as diagnostics show it.
fn display(path: &Path) -> String {
    path.display().to_string()
}

fn invalid(file: &Path, reason: impl ToString) -> Error {
    Error::InvalidGraph {
        path: file.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// Opens a part file and maps its columns with `role_of`, warning about the ones it ignores
/// and about a newer table schema.
fn open(
    file: &Path,
    role_of: &dyn Fn(&str) -> Option<Role>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(SerializedFileReader<fs::File>, Columns), Error> {
    let opened = fs::File::open(file).map_err(|source| Error::Input {
        path: file.to_path_buf(),
        source,
    })?;
    let reader = SerializedFileReader::new(opened).map_err(|e| invalid(file, e))?;
    let metadata = reader.metadata().file_metadata();
    let version = metadata
        .key_value_metadata()
        .into_iter()
        .flatten()
        .find(|kv| kv.key == SCHEMA_VERSION_KEY)
        .and_then(|kv| kv.value.as_deref()?.parse::<u32>().ok());
    if let Some(version) = version.filter(|&v| v > SCHEMA_VERSION) {
        diagnostics.push(Diagnostic::warning(
            &display(file),
            None,
            DiagnosticKind::NewerTableSchema { version },
        ));
    }
    let columns = Columns::of(metadata.schema_descr().root_schema(), role_of);
    for column in &columns.ignored {
        diagnostics.push(Diagnostic::warning(
            &display(file),
            None,
            DiagnosticKind::TableColumnIgnored {
                column: column.clone(),
            },
        ));
    }
    Ok((reader, columns))
}

/// Fails when a column of `roles` is missing.
fn require(file: &Path, columns: &Columns, roles: &[Role]) -> Result<(), Error> {
    match roles.iter().find(|r| columns.find(**r).is_none()) {
        Some(role) => Err(invalid(
            file,
            format!("the table has no `{}` column", role_name(*role)),
        )),
        None => Ok(()),
    }
}

/// Runs `visit` on every row of `reader` with its number, from 1.
fn for_each_row(
    file: &Path,
    reader: &SerializedFileReader<fs::File>,
    mut visit: impl FnMut(&Row, usize),
) -> Result<(), Error> {
    let rows = reader.get_row_iter(None).map_err(|e| invalid(file, e))?;
    for (i, row) in rows.enumerate() {
        visit(&row.map_err(|e| invalid(file, e))?, i + 1);
    }
    Ok(())
}

fn node_roles(name: &str) -> Option<Role> {
    match name {
        "id" => Some(Role::Id),
        "kind" => Some(Role::Kind),
        "label" => Some(Role::Label),
        _ => Attr::from_name(name).map(Role::Attr),
    }
}

fn edge_roles(name: &str) -> Option<Role> {
    match name {
        "src" => Some(Role::Src),
        "dst" => Some(Role::Dst),
        "kind" => Some(Role::Kind),
        "weight" => Some(Role::Weight),
        _ => None,
    }
}

fn row_skipped(file: &Path, row: usize, reason: String) -> Diagnostic {
    Diagnostic::warning(
        &display(file),
        Some(row),
        DiagnosticKind::TableRowSkipped { reason },
    )
}

/// The nodes read so far and their positions by id.
#[derive(Default)]
struct NodeTable {
    nodes: Vec<Node>,
    positions: FxHashMap<NodeId, usize>,
}

impl NodeTable {
    /// Adds the node of `row`, or says why it cannot.
    fn add(
        &mut self,
        file: &Path,
        number: usize,
        columns: &Columns,
        row: &Row,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let node = match node_of(columns, row, file, number, diagnostics) {
            Ok(node) => node,
            Err(reason) => return diagnostics.push(row_skipped(file, number, reason)),
        };
        if self.positions.contains_key(&node.id) {
            let reason = format!("`{}` is a node of an earlier row", node.id);
            return diagnostics.push(row_skipped(file, number, reason));
        }
        self.positions.insert(node.id.clone(), self.nodes.len());
        self.nodes.push(node);
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.positions.get(&parse_id(id)?).copied()
    }
}

/// `kind:key` as a node id, when the kind is one kgraph knows.
fn parse_id(id: &str) -> Option<NodeId> {
    let (kind, key) = id.split_once(':')?;
    Some(NodeId::new(NodeKind::parse(kind)?, key))
}

/// The node of one row of the node table.
fn node_of(
    columns: &Columns,
    row: &Row,
    file: &Path,
    number: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Node, String> {
    let fields = row.get_column_iter().map(|(_, f)| f).collect::<Vec<_>>();
    let text_of = |role| columns.find(role).and_then(|i| field_text(fields[i]));
    let id_text = text_of(Role::Id).ok_or("a node row without an `id`")?;
    let id = parse_id(&id_text)
        .ok_or_else(|| format!("node id `{id_text}` does not start with a kgraph kind"))?;
    if let Some(kind) = text_of(Role::Kind).filter(|k| k != id.kind.as_str()) {
        return Err(format!("node `{id}` has kind `{kind}`, not its id's"));
    }
    let label = text_of(Role::Label).unwrap_or_else(|| id.key.clone());
    let mut attrs = Attrs::new();
    for (i, role) in columns.roles.iter().enumerate() {
        let Some(Role::Attr(attr)) = role else {
            continue;
        };
        match field_value(fields[i], attr.ty()) {
            Ok(Some(value)) => {
                attrs.insert(*attr, value);
            }
            Ok(None) => {}
            Err(found) => diagnostics.push(Diagnostic::warning(
                &display(file),
                Some(number),
                DiagnosticKind::TableValueIgnored {
                    column: attr.as_str().to_string(),
                    found,
                },
            )),
        }
    }
    // kgraph derives a resource's url from its key: storing the same text again costs memory.
    if id.kind == NodeKind::Resource
        && attrs
            .get(&Attr::Url)
            .is_some_and(|u| u.to_string() == id.key)
    {
        attrs.remove(&Attr::Url);
    }
    Ok(Node { id, label, attrs })
}

/// The endpoints, relation and weight of one row of the edge table, or why it has none.
fn edge_of(
    nodes: &NodeTable,
    columns: &Columns,
    row: &Row,
) -> Result<((usize, usize, EdgeKind), u32), String> {
    let fields = row.get_column_iter().map(|(_, f)| f).collect::<Vec<_>>();
    let text_of = |role| columns.find(role).and_then(|i| field_text(fields[i]));
    let end = |role| {
        let id =
            text_of(role).ok_or_else(|| format!("an edge row without `{}`", role_name(role)))?;
        nodes
            .position(&id)
            .ok_or_else(|| format!("edge end `{id}` is no node of the node table"))
    };
    let (source, target) = (end(Role::Src)?, end(Role::Dst)?);
    let kind = text_of(Role::Kind).unwrap_or_default();
    let kind = EdgeKind::parse(&kind).ok_or_else(|| format!("unknown edge kind `{kind}`"))?;
    let weight = match columns
        .find(Role::Weight)
        .map(|i| field_value(fields[i], AttrType::Int))
    {
        None | Some(Ok(None)) => 1,
        Some(Ok(Some(AttrValue::Int(w)))) if w >= 1 => u32::try_from(w).unwrap_or(u32::MAX),
        Some(Ok(Some(value))) => return Err(format!("edge weight {value} is not a count")),
        Some(Err(found)) => return Err(format!("edge weight is {found}, not a count")),
    };
    Ok(((source, target, kind), weight))
}
