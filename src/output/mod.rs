//! Writes exports to their destinations: files atomically (temporary file, then rename), or stdout.
//!
//! - A regular file (or a path that does not exist yet) is written to a temporary file beside it,
//!   `.<name>.<random>.tmp`, which is flushed, synced and renamed over the path only when complete.
//!   Whatever fails — the exporter, a full disk, the rename — the previous file is left as it was
//!   and the temporary file is removed. A symbolic link at the path is replaced, not followed.
//! - A path that exists but is not a regular file — `/dev/null`, a named pipe — and any existing
//!   path under `/dev` or `/proc` (`/dev/stdout` redirected to a file) is written in place:
//!   renaming over it would replace the device or link with a file.
//! - A folder format (`--format parquet`, `--format neo4j`) is written into a temporary folder
//!   beside the path and swapped into place when complete; an existing folder that is not an
//!   earlier output of the same format is refused (`folder.rs`).
//! - A process that must stop in the middle of a write calls [`abandon_writes`]: the temporary
//!   files and folders of the writes in progress are removed (`in_flight.rs`).
//! - A panic inside an exporter is caught and reported as a failure of that output, so the other
//!   outputs are still written and nothing half-written is left behind.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::export::{ExportOptions, Format, Writer};
use crate::model::KnowledgeGraph;
use in_flight::Pending;

pub use in_flight::abandon_writes;

mod folder;
mod in_flight;

/// Where one export goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A file, replaced atomically.
    File(PathBuf),
    /// A folder of files (a folder format), replaced as a whole when complete.
    Folder(PathBuf),
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
    /// The outputs that output paths name, as `kgraph build -o PATH… [--format FORMAT]` reads them.
    ///
    /// A path's extension picks its format, else `format` does; `-` is standard output and needs
    /// `format`; a plain `NAME.csv` stands for two files, `NAME.nodes.csv` and `NAME.edges.csv`.
    /// A folder format (`parquet`, `neo4j`) is picked by `format` alone and names a folder.
    /// No path at all means `out/graph.json`, `out/graph.graphml` and `out/graph.dot`. A path
    /// whose format cannot be told, or one given twice, is a usage error.
    ///
    /// ```
    /// use kgraph::{Format, Output};
    ///
    /// let outputs = Output::plan(&["g.csv".into(), "g.gv".into()], None)?;
    /// let formats: Vec<Format> = outputs.iter().map(|o| o.format).collect();
    /// assert_eq!(formats, [Format::CsvNodes, Format::CsvEdges, Format::Dot]);
    /// assert_eq!(outputs[0].display(), "g.nodes.csv");
    /// # Ok::<(), kgraph::Error>(())
    /// ```
    pub fn plan(paths: &[PathBuf], format: Option<Format>) -> Result<Vec<Output>, Error> {
        if paths.is_empty() {
            if format.is_some() {
                return Err(Error::Usage(
                    "--format applies to `-o -` or to an output path without a known extension; \
                     add -o"
                        .into(),
                ));
            }
            return Ok([Format::Json, Format::Graphml, Format::Dot]
                .into_iter()
                .map(|f| Output {
                    format: f,
                    destination: Destination::File(
                        PathBuf::from("out").join(format!("graph.{}", f.extension())),
                    ),
                })
                .collect());
        }
        let mut outputs: Vec<Output> = Vec::new();
        for path in paths {
            for output in Output::named_by(path, format)? {
                if outputs.iter().any(|o| o.destination == output.destination) {
                    return Err(Error::Usage(format!(
                        "`{}` is given twice as -o",
                        output.display()
                    )));
                }
                outputs.push(output);
            }
        }
        Ok(outputs)
    }

    /// The outputs one `-o PATH` names.
    fn named_by(path: &Path, format: Option<Format>) -> Result<Vec<Output>, Error> {
        if path.as_os_str() == "-" {
            let format = format.ok_or_else(|| {
                Error::Usage(
                    "`-o -` writes to standard output and needs --format (e.g. json, gexf, csv-nodes)"
                        .into(),
                )
            })?;
            if format.writes_folder() {
                return Err(Error::Usage(format!(
                    "--format {} writes a folder, not standard output: name one with -o DIR",
                    format.extension()
                )));
            }
            return Ok(vec![Output {
                format,
                destination: Destination::Stdout,
            }]);
        }
        let files = Format::files_for(path)
            .or_else(|| format.map(|f| vec![(f, path.to_path_buf())]))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "cannot tell the format of `{}`: use one of {}, or add --format \
                     (a folder of tables needs --format parquet or --format neo4j)",
                    path.display(),
                    Format::supported_extensions()
                ))
            })?;
        Ok(files
            .into_iter()
            .map(|(format, path)| Output {
                format,
                destination: if format.writes_folder() {
                    Destination::Folder(path)
                } else {
                    Destination::File(path)
                },
            })
            .collect())
    }

    /// The destination as shown to the user (`-` for standard output).
    pub fn display(&self) -> String {
        match &self.destination {
            Destination::File(path) | Destination::Folder(path) => path.display().to_string(),
            Destination::Stdout => "-".to_string(),
        }
    }
}

