//! kramdown's `* toc` and `{:…}` attribute lines, blanked before the Markdown parser sees them.

use std::borrow::Cow;
use std::ops::Range;

/// Replaces kramdown's `* toc` and `{:…}` lines with spaces, keeping every byte offset. `line_starts` are
/// the byte offsets where the lines of `body` start.
pub(super) fn blank_kramdown_lines(
    body: &str,
    line_starts: impl Iterator<Item = usize>,
) -> Cow<'_, str> {
    let bytes = body.as_bytes();
    let mut blanks: Vec<Range<usize>> = Vec::new();
    for start in line_starts {
        // Cheap test on the first non-blank byte before looking at the whole line.
        let first = bytes[start.min(bytes.len())..]
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t'));
        if !matches!(first, Some(b'{' | b'*')) {
            continue;
        }
        let end = body[start..].find('\n').map_or(body.len(), |i| start + i);
        let line = body[start..end].trim_end_matches('\r');
        let t = line.trim();
        if t == "* toc" || (t.starts_with("{:") && t.ends_with('}')) {
            blanks.push(start..start + line.len());
        }
    }
    if blanks.is_empty() {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    let mut done = 0;
    for range in blanks {
        out.push_str(&body[done..range.start]);
        out.extend(std::iter::repeat_n(' ', range.len()));
        done = range.end;
    }
    out.push_str(&body[done..]);
    Cow::Owned(out)
}
