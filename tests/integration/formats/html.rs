//! The HTML viewer export: the graph data it inlines (against its expected output), the page
//! around it, and that no label can end its `<script>` early. A kgraph built without the viewer
//! must say how to get it instead.

use std::collections::BTreeMap;

use crate::common::to_bytes;
use kgraph::Format;

use crate::common::hostile_graph::{assert_golden, hostile_graph, hostile_options, viewer_built};

const DATA_ELEMENT: &str = "<script type=\"application/json\" id=\"kgraph-data\">\n";

/// The graph data a page inlines: the text of its `kgraph-data` element.
pub fn data_block(page: &str) -> &str {
    let start = page.find(DATA_ELEMENT).expect("the data element") + DATA_ELEMENT.len();
    let end = start + page[start..].find("</script>").unwrap();
    &page[start..end]
}

/// Checks that the page has just its two `<script>` elements (no label opened or closed one) and
/// that its data keeps every id and label exactly: `want` is real id → label.
pub fn assert_data_keeps_labels(page: &str, want: &BTreeMap<String, String>) {
    let lower = page.to_ascii_lowercase();
    assert_eq!(
        lower.matches("</script").count(),
        2,
        "a label closed a <script>"
    );
    assert_eq!(
        lower.matches("<script").count(),
        2,
        "a label opened a <script>"
    );
    let data: serde_json::Value = serde_json::from_str(data_block(page)).expect("the data parses");
    let column = |name: &str| -> Vec<String> {
        data["nodes"][name]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let got: BTreeMap<String, String> = column("id").into_iter().zip(column("label")).collect();
    assert_eq!(&got, want, "HTML viewer data");
}

/// The HTML page of the hostile graph, or the error of a kgraph without the viewer.
fn page() -> std::io::Result<String> {
    let bytes = to_bytes(&hostile_graph(), Format::Html, &hostile_options())?;
    Ok(String::from_utf8(bytes).expect("UTF-8"))
}

#[test]
fn viewer_data_matches_golden() {
    if !viewer_built() {
        eprintln!("note: kgraph was built without the HTML viewer; skipping its data");
        return;
    }
    assert_golden("graph.viewer.json", data_block(&page().unwrap()).as_bytes());
}

#[test]
fn html_inlines_the_viewer_data_or_says_how_to_get_the_viewer() {
    let page = match page() {
        Ok(page) => page,
        Err(err) => {
            assert!(!viewer_built(), "{err}");
            let message = err.to_string();
            assert!(
                message
                    .starts_with("this kgraph was built without the HTML viewer: install Node.js"),
                "{message}"
            );
            return;
        }
    };
    assert!(page.starts_with("<!doctype html>\n"));
    let graph = hostile_graph();
    let labels = graph
        .nodes()
        .map(|(_, n)| (n.id.to_string(), n.label.clone()))
        .collect();
    assert_data_keeps_labels(&page, &labels);
    // One comment (the notices) opens and closes.
    assert_eq!(page.matches("<!--").count(), 1);
    assert_eq!(page.matches("-->").count(), 1);
    for notice in ["sigma", "graphology", "Permission is hereby granted"] {
        assert!(
            page.contains(notice),
            "the page keeps the notice {notice:?}"
        );
    }
    assert!(
        !page.contains("src=\"http") && !page.contains("href=\"http"),
        "nothing is loaded from the network"
    );
}
