//! Finds the posts to read: walks input folders (honouring `.gitignore`) and returns them sorted.
//!
//! Symbolic links are followed, to files and to folders, so a post linked into the blog is read
//! under the link's path. A link that leads back to a folder being walked (a loop) and a link to
//! nothing are skipped with a warning; a folder that cannot be read (permissions, a path longer
//! than the system allows) is skipped with an error, since posts may be missing.

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::error::Error;
use crate::text::is_xml_char;

/// Folder names never descended into, besides hidden ones.
const SKIPPED_DIRS: [&str; 3] = ["_site", "node_modules", "vendor"];

/// One Markdown file to read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SourceFile {
    /// Path relative to its input root, '/'-separated: the post's identity.
    pub rel_path: String,
    /// Path to open.
    pub path: PathBuf,
    /// Path as shown in diagnostics: the input as the user wrote it, joined with `rel_path`.
    pub display: String,
}

/// Whether `path` has a Markdown extension kgraph reads.
pub(crate) fn is_markdown(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("md" | "markdown")
    )
}

/// Every Markdown file under `inputs`, sorted by relative path, with diagnostics for what was skipped.
///
/// A file named directly is read whatever its extension. A missing input is fatal. The result
/// does not depend on the order of `inputs`: when two files share a relative path, the one whose
/// path sorts first is read and the other is skipped with a warning.
pub(crate) fn discover(
    inputs: &[PathBuf],
    excludes: &[String],
) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), Error> {
    discover_under(inputs, excludes, None)
}

/// [`discover`], a file named directly taking its path relative to `root` (when given) as its
/// identity instead of its name; a file outside `root` is a usage error.
pub(crate) fn discover_under(
    inputs: &[PathBuf],
    excludes: &[String],
    root: Option<&Path>,
) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), Error> {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|source| Error::Input {
            path: input.clone(),
            source,
        })?;
        if meta.is_file() {
            let name = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let rel_path = match root {
                Some(root) => identity_of(&path_under(root, input)?),
                None => identity_of(&name),
            };
            files.push(SourceFile {
                rel_path,
                path: input.clone(),
                display: slashed(input),
            });
        } else {
            walk_dir(input, excludes, &mut files, &mut diagnostics)?;
        }
    }
    files.sort();
    let mut unique: Vec<SourceFile> = Vec::with_capacity(files.len());
    for file in files {
        match unique.last() {
            Some(prev) if prev.rel_path == file.rel_path => diagnostics.push(Diagnostic::warning(
                &file.display,
                None,
                DiagnosticKind::SamePath {
                    kept: prev.display.clone(),
                },
            )),
            _ => unique.push(file),
        }
    }
    Ok((unique, diagnostics))
}

fn walk_dir(
    root: &Path,
    excludes: &[String],
    files: &mut Vec<SourceFile>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), Error> {
    let mut overrides = ignore::overrides::OverrideBuilder::new(root);
    for glob in excludes {
        overrides
            .add(&format!("!{glob}"))
            .map_err(|e| Error::Usage(format!("invalid --exclude glob `{glob}`: {e}")))?;
    }
    let overrides = overrides
        .build()
        .map_err(|e| Error::Usage(format!("invalid --exclude glob: {e}")))?;
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .follow_links(true)
        .require_git(false)
        .overrides(overrides)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(is_dir && entry.depth() > 0 && SKIPPED_DIRS.iter().any(|d| entry.file_name() == *d))
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err_path(&err).unwrap_or_else(|| slashed(root));
                let kind = DiagnosticKind::Unwalkable {
                    reason: describe(&err),
                };
                // A loop or a dangling link hides no post; a folder that cannot be read may.
                diagnostics.push(if is_harmless(&err) {
                    Diagnostic::warning(&path, None, kind)
                } else {
                    Diagnostic::error(&path, None, kind)
                });
                continue;
            }
        };
        let is_file = entry.file_type().is_some_and(|t| t.is_file());
        if !is_file || !is_markdown(entry.path()) {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        files.push(SourceFile {
            rel_path: identity_of(&slashed(rel)),
            path: entry.path().to_path_buf(),
            display: slashed(entry.path()),
        });
    }
    Ok(())
}

fn err_path(err: &ignore::Error) -> Option<String> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(slashed(path)),
        ignore::Error::Loop { child, .. } => Some(slashed(child)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            err_path(err)
        }
        _ => None,
    }
}

/// Whether a walk error loses nothing: a symbolic link loop (its target is read anyway) or a
/// link to nothing.
fn is_harmless(err: &ignore::Error) -> bool {
    match err {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { path, .. } => is_broken_link(path),
        ignore::Error::WithDepth { err, .. } => is_harmless(err),
        _ => false,
    }
}

fn is_broken_link(path: &Path) -> bool {
    path.symlink_metadata().is_ok_and(|m| m.is_symlink())
        && std::fs::metadata(path).is_err_and(|e| e.kind() == io::ErrorKind::NotFound)
}

