//! Markdown bodies through pulldown-cmark's offset iterator: images and links
//! with the exact span of each destination as written, headings, and the raw
//! HTML pieces that the HTML rules check.

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::html::{Pieces, decode_references};
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MdLinkKind {
    Image,
    Link,
}

/// An image or link of a Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MdLink {
    pub kind: MdLinkKind,
    /// The destination as the renderer reads it (escapes and references decoded).
    pub url: String,
    /// The destination as written; for reference-style links, in the definition.
    /// When it could not be placed exactly, the whole construct.
    pub span: Span,
    pub exact: bool,
    /// The whole `![alt](url)`, `[text][ref]` or `<url>`.
    pub whole: Span,
    /// An image whose alt text is empty or blank.
    pub alt_blank: bool,
}

/// A Markdown heading (`## Title`, or underlined).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MdHeading {
    pub level: u8,
    pub span: Span,
    /// An id given as `{#id}`, with its span.
    pub id: Option<(String, Span)>,
}

/// What the rules need of a Markdown body. Spans point into the file.
#[derive(Debug, Clone, Default)]
pub struct MarkdownDoc {
    /// The raw HTML, for the HTML scanner.
    pub html: Pieces,
    pub links: Vec<MdLink>,
    pub headings: Vec<MdHeading>,
}

/// The extensions Jekyll's and Hugo's Markdown readers have on by default.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Parses `source[body]` as Markdown.
pub fn parse(source: &str, body: Span) -> MarkdownDoc {
    let Some(text) = body.get(source) else {
        return MarkdownDoc::default();
    };
    let base = body.start;
    let mut iter = Parser::new_ext(text, options()).into_offset_iter();
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> = iter.by_ref().collect();
    let defs = iter.reference_definitions();
    let mut doc = MarkdownDoc::default();
    // Whether Markdown content followed the last HTML piece, already marked.
    let mut marked = true;
    let mut images: Vec<usize> = Vec::new();
    for (event, range) in events {
        let range = Span::from(range).shift(base);
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                doc.html.push_source(source, range);
                marked = false;
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                if !marked {
                    doc.html.push_marker(range);
                    marked = true;
                }
                let def = defs.get(&id).map(|d| Span::from(&d.span).shift(base));
                if let Some(link) =
                    md_link(source, MdLinkKind::Image, link_type, &dest_url, range, def)
                {
                    images.push(doc.links.len());
                    doc.links.push(link);
                }
            }
            Event::End(TagEnd::Image) => {
                images.pop();
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                let def = defs.get(&id).map(|d| Span::from(&d.span).shift(base));
                if let Some(link) =
                    md_link(source, MdLinkKind::Link, link_type, &dest_url, range, def)
                {
                    doc.links.push(link);
                }
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                let written = &source[range];
                let span = Span::new(range.start, range.start + written.trim_end().len());
                let id = id.and_then(|id| {
                    let needle = format!("#{id}");
                    let at = written.rfind(&needle)? + range.start + 1;
                    Some((id.to_string(), Span::new(at, at + id.len())))
                });
                doc.headings.push(MdHeading {
                    level: level as u8,
                    span,
                    id,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if !marked {
                    doc.html.push_marker(range);
                    marked = true;
                }
                if !t.trim().is_empty()
                    && let Some(l) = images.last().and_then(|&i| doc.links.get_mut(i))
                {
                    l.alt_blank = false;
                }
            }
            _ => {}
        }
    }
    doc
}

/// Elements kramdown reads as one raw HTML block, from the start tag at a
/// line's start to the line of the matching end tag, blank lines and
/// indented lines included (CommonMark ends such a block at a blank line).
const KRAMDOWN_BLOCKS: &[&str] = &[
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "div",
    "dl",
    "figure",
    "footer",
    "form",
    "header",
    "main",
    "nav",
    "ol",
    "pre",
    "section",
    "table",
    "ul",
];

