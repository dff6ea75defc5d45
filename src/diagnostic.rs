//! Diagnostics about inputs: `path:line: severity: message` records collected into a report.

use std::fmt;

/// How bad a diagnosed problem is. Errors set exit code 1; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// One problem found in one input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Path of the input as the user named it ('/'-separated).
    pub path: String,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// Warning or error.
    pub severity: Severity,
    /// Lower-case message without a trailing period.
    pub message: String,
}

impl Diagnostic {
    /// A warning at `path:line`.
    pub fn warning(path: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            line,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    /// An error at `path:line`.
    pub fn error(path: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            ..Diagnostic::warning(path, line, message)
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
        write_escaped(f, &self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}: ", self.severity.as_str())?;
        write_escaped(f, &self.message)
    }
}

/// Writes `s` with control characters and bidi controls escaped.
fn write_escaped(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !s.contains(unsafe_char) {
        return f.write_str(s);
    }
    for c in s.chars() {
        if unsafe_char(c) {
            write!(f, "{}", c.escape_default())?;
        } else {
            write!(f, "{c}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_one_line_with_controls_escaped() {
        let d = Diagnostic::warning("posts/a\nb\u{1b}[31m.md", Some(3), "link `x\u{202E}y\u{7}`");
        assert_eq!(
            d.to_string(),
            "posts/a\\nb\\u{1b}[31m.md:3: warning: link `x\\u{202e}y\\u{7}`"
        );
        let d = Diagnostic::error("多模态 🧠.md", None, "cannot read: gone");
        assert_eq!(d.to_string(), "多模态 🧠.md: error: cannot read: gone");
    }
}
