//! HTML export: one self-contained interactive viewer (sigma.js + graphology, WebGL).
//!
//! The file opens from disk with the network off: the stylesheet, the graph and the viewer's
//! JavaScript are all inline, and a Content-Security-Policy forbids every request. The viewer
//! (`viewer/` in the source tree: our code, bundled with sigma.js and graphology from the npm
//! registry by `build.rs`) has search with autocomplete, a legend that filters by kind and
//! names the largest communities by their `community_label`,
//! neighbour highlighting on hover and a side panel for the clicked node.
//!
//! A kgraph built without Node.js has no bundle; this exporter then fails with
//! `VIEWER_MISSING` and the other outputs of the run are still written.
//!
//! # Format
//!
//! ```text
//! <!doctype html>
//! <html> <head> … <title>NAME</title>
//! <!-- notices: kgraph, then the licence of every bundled npm package -->
//! <style>the viewer's CSS</style> </head>
//! <body><div id="kgraph-app"></div>
//! <script type="application/json" id="kgraph-data">DATA</script>
//! <script>the viewer bundle</script></body></html>
//! ```
//!
//! DATA is one JSON object, written by [`write_viewer_data`] (its format is described in
//! [`viewer_data`]); every `<` in it is written `\u003c`, so no label can close the script element
//! or open a comment.

mod viewer_data;

use std::io::{self, Write};

use super::{ExportOptions, Exporter};
use crate::model::KnowledgeGraph;

pub(crate) use viewer_data::write_viewer_data;

/// Why `-o graph.html` fails in a kgraph built without the viewer.
#[cfg(not(kgraph_viewer))]
const VIEWER_MISSING: &str = "this kgraph was built without the HTML viewer: install Node.js \
     ≥ 20 and npm, then rebuild (cargo build --release)";

/// The bundle built by `build.rs` from `viewer/`.
#[cfg(kgraph_viewer)]
mod bundle {
    pub(crate) const JS: &str = include_str!(concat!(env!("OUT_DIR"), "/viewer.js"));
    pub(crate) const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/viewer.css"));
    pub(crate) const NOTICES: &str = include_str!(concat!(env!("OUT_DIR"), "/NOTICES.txt"));
}

/// Writes the self-contained HTML viewer.
pub(crate) struct HtmlExporter;

impl Exporter for HtmlExporter {
    #[cfg(kgraph_viewer)]
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        write_page(
            graph,
            options,
            bundle::JS,
            bundle::CSS,
            bundle::NOTICES,
            out,
        )
    }

    #[cfg(not(kgraph_viewer))]
    fn write(
        &self,
        _graph: &KnowledgeGraph,
        _options: &ExportOptions,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        Err(io::Error::new(io::ErrorKind::Unsupported, VIEWER_MISSING))
    }
}

/// The generator string written into the page and its data.
const GENERATOR: &str = concat!("kgraph ", env!("CARGO_PKG_VERSION"));

/// Writes the page around `js`, `css` and `notices`.
#[cfg_attr(not(kgraph_viewer), allow(dead_code))]
fn write_page(
    graph: &KnowledgeGraph,
    options: &ExportOptions,
    js: &str,
    css: &str,
    notices: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let title = html_text(&options.name);
    write!(
        out,
        "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:\">\n\
         <meta name=\"generator\" content=\"{GENERATOR}\">\n<title>{title}</title>\n<!--\n"
    )?;
    let header =
        format!("Knowledge graph viewer written by {GENERATOR} (MIT OR Apache-2.0).\n{notices}");
    out.write_all(comment_text(&header).as_bytes())?;
    out.write_all(b"\n-->\n<style>\n")?;
    out.write_all(escape_raw_text(css.trim_end(), "style").as_bytes())?;
    out.write_all(
        b"\n</style>\n</head>\n<body>\n<div id=\"kgraph-app\"></div>\n\
          <noscript>This graph viewer needs JavaScript.</noscript>\n\
          <script type=\"application/json\" id=\"kgraph-data\">\n",
    )?;
    write_viewer_data(graph, options, out)?;
    out.write_all(b"</script>\n<script>\n")?;
    out.write_all(escape_raw_text(js.trim_end(), "script").as_bytes())?;
    out.write_all(b"\n</script>\n</body>\n</html>\n")
}
/// Text for an HTML element: `& < > "` as entities.
fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text that cannot end or nest an HTML comment: every `--` loses its second hyphen's meaning.
fn comment_text(s: &str) -> String {
    let mut out = s.replace("<!", "< !");
    while out.contains("--") {
        out = out.replace("--", "- -");
    }
    out
}

/// The contents of a `<script>` or `<style>` element that cannot end it early: `</tag` (any case)
/// and `<!--` get their `<` written `\x3C` (a JavaScript string escape; bundles only hold these
/// sequences inside string literals). For CSS, `\3C ` is used instead.
fn escape_raw_text(s: &str, tag: &str) -> String {
    let escape = if tag == "style" { "\\3C " } else { "\\x3C" };
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let closes = after.len() > tag.len()
            && after.as_bytes()[0] == b'/'
            && after.as_bytes()[1..=tag.len()].eq_ignore_ascii_case(tag.as_bytes());
        if closes || after.starts_with("!--") {
            out.push_str(escape);
        } else {
            out.push('<');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::bare_node as node;
    use crate::model::{Attr, AttrValue, NodeKind};
    use serde_json::Value;

    #[test]
    fn raw_text_cannot_end_its_element() {
        assert_eq!(
            escape_raw_text("a=\"</Script>\";b='<!--'<c", "script"),
            "a=\"\\x3C/Script>\";b='\\x3C!--'<c"
        );
        assert_eq!(escape_raw_text("</scrip", "script"), "</scrip");
        assert_eq!(escape_raw_text("x</style>", "style"), "x\\3C /style>");
        assert_eq!(
            comment_text("a --> b <!-- c ---"),
            "a - -> b < !- - c - - -"
        );
        assert!(!comment_text("---->").contains("--"));
        assert_eq!(html_text("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;");
    }

    #[test]
    fn the_page_wraps_the_bundle_and_the_data() {
        let mut a = node(NodeKind::Resource, "https://e.com/", "E </script>");
        a.attrs.insert(Attr::Url, AttrValue::text("https://e.com/"));
        let g = KnowledgeGraph::from_parts(vec![a], vec![]);
        let mut out = Vec::new();
        let options = ExportOptions {
            name: "a <b> --> c".to_string(),
            ..ExportOptions::default()
        };
        write_page(
            &g,
            &options,
            "s('</script>')",
            "p{}",
            "X 1.0 (MIT)\n--",
            &mut out,
        )
        .unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(page.starts_with("<!doctype html>\n"));
        assert!(page.contains("<title>a &lt;b&gt; --&gt; c</title>"));
        assert_eq!(page.matches("</script>").count(), 2, "{page}");
        // `-->` in the data is harmless: no `<!--` can precede it there.
        assert_eq!(page.matches("<!--").count(), 1, "{page}");
        assert!(page.contains("\"a \\u003cb> --> c\""), "{page}");
        assert!(page.contains("X 1.0 (MIT)"));
        assert!(page.contains("s('\\x3C/script>')"));
        let start = page.find("id=\"kgraph-data\">\n").unwrap() + 18;
        let end = start + page[start..].find("</script>").unwrap();
        let v: Value = serde_json::from_str(&page[start..end]).unwrap();
        assert_eq!(v["nodes"]["label"][0], "E </script>");
        assert_eq!(v["nodes"]["attrs"][0]["url"], "https://e.com/");
    }
}
