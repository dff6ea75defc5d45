//! Per-stage benchmarks on the shared corpus: discover+read, extract, keywords, graph build,
//! metrics, layout, each export.
//!
//! ```text
//! cargo bench --features bench-stages --bench stages              # all stages
//! cargo bench --features bench-stages --bench stages -- export    # only the exports
//! KGRAPH_BENCH_CORPUS=path/to/_posts cargo bench --features bench-stages --bench stages
//! ```
//!
//! The corpus is `$KGRAPH_BENCH_CORPUS`, else `../shared/corpus/akf/_posts` next to the
//! repository; without one the benchmarks are skipped with a message. Under `cargo test
//! --all-features --benches` (no `--bench` flag) criterion runs each benchmark once, and only the
//! first [`TEST_MODE_POSTS`] posts are loaded so that stays quick. Single stages are reached
//! through `kgraph::stages`, which exists only with the `bench-stages` feature; the whole
//! pipeline goes through the public API.

use std::hint::black_box;
use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

use kgraph::stages::{self, Metric, Records, Texts};
use kgraph::{ExportOptions, Format, InputConfig, KeywordOptions, KnowledgeGraph, LayoutOptions};

/// Posts loaded when criterion runs in test mode.
const TEST_MODE_POSTS: usize = 20;

/// The corpus, read and extracted once for every benchmark that needs it.
struct Corpus {
    root: PathBuf,
    texts: Texts,
    records: Records,
    graph: KnowledgeGraph,
}

fn corpus_root() -> PathBuf {
    std::env::var_os("KGRAPH_BENCH_CORPUS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/akf/_posts"),
        PathBuf::from,
    )
}

fn is_bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn corpus() -> Option<&'static Corpus> {
    static CORPUS: OnceLock<Option<Corpus>> = OnceLock::new();
    CORPUS
        .get_or_init(|| {
            let root = corpus_root();
            if !root.is_dir() {
                eprintln!(
                    "stages: corpus {} not found; set KGRAPH_BENCH_CORPUS. Skipping.",
                    root.display()
                );
                return None;
            }
            let limit = (!is_bench_mode()).then_some(TEST_MODE_POSTS);
            let texts = Texts::read(&root, limit).expect("read the corpus");
            let records = texts.extract(true);
            let graph = records.graph(None);
            eprintln!(
                "stages: {} posts, {:.1} MB, {} nodes from {}",
                texts.len(),
                texts.bytes() as f64 / 1e6,
                graph.node_count(),
                root.display()
            );
            Some(Corpus {
                root,
                texts,
                records,
                graph,
            })
        })
        .as_ref()
}

/// Walk the folder and read every post (sequentially: the I/O cost alone).
fn discover_read(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let mut group = c.benchmark_group("discover_read");
    group.throughput(Throughput::Bytes(corpus.texts.bytes()));
    group.bench_function("discover", |b| b.iter(|| corpus.texts.discover()));
    group.bench_function("read", |b| b.iter(|| corpus.texts.reread()));
    group.finish();
}

/// Extract every post from text already in memory: one thread, then the rayon pool kgraph uses.
fn extract(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(corpus.texts.bytes()));
    group.bench_function("sequential", |b| b.iter(|| corpus.texts.extract(false)));
    group.bench_function("parallel", |b| b.iter(|| corpus.texts.extract(true)));
    group.finish();
}

/// The keyword stage: jieba's dictionary load (once per process in kgraph), ranking the terms of
/// every title, heading and caption (segmentation, phrases, statistics), and adding the nodes.
fn keywords(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let options = KeywordOptions::default();
    let builder = corpus.records.builder();
    // The first ranking loads the dictionary, outside the measurements.
    builder.rank_keywords(&options);
    let mut group = c.benchmark_group("keywords");
    group.bench_function("dictionary_load", |b| b.iter(stages::load_dictionary));
    group.bench_function("rank", |b| {
        b.iter(|| black_box(&builder).rank_keywords(&options))
    });
    group.bench_function("build_with_keywords", |b| {
        b.iter(|| corpus.records.graph(Some(&options)))
    });
    group.finish();
}

/// Add every extracted post to a graph builder and freeze the graph; then the whole front half
/// of the pipeline as the library runs it (parallel read + extract, build, no keywords).
fn graph_build(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let mut group = c.benchmark_group("graph");
    group.bench_function("build", |b| {
        b.iter(|| black_box(&corpus.records).graph(None))
    });
    if is_bench_mode() {
        let mut config = InputConfig::new([&corpus.root]);
        config.keywords = KeywordOptions::disabled();
        group.bench_function("load_corpus", |b| {
            b.iter(|| kgraph::load_corpus(black_box(&config), &kgraph::Silent).expect("load"))
        });
    }
    group.finish();
}

/// Degrees, PageRank, components and communities, each alone, then all of them written into the
/// graph as `kgraph build` does.
fn metrics(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let graph = &corpus.graph;
    let mut group = c.benchmark_group("metrics");
    for metric in Metric::ALL {
        group.bench_function(metric.name(), |b| {
            b.iter(|| metric.compute(black_box(graph)))
        });
    }
    group.bench_function("annotate", |b| {
        b.iter_batched(|| graph.clone(), kgraph::add_metrics, BatchSize::LargeInput)
    });
    group.finish();
}

/// The ForceAtlas2 layout, 10 iterations (the default runs 120; the cost is per iteration).
fn layout(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let graph = kgraph::add_metrics(corpus.graph.clone());
    let options = LayoutOptions { iterations: 10 };
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    group.bench_function("fa2_10_iterations", |b| {
        b.iter_batched(
            || graph.clone(),
            |g| kgraph::add_layout(g, &options),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// Write the graph, with its metrics as `kgraph build` exports it, into memory in every format
/// but the drawings (SVG and PNG are Graphviz laying out the whole corpus: minutes per sample,
/// and not kgraph's time) and HTML (which needs a layout).
fn export(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let options = ExportOptions::default();
    let graph = kgraph::add_metrics(corpus.graph.clone());
    let to_bytes = |format| -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        kgraph::export(black_box(&graph), format, &options, &mut bytes)?;
        Ok(bytes)
    };
    let written: Vec<(Format, Vec<u8>)> = Format::ALL
        .into_iter()
        .filter(|f| !matches!(f, Format::Svg | Format::Png | Format::Html) && !f.writes_folder())
        .filter_map(|format| match to_bytes(format) {
            Ok(bytes) => Some((format, bytes)),
            Err(err) => {
                eprintln!("stages: export/{}: skipped: {err}", format.extension());
                None
            }
        })
        .collect();
    let mut group = c.benchmark_group("export");
    for (format, bytes) in &written {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format.extension(), |b| {
            b.iter(|| to_bytes(*format).expect("export"))
        });
    }
    group.finish();
    // The ceiling for each writer: its own output copied into memory with one `write_all`.
    let mut group = c.benchmark_group("write_all");
    for (format, bytes) in &written {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format.extension(), |b| {
            b.iter(|| {
                let mut sink = Vec::new();
                sink.write_all(black_box(bytes)).expect("write to memory");
                sink
            })
        });
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
}

criterion_group! {
    name = stages;
    config = config();
    targets = discover_read, extract, keywords, graph_build, metrics, layout, export
}
criterion_main!(stages);
