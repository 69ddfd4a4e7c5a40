//! A bounded excerpt of a file for one finding of the human output: only the
//! lines around its labels, each long line cut to a window around them
//! (marked with `…`), control and bidi characters escaped. miette reads it
//! through its `SourceCode` trait, so a finding costs the size of its
//! excerpt, not of the file: miette's own reader scans from byte 0 for every
//! label, and pads to a label's column, which panics past column 65,535.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::escape::push_escaped;
use crate::location::LineIndex;
use crate::span::Span;

/// Characters shown on each side of the labels on a long line.
const WINDOW: usize = 100;
/// Lines longer than this (in characters) are cut to a window.
const LONG_LINE: usize = 400;
/// A label spanning more lines is cut after this many.
const MAX_LABEL_LINES: usize = 10;
/// Lines of context before and after a label (miette's default).
const CONTEXT: usize = 1;

/// One line of the file as shown in the excerpt.
#[derive(Debug)]
struct Shown {
    /// 0-based line in the file.
    line: usize,
    /// Which run of consecutive lines it belongs to.
    group: usize,
    /// Where it starts in the excerpt.
    start: usize,
    /// (offset in the file, offset in the excerpt) of each character shown,
    /// then of the end of what is shown.
    map: Vec<(usize, usize)>,
    /// Where the line's text ends in the file (its line break starts).
    content_end: usize,
    /// Where the line break (`\n` or `\r\n`) starts in the excerpt, and its length.
    break_in_text: usize,
    break_len: usize,
}

/// The excerpt for one finding; see the module comment.
#[derive(Debug)]
pub struct Snippet<'a> {
    name: String,
    index: &'a LineIndex<'a>,
    text: String,
    lines: Vec<Shown>,
    /// Excerpt range of each run of consecutive lines.
    groups: Vec<Span>,
}

