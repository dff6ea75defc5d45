//! `kgraph watch` as a child process on a temporary corpus: it rebuilds after posts are created,
//! changed, renamed and deleted (each within a bounded time: a timeout, not a speed test),
//! reports what changed, ignores its own outputs inside the watched folder, and ends with 0 on
//! Ctrl-C leaving no temporary file. Unix only: Ctrl-C is sent with `kill -INT`.
#![cfg(unix)]

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{test_cache_home, write};

/// How long a change may take to reach the output before the test fails.
const PATIENCE: Duration = Duration::from_secs(20);

/// A running `kgraph watch posts -o posts/out/g.json …`, its stderr gathered as it comes.
struct Watching {
    child: Child,
    stderr: Arc<Mutex<String>>,
    output: PathBuf,
}

impl Watching {
    fn start(dir: &Path, extra: &[&str]) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kgraph"))
            .env("XDG_CACHE_HOME", test_cache_home())
            .current_dir(dir)
            .args([
                "watch",
                "posts",
                "-o",
                "posts/out/g.json",
                "-o",
                "posts/out/g.gexf",
            ])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let (mut pipe, gathered) = (child.stderr.take().unwrap(), Arc::clone(&stderr));
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = pipe.read(&mut buf) {
                gathered
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Watching {
            child,
            stderr,
            output: dir.join("posts/out/g.json"),
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// The lines `kgraph: rebuilt …` so far.
    fn rebuilt_lines(&self) -> Vec<String> {
        (self.stderr().lines())
            .filter(|l| l.starts_with("kgraph: rebuilt"))
            .map(str::to_string)
            .collect()
    }

    /// Waits until `done` holds, failing with `what` and the stderr so far after [`PATIENCE`].
    fn wait_for(&mut self, what: &str, done: impl Fn(&Watching) -> bool) {
        let started = Instant::now();
        while !done(self) {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "kgraph watch ended ({status}) before {what}:\n{}",
                    self.stderr()
                );
            }
            assert!(
                started.elapsed() < PATIENCE,
                "no {what} within {PATIENCE:?}:\n{}",
                self.stderr()
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the output to hold exactly these posts, and for `summary` in a rebuild line.
    fn wait_for_posts(&mut self, posts: &[&str], summary: &str) {
        let expected: BTreeSet<String> = posts.iter().map(|p| format!("post:{p}")).collect();
        self.wait_for(&format!("output with posts {posts:?}"), |w| {
            post_ids(&w.output) == Some(expected.clone())
        });
        self.wait_for(&format!("rebuild line with `{summary}`"), |w| {
            w.rebuilt_lines().iter().any(|l| l.contains(summary))
        });
    }

    /// Sends Ctrl-C and waits for the exit.
    fn interrupt(mut self) -> (ExitStatus, String) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status, self.stderr());
            }
            if started.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!(
                    "kgraph watch still running after Ctrl-C:\n{}",
                    self.stderr()
                );
            }
            thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The post ids in a JSON output, once it can be read.
fn post_ids(json: &Path) -> Option<BTreeSet<String>> {
    let value: serde_json::Value = serde_json::from_slice(&fs::read(json).ok()?).ok()?;
    let nodes = value["nodes"].as_array()?;
    Some(
        nodes
            .iter()
            .filter(|n| n["kind"] == "post")
            .filter_map(|n| n["id"].as_str().map(str::to_string))
            .collect(),
    )
}

fn has_node(json: &Path, id: &str) -> bool {
    fs::read_to_string(json).is_ok_and(|text| text.contains(&format!("\"{id}\"")))
}

/// Files kgraph left in the output folder besides its outputs.
fn leftovers(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "g.json" && n != "g.gexf")
        .collect();
    names.sort();
    names
}

fn post(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n---\n\n## Shared heading\n\n{body}\n")
}

#[test]
fn rebuilds_after_each_change_and_stops_cleanly_on_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "posts/a.md",
        post("Alpha", "https://example.org/alpha"),
    );
    write(root, "posts/b.md", post("Beta", "See [alpha](a.md)."));
    let mut watch = Watching::start(root, &[]);
    watch.wait_for("first build", |w| {
        w.stderr().contains("watching for changes")
    });
    assert_eq!(
        post_ids(&watch.output).unwrap().len(),
        2,
        "{}",
        watch.stderr()
    );

    write(root, "posts/c.md", post("Gamma", "[beta](b.md)"));
    watch.wait_for_posts(&["a.md", "b.md", "c.md"], "posts +1 ~0 -0");

    write(
        root,
        "posts/a.md",
        post("Alpha", "https://example.org/alpha\n\n#newtag"),
    );
    watch.wait_for("the new tag", |w| has_node(&w.output, "tag:newtag"));
    watch.wait_for_posts(&["a.md", "b.md", "c.md"], "posts +0 ~1 -0");

    fs::rename(root.join("posts/c.md"), root.join("posts/d.md")).unwrap();
    watch.wait_for_posts(&["a.md", "b.md", "d.md"], "posts +1 ~0 -1");

    // d.md links to b.md: its link is gone with b.md, so d.md changed too.
    fs::remove_file(root.join("posts/b.md")).unwrap();
    watch.wait_for_posts(&["a.md", "d.md"], "posts +0 ~1 -1");

    // Neither a file that is not Markdown nor kgraph's own outputs (inside the watched folder)
    // call for a rebuild: four changes, four rebuilds.
    write(root, "posts/notes.txt", "not a post");
    let (status, stderr) = watch.interrupt();
    let rebuilt: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("kgraph: rebuilt"))
        .collect();
    assert_eq!(rebuilt.len(), 4, "{stderr}");
    assert!(rebuilt[3].contains("nodes +0 -1"), "{stderr}");
    assert!(rebuilt[3].contains("→ 2 posts"), "{stderr}");
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(
        leftovers(&root.join("posts/out")).is_empty(),
        "{:?}",
        leftovers(&root.join("posts/out"))
    );
}

#[test]
fn diagnostics_of_each_rebuild_are_printed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "posts/a.md", post("Alpha", "text"));
    let mut watch = Watching::start(root, &["--no-keywords"]);
    watch.wait_for("first build", |w| {
        w.stderr().contains("watching for changes")
    });
    write(
        root,
        "posts/broken.md",
        "---\ntitle: [unclosed\n---\nbody\n",
    );
    watch.wait_for_posts(&["a.md", "broken.md"], "warnings");
    assert!(
        watch
            .stderr()
            .contains("posts/broken.md:2: warning: invalid front matter"),
        "{}",
        watch.stderr()
    );
    let (status, _) = watch.interrupt();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn polls_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "posts/a.md", post("Alpha", "text"));
    let mut watch = Watching::start(root, &["--poll", "--poll-interval", "100"]);
    watch.wait_for("first build", |w| {
        w.stderr().contains("watching for changes")
    });
    write(root, "posts/sub/b.md", post("Beta", "text"));
    watch.wait_for_posts(&["a.md", "sub/b.md"], "posts +1 ~0 -0");
    let (status, stderr) = watch.interrupt();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(leftovers(&root.join("posts/out")).is_empty());
}
