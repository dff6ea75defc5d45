//! Atomic writes: a run that fails leaves every previous output byte-identical, an output that
//! cannot be written keeps its previous file while the others are written, a full disk or a
//! read-only folder fails the outputs but breaks no file, and no temporary file is left behind.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use crate::common::{
    build_all, failed_run_lines, kgraph_at_root, stderr_of, write, HOSTILE_CORPUS,
};

/// Writes a previous output next to each requested one and returns the paths with their bytes.
fn previous_outputs(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    ["g.json", "g.graphml", "g.dot"]
        .iter()
        .map(|name| {
            let path = dir.join(name);
            let bytes = format!("previous {name}\n").into_bytes();
            fs::write(&path, &bytes).unwrap();
            (path, bytes)
        })
        .collect()
}

fn assert_untouched(previous: &[(PathBuf, Vec<u8>)]) {
    for (path, bytes) in previous {
        assert_eq!(
            &fs::read(path).unwrap(),
            bytes,
            "{} changed",
            path.display()
        );
    }
}

/// Files whose name says they are kgraph's temporary files.
fn temporary_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
        .collect()
}

#[test]
fn runs_that_fail_before_writing_leave_previous_outputs_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let previous = previous_outputs(dir.path());
    let g = |ext: &str| dir.path().join(format!("g.{ext}")).display().to_string();
    let empty = tempfile::tempdir().unwrap();
    let empty = empty.path().display().to_string();
    let cases: [(Vec<String>, i32, &str); 5] = [
        (
            vec!["no/such/folder".into(), "-o".into(), g("json")],
            2,
            "cannot read input no/such/folder",
        ),
        (
            vec![
                HOSTILE_CORPUS.into(),
                "-o".into(),
                g("json"),
                "-o".into(),
                "g.xlsx".into(),
            ],
            2,
            "cannot tell the format of `g.xlsx`",
        ),
        (
            vec![
                HOSTILE_CORPUS.into(),
                "-o".into(),
                g("dot"),
                "--focus".into(),
                "no such node 🧠".into(),
            ],
            2,
            "matches no node id or label",
        ),
        (
            vec![
                HOSTILE_CORPUS.into(),
                "-o".into(),
                g("graphml"),
                "--kinds".into(),
                "tag".into(),
                "--exclude-kinds".into(),
                "tag".into(),
            ],
            1,
            "the filters removed every node; nothing was written",
        ),
        (
            vec![empty, "-o".into(), g("json")],
            1,
            "no post could be read from the inputs; nothing was written",
        ),
    ];
    for (args, code, message) in cases {
        let out = kgraph_at_root().arg("build").args(&args).output().unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_untouched(&previous);
        assert!(temporary_files(dir.path()).is_empty());
    }
}

#[cfg(unix)]
#[test]
fn a_failing_output_keeps_its_previous_file_and_the_others_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let previous = previous_outputs(dir.path());
    fs::create_dir(dir.path().join("taken.graphml")).unwrap();
    let blocker = write(dir.path(), "blocker", "a file where a folder should be");
    let out = kgraph_at_root()
        .args([
            "build",
            HOSTILE_CORPUS,
            "-q",
            "-o",
            "/dev/full",
            "--format",
            "json",
            "-o",
        ])
        .arg(blocker.join("g.json"))
        .arg("-o")
        .arg(dir.path().join("taken.graphml"))
        .arg("-o")
        .arg(dir.path().join("fresh.dot"))
        .output()
        .unwrap();
    let (stderr, errors) = failed_run_lines(&out, "kgraph: error: ");
    assert_eq!(errors.len(), 3, "{stderr}");
    assert!(errors[0].starts_with("kgraph: error: cannot write /dev/full: "));
    let under_blocker = format!(
        "kgraph: error: cannot write {}",
        blocker.join("g.json").display()
    );
    assert!(errors[1].starts_with(&under_blocker), "{stderr}");
    assert!(errors[2].contains("taken.graphml: a directory is in the way"));
    assert!(fs::metadata(dir.path().join("fresh.dot")).unwrap().len() > 0);
    assert!(dir.path().join("taken.graphml").is_dir());
    assert_untouched(&previous);
    assert!(temporary_files(dir.path()).is_empty());
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    /// Mounts a tmpfs of `size` at `dir`, or `None` when this process may not mount.
    fn tmpfs(dir: &Path, size: &str) -> Option<Mount> {
        let ok = Process::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| Mount(dir.to_path_buf()))
    }

    fn remount_read_only(&self) {
        let run = Process::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .output()
            .unwrap();
        assert!(run.status.success(), "{run:?}");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Process::new("umount").arg("-l").arg(&self.0).output();
    }
}

