//! Neo4j export: the CSV files of `neo4j-admin database import full`, with the command that
//! loads them and a LadybugDB (Kùzu) script that loads the same files.
//!
//! # Format
//!
//! A folder (`-o DIR --format neo4j`):
//!
//! ```text
//! DIR/nodes/Post.csv                      one file per node label (kind), only kinds present
//! DIR/relationships/CITES.Post.Resource.csv   one per relationship type and label pair
//! DIR/import.sh                           neo4j-admin database import full … (executable)
//! DIR/schema.cypher                       CREATE NODE/REL TABLE and COPY, for LadybugDB
//! ```
//!
//! - **Labels and types**: a node kind is a label in upper camel case (`post` → `Post`), a
//!   relation a type in upper snake case (`has_topic` → `HAS_TOPIC`).
//! - **Node files**: the header `id:ID,label:string`, then one typed column per attribute that
//!   at least one node of that kind has, in [`Attr::ALL`](crate::model::Attr::ALL) order:
//!   `name:long` for whole numbers (`long` rather than `int`: Neo4j's `int` is 32 bits),
//!   `name:double` for reals, `name:string` for text. An attribute a node lacks is an empty
//!   field (no property in Neo4j, `NULL` in LadybugDB). `id` is kgraph's `kind:key`, unique
//!   across labels, so all files share Neo4j's one global id space.
//! - **Relationship files**: `:START_ID,:END_ID,weight:long`. A relation can join several pairs
//!   of labels (`cites` goes from posts and from topics to resources), while a LadybugDB
//!   relationship table needs its FROM and TO tables: so there is one file per (type, source
//!   label, target label), and `import.sh` names several files for one type. In
//!   `schema.cypher` such a type is one relationship table with several `FROM … TO …` pairs,
//!   and each file is copied with its `(from=…, to=…)`.
//! - **Text**: RFC 4180 — a field is quoted when it holds a comma, a quote or a line break,
//!   and quotes are doubled; line breaks inside text (`\r\n`, `\r`, `\n`) become spaces, so
//!   every record is one line (Neo4j then needs no `--multiline-fields`, and LadybugDB can read
//!   the files in parallel). Backslashes are plain characters in both readers. The same goes
//!   for ids (only a file name can put a line break in one): both ends of a relationship are
//!   written the same way, so they still meet.
//! - **Order**: files in name order, nodes in id order, relationships in (source, target) order;
//!   the bytes depend on the graph alone.
//! - Columns come in the same order in the header and in `schema.cypher` (`id` first, then the
//!   endpoints first for relationships): LadybugDB maps CSV columns by position.

mod script;

use std::io::{self, Write};

use super::folder::{only_names, Folder, FolderExporter};
use super::{typed_text, ExportOptions};
use crate::model::{Attr, AttrType, EdgeKind, KnowledgeGraph, Node, NodeKind};

/// The folders of the node and relationship files, and the two scripts.
const NODES: &str = "nodes";
const RELATIONSHIPS: &str = "relationships";
const IMPORT_SCRIPT: &str = "import.sh";
const LADYBUG_SCRIPT: &str = "schema.cypher";

/// Writes the neo4j-admin import folder.
pub(crate) struct Neo4jExporter;

impl FolderExporter for Neo4jExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        _options: &ExportOptions,
        folder: &mut dyn Folder,
    ) -> io::Result<()> {
        let plan = Plan::of(graph);
        for table in &plan.nodes {
            let mut out = folder.create(&table.file())?;
            write_nodes(&mut out, graph, table)?;
            out.flush()?;
        }
        for table in &plan.relationships {
            let mut out = folder.create(&table.file())?;
            write_relationships(&mut out, graph, table)?;
            out.flush()?;
        }
        let mut out = folder.create(IMPORT_SCRIPT)?;
        out.write_all(script::neo4j_admin(&plan).as_bytes())?;
        out.flush()?;
        drop(out);
        folder.set_executable(IMPORT_SCRIPT)?;
        let mut out = folder.create(LADYBUG_SCRIPT)?;
        out.write_all(script::ladybug(&plan).as_bytes())?;
        out.flush()
    }

    fn recognizes(&self, names: &[String]) -> bool {
        only_names(
            names,
            &[NODES, RELATIONSHIPS, IMPORT_SCRIPT, LADYBUG_SCRIPT],
        )
    }
}

/// The files of one graph: a node table per kind present, a relationship table per relation
/// and pair of kinds present.
struct Plan {
    nodes: Vec<NodeTable>,
    relationships: Vec<RelationshipTable>,
}

/// The nodes of one kind and the attributes any of them has.
struct NodeTable {
    kind: NodeKind,
    attrs: Vec<Attr>,
}

