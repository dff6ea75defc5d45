//! `kgraph text`: corpus-wide decisions on texts read from standard input (the keyword layer's
//! language and stems, `--permalink` readings of links), for tools that merge `kgraph extract`'s
//! tables elsewhere (see docs/EXTRACT.md).

use std::io::{BufRead, Read, Write};

use clap::{Args, Subcommand};
use kgraph::{Error, PermalinkPattern};
use serde_json::json;

/// Options of `kgraph text`.
#[derive(Debug, Args)]
pub struct TextArgs {
    #[command(subcommand)]
    pub task: TextTask,
}

/// What `kgraph text` tells.
#[derive(Debug, Subcommand)]
pub enum TextTask {
    /// Read keyword texts separated by NUL bytes, in entity order, and print the language of the
    /// space-separated ones (`en`, `fr`, …, `und`; `none` without such text), then the
    /// `keyword_tokens` mode it selects (`english` or `other`).
    Language,
    /// Read keyword keys, one per line, and print `key<TAB>stem` for each: keys with the same stem
    /// count as one keyword; an empty stem means the key is not folded.
    Stems {
        /// The corpus language, as `kgraph text language` prints it.
        #[arg(long, default_value = "none")]
        language: String,
    },
    /// Read link targets, one JSON string per line, and print for each a JSON object: the
    /// `target`, and when it fits the pattern the post it names, as `kgraph build --permalink`
    /// reads it: `slug_key` (the slug in lower case), `year`, `month`, `day` (null when the
    /// pattern has none); a target that does not fit has a null `slug_key`.
    Permalink {
        /// The pattern, as `kgraph build --permalink` takes it.
        #[arg(long, value_name = "PATTERN")]
        pattern: String,
    },
}

/// Runs `args` on standard input and output.
pub fn run(args: TextArgs) -> Result<(), Error> {
    let stdin = std::io::stdin().lock();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let result = match args.task {
        TextTask::Language => language(stdin, &mut stdout),
        TextTask::Stems { language } => stems(stdin, &mut stdout, &language),
        TextTask::Permalink { pattern } => {
            permalinks(stdin, &mut stdout, &PermalinkPattern::parse(&pattern)?)
        }
    };
    result
        .and_then(|()| stdout.flush())
        .map_err(|err| Error::Usage(format!("kgraph text: {err}")))
}

fn language(mut input: impl Read, out: &mut impl Write) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes);
    let code = kgraph::spaced_language(text.split('\0'));
    let mode = match code {
        Some("en") | None => "english",
        Some(_) => "other",
    };
    writeln!(out, "{} {mode}", code.unwrap_or("none"))
}

fn stems(input: impl BufRead, out: &mut impl Write, language: &str) -> std::io::Result<()> {
    let code = (language != "none").then_some(language);
    for line in input.lines() {
        let key = line?;
        let stem = kgraph::inflection_stem(code, &key).unwrap_or_default();
        writeln!(out, "{key}\t{stem}")?;
    }
    Ok(())
}

fn permalinks(
    input: impl BufRead,
    out: &mut impl Write,
    pattern: &PermalinkPattern,
) -> std::io::Result<()> {
    for line in input.lines() {
        let line = line?;
        let target: String = serde_json::from_str(&line).map_err(|err| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("not a JSON string: {err}"),
            )
        })?;
        let found = pattern.matches(&target);
        let reading = json!({
            "target": target,
            "slug_key": found.as_ref().map(|f| f.slug.to_lowercase()),
            "year": found.as_ref().and_then(|f| f.year),
            "month": found.as_ref().and_then(|f| f.month),
            "day": found.as_ref().and_then(|f| f.day),
        });
        writeln!(out, "{reading}")?;
    }
    Ok(())
}
