//! File-system events from `notify` (inotify, FSEvents, ReadDirectoryChangesW, or polling),
//! debounced by `notify-debouncer-full`, filtered to the paths that call for a rebuild.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    new_debouncer, new_debouncer_opt, DebounceEventResult, Debouncer, FileIdCache, NoCache,
    RecommendedCache,
};

use super::Relevance;
use crate::error::Error;

/// A running watch: events stop when it is dropped.
pub(crate) enum Watcher {
    /// The system's notifications.
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    /// Polling the file system (`--poll`).
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// What a batch of debounced events means: the relevant paths changed, or events were lost
/// (`None`: rebuild anyway).
pub(crate) type Changed = Option<Vec<PathBuf>>;

/// Watches `relevance`'s folders (recursively) and the folders of its files, calling `changed`
/// after each quiet period of `debounce` with the relevant paths that changed. `poll` polls
/// every so often instead of using the system's notifications.
pub(crate) fn watch_inputs(
    relevance: Relevance,
    debounce: Duration,
    poll: Option<Duration>,
    mut changed: impl FnMut(Changed) + Send + 'static,
) -> Result<Watcher, Error> {
    let roots = roots(&relevance);
    let handler = move |result: DebounceEventResult| match result {
        Ok(events) => {
            let mut paths: Vec<PathBuf> = events
                .iter()
                .flat_map(|e| e.paths.iter().map(move |p| (&e.kind, p)))
                .filter(|(kind, path)| relevance.matters(kind, path, Path::is_dir))
                .map(|(_, path)| path.clone())
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                changed(Some(paths));
            }
        }
        Err(_) => changed(None),
    };
    let failed = |path: &Path, err: notify::Error| Error::Watch {
        path: path.to_path_buf(),
        reason: err.to_string(),
    };
    let tick = Some(debounce / 4);
    let mut watcher = match poll {
        None => Watcher::Native(
            new_debouncer(debounce, tick, handler).map_err(|e| failed(Path::new("."), e))?,
        ),
        Some(interval) => {
            let config = notify::Config::default().with_poll_interval(interval);
            Watcher::Poll(
                new_debouncer_opt(debounce, tick, handler, NoCache, config)
                    .map_err(|e| failed(Path::new("."), e))?,
            )
        }
    };
    for (root, mode) in roots {
        watcher.watch(&root, mode).map_err(|e| failed(&root, e))?;
    }
    Ok(watcher)
}

impl Watcher {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Watcher::Native(debouncer) => watch_with(debouncer, path, mode),
            Watcher::Poll(debouncer) => watch_with(debouncer, path, mode),
        }
    }
}

fn watch_with<T: notify::Watcher, C: FileIdCache + Send + 'static>(
    debouncer: &mut Debouncer<T, C>,
    path: &Path,
    mode: RecursiveMode,
) -> notify::Result<()> {
    debouncer.watch(path, mode)
}

/// The folders to watch: each input folder with everything below it, and the folder of each
/// single file (a file replaced by an editor's rename would lose a watch on the file itself).
fn roots(relevance: &Relevance) -> Vec<(PathBuf, RecursiveMode)> {
    let mut roots: Vec<(PathBuf, RecursiveMode)> = (relevance.folders.iter())
        .map(|f| (f.clone(), RecursiveMode::Recursive))
        .collect();
    for file in &relevance.files {
        let parent = file.parent().unwrap_or(Path::new("/")).to_path_buf();
        if !roots.iter().any(|(root, mode)| {
            *root == parent || (*mode == RecursiveMode::Recursive && parent.starts_with(root))
        }) {
            roots.push((parent, RecursiveMode::NonRecursive));
        }
    }
    roots
}
