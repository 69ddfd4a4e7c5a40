//! The HTML of a body as one text made of pieces of the file (all of an HTML
//! body; the raw HTML inside a Markdown body), with every offset mapped back.

use crate::span::Span;
use crate::template::Mask;

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

/// Stands for template code that outputs something unknown (an include, an
/// output, a shortcode, a code block): content, but neither text nor markup,
/// so it is not "text directly inside `<tbody>`" and leaves no element empty.
pub const OPAQUE: char = '\u{E001}';

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

    /// These pieces with the template code at `masks` (file spans, sorted, not
    /// overlapping) left out or replaced by [`OPAQUE`]; every other offset
    /// still maps to the same place in the file.
    pub fn masked(&self, masks: &[(Span, Mask)]) -> Pieces {
        if masks.is_empty() {
            return self.clone();
        }
        let mut out = Pieces::default();
        let mut m = 0;
        for part in &self.parts {
            let Some(text) = self.text.get(part.at..part.at + part.len) else {
                continue;
            };
            if part.len != part.source_len {
                // A marker: Markdown content, never template code.
                out.parts.push(Part {
                    at: out.text.len(),
                    ..part.clone()
                });
                out.text.push_str(text);
                continue;
            }
            let (start, end) = (part.source, part.source + part.len);
            while masks.get(m).is_some_and(|(s, _)| s.end <= start) {
                m += 1;
            }
            let mut at = start;
            let mut k = m;
            while let Some(&(span, mask)) = masks.get(k) {
                if span.start >= end {
                    break;
                }
                let from = span.start.max(at);
                let to = span.end.min(end);
                if from > at {
                    out.push_text(text.get(at - start..from - start), at);
                }
                if mask == Mask::Neutral && to > from {
                    let written = text.get(from - start..to - start).unwrap_or("");
                    let neutral: String = written
                        .chars()
                        .map(|c| {
                            if matches!(c, '"' | '\'' | '<' | '>') {
                                '_'
                            } else {
                                c
                            }
                        })
                        .collect();
                    out.push_text(Some(&neutral), from);
                }
                if mask == Mask::Opaque && to > from {
                    out.parts.push(Part {
                        at: out.text.len(),
                        len: OPAQUE.len_utf8(),
                        source: from,
                        source_len: to - from,
                    });
                    out.text.push(OPAQUE);
                }
                at = to.max(at);
                if span.end > end {
                    break;
                }
                k += 1;
            }
            if at < end {
                out.push_text(text.get(at - start..), at);
            }
        }
        out
    }

    /// These pieces with `source[r]` added for each of `ranges` (sorted, not
    /// overlapping any piece), in file order.
    pub fn merged(&self, source: &str, ranges: &[Span]) -> Pieces {
        let mut out = Pieces::default();
        let mut extra = ranges.iter().peekable();
        for part in &self.parts {
            while let Some(r) = extra.next_if(|r| r.start < part.source) {
                out.push_text(r.get(source), r.start);
            }
            out.parts.push(Part {
                at: out.text.len(),
                ..part.clone()
            });
            out.text
                .push_str(self.text.get(part.at..part.at + part.len).unwrap_or(""));
        }
        for r in extra {
            out.push_text(r.get(source), r.start);
        }
        out
    }

    /// Appends `text`, which is written at `source` in the file.
    fn push_text(&mut self, text: Option<&str>, source: usize) {
        let Some(text) = text.filter(|t| !t.is_empty()) else {
            return;
        };
        self.parts.push(Part {
            at: self.text.len(),
            len: text.len(),
            source,
            source_len: text.len(),
        });
        self.text.push_str(text);
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
    fn masks_drop_and_replace_template_code() {
        let src = "<tr>{% for r in x %}<td>{{ r.a }}</td>{% endfor %}</tr>";
        let p = Pieces::whole(src, Span::new(0, src.len()));
        let at = |t: &str| {
            let s = src.find(t).unwrap();
            Span::new(s, s + t.len())
        };
        let masks = [
            (at("{% for r in x %}"), Mask::Drop),
            (at("{{ r.a }}"), Mask::Opaque),
            (at("{% endfor %}"), Mask::Drop),
        ];
        let m = p.masked(&masks);
        assert_eq!(m.text, "<tr><td>\u{E001}</td></tr>");
        assert_eq!(m.map(Span::new(4, 8)), at("<td>"));
        assert_eq!(m.map(Span::new(8, 11)), at("{{ r.a }}"));
        assert_eq!(m.map(Span::new(11, 16)), at("</td>"));
        assert_eq!(m.map(Span::new(16, 21)), at("</tr>"));
        // A mask across two pieces and a marker between them.
        let mut q = Pieces::default();
        q.push_source(src, Span::new(0, 10));
        q.push_marker(Span::new(10, 12));
        q.push_source(src, Span::new(12, src.len()));
        let m = q.masked(&[(Span::new(4, 14), Mask::Opaque)]);
        assert_eq!(
            m.text,
            format!("<tr>\u{E001}\u{E000}\u{E001}{}", &src[14..])
        );
        assert_eq!(m.map(Span::new(4, 7)), 4..10);
    }

    #[test]
    fn whole_is_an_offset() {
        let src = "---\n---\n<p>x</p>";
        let p = Pieces::whole(src, Span::new(8, src.len()));
        assert_eq!(p.map(Span::new(0, 3)), 8..11);
        assert_eq!(p.map(Span::new(3, 3)), 11..11);
    }
}
