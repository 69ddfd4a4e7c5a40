//! The delimiter lexer for Liquid, Nunjucks, Hugo shortcodes and processing
//! instructions: one left-to-right pass; each closing delimiter is searched
//! for at most once per position it could be found at, so the pass is linear
//! even when a body holds thousands of unclosed `{%`.

use memchr::memmem;

use super::args::parse_args;
use super::{Construct, Kind, Languages, MAX_CONSTRUCTS};
use crate::span::Span;

/// Finds closing delimiters, remembering each search's answer: a later
/// search from before that answer gives the same answer without scanning.
struct Finder<'a> {
    hay: &'a [u8],
    /// (needle, searched from, found at).
    cache: Vec<(&'static [u8], usize, Option<usize>)>,
}

impl Finder<'_> {
    fn find(&mut self, needle: &'static [u8], from: usize) -> Option<usize> {
        if let Some(entry) = self.cache.iter_mut().find(|e| e.0 == needle) {
            if entry.1 <= from && entry.2.is_none_or(|at| at >= from) {
                return entry.2;
            }
            let found = self
                .hay
                .get(from..)
                .and_then(|h| memmem::find(h, needle))
                .map(|i| from + i);
            *entry = (needle, from, found);
            return found;
        }
        let found = self
            .hay
            .get(from..)
            .and_then(|h| memmem::find(h, needle))
            .map(|i| from + i);
        self.cache.push((needle, from, found));
        found
    }
}

pub(super) fn scan(text: &str, base: usize, langs: Languages) -> Vec<Construct> {
    let b = text.as_bytes();
    let mut finder = Finder {
        hay: b,
        cache: Vec::new(),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() && out.len() < MAX_CONSTRUCTS {
        let Some(at) = memchr::memchr2(b'{', b'<', &b[i..]).map(|k| i + k) else {
            break;
        };
        let next = if b[at] == b'{' {
            brace(text, at, base, langs, &mut finder, &mut out)
        } else if langs.markers && b.get(at + 1) == Some(&b'?') {
            instruction(text, at, base, &mut out)
        } else {
            None
        };
        i = next.unwrap_or(at + 1);
    }
    out
}

/// A construct starting with `{` at `at`; returns where scanning resumes.
fn brace(
    text: &str,
    at: usize,
    base: usize,
    langs: Languages,
    finder: &mut Finder<'_>,
    out: &mut Vec<Construct>,
) -> Option<usize> {
    let b = text.as_bytes();
    let second = *b.get(at + 1)?;
    let third = b.get(at + 2).copied();
    if langs.hugo && second == b'{' && matches!(third, Some(b'<' | b'%')) {
        return shortcode(text, at, base, third == Some(b'%'), finder, out);
    }
    if langs.liquid && second == b'%' {
        let close = finder.find(b"%}", at + 2)?;
        let end = close + 2;
        let (name_s, name_e, args_s, args_e) = inner(b, at + 2, close);
        let name = text[name_s..name_e].to_ascii_lowercase();
        out.push(construct(
            text,
            base,
            Kind::Tag,
            at,
            end,
            (name_s, name_e),
            (args_s, args_e),
        ));
        if let Some(c) = out.last_mut() {
            c.closing = name.starts_with("end");
        }
        if name == "raw" || name == "comment" {
            return Some(verbatim_until_end(text, end, base, &name, finder, out));
        }
        return Some(end);
    }
    if langs.liquid && second == b'{' {
        let close = finder.find(b"}}", at + 2)?;
        let end = close + 2;
        let (s, e) = trim(b, at + 2, close);
        out.push(construct(text, base, Kind::Output, at, end, (s, s), (s, e)));
        return Some(end);
    }
    if langs.nunjucks && second == b'#' {
        let close = finder.find(b"#}", at + 2)?;
        let end = close + 2;
        let (s, e) = trim(b, at + 2, close);
        out.push(construct(
            text,
            base,
            Kind::Comment,
            at,
            end,
            (s, s),
            (s, e),
        ));
        return Some(end);
    }
    None
}

/// After `{% raw %}` or `{% comment %}` ending at `from`: the literal text up
/// to the matching `{% endraw %}` (or the end), and that end tag.
fn verbatim_until_end(
    text: &str,
    from: usize,
    base: usize,
    name: &str,
    finder: &mut Finder<'_>,
    out: &mut Vec<Construct>,
) -> usize {
    let b = text.as_bytes();
    let needle: &'static [u8] = if name == "raw" {
        b"endraw"
    } else {
        b"endcomment"
    };
    let mut search = from;
    while let Some(word) = finder.find(needle, search) {
        search = word + 1;
        // `{%` then white space and `-` only, before the word.
        let mut s = word;
        while s > from && matches!(b[s - 1], b' ' | b'\t' | b'\n' | b'\r' | b'-') {
            s -= 1;
        }
        if s < from + 2 || s < 2 || &b[s - 2..s] != b"{%" {
            continue;
        }
        let after = word + needle.len();
        if !b
            .get(after)
            .is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'-' | b'%'))
        {
            continue;
        }
        let Some(close) = finder.find(b"%}", after) else {
            break;
        };
        let tag_start = s - 2;
        if tag_start > from {
            out.push(plain(base, Kind::Verbatim, from, tag_start));
        }
        let end = close + 2;
        let (name_s, name_e, args_s, args_e) = inner(b, tag_start + 2, close);
        let mut c = construct(
            text,
            base,
            Kind::Tag,
            tag_start,
            end,
            (name_s, name_e),
            (args_s, args_e),
        );
        c.closing = true;
        out.push(c);
        return end;
    }
    if text.len() > from {
        out.push(plain(base, Kind::Verbatim, from, text.len()));
    }
    text.len()
}

