//! The warning about characters XML forbids in a post's text.

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::text::is_xml_char;

/// A warning for the characters XML 1.0 forbids (C0 controls but tab and line breaks, U+FFFE,
/// U+FFFF): kept in the JSON export, dropped from the XML and DOT ones, and almost always junk.
pub(super) fn forbidden_characters(path: &str, text: &str) -> Option<Diagnostic> {
    let is_forbidden = |c: char| !is_xml_char(c);
    let first = text.find(is_forbidden)?;
    let c = text[first..].chars().next()?;
    let count = text.matches(is_forbidden).count();
    let line = 1 + text[..first].matches('\n').count();
    let first = u32::from(c);
    let kind = DiagnosticKind::ControlCharacters { first, count };
    Some(Diagnostic::warning(path, Some(line), kind))
}
