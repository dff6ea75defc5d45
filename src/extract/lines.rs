//! Byte offset → 1-based line number, by binary search over the file's newline offsets.

/// The newline offsets of one file.
#[derive(Debug)]
pub(crate) struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    /// Indexes every `\n` of `text` (a `\r\n` ends a line at its `\n`).
    pub(crate) fn new(text: &str) -> Self {
        let newlines = text
            .bytes()
            .enumerate()
            .filter_map(|(i, b)| (b == b'\n').then_some(i))
            .collect();
        LineIndex { newlines }
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
    fn empty_text_is_one_line() {
        assert_eq!(LineIndex::new("").line_of(0), 1);
    }
}