/// `{{< … >}}` or `{{% … %}}` at `at`.
fn shortcode(
    text: &str,
    at: usize,
    base: usize,
    markdown: bool,
    finder: &mut Finder<'_>,
    out: &mut Vec<Construct>,
) -> Option<usize> {
    let b = text.as_bytes();
    let closer: &'static [u8] = if markdown { b"%}}" } else { b">}}" };
    let close = finder.find(closer, at + 3)?;
    let end = close + 3;
    let (s, e) = trim(b, at + 3, close);
    let inner_text = &b[s..e];
    if inner_text.starts_with(b"/*") && inner_text.ends_with(b"*/") && inner_text.len() >= 4 {
        out.push(construct(
            text,
            base,
            Kind::ShortcodeEscape,
            at,
            end,
            (s, s),
            (s + 2, e - 2),
        ));
        return Some(end);
    }
    let mut k = s;
    let closing = b.get(k) == Some(&b'/');
    if closing {
        k += 1;
        while k < e && b[k].is_ascii_whitespace() {
            k += 1;
        }
    }
    let name_s = k;
    while k < e && !b[k].is_ascii_whitespace() && !(b[k] == b'/' && k + 1 == e) {
        k += 1;
    }
    let name_e = k;
    let mut args_e = e;
    let self_closing = !closing && args_e > name_e && b[args_e - 1] == b'/';
    if self_closing {
        args_e -= 1;
    }
    let (args_s, args_e) = trim(b, name_e, args_e);
    let kind = if markdown {
        Kind::MarkdownShortcode
    } else {
        Kind::Shortcode
    };
    let mut c = construct(
        text,
        base,
        kind,
        at,
        end,
        (name_s, name_e),
        (args_s, args_e),
    );
    c.closing = closing;
    c.self_closing = self_closing;
    out.push(c);
    Some(end)
}

/// `<?target …>` at `at`: a tool's marker unless it is XML's declaration or
/// PHP code (code that lost its escaping stays an HTML finding).
fn instruction(text: &str, at: usize, base: usize, out: &mut Vec<Construct>) -> Option<usize> {
    let b = text.as_bytes();
    let name_s = at + 2;
    let mut k = name_s;
    while k < b.len() && (b[k].is_ascii_alphanumeric() || matches!(b[k], b'-' | b'_' | b':' | b'.'))
    {
        k += 1;
    }
    let name = &text[name_s..k];
    if name.is_empty() || name.eq_ignore_ascii_case("xml") || name.eq_ignore_ascii_case("php") {
        return None;
    }
    // The HTML tokenizer ends it at the first `>`, as a browser does.
    let close = memchr::memchr(b'>', &b[k..]).map(|i| k + i)?;
    let end = close + 1;
    let args_end = if close > k && b[close - 1] == b'?' {
        close - 1
    } else {
        close
    };
    let (args_s, args_e) = trim(b, k, args_end);
    out.push(construct(
        text,
        base,
        Kind::ProcessingInstruction,
        at,
        end,
        (name_s, k),
        (args_s, args_e),
    ));
    Some(end)
}

/// Inside `{% … %}` (between `from` and `close`): the name and the arguments,
/// white-space control dashes left out.
fn inner(b: &[u8], from: usize, close: usize) -> (usize, usize, usize, usize) {
    let mut s = from;
    if b.get(s) == Some(&b'-') {
        s += 1;
    }
    let mut e = close;
    if e > s && b[e - 1] == b'-' {
        e -= 1;
    }
    let (s, e) = trim(b, s, e);
    let mut k = s;
    if k < e && b[k] == b'#' {
        k += 1;
    } else {
        while k < e && (b[k].is_ascii_alphanumeric() || b[k] == b'_') {
            k += 1;
        }
    }
    let (args_s, args_e) = trim(b, k, e);
    (s, k, args_s, args_e)
}

/// `from..to` without surrounding ASCII white space.
fn trim(b: &[u8], mut from: usize, mut to: usize) -> (usize, usize) {
    while from < to && b[from].is_ascii_whitespace() {
        from += 1;
    }
    while to > from && b[to - 1].is_ascii_whitespace() {
        to -= 1;
    }
    (from, to)
}

fn plain(base: usize, kind: Kind, from: usize, to: usize) -> Construct {
    Construct {
        kind,
        span: Span::new(base + from, base + to),
        name: String::new(),
        name_span: Span::empty(base + from),
        args_span: Span::new(base + from, base + to),
        args: Vec::new(),
        closing: false,
        self_closing: false,
    }
}

/// A construct from text offsets; arguments are parsed from `args`.
fn construct(
    text: &str,
    base: usize,
    kind: Kind,
    from: usize,
    to: usize,
    name: (usize, usize),
    args: (usize, usize),
) -> Construct {
    let args_span = Span::new(base + args.0, base + args.1.max(args.0));
    let parsed = match kind {
        Kind::Comment | Kind::Verbatim | Kind::ShortcodeEscape => Vec::new(),
        _ => parse_args(text, Span::new(args.0, args.1.max(args.0)))
            .into_iter()
            .map(|a| shift(a, base))
            .collect(),
    };
    Construct {
        kind,
        span: Span::new(base + from, base + to),
        name: text.get(name.0..name.1).unwrap_or("").to_string(),
        name_span: Span::new(base + name.0, base + name.1),
        args_span,
        args: parsed,
        closing: false,
        self_closing: false,
    }
}

fn shift(mut a: super::Arg, by: usize) -> super::Arg {
    a.span = a.span.shift(by);
    a.value_span = a.value_span.shift(by);
    a.name_span = a.name_span.map(|s| s.shift(by));
    a
}
