//! `kgraph keywords`: the ranked keywords of a corpus, to tune the keyword lists before exporting.

use std::time::Instant;

use super::Report;
use crate::config::InputConfig;
use crate::error::Error;
use crate::keywords::{self, KeywordRanking};
use crate::pipeline;
use crate::progress::{Progress, StageClock};

/// What `kgraph keywords` found.
#[derive(Debug)]
pub struct KeywordsOutcome {
    /// The posts read, the problems found in them and the time taken.
    pub report: Report,
    ranking: KeywordRanking,
}

/// Reads the inputs and ranks their keywords, telling `progress` what it is doing.
///
/// The ranking is the one `build` uses to choose keyword nodes (with `config.keywords.enabled`
/// forced on). No graph is finished, so links between posts are not resolved or checked.
///
/// ```
/// let outcome = kgraph::rank_keywords(&kgraph::InputConfig::new(["data"]), &kgraph::Silent)?;
/// assert!(outcome.len() > 0);
/// assert!(outcome.to_table().lines().count() > outcome.len());
/// # Ok::<(), kgraph::Error>(())
/// ```
pub fn rank_keywords(
    config: &InputConfig,
    progress: &dyn Progress,
) -> Result<KeywordsOutcome, Error> {
    let started = Instant::now();
    let mut config = config.clone();
    config.keywords.enabled = true;
    let mut read = pipeline::read_posts(&config, &mut StageClock::new(progress), |_, _| {})?;
    let ranking = keywords::rank_keywords(&read.builder, &config.keywords, &mut read.segments);
    let segments = std::mem::take(&mut read.segments);
    read.cache
        .save_segments(&config.keywords.vocabulary, segments);
    read.diagnostics.sort();
    Ok(KeywordsOutcome {
        report: Report {
            posts: read.posts,
            diagnostics: read.diagnostics,
            elapsed: started.elapsed(),
            cache: read.cache.finish(),
        },
        ranking,
    })
}

impl KeywordsOutcome {
    /// How many keywords were kept.
    pub fn len(&self) -> usize {
        self.ranking.keywords.len()
    }

    /// Whether no term was shared enough to become a keyword.
    pub fn is_empty(&self) -> bool {
        self.ranking.keywords.is_empty()
    }

    /// The ranked keywords as an aligned text table.
    pub fn to_table(&self) -> String {
        keywords::to_table(&self.ranking)
    }

    /// The ranked keywords as JSON.
    pub fn to_json(&self) -> String {
        keywords::to_json(&self.ranking)
    }

    /// The one-line summary printed at the end of a run.
    pub fn summary(&self) -> String {
        format!(
            "kgraph: {} posts, {} entities with text ({}) → {} keywords (of {} shared terms){}",
            self.report.posts,
            self.ranking.entities,
            self.ranking.languages.describe(),
            self.ranking.keywords.len(),
            self.ranking.candidates,
            self.report.took()
        )
    }
}
