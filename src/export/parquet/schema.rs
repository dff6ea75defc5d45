//! The columns of the node and edge tables, derived from the attribute registry ([`Attr`]):
//! what the Parquet writer declares and what `kgraph build --from-parquet` reads back.

use std::sync::Arc;

use parquet::basic::{LogicalType, Repetition, Type as PhysicalType};
use parquet::errors::Result;
use parquet::schema::types::Type;

use crate::model::{Attr, AttrType};

/// Version of the table schema, written as the `kgraph.schema_version` key-value metadata of
/// every file. Bumped whenever a column changes name or type, or a column is removed.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// The key of [`SCHEMA_VERSION`] in each file's key-value metadata.
pub(crate) const SCHEMA_VERSION_KEY: &str = "kgraph.schema_version";

/// The folder of the node table, and of the edge table.
pub(crate) const NODES: &str = "nodes";
pub(crate) const EDGES: &str = "edges";

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The node id, `kind:key`.
    Id,
    /// The edge's source node id.
    Src,
    /// The edge's target node id.
    Dst,
    /// The node kind or the edge relation.
    Kind,
    /// The node label.
    Label,
    /// An edge's occurrence count.
    Weight,
    /// A node attribute.
    Attr(Attr),
}

/// One column: its name, what it holds and its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Column {
    pub(crate) name: &'static str,
    pub(crate) role: Role,
    pub(crate) ty: AttrType,
    /// Whether every row has a value (only the node attributes are nullable).
    pub(crate) required: bool,
}

impl Column {
    fn required(name: &'static str, role: Role, ty: AttrType) -> Column {
        Column {
            name,
            role,
            ty,
            required: true,
        }
    }
}

/// `id`, `kind`, `label`, then every [`Attr`] in declaration order, typed as it declares.
pub(crate) fn node_columns() -> Vec<Column> {
    let fixed = [
        Column::required("id", Role::Id, AttrType::String),
        Column::required("kind", Role::Kind, AttrType::String),
        Column::required("label", Role::Label, AttrType::String),
    ];
    let attrs = Attr::ALL.into_iter().map(|attr| Column {
        name: attr.as_str(),
        role: Role::Attr(attr),
        ty: attr.ty(),
        required: false,
    });
    fixed.into_iter().chain(attrs).collect()
}

/// `src`, `dst`, `kind`, `weight`: the edge columns GraphFrames expects, and the relation and
/// its count (edges have no other attributes).
pub(crate) fn edge_columns() -> Vec<Column> {
    vec![
        Column::required("src", Role::Src, AttrType::String),
        Column::required("dst", Role::Dst, AttrType::String),
        Column::required("kind", Role::Kind, AttrType::String),
        Column::required("weight", Role::Weight, AttrType::Int),
    ]
}

/// The Parquet schema of a table: text as UTF-8 `BYTE_ARRAY`, integers as `INT64`, reals as
/// `DOUBLE`.
pub(crate) fn message_type(columns: &[Column]) -> Result<Type> {
    let fields = columns
        .iter()
        .map(|column| {
            let (physical, logical) = match column.ty {
                AttrType::String => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
                AttrType::Int => (PhysicalType::INT64, None),
                AttrType::Float => (PhysicalType::DOUBLE, None),
            };
            let repetition = if column.required {
                Repetition::REQUIRED
            } else {
                Repetition::OPTIONAL
            };
            Type::primitive_type_builder(column.name, physical)
                .with_repetition(repetition)
                .with_logical_type(logical)
                .build()
                .map(Arc::new)
        })
        .collect::<Result<Vec<_>>>()?;
    Type::group_type_builder("kgraph")
        .with_fields(fields)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_attribute_is_a_node_column_and_names_are_unique() {
        let nodes = node_columns();
        assert_eq!(nodes.len(), 3 + Attr::ALL.len());
        let mut names: Vec<&str> = nodes.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), nodes.len());
        let schema = message_type(&nodes).unwrap();
        assert_eq!(schema.get_fields().len(), nodes.len());
        assert_eq!(message_type(&edge_columns()).unwrap().get_fields().len(), 4);
    }
}
