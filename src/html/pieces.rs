//! The HTML of a body as one text made of pieces of the file (all of an HTML
//! body; the raw HTML inside a Markdown body), with every offset mapped back.

use crate::span::Span;

/// One stretch of the scanned text and where it comes from.
#[derive(Debug, Clone)]
struct Part {
    at: usize,
    len: usize,
    source: usize,
    source_len: usize,
}

/// Scanned text plus the map from its offsets to offsets in `Post.source`.
#[derive(Debug, Clone, Default)]
pub struct Pieces {
    pub text: String,
    parts: Vec<Part>,
}

/// Stands for Markdown content between two pieces of HTML: text to the
/// checker, so `<p>` + Markdown + `</p>` is not an empty paragraph.
const MARKER: char = '\u{E000}';

impl Pieces {
    /// The whole `range` of `source`.
    pub fn whole(source: &str, range: Span) -> Pieces {
        let mut p = Pieces::default();
        p.push_source(source, range);
        p
    }

    /// Appends `source[range]` as written.
    pub fn push_source(&mut self, source: &str, range: Span) {
        let Some(text) = range.get(source) else {
            return;
        };
        if text.is_empty() {
            return;
        }
        self.parts.push(Part {
            at: self.text.len(),
            len: text.len(),
            source: range.start,
            source_len: text.len(),
        });
        self.text.push_str(text);
    }

    /// Appends a marker standing for the non-HTML content at `range`.
    pub fn push_marker(&mut self, range: Span) {
        self.parts.push(Part {
            at: self.text.len(),
            len: MARKER.len_utf8(),
            source: range.start,
            source_len: range.len(),
        });
        self.text.push(MARKER);
    }

    /// Where the end of the scanned text lies in the source.
    fn end(&self) -> usize {
        self.parts.last().map_or(0, |p| p.source + p.source_len)
    }

    fn position(&self, offset: usize, is_end: bool) -> usize {
        // The part holding `offset`; an end offset belongs to the part it ends.
        let i = if is_end {
            self.parts.partition_point(|p| p.at + p.len < offset)
        } else {
            self.parts.partition_point(|p| p.at + p.len <= offset)
        };
        let Some(p) = self.parts.get(i) else {
            return self.end();
        };
        let within = offset.saturating_sub(p.at).min(p.len);
        if p.len == p.source_len {
            p.source + within
        } else if is_end && within > 0 {
            p.source + p.source_len
        } else {
            p.source
        }
    }

    /// Maps a range of `text` to the file.
    pub fn map(&self, range: Span) -> Span {
        let start = self.position(range.start, false);
        if range.is_empty() {
            return Span::new(start, start);
        }
        let end = self.position(range.end, true);
        Span::new(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_pieces_and_markers_back() {
        let src = "aa<b>cc**x**dd<i>e";
        let mut p = Pieces::default();
        p.push_source(src, Span::new(2, 5)); // <b>
        p.push_marker(Span::new(7, 12)); // **x**
        p.push_source(src, Span::new(14, 17)); // <i>
        assert_eq!(p.text, "<b>\u{E000}<i>");
        assert_eq!(p.map(Span::new(0, 3)), 2..5);
        assert_eq!(p.map(Span::new(3, 6)), 7..12);
        assert_eq!(p.map(Span::new(6, 9)), 14..17);
        assert_eq!(p.map(Span::new(1, 2)), 3..4);
        assert_eq!(p.map(Span::new(9, 9)), 17..17);
        assert_eq!(p.map(Span::new(100, 200)), 17..17);
    }

    #[test]
    fn whole_is_an_offset() {
        let src = "---\n---\n<p>x</p>";
        let p = Pieces::whole(src, Span::new(8, src.len()));
        assert_eq!(p.map(Span::new(0, 3)), 8..11);
        assert_eq!(p.map(Span::new(3, 3)), 11..11);
    }
}
