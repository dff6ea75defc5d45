//! Options every subcommand shares: what to read, and the keyword lists.

use std::path::{Path, PathBuf};

use clap::Args;

use kgraph::{CacheConfig, Error, InputConfig, KeywordOptions, PermalinkPattern, Vocabulary};

/// What to read: shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Folders (walked recursively, .gitignore honoured) and Markdown files to read.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Leave out files matching this glob (relative to each input folder). Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    #[command(flatten)]
    pub extraction: ExtractionArgs,

    /// A heading found in at least PCT % of the posts (and in 5 posts or more) is a section
    /// template, not a topic: its content belongs to the enclosing topic, as under a generic
    /// heading. 0 turns this off.
    #[arg(long, value_name = "PCT", default_value_t = 10,
          value_parser = clap::value_parser!(u8).range(0..=100))]
    pub structural_share: u8,

    /// The URLs the site publishes its posts at, such as `/blog/:year/:month/:slug.html`: links
    /// that fit it name the post with that slug (and date).
    #[arg(long, value_name = "PATTERN")]
    pub permalink: Option<String>,

    /// Neither read nor write the cache of what each file yielded: read every file again.
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,

    /// Keep the cache in DIR instead of $XDG_CACHE_HOME/kgraph (or ~/.cache/kgraph).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

impl InputArgs {
    /// Validates the options into an input config (with the default keyword layer).
    pub fn into_config(self) -> Result<InputConfig, Error> {
        let mut config = InputConfig::new(self.inputs);
        config.excludes = self.exclude;
        self.extraction.apply(&mut config)?;
        config.extract.structural_share = self.structural_share;
        if let Some(pattern) = &self.permalink {
            config.extract.permalink = Some(PermalinkPattern::parse(pattern)?);
        }
        config.cache = match (self.no_cache, self.cache_dir) {
            (true, _) => None,
            (false, Some(dir)) => Some(CacheConfig::in_dir(dir)),
            (false, None) => CacheConfig::user_default(),
        };
        Ok(config)
    }
}

/// What changes the extraction of each post on its own.
#[derive(Debug, Clone, Args)]
pub struct ExtractionArgs {
    /// Also treat this heading as generic: its content belongs to the enclosing topic. Repeatable.
    #[arg(long, value_name = "TEXT")]
    pub generic_heading: Vec<String>,

    /// Start from an empty list of generic headings instead of the built-in one.
    #[arg(long)]
    pub no_default_generic_headings: bool,

    /// The blog's own address: absolute links to its host are links between posts. Repeatable.
    #[arg(long, value_name = "URL")]
    pub site_url: Vec<String>,

    /// Do not read inline `#tags` in prose as tags (front-matter tags are still read).
    #[arg(long)]
    pub no_inline_tags: bool,
}

impl ExtractionArgs {
    /// Sets these options in `config`.
    pub fn apply(self, config: &mut InputConfig) -> Result<(), Error> {
        if self.no_default_generic_headings {
            config.extract.generic_headings.clear();
        }
        config.extract.generic_headings.extend(self.generic_heading);
        config.extract.inline_tags = !self.no_inline_tags;
        for site_url in &self.site_url {
            config.add_site_url(site_url)?;
        }
        Ok(())
    }
}

/// The keyword lists: which terms are kept whole, aliased or never keywords.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Keywords")]
pub struct VocabularyArgs {
    /// More terms to keep whole and prefer as keywords: one per line, `#` comments. Extends the
    /// built-in list (see --keywords-replace). Repeatable.
    #[arg(long = "keywords", value_name = "FILE")]
    pub term_files: Vec<PathBuf>,

    /// The --keywords files replace the built-in term list instead of extending it.
    #[arg(long, requires = "term_files")]
    pub keywords_replace: bool,

    /// More aliases, one `canonical: alias, alias` line each; read after the built-in table. Repeatable.
    #[arg(long = "aliases", value_name = "FILE")]
    pub alias_files: Vec<PathBuf>,

    /// More stop words (never keywords unless listed): one per line. Repeatable.
    #[arg(long = "stop-words", value_name = "FILE")]
    pub stop_word_files: Vec<PathBuf>,
}

impl VocabularyArgs {
    /// Reads the list files into a vocabulary.
    pub fn into_vocabulary(self) -> Result<Vocabulary, Error> {
        let mut vocabulary = Vocabulary::builtin();
        if self.keywords_replace {
            vocabulary.clear_terms();
        }
        for path in &self.term_files {
            vocabulary.add_terms(&read_list(path, "--keywords")?, &path.display().to_string())?;
        }
        for path in &self.alias_files {
            vocabulary.add_aliases(&read_list(path, "--aliases")?, &path.display().to_string())?;
        }
        for path in &self.stop_word_files {
            let text = read_list(path, "--stop-words")?;
            vocabulary.add_stop_words(&text, &path.display().to_string())?;
        }
        Ok(vocabulary)
    }
}

/// Keyword options shared by every subcommand.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Keywords")]
pub struct KeywordArgs {
    #[command(flatten)]
    pub vocabulary: VocabularyArgs,

    /// Only listed terms become keywords: no automatic discovery.
    #[arg(long)]
    pub listed_only: bool,

    /// A term becomes a keyword only when at least N posts, topics or resources mention it.
    #[arg(long, value_name = "N", default_value_t = KeywordOptions::default().min_shared as u32,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub min_shared: u32,

    /// Keep at most N keywords: listed terms first, then by score.
    #[arg(long, value_name = "N", default_value_t = KeywordOptions::default().max_keywords)]
    pub max_keywords: usize,
}

impl KeywordArgs {
    /// Reads the list files into keyword options.
    pub fn into_options(self) -> Result<KeywordOptions, Error> {
        Ok(KeywordOptions {
            enabled: true,
            vocabulary: self.vocabulary.into_vocabulary()?,
            discover: !self.listed_only,
            min_shared: self.min_shared as usize,
            max_keywords: self.max_keywords,
            cooccurrence: false,
        })
    }
}

fn read_list(path: &Path, flag: &str) -> Result<String, Error> {
    std::fs::read_to_string(path)
        .map_err(|err| Error::Usage(format!("cannot read {flag} file {}: {err}", path.display())))
}
