//! SVG and PNG export: the DOT export, drawn by Graphviz.
//!
//! The only exporter that leaves the process: it runs Graphviz's `dot` program, found on
//! `PATH`, as a child process (not through graphviz-rust's `exec`, which has no timeout and
//! drops stderr).
//!
//! # Format
//!
//! Whatever `dot -K<engine> -Tsvg` (or `-Tpng`) makes of the DOT export (see
//! [`dot`](super::dot)), which is fed on standard input:
//!
//! - **Engine** ([`Engine`]): `auto` picks `dot` (layered, left to right, the most readable)
//!   for graphs of at most [`MAX_DOT_NODES`] nodes and [`MAX_DOT_EDGES`] edges and `sfdp`
//!   (force-directed, scales to tens of thousands of nodes) above. `dot`'s time grows with edge
//!   crossings: measured on random graphs, 1.2 s at 150 nodes and 300 edges, 5 s at 200 and
//!   400, 10 s at 150 and 450, 30 s at 120 and 480; `sfdp` stays under 0.2 s there and takes
//!   about 13 s for a 3 000-node PNG. Any engine can be forced.
//! - **Legend**: `dot` and `fdp` draw the DOT export's legend cluster as a framed box; `dot`
//!   gets the DOT export byte for byte. The other engines ignore clusters and would scatter its
//!   sample nodes, so they get the legend as a single table node instead ([`Legend::Table`]).
//! - **Overlaps**: the force-directed engines remove node overlaps one by one (`overlap=false`,
//!   Graphviz's prism) up to [`MAX_PRISM_NODES`] nodes, and above that spread the layout until
//!   none remain (`overlap=scale`). Measured with `sfdp` on subgraphs of a real blog: prism
//!   0.7 s at 1 000 nodes, 7 s at 3 000, 557 s at 25 827; scale 0.2 s, 1 s and 26 s.
//! - **Text**: labels are set in "Noto Sans CJK SC" (the DOT export's font), so CJK renders
//!   wherever that font or another CJK font is installed (Debian: `fonts-noto-cjk`, and
//!   `fonts-noto-color-emoji` for emoji in PNG); without one Graphviz draws empty boxes and says
//!   nothing. SVG keeps labels as `<text>`, drawn by the viewer's fonts (box sizes come from the
//!   rendering machine's), and each node's real id as its tooltip (`xlink:title`).
//! - **Timeout**: Graphviz is stopped after [`ExportOptions::render_timeout`] (60 s by
//!   default) and the export fails with `TimedOut`.
//! - **Failures** are `io::Error`s whose message says what to do: Graphviz missing (with how to
//!   install it), Graphviz failing (with its first lines of stderr), or the timeout.
//! - **Warnings**: Graphviz's stderr on success is not an error and is dropped: the warnings
//!   it prints then concern the drawing (a PNG too large for cairo is scaled down, a spline
//!   routed badly), not the file, which is complete. kgraph's own DOT renders without any
//!   warning, which the tests check.
//! - Output is deterministic for a given Graphviz (`sfdp` and `neato` start from a fixed seed).