/// `rel_path` as a post's identity: characters XML forbids (control characters in a file name)
/// become U+FFFD, as bytes that are not UTF-8 already do, so that every export carries the same
/// id and two such names that collide are reported like any other duplicate.
fn identity_of(rel_path: &str) -> String {
    rel_path
        .chars()
        .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
        .collect()
}

/// What went wrong, without the path (the diagnostic starts with it).
fn describe(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { path, err } => {
            if is_broken_link(path) {
                "broken symbolic link".to_string()
            } else {
                describe(err)
            }
        }
        ignore::Error::WithDepth { err, .. } => describe(err),
        ignore::Error::Loop { ancestor, .. } => {
            format!("symbolic link loop: it leads back to {}", slashed(ancestor))
        }
        ignore::Error::Io(err) => {
            // The walker wraps the system's error with the path, which the diagnostic already names.
            let inner = err.get_ref().and_then(std::error::Error::source);
            inner.map_or_else(|| err.to_string(), ToString::to_string)
        }
        other => other.to_string(),
    }
}

/// `file`'s path relative to `root`, '/'-separated: as written, else both made absolute.
fn path_under(root: &Path, file: &Path) -> Result<String, Error> {
    if let Ok(rel) = file.strip_prefix(root) {
        return Ok(slashed(rel));
    }
    let absolute = |p: &Path| std::fs::canonicalize(p).ok();
    absolute(root)
        .zip(absolute(file))
        .and_then(|(root, file)| file.strip_prefix(&root).ok().map(slashed))
        .ok_or_else(|| {
            Error::Usage(format!(
                "{} is not inside --root {}",
                file.display(),
                root.display()
            ))
        })
}

/// `path` as a '/'-separated string (lossy for non-UTF-8 names).
pub(crate) fn slashed(path: &Path) -> String {
    path.to_string_lossy()
        .replace(std::path::MAIN_SEPARATOR, "/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn walks_sorted_and_skips_hidden_site_and_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for p in [
            "b.md",
            "a.markdown",
            "c.txt",
            "sub/d.md",
            ".hidden/e.md",
            "_site/f.md",
            "skip/g.md",
        ] {
            let path = root.join(p);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        fs::write(root.join(".gitignore"), "skip/\n").unwrap();
        let (files, diags) = discover(&[root.to_path_buf()], &[]).unwrap();
        let rels: Vec<_> = files.iter().map(|f| f.rel_path.as_str()).collect();
        assert_eq!(rels, ["a.markdown", "b.md", "sub/d.md"]);
        assert!(diags.is_empty());
    }

    #[test]
    fn exclude_globs_drop_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("keep.md"), "x").unwrap();
        fs::write(dir.path().join("drafts.md"), "x").unwrap();
        let (files, _) = discover(&[dir.path().to_path_buf()], &["drafts*".to_string()]).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].rel_path, "keep.md");
    }

    #[cfg(unix)]
    #[test]
    fn follows_symbolic_links_and_skips_loops_and_dangling_ones() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("posts");
        let outside = dir.path().join("outside");
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::create_dir_all(&outside).unwrap();
        fs::write(root.join("a.md"), "x").unwrap();
        fs::write(outside.join("o.md"), "x").unwrap();
        symlink("../a.md", root.join("sub/linked.md")).unwrap();
        symlink(&outside, root.join("shared")).unwrap();
        symlink("..", root.join("sub/up")).unwrap();
        symlink("nowhere.md", root.join("dangling.md")).unwrap();
        let (files, diags) = discover(std::slice::from_ref(&root), &[]).unwrap();
        let rels: Vec<_> = files.iter().map(|f| f.rel_path.as_str()).collect();
        assert_eq!(rels, ["a.md", "shared/o.md", "sub/linked.md"]);
        let shown: Vec<String> = diags
            .iter()
            .map(|d| {
                let rel = d.to_string();
                rel.replace(&slashed(&root), "posts")
            })
            .collect();
        assert_eq!(
            shown,
            [
                "posts/dangling.md: warning: skipped: broken symbolic link",
                "posts/sub/up: warning: skipped: symbolic link loop: it leads back to posts",
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn control_characters_in_file_names_become_replacement_characters() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("bell\u{7}.md"), "x").unwrap();
        fs::write(dir.path().join("bell\u{8}.md"), "x").unwrap();
        let (files, diags) = discover(&[dir.path().to_path_buf()], &[]).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].rel_path, "bell\u{FFFD}.md");
        assert!(files[0].display.ends_with("bell\u{7}.md"));
        assert_eq!(diags.len(), 1);
        assert!(diags[0]
            .message()
            .starts_with("skipped: same relative path as"));
    }

    #[test]
    fn missing_input_is_fatal() {
        let err = discover(&[PathBuf::from("/no/such/dir")], &[]).unwrap_err();
        assert!(err.to_string().contains("/no/such/dir"));
    }
}
