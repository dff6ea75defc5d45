//! The paths links name: percent-decoding, joining a relative link to the linking file's folder
//! (and telling when it leaves the input folder), page file names, and attachments.

use std::borrow::Cow;

/// `target` with `%XX` escapes decoded (`Note%20B.md` → `Note B.md`); invalid UTF-8 is replaced.
pub(crate) fn percent_decoded(target: &str) -> Cow<'_, str> {
    if !target.contains('%') {
        return Cow::Borrowed(target);
    }
    percent_encoding::percent_decode_str(target).decode_utf8_lossy()
}

/// `target` without its `?query` and `#fragment`, trimmed.
pub(crate) fn without_fragment(target: &str) -> &str {
    target.split(['#', '?']).next().unwrap_or_default().trim()
}

/// Where a relative link leads, from the post at `from_path` (relative to its input folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Joined {
    /// A path inside the input folder, '/'-separated, without `.` and `..`.
    Inside(String),
    /// A path that leaves the input folder: as many `../` as it climbs above it, then the rest.
    Outside(String),
}

/// `target` resolved against the folder of `from_path`. A leading `/` is not special here.
pub(crate) fn join(from_path: &str, target: &str) -> Joined {
    let mut parts: Vec<&str> = from_path.split('/').collect();
    parts.pop();
    let mut above = 0usize;
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    above += 1;
                }
            }
            s => parts.push(s),
        }
    }
    if above == 0 {
        Joined::Inside(parts.join("/"))
    } else {
        Joined::Outside(format!("{}{}", "../".repeat(above), parts.join("/")))
    }
}

/// `name` without a `.md`, `.markdown`, `.html` or `.htm` extension (ASCII case ignored).
pub(crate) fn strip_page_extension(name: &str) -> &str {
    strip_extension(name, &[".markdown", ".html", ".htm", ".md"])
}

/// `name` without a `.md` or `.markdown` extension (ASCII case ignored): a note's name, where
/// `.html` is part of the name (Dendron's `pod.builtin.html`).
pub(crate) fn strip_markdown_extension(name: &str) -> &str {
    strip_extension(name, &[".markdown", ".md"])
}

fn strip_extension<'a>(name: &'a str, extensions: &[&str]) -> &'a str {
    for ext in extensions {
        let cut = name.len().saturating_sub(ext.len());
        if name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(ext) {
            return &name[..cut];
        }
    }
    name
}

/// Whether `name` ends in the extension of a file that is no note: an image, audio, video,
/// document, archive or data file (`photo.png`, `paper.pdf`, `board.canvas`).
///
/// Dendron's dotted note names (`dendron.topic.pods`) have "extensions" too, so only known ones
/// count.
pub(crate) fn is_attachment(name: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        "png",
        "jpg",
        "jpeg",
        "gif",
        "svg",
        "webp",
        "bmp",
        "ico",
        "tif",
        "tiff",
        "avif",
        "heic",
        "mp3",
        "wav",
        "ogg",
        "m4a",
        "flac",
        "aac",
        "mp4",
        "webm",
        "mov",
        "mkv",
        "avi",
        "ogv",
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "odt",
        "ods",
        "odp",
        "epub",
        "zip",
        "gz",
        "tgz",
        "tar",
        "7z",
        "rar",
        "csv",
        "tsv",
        "json",
        "yaml",
        "yml",
        "toml",
        "xml",
        "txt",
        "canvas",
        "excalidraw",
        "drawio",
    ];
    let file = name.rsplit('/').next().unwrap_or(name);
    file.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_targets() {
        let inside = |s: &str| Joined::Inside(s.to_string());
        let outside = |s: &str| Joined::Outside(s.to_string());
        assert_eq!(join("a/b.md", "c.md"), inside("a/c.md"));
        assert_eq!(join("a/b.md", "./c.md"), inside("a/c.md"));
        assert_eq!(join("a/b/c.md", "../../d.md"), inside("d.md"));
        assert_eq!(
            join("ch01.md", "../std/io/index.html"),
            outside("../std/io/index.html")
        );
        assert_eq!(join("a/b.md", "../../x/y.md"), outside("../x/y.md"));
        assert_eq!(join("a/b.md", "/x.md"), inside("a/x.md"));
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decoded("Other%20Note.md"), "Other Note.md");
        assert_eq!(percent_decoded("%E4%B8%AD.md"), "中.md");
        assert_eq!(percent_decoded("100%"), "100%");
        assert_eq!(without_fragment(" a.md#x?y "), "a.md");
    }

    #[test]
    fn knows_page_extensions_and_attachments() {
        assert_eq!(strip_page_extension("ch01.html"), "ch01");
        assert_eq!(strip_page_extension("Note.MD"), "Note");
        assert_eq!(strip_page_extension("a.b.c"), "a.b.c");
        assert_eq!(strip_markdown_extension("a.builtin.html"), "a.builtin.html");
        assert_eq!(strip_markdown_extension("a.b.markdown"), "a.b");
        assert!(is_attachment("img/photo.PNG"));
        assert!(is_attachment("paper.pdf"));
        assert!(!is_attachment("dendron.topic.pods"));
        assert!(!is_attachment("Note"));
        assert!(!is_attachment(".png"));
    }
}
