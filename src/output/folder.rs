//! Writes a folder output (`--format parquet`, `--format neo4j`) atomically: into a temporary
//! folder beside it, `.<name>.<random>.tmp/`, swapped into place only when complete.
//!
//! - A path that does not exist, or an empty folder, is written.
//! - An existing folder is replaced only when its top-level entries are what the format writes
//!   ([`FolderExporter::recognizes`]): an earlier output of the same format. Any other folder,
//!   and a file or link at the path, is refused and left as it was: `-o ~/Documents --format
//!   parquet` must not delete a folder kgraph did not write.
//! - The swap is two renames: the old folder to `.<name>.<random>.old`, the new one to the
//!   path, then the old one is removed. Between the renames the path is briefly missing, but a
//!   reader never sees a half-written folder. If the second rename fails, the old folder is put
//!   back.
//! - Whatever fails, the old folder stays as it was and the temporary one is removed; both
//!   are registered with `in_flight.rs`, so `abandon_writes` removes a folder being written.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::in_flight::Pending;
use super::{caught, WRITE_BUFFER};
use crate::export::{Folder, FolderExporter};

/// Writes a folder at `path` with `write`, for `exporter`'s format named `format`.
pub(crate) fn write_folder(
    path: &Path,
    exporter: &dyn FolderExporter,
    format: &str,
    write: impl FnOnce(&mut dyn Folder) -> io::Result<()>,
) -> io::Result<()> {
    check_replaceable(path, exporter, format)?;
    let (parent, name) = parent_and_name(path);
    fs::create_dir_all(parent)?;
    let tmp = Pending::create(|| {
        tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempdir_in(parent)
    })?;
    let mut folder = DiskFolder {
        root: tmp.path().to_path_buf(),
    };
    caught(|| write(&mut folder))?;
    set_folder_permissions(tmp.path())?;
    tmp.persist_with(|dir| swap_in(dir.keep(), path, parent, &name))
}

/// Fails unless `path` is free, an empty folder or an earlier output of the format.
fn check_replaceable(path: &Path, exporter: &dyn FolderExporter, format: &str) -> io::Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        other => other?,
    };
    if !meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "a file is in the way: a folder format writes a folder",
        ));
    }
    let mut names: Vec<String> = fs::read_dir(path)?
        .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<io::Result<_>>()?;
    names.sort();
    if names.is_empty() || exporter.recognizes(&names) {
        return Ok(());
    }
    let mut shown = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > 3 {
        shown.push_str(&format!(" and {} more", names.len() - 3));
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "the folder holds files that are not a {format} output of kgraph ({shown}); \
             it is left as it is: remove it or name another folder"
        ),
    ))
}

/// The folder that holds `path` (`.` for a bare name) and `path`'s own name.
fn parent_and_name(path: &Path) -> (&Path, String) {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (parent, name)
}

/// Moves the complete folder `new` to `target`, replacing the folder there if any.
fn swap_in(new: PathBuf, target: &Path, parent: &Path, name: &str) -> io::Result<()> {
    let result = match fs::symlink_metadata(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => fs::rename(&new, target),
        Err(e) => Err(e),
        Ok(_) => replace(&new, target, parent, name),
    };
    if result.is_err() {
        let _ = fs::remove_dir_all(&new);
    }
    result
}

/// Renames `target` aside, `new` to `target`, and removes the old folder; puts the old folder
/// back if `new` cannot take its place.
fn replace(new: &Path, target: &Path, parent: &Path, name: &str) -> io::Result<()> {
    // An empty placeholder with a fresh name: renaming a folder over an empty one replaces it.
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".old")
        .tempdir_in(parent)?
        .keep();
    if let Err(e) = fs::rename(target, &old) {
        let _ = fs::remove_dir(&old);
        return Err(e);
    }
    if let Err(e) = fs::rename(new, target) {
        let _ = fs::rename(&old, target);
        return Err(e);
    }
    // The new folder is in place: a leftover old one is only untidy.
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

/// The files of a folder output being written, under its temporary folder.
struct DiskFolder {
    root: PathBuf,
}

impl DiskFolder {
    fn path_of(&self, relative: &str) -> io::Result<PathBuf> {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(path)
    }
}

impl Folder for DiskFolder {
    fn create(&mut self, relative: &str) -> io::Result<Box<dyn Write + Send + '_>> {
        let file = fs::File::create(self.path_of(relative)?)?;
        Ok(Box::new(BufWriter::with_capacity(WRITE_BUFFER, file)))
    }

    fn set_executable(&mut self, relative: &str) -> io::Result<()> {
        set_mode(&self.path_of(relative)?, 0o755)
    }
}

/// Gives the folder the usual 0755 (temporary folders are created private).
fn set_folder_permissions(path: &Path) -> io::Result<()> {
    set_mode(path, 0o755)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests;
