//! Which file-system events call for a rebuild: a Markdown file under an input folder, an input
//! file or a keyword list changed; never an output, a temporary file kgraph writes, or any other
//! file.

use std::path::{Path, PathBuf};

use notify::event::{EventKind, ModifyKind};

use crate::discover::is_markdown;

/// The paths whose changes call for a rebuild, all absolute.
#[derive(Debug, Clone, Default)]
pub(crate) struct Relevance {
    /// Input folders: any Markdown file below them.
    pub(crate) folders: Vec<PathBuf>,
    /// Input files and keyword, alias and stop-word lists: exactly these.
    pub(crate) files: Vec<PathBuf>,
    /// Output files: never, even inside an input folder.
    pub(crate) outputs: Vec<PathBuf>,
}

impl Relevance {
    /// Whether an event of `kind` on `path` calls for a rebuild. `is_dir` tells whether a path
    /// is a folder now (a folder of posts moved in or created).
    pub(crate) fn matters(
        &self,
        kind: &EventKind,
        path: &Path,
        is_dir: impl Fn(&Path) -> bool,
    ) -> bool {
        // kgraph reads every post on each rebuild: opening one is no change.
        if matches!(
            kind,
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
        ) {
            return false;
        }
        if self.files.iter().any(|f| f == path) {
            return true;
        }
        // An output, a folder holding one, or a file inside a folder output (`--format parquet`).
        let output = |o: &PathBuf| o.starts_with(path) || path.starts_with(o);
        if self.outputs.iter().any(output) || is_temporary(path) {
            return false;
        }
        let Some(folder) = self.folders.iter().find(|f| path.starts_with(f)) else {
            return false;
        };
        if is_hidden(path.strip_prefix(folder).unwrap_or(path)) {
            return false;
        }
        if is_markdown(path) {
            return true;
        }
        // A folder created, moved in or out, or removed may hold posts; a removed one cannot be
        // told from a removed file without an extension, which costs one needless rebuild.
        let may_be_folder = path.extension().is_none()
            && matches!(
                kind,
                EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_)) | EventKind::Any
            );
        is_dir(path) || may_be_folder
    }
}

/// kgraph's own temporary files: `.<output>.<random>.tmp` beside each output being written.
fn is_temporary(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n.ends_with(".tmp"))
}

/// A hidden file, or anything in a hidden folder (`.git/`, an editor's `.post.md.swp`), which
/// discovery skips too; `relative` is below an input folder.
fn is_hidden(relative: &Path) -> bool {
    relative
        .components()
        .any(|c| c.as_os_str().to_str().is_some_and(|n| n.starts_with('.')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, DataChange, MetadataKind, RemoveKind, RenameMode};

    fn relevance() -> Relevance {
        Relevance {
            folders: vec![PathBuf::from("/blog/_posts")],
            files: vec![
                PathBuf::from("/blog/drafts/idea.md"),
                PathBuf::from("/blog/terms.txt"),
            ],
            outputs: vec![PathBuf::from("/blog/_posts/out/graph.json")],
        }
    }

    fn matters(kind: EventKind, path: &str) -> bool {
        relevance().matters(&kind, Path::new(path), |p| p.ends_with("series"))
    }

    const WRITE: EventKind = EventKind::Modify(ModifyKind::Data(DataChange::Content));
    const CREATE: EventKind = EventKind::Create(CreateKind::File);
    const REMOVE: EventKind = EventKind::Remove(RemoveKind::Any);
    const RENAME: EventKind = EventKind::Modify(ModifyKind::Name(RenameMode::Both));

    #[test]
    fn markdown_files_under_input_folders_matter() {
        for kind in [WRITE, CREATE, REMOVE, RENAME] {
            assert!(matters(kind, "/blog/_posts/2020-1-1-a.md"));
            assert!(matters(kind, "/blog/_posts/deep/b.MARKDOWN"));
        }
        assert!(!matters(WRITE, "/blog/other/c.md"));
        assert!(!matters(WRITE, "/blog/drafts/other.md"));
    }

    #[test]
    fn listed_files_matter_whatever_their_extension() {
        assert!(matters(WRITE, "/blog/terms.txt"));
        assert!(matters(REMOVE, "/blog/drafts/idea.md"));
        assert!(!matters(WRITE, "/blog/other.txt"));
    }

    #[test]
    fn outputs_temporary_and_other_files_do_not() {
        for kind in [WRITE, CREATE, REMOVE, RENAME] {
            assert!(!matters(kind, "/blog/_posts/out/graph.json"));
            assert!(!matters(kind, "/blog/_posts/out/.graph.json.a1B2c3.tmp"));
            assert!(!matters(kind, "/blog/_posts/.2020-1-1-a.md.swp"));
            assert!(!matters(kind, "/blog/_posts/image.png"));
            assert!(!matters(kind, "/blog/_posts/.git/index"));
        }
        // The output folder itself, created by the first build.
        assert!(!matters(CREATE, "/blog/_posts/out"));
    }

    #[test]
    fn reading_and_touching_do_not() {
        let open = EventKind::Access(AccessKind::Any);
        let touch = EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime));
        assert!(!matters(open, "/blog/_posts/a.md"));
        assert!(!matters(touch, "/blog/_posts/a.md"));
    }

    #[test]
    fn folders_that_may_hold_posts_matter() {
        assert!(matters(CREATE, "/blog/_posts/series"));
        assert!(matters(RENAME, "/blog/_posts/gone"));
        assert!(matters(REMOVE, "/blog/_posts/gone"));
        assert!(!matters(CREATE, "/blog/_posts/notes.txt"));
    }
}
