//! Pelican's metadata header, read as front matter on Pelican sites only.
//!
//! A Markdown post opens with `Key: value` lines up to the first blank line
//! (Python-Markdown's meta extension, which Pelican uses; the lines may sit
//! between `---` lines); a reST post has a field list (`:date: 2021-10-01`)
//! after its title; an HTML post has its `<head>` (`post::pelican_html`).
//! Pelican lowercases the keys and keeps the values as
//! text, so the mapping holds lowercased keys and string values. The header
//! is never YAML: no YAML reading, and no fix edits it.

use std::path::Path;

use serde_yaml::{Mapping, Value};

use crate::span::Span;

use super::front_matter::FrontMatter;
use super::keys::Entry;
use super::split::{FrontMatterKind, Split, lines_from};

/// The most header lines read: Pelican posts have a dozen.
const MAX_LINES: usize = 1000;

/// The header of a Pelican post at `path`, by its extension; `None` when
/// the file does not open with one.
pub fn split(source: &str, path: &Path) -> Option<Split> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    if ext.eq_ignore_ascii_case("rst") {
        return rst_fields(source, start);
    }
    if ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm") {
        return super::pelican_html::split(source, start);
    }
    if super::BodyFormat::from_path(path) != super::BodyFormat::Markdown {
        return None;
    }
    let mut lines = lines_from(source, start).take(MAX_LINES).peekable();
    let &(first, after_first) = lines.peek()?;
    let delimited = source[first].trim_end() == "---";
    if delimited {
        lines.next();
        for (line, next) in lines {
            let text = source[line].trim_end();
            if text == "---" || text == "..." {
                return Some(Split {
                    kind: FrontMatterKind::Pelican,
                    open: first,
                    content: Span::new(after_first, line.start),
                    close: Some(line),
                    body: Span::new(next, source.len()),
                });
            }
        }
        // Never closed: Python-Markdown then reads no metadata at all, and
        // the `---` is body text (a horizontal rule).
        return None;
    }
    meta_key(&source[first])?;
    let open = Span::new(start, start);
    let mut end = source.len();
    for (line, next) in lines {
        let text = &source[line];
        let continues = text.starts_with("    ") && !text.trim().is_empty();
        if meta_key(text).is_none() && !continues {
            // A blank line ends the header and is its closing line; any
            // other line ends it too and starts the body.
            let blank = text.trim().is_empty();
            let close = if blank {
                line
            } else {
                Span::new(line.start, line.start)
            };
            let body = if blank { next } else { line.start };
            return Some(Split {
                kind: FrontMatterKind::Pelican,
                open,
                content: Span::new(start, line.start),
                close: Some(close),
                body: Span::new(body, source.len()),
            });
        }
        end = next;
    }
    Some(Split {
        kind: FrontMatterKind::Pelican,
        open,
        content: Span::new(start, end),
        close: Some(Span::new(end, end)),
        body: Span::new(end, source.len()),
    })
}

/// `(key, value offset)` of a meta line: `Key: value`, the key of letters,
/// digits, `_` and `-`, after at most three spaces.
fn meta_key(line: &str) -> Option<(&str, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let colon = rest.find(':')?;
    let key = &rest[..colon];
    let is_key = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    is_key.then_some((key, indent + colon + 1))
}

/// A line of one punctuation character repeated: a reST title's under- or
/// overline.
fn adornment(line: &str) -> bool {
    let t = line.trim_end();
    let first = t.bytes().next();
    t.len() >= 2
        && t.bytes()
            .all(|b| b.is_ascii_punctuation() && Some(b) == first)
}

/// The document title at the start of `lines` (a line underlined, and maybe
/// overlined, with punctuation): the index of its text line and the number
/// of lines it takes.
fn rst_title(lines: &[&str]) -> Option<(usize, usize)> {
    let text = |i: usize| lines.get(i).copied().unwrap_or("");
    let words = |t: &str| !t.trim().is_empty() && !adornment(t);
    if adornment(text(0)) && words(text(1)) && adornment(text(2)) {
        Some((1, 3))
    } else if words(text(0)) && !text(0).starts_with([' ', '\t']) && adornment(text(1)) {
        Some((0, 2))
    } else {
        None
    }
}

/// A reST post's header: its title (Pelican's `title`) and the field list
/// after it (`:date: 2021-10-01`), either one alone too.
fn rst_fields(source: &str, start: usize) -> Option<Split> {
    let lines: Vec<(Span, usize)> = lines_from(source, start).take(MAX_LINES).collect();
    let texts: Vec<&str> = lines.iter().map(|(s, _)| &source[*s]).collect();
    let text = |i: usize| texts.get(i).copied().unwrap_or("");
    let title = rst_title(&texts);
    let mut i = title.map_or(0, |(_, used)| used);
    while i < lines.len() && text(i).trim().is_empty() {
        i += 1;
    }
    if title.is_none() {
        rst_field(text(i))?;
    }
    while i < lines.len() {
        let t = text(i);
        let continues = t.starts_with([' ', '\t']) && !t.trim().is_empty();
        if rst_field(t).is_none() && !continues {
            break;
        }
        i += 1;
    }
    let content_start = start;
    let content_end = lines.get(i).map_or(source.len(), |(s, _)| s.start);
    Some(Split {
        kind: FrontMatterKind::Pelican,
        open: Span::new(content_start, content_start),
        content: Span::new(content_start, content_end),
        close: Some(Span::new(content_end, content_end)),
        body: Span::new(content_end, source.len()),
    })
}

