//! Byte offsets to the 1-based line and column (in characters) users see.

use std::borrow::Cow;

use serde::Serialize;

use crate::span::Span;

/// A 1-based position in the original file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Bytes per block of the character count table: a column costs at most one
/// block of counting, whatever the length of the line.
const BLOCK: usize = 256;

/// Line starts and character counts of one text, computed once per file
/// (a post builds it when a stage first needs a position, and its report
/// hands the same table to the output format), so that each position costs
/// a binary search and at most [`BLOCK`] bytes of counting instead of a
/// scan from byte 0 (which made 40,000 findings on one line quadratic).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineTable {
    /// Byte offset of the start of each line; the first is 0.
    line_starts: Vec<usize>,
    /// `chars_before[k]`: characters that start before byte `k * BLOCK`.
    chars_before: Vec<usize>,
    /// The length of the text it was built for.
    len: usize,
}

impl LineTable {
    pub fn new(source: &str) -> LineTable {
        let bytes = source.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        let mut chars_before = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0;
        for block in bytes.chunks(BLOCK) {
            chars_before.push(count);
            count += block.iter().filter(|&&b| starts_char(b)).count();
        }
        chars_before.push(count);
        LineTable {
            line_starts,
            chars_before,
            len: source.len(),
        }
    }
}

/// A text with its [`LineTable`]: byte offsets to lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    source: &'a str,
    table: Cow<'a, LineTable>,
}

/// Whether `b` starts a character (is not a UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    b & 0xC0 != 0x80
}

impl<'a> LineIndex<'a> {
    /// Builds the table of `source` (for one-off uses; a post or a report
    /// keeps its table, see [`LineIndex::with_table`]).
    pub fn new(source: &'a str) -> LineIndex<'a> {
        LineIndex {
            source,
            table: Cow::Owned(LineTable::new(source)),
        }
    }

    /// `source` with a table already built for it. A table built for
    /// another text (it has another length) is not trusted: a fresh one is
    /// built, so a mix-up costs time, never a wrong position or a panic.
    pub fn with_table(source: &'a str, table: &'a LineTable) -> LineIndex<'a> {
        if table.len == source.len() {
            LineIndex {
                source,
                table: Cow::Borrowed(table),
            }
        } else {
            LineIndex::new(source)
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
        let base = self.table.chars_before.get(block).copied().unwrap_or(0);
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
        self.table.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// The byte range of 0-based `line`, without its `\n` (empty past the end).
    pub fn line_range(&self, line: usize) -> Span {
        let len = self.source.len();
        let start = self.table.line_starts.get(line).copied().unwrap_or(len);
        let end = self
            .table
            .line_starts
            .get(line + 1)
            .map_or(len, |&next| next - 1);
        Span::new(start, end.max(start))
    }

    /// The start of the line holding byte `offset`.
    pub fn line_start(&self, offset: usize) -> usize {
        self.line_range(self.line_of(offset)).start
    }

    /// The end of the line holding byte `offset`, after its `\n` (the end
    /// of the text on the last line).
    pub fn line_end(&self, offset: usize) -> usize {
        let next = self.line_of(offset) + 1;
        self.table
            .line_starts
            .get(next)
            .copied()
            .unwrap_or(self.source.len())
    }

    /// How many lines the text has (a final `\n` starts an empty last line).
    pub fn line_count(&self) -> usize {
        self.table.line_starts.len()
    }

    /// Characters between two character boundaries `from <= to`.
    pub fn chars_between(&self, from: usize, to: usize) -> usize {
        self.chars_to(to).saturating_sub(self.chars_to(from))
    }

    /// The position of byte `offset` (clamped to the text and to a character boundary).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.snap(offset);
        let line = self.line_of(offset);
        let start = self.line_range(line).start;
        LineCol {
            line: line + 1,
            column: self.chars_between(start, offset) + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        let s = "ab\ncé\nx";
        let line_col = |s, offset| LineIndex::new(s).line_col(offset);
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
        assert_eq!((index.line_start(1), index.line_end(1)), (0, 3));
        assert_eq!((index.line_start(3), index.line_end(3)), (3, 4));
        assert_eq!((index.line_start(5), index.line_end(5)), (4, 6));
        assert_eq!((index.line_start(99), index.line_end(99)), (4, 6));
    }

    /// The table a post built for its suppressions is the one its report
    /// hands to the output: one table per file, not one per stage.
    #[test]
    fn a_report_reuses_the_posts_table() {
        use crate::config::{Settings, parse_config};
        use std::path::{Path, PathBuf};
        let cfg = parse_config("", Path::new("postlint.toml")).unwrap();
        let settings = Settings::resolve(cfg, None, PathBuf::from("/")).unwrap();
        let src = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n\
                   <!-- postlint-disable-next-line PL109 -->\n<p>a\u{200b}b</p> \n";
        let report = crate::lint::Linter::new(&settings, crate::rules::testing::now())
            .lint(Path::new("_posts/a.html"), src.as_bytes().to_vec())
            .report;
        assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
        let table = report.lines.get().expect("the post's table");
        assert_eq!(table, &LineTable::new(src));
        let at = report
            .line_index()
            .line_col(report.diagnostics[0].range.start);
        assert_eq!(
            at,
            LineCol {
                line: 6,
                column: 11
            }
        );
    }

    /// A table is shared only with the text it was built for.
    #[test]
    fn shared_tables() {
        let table = LineTable::new("ab\ncd");
        let index = LineIndex::with_table("ab\ncd", &table);
        assert_eq!(index.line_col(4), LineCol { line: 2, column: 2 });
        let other = LineIndex::with_table("x\ny\nzzz", &table);
        assert_eq!(other.line_col(5), LineCol { line: 3, column: 2 });
        assert_eq!(other.line_count(), 3);
    }
}
