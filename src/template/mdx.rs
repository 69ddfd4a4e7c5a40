//! MDX's template constructs: `import`/`export` blocks (a block runs to the
//! next blank line, as MDX reads it), JSX component tags (`<Image … />`,
//! `</Tabs>`, fragments) and `{expressions}`, outside Markdown code.

use super::args::parse_args;
use super::{Construct, Kind, MAX_CONSTRUCTS};
use crate::span::Span;
use crate::text::regions;

/// Adds the MDX constructs of `text` to `found` (the delimiter lexer's),
/// keeping source order and leaving out any that overlap an earlier one.
pub(super) fn merge(text: &str, base: usize, found: Vec<Construct>) -> Vec<Construct> {
    let code = regions::markdown_code(text, 0);
    let b = text.as_bytes();
    let mut mine = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    // An unclosed `{` or `<Name` reads to the end; after one, no more are looked for.
    let mut expressions = true;
    let mut tags = true;
    while i < b.len() && mine.len() < MAX_CONSTRUCTS {
        if regions::contains(&code, i) {
            let k = code.partition_point(|r| r.end <= i);
            i = code.get(k).map_or(i + 1, |r| r.end.max(i + 1));
            line_start = b.get(i - 1) == Some(&b'\n');
            continue;
        }
        let c = b[i];
        if line_start && (b[i..].starts_with(b"import") || b[i..].starts_with(b"export")) {
            let after = b.get(i + 6).copied();
            if after.is_some_and(|a| a == b' ' || a == b'{' || a == b'*') {
                let end = esm_end(b, i);
                mine.push(plain(base, Kind::EsmBlock, i, end, "", Span::new(i, end)));
                i = end;
                line_start = true;
                continue;
            }
        }
        line_start = c == b'\n';
        if c == b'<' && tags {
            match jsx(text, i, base) {
                Jsx::Tag(construct, end) => {
                    mine.push(construct);
                    i = end;
                    continue;
                }
                Jsx::Unclosed => tags = false,
                Jsx::Not => {}
            }
        } else if c == b'{' && expressions {
            match brace_end(b, i) {
                Some(end) => {
                    mine.push(plain(
                        base,
                        Kind::Expression,
                        i,
                        end,
                        "",
                        Span::new(i + 1, end - 1),
                    ));
                    i = end;
                    continue;
                }
                None => expressions = false,
            }
        }
        i += 1;
    }
    let mut all = found;
    all.extend(mine);
    all.sort_by_key(|c| c.span.start);
    let mut out: Vec<Construct> = Vec::with_capacity(all.len());
    for c in all {
        if out.last().is_none_or(|last| c.span.start >= last.span.end) {
            out.push(c);
        }
    }
    out
}

/// Where the ESM block starting at `from` ends: before the first blank line.
fn esm_end(b: &[u8], from: usize) -> usize {
    let mut at = from;
    while at < b.len() {
        let line_end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |k| at + k + 1);
        let line = &b[at..line_end];
        if at > from && line.iter().all(u8::is_ascii_whitespace) {
            return at;
        }
        at = line_end;
    }
    b.len()
}

/// The end (after `}`) of the expression opening at `from`; strings skipped.
pub(super) fn brace_end(b: &[u8], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut j = from;
    while j < b.len() {
        let c = b[j];
        match quote {
            Some(q) => {
                if c == b'\\' {
                    j += 1;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                b'"' | b'\'' | b'`' => quote = Some(c),
                b'{' => depth += 1,
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(j + 1);
                    }
                }
                _ => {}
            },
        }
        j += 1;
    }
    None
}

// `Jsx::NotJsx` reads as what it means; clippy would rather it did not.
#[allow(clippy::enum_variant_names)]
enum Jsx {
    Tag(Construct, usize),
    Not,
    Unclosed,
}

/// A component tag at `from`: `<Name …>`, `</Name>`, `<>` or `</>`. Lower-case
/// names are HTML, left to the HTML checker.
fn jsx(text: &str, from: usize, base: usize) -> Jsx {
    let b = text.as_bytes();
    let mut k = from + 1;
    let closing = b.get(k) == Some(&b'/');
    if closing {
        k += 1;
    }
    let fragment = b.get(k) == Some(&b'>');
    if !fragment && !b.get(k).is_some_and(u8::is_ascii_uppercase) {
        return Jsx::Not;
    }
    let name_s = k;
    while k < b.len() && (b[k].is_ascii_alphanumeric() || matches!(b[k], b'_' | b'.' | b'-' | b':'))
    {
        k += 1;
    }
    let name_e = k;
    // To the `>` outside quotes and braces.
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut j = k;
    while j < b.len() {
        let c = b[j];
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
            }
            None => match c {
                b'"' | b'\'' | b'`' => quote = Some(c),
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                b'>' if depth == 0 => {
                    let self_closing = j > k && b[j - 1] == b'/';
                    let args_e = if self_closing { j - 1 } else { j };
                    let mut c = plain(
                        base,
                        Kind::Jsx,
                        from,
                        j + 1,
                        &text[name_s..name_e],
                        Span::new(name_e, args_e.max(name_e)),
                    );
                    c.name_span = Span::new(base + name_s, base + name_e);
                    c.args = parse_args(text, Span::new(name_e, args_e.max(name_e)))
                        .into_iter()
                        .map(|mut a| {
                            a.span = a.span.shift(base);
                            a.value_span = a.value_span.shift(base);
                            a.name_span = a.name_span.map(|s| s.shift(base));
                            a
                        })
                        .collect();
                    c.closing = closing;
                    c.self_closing = self_closing;
                    return Jsx::Tag(c, j + 1);
                }
                _ => {}
            },
        }
        j += 1;
    }
    Jsx::Unclosed
}

fn plain(base: usize, kind: Kind, from: usize, to: usize, name: &str, args: Span) -> Construct {
    let (s, e) = (args.start, args.end);
    Construct {
        kind,
        span: Span::new(base + from, base + to),
        name: name.to_string(),
        name_span: Span::empty(base + from),
        args_span: Span::new(base + s, base + e),
        args: Vec::new(),
        closing: false,
        self_closing: false,
    }
}
