//! The two scripts of the Neo4j folder: `import.sh` (neo4j-admin) and `schema.cypher`
//! (LadybugDB), both naming the files the folder holds.

use std::fmt::Write as _;

use super::{label, relationship_type, Plan, RelationshipTable};
use crate::model::AttrType;

/// The CSV options LadybugDB needs for RFC 4180 files (its default escape is a backslash).
const LADYBUG_CSV: &str = "header=true, quote='\"', escape='\"'";

/// `import.sh`: the `neo4j-admin database import full` command for every file.
pub(super) fn neo4j_admin(plan: &Plan) -> String {
    let mut script = format!(
        "#!/bin/sh\n\
         # Written by kgraph {}: loads this folder into a new Neo4j database with neo4j-admin.\n\
         # Usage: ./import.sh [DATABASE [MORE neo4j-admin OPTIONS…]]   (DATABASE: neo4j)\n\
         # Stop the database first; add --overwrite-destination to replace an existing one.\n\
         set -eu\n\
         cd \"$(dirname \"$0\")\"\n\
         database=${{1:-neo4j}}\n\
         if [ $# -gt 0 ]; then shift; fi\n\
         exec neo4j-admin database import full \"$database\" \\\n",
        env!("CARGO_PKG_VERSION")
    );
    let nodes = (plan.nodes.iter()).map(|t| ("nodes", label(t.kind), t.file()));
    let relationships = (plan.relationships.iter())
        .map(|t| ("relationships", relationship_type(t.relation), t.file()));
    for (option, name, file) in nodes.chain(relationships) {
        let _ = writeln!(script, "  --{option}={name}={file} \\");
    }
    script.push_str("  \"$@\"\n");
    script
}

/// `schema.cypher`: a node table per label, a relationship table per type (with one
/// `FROM … TO …` pair per pair of labels it joins), and a `COPY` per file.
pub(super) fn ladybug(plan: &Plan) -> String {
    let mut script = format!(
        "// Written by kgraph {}: creates LadybugDB (Kùzu) tables for this folder and loads its\n\
         // files. Run it from inside this folder: the COPY paths are relative.\n",
        env!("CARGO_PKG_VERSION")
    );
    for table in &plan.nodes {
        let mut columns = vec![
            "`id` STRING PRIMARY KEY".to_string(),
            "`label` STRING".into(),
        ];
        columns.extend(
            table
                .attrs
                .iter()
                .map(|a| format!("`{}` {}", a.as_str(), ladybug_type(a.ty()))),
        );
        let _ = writeln!(
            script,
            "CREATE NODE TABLE {}({});",
            label(table.kind),
            columns.join(", ")
        );
    }
    let types = relationship_types(&plan.relationships);
    for (name, tables) in &types {
        let pairs: Vec<String> = tables
            .iter()
            .map(|t| format!("FROM {} TO {}", label(t.from), label(t.to)))
            .collect();
        let _ = writeln!(
            script,
            "CREATE REL TABLE {name}({}, `weight` INT64);",
            pairs.join(", ")
        );
    }
    for table in &plan.nodes {
        let _ = writeln!(
            script,
            "COPY {} FROM '{}' ({LADYBUG_CSV});",
            label(table.kind),
            table.file()
        );
    }
    for (name, tables) in &types {
        for table in tables {
            let endpoints = if tables.len() > 1 {
                format!("from='{}', to='{}', ", label(table.from), label(table.to))
            } else {
                String::new()
            };
            let _ = writeln!(
                script,
                "COPY {name} FROM '{}' ({endpoints}{LADYBUG_CSV});",
                table.file()
            );
        }
    }
    script
}

/// The relationship tables grouped by type, types in name order.
fn relationship_types(tables: &[RelationshipTable]) -> Vec<(String, Vec<RelationshipTable>)> {
    let mut types: Vec<(String, Vec<RelationshipTable>)> = Vec::new();
    for table in tables {
        let name = relationship_type(table.relation);
        match types.iter_mut().find(|(n, _)| *n == name) {
            Some((_, group)) => group.push(*table),
            None => types.push((name, vec![*table])),
        }
    }
    types.sort_by(|a, b| a.0.cmp(&b.0));
    types
}

/// The LadybugDB column type of an attribute, matching its Neo4j import type.
fn ladybug_type(ty: AttrType) -> &'static str {
    match ty {
        AttrType::String => "STRING",
        AttrType::Int => "INT64",
        AttrType::Float => "DOUBLE",
    }
}
