//! `kgraph watch`: builds, then rebuilds whenever a post or a keyword list changes, until
//! stopped.
//!
//! One rebuild runs at a time, on its own thread, so that a stop is heard during a rebuild;
//! changes that arrive meanwhile are gathered and rebuilt once it is done. Outputs are written
//! atomically as by `build`; a stop during a rebuild removes the temporary files of the writes
//! in progress. The layout of a rebuild starts from the positions of the previous one.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::Duration;

use super::build::{build_from, Rebuilds};
use super::BuildOutcome;
use crate::config::BuildConfig;
use crate::error::Error;
use crate::layout::Positions;
use crate::model::KnowledgeGraph;
use crate::output::{abandon_writes, Destination};
use crate::progress::Silent;
use crate::watch::{watch_inputs, GraphChanges, Relevance};

/// How long the corpus must be quiet before a rebuild starts: an editor's save (write, rename,
/// attributes) comes as several events within a few milliseconds, and a rebuild should start
/// well within a second of the save.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// How `kgraph watch` notices changes.
#[derive(Debug, Clone)]
pub struct WatchConfig {
    /// Quiet time after the last change before a rebuild.
    pub debounce: Duration,
    /// Poll the file system this often instead of using the system's notifications (for
    /// network and container file systems without them).
    pub poll: Option<Duration>,
    /// More files whose changes call for a rebuild: the keyword, alias and stop-word lists.
    pub lists: Vec<PathBuf>,
}

impl Default for WatchConfig {
    fn default() -> Self {
        WatchConfig {
            debounce: DEFAULT_DEBOUNCE,
            poll: None,
            lists: Vec::new(),
        }
    }
}

/// One build of a watch: the first one, or a rebuild after changes.
#[derive(Debug)]
pub struct Rebuild {
    /// Whether it is the first build, before any change.
    pub first: bool,
    /// What the build did, or why it could not run.
    pub outcome: Result<BuildOutcome, Error>,
    /// What changed in the exported graph since the previous build (not for the first build,
    /// nor for a failed one).
    pub changes: Option<GraphChanges>,
    /// The changed files that called for it (none for the first build; none either when events
    /// were lost and everything is read again).
    pub changed_files: Vec<PathBuf>,
}

impl Rebuild {
    /// The line printed for it: the build's summary for the first build, else what changed.
    pub fn summary(&self) -> String {
        let (outcome, changes) = match (&self.outcome, &self.changes) {
            (Ok(outcome), Some(changes)) => (outcome, changes),
            (Ok(outcome), None) => return outcome.summary(),
            (Err(err), _) => return format!("kgraph: rebuild failed: {err}"),
        };
        let files = match self.changed_files.len() {
            0 => "changes".to_string(),
            1 => "1 changed file".to_string(),
            n => format!("{n} changed files"),
        };
        let mut line = format!("kgraph: rebuilt after {files}: {changes}");
        let _ = write!(
            line,
            " → {} posts, {} nodes, {} edges",
            outcome.report.posts,
            total(&outcome.nodes),
            total(&outcome.edges)
        );
        line.push_str(&outcome.report.problems());
        line.push_str(&outcome.report.took());
        line
    }
}

fn total<K>(counts: &[(K, usize)]) -> usize {
    counts.iter().map(|(_, c)| c).sum()
}

/// What asks a running watch to stop (from a Ctrl-C handler, another thread…).
#[derive(Debug, Clone)]
pub struct Stopper(Sender<Message>);

impl Stopper {
    /// Stops the watch: [`Watch::run`] returns as soon as it hears it, even during a rebuild.
    pub fn stop(&self) {
        let _ = self.0.send(Message::Stop);
    }
}

/// What the watch loop hears.
#[derive(Debug)]
enum Message {
    /// Relevant files changed (`None`: events were lost, read everything again).
    Changed(Option<Vec<PathBuf>>),
    /// A build finished.
    Built(Box<Result<(BuildOutcome, KnowledgeGraph), Error>>),
    /// Stop now.
    Stop,
}

/// A function giving the build settings, called before every build: lists named in them are
/// read again each time.
type Configure = dyn Fn() -> Result<BuildConfig, Error> + Send + Sync;

