//! Byte offsets to the 1-based line and column (in characters) users see.

use serde::Serialize;

/// A 1-based position in the original file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The position of byte `offset` (clamped to the text and to a character boundary).
pub fn line_col(source: &str, offset: usize) -> LineCol {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    LineCol {
        line: before.bytes().filter(|&b| b == b'\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
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
}