/// A corpus whose JSON export is well over 64 KiB.
fn big_corpus(dir: &Path) -> PathBuf {
    let posts = dir.join("posts");
    fs::create_dir_all(&posts).unwrap();
    for i in 0..300 {
        let text = format!(
            "---\ntitle: Post number {i} with a long title to fill the disk\n---\n\n\
             # Topic {i}\n\nhttps://example.org/resource/{i}\n\nThe caption of resource {i}\n"
        );
        fs::write(posts.join(format!("p{i:03}.md")), text).unwrap();
    }
    posts
}

#[test]
fn a_full_disk_fails_the_output_and_keeps_the_previous_file() {
    let dir = tempfile::tempdir().unwrap();
    let posts = big_corpus(dir.path());
    let disk = dir.path().join("disk");
    fs::create_dir(&disk).unwrap();
    let Some(_mount) = Mount::tmpfs(&disk, "64k") else {
        eprintln!("note: cannot mount a small tmpfs (needs root); the full disk is tested on /dev/full only");
        let out = kgraph_at_root()
            .arg("build")
            .arg(&posts)
            .args(["-q", "--format", "json", "-o", "/dev/full"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr_of(&out).contains("No space left on device"));
        return;
    };
    let previous = previous_outputs(&disk);
    let out = build_all(&[&posts], &disk, &["-q"]);
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    // The JSON does not fit; whatever did fit was replaced whole, the rest is untouched.
    let json = &previous[0];
    assert_eq!(fs::read(&json.0).unwrap(), json.1);
    for (path, bytes) in &previous[1..] {
        let now = fs::read(path).unwrap();
        let name = path.display().to_string();
        if now != *bytes {
            assert!(
                !stderr.contains(&format!("cannot write {name}")),
                "{stderr}"
            );
            assert!(now.len() > bytes.len(), "{name} is not a whole export");
        }
    }
    assert!(
        temporary_files(&disk).is_empty(),
        "{:?}",
        temporary_files(&disk)
    );
}

#[test]
fn a_read_only_folder_fails_every_output_and_keeps_the_previous_files() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ro");
    fs::create_dir(&folder).unwrap();
    let mount = Mount::tmpfs(&folder, "1m");
    let previous = previous_outputs(&folder);
    match &mount {
        Some(m) => m.remount_read_only(),
        None => set_read_only(&folder, true),
    }
    if fs::write(folder.join("probe"), "x").is_ok() {
        eprintln!("note: cannot make a read-only folder here; skipping");
        set_read_only(&folder, false);
        return;
    }
    let out = build_all(&[Path::new(HOSTILE_CORPUS)], &folder, &["-q"]);
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.contains("cannot write"))
            .count(),
        3,
        "{stderr}"
    );
    assert_untouched(&previous);
    assert!(temporary_files(&folder).is_empty());
    if mount.is_none() {
        set_read_only(&folder, false);
    }
}

fn set_read_only(dir: &Path, yes: bool) {
    let mut permissions = fs::metadata(dir).unwrap().permissions();
    permissions.set_readonly(yes);
    fs::set_permissions(dir, permissions).unwrap();
}

#[test]
fn an_interrupted_build_exits_130_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    for i in 0..3000 {
        let post = format!(
            "---\ntitle: Post {i}\n---\n# Topic {i}\n\nhttps://example.com/{i}\n\nCaption {i} on 多模态 learning\n"
        );
        write(&posts, format!("p{i}.md"), post);
    }
    let out = dir.path().join("out");
    let mut interrupted = 0;
    for delay in [100, 250, 500, 1000, 2000] {
        let mut child = Process::new(env!("CARGO_BIN_EXE_kgraph"))
            .arg("build")
            .arg(&posts)
            .args(["--quiet", "--no-cache"])
            .args(
                ["gexf", "graphml", "json"]
                    .map(|f| format!("-o{}", out.join(format!("g.{f}")).display())),
            )
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let pid = child.id().to_string();
        let _ = Process::new("kill").args(["-INT", &pid]).status();
        let status = child.wait().unwrap();
        assert!(
            status.success() || status.code() == Some(130),
            "after {delay} ms: {status:?}"
        );
        interrupted += usize::from(status.code() == Some(130));
        let names: Vec<String> = fs::read_dir(&out)
            .map(|entries| {
                entries
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            names
                .iter()
                .all(|n| ["g.gexf", "g.graphml", "g.json"].contains(&n.as_str())),
            "after {delay} ms: {names:?}"
        );
    }
    assert!(
        interrupted > 0,
        "no run was interrupted: the posts are too few"
    );
}
