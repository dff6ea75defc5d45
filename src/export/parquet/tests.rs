use super::*;
use crate::export::folder::MemoryFolder;

fn write(graph: &KnowledgeGraph) -> MemoryFolder {
    let mut folder = MemoryFolder::default();
    ParquetExporter
        .write(graph, &ExportOptions::default(), &mut folder)
        .unwrap();
    folder
}

#[test]
fn two_tables_whose_bytes_depend_on_the_graph_alone() {
    let graph = crate::metrics::tests::graph_of(3, &[(0, 1, 2), (1, 2, 1)]);
    let folder = write(&graph);
    let names: Vec<&str> = folder.files.keys().map(String::as_str).collect();
    assert_eq!(names, ["edges/part-0.parquet", "nodes/part-0.parquet"]);
    for bytes in folder.files.values() {
        assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
        let key = SCHEMA_VERSION_KEY.as_bytes();
        assert!(bytes.windows(key.len()).any(|w| w == key));
    }
    assert_eq!(write(&graph).files, folder.files);
    let empty = write(&KnowledgeGraph::default());
    assert_eq!(empty.files.len(), 2);
}
