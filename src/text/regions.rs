//! Parts of a body that hold code or verbatim text (`<pre>`, `<code>`,
//! Markdown code spans and fences), where text rules must not touch anything.

use crate::span::Span;

use crate::post::BodyFormat;

/// Elements whose content is code or preformatted.
const VERBATIM_TAGS: [&str; 7] = ["pre", "code", "kbd", "samp", "script", "style", "textarea"];

/// The verbatim regions of `source[body]`, sorted and not overlapping.
pub fn verbatim(source: &str, body: Span, format: BodyFormat) -> Vec<Span> {
    verbatim_with(source, body, format, &[])
}

/// [`verbatim`] plus the `template` regions (template code and the code
/// blocks it holds, from [`crate::template::Layer::opaque_regions`]).
pub fn verbatim_with(source: &str, body: Span, format: BodyFormat, template: &[Span]) -> Vec<Span> {
    let Some(text) = body.get(source) else {
        return Vec::new();
    };
    let mut out = html_regions(text, body.start);
    if format == BodyFormat::Markdown {
        out.extend(markdown_regions(text, body.start));
    }
    out.extend_from_slice(template);
    out.sort_by_key(|r| r.start);
    // Merge overlaps (a code span inside a <pre>).
    let mut merged: Vec<Span> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// `<pre …>…</pre>` and the like, by a plain case-insensitive search: the
/// element runs to its first closing tag, or to the end of the body.
fn html_regions(text: &str, base: usize) -> Vec<Span> {
    let bytes = text.as_bytes();
    let starts_with_ci = |at: usize, word: &[u8]| {
        bytes
            .get(at..at + word.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(word))
    };
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = memchr::memchr(b'<', &bytes[pos..]).map(|i| pos + i) {
        pos = i + 1;
        let Some(tag) = VERBATIM_TAGS.iter().find(|t| {
            starts_with_ci(i + 1, t.as_bytes())
                && bytes
                    .get(i + 1 + t.len())
                    .is_some_and(|c| *c == b'>' || *c == b'/' || c.is_ascii_whitespace())
        }) else {
            continue;
        };
        // The first `</tag` after the start tag, in any case.
        let mut end = text.len();
        let mut at = i + 1;
        while let Some(j) = memchr::memchr(b'<', &bytes[at..]).map(|j| at + j) {
            if bytes.get(j + 1) == Some(&b'/') && starts_with_ci(j + 2, tag.as_bytes()) {
                end = j;
                break;
            }
            at = j + 1;
        }
        out.push(Span::new(base + i, base + end));
        pos = end.max(pos);
    }
    out
}

/// Fenced code blocks (``` or ~~~) and inline code spans of Markdown `text`
/// (offsets from `base`), in source order.
pub fn markdown_code(text: &str, base: usize) -> Vec<Span> {
    markdown_regions(text, base)
}

/// Fenced code blocks (``` or ~~~) and inline code spans.
fn markdown_regions(text: &str, base: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut fence: Option<(usize, &str)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        match fence {
            Some((start, marker)) => {
                if trimmed.starts_with(marker) {
                    out.push(Span::new(base + start, base + offset + line.len()));
                    fence = None;
                }
            }
            None => {
                if trimmed.starts_with("```") {
                    fence = Some((offset, "```"));
                } else if trimmed.starts_with("~~~") {
                    fence = Some((offset, "~~~"));
                } else {
                    code_spans(line, base + offset, &mut out);
                }
            }
        }
        offset += line.len();
    }
    if let Some((start, _)) = fence {
        out.push(Span::new(base + start, base + text.len()));
    }
    out
}

/// `` `code` `` spans within one line (spans across lines are rare in posts).
fn code_spans(line: &str, base: usize, out: &mut Vec<Span>) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|b| **b == b'`').count();
        let marker = &line[i..i + run];
        match line[i + run..].find(marker) {
            Some(j) => {
                let end = i + run + j + run;
                out.push(Span::new(base + i, base + end));
                i = end;
            }
            None => i += run,
        }
    }
}

/// `range` without the `holes` (sorted, not overlapping).
pub fn subtract(range: Span, holes: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = range.start;
    for h in holes {
        if h.end <= start || h.start >= range.end {
            continue;
        }
        if h.start > start {
            out.push(Span::new(start, h.start));
        }
        start = start.max(h.end);
    }
    if start < range.end {
        out.push(Span::new(start, range.end));
    }
    out
}

/// Whether `at` falls inside one of the sorted `regions`.
pub fn contains(regions: &[Span], at: usize) -> bool {
    let i = regions.partition_point(|r| r.end <= at);
    regions.get(i).is_some_and(|r| r.start <= at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_markdown_code() {
        let src = "<p>a</p><PRE class=x>Ã©</pre><p>`x`</p><code>y</code>";
        let r = verbatim(src, Span::new(0, src.len()), BodyFormat::Html);
        let got: Vec<_> = r.iter().map(|r| &src[*r]).collect();
        assert_eq!(got, ["<PRE class=x>Ã©", "<code>y"]);
        let md = "text `Ã©` and ``a`b``\n```\nÃ©\n```\nafter\n";
        let r = verbatim(md, Span::new(0, md.len()), BodyFormat::Markdown);
        let got: Vec<_> = r.iter().map(|r| &md[*r]).collect();
        assert_eq!(got, ["`Ã©`", "``a`b``", "```\nÃ©\n```\n"]);
    }

    #[test]
    fn unclosed_and_prefix_names() {
        let src = "<preview>x</preview><pre>open";
        let r = verbatim(src, Span::new(0, src.len()), BodyFormat::Html);
        assert_eq!(r, vec![20..src.len()]);
    }

    #[test]
    fn subtract_and_contains() {
        assert_eq!(
            subtract(Span::new(0, 10), &[Span::new(2, 4), Span::new(6, 7)]),
            vec![0..2, 4..6, 7..10]
        );
        let whole = [Span { start: 0, end: 10 }];
        assert_eq!(subtract(Span::new(0, 10), &whole), Vec::<Span>::new());
        assert!(contains(&[Span::new(2, 4), Span::new(6, 7)], 3));
        assert!(!contains(&[Span::new(2, 4), Span::new(6, 7)], 4));
        assert!(!contains(&[], 0));
    }
}
