//! XML escaping shared by GraphML and GEXF.
//!
//! Two escapers, one per place a string can land in an XML document:
//!
//! - [`escape_text`] for element content: `&` `<` `>` become entities, CR becomes `&#13;`
//!   because XML parsers turn a literal CR or CRLF into LF, and LF becomes `&#10;` so that an
//!   element holding a multi-line label still takes one line of the file.
//! - [`escape_attr`] for a double-quoted attribute value: `&` `<` `>` `"` `'` become entities,
//!   and tab, LF and CR become `&#9;` `&#10;` `&#13;` because attribute-value normalisation
//!   would otherwise turn them into spaces.
//!
//! Both drop the code points XML 1.0 forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F,
//! U+FFFE, U+FFFF): a single one makes xmllint, NetworkX and igraph reject the whole file, and
//! no escape can carry it. Unpaired surrogates cannot occur in a Rust string. Everything else —
//! leading and trailing spaces, CJK, emoji, bidi marks — passes through untouched.
//!
//! Both return the input borrowed when it needs no change, which is the common case.
//!
//! Two helpers for formats that carry text with stricter rules than XML's:
//!
//! - [`token`] gives a string the value an `xsd:token` reader sees (GEXF labels): forbidden code
//!   points dropped, runs of space, tab, CR and LF made one space, none at either end.
//! - [`NodeIds`] gives every node its real id (`kind:key`) without the forbidden code points,
//!   made unique again in the rare case that dropping them makes two ids equal (GEXF, CSV).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::model::KnowledgeGraph;
use crate::text::{is_xml_char, starts_xml_noncharacter};

/// The XML declaration every XML export starts with.
pub(crate) const DECLARATION: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// What to write for `c` in element content: `None` to copy it, `Some("")` to drop it.
fn text_replacement(c: char) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '\n' => Some("&#10;"),
        '\r' => Some("&#13;"),
        c if !is_xml_char(c) => Some(""),
        _ => None,
    }
}

/// What to write for `c` in a double-quoted attribute value: `None` to copy it, `Some("")` to drop it.
fn attr_replacement(c: char) -> Option<&'static str> {
    match c {
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        '\t' => Some("&#9;"),
        c => text_replacement(c),
    }
}

/// Whether byte `b` of a UTF-8 string may start a character that [`attr_replacement`] (and so
/// also [`text_replacement`]) changes: markup, a C0 control, or the lead byte `EF` of
/// U+FFFE/U+FFFF, which [`starts_xml_noncharacter`] then tells from the other U+Fxxx (among them
/// the full-width punctuation of Chinese text). Only ASCII bytes and a lead byte match, so a
/// match is always the start of a character.
fn may_need_escape(b: u8) -> bool {
    matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xEF) || b < 0x20
}

/// Applies `replacement` to every character, borrowing `s` when nothing changes.
fn escape_with(s: &str, replacement: fn(char) -> Option<&'static str>) -> Cow<'_, str> {
    // A byte scan: almost every string needs no change, and decoding every character is slow.
    let bytes = s.as_bytes();
    let mut out: Option<String> = None;
    let (mut copied, mut from) = (0, 0);
    while let Some(offset) = bytes[from..].iter().position(|&b| may_need_escape(b)) {
        let at = from + offset;
        from = at + 1;
        if bytes[at] == 0xEF && !starts_xml_noncharacter(bytes, at) {
            continue;
        }
        let Some(c) = s[at..].chars().next() else {
            break;
        };
        if let Some(r) = replacement(c) {
            let out = out.get_or_insert_with(|| String::with_capacity(s.len() + 16));
            out.push_str(&s[copied..at]);
            out.push_str(r);
            copied = at + c.len_utf8();
        }
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut out) => {
            out.push_str(&s[copied..]);
            Cow::Owned(out)
        }
    }
}

/// Escapes `s` for XML element content, dropping characters XML cannot hold.
pub(crate) fn escape_text(s: &str) -> Cow<'_, str> {
    escape_with(s, text_replacement)
}

/// Escapes `s` for a double-quoted XML attribute value, dropping characters XML cannot hold.
pub(crate) fn escape_attr(s: &str) -> Cow<'_, str> {
    escape_with(s, attr_replacement)
}

