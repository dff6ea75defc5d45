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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: ", self.path, line)?,
            None => write!(f, "{}: ", self.path)?,
        }
        write!(f, "{}: {}", self.severity.as_str(), self.message)
    }
}
