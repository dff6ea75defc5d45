//! Byte offset → 1-based line number, by binary search over the file's newline offsets.

/// The newline offsets of one file.
#[derive(Debug)]
pub(crate) struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    /// Indexes every `\n` of `text` (a `\r\n` ends a line at its `\n`).
    pub(crate) fn new(text: &str) -> Self {
        // A plain byte loop: lines are short, so a memchr call per line costs more than it saves.
        let mut newlines = Vec::with_capacity(text.len() / 32);
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b == b'\n' {
                newlines.push(i);
            }
        }
        LineIndex { newlines }
    }

    /// Byte offsets where lines start: 0, then just after each `\n`.
    pub(crate) fn line_starts(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(0).chain(self.newlines.iter().map(|&nl| nl + 1))
    }

    /// The 1-based line holding byte `offset`; offsets past the end fall on the last line.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&nl| nl < offset) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_to_lines() {
        let text = "ab\ncd\r\n\nef";
        let idx = LineIndex::new(text);
        let cases = [
            (0, 1),
            (1, 1),
            (2, 1),
            (3, 2),
            (5, 2),
            (6, 2),
            (7, 3),
            (8, 4),
            (9, 4),
        ];
        for (offset, line) in cases {
            assert_eq!(idx.line_of(offset), line, "offset {offset}");
        }
        assert_eq!(idx.line_of(1000), 4);
    }

    #[test]
    fn lists_line_starts() {
        let starts: Vec<_> = LineIndex::new("a\nbc\n").line_starts().collect();
        assert_eq!(starts, [0, 2, 5]);
    }

    #[test]
    fn empty_text_is_one_line() {
        assert_eq!(LineIndex::new("").line_of(0), 1);
    }
}
