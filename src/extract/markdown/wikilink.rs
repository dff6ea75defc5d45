//! Wikilinks as Obsidian, Foam and Dendron write them: `[[target#anchor|label]]`, `![[embed]]`.
//!
//! The parser finds them (`ENABLE_WIKILINKS`, never inside code); this reads their source. Which
//! side of a `|` names the note is left to resolution, which knows the notes: Obsidian and Foam
//! write `[[target|label]]`, Dendron `[[label|target]]`.

/// One wikilink, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WikiLink {
    /// The left side (the whole link when there is no `|`), without anchor or vault prefix.
    pub(crate) target: String,
    /// The right side of a `|`, cleaned the same way, when it names something.
    pub(crate) alternative: Option<String>,
    /// `![[…]]`: an embed (Obsidian) or note reference (Dendron).
    pub(crate) embed: bool,
}

/// Reads the wikilink whose source is `raw` (`[[…]]` or `![[…]]`).
///
/// `None` when it points into the note itself (`[[#Heading]]`, `[[label|#anchor]]`), names a
/// web address (`[[label|https://…]]`) or a Dendron wildcard (`![[notes.*]]`), or nothing.
pub(crate) fn parse_wikilink(raw: &str) -> Option<WikiLink> {
    let embed = raw.starts_with('!');
    let inner = raw
        .trim_start_matches('!')
        .strip_prefix("[[")?
        .strip_suffix("]]")?;
    let (left, right) = match inner.split_once('|') {
        // In a table the pipe is escaped: `[[Note\|label]]`.
        Some((left, right)) => (left.strip_suffix('\\').unwrap_or(left), Some(right)),
        None => (inner, None),
    };
    let sides = || [Some(left), right].into_iter().flatten();
    if sides().any(|side| {
        side.trim_start().starts_with('#') || side.contains("://") && !side.contains("dendron://")
    }) {
        return None;
    }
    Some(WikiLink {
        target: note_name(left)?,
        alternative: right.and_then(note_name),
        embed,
    })
}

/// The web address a wikilink names instead of a note (`[[label|https://…]]`, either side), and
/// the other side as its label.
pub(crate) fn web_address(raw: &str) -> Option<(&str, Option<&str>)> {
    let inner = raw
        .trim_start_matches('!')
        .strip_prefix("[[")?
        .strip_suffix("]]")?;
    let (left, right) = match inner.split_once('|') {
        Some((left, right)) => (
            left.strip_suffix('\\').unwrap_or(left).trim(),
            Some(right.trim()),
        ),
        None => (inner.trim(), None),
    };
    let is_web = |s: &str| {
        let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
        lower.starts_with("http://") || lower.starts_with("https://")
    };
    match right {
        Some(right) if is_web(right) => Some((right, Some(left).filter(|l| !l.is_empty()))),
        _ if is_web(left) => Some((left, right.filter(|r| !r.is_empty()))),
        _ => None,
    }
}

/// `dendron://vault/a.b#anchor` → `a.b`; `Note#^block` → `Note`; blank → `None`.
fn note_name(side: &str) -> Option<String> {
    let side = side.trim();
    let side = match side.strip_prefix("dendron://") {
        Some(rest) => rest.split_once('/').map_or("", |(_, note)| note),
        None => side,
    };
    let name = side.split('#').next().unwrap_or_default().trim();
    (!name.is_empty() && !name.contains('*')).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(target: &str, alternative: Option<&str>, embed: bool) -> Option<WikiLink> {
        Some(WikiLink {
            target: target.to_string(),
            alternative: alternative.map(str::to_string),
            embed,
        })
    }

    #[test]
    fn reads_every_form() {
        let cases = [
            ("[[Note]]", link("Note", None, false)),
            ("[[ Note B ]]", link("Note B", None, false)),
            (
                "[[Note|shown text]]",
                link("Note", Some("shown text"), false),
            ),
            ("[[Note#Heading]]", link("Note", None, false)),
            ("[[Note#^block-id]]", link("Note", None, false)),
            ("[[folder/Note]]", link("folder/Note", None, false)),
            (
                "[[Note\\|in a table]]",
                link("Note", Some("in a table"), false),
            ),
            ("![[Note]]", link("Note", None, true)),
            (
                "![[photo.png|100x145]]",
                link("photo.png", Some("100x145"), true),
            ),
            (
                "[[docs|dendron://dendron.site/a.b.c#anchor]]",
                link("docs", Some("a.b.c"), false),
            ),
            ("![[dendron://vault/a.b]]", link("a.b", None, true)),
            ("![[a.b#motivation,1:#*]]", link("a.b", None, true)),
            ("[[#Heading]]", None),
            ("[[#Heading|label]]", None),
            ("[[label|#anchor]]", None),
            ("[[ ]]", None),
            ("[[site|https://example.org/x]]", None),
            ("![[notes.*]]", None),
            ("[[dendron://vault]]", None),
            ("not a wikilink", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(parse_wikilink(raw), expected, "{raw}");
        }
    }

    #[test]
    fn finds_web_addresses() {
        let cases = [
            (
                "[[site|https://example.org/x]]",
                Some(("https://example.org/x", Some("site"))),
            ),
            (
                "[[HTTP://example.org|site]]",
                Some(("HTTP://example.org", Some("site"))),
            ),
            (
                "[[https://example.org]]",
                Some(("https://example.org", None)),
            ),
            ("[[docs|dendron://vault/a.b]]", None),
            ("[[Note]]", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(web_address(raw), expected, "{raw}");
        }
    }
}