/// Writes `graph` to `output`.
///
/// A file is written to a temporary file beside it and renamed into place only once
/// complete, so a failed write leaves any previous file untouched and nothing behind; a folder
/// likewise, through a temporary folder. A closed pipe on standard output counts as success.
pub(crate) fn write_output(
    graph: &KnowledgeGraph,
    output: &Output,
    options: &ExportOptions,
) -> Result<(), Error> {
    let failed = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Output { path, source }
    };
    match (output.format.writer(), &output.destination) {
        (Writer::File(exporter), Destination::File(path)) => {
            write_atomically(path, |out| exporter.write(graph, options, out)).map_err(failed(path))
        }
        (Writer::Folder(exporter), Destination::Folder(path)) => {
            let format = output.format.extension();
            folder::write_folder(path, exporter, format, |folder| {
                exporter.write(graph, options, folder)
            })
            .map_err(failed(path))
        }
        (Writer::File(exporter), Destination::Stdout) => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let result = guarded(|out| exporter.write(graph, options, out), &mut out)
                .and_then(|()| out.flush());
            match result {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(failed(Path::new("-"))(e)),
                _ => Ok(()),
            }
        }
        _ => Err(failed(Path::new(&output.display()))(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a folder format is written to a folder, and only a folder format is",
        ))),
    }
}

/// Runs `write`, turning a panic into an error.
fn guarded(
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    out: &mut dyn Write,
) -> io::Result<()> {
    caught(|| write(out))
}

/// Runs `run`, turning a panic (a bug in an exporter) into an error.
fn caught(run: impl FnOnce() -> io::Result<()>) -> io::Result<()> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|panic| {
        let what = crate::error::panic_message(&*panic);
        Err(io::Error::other(format!(
            "internal error in the exporter ({what}); please report it"
        )))
    })
}

/// Runs `write` into a temporary file beside `path`, then renames it to `path`.
///
/// A `path` that exists but is not a regular file (a device, a named pipe) is written in place.
pub(crate) fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "a directory is in the way",
            ))
        }
        Ok(meta) if !meta.is_file() || is_system_path(path) => return write_in_place(path, write),
        _ => {}
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
    let mut tmp = Pending::create(|| {
        tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(dir)
    })?;
    let mut out = BufWriter::with_capacity(WRITE_BUFFER, tmp.file());
    guarded(write, &mut out)?;
    // No fsync: outputs are derived from the posts and can be written again, and waiting for
    // the disk tripled the time of large runs. The rename still guarantees that a reader sees
    // the old file or the whole new one, never a part (ext4 also flushes a file replaced by
    // rename before the rename itself is committed).
    out.flush()?;
    drop(out);
    set_readable_permissions(path, tmp.path())?;
    tmp.persist(path)
}

/// Bytes buffered per output before a write system call: outputs run to hundreds of megabytes.
const WRITE_BUFFER: usize = 1 << 20;

/// Whether `path` is under `/dev` or `/proc`, where `/dev/stdout` can be a link to a regular
/// file (stdout redirected) that must be written through, never replaced.
fn is_system_path(path: &Path) -> bool {
    cfg!(unix) && (path.starts_with("/dev") || path.starts_with("/proc"))
}

/// Writes into an existing file that is not a regular one (`/dev/null`, a named pipe).
fn write_in_place(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut out = BufWriter::new(fs::OpenOptions::new().write(true).open(path)?);
    guarded(write, &mut out)?;
    out.flush()
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

    /// The names of the files in `dir`, sorted.
    pub(super) fn leftovers(dir: &Path) -> Vec<String> {
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
    fn a_panic_keeps_the_old_file_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.dot");
        fs::write(&path, "old").unwrap();
        let err = write_atomically(&path, |w| {
            w.write_all(&[b'x'; 100_000])?;
            panic!("exporter bug")
        })
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "internal error in the exporter (exporter bug); please report it"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(leftovers(dir.path()), ["g.dot"]);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn devices_are_written_in_place_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        write_atomically(Path::new("/dev/null"), |w| w.write_all(b"x")).unwrap();
        assert!(fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device());
        // A full disk: the error comes back, and /dev/full is still a device.
        let err =
            write_atomically(Path::new("/dev/full"), |w| w.write_all(&[0; 65536])).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(28), "{err}");
        assert!(fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device());
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_replaced_and_its_target_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere.json");
        let link = dir.path().join("g.json");
        fs::write(&target, "keep").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, |w| w.write_all(b"new")).unwrap();
        assert!(!fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(fs::read_to_string(&link).unwrap(), "new");
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep");
    }

    #[test]
    fn a_directory_in_the_way_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomically(dir.path(), |w| w.write_all(b"x")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
    }

    fn plan(paths: &[&str], format: Option<Format>) -> Result<Vec<Output>, Error> {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        Output::plan(&paths, format)
    }

    #[test]
    fn default_outputs_go_to_out() {
        let shown: Vec<_> = plan(&[], None)
            .unwrap()
            .iter()
            .map(Output::display)
            .collect();
        assert_eq!(
            shown,
            ["out/graph.json", "out/graph.graphml", "out/graph.dot"]
        );
    }

    #[test]
    fn a_csv_output_names_both_tables() {
        let outs = plan(&["g.csv"], None).unwrap();
        assert_eq!(outs.len(), 2);
        assert!(plan(&["g.csv", "g.edges.csv"], None).is_err());
    }

    #[test]
    fn creates_missing_parent_folders() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/g.dot");
        write_atomically(&path, |w| w.write_all(b"x")).unwrap();
        assert_eq!(fs::read_to_string(path).unwrap(), "x");
    }
}
