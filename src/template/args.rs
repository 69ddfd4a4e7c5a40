//! The arguments of a template call read as `name=value` (or `name: value`,
//! `name={expr}`) and positional values, each with its exact span.

use crate::span::Span;

/// One argument of a tag, shortcode or JSX element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    /// `Some` for `name=value`; `None` for a positional value.
    pub name: Option<String>,
    pub name_span: Option<Span>,
    /// The value without its quotes or braces (escapes are not decoded).
    pub value: String,
    /// Where `value` is written: inside the quotes or braces.
    pub value_span: Span,
    /// The whole argument, name and quotes included.
    pub span: Span,
    /// Written in quotes (`"…"`, `'…'`, Hugo's `` `…` ``).
    pub quoted: bool,
}

/// Reads `source[range]` as arguments. Linear: one pass, quotes and braces
/// counted without recursion; an unclosed quote runs to the end.
pub fn parse_args(source: &str, range: Span) -> Vec<Arg> {
    let Some(text) = range.get(source) else {
        return Vec::new();
    };
    let b = text.as_bytes();
    let base = range.start;
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() || b[i] == b',' {
            i += 1;
            continue;
        }
        let start = i;
        // A name: letters, digits, `_`, `-`, `.`, `:` (`data-src`, `xlink:href`),
        // directly followed by `=` (or `: ` in Liquid's keyword arguments).
        let mut j = i;
        while j < b.len()
            && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'_' | b'-' | b'.' | b':'))
        {
            j += 1;
        }
        let mut name = None;
        let mut k = j;
        if j > i {
            let word_end = if b[j - 1] == b':' { j - 1 } else { j };
            let mut m = j;
            while m < b.len() && b[m] == b' ' {
                m += 1;
            }
            if b.get(m) == Some(&b'=') && b.get(m + 1) != Some(&b'=') && word_end > i {
                name = Some((i, word_end));
                k = m + 1;
            } else if b[j - 1] == b':' && word_end > i && m > j {
                name = Some((i, word_end));
                k = m;
            }
        }
        if name.is_some() {
            while k < b.len() && b[k] == b' ' {
                k += 1;
            }
        } else {
            k = i;
        }
        let (value_start, value_end, end, quoted) = value_at(b, k);
        out.push(Arg {
            name: name.map(|(s, e)| text[s..e].to_string()),
            name_span: name.map(|(s, e)| Span::new(base + s, base + e)),
            value: text.get(value_start..value_end).unwrap_or("").to_string(),
            value_span: Span::new(base + value_start, base + value_end),
            span: Span::new(base + start, base + end),
            quoted,
        });
        i = end.max(start + 1);
        // Never split a character: move to the next boundary.
        while i < b.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

/// The value starting at `k`: (value start, value end, argument end, quoted).
fn value_at(b: &[u8], k: usize) -> (usize, usize, usize, bool) {
    match b.get(k) {
        Some(&q @ (b'"' | b'\'' | b'`')) => {
            let mut j = k + 1;
            while j < b.len() && b[j] != q {
                if b[j] == b'\\' && q != b'`' {
                    j += 1;
                }
                j += 1;
            }
            let close = j.min(b.len());
            (k + 1, close, (close + 1).min(b.len()), true)
        }
        Some(b'{') => {
            // A JSX `{expression}`: braces counted, strings skipped.
            match super::mdx::brace_end(b, k) {
                Some(end) => (k + 1, end - 1, end, false),
                None => (k + 1, b.len(), b.len(), false),
            }
        }
        _ => {
            let mut j = k;
            while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b',' {
                j += 1;
            }
            (k, j, j, false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(Option<String>, String, String)> {
        parse_args(text, Span::new(0, text.len()))
            .into_iter()
            .map(|a| {
                assert_eq!(&text[a.value_span], a.value);
                (a.name, a.value, text[a.span].to_string())
            })
            .collect()
    }

    #[test]
    fn named_positional_and_quoted() {
        let got = read(r#"figure.html image="/a b.png" alt='x' width=30 "pos""#);
        let names: Vec<_> = got.iter().map(|g| g.0.as_deref()).collect();
        assert_eq!(
            names,
            [None, Some("image"), Some("alt"), Some("width"), None]
        );
        let values: Vec<_> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(values, ["figure.html", "/a b.png", "x", "30", "pos"]);
        assert_eq!(got[1].2, r#"image="/a b.png""#);
    }

    #[test]
    fn jsx_braces_liquid_keywords_and_backticks() {
        let got = read(r#"src={require("./a}.png")} alt="" limit: 3 caption=`a "b"`"#);
        assert_eq!(got[0].0.as_deref(), Some("src"));
        assert_eq!(got[0].1, r#"require("./a}.png")"#);
        assert_eq!(got[1].1, "");
        assert_eq!(
            (got[2].0.as_deref(), got[2].1.as_str()),
            (Some("limit"), "3")
        );
        assert_eq!(got[3].1, r#"a "b""#);
    }

    #[test]
    fn unclosed_and_odd_input() {
        for text in ["a=\"open", "=", "a= ", "{{{", "é=ü 'x", "a:b", ":", "\"\\"] {
            for a in parse_args(text, Span::new(0, text.len())) {
                assert!(a.span.end <= text.len() && text.get(a.span.start..a.span.end).is_some());
                assert!(text.get(a.value_span.start..a.value_span.end).is_some());
            }
        }
        assert_eq!(read("a:b")[0].0, None);
    }
}
