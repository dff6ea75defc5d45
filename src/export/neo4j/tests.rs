use super::*;
use crate::export::folder::MemoryFolder;
use crate::model::{AttrValue, Attrs, Edge};

fn node(kind: NodeKind, key: &str, label: &str, attrs: &[(Attr, AttrValue)]) -> Node {
    Node {
        id: crate::model::NodeId::new(kind, key),
        label: label.to_string(),
        attrs: attrs.iter().cloned().collect::<Attrs>(),
    }
}

/// A post and a topic that both cite a resource, with awkward text.
fn graph() -> KnowledgeGraph {
    let nodes = vec![
        node(
            NodeKind::Post,
            "a,b.md",
            "Line one\r\nline \"two\"\rthree\nfour",
            &[(Attr::Part, AttrValue::Int(2))],
        ),
        node(
            NodeKind::Topic,
            "t",
            "T",
            &[(Attr::Level, AttrValue::Int(1))],
        ),
        node(NodeKind::Resource, "https://e.com/x", "x", &[]),
    ];
    let cites = Edge {
        kind: EdgeKind::Cites,
        weight: 3,
    };
    KnowledgeGraph::from_parts(nodes, vec![(0, 2, cites), (1, 2, cites)])
}

fn files() -> MemoryFolder {
    let mut folder = MemoryFolder::default();
    Neo4jExporter
        .write(&graph(), &ExportOptions::default(), &mut folder)
        .unwrap();
    folder
}

fn text(folder: &MemoryFolder, name: &str) -> String {
    String::from_utf8(folder.files[name].clone()).unwrap()
}

#[test]
fn one_file_per_label_and_per_type_and_label_pair() {
    let folder = files();
    let names: Vec<&str> = folder.files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "import.sh",
            "nodes/Post.csv",
            "nodes/Resource.csv",
            "nodes/Topic.csv",
            "relationships/CITES.Post.Resource.csv",
            "relationships/CITES.Topic.Resource.csv",
            "schema.cypher",
        ]
    );
    assert_eq!(folder.executable, ["import.sh"]);
}

#[test]
fn text_is_quoted_on_one_line_and_headers_are_typed() {
    let folder = files();
    assert_eq!(
        text(&folder, "nodes/Post.csv"),
        "id:ID,label:string,part:long\n\
         \"post:a,b.md\",\"Line one line \"\"two\"\" three four\",2\n"
    );
    assert_eq!(
        text(&folder, "nodes/Resource.csv"),
        "id:ID,label:string,url:string\nresource:https://e.com/x,x,https://e.com/x\n"
    );
    assert_eq!(
        text(&folder, "relationships/CITES.Topic.Resource.csv"),
        ":START_ID,:END_ID,weight:long\ntopic:t,resource:https://e.com/x,3\n"
    );
}

#[test]
fn the_scripts_name_every_file_and_group_a_type_s_label_pairs() {
    let folder = files();
    let import = text(&folder, "import.sh");
    assert!(import.contains("neo4j-admin database import full \"$database\""));
    assert!(import.contains("--nodes=Post=nodes/Post.csv \\\n"));
    assert!(import.contains("--relationships=CITES=relationships/CITES.Topic.Resource.csv \\\n"));
    let schema = text(&folder, "schema.cypher");
    assert!(schema.contains(
        "CREATE NODE TABLE Post(`id` STRING PRIMARY KEY, `label` STRING, `part` INT64);"
    ));
    assert!(schema.contains(
        "CREATE REL TABLE CITES(FROM Post TO Resource, FROM Topic TO Resource, `weight` INT64);"
    ));
    assert!(schema.contains(
        "COPY CITES FROM 'relationships/CITES.Post.Resource.csv' (from='Post', to='Resource', \
         header=true, quote='\"', escape='\"');"
    ));
}
