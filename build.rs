//! Bundles the HTML viewer (`viewer/`) for `-o graph.html`.
//!
//! With Node.js and npm on the PATH: `npm ci` in `viewer/` when `viewer/node_modules` is missing
//! or older than the lockfile, then `node viewer/build.mjs --out $OUT_DIR`, which writes
//! `viewer.js`, `viewer.css` and `NOTICES.txt` there; `src/export/html.rs` includes them when the
//! `kgraph_viewer` cfg is set. When any of that fails, or `KGRAPH_NO_VIEWER=1`, kgraph builds
//! without the viewer and `-o graph.html` explains how to get it.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

/// What the bundle is built from; a change to any of them rebuilds it.
const INPUTS: [&str; 4] = [
    "viewer/src",
    "viewer/build.mjs",
    "viewer/package.json",
    "viewer/package-lock.json",
];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(kgraph_viewer)");
    println!("cargo::rerun-if-env-changed=KGRAPH_NO_VIEWER");
    if env::var("KGRAPH_NO_VIEWER").is_ok_and(|v| !v.is_empty() && v != "0") {
        return;
    }
    for input in INPUTS {
        println!("cargo::rerun-if-changed={input}");
    }
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    match build_viewer(Path::new("viewer"), &out_dir) {
        Ok(()) => println!("cargo::rustc-cfg=kgraph_viewer"),
        Err(why) => {
            for line in why.lines() {
                println!("cargo::warning=HTML viewer not built: {line}");
            }
            println!(
                "cargo::warning=kgraph works, but `-o graph.html` is unavailable. Install Node.js \
                 >= 20 and npm, then rebuild; or set KGRAPH_NO_VIEWER=1 to build without it quietly."
            );
            // A path that never exists makes Cargo run this script again on the next build, so
            // installing Node.js is enough; no source file needs to change.
            println!("cargo::rerun-if-changed=viewer/node_modules/.kgraph-retry");
        }
    }
}

fn build_viewer(viewer: &Path, out_dir: &Path) -> Result<(), String> {
    let node = run(Command::new("node").arg("--version"), "node --version")?;
    let version = String::from_utf8_lossy(&node.stdout).trim().to_string();
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < 20 {
        return Err(format!("Node.js {version} is too old (20 or newer needed)"));
    }
    if needs_install(viewer) {
        run(
            Command::new(npm())
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(viewer),
            "npm ci (in viewer/)",
        )?;
    }
    run(
        Command::new("node")
            .arg("build.mjs")
            .arg("--out")
            .arg(out_dir)
            .current_dir(viewer),
        "node viewer/build.mjs",
    )?;
    Ok(())
}

/// The npm command (a `.cmd` script on Windows).
fn npm() -> &'static str {
    if cfg!(windows) {
        "npm.cmd"
    } else {
        "npm"
    }
}

/// Whether `node_modules` is missing or older than the lockfile (npm records the installed tree
/// in `node_modules/.package-lock.json`).
fn needs_install(viewer: &Path) -> bool {
    let modified = |p: PathBuf| fs::metadata(p).and_then(|m| m.modified()).ok();
    let installed = modified(viewer.join("node_modules/.package-lock.json"));
    let wanted = modified(viewer.join("package-lock.json")).unwrap_or(SystemTime::UNIX_EPOCH);
    installed.is_none_or(|t| t < wanted)
}

/// Runs `command`, turning a spawn failure or a non-zero exit into a message with its output's tail.
fn run(command: &mut Command, what: &str) -> Result<Output, String> {
    let output = command
        .output()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    if output.status.success() {
        return Ok(output);
    }
    let mut text = String::from_utf8_lossy(&output.stderr).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stdout));
    let tail: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = tail[tail.len().saturating_sub(8)..].join("\n");
    Err(format!("{what} failed ({}):\n{tail}", output.status))
}
