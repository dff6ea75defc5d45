//! Diagnostics about inputs: `path:line: severity: message` records collected into a report.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::Escaped;

/// How bad a diagnosed problem is. Errors set exit code 1; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// The input was salvaged or a detail of it ignored.
    Warning,
    /// The input (or part of it) was lost.
    Error,
}

impl Severity {
    /// The word printed in a diagnostic line.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem found in one input file. Ordered by path, line, severity, then message.
///
/// ```
/// use kgraph::{Diagnostic, DiagnosticKind};
///
/// let kind = DiagnosticKind::UnresolvedLink { target: "/2019/03/01/gan.html".to_string() };
/// let diagnostic = Diagnostic::warning("_posts/a.md", Some(12), kind);
/// assert_eq!(
///     diagnostic.to_string(),
///     "_posts/a.md:12: warning: link to `/2019/03/01/gan.html` matches no post of the corpus"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Path of the input as the user named it ('/'-separated).
    pub path: String,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// Warning or error.
    pub severity: Severity,
    /// What the problem is; its `Display` is the message.
    pub kind: DiagnosticKind,
}

/// What went wrong, one variant per problem. Printed as a lower-case message without a trailing
/// period.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DiagnosticKind {
    /// A link to another post that matches no post of the corpus.
    UnresolvedLink {
        /// The link target as written.
        target: String,
    },
    /// A link whose target is empty.
    EmptyLinkTarget {
        /// The link text.
        text: String,
    },
    /// A URL that does not parse; it is kept as written.
    UnparsableUrl {
        /// The URL as written.
        url: String,
        /// Why it does not parse.
        reason: String,
    },
    /// A WeChat article id of an unusual length (likely cut).
    OddWechatId {
        /// The id.
        id: String,
    },
    /// A WeChat link with a `timestamp`/`signature` query, which expires.
    ExpiringWechatLink,
    /// A front-matter block that is never closed.
    UnterminatedFrontMatter,
    /// A TOML (`+++`) front-matter block that is never closed.
    UnterminatedTomlFrontMatter,
    /// Front matter that is not valid YAML, TOML or JSON; it is read line by line instead.
    InvalidFrontMatter {
        /// The parser's message.
        reason: String,
    },
    /// A front-matter date that is not `YYYY-MM-DD`.
    OddDate {
        /// The date as written.
        raw: String,
    },
    /// A code fence that is never closed.
    UnterminatedCodeFence,
    /// A heading with no visible text.
    EmptyHeading,
    /// Characters XML 1.0 forbids.
    ControlCharacters {
        /// The first one's code point.
        first: u32,
        /// How many there are.
        count: usize,
    },
    /// Bytes that are not UTF-8, replaced with U+FFFD.
    InvalidUtf8 {
        /// Offset of the first invalid byte.
        byte: usize,
        /// Places with invalid bytes.
        places: usize,
    },
    /// NUL characters in a text file, replaced with U+FFFD.
    NulCharacters {
        /// How many.
        count: usize,
    },
    /// A file decoded from UTF-16.
    Utf16,
    /// A binary file with a Markdown extension, skipped.
    Binary,
    /// A file too large to be a post, skipped.
    TooLarge {
        /// The limit, in MiB.
        max_mib: u64,
    },
    /// A file that cannot be read.
    Unreadable {
        /// Why.
        reason: String,
    },
    /// A file or folder the walk could not enter (a loop, a broken link, no permission).
    Unwalkable {
        /// Why.
        reason: String,
    },
    /// A file found twice under the same relative path (two inputs), skipped.
    SamePath {
        /// The file kept, as the user named it.
        kept: String,
    },
    /// Extraction failed on a bug; only the file name was used.
    Internal {
        /// The panic's message.
        what: String,
    },
    /// A row of a node or edge table that cannot be read into the graph (`--from-parquet`).
    TableRowSkipped {
        /// Why.
        reason: String,
    },
    /// An edge row for the same source, target and kind as an earlier row: their weights add up.
    TableRowMerged,
    /// A table column that is no kgraph attribute, or given twice.
    TableColumnIgnored {
        /// Its name.
        column: String,
    },
    /// A table value that does not fit its attribute's type.
    TableValueIgnored {
        /// The attribute's column.
        column: String,
        /// What the value is.
        found: String,
    },
    /// A table written with a newer version of kgraph's table schema.
    NewerTableSchema {
        /// The version the table declares.
        version: u32,
    },
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DiagnosticKind as K;
        match self {
            K::UnresolvedLink { target } => {
                write!(f, "link to `{target}` matches no post of the corpus")
            }
            K::EmptyLinkTarget { text } => write!(f, "link `{text}` has an empty target"),
            K::UnparsableUrl { url, reason } => write!(f, "cannot parse url `{url}`: {reason}"),
            K::OddWechatId { id } => write!(
                f,
                "wechat article id `{id}` has {} characters, not 22",
                id.len()
            ),
            K::ExpiringWechatLink => {
                f.write_str("wechat link with a `timestamp`/`signature` query expires")
            }
            K::UnterminatedFrontMatter => f.write_str(
                "unterminated front matter: no closing `---`; reading the whole file as body",
            ),
            K::UnterminatedTomlFrontMatter => f.write_str(
                "unterminated front matter: no closing `+++`; reading the whole file as body",
            ),
            K::InvalidFrontMatter { reason } => write!(f, "invalid front matter: {reason}"),
            K::OddDate { raw } => {
                write!(
                    f,
                    "front matter date `{raw}` is not YYYY-MM-DD; kept as written"
                )
            }
            K::UnterminatedCodeFence => {
                f.write_str("unterminated code fence: the rest of the post is read as code")
            }
            K::EmptyHeading => f.write_str("heading without text skipped"),
            K::ControlCharacters { first, count } => {
                write!(f, "control character U+{first:04X}")?;
                if *count > 1 {
                    write!(f, " and {} more", count - 1)?;
                }
                f.write_str("; the XML and DOT exports drop them")
            }
            K::InvalidUtf8 { byte, places } => {
                write!(f, "invalid UTF-8 at byte {byte}")?;
                match places {
                    0 | 1 => {}
                    2 => f.write_str(" (and 1 more place)")?,
                    n => write!(f, " (and {} more places)", n - 1)?,
                }
                f.write_str("; replaced with U+FFFD")
            }
            K::NulCharacters { count: 1 } => f.write_str("a NUL character; replaced with U+FFFD"),
            K::NulCharacters { count } => write!(
                f,
                "{count} NUL characters, the first on this line; replaced with U+FFFD"
            ),
            K::Utf16 => f.write_str(
                "decoded as UTF-16 (it starts with a UTF-16 byte-order mark); save posts as UTF-8",
            ),
            K::Binary => f.write_str("skipped: binary file (contains NUL bytes)"),
            K::TooLarge { max_mib } => write!(
                f,
                "skipped: larger than {max_mib} MiB, too large to be a post"
            ),
            K::Unreadable { reason } => write!(f, "cannot read: {reason}"),
            K::Unwalkable { reason } => write!(f, "skipped: {reason}"),
            K::SamePath { kept } => write!(f, "skipped: same relative path as {kept}"),
            K::Internal { what } => write!(
                f,
                "internal error while reading this post ({what}); only its file name was used, \
                 please report this with the file"
            ),
            K::TableRowSkipped { reason } => write!(f, "row skipped: {reason}"),
            K::TableRowMerged => f.write_str(
                "edge given again for the same src, dst and kind; the weights are added up",
            ),
            K::TableColumnIgnored { column } => write!(
                f,
                "column `{column}` is no node attribute kgraph knows, or given twice; ignored"
            ),
            K::TableValueIgnored { column, found } => write!(
                f,
                "column `{column}` holds {found}, which does not fit its type; left out"
            ),
            K::NewerTableSchema { version } => write!(
                f,
                "table schema version {version} is newer than this kgraph's ({}); reading the \
                 columns it knows",
                crate::export::parquet::schema::SCHEMA_VERSION
            ),
        }
    }
}