/// The raw HTML blocks kramdown (Jekyll's Markdown engine) makes of
/// `source[body]`: sorted, not overlapping. A block whose start tag asks for
/// Markdown inside (`markdown="1"`) is left to the Markdown reader, and so is
/// one never closed. One pass: each tag name is given up after one search
/// for its end fails.
pub fn kramdown_html_blocks(source: &str, body: Span) -> Vec<Span> {
    let Some(text) = body.get(source) else {
        return Vec::new();
    };
    let lower = text.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let mut given_up: Vec<&str> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut at = 0;
    while at < b.len() {
        let line_end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |k| at + k + 1);
        let line = &lower[at..line_end];
        let indent = line.len() - line.trim_start_matches(' ').len();
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            at = line_end;
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(if trimmed.starts_with("```") {
                "```"
            } else {
                "~~~"
            });
            at = line_end;
            continue;
        }
        let name = (indent < 4)
            .then(|| trimmed.strip_prefix('<'))
            .flatten()
            .and_then(|rest| {
                KRAMDOWN_BLOCKS.iter().copied().find(|n| {
                    rest.starts_with(n)
                        && rest
                            .as_bytes()
                            .get(n.len())
                            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>')
                })
            })
            .filter(|n| !given_up.contains(n));
        let Some(name) = name else {
            at = line_end;
            continue;
        };
        let start = at + indent;
        let tag_end = memchr::memchr(b'>', &b[start..]).map(|k| start + k);
        if tag_end.is_none_or(|e| lower[start..e].contains("markdown=")) {
            at = line_end;
            continue;
        }
        match matching_end(&lower, start + 1 + name.len(), name) {
            Some(end) => {
                let block_end = memchr::memchr(b'\n', &b[end..]).map_or(b.len(), |k| end + k + 1);
                out.push(Span::new(body.start + start, body.start + block_end));
                at = block_end;
            }
            None => {
                given_up.push(name);
                at = line_end;
            }
        }
    }
    out
}

/// After a `<name` start tag at `from` (lower-cased text): the end of the
/// matching `</name>`, same-name elements nested inside counted.
fn matching_end(lower: &str, from: usize, name: &str) -> Option<usize> {
    let b = lower.as_bytes();
    let mut depth = 1usize;
    let mut at = from;
    while let Some(k) = memchr::memchr(b'<', b.get(at..)?) {
        let lt = at + k;
        let closing = b.get(lt + 1) == Some(&b'/');
        let n = if closing { lt + 2 } else { lt + 1 };
        let named = lower.get(n..).is_some_and(|r| r.starts_with(name))
            && b.get(n + name.len())
                .is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'));
        if named {
            if closing {
                depth -= 1;
                if depth == 0 {
                    return memchr::memchr(b'>', &b[n..]).map(|e| n + e + 1);
                }
            } else {
                depth += 1;
            }
        }
        at = lt + 1;
    }
    None
}

fn md_link(
    source: &str,
    kind: MdLinkKind,
    link_type: LinkType,
    dest: &CowStr<'_>,
    whole: Span,
    def: Option<Span>,
) -> Option<MdLink> {
    let url = match link_type {
        LinkType::Email if !dest.starts_with("mailto:") => format!("mailto:{dest}"),
        _ => dest.to_string(),
    };
    let located = match link_type {
        LinkType::Inline => link_text_end(source, whole)
            .filter(|&e| source.as_bytes().get(e) == Some(&b'('))
            .and_then(|e| destination(source, e + 1, whole.end)),
        LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
            def.and_then(|d| definition_destination(source, d))
        }
        LinkType::Autolink | LinkType::Email => Some(Span::new(
            whole.start + 1,
            whole.end.saturating_sub(1).max(whole.start + 1),
        )),
        _ => return None,
    };
    let exact = located.filter(|r| {
        source
            .get(r.range())
            .is_some_and(|w| unescape(w) == dest.as_ref())
    });
    let (span, exact) = match exact {
        Some(r) => (r, true),
        None => (whole, false),
    };
    Some(MdLink {
        kind,
        url,
        span,
        exact,
        whole,
        alt_blank: kind == MdLinkKind::Image,
    })
}

/// What a renderer makes of a destination as written: backslash escapes and
/// character references decoded.
fn unescape(written: &str) -> String {
    let mut out = String::with_capacity(written.len());
    let mut chars = written.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&n) = chars.peek()
            && n.is_ascii_punctuation()
        {
            out.push(n);
            chars.next();
            continue;
        }
        out.push(c);
    }
    decode_references(&out, false).0.into_owned()
}

