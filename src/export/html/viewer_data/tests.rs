//! Unit tests of the viewer's data.

use super::*;
use crate::export::bare_node as node;
use crate::model::Edge;

fn data(graph: &KnowledgeGraph) -> String {
    let mut out = Vec::new();
    write_viewer_data(graph, &ExportOptions::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn data_escapes_every_angle_bracket_and_parses() {
    let a = node(NodeKind::Topic, "</script><!--", "</SCRIPT> <!-- x");
    let b = node(NodeKind::Post, "p", "P");
    let edge = Edge {
        kind: EdgeKind::HasTopic,
        weight: 2,
    };
    let g = KnowledgeGraph::from_parts(vec![a, b], vec![(1, 0, edge)]);
    let text = data(&g);
    assert!(!text.contains('<'), "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["nodes"]["label"][1], "</SCRIPT> <!-- x");
    assert_eq!(v["nodes"]["id"][0], "post:p");
    assert_eq!(v["edges"]["source"][0], 0);
    assert_eq!(v["edges"]["target"][0], 1);
    assert_eq!(v["edges"]["kind"][0], 0);
    assert_eq!(v["edges"]["weight"][0], 2);
    assert_eq!(v["nodes"]["size"][0], 13.47);
    assert!(v["nodes"].get("x").is_none());
    assert!(v.get("palette").is_none());
}

#[test]
fn empty_graph_data_is_valid() {
    let v: Value = serde_json::from_str(&data(&KnowledgeGraph::default())).unwrap();
    assert_eq!(v["nodes"]["id"], serde_json::json!([]));
    assert_eq!(v["kinds"].as_array().unwrap().len(), NodeKind::ALL.len());
}

fn layout(pairs: &[(&str, AttrValue)]) -> Layout {
    Layout::read(pairs.iter().map(|(n, v)| (*n, v)))
}

#[test]
fn layout_attributes_are_read_by_name() {
    use AttrValue::{Float, Int};
    let l = layout(&[
        ("x", Float(1.5)),
        ("y", Int(-2)),
        ("pagerank", Float(0.25)),
        ("community", Int(7)),
        ("degree", Int(3)),
    ]);
    assert_eq!(
        l,
        Layout {
            x: Some(1.5),
            y: Some(-2.0),
            community: Some(7)
        }
    );
    let bad = layout(&[
        ("x", Float(f64::NAN)),
        ("y", AttrValue::text("1")),
        ("community", Float(1.0)),
    ]);
    assert_eq!(bad, Layout::default());
}

#[test]
fn positions_need_every_node() {
    let a = layout(&[("x", AttrValue::Float(1.0)), ("y", AttrValue::Float(2.0))]);
    let b = layout(&[("x", AttrValue::Float(3.0))]);
    assert_eq!(positions(&[a, a]), Some((vec![1.0, 1.0], vec![2.0, 2.0])));
    assert_eq!(positions(&[a, b]), None);
    assert_eq!(positions(&[]), None);
}

#[test]
fn sizes_and_first_colouring_follow_the_export_options() {
    let mut a = node(NodeKind::Topic, "a", "A");
    a.attrs
        .insert(crate::model::Attr::Pagerank, AttrValue::Float(0.9));
    let mut b = node(NodeKind::Topic, "b", "B");
    b.attrs
        .insert(crate::model::Attr::Pagerank, AttrValue::Float(0.1));
    let g = KnowledgeGraph::from_parts(vec![a, b], Vec::new());
    let options = ExportOptions {
        size_by: crate::export::SizeBy::Pagerank,
        color_by: ColorBy::Community,
        ..ExportOptions::default()
    };
    let mut out = Vec::new();
    write_viewer_data(&g, &options, &mut out).unwrap();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["colorBy"], "community");
    let want: Vec<f64> = (0..2)
        .map(|i| {
            fixed(display_size(&g, i, crate::export::SizeBy::Pagerank), 2)
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(v["nodes"]["size"], serde_json::json!(want));
    let plain: Value = serde_json::from_str(&data(&g)).unwrap();
    assert_eq!(plain["colorBy"], "kind");
    assert_eq!(plain["nodes"]["size"], serde_json::json!([10, 10]));
}

#[test]
fn communities_get_the_shared_palette_and_nodes_without_one_grey() {
    let c = |id: i64| layout(&[("community", AttrValue::Int(id))]);
    let mut nodes: Vec<Layout> = (0..22).map(c).collect();
    nodes.extend([c(5), Layout::default()]);
    let (palette, colors) = community_colors(&nodes).unwrap();
    // 20 colours, cycling (communities 20 and 21 share 0's and 1's), then grey.
    assert_eq!(palette.len(), 21);
    assert_eq!(palette[colors[0]], hex(community_rgb(0)));
    assert_eq!(colors[20], colors[0]);
    assert_eq!(colors[21], colors[1]);
    assert_eq!(colors[22], colors[5]);
    assert_eq!(palette[colors[23]], OTHER_COMMUNITY, "no community: grey");
    assert!(community_colors(&[Layout::default()]).is_none());
}

#[test]
fn numbers_are_short() {
    assert_eq!(fixed(1.5, 2), "1.5");
    assert_eq!(fixed(-0.001, 2), "0");
    assert_eq!(fixed(12.0, 3), "12");
    assert_eq!(fixed(1234.56789, 1), "1234.6");
    assert_eq!(coordinate_decimals(1234.0), 1);
    assert_eq!(coordinate_decimals(0.5), 5);
    assert_eq!(six_digits(0.000123456789), 0.000123457);
}
