//! Per-stage benchmarks on the shared corpus: discover+read, extract, keywords, graph build,
//! metrics, layout, each export.
//!
//! ```text
//! cargo bench --bench stages                      # all stages
//! cargo bench --bench stages -- export            # only the exports
//! KGRAPH_BENCH_CORPUS=path/to/_posts cargo bench --bench stages
//! ```
//!
//! The corpus is `$KGRAPH_BENCH_CORPUS`, else `../shared/corpus/akf/_posts` next to the
//! repository; without one the benchmarks are skipped with a message. Under `cargo test
//! --benches` / `--all-targets` (no `--bench` flag) criterion runs each benchmark once,
//! and only the first [`TEST_MODE_POSTS`] posts are loaded so that stays quick.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use rayon::prelude::*;

use kgraph::discover::{discover, SourceFile};
use kgraph::export::{to_bytes, ExportOptions, Format};
use kgraph::extract::{default_generic_headings, extract_post, ExtractOptions, PostRecord};
use kgraph::keywords::KeywordOptions;
use kgraph::model::{GraphBuilder, KnowledgeGraph};
use kgraph::read::read_post;

/// Posts loaded when criterion runs in test mode.
const TEST_MODE_POSTS: usize = 20;

/// The corpus, read and extracted once for every benchmark that needs it.
struct Corpus {
    root: PathBuf,
    files: Vec<SourceFile>,
    texts: Vec<(String, String)>,
    bytes: u64,
    options: ExtractOptions,
    records: Vec<PostRecord>,
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

fn options() -> ExtractOptions {
    ExtractOptions {
        generic_headings: default_generic_headings(),
        ..ExtractOptions::default()
    }
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
            let (mut files, _) = discover(std::slice::from_ref(&root), &[]).expect("discover");
            if !is_bench_mode() {
                files.truncate(TEST_MODE_POSTS);
            }
            let mut diagnostics = Vec::new();
            let texts: Vec<(String, String)> = files
                .iter()
                .filter_map(|f| Some((f.rel_path.clone(), read_post(f, &mut diagnostics)?)))
                .collect();
            let bytes = texts.iter().map(|(_, t)| t.len() as u64).sum();
            let options = options();
            let records: Vec<PostRecord> = texts
                .iter()
                .map(|(path, text)| extract_post(path, text, &options))
                .collect();
            let graph = build(&records);
            eprintln!(
                "stages: {} posts, {:.1} MB, {} nodes from {}",
                texts.len(),
                bytes as f64 / 1e6,
                graph.node_count(),
                root.display()
            );
            Some(Corpus {
                root,
                files,
                texts,
                bytes,
                options,
                records,
                graph,
            })
        })
        .as_ref()
}

fn build(records: &[PostRecord]) -> KnowledgeGraph {
    let mut builder = GraphBuilder::new();
    for record in records {
        builder.add_post(record);
    }
    builder.finish().0
}

/// Walk the folder and read every post (sequentially: the I/O cost alone).
fn discover_read(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let mut group = c.benchmark_group("discover_read");
    group.throughput(Throughput::Bytes(corpus.bytes));
    group.bench_function("discover", |b| {
        b.iter(|| discover(std::slice::from_ref(&corpus.root), &[]).expect("discover"))
    });
    group.bench_function("read", |b| {
        b.iter(|| {
            let mut diagnostics = Vec::new();
            corpus
                .files
                .iter()
                .filter_map(|f| read_post(f, &mut diagnostics))
                .map(|t| t.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

/// Extract every post from text already in memory: one thread, then the rayon pool kgraph uses.
fn extract(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(corpus.bytes));
    group.bench_function("sequential", |b| {
        b.iter(|| {
            corpus
                .texts
                .iter()
                .map(|(path, text)| extract_post(path, text, &corpus.options))
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("parallel", |b| {
        b.iter(|| {
            corpus
                .texts
                .par_iter()
                .map(|(path, text)| extract_post(path, text, &corpus.options))
                .collect::<Vec<_>>()
        })
    });
    group.finish();
}

/// The keyword stage: jieba's dictionary load (once per process in kgraph), ranking the terms of
/// every title, heading and caption (segmentation, phrases, statistics), and adding the nodes.
fn keywords(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let options = KeywordOptions::default();
    let mut builder = GraphBuilder::new();
    for record in &corpus.records {
        builder.add_post(record);
    }
    // The first ranking loads the dictionary, outside the measurements.
    kgraph::keywords::rank_keywords(&builder, &options);
    let mut group = c.benchmark_group("keywords");
    group.bench_function("dictionary_load", |b| b.iter(jieba_rs::Jieba::new));
    group.bench_function("rank", |b| {
        b.iter(|| kgraph::keywords::rank_keywords(black_box(&builder), &options))
    });
    group.bench_function("build_with_keywords", |b| {
        b.iter(|| {
            let mut builder = GraphBuilder::new();
            for record in &corpus.records {
                builder.add_post(record);
            }
            kgraph::keywords::add_keywords(&mut builder, &options);
            builder.finish().0
        })
    });
    group.finish();
}

/// Add every extracted post to a graph builder and freeze the graph.
fn graph_build(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let mut group = c.benchmark_group("graph");
    group.bench_function("build", |b| b.iter(|| build(black_box(&corpus.records))));
    // The library's whole pipeline without exports: parallel read + extract, then build.
    group.bench_function("build_graph_from_files", |b| {
        b.iter(|| kgraph::build_graph(black_box(&corpus.files), &corpus.options))
    });
    group.finish();
}

/// Degrees, PageRank, components and communities, each alone, then all of them written into the
/// graph as `kgraph build` does.
fn metrics(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let graph = &corpus.graph;
    let mut group = c.benchmark_group("metrics");
    group.bench_function("degrees", |b| {
        b.iter(|| kgraph::metrics::degrees(black_box(graph)))
    });
    group.bench_function("pagerank", |b| {
        b.iter(|| kgraph::metrics::pagerank(black_box(graph)))
    });
    group.bench_function("components", |b| {
        b.iter(|| kgraph::metrics::components(black_box(graph)))
    });
    group.bench_function("communities", |b| {
        b.iter(|| kgraph::metrics::communities(black_box(graph)))
    });
    group.bench_function("annotate", |b| {
        b.iter_batched(
            || graph.clone(),
            kgraph::metrics::annotate,
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// The ForceAtlas2 layout, 10 iterations (the default runs 150; the cost is per iteration).
fn layout(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let graph = kgraph::metrics::annotate(corpus.graph.clone());
    let options = kgraph::layout::LayoutOptions { iterations: 10 };
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    group.bench_function("fa2_10_iterations", |b| {
        b.iter_batched(
            || graph.clone(),
            |g| kgraph::layout::annotate(g, &options),
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
    let graph = kgraph::metrics::annotate(corpus.graph.clone());
    let mut group = c.benchmark_group("export");
    let written = Format::ALL
        .into_iter()
        .filter(|f| !matches!(f, Format::Svg | Format::Png | Format::Html));
    for format in written {
        let size = match to_bytes(&graph, format, &options) {
            Ok(bytes) => bytes.len(),
            Err(err) => {
                eprintln!("stages: export/{}: skipped: {err}", format.extension());
                continue;
            }
        };
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_function(format.extension(), |b| {
            b.iter(|| to_bytes(black_box(&graph), format, &options).expect("export"))
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