impl Ord for Diagnostic {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (&self.path, self.line, self.severity)
            .cmp(&(&other.path, other.line, other.severity))
            .then_with(|| self.kind.to_string().cmp(&other.kind.to_string()))
    }
}

impl PartialOrd for Diagnostic {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Diagnostic {
    /// A warning at `path:line`.
    pub fn warning(path: &str, line: Option<usize>, kind: DiagnosticKind) -> Self {
        Diagnostic {
            path: path.to_string(),
            line,
            severity: Severity::Warning,
            kind,
        }
    }

    /// The message: what [`Diagnostic::kind`] says.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }

    /// An error at `path:line`.
    pub fn error(path: &str, line: Option<usize>, kind: DiagnosticKind) -> Self {
        Diagnostic {
            severity: Severity::Error,
            ..Diagnostic::warning(path, line, kind)
        }
    }
}

/// Prints `path:line: severity: message` on one line.
///
/// Control characters and bidi controls in the path or message (a file name can hold a newline
/// or an escape sequence, a message quotes the post) are printed as Rust escapes (`\n`, `\u{1b}`),
/// so one diagnostic is always one line and cannot drive the terminal.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Escaped(&self.path))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}: ", self.severity.as_str())?;
        write!(f, "{}", Escaped(&self.message()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_one_line_with_controls_escaped() {
        let text = "x\u{202E}y\u{7}".to_string();
        let d = Diagnostic::warning(
            "posts/a\nb\u{1b}[31m.md",
            Some(3),
            DiagnosticKind::EmptyLinkTarget { text },
        );
        assert_eq!(
            d.to_string(),
            "posts/a\\nb\\u{1b}[31m.md:3: warning: link `x\\u{202e}y\\u{7}` has an empty target"
        );
        let reason = "gone".to_string();
        let d = Diagnostic::error("多模态 🧠.md", None, DiagnosticKind::Unreadable { reason });
        assert_eq!(d.to_string(), "多模态 🧠.md: error: cannot read: gone");
    }
}