/// A watch of a corpus: builds, then rebuilds whenever it changes, until stopped.
///
/// ```no_run
/// use kgraph::{BuildConfig, InputConfig, Output, Watch, WatchConfig};
///
/// let watch = Watch::new(WatchConfig::default(), || {
///     Ok(BuildConfig::new(InputConfig::new(["_posts"]), Output::plan(&[], None)?))
/// });
/// let stopper = watch.stopper(); // call `stopper.stop()` from a Ctrl-C handler
/// watch.run(|rebuild| eprintln!("{}", rebuild.summary()))?;
/// # Ok::<(), kgraph::Error>(())
/// ```
pub struct Watch {
    config: WatchConfig,
    configure: Arc<Configure>,
    sender: Sender<Message>,
    receiver: Receiver<Message>,
}

impl Watch {
    /// A watch that builds with the settings `configure` gives (called before every build).
    pub fn new(
        config: WatchConfig,
        configure: impl Fn() -> Result<BuildConfig, Error> + Send + Sync + 'static,
    ) -> Self {
        let (sender, receiver) = mpsc::channel();
        Watch {
            config,
            configure: Arc::new(configure),
            sender,
            receiver,
        }
    }

    /// What stops [`Watch::run`].
    pub fn stopper(&self) -> Stopper {
        Stopper(self.sender.clone())
    }

    /// Builds, then rebuilds after every change, showing each build to `report`, until a
    /// [`Stopper`] stops it.
    ///
    /// Fails when the settings are wrong, the inputs cannot be watched, or the first build
    /// fails; a later build that fails is reported and the watch goes on.
    pub fn run(self, mut report: impl FnMut(&Rebuild)) -> Result<(), Error> {
        let settings = (self.configure)()?;
        let events = self.sender.clone();
        let relevance = relevance(&settings, &self.config.lists)?;
        let _watcher = watch_inputs(
            relevance,
            self.config.debounce,
            self.config.poll,
            move |c| {
                let _ = events.send(Message::Changed(c));
            },
        )?;
        let mut previous: Option<KnowledgeGraph> = None;
        let mut waiting: Option<Vec<PathBuf>> = None;
        let mut building = Some(Vec::new());
        self.start(None);
        while let Ok(message) = self.receiver.recv() {
            match message {
                Message::Stop => {
                    if building.is_some() {
                        abandon_writes();
                    }
                    return Ok(());
                }
                Message::Changed(paths) => {
                    let gathered = waiting.get_or_insert_with(Vec::new);
                    gathered.extend(paths.unwrap_or_default());
                }
                Message::Built(result) => {
                    let changed_files = building.take().unwrap_or_default();
                    let first = previous.is_none();
                    let (outcome, graph) = match *result {
                        Ok((outcome, graph)) => (Ok(outcome), Some(graph)),
                        Err(err) if first => return Err(err),
                        Err(err) => (Err(err), None),
                    };
                    let changes = (previous.as_ref().zip(graph.as_ref()))
                        .map(|(before, after)| GraphChanges::between(before, after));
                    report(&Rebuild {
                        first,
                        outcome,
                        changes,
                        changed_files,
                    });
                    previous = graph.or(previous);
                }
            }
            if building.is_none() {
                if let Some(mut paths) = waiting.take() {
                    paths.sort();
                    paths.dedup();
                    building = Some(paths);
                    self.start(previous.as_ref().map(Positions::of));
                }
            }
        }
        Ok(())
    }

    /// Starts a build on its own thread; its result comes back as [`Message::Built`].
    fn start(&self, previous: Option<Positions>) {
        let (configure, sender) = (Arc::clone(&self.configure), self.sender.clone());
        std::thread::spawn(move || {
            let built = configure().and_then(|settings| {
                build_from(&settings, &Silent, previous.as_ref(), Rebuilds::Follow)
            });
            let _ = sender.send(Message::Built(Box::new(built)));
        });
    }
}

/// The absolute paths whose changes call for a rebuild under `settings`.
fn relevance(settings: &BuildConfig, lists: &[PathBuf]) -> Result<Relevance, Error> {
    let absolute = |path: &PathBuf| {
        std::path::absolute(path).map_err(|source| Error::Input {
            path: path.clone(),
            source,
        })
    };
    let mut relevance = Relevance::default();
    for input in &settings.input.inputs {
        let path = absolute(input)?;
        let meta = std::fs::metadata(&path).map_err(|source| Error::Input {
            path: input.clone(),
            source,
        })?;
        if meta.is_dir() {
            relevance.folders.push(path);
        } else {
            relevance.files.push(path);
        }
    }
    for list in lists {
        relevance.files.push(absolute(list)?);
    }
    for output in &settings.outputs {
        if let Destination::File(path) | Destination::Folder(path) = &output.destination {
            relevance.outputs.push(absolute(path)?);
        }
    }
    Ok(relevance)
}
