//! Byte offsets to the 1-based line and column (in characters) users see.

use serde::Serialize;

/// A 1-based position in the original file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The position of byte `offset` (clamped to the text and to a character boundary).
///
/// Scans the text up to `offset`: for more than one position in the same
/// text, build a [`LineIndex`] once instead.
pub fn line_col(source: &str, offset: usize) -> LineCol {
    LineIndex::new(source).line_col(offset)
}

/// Bytes per block of the character count table: a column costs at most one
/// block of counting, whatever the length of the line.
const BLOCK: usize = 256;

/// Line starts and character counts of one text, computed once, so that each
/// position costs a binary search and at most [`BLOCK`] bytes of counting
/// instead of a scan from byte 0 (which made 40,000 findings on one line
/// quadratic).
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset of the start of each line; the first is 0.
    line_starts: Vec<usize>,
    /// `chars_before[k]`: characters that start before byte `k * BLOCK`.
    chars_before: Vec<usize>,
}

/// Whether `b` starts a character (is not a UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    b & 0xC0 != 0x80
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> LineIndex<'a> {
        let bytes = source.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(memchr_all(bytes).map(|i| i + 1));
        let mut chars_before = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0;
        for block in bytes.chunks(BLOCK) {
            chars_before.push(count);
            count += block.iter().filter(|&&b| starts_char(b)).count();
        }
        chars_before.push(count);
        LineIndex {
            source,
            line_starts,
            chars_before,
        }
    }

    /// The text this index is for.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// Clamps `offset` to the text and back to a character boundary.
    pub fn snap(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Characters that start before byte `offset` (a character boundary).
    fn chars_to(&self, offset: usize) -> usize {
        let offset = offset.min(self.source.len());
        let block = offset / BLOCK;
        let base = self.chars_before.get(block).copied().unwrap_or(0);
        let tail = self
            .source
            .as_bytes()
            .get(block * BLOCK..offset)
            .unwrap_or(&[]);
        base + tail.iter().filter(|&&b| starts_char(b)).count()
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = self.snap(offset);
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// The byte range of 0-based `line`, without its `\n` (empty past the end).
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let len = self.source.len();
        let start = self.line_starts.get(line).copied().unwrap_or(len);
        let end = self.line_starts.get(line + 1).map_or(len, |&next| next - 1);
        start..end.max(start)
    }

    /// How many lines the text has (a final `\n` starts an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Characters between two character boundaries `from <= to`.
    pub fn chars_between(&self, from: usize, to: usize) -> usize {
        self.chars_to(to).saturating_sub(self.chars_to(from))
    }

    /// The position of byte `offset` (clamped to the text and to a character boundary).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.snap(offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        LineCol {
            line: line + 1,
            column: self.chars_between(start, offset) + 1,
        }
    }
}

/// The offsets of every `\n` in `bytes`.
fn memchr_all(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        let s = "ab\ncé\nx";
        assert_eq!(line_col(s, 0), LineCol { line: 1, column: 1 });
        assert_eq!(line_col(s, 3), LineCol { line: 2, column: 1 });
        assert_eq!(line_col(s, 6), LineCol { line: 2, column: 3 });
        assert_eq!(line_col(s, 5), LineCol { line: 2, column: 2 });
        assert_eq!(line_col(s, 100), LineCol { line: 3, column: 2 });
    }

    /// The index agrees with a plain scan at every byte of texts with long
    /// lines and multi-byte characters crossing block boundaries.
    #[test]
    fn index_agrees_with_a_scan() {
        let long: String = "aé€😀\n".repeat(3) + &"xé😀".repeat(300) + "\n\nend";
        for s in ["", "\n", "a", "ab\ncé\nx", long.as_str()] {
            let index = LineIndex::new(s);
            for offset in 0..=s.len() + 2 {
                let mut o = offset.min(s.len());
                while !s.is_char_boundary(o) {
                    o -= 1;
                }
                let before = &s[..o];
                let start = before.rfind('\n').map_or(0, |i| i + 1);
                let want = LineCol {
                    line: before.matches('\n').count() + 1,
                    column: before[start..].chars().count() + 1,
                };
                assert_eq!(index.line_col(offset), want, "{offset} in {s:?}");
            }
        }
    }

    #[test]
    fn line_ranges() {
        let index = LineIndex::new("ab\n\ncd");
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.line_range(0), 0..2);
        assert_eq!(index.line_range(1), 3..3);
        assert_eq!(index.line_range(2), 4..6);
        assert_eq!(index.line_range(9), 6..6);
        assert_eq!(index.line_of(5), 2);
    }
}
