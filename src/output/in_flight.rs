//! The temporary files and folders of atomic writes still in progress, so that a process that
//! stops in the middle of a write (`kgraph watch` on Ctrl-C) can remove them instead of leaving
//! them behind.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use tempfile::{NamedTempFile, TempDir};

/// What a write in progress writes into: a temporary file, or a temporary folder.
pub(super) trait Temporary {
    /// Where it is.
    fn path(&self) -> &Path;
}

impl Temporary for NamedTempFile {
    fn path(&self) -> &Path {
        NamedTempFile::path(self)
    }
}

impl Temporary for TempDir {
    fn path(&self) -> &Path {
        TempDir::path(self)
    }
}

/// Temporary files and folders being written, and whether writes were abandoned.
struct InFlight {
    paths: Vec<PathBuf>,
    abandoned: bool,
}

static IN_FLIGHT: Mutex<InFlight> = Mutex::new(InFlight {
    paths: Vec::new(),
    abandoned: false,
});

type Registry = &'static Mutex<InFlight>;

fn lock(registry: Registry) -> MutexGuard<'static, InFlight> {
    registry.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A temporary file or folder registered while it exists; dropping it removes it and forgets it.
pub(super) struct Pending<T: Temporary> {
    file: Option<T>,
    path: PathBuf,
    registry: Registry,
}

impl<T: Temporary> Pending<T> {
    /// Creates a temporary file or folder with `create`, unless writes were abandoned.
    pub(super) fn create(create: impl FnOnce() -> io::Result<T>) -> io::Result<Self> {
        Pending::create_in(&IN_FLIGHT, create)
    }

    fn create_in(registry: Registry, create: impl FnOnce() -> io::Result<T>) -> io::Result<Self> {
        let mut in_flight = lock(registry);
        if in_flight.abandoned {
            return Err(stopped());
        }
        let file = create()?;
        let path = file.path().to_path_buf();
        in_flight.paths.push(path.clone());
        Ok(Pending {
            file: Some(file),
            path,
            registry,
        })
    }

    /// The open file, or the folder, to write into.
    pub(super) fn file(&mut self) -> &mut T {
        self.file.as_mut().expect("a pending file until persisted")
    }

    /// The temporary file's or folder's path.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// Puts the temporary file or folder in place with `put`, unless writes were abandoned
    /// meanwhile. A failed `put` removes what it was given.
    pub(super) fn persist_with(mut self, put: impl FnOnce(T) -> io::Result<()>) -> io::Result<()> {
        let in_flight = lock(self.registry);
        if in_flight.abandoned {
            return Err(stopped());
        }
        let file = self.file.take().expect("persisted once");
        put(file)?;
        drop(in_flight);
        Ok(())
    }
}

impl Pending<NamedTempFile> {
    /// Renames the temporary file to `target`, unless writes were abandoned meanwhile.
    pub(super) fn persist(self, target: &Path) -> io::Result<()> {
        self.persist_with(|file| file.persist(target).map(drop).map_err(|e| e.error))
    }
}

impl<T: Temporary> Drop for Pending<T> {
    fn drop(&mut self) {
        let mut in_flight = lock(self.registry);
        in_flight.paths.retain(|p| p != &self.path);
        // The file or folder itself (if not persisted) is removed by its own drop.
        drop(self.file.take());
    }
}

/// Removes the temporary file or folder of every write in progress and makes every later
/// atomic write fail: for a process about to exit in the middle of a run. The outputs themselves are left
/// as they were (the old file, or the complete new one).
///
/// `kgraph build` calls it when interrupted (Ctrl-C), so no temporary file is left beside the
/// outputs:
///
/// ```no_run
/// kgraph::abandon_writes();
/// std::process::exit(130);
/// ```
pub fn abandon_writes() {
    abandon_in(&IN_FLIGHT);
}

fn abandon_in(registry: Registry) {
    let mut in_flight = lock(registry);
    in_flight.abandoned = true;
    for path in in_flight.paths.drain(..) {
        let is_folder = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        let _ = if is_folder {
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        };
    }
}

fn stopped() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "kgraph is stopping")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::leftovers;

    fn registry() -> Registry {
        Box::leak(Box::new(Mutex::new(InFlight {
            paths: Vec::new(),
            abandoned: false,
        })))
    }

    /// A temporary `.tmp` file in `dir`, as an output's write makes one.
    fn temp_in(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
        tempfile::Builder::new().suffix(".tmp").tempfile_in(dir)
    }

    #[test]
    fn abandoning_removes_pending_files_and_refuses_new_ones() {
        let dir = tempfile::tempdir().unwrap();
        let registry = registry();
        let create = || temp_in(dir.path());
        let mut pending = Pending::create_in(registry, create).unwrap();
        std::io::Write::write_all(pending.file(), b"half").unwrap();
        assert_eq!(leftovers(dir.path()).len(), 1);
        abandon_in(registry);
        assert!(leftovers(dir.path()).is_empty());
        let target = dir.path().join("g.json");
        assert_eq!(
            pending.persist(&target).unwrap_err().kind(),
            io::ErrorKind::Interrupted
        );
        assert!(Pending::create_in(registry, create).is_err());
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn abandoning_removes_a_folder_being_written() {
        let dir = tempfile::tempdir().unwrap();
        let registry = registry();
        let create = || {
            tempfile::Builder::new()
                .suffix(".tmp")
                .tempdir_in(dir.path())
        };
        let pending = Pending::create_in(registry, create).unwrap();
        std::fs::create_dir(pending.path().join("nodes")).unwrap();
        std::fs::write(pending.path().join("nodes/part-0.parquet"), b"half").unwrap();
        abandon_in(registry);
        assert!(leftovers(dir.path()).is_empty());
        let put = pending.persist_with(|_| Ok(()));
        assert_eq!(put.unwrap_err().kind(), io::ErrorKind::Interrupted);
    }

    #[test]
    fn a_persisted_or_dropped_file_is_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let registry = registry();
        let create = || temp_in(dir.path());
        let pending = Pending::create_in(registry, create).unwrap();
        pending.persist(&dir.path().join("g.json")).unwrap();
        drop(Pending::create_in(registry, create).unwrap());
        assert!(lock(registry).paths.is_empty());
        assert_eq!(leftovers(dir.path()), ["g.json"]);
    }
}