use std::fmt;
use std::io::{self, Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::dot::{write_dot, Drawing, Legend};
use super::{ExportOptions, Exporter};
use crate::model::KnowledgeGraph;

/// Largest graph, in nodes, that `auto` hands to `dot`.
pub(crate) const MAX_DOT_NODES: usize = 200;

/// Largest graph, in edges, that `auto` hands to `dot`.
pub(crate) const MAX_DOT_EDGES: usize = 300;

/// Largest graph, in nodes, whose overlaps the force-directed engines remove one by one.
pub(crate) const MAX_PRISM_NODES: usize = 3000;

/// The Graphviz program run; the engine is chosen with `-K`.
const GRAPHVIZ: &str = "dot";

/// What to tell a user whose machine has no Graphviz.
const INSTALL_HINT: &str = "Graphviz `dot` not found; install it (Debian/Ubuntu: apt-get install \
                            graphviz fonts-noto-cjk; macOS: brew install graphviz) or export .dot";

/// Most lines of Graphviz's stderr quoted in an error.
const STDERR_LINES: usize = 8;

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Engine {
    /// `dot` for small graphs, `sfdp` for large ones.
    #[default]
    Auto,
    /// Layered drawing, left to right: the most readable, slow beyond a few hundred edges.
    Dot,
    /// Force-directed, multiscale: fast on large graphs.
    Sfdp,
    /// Force-directed (stress majorization).
    Neato,
    /// Force-directed (spring model), draws the legend cluster.
    Fdp,
    /// Circular layout.
    Circo,
    /// Radial layout.
    Twopi,
}

impl Engine {
    /// The engine that draws `graph`: `self`, or for `auto` the choice by size.
    pub fn resolve(self, graph: &KnowledgeGraph) -> Engine {
        match self {
            Engine::Auto
                if graph.node_count() <= MAX_DOT_NODES && graph.edge_count() <= MAX_DOT_EDGES =>
            {
                Engine::Dot
            }
            Engine::Auto => Engine::Sfdp,
            other => other,
        }
    }

    /// The engine's name for `-K`.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Auto => "auto",
            Engine::Dot => "dot",
            Engine::Sfdp => "sfdp",
            Engine::Neato => "neato",
            Engine::Fdp => "fdp",
            Engine::Circo => "circo",
            Engine::Twopi => "twopi",
        }
    }

    /// Whether the engine draws clusters (and so the DOT export's legend cluster).
    fn draws_clusters(self) -> bool {
        matches!(self, Engine::Dot | Engine::Fdp)
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Draws the graph with Graphviz into one output format.
pub(crate) struct RenderExporter {
    /// The Graphviz output format (`-T`).
    target: &'static str,
}

impl RenderExporter {
    /// SVG.
    pub(crate) const SVG: RenderExporter = RenderExporter { target: "svg" };
    /// PNG (cairo).
    pub(crate) const PNG: RenderExporter = RenderExporter { target: "png" };
}

impl Exporter for RenderExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let engine = options.engine.resolve(graph);
        let mut dot = Vec::new();
        write_dot(graph, options, drawing(engine, graph), &mut dot)?;
        let args = [format!("-K{engine}"), format!("-T{}", self.target)];
        let drawing = run(&args, &dot, options.render_timeout).map_err(|e| match e {
            RunError::Io(e) => e,
            RunError::TimedOut => io::Error::new(
                io::ErrorKind::TimedOut,
                format!(
                    "Graphviz `{engine}` was stopped after {} s on {} nodes and {} edges; try {}\
                     fewer nodes (--max-nodes, --focus) or a longer --render-timeout",
                    options.render_timeout.as_secs_f64(),
                    graph.node_count(),
                    graph.edge_count(),
                    if engine == Engine::Sfdp {
                        ""
                    } else {
                        "--engine sfdp, "
                    },
                ),
            ),
            RunError::Failed(status, stderr) => io::Error::other(format!(
                "Graphviz `{engine}` failed ({status}): {}",
                first_lines(&stderr)
            )),
        })?;
        out.write_all(&drawing)
    }
}

/// How the DOT export is tuned for `engine` drawing `graph`.
fn drawing(engine: Engine, graph: &KnowledgeGraph) -> Drawing {
    if engine == Engine::Dot {
        return Drawing::FILE;
    }
    Drawing {
        legend: if engine.draws_clusters() {
            Legend::Cluster
        } else {
            Legend::Table
        },
        overlap: if graph.node_count() <= MAX_PRISM_NODES {
            "false"
        } else {
            "scale"
        },
    }
}

/// Why running Graphviz gave no drawing.
#[derive(Debug)]
enum RunError {
    /// It could not be started or talked to.
    Io(io::Error),
    /// It ran past the timeout and was killed.
    TimedOut,
    /// It exited unsuccessfully, with this stderr.
    Failed(ExitStatus, Vec<u8>),
}

impl From<io::Error> for RunError {
    fn from(e: io::Error) -> Self {
        RunError::Io(e)
    }
}

/// The first lines of Graphviz's stderr, on one line.
fn first_lines(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut shown = lines[..lines.len().min(STDERR_LINES)].join(" | ");
    if lines.len() > STDERR_LINES {
        shown.push_str(" | …");
    }
    if shown.is_empty() {
        shown.push_str("no message");
    }
    shown
}

/// Runs Graphviz with `args`, `input` on its stdin, and returns its stdout.
///
/// Stdin is written and stdout and stderr are read on their own threads, so a large graph or a
/// chatty Graphviz cannot deadlock on a full pipe. The child is killed when `timeout` passes.
fn run(args: &[String], input: &[u8], timeout: Duration) -> Result<Vec<u8>, RunError> {
    let mut child = Command::new(GRAPHVIZ)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => io::Error::new(io::ErrorKind::NotFound, INSTALL_HINT),
            _ => io::Error::new(e.kind(), format!("cannot run Graphviz `{GRAPHVIZ}`: {e}")),
        })?;
    let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        kill(&mut child);
        return Err(io::Error::other("Graphviz's pipes could not be opened").into());
    };
    thread::scope(|scope| {
        // A failed write (Graphviz exited early) shows in its status and stderr instead.
        scope.spawn(move || {
            let _ = stdin.write_all(input);
        });
        let out = scope.spawn(move || {
            let mut buf = Vec::new();
            stdout.read_to_end(&mut buf).map(|_| buf)
        });
        let err = scope.spawn(move || {
            let mut buf = Vec::new();
            // Stderr only decorates an error: a read failure leaves it short, nothing more.
            let _ = stderr.read_to_end(&mut buf);
            buf
        });
        let status = wait(&mut child, timeout);
        let out = out
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("reader panicked")));
        let err = err.join().unwrap_or_default();
        match status? {
            None => Err(RunError::TimedOut),
            Some(status) if !status.success() => Err(RunError::Failed(status, err)),
            Some(_) => Ok(out?),
        }
    })
}

