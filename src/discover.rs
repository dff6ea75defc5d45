//! Finds the posts to read: walks input folders (honouring `.gitignore`) and returns them sorted.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// Folder names never descended into, besides hidden ones.
const SKIPPED_DIRS: [&str; 3] = ["_site", "node_modules", "vendor"];

/// One Markdown file to read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceFile {
    /// Path relative to its input root, '/'-separated: the post's identity.
    pub rel_path: String,
    /// Path to open.
    pub path: PathBuf,
    /// Path as shown in diagnostics: the input as the user wrote it, joined with `rel_path`.
    pub display: String,
}

/// Whether `path` has a Markdown extension kgraph reads.
pub fn is_markdown(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("md" | "markdown")
    )
}

/// Every Markdown file under `inputs`, sorted by relative path, with warnings for what was skipped.
///
/// A file named directly is read whatever its extension. A missing input is fatal.
pub fn discover(
    inputs: &[PathBuf],
    excludes: &[String],
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
            files.push(SourceFile {
                rel_path: name,
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
                format!("skipped: same relative path as {}", prev.display),
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
                diagnostics.push(Diagnostic::warning(&path, None, format!("skipped: {err}")));
                continue;
            }
        };
        let is_file = entry.file_type().is_some_and(|t| t.is_file());
        if !is_file || !is_markdown(entry.path()) {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        files.push(SourceFile {
            rel_path: slashed(rel),
            path: entry.path().to_path_buf(),
            display: slashed(entry.path()),
        });
    }
    Ok(())
}

fn err_path(err: &ignore::Error) -> Option<String> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(slashed(path)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            err_path(err)
        }
        _ => None,
    }
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

    #[test]
    fn missing_input_is_fatal() {
        let err = discover(&[PathBuf::from("/no/such/dir")], &[]).unwrap_err();
        assert!(err.to_string().contains("/no/such/dir"));
    }
}