/// `i` clamped to `s` and moved up to a character boundary.
fn snap_up(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl<'a> Snippet<'a> {
    /// The excerpt showing `ranges` (byte ranges in the file), and the ranges
    /// as offsets in the excerpt, in the same order.
    pub fn new(
        name: String,
        index: &'a LineIndex<'a>,
        ranges: &[Span],
    ) -> (Snippet<'a>, Vec<Span>) {
        let source = index.source();
        let last_line = index.line_count() - 1;
        // Ranges on character boundaries, with their lines; long ones cut.
        let ranges: Vec<(usize, usize, usize, usize)> = ranges
            .iter()
            .map(|r| {
                let start = index.snap(r.start);
                let mut end = snap_up(source, r.end.max(start));
                let first = index.line_of(start);
                let mut last = index.line_of(end);
                if last - first > MAX_LABEL_LINES {
                    last = first + MAX_LABEL_LINES;
                    end = index.line_range(last).end;
                }
                (start, end, first, last)
            })
            .collect();
        // The lines to show, as runs of consecutive lines.
        let mut wanted: Vec<std::ops::Range<usize>> = ranges
            .iter()
            .map(|&(_, _, first, last)| {
                first.saturating_sub(CONTEXT)..(last + CONTEXT).min(last_line) + 1
            })
            .collect();
        wanted.sort_by_key(|r| r.start);
        let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
        for r in wanted {
            match runs.last_mut() {
                Some(prev) if r.start <= prev.end => prev.end = prev.end.max(r.end),
                _ => runs.push(r),
            }
        }
        let mut snippet = Snippet {
            name,
            index,
            text: String::new(),
            lines: Vec::new(),
            groups: Vec::new(),
        };
        for (group, run) in runs.into_iter().enumerate() {
            let start = snippet.text.len();
            for line in run {
                let points: Vec<usize> = ranges
                    .iter()
                    .flat_map(|&(s, e, first, last)| {
                        [(first == line).then_some(s), (last == line).then_some(e)]
                    })
                    .flatten()
                    .collect();
                snippet.push_line(line, group, &points);
            }
            snippet.groups.push(Span::new(start, snippet.text.len()));
        }
        let mapped = ranges
            .iter()
            .map(|&(s, e, _, _)| {
                let start = snippet.to_text(s);
                Span::new(start, snippet.to_text(e).max(start))
            })
            .collect();
        (snippet, mapped)
    }

    /// Appends line `line` of the file, cut to a window around `points` if long.
    fn push_line(&mut self, line: usize, group: usize, points: &[usize]) {
        let source = self.index.source();
        let range = self.index.line_range(line);
        let has_break = range.end < source.len();
        let mut content_end = range.end;
        if has_break && source[..content_end].ends_with('\r') {
            content_end -= 1;
        }
        let (mut from, mut to) = (range.start, content_end);
        if self.index.chars_between(from, to) > LONG_LINE {
            let lo = points.iter().copied().min().unwrap_or(from).clamp(from, to);
            let hi = points.iter().copied().max().unwrap_or(from).clamp(lo, to);
            from = source[from..lo]
                .char_indices()
                .rev()
                .take(WINDOW)
                .last()
                .map_or(lo, |(i, _)| from + i);
            let (mut shown, mut past_hi) = (0, 0);
            let mut end = from;
            for (i, c) in source[from..to].char_indices() {
                let at = from + i;
                if at >= hi {
                    past_hi += 1;
                }
                if past_hi > WINDOW || shown >= LONG_LINE {
                    break;
                }
                shown += 1;
                end = at + c.len_utf8();
            }
            to = end;
        }
        let start = self.text.len();
        if from > range.start {
            self.text.push('…');
        }
        let mut map = Vec::with_capacity(to - from + 1);
        for (i, c) in source[from..to].char_indices() {
            map.push((from + i, self.text.len()));
            push_escaped_in_line(&mut self.text, c);
        }
        map.push((to, self.text.len()));
        if to < content_end {
            self.text.push('…');
        }
        let break_in_text = self.text.len();
        if has_break {
            self.text.push_str(&source[content_end..range.end + 1]);
        }
        let break_len = self.text.len() - break_in_text;
        self.lines.push(Shown {
            line,
            group,
            start,
            map,
            content_end,
            break_in_text,
            break_len,
        });
    }

    /// The shown line holding excerpt offset `at`.
    fn shown_at(&self, at: usize) -> Option<&Shown> {
        let i = self.lines.partition_point(|s| s.start <= at);
        self.lines.get(i.checked_sub(1)?)
    }

    /// Where file offset `at` (a character boundary on a shown line) is in
    /// the excerpt; offsets cut off a long line go to the nearest end.
    fn to_text(&self, at: usize) -> usize {
        let line = self.index.line_of(at);
        let Some(shown) = self.lines.iter().find(|s| s.line == line) else {
            return self.text.len();
        };
        if at >= shown.content_end
            && let Some(&(end, _)) = shown.map.last()
            && end == shown.content_end
        {
            // In the line break itself (a `\r` finding, say).
            return shown.break_in_text + (at - shown.content_end).min(shown.break_len);
        }
        let i = shown.map.partition_point(|&(f, _)| f <= at);
        shown.map[i.saturating_sub(1)].1
    }

    /// Where excerpt offset `at` comes from in the file.
    fn to_file(&self, at: usize) -> usize {
        let Some(shown) = self.shown_at(at) else {
            return 0;
        };
        let i = shown.map.partition_point(|&(_, t)| t <= at);
        shown.map[i.saturating_sub(1)].0
    }

    /// The run of lines holding excerpt offset `at`.
    fn group_at(&self, at: usize) -> Option<usize> {
        self.shown_at(at).map(|s| s.group)
    }
}

/// Like [`push_escaped`], but a tab stays a tab: miette expands it.
fn push_escaped_in_line(out: &mut String, c: char) {
    if c == '\t' {
        out.push(c);
    } else {
        push_escaped(out, c);
    }
}

impl SourceCode for Snippet<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        // Read as miette reads any text, then keep to the run of lines the
        // span is in, and give the file's line numbers and columns.
        let read = self
            .text
            .as_str()
            .read_span(span, context_lines_before, context_lines_after)?;
        let last = (span.offset() + span.len())
            .saturating_sub(1)
            .max(span.offset());
        let group = self.group_at(span.offset());
        if group != self.group_at(last.min(self.text.len())) && !span.is_empty() {
            // Lines apart in the file: miette then shows them separately.
            return Err(MietteError::OutOfBounds);
        }
        let run = group
            .and_then(|g| self.groups.get(g))
            .cloned()
            .unwrap_or(Span::new(0, self.text.len()));
        let a = read.span().offset().max(run.start);
        let b = (read.span().offset() + read.span().len())
            .min(run.end)
            .max(a);
        let first = self.shown_at(a).map_or(0, |s| s.line);
        let column = if context_lines_before == 0 {
            self.index.line_col(self.to_file(span.offset())).column - 1
        } else {
            0
        };
        let line_count = self
            .shown_at(b.saturating_sub(1).max(a))
            .map_or(0, |s| s.line)
            + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[a..b],
            SourceSpan::new(a.into(), b - a),
            first,
            column,
            line_count,
        )))
    }
}