/// The offset just after the `]` that closes the link text starting at
/// `range.start` (`[` or `![`), skipping escapes, code spans and nested brackets.
fn link_text_end(source: &str, range: Span) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut p = range.start;
    if bytes.get(p) == Some(&b'!') {
        p += 1;
    }
    if bytes.get(p) != Some(&b'[') {
        return None;
    }
    let mut depth = 0usize;
    while p < range.end {
        match bytes[p] {
            b'\\' => p += 2,
            b'`' => {
                let run = bytes[p..range.end]
                    .iter()
                    .take_while(|b| **b == b'`')
                    .count();
                let ticks = &source[p..p + run];
                let after = p + run;
                p = source[after..range.end]
                    .find(ticks)
                    .map_or(after, |i| after + i + run);
            }
            b'[' => {
                depth += 1;
                p += 1;
            }
            b']' => {
                depth = depth.saturating_sub(1);
                p += 1;
                if depth == 0 {
                    return Some(p);
                }
            }
            _ => p += 1,
        }
    }
    None
}

/// A link destination starting at or after `p` (white space and one line
/// break first): `<…>` without the brackets, or a run with balanced parentheses.
fn destination(source: &str, mut p: usize, end: usize) -> Option<Span> {
    let bytes = source.as_bytes();
    let end = end.min(bytes.len());
    while p < end && matches!(bytes[p], b' ' | b'\t') {
        p += 1;
    }
    if bytes.get(p) == Some(&b'\r') {
        p += 1;
    }
    if bytes.get(p) == Some(&b'\n') {
        p += 1;
        while p < end && matches!(bytes[p], b' ' | b'\t' | b'>') {
            p += 1;
        }
    }
    if bytes.get(p) == Some(&b'<') {
        let start = p + 1;
        let mut q = start;
        while q < end {
            match bytes[q] {
                b'\\' => q += 2,
                b'>' => return Some(Span::new(start, q)),
                b'\n' | b'<' => return None,
                _ => q += 1,
            }
        }
        return None;
    }
    let start = p;
    let mut depth = 0usize;
    while p < end {
        match bytes[p] {
            b'\\' if bytes.get(p + 1).is_some_and(u8::is_ascii_punctuation) => p += 2,
            b if b <= b' ' => break,
            b'(' => {
                depth += 1;
                p += 1;
            }
            b')' if depth == 0 => break,
            b')' => {
                depth -= 1;
                p += 1;
            }
            _ => p += 1,
        }
    }
    Some(Span::new(start, p.min(end)))
}

/// The destination of a reference definition `[label]: url "title"`.
fn definition_destination(source: &str, def: Span) -> Option<Span> {
    let bytes = source.as_bytes();
    let mut p = def.start;
    while p < def.end && bytes[p] == b' ' {
        p += 1;
    }
    let close = link_text_end(source, Span::new(p, def.end))?;
    if bytes.get(close) != Some(&b':') {
        return None;
    }
    destination(source, close + 1, def.end)
}

/// The code blocks of `source[body]`, indented or fenced, at any depth
/// (in lists and block quotes too): their white space is content.
pub fn code_blocks(source: &str, body: Span) -> Vec<Span> {
    let Some(text) = body.get(source) else {
        return Vec::new();
    };
    Parser::new_ext(text, options())
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::CodeBlock(_))))
        .map(|(_, r)| Span::from(r).shift(body.start))
        .collect()
}

/// One step of what a Markdown body renders to, for comparing a body
/// before and after a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// A block or inline opening (with its level, destination, fence info).
    Open(String),
    Close(String),
    /// Text as pulldown-cmark reads it; adjacent pieces joined.
    Text(String),
    /// Raw HTML without comments, white space that HTML ignores collapsed.
    Html(String),
    /// Anything else: code spans, breaks, rules, footnote references.
    Other(String),
}

/// Elements whose text keeps its white space (or is not HTML at all).
pub(crate) const PREFORMATTED: [&str; 9] = [
    "pre",
    "xmp",
    "listing",
    "plaintext",
    "textarea",
    "script",
    "style",
    "code",
    "kbd",
];

