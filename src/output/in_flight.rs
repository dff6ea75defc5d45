//! The temporary files of atomic writes still in progress, so that a process that stops in the
//! middle of a write (`kgraph watch` on Ctrl-C) can remove them instead of leaving them behind.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use tempfile::NamedTempFile;

/// Temporary files being written, and whether writes were abandoned.
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

/// A temporary file registered while it exists; dropping it removes the file and forgets it.
pub(super) struct Pending {
    file: Option<NamedTempFile>,
    path: PathBuf,
    registry: Registry,
}

impl Pending {
    /// Creates a temporary file with `create`, unless writes were abandoned.
    pub(super) fn create(create: impl FnOnce() -> io::Result<NamedTempFile>) -> io::Result<Self> {
        Pending::create_in(&IN_FLIGHT, create)
    }

    fn create_in(
        registry: Registry,
        create: impl FnOnce() -> io::Result<NamedTempFile>,
    ) -> io::Result<Self> {
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

    /// The open file, to write into.
    pub(super) fn file(&mut self) -> &mut NamedTempFile {
        self.file.as_mut().expect("a pending file until persisted")
    }

    /// The temporary file's path.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the temporary file to `target`, unless writes were abandoned meanwhile.
    pub(super) fn persist(mut self, target: &Path) -> io::Result<()> {
        let in_flight = lock(self.registry);
        if in_flight.abandoned {
            return Err(stopped());
        }
        let file = self.file.take().expect("persisted once");
        file.persist(target).map_err(|e| e.error)?;
        drop(in_flight);
        Ok(())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let mut in_flight = lock(self.registry);
        in_flight.paths.retain(|p| p != &self.path);
        // The file itself (if not persisted) is removed by `NamedTempFile`'s own drop.
        drop(self.file.take());
    }
}

/// Removes the temporary file of every write in progress and makes every later atomic write
/// fail: for a process about to exit in the middle of a run. The outputs themselves are left
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
        let _ = std::fs::remove_file(path);
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
