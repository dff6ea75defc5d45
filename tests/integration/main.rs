//! kgraph's integration tests, in one binary: the `kgraph` binary end to end, and the library
//! through its public API (exporting a graph, its metrics, building one from folders).
//!
//! - `formats/`: one module per export format — its expected output for the hand-built hostile
//!   graph (`common/hostile_graph.rs`), a round trip through a real parser, its real consumers.
//! - `cache`: the per-file cache: reuse, invalidation, damaged and unwritable caches.
//! - `cli`: usage errors, standard output, determinism, what is reported on stderr.
//! - `extract`: `kgraph extract`, the per-file Parquet tables; shards give the rows of one run.
//! - `diff`: `kgraph diff` on two builds of a corpus, in each format; its exit codes and errors.
//! - `outputs`: atomic writes; failed runs and outputs leave previous files byte-identical.
//! - `hostile`: the hostile corpus (`tests/fixtures/hostile/`) and generated hostile inputs.
//! - `fuzz`: property tests of every exporter, with the generators of `hostile_text` (shared
//!   with the extractor's property tests in `src/extract/fuzz_tests.rs`).
//! - `keywords`, `stats`, `sample_output`: the keyword layer, `kgraph stats`, and `out/`.
//! - `metadata`: front matter of every kind, titles, inline tags and mdBook's `SUMMARY.md`.
//! - `links`: links between notes in each flavour of corpus (Obsidian, Dendron, mdBook, Hugo, Zola).
//! - `topics`: structural and generic headings, markup kept out of topics, citations' posts.
//!
//! Expected outputs live in `tests/fixtures/<case>/expected/`, each case's README saying what
//! produces them; `KGRAPH_BLESS=1 cargo test` rewrites them (then review the diff).

mod cache;
mod cli;
mod common;
mod diff;
mod extract;
mod formats;
mod fuzz;
mod hostile;
mod hostile_text;
mod keywords;
mod links;
mod metadata;
mod outputs;
mod sample_output;
mod stats;
mod topics;
mod watch;
