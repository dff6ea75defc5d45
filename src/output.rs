//! Writes exports to their destinations: files atomically (temporary file, then rename), or stdout.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::export::{ExportOptions, Format};
use crate::model::KnowledgeGraph;

/// Where one export goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A file, replaced atomically.
    File(PathBuf),
    /// Standard output.
    Stdout,
}

/// One requested export: a format and its destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// What to write.
    pub format: Format,
    /// Where to write it.
    pub destination: Destination,
}

impl Output {
    /// The destination as shown to the user (`-` for standard output).
    pub fn display(&self) -> String {
        match &self.destination {
            Destination::File(path) => path.display().to_string(),
            Destination::Stdout => "-".to_string(),
        }
    }
}

/// Writes `graph` to `output`.
///
/// A file is written to a temporary file beside it and renamed into place only once
/// complete, so a failed write leaves any previous file untouched and nothing behind.
/// A closed pipe on standard output counts as success.
pub fn write_output(
    graph: &KnowledgeGraph,
    output: &Output,
    options: &ExportOptions,
) -> Result<(), Error> {
    let exporter = output.format.exporter();
    match &output.destination {
        Destination::Stdout => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let result = exporter
                .write(graph, options, &mut out)
                .and_then(|()| out.flush());
            match result {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Output {
                    path: PathBuf::from("-"),
                    source: e,
                }),
                _ => Ok(()),
            }
        }
        Destination::File(path) => write_atomically(path, |out| {
            exporter.write(graph, options, out)
        })
        .map_err(|source| Error::Output {
            path: path.clone(),
            source,
        }),
    }
}

/// Runs `write` into a temporary file beside `path`, then renames it to `path`.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "a directory is in the way",
        ));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    let mut out = BufWriter::new(tmp);
    write(&mut out)?;
    let tmp = out.into_inner().map_err(|e| e.into_error())?;
    tmp.as_file().sync_all()?;
    set_readable_permissions(path, tmp.path())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Gives the new file the old file's permissions, or the usual 0644 for a new file
/// (temporary files are created private).
fn set_readable_permissions(target: &Path, tmp: &Path) -> io::Result<()> {
    let permissions = match fs::metadata(target) {
        Ok(meta) => meta.permissions(),
        Err(_) => default_permissions(tmp)?,
    };
    fs::set_permissions(tmp, permissions)
}

#[cfg(unix)]
fn default_permissions(_tmp: &Path) -> io::Result<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(tmp: &Path) -> io::Result<fs::Permissions> {
    Ok(fs::metadata(tmp)?.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_when_complete() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.json");
        fs::write(&path, "old").unwrap();
        write_atomically(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(leftovers(dir.path()), ["g.json"]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.json");
        fs::write(&path, "old").unwrap();
        let err = write_atomically(&path, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(leftovers(dir.path()), ["g.json"]);
    }

    #[test]
    fn a_directory_in_the_way_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomically(dir.path(), |w| w.write_all(b"x")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
    }

    #[test]
    fn creates_missing_parent_folders() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/g.dot");
        write_atomically(&path, |w| w.write_all(b"x")).unwrap();
        assert_eq!(fs::read_to_string(path).unwrap(), "x");
    }
}