/// Removes HTML comments; an unclosed one runs to the end.
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i + 4..].find("-->") {
            Some(j) => rest = &rest[i + 4 + j + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Collapses runs of white space to one space where HTML ignores them:
/// not inside quoted attribute values, and not inside preformatted
/// elements (`open` counts those open, across the pieces of one body).
fn collapse_html(html: &str, open: &mut usize) -> String {
    let mut out = String::with_capacity(html.len());
    let mut quote: Option<char> = None;
    let mut in_tag = false;
    let mut space = false;
    let bytes = html.as_bytes();
    for (i, c) in html.char_indices() {
        if c == '<' && quote.is_none() && !in_tag {
            in_tag = true;
            let rest = &bytes[i + 1..];
            let (closing, rest) = match rest.strip_prefix(b"/") {
                Some(r) => (true, r),
                None => (false, rest),
            };
            let named = |name: &str| {
                rest.len() > name.len()
                    && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes())
                    && !rest[name.len()].is_ascii_alphanumeric()
            };
            if PREFORMATTED.iter().any(|n| named(n)) {
                *open = if closing {
                    open.saturating_sub(1)
                } else {
                    *open + 1
                };
            }
        } else if in_tag && quote.is_none() && c == '>' {
            in_tag = false;
        } else if in_tag && matches!(c, '"' | '\'') {
            quote = match quote {
                Some(q) if q == c => None,
                None => Some(c),
                other => other,
            };
        }
        let keep = quote.is_some() || (*open > 0 && !in_tag);
        if c.is_whitespace() && !keep {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    if space {
        out.push(' ');
    }
    out
}

/// What `text` renders to as Markdown: its blocks and inlines, their text,
/// and its raw HTML. HTML comments are left out: they do not show, and a
/// fix may remove one on purpose.
pub fn shape(text: &str) -> Vec<Shape> {
    let mut out: Vec<Shape> = Vec::new();
    let mut block: Option<String> = None;
    let mut open = 0usize;
    let html = |out: &mut Vec<Shape>, raw: &str, open: &mut usize| {
        let h = collapse_html(&without_comments(raw), open);
        if !h.trim().is_empty() {
            out.push(Shape::Html(h));
        }
    };
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(String::new()),
            Event::End(TagEnd::HtmlBlock) => {
                let raw = block.take().unwrap_or_default();
                let before = out.len();
                // The line break that ends a block is not its content: a
                // file's final newline (PL108) must not count as a change.
                html(&mut out, raw.trim_end_matches(['\n', '\r']), &mut open);
                if out.len() > before {
                    out.insert(before, Shape::Open("HtmlBlock".into()));
                    out.push(Shape::Close("HtmlBlock".into()));
                }
            }
            Event::Html(h) => match block.as_mut() {
                Some(b) => b.push_str(&h),
                None => html(&mut out, &h, &mut open),
            },
            Event::InlineHtml(h) => html(&mut out, &h, &mut open),
            Event::Text(t) => match out.last_mut() {
                Some(Shape::Text(prev)) => prev.push_str(&t),
                _ => out.push(Shape::Text(t.to_string())),
            },
            Event::Start(tag) => out.push(Shape::Open(format!("{tag:?}"))),
            Event::End(tag) => out.push(Shape::Close(format!("{tag:?}"))),
            other => out.push(Shape::Other(format!("{other:?}"))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(src: &str) -> Vec<(MdLinkKind, String, String, bool)> {
        parse(src, Span::new(0, src.len()))
            .links
            .into_iter()
            .map(|l| {
                assert!(l.exact, "{l:?}");
                (l.kind, l.url, src[l.span].to_string(), l.alt_blank)
            })
            .collect()
    }

    #[test]
    fn inline_images_and_links() {
        let src = "Zie ![Een mast](/img/a.jpg \"titel\") en [dit](<https://x.nl/a b>) of ![](b\\(1\\).png).\n";
        let l = links(src);
        assert_eq!(
            l[0],
            (
                MdLinkKind::Image,
                "/img/a.jpg".into(),
                "/img/a.jpg".into(),
                false
            )
        );
        assert_eq!(l[1].2, "https://x.nl/a b");
        assert_eq!(l[2].1, "b(1).png");
        assert_eq!(l[2].2, "b\\(1\\).png");
        assert!(l[2].3, "empty alt");
    }

    #[test]
    fn reference_style_points_at_the_definition() {
        let src = "![Mast][m] en [link][] en [link]\r\n\r\n[m]: /img/m.jpg\r\n[link]:\r\n  <https://a.nl/?a=1&amp;b=2> \"t\"\r\n";
        let l = links(src);
        assert_eq!(l[0].2, "/img/m.jpg");
        assert_eq!(l[1].1, "https://a.nl/?a=1&b=2");
        assert_eq!(l[1].2, "https://a.nl/?a=1&amp;b=2");
        assert_eq!(l[2].2, l[1].2);
    }

    #[test]
    fn autolinks_and_headings() {
        let src = "# Titel {#top}\n\n<https://nos.nl> en <a@b.nl>\n\nSub\n---\n";
        let doc = parse(src, Span::new(0, src.len()));
        assert_eq!(&src[doc.links[0].span], "https://nos.nl");
        assert_eq!(doc.links[1].url, "mailto:a@b.nl");
        assert_eq!(doc.headings[0].level, 1);
        let (id, span) = doc.headings[0].id.clone().unwrap();
        assert_eq!((id.as_str(), &src[span]), ("top", "top"));
        assert_eq!(&src[doc.headings[1].span], "Sub\n---");
    }

    #[test]
    fn raw_html_is_collected_with_markers() {
        let src = "<div class=\"x\">\n\n*tekst*\n\n</div>\n\nMet <span>inline</span> html.\n";
        let doc = parse(src, Span::new(0, src.len()));
        assert!(doc.html.text.starts_with("<div class=\"x\">\n"));
        assert!(doc.html.text.contains("\u{E000}</div>"));
        assert!(doc.html.text.contains("<span>\u{E000}</span>"));
    }

    /// kramdown reads a `<table>` or `<div>` to its end tag, blank and
    /// indented lines included (WordPress exports, scala-lang's code cards).
    #[test]
    fn kramdown_blocks_run_to_the_end_tag() {
        let src = "Text\n\n<table>\n<tr>\n\n    <td>a</td>\n\n</tr>\n</table>\nAfter\n\n<div markdown=\"1\">\n\n*x*\n</div>\n\n```\n<div>\n```\n<div class=\"a\"><div>\n\n    <pre>x</pre>\n</div></div> tail\n<section>never closed\n";
        let got: Vec<_> = kramdown_html_blocks(src, Span::new(0, src.len()))
            .into_iter()
            .map(|s| &src[s])
            .collect();
        assert_eq!(
            got,
            [
                "<table>\n<tr>\n\n    <td>a</td>\n\n</tr>\n</table>\n",
                "<div class=\"a\"><div>\n\n    <pre>x</pre>\n</div></div> tail\n"
            ]
        );
    }

    #[test]
    fn code_is_not_html() {
        let src = "`<img src=x>`\n\n    <div>\n";
        let doc = parse(src, Span::new(0, src.len()));
        assert!(!doc.html.text.contains('<'));
    }

    #[test]
    fn shape_sees_joined_paragraphs_code_and_hard_breaks() {
        use super::shape;
        // Removing the comment line joins two paragraphs.
        assert_ne!(
            shape("A line\n<!-- c -->\nsecond part\n"),
            shape("A line\nsecond part\n")
        );
        assert_eq!(
            shape("A line\n<!-- c -->\nsecond part\n"),
            shape("A line\n\nsecond part\n")
        );
        // A backslash before the line end is a hard break once the space goes.
        assert_ne!(shape("C:\\ \nnext\n"), shape("C:\\\nnext\n"));
        // Trailing spaces in an indented code block are content.
        assert_ne!(shape("    code  \n"), shape("    code\n"));
        assert_ne!(
            shape("- item\n\n      code  \n"),
            shape("- item\n\n      code\n")
        );
        assert_ne!(shape("> ```\n> a  \n> ```\n"), shape("> ```\n> a\n> ```\n"));
        assert_ne!(shape("<xmp>\na  \n</xmp>\n"), shape("<xmp>\na\n</xmp>\n"));
        assert_ne!(
            shape("<p title=\"a  \nb\">x</p>\n"),
            shape("<p title=\"a\nb\">x</p>\n")
        );
        // A final line break after an HTML block is not content (PL108).
        assert_eq!(
            shape("<div class=\"x\"></div>\nlast line"),
            shape("<div class=\"x\"></div>\nlast line\n")
        );
        // White space HTML ignores, and a single trailing space, are not.
        assert_eq!(
            shape("<div>  \n<p>x</p>\n</div>\n"),
            shape("<div>\n<p>x</p>\n</div>\n")
        );
        assert_eq!(
            shape("line one \nline two\n"),
            shape("line one\nline two\n")
        );
    }
}
