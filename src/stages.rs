//! Single stages of the pipeline, for the stage benchmarks (`benches/stages.rs`, feature
//! `bench-stages`). Not part of kgraph's API: these entry points change with the pipeline.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cache::SegmentCache;
use crate::discover::{self, SourceFile};
use crate::extract::{self, ExtractOptions, PostRecord};
use crate::keywords::{self, KeywordOptions};
use crate::model::{GraphBuilder, KnowledgeGraph};
use crate::{metrics, read};

/// The posts of a corpus, read into memory.
pub struct Texts {
    root: PathBuf,
    files: Vec<SourceFile>,
    texts: Vec<(SourceFile, String)>,
    options: ExtractOptions,
}

/// The records extracted from [`Texts`].
pub struct Records(Vec<PostRecord>);

/// A graph under construction with every post of [`Records`] added.
pub struct Builder(GraphBuilder);

impl Texts {
    /// The Markdown files under `root` (the first `limit`, when given), read into memory.
    pub fn read(root: &Path, limit: Option<usize>) -> Result<Texts, crate::Error> {
        let (mut files, _) = discover::discover(&[root.to_path_buf()], &[])?;
        if let Some(limit) = limit {
            files.truncate(limit);
        }
        let mut diagnostics = Vec::new();
        let texts = files
            .iter()
            .filter_map(|f| Some((f.clone(), read::read_post(f, &mut diagnostics)?)))
            .collect();
        Ok(Texts {
            root: root.to_path_buf(),
            files,
            texts,
            options: crate::InputConfig::new([root]).extract,
        })
    }

    /// Posts read.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether no post was read.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Bytes of text read.
    pub fn bytes(&self) -> u64 {
        self.texts.iter().map(|(_, t)| t.len() as u64).sum()
    }

    /// Walks the corpus folder again; returns the files found.
    pub fn discover(&self) -> usize {
        discover::discover(std::slice::from_ref(&self.root), &[]).map_or(0, |(f, _)| f.len())
    }

    /// Reads every post again, one after the other; returns the bytes read.
    pub fn reread(&self) -> usize {
        let mut diagnostics = Vec::new();
        (self.files.iter())
            .filter_map(|f| read::read_post(f, &mut diagnostics))
            .map(|t| t.len())
            .sum()
    }

    /// Extracts every post, on one thread or on the rayon pool kgraph uses.
    pub fn extract(&self, parallel: bool) -> Records {
        let one = |(file, text): &(SourceFile, String)| {
            extract::extract_post(&file.rel_path, &file.display, text, &self.options)
        };
        Records(if parallel {
            self.texts.par_iter().map(one).collect()
        } else {
            self.texts.iter().map(one).collect()
        })
    }
}

impl Records {
    /// Every post added to a graph builder, in order.
    pub fn builder(&self) -> Builder {
        let mut builder = GraphBuilder::new();
        for record in &self.0 {
            builder.add_post(record);
        }
        Builder(builder)
    }

    /// The graph of these posts, with the keyword layer when `keywords` is given.
    pub fn graph(&self, keywords: Option<&KeywordOptions>) -> KnowledgeGraph {
        let mut builder = self.builder().0;
        if let Some(options) = keywords {
            keywords::add_keywords(&mut builder, options, &mut SegmentCache::off());
        }
        builder.finish().0
    }
}

impl Builder {
    /// Ranks the keywords of the posts without adding them; returns how many were kept.
    pub fn rank_keywords(&self, options: &KeywordOptions) -> usize {
        keywords::rank_keywords(&self.0, options, &mut SegmentCache::off())
            .keywords
            .len()
    }
}

/// Loads jieba's dictionary, as every process with the keyword layer does once.
pub fn load_dictionary() -> impl Sized {
    jieba_rs::Jieba::new()
}

/// One metric of [`crate::add_metrics`], computed alone.
#[derive(Debug, Clone, Copy)]
pub enum Metric {
    /// Edge counts and weights.
    Degrees,
    /// PageRank.
    Pagerank,
    /// Weakly connected components.
    Components,
    /// Louvain communities.
    Communities,
}

impl Metric {
    /// Every metric, in the order `add_metrics` writes them.
    pub const ALL: [Metric; 4] = [
        Metric::Degrees,
        Metric::Pagerank,
        Metric::Components,
        Metric::Communities,
    ];

    /// The benchmark's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Degrees => "degrees",
            Metric::Pagerank => "pagerank",
            Metric::Components => "components",
            Metric::Communities => "communities",
        }
    }

    /// Computes the metric of every node of `graph`; returns how many values it computed.
    pub fn compute(self, graph: &KnowledgeGraph) -> usize {
        match self {
            Metric::Degrees => {
                let degrees = metrics::degrees(graph);
                (0..graph.node_count())
                    .filter(|&i| degrees.total(i) > 0)
                    .count()
            }
            Metric::Pagerank => metrics::pagerank(graph).len(),
            Metric::Components => metrics::components(graph).len(),
            Metric::Communities => metrics::communities(graph).len(),
        }
    }
}