/// Whether `c` is XML whitespace, the set `xsd:token` collapses.
fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// `s` as an `xsd:token` reader sees it, without the characters XML forbids.
///
/// Forbidden code points are dropped first, then every run of XML whitespace becomes one space
/// and leading and trailing whitespace goes. Other spaces (U+00A0, U+3000, …) are kept.
pub(crate) fn token(s: &str) -> Cow<'_, str> {
    let clean = !s.starts_with(is_xml_space)
        && !s.ends_with(is_xml_space)
        && !s.contains(['\t', '\n', '\r'])
        && !s.contains("  ")
        && s.chars().all(is_xml_char);
    if clean {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars().filter(|&c| is_xml_char(c)) {
        if is_xml_space(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Every node's real id (`kind:key`) by position, without the code points XML forbids.
///
/// Real ids are unique, but dropping characters can make two equal (`a\u{7}b` and `ab`): an id
/// that lost characters and then clashes gets `~1`, `~2`, … appended, the first free one in node
/// order, so ids stay unique and deterministic. Ids that lost nothing are never changed.
///
/// Only the changed ids are stored (ids made by `NodeId::new` never are: it drops those code
/// points itself); the others are read from the graph, so a million-node export holds no copy.
pub(crate) struct NodeIds<'g> {
    graph: &'g KnowledgeGraph,
    renamed: HashMap<usize, String>,
}

impl<'g> NodeIds<'g> {
    /// The ids of every node of `graph`.
    pub(crate) fn new(graph: &'g KnowledgeGraph) -> Self {
        let lost: Vec<usize> = graph
            .nodes()
            .filter(|(_, node)| !node.id.key.chars().all(is_xml_char))
            .map(|(i, _)| i)
            .collect();
        let mut renamed = HashMap::new();
        if !lost.is_empty() {
            let mut taken: HashSet<String> = graph
                .nodes()
                .filter(|(i, _)| lost.binary_search(i).is_err())
                .map(|(_, node)| node.id.to_string())
                .collect();
            for i in lost {
                let id: String = graph
                    .node(i)
                    .id
                    .to_string()
                    .chars()
                    .filter(|&c| is_xml_char(c))
                    .collect();
                let mut candidate = id.clone();
                let mut n = 0;
                while taken.contains(&candidate) {
                    n += 1;
                    candidate = format!("{id}~{n}");
                }
                taken.insert(candidate.clone());
                renamed.insert(i, candidate);
            }
        }
        NodeIds { graph, renamed }
    }

    /// The id of node `i` in pieces to write one after the other: `[kind, ":", key]`, or the
    /// changed id in one piece. Only the last piece can need escaping.
    pub(crate) fn pieces(&self, i: usize) -> [&str; 3] {
        match self.renamed.get(&i) {
            Some(id) => ["", "", id],
            None => {
                let id = &self.graph.node(i).id;
                [id.kind.as_str(), ":", &id.key]
            }
        }
    }

    /// The id of node `i` as one string.
    pub(crate) fn joined(&self, i: usize) -> String {
        self.pieces(i).concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeId, NodeKind};

    #[test]
    fn plain_strings_are_borrowed() {
        for s in [
            "",
            "abc",
            "多模态 细粒度",
            "🧠 brain",
            "  spaces  ",
            "a\u{200F}b",
        ] {
            assert!(matches!(escape_text(s), Cow::Borrowed(_)), "{s:?}");
            assert!(matches!(escape_attr(s), Cow::Borrowed(_)), "{s:?}");
        }
        // Tab is fine in content, and quotes need no escape there.
        assert!(matches!(escape_text("a\tb \"'"), Cow::Borrowed(_)));
    }

    #[test]
    fn text_escapes_markup_and_cr() {
        let cases = [
            ("a & b", "a &amp; b"),
            ("<tag>", "&lt;tag&gt;"),
            ("]]>", "]]&gt;"),
            ("&amp;", "&amp;amp;"),
            ("say \"hi\" 'x'", "say \"hi\" 'x'"),
            ("line1\nline2", "line1&#10;line2"),
            ("crlf\r\nend", "crlf&#13;&#10;end"),
            ("tab\there", "tab\there"),
            ("trailing\\", "trailing\\"),
            (" outer ", " outer "),
        ];
        for (input, want) in cases {
            assert_eq!(escape_text(input), want, "{input:?}");
        }
    }

    #[test]
    fn attr_escapes_quotes_and_whitespace_controls() {
        let cases = [
            ("a & b", "a &amp; b"),
            ("<x>", "&lt;x&gt;"),
            ("\"q\" 'a'", "&quot;q&quot; &apos;a&apos;"),
            ("t\tl\nr\r", "t&#9;l&#10;r&#13;"),
            ("https://x.org/?a=b&c=d#x", "https://x.org/?a=b&amp;c=d#x"),
            (" outer ", " outer "),
            ("back\\slash\\", "back\\slash\\"),
        ];
        for (input, want) in cases {
            assert_eq!(escape_attr(input), want, "{input:?}");
        }
    }

    #[test]
    fn forbidden_code_points_are_dropped() {
        for c in (0u32..0x20)
            .chain([0xFFFE, 0xFFFF])
            .filter_map(char::from_u32)
            .filter(|&c| !is_xml_char(c))
        {
            let s = format!("a{c}b");
            assert_eq!(escape_text(&s), "ab", "{c:?}");
            assert_eq!(escape_attr(&s), "ab", "{c:?}");
        }
        assert_eq!(escape_text("\u{7}bell & \u{FFFE}"), "bell &amp; ");
    }

    #[test]
    fn allowed_edge_code_points_are_kept() {
        assert_eq!(escape_text("多模态🧠\u{200F}"), "多模态🧠\u{200F}");
        assert_eq!(escape_attr("贝叶斯 & 🧠"), "贝叶斯 &amp; 🧠");
    }

    #[test]
    fn full_width_punctuation_is_kept_beside_forbidden_neighbours() {
        // U+FF0C and U+FFFD share the lead byte of U+FFFE and U+FFFF.
        assert!(matches!(
            escape_text("细粒度，多模态：（贝叶斯）\u{FFFD}"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            escape_attr("，\u{FFFF}\u{FFFE}＜&\u{FFEE}"),
            "，＜&amp;\u{FFEE}"
        );
        assert_eq!(escape_text("\u{FFFE}"), "");
    }

    #[test]
    fn token_collapses_xml_whitespace_only() {
        let cases = [
            ("plain", "plain"),
            ("", ""),
            (
                "  细粒度 分类\r\nline two\ttab  ",
                "细粒度 分类 line two tab",
            ),
            ("a \u{7} b", "a b"),
            ("\n\n", ""),
            ("keep\u{A0}nbsp\u{3000}ideo", "keep\u{A0}nbsp\u{3000}ideo"),
            ("x  y", "x y"),
            ("<&\"'>", "<&\"'>"),
        ];
        for (input, want) in cases {
            assert_eq!(token(input), want, "{input:?}");
        }
        assert!(matches!(token("多模态 🧠"), Cow::Borrowed(_)));
    }

    #[test]
    fn node_ids_drop_forbidden_characters_and_stay_unique() {
        // `NodeId::new` drops these characters; a literal can still hold them.
        let node = |key: &str| Node {
            id: NodeId {
                kind: NodeKind::Keyword,
                key: key.to_string(),
            },
            label: String::new(),
            attrs: Default::default(),
        };
        let keys = ["ab", "a\u{7}b", "a\u{8}b", "ab~1~1", "a\u{1}b~1", "🧠"];
        let graph = KnowledgeGraph::from_parts(keys.iter().map(|k| node(k)).collect(), vec![]);
        let node_ids = NodeIds::new(&graph);
        let ids: Vec<String> = (0..graph.node_count())
            .map(|i| node_ids.joined(i))
            .collect();
        let by_key: Vec<(String, String)> = graph
            .nodes()
            .map(|(i, n)| (n.id.key.clone(), ids[i].clone()))
            .collect();
        let find = |key: &str| &by_key.iter().find(|(k, _)| k == key).unwrap().1;
        assert_eq!(find("ab"), "keyword:ab");
        assert_eq!(find("ab~1~1"), "keyword:ab~1~1");
        assert_eq!(find("🧠"), "keyword:🧠");
        let mut all = ids.clone();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), ids.len(), "{ids:?}");
        assert!(ids.iter().all(|id| id.chars().all(is_xml_char)));
        assert!(ids
            .iter()
            .all(|id| id.starts_with("keyword:a") || id == "keyword:🧠"));
    }
}
