//! `kgraph text`: the keyword layer's corpus-wide decisions on texts read from standard input, for
//! tools that rank keywords from `kgraph extract`'s tables elsewhere (see docs/EXTRACT.md).

use std::io::{BufRead, Read, Write};

use clap::{Args, Subcommand};
use kgraph::Error;

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
}

/// Runs `args` on standard input and output.
pub fn run(args: TextArgs) -> Result<(), Error> {
    let stdin = std::io::stdin().lock();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let result = match args.task {
        TextTask::Language => language(stdin, &mut stdout),
        TextTask::Stems { language } => stems(stdin, &mut stdout, &language),
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