/// Waits for `child` until `timeout`; `None` when it had to be killed.
///
/// On any error the child is killed too, so that the pipe threads always finish.
fn wait(child: &mut Child, timeout: Duration) -> io::Result<Option<ExitStatus>> {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(Some(status)),
            Ok(None) => {}
            Err(e) => {
                kill(child);
                return Err(e);
            }
        }
        let now = Instant::now();
        if now >= deadline {
            kill(child);
            return Ok(None);
        }
        thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// Kills `child` and reaps it; it may have exited already, which is fine.
fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, EdgeKind, Node, NodeId, NodeKind};

    fn chain(n: usize) -> KnowledgeGraph {
        let nodes = (0..n)
            .map(|i| Node {
                id: NodeId::new(NodeKind::Topic, format!("{i:05}")),
                label: i.to_string(),
                attrs: Default::default(),
            })
            .collect();
        let edges = (1..n)
            .map(|i| {
                let e = Edge {
                    kind: EdgeKind::Subtopic,
                    weight: 1,
                };
                (i - 1, i, e)
            })
            .collect();
        KnowledgeGraph::from_parts(nodes, edges)
    }

    #[test]
    fn auto_picks_dot_for_small_graphs_and_sfdp_for_large_ones() {
        assert_eq!(Engine::Auto.resolve(&chain(MAX_DOT_NODES)), Engine::Dot);
        assert_eq!(
            Engine::Auto.resolve(&chain(MAX_DOT_NODES + 1)),
            Engine::Sfdp
        );
        assert_eq!(Engine::Neato.resolve(&chain(3)), Engine::Neato);
        assert_eq!(Engine::Dot.resolve(&chain(1000)), Engine::Dot);
    }

    #[test]
    fn drawings_suit_the_engine_and_the_size() {
        let small = chain(5);
        let large = chain(MAX_PRISM_NODES + 1);
        assert_eq!(drawing(Engine::Dot, &large), Drawing::FILE);
        let sfdp = drawing(Engine::Sfdp, &small);
        assert_eq!((sfdp.legend, sfdp.overlap), (Legend::Table, "false"));
        let fdp = drawing(Engine::Fdp, &small);
        assert_eq!((fdp.legend, fdp.overlap), (Legend::Cluster, "false"));
        let sfdp = drawing(Engine::Sfdp, &large);
        assert_eq!((sfdp.legend, sfdp.overlap), (Legend::Table, "scale"));
    }

    #[test]
    fn names_match_clap_values() {
        use clap::ValueEnum;
        for engine in Engine::value_variants() {
            let value = engine.to_possible_value().unwrap();
            assert_eq!(value.get_name(), engine.name());
        }
    }

    #[test]
    fn stderr_is_quoted_briefly() {
        assert_eq!(first_lines(b""), "no message");
        assert_eq!(
            first_lines(b"Error: syntax error in line 1\n\n  near 'x'\n"),
            "Error: syntax error in line 1 | near 'x'"
        );
        let many: Vec<u8> = (0..20)
            .flat_map(|i| format!("w{i}\n").into_bytes())
            .collect();
        assert!(first_lines(&many).ends_with("w7 | …"));
    }

    /// kgraph's own DOT must render without a warning in both legend styles, since the
    /// exporter drops Graphviz's stderr on success.
    #[test]
    fn both_legend_styles_render_without_a_warning() {
        if Command::new(GRAPHVIZ).arg("-V").output().is_err() {
            eprintln!("note: Graphviz `dot` not found; skipping");
            return;
        }
        let graph = chain(5);
        for engine in [Engine::Dot, Engine::Sfdp] {
            let mut dot = Vec::new();
            let drawing = drawing(engine, &graph);
            write_dot(&graph, &ExportOptions::default(), drawing, &mut dot).unwrap();
            let mut child = Command::new(GRAPHVIZ)
                .args([format!("-K{engine}"), "-Tsvg".into()])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            child.stdin.take().unwrap().write_all(&dot).unwrap();
            let run = child.wait_with_output().unwrap();
            assert!(run.status.success(), "{engine}");
            assert_eq!(String::from_utf8_lossy(&run.stderr), "", "{engine} warned");
            let svg = String::from_utf8(run.stdout).unwrap();
            assert!(svg.contains(">Legend</text>"), "{engine}: {svg}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_slow_child_is_killed_at_the_timeout() {
        let mut child = Command::new("sleep").arg("5").spawn().unwrap();
        let started = Instant::now();
        let status = wait(&mut child, Duration::from_millis(100)).unwrap();
        assert_eq!(status, None);
        assert!(started.elapsed() < Duration::from_secs(2));
        assert!(child.try_wait().unwrap().is_some(), "killed and reaped");
    }
}
