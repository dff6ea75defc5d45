//! kgraph turns a folder of Markdown posts into a knowledge graph and exports it.
//!
//! ```text
//! discover (sorted paths) → read → extract_post (parallel) → GraphBuilder (sorted order)
//!   → keywords (parallel segmentation, corpus ranking) → KnowledgeGraph (sorted, immutable)
//!   → filters → metrics (node attributes) → layout (when asked: x, y)
//!   → Exporter per Format → atomic file writes
//! ```

pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod error;
pub mod export;
pub mod extract;
pub mod keywords;
pub mod layout;
pub mod metrics;
pub mod model;
pub mod output;
pub mod progress;
pub mod read;
pub mod report;
pub mod stats;

use std::collections::HashMap;
use std::time::Instant;

use rayon::prelude::*;

pub use config::Config;
pub use error::Error;
pub use progress::{Progress, Silent, Stage, Timing};
pub use report::Report;

use diagnostic::Diagnostic;
use discover::SourceFile;
use extract::{ExtractOptions, PostRecord};
use keywords::{KeywordOptions, KeywordRanking};
use model::{GraphBuilder, KnowledgeGraph};
use progress::StageClock;

/// Reads every input, builds the graph and writes every output.
///
/// Fails only when the inputs cannot be found or the filters name no node; problems
/// with single posts are diagnostics, and outputs that cannot be written are listed in
/// `Report::failed` while the others are still written. When the filters leave no
/// node, nothing is written.
pub fn run(config: &Config) -> Result<Report, Error> {
    run_with_progress(config, &Silent)
}