#[cfg(test)]
// A list of one range is what these tests mean: one label.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn excerpt(source: &str, ranges: &[Span]) -> (String, Vec<String>) {
        let index = LineIndex::new(source);
        let (s, mapped) = Snippet::new("a.html".into(), &index, ranges);
        let shown = mapped.iter().map(|r| s.text[*r].to_string()).collect();
        (s.text, shown)
    }

    #[test]
    fn long_line_is_cut_to_a_window_around_the_label() {
        let source = format!("<p>{}<img src=x></p>\nnext\n", "é".repeat(70_000));
        let at = source.find("<img").unwrap();
        let (text, shown) = excerpt(&source, &[Span::new(at, at + 4)]);
        assert_eq!(shown, ["<img"]);
        assert!(text.starts_with("…ééé") && text.ends_with("<img src=x></p>\nnext\n"));
        assert!(text.chars().count() < 2 * WINDOW + 30, "{text}");
    }

    #[test]
    fn far_apart_labels_show_only_their_lines() {
        let source: String = (1..=1000).map(|i| format!("line {i}\n")).collect();
        let a = source.find("line 2\n").unwrap();
        let b = source.find("line 900\n").unwrap();
        let (text, shown) = excerpt(&source, &[Span::new(b, b + 8), Span::new(a, a + 6)]);
        assert_eq!(
            text,
            "line 1\nline 2\nline 3\nline 899\nline 900\nline 901\n"
        );
        assert_eq!(shown, ["line 900", "line 2"]);
        // A label over many lines is cut after MAX_LABEL_LINES.
        let (text, _) = excerpt(&source, &[Span::new(a, b)]);
        assert_eq!(text.lines().count(), MAX_LABEL_LINES + 3);
    }

    #[test]
    fn control_characters_are_escaped_and_line_breaks_kept() {
        let source = "a\u{1b}[2Jb\r\nc\u{202e}d\r\n";
        let (text, shown) = excerpt(source, &[Span::new(1, 2), Span::new(10, 11)]);
        assert_eq!(text, "a\\u{1b}[2Jb\r\nc\\u{202e}d\r\n");
        assert_eq!(shown, ["\\u{1b}", "\\u{202e}"]);
        // A finding on the line break itself points at it.
        let (_, shown) = excerpt(source, &[Span::new(6, 7)]);
        assert_eq!(shown, ["\r"]);
    }

    #[test]
    fn header_gives_the_true_line_and_column() {
        let source = format!("x\n{}<b>\n", "é".repeat(1000));
        let at = source.find("<b>").unwrap();
        let index = LineIndex::new(&source);
        let (s, mapped) = Snippet::new("a.html".into(), &index, &[Span::new(at, at + 3)]);
        let span = SourceSpan::new(mapped[0].start.into(), 3);
        let c = s.read_span(&span, 0, 0).unwrap();
        assert_eq!((c.line() + 1, c.column() + 1), (2, 1001));
    }
}