/// `(key, value offset)` of a reST field line `:key: value`.
fn rst_field(line: &str) -> Option<(&str, usize)> {
    let rest = line.strip_prefix(':')?;
    let colon = rest.find(':')?;
    let key = &rest[..colon];
    let is_key = !key.trim().is_empty() && !key.starts_with(' ') && !key.contains('`');
    is_key.then_some((key, colon + 2))
}

/// The header's keys and values: keys lowercased, values as text (a value
/// continued on indented lines is joined with line breaks); a repeated key
/// keeps its first value, as Pelican does.
pub fn front_matter(source: &str, split: &Split) -> FrontMatter {
    if super::pelican_html::is_head(source, split) {
        return super::pelican_html::front_matter(source, split);
    }
    let span = split.content;
    let mut entries: Vec<Entry> = Vec::new();
    let mut values: Vec<String> = Vec::new();
    let lines: Vec<(Span, usize)> = lines_from(&source[..span.end], span.start).collect();
    let texts: Vec<&str> = lines.iter().map(|(s, _)| &source[*s]).collect();
    let mut skip = 0;
    let mut document_title = None;
    if let Some((at, used)) = rst_title(&texts) {
        let line = lines[at].0;
        let title = texts[at].trim();
        let title_start = line.start + (texts[at].len() - texts[at].trim_start().len());
        let title_span = Span::new(title_start, title_start + title.len());
        let entry = Entry {
            key: "title".to_string(),
            key_span: title_span,
            value_span: title_span,
        };
        document_title = Some((entry, title.to_string()));
        skip = used;
    }
    for &(line, _) in &lines[skip..] {
        let text = &source[line];
        let key = rst_field(text).or_else(|| meta_key(text));
        match key {
            Some((key, value_at)) if !text.starts_with("    ") => {
                let value_at = value_at.min(text.len());
                let value = text[value_at..].trim();
                let value_start = line.start
                    + value_at
                    + (text[value_at..].len() - text[value_at..].trim_start().len());
                let key_start = line.start + text.find(key).unwrap_or(0);
                entries.push(Entry {
                    key: key.trim().to_lowercase(),
                    key_span: Span::new(key_start, key_start + key.len()),
                    value_span: Span::new(value_start, value_start + value.len()),
                });
                values.push(value.to_string());
            }
            _ => {
                // A continuation line: part of the value above.
                let (Some(entry), Some(value)) = (entries.last_mut(), values.last_mut()) else {
                    continue;
                };
                let trimmed = text.trim();
                if trimmed.is_empty() {
                    continue;
                }
                entry.value_span.end = line.start + text.trim_end().len();
                if !value.is_empty() {
                    value.push('\n');
                }
                value.push_str(trimmed);
            }
        }
    }
    // The document title is the default: a `:title:` field wins, as
    // Pelican's `metadata.setdefault('title', …)` has it.
    if let Some((entry, title)) = document_title
        && !entries.iter().any(|e| e.key == "title")
    {
        entries.insert(0, entry);
        values.insert(0, title);
    }
    metadata(span, entries, values)
}