/// The edges of one relation between nodes of two kinds.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RelationshipTable {
    relation: EdgeKind,
    from: NodeKind,
    to: NodeKind,
}

impl Plan {
    fn of(graph: &KnowledgeGraph) -> Plan {
        let nodes = NodeKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let mut present = [false; Attr::ALL.len()];
                let mut any = false;
                for (_, node) in graph.nodes().filter(|(_, n)| n.kind() == kind) {
                    any = true;
                    for (attr, _) in node.attributes() {
                        present[attr as usize] = true;
                    }
                }
                let attrs = Attr::ALL.into_iter().filter(|&a| present[a as usize]);
                any.then(|| NodeTable {
                    kind,
                    attrs: attrs.collect(),
                })
            })
            .collect();
        let tables: std::collections::BTreeSet<RelationshipTable> = graph
            .edges()
            .map(|e| RelationshipTable {
                relation: e.edge.kind,
                from: graph.node(e.source).kind(),
                to: graph.node(e.target).kind(),
            })
            .collect();
        let mut relationships: Vec<RelationshipTable> = tables.into_iter().collect();
        relationships.sort_by_cached_key(RelationshipTable::file);
        Plan {
            nodes,
            relationships,
        }
    }
}

impl NodeTable {
    fn file(&self) -> String {
        format!("{NODES}/{}.csv", label(self.kind))
    }
}

impl RelationshipTable {
    fn file(&self) -> String {
        format!(
            "{RELATIONSHIPS}/{}.{}.{}.csv",
            relationship_type(self.relation),
            label(self.from),
            label(self.to)
        )
    }
}

/// A node kind as a Neo4j label: `Post`, `Resource`.
fn label(kind: NodeKind) -> String {
    let name = kind.as_str();
    name[..1].to_ascii_uppercase() + &name[1..]
}

/// A relation as a Neo4j relationship type: `HAS_TOPIC`, `CITES`.
fn relationship_type(relation: EdgeKind) -> String {
    relation.as_str().to_ascii_uppercase()
}

/// The Neo4j import type of an attribute.
fn import_type(ty: AttrType) -> &'static str {
    match ty {
        AttrType::String => "string",
        AttrType::Int => "long",
        AttrType::Float => "double",
    }
}

/// A CSV writer with RFC 4180 quoting into `out`.
fn csv_writer(out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .double_quote(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

/// `text` on one line: each line break (`\r\n`, `\r`, `\n`) a space.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\r', '\n']) {
        return text.into();
    }
    text.replace("\r\n", " ").replace(['\r', '\n'], " ").into()
}

fn write_nodes(out: &mut dyn Write, graph: &KnowledgeGraph, table: &NodeTable) -> io::Result<()> {
    let mut csv = csv_writer(out);
    let mut header = vec!["id:ID".to_string(), "label:string".to_string()];
    header.extend(
        table
            .attrs
            .iter()
            .map(|a| format!("{}:{}", a.as_str(), import_type(a.ty()))),
    );
    csv.write_record(&header)?;
    let mut record: Vec<String> = Vec::with_capacity(header.len());
    for (_, node) in graph.nodes().filter(|(_, n)| n.kind() == table.kind) {
        record.clear();
        record.push(one_line(&node.id.to_string()).into_owned());
        record.push(one_line(&node.label).into_owned());
        record.extend(table.attrs.iter().map(|&attr| attr_field(node, attr)));
        csv.write_record(&record)?;
    }
    csv.flush()
}

/// Node `node`'s `attr` as a CSV field: empty when it has none that fits the declared type.
fn attr_field(node: &Node, attr: Attr) -> String {
    node.attribute(attr)
        .and_then(|value| typed_text(attr, &value).map(|t| one_line(&t).into_owned()))
        .unwrap_or_default()
}

fn write_relationships(
    out: &mut dyn Write,
    graph: &KnowledgeGraph,
    table: &RelationshipTable,
) -> io::Result<()> {
    let mut csv = csv_writer(out);
    csv.write_record([":START_ID", ":END_ID", "weight:long"])?;
    let mut weight = itoa::Buffer::new();
    for edge in graph.edges() {
        let (from, to) = (graph.node(edge.source), graph.node(edge.target));
        if edge.edge.kind != table.relation || from.kind() != table.from || to.kind() != table.to {
            continue;
        }
        csv.write_record([
            one_line(&from.id.to_string()).as_bytes(),
            one_line(&to.id.to_string()).as_bytes(),
            weight.format(edge.edge.weight).as_bytes(),
        ])?;
    }
    csv.flush()
}

#[cfg(test)]
mod tests;