/// [`run`], telling `progress` what it is doing as it goes.
pub fn run_with_progress(config: &Config, progress: &dyn Progress) -> Result<Report, Error> {
    let started = Instant::now();
    let mut clock = StageClock::new(progress);
    if config.keywords.enabled {
        keywords::preload();
    }
    clock.start(Stage::Discover, None);
    let (files, mut diagnostics) = discover::discover(&config.inputs, &config.excludes)?;
    let (whole, posts, build_diagnostics) = build_graph_timed(
        &files,
        &config.extract,
        &config.keywords,
        |_, _| {},
        &mut clock,
    );
    diagnostics.extend(build_diagnostics);
    diagnostics.sort();
    let unfiltered_nodes = whole.node_count();
    let graph = if config.filter.is_identity() {
        whole
    } else {
        clock.start(Stage::Filter, None);
        config.filter.apply(&whole)?
    };
    // Metrics and positions describe the exported graph, after the filters: what the user sees.
    clock.start(Stage::Metrics, None);
    let graph = metrics::annotate(graph);
    let graph = match &config.layout {
        Some(options) => {
            clock.start(Stage::Layout, None);
            layout::annotate(graph, options)
        }
        None => graph,
    };

    let mut report = Report {
        posts,
        nodes: graph.count_nodes_by_kind(),
        edges: graph.count_edges_by_kind(),
        unfiltered_nodes: (!config.filter.is_identity()).then_some(unfiltered_nodes),
        diagnostics,
        ..Report::default()
    };
    // An empty graph is never written: it would only hide that the filters removed everything.
    let outputs = if graph.node_count() == 0 {
        &[][..]
    } else {
        &config.outputs[..]
    };
    clock.start(Stage::Write, Some(outputs.len() as u64));
    // Outputs are independent: write them side by side, report them in the order given.
    let results: Vec<(Result<(), Error>, std::time::Duration)> = outputs
        .par_iter()
        .map(|out| {
            let output_started = Instant::now();
            let result = output::write_output(&graph, out, &config.export);
            progress.advance(1);
            (result, output_started.elapsed())
        })
        .collect();
    clock.stop();
    for (out, (result, elapsed)) in outputs.iter().zip(results) {
        clock.record(format!("  {}", out.display()), elapsed);
        match result {
            Ok(()) => report.written.push(out.display()),
            Err(err) => report.failed.push(err),
        }
    }
    report.timings = clock.into_timings();
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Reads and extracts `files` in parallel, then builds the graph in file order, without keywords.
///
/// Returns the graph, the number of posts read and the diagnostics (paths as the user wrote them).
pub fn build_graph(
    files: &[SourceFile],
    options: &ExtractOptions,
) -> (KnowledgeGraph, usize, Vec<Diagnostic>) {
    build_graph_with_keywords(files, options, &KeywordOptions::disabled())
}

/// [`build_graph`], plus the keyword layer when `keywords.enabled`.
pub fn build_graph_with_keywords(
    files: &[SourceFile],
    options: &ExtractOptions,
    keywords: &KeywordOptions,
) -> (KnowledgeGraph, usize, Vec<Diagnostic>) {
    build_graph_visiting(files, options, keywords, |_, _| {})
}

/// [`build_graph_with_keywords`], showing each post read to `visit`, in file order.
pub fn build_graph_visiting(
    files: &[SourceFile],
    options: &ExtractOptions,
    keywords: &KeywordOptions,
    visit: impl FnMut(&SourceFile, &PostRecord),
) -> (KnowledgeGraph, usize, Vec<Diagnostic>) {
    build_graph_timed(
        files,
        options,
        keywords,
        visit,
        &mut StageClock::new(&Silent),
    )
}

/// [`build_graph_visiting`], timing its stages on `clock`.
fn build_graph_timed(
    files: &[SourceFile],
    options: &ExtractOptions,
    keywords: &KeywordOptions,
    visit: impl FnMut(&SourceFile, &PostRecord),
    clock: &mut StageClock<'_>,
) -> (KnowledgeGraph, usize, Vec<Diagnostic>) {
    clock.start(Stage::ReadParseBuild, Some(files.len() as u64));
    let (mut builder, posts, mut diagnostics) = add_posts(files, options, clock.progress(), visit);
    if keywords.enabled {
        clock.start(Stage::Keywords, None);
    }
    keywords::add_keywords(&mut builder, keywords);
    clock.start(Stage::Finish, None);
    let (graph, link_diagnostics) = builder.finish();
    let display: HashMap<&str, &str> = files
        .iter()
        .map(|f| (f.rel_path.as_str(), f.display.as_str()))
        .collect();
    diagnostics.extend(link_diagnostics.into_iter().map(|mut d| {
        if let Some(shown) = display.get(d.path.as_str()) {
            d.path = (*shown).to_string();
        }
        d
    }));
    (graph, posts, diagnostics)
}

/// What `kgraph keywords` does: reads the inputs and ranks their keywords without building a graph.
///
/// The report carries the posts read, the diagnostics and the elapsed time.
pub fn rank_keywords(config: &Config) -> Result<(KeywordRanking, Report), Error> {
    let started = Instant::now();
    keywords::preload();
    let (files, mut diagnostics) = discover::discover(&config.inputs, &config.excludes)?;
    let (builder, posts, build_diagnostics) =
        add_posts(&files, &config.extract, &Silent, |_, _| {});
    let ranking = keywords::rank_keywords(&builder, &config.keywords);
    diagnostics.extend(build_diagnostics);
    diagnostics.sort();
    let report = Report {
        posts,
        diagnostics,
        elapsed: started.elapsed(),
        ..Report::default()
    };
    Ok((ranking, report))
}

/// What `kgraph stats` does: builds the whole graph (no filters) with its metrics and reports on
/// it, `top` entries per ranked list. The report carries the posts read and the diagnostics.
pub fn collect_stats(config: &Config, top: usize) -> Result<(stats::Stats, Report), Error> {
    let started = Instant::now();
    if config.keywords.enabled {
        keywords::preload();
    }
    let (files, mut diagnostics) = discover::discover(&config.inputs, &config.excludes)?;
    let mut citations = Vec::new();
    let (graph, posts, build_diagnostics) =
        build_graph_visiting(&files, &config.extract, &config.keywords, |file, record| {
            citations.extend(record.citations.iter().map(|c| stats::CitedUrl {
                path: file.display.clone(),
                line: c.line,
                raw: c.raw.clone(),
                key: c.key.clone(),
            }));
        });
    diagnostics.extend(build_diagnostics);
    diagnostics.sort();
    let graph = metrics::annotate(graph);
    let stats = stats::collect(&graph, posts, &citations, &diagnostics, top);
    let report = Report {
        posts,
        nodes: graph.count_nodes_by_kind(),
        edges: graph.count_edges_by_kind(),
        diagnostics,
        elapsed: started.elapsed(),
        ..Report::default()
    };
    Ok((stats, report))
}

/// Posts extracted per batch: enough to keep every core busy, few enough that a huge
/// blog's records never sit in memory all at once.
const EXTRACT_BATCH: usize = 256;

/// Reads and extracts `files` in parallel, then adds the posts to a builder in file order,
/// showing each to `visit` first and counting each file on `progress`.
///
/// Extraction runs a batch ahead of the builder, so both make progress at once while
/// at most a few batches of records are alive.
fn add_posts(
    files: &[SourceFile],
    options: &ExtractOptions,
    progress: &dyn Progress,
    mut visit: impl FnMut(&SourceFile, &PostRecord),
) -> (GraphBuilder, usize, Vec<Diagnostic>) {
    let mut builder = GraphBuilder::new();
    let mut diagnostics = Vec::new();
    let mut posts = 0;
    std::thread::scope(|scope| {
        let (batches, received) = std::sync::mpsc::sync_channel(2);
        scope.spawn(move || {
            for batch in files.chunks(EXTRACT_BATCH) {
                let extracted: Vec<_> = batch
                    .par_iter()
                    .map(|file| extract_file(file, options))
                    .collect();
                if batches.send(extracted).is_err() {
                    break;
                }
            }
        });
        // Batches arrive in file order, so records line up with `files`.
        for (file, (record, diags)) in files.iter().zip(received.into_iter().flatten()) {
            diagnostics.extend(diags);
            progress.advance(1);
            if let Some(record) = record {
                visit(file, &record);
                builder.add_post(&record);
                posts += 1;
            }
        }
    });
    (builder, posts, diagnostics)
}

/// Reads and extracts one file; diagnostics name the file as the user gave it.
fn extract_file(
    file: &SourceFile,
    options: &ExtractOptions,
) -> (Option<PostRecord>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let record = read::read_post(file, &mut diagnostics).map(|text| {
        let mut record = extract::extract_post(&file.rel_path, &text, options);
        for mut d in record.diagnostics.drain(..) {
            d.path.clone_from(&file.display);
            diagnostics.push(d);
        }
        record
    });
    (record, diagnostics)
}