/// The front matter of a Pelican header: its entries, and a mapping of
/// each named key to its text as Pelican keeps it (the first one wins).
pub(super) fn metadata(span: Span, entries: Vec<Entry>, values: Vec<String>) -> FrontMatter {
    let mut mapping = Mapping::new();
    for (entry, value) in entries.iter().zip(values) {
        let key = Value::String(entry.key.clone());
        if !entry.key.is_empty() && !mapping.contains_key(&key) {
            mapping.insert(key, Value::String(value));
        }
    }
    FrontMatter {
        kind: FrontMatterKind::Pelican,
        span,
        entries,
        mapping: Some(mapping),
        error: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header's text, the body's text and the header's pairs.
    type Header = (String, String, Vec<(String, String)>);

    fn header(path: &str, src: &str) -> Option<Header> {
        let split = split(src, Path::new(path))?;
        let fm = front_matter(src, &split);
        let pairs = fm
            .mapping
            .unwrap()
            .into_iter()
            .map(|(k, v)| {
                (
                    k.as_str().unwrap().to_string(),
                    v.as_str().unwrap().to_string(),
                )
            })
            .collect();
        Some((
            src[split.content].to_string(),
            src[split.body].to_string(),
            pairs,
        ))
    }

    fn pair(k: &str, v: &str) -> (String, String) {
        (k.to_string(), v.to_string())
    }

    #[test]
    fn markdown_meta_lines_up_to_the_blank_line() {
        let src = "Title: My super title\nDate: 2010-12-03 10:20\nTags: thats, awesome\n    more\n\nBody: not a key.\n";
        let (content, body, pairs) = header("content/a.md", src).unwrap();
        assert_eq!(
            content,
            "Title: My super title\nDate: 2010-12-03 10:20\nTags: thats, awesome\n    more\n"
        );
        assert_eq!(body, "Body: not a key.\n");
        assert_eq!(
            pairs,
            [
                pair("title", "My super title"),
                pair("date", "2010-12-03 10:20"),
                pair("tags", "thats, awesome\nmore")
            ]
        );
    }

    #[test]
    fn delimited_meta_and_what_is_not_a_header() {
        let src = "---\nTitle: Migrating: Plugins\nDate: 2021-02-15\n---\n\nSo you want\n";
        let (_, body, pairs) = header("a.md", src).unwrap();
        assert_eq!(body, "\nSo you want\n");
        assert_eq!(
            pairs,
            [
                pair("title", "Migrating: Plugins"),
                pair("date", "2021-02-15")
            ]
        );
        assert!(header("a.md", "# Title: no\n\ntext\n").is_none());
        assert!(header("a.md", "---\nTitle: never closed\n").is_none());
        assert!(header("a.html", "Title: x\n\n<p>y</p>\n").is_none());
        assert!(header("a.md", "").is_none());
    }

    #[test]
    fn rst_fields_after_the_title() {
        let src = "Pelican 4.7 released\n####################\n\n:date: 2021-10-01\n:slug: pelican-4.7\n\nPelican 4.7 is out.\n";
        let (content, body, pairs) = header("news/a.rst", src).unwrap();
        assert_eq!(
            content,
            "Pelican 4.7 released\n####################\n\n:date: 2021-10-01\n:slug: pelican-4.7\n"
        );
        assert_eq!(body, "\nPelican 4.7 is out.\n");
        // The document title is Pelican's `title`.
        assert_eq!(
            pairs,
            [
                pair("title", "Pelican 4.7 released"),
                pair("date", "2021-10-01"),
                pair("slug", "pelican-4.7")
            ]
        );
        let overlined = "=====\nAbout: us\n=====\n\nJust text.\n";
        let (_, body, pairs) = header("pages/about.rst", overlined).unwrap();
        assert_eq!(body, "Just text.\n");
        assert_eq!(pairs, [pair("title", "About: us")]);
        // A `:title:` field wins over the document title, and is no duplicate.
        let both = "Gratitude\n=========\n\n:title: Thanks\n\nText.\n";
        let split = split(both, Path::new("pages/gratitude.rst")).unwrap();
        let fm = front_matter(both, &split);
        assert_eq!(fm.entries.len(), 1);
        assert_eq!(&both[fm.entries[0].value_span], "Thanks");
        let fields_only = ":date: 2021-10-01\n\nText.\n";
        let (_, _, pairs) = header("a.rst", fields_only).unwrap();
        assert_eq!(pairs, [pair("date", "2021-10-01")]);
        assert!(header("a.rst", "Just text.\n\nMore.\n").is_none());
    }

    #[test]
    fn a_header_over_the_size_limit_is_not_read() {
        let src = format!("Title: x\nSummary: {}\n\nText.\n", "y".repeat(100));
        let split = split(&src, Path::new("a.md")).unwrap();
        let fm = FrontMatter::parse(&src, &split, 64);
        assert!(matches!(
            fm.error,
            Some(crate::post::FrontMatterError::TooLarge { limit: 64, .. })
        ));
        assert!(fm.mapping.is_none());
    }

    #[test]
    fn odd_input_never_panics_and_spans_stay_on_characters() {
        let inputs = [
            "\u{feff}Title: ÄÖÜ\r\nDate: 2021-01-01\r\n\r\nbody",
            "Tïtle: x\n",
            "Title:\n    \n    €\n",
            ":\n",
            "a:b:c:\n\n",
            "---\n---\n",
            "---\n€: x\n...\n",
            "====\n€€\n====\n:€: ü\n  ü\n",
            "€\n==\n",
            ":x:\n",
            "::\n",
            "",
        ];
        for src in inputs {
            for path in ["a.md", "a.rst"] {
                let Some(split) = split(src, Path::new(path)) else {
                    continue;
                };
                let fm = front_matter(src, &split);
                for span in [split.open, split.content, split.body]
                    .into_iter()
                    .chain(split.close)
                    .chain(fm.entries.iter().flat_map(|e| [e.key_span, e.value_span]))
                {
                    assert!(span.start <= span.end && span.end <= src.len(), "{src:?}");
                    assert!(src.is_char_boundary(span.start), "{src:?}");
                    assert!(src.is_char_boundary(span.end), "{src:?}");
                }
            }
        }
    }

    #[test]
    fn key_and_value_spans_point_into_the_source() {
        let src = "Title: Hallo\nDATE:  2010-12-03\n\nx\n";
        let split = split(src, Path::new("a.md")).unwrap();
        let fm = front_matter(src, &split);
        let spans: Vec<_> = fm
            .entries
            .iter()
            .map(|e| (e.key.as_str(), &src[e.key_span], &src[e.value_span]))
            .collect();
        assert_eq!(
            spans,
            [("title", "Title", "Hallo"), ("date", "DATE", "2010-12-03")]
        );
    }
}
