//! Pelican's HTML posts: the metadata is the `<head>`, its `<title>` and
//! its `<meta name="…" content="…">` tags (Pelican also reads
//! `contents=`), keys lowercased; the body is what follows `</head>`.
//! Read on Pelican sites only, as text: nothing is rewritten.

use std::sync::LazyLock;

use regex::Regex;

use crate::span::Span;

use super::front_matter::FrontMatter;
use super::keys::Entry;
use super::split::{FrontMatterKind, Split};

/// How far into the file the `<head>` must start: after a doctype and an
/// `<html>` tag, not deep in the body.
const MAX_HEAD_START: usize = 4096;

static HEAD_OPEN: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)<head(?:\s[^>]*)?>").ok());
static HEAD_CLOSE: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(?i)</head\s*>").ok());
static TITLE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?is)<(title)(?:\s[^>]*)?>(.*?)</title\s*>").ok());
static BODY_OPEN: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)<body(?:\s[^>]*)?>").ok());
static BODY_CLOSE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)</body\s*>\s*(?:</html\s*>)?\s*$").ok());
static META: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(?is)<meta\b([^>]*)>").ok());
static NAME: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#"(?i)\bname\s*=\s*(?:"([^"]*)"|'([^']*)')"#).ok());
static CONTENT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#"(?i)\bcontents?\s*=\s*(?:"([^"]*)"|'([^']*)')"#).ok());

/// The `<head>` of an HTML post, as its front matter; `None` without one
/// near the start of the file, or never closed.
pub fn split(source: &str, start: usize) -> Option<Split> {
    let open = HEAD_OPEN.as_ref()?.find(&source[start..])?;
    let open = Span::new(start + open.start(), start + open.end());
    if open.start - start > MAX_HEAD_START {
        return None;
    }
    let close = HEAD_CLOSE.as_ref()?.find(&source[open.end..])?;
    let close = Span::new(open.end + close.start(), open.end + close.end());
    Some(Split {
        kind: FrontMatterKind::Pelican,
        open,
        content: Span::new(open.end, close.start),
        close: Some(close),
        body: inside_body(source, close.end),
    })
}

/// What Pelican publishes of the page after the head: the inside of its
/// `<body>`, when the file ends with `</body>` (and `</html>`); else all of
/// it.
fn inside_body(source: &str, from: usize) -> Span {
    let rest = &source[from..];
    let open = BODY_OPEN.as_ref().and_then(|re| re.find(rest));
    let close = BODY_CLOSE.as_ref().and_then(|re| re.find(rest));
    match (open, close) {
        (Some(o), Some(c)) if o.end() <= c.start() => Span::new(from + o.end(), from + c.start()),
        _ => Span::new(from, source.len()),
    }
}

/// Whether `split` is an HTML head (rather than metadata lines).
pub fn is_head(source: &str, split: &Split) -> bool {
    source[split.open].starts_with('<')
}

/// The head's title and meta tags as keys and values: the first of a
/// repeated key wins.
pub fn front_matter(source: &str, split: &Split) -> FrontMatter {
    let span = split.content;
    let head = &source[span];
    let at = |s: usize, e: usize| Span::new(span.start + s, span.start + e);
    let mut entries = Vec::new();
    let mut values = Vec::new();
    if let Some(c) = TITLE.as_ref().and_then(|re| re.captures(head))
        && let (Some(tag), Some(text)) = (c.get(1), c.get(2))
    {
        let trimmed = text.as_str().trim();
        let lead = text.as_str().len() - text.as_str().trim_start().len();
        entries.push(Entry {
            key: "title".to_string(),
            key_span: at(tag.start(), tag.end()),
            value_span: at(text.start() + lead, text.start() + lead + trimmed.len()),
        });
        values.push(trimmed.to_string());
    }
    let attribute = |re: &Option<Regex>, attrs: &str| {
        let c = re.as_ref()?.captures(attrs)?;
        c.get(1).or_else(|| c.get(2)).map(|m| (m.start(), m.end()))
    };
    let metas = META.as_ref().map(|re| re.captures_iter(head));
    for c in metas.into_iter().flatten() {
        let Some(attrs) = c.get(1) else { continue };
        let (Some(name), Some(content)) = (
            attribute(&NAME, attrs.as_str()),
            attribute(&CONTENT, attrs.as_str()),
        ) else {
            continue;
        };
        let base = attrs.start();
        let key = &head[base + name.0..base + name.1];
        entries.push(Entry {
            key: key.trim().to_lowercase(),
            key_span: at(base + name.0, base + name.1),
            value_span: at(base + content.0, base + content.1),
        });
        values.push(head[base + content.0..base + content.1].to_string());
    }
    super::pelican::metadata(span, entries, values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_meta_tags_are_the_metadata() {
        let src = "<html>\n  <head>\n    <title>My super title</title>\n    <meta name=\"Date\" content=\"2012-07-09 22:28\" />\n    <meta name=\"tags\" contents=\"thats, awesome\" />\n    <meta charset=\"utf-8\">\n  </head>\n  <body>\n    This is the content.\n  </body>\n</html>\n";
        let split = split(src, 0).unwrap();
        assert!(is_head(src, &split));
        assert_eq!(&src[split.open], "<head>");
        assert_eq!(&src[split.body], "\n    This is the content.\n  ");
        let fm = front_matter(src, &split);
        let pairs: Vec<_> = fm
            .entries
            .iter()
            .map(|e| (e.key.as_str(), &src[e.key_span], &src[e.value_span]))
            .collect();
        assert_eq!(
            pairs,
            [
                ("title", "title", "My super title"),
                ("date", "Date", "2012-07-09 22:28"),
                ("tags", "tags", "thats, awesome")
            ]
        );
        assert_eq!(fm.mapping.unwrap().len(), 3);
    }

    #[test]
    fn no_head_or_one_never_closed_or_deep_in_the_body() {
        assert!(split("<p>Just a fragment.</p>\n", 0).is_none());
        assert!(split("<html><head><title>x</title>\n<body>\n", 0).is_none());
        let deep = format!("<p>{}</p><head></head>", "x".repeat(MAX_HEAD_START));
        assert!(split(&deep, 0).is_none());
        // `<header>` is not `<head>`.
        assert!(split("<header>x</header>", 0).is_none());
    }
}
