//! Character references (`&amp;`, `&#233;`, `&copy`) read the way the HTML
//! tokenizer reads them: the decoded text, and the references a browser flags.

use std::borrow::Cow;

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

use crate::span::Span;

/// A reference the HTML standard calls a parse error, relative to the text decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharRefProblem {
    pub range: Span,
    pub message: String,
    pub help: String,
}

/// The longest named reference is `&CounterClockwiseContourIntegral;` (33 bytes).
const MAX_NAME: usize = 40;

/// Decodes the references in `text`. In attribute values the historical rule
/// applies: a name without `;` followed by `=` or a letter or digit stays as
/// written (so `?a=1&copy=2` keeps its `&copy`).
pub fn decode(text: &str, in_attribute: bool) -> (Cow<'_, str>, Vec<CharRefProblem>) {
    if !text.contains('&') {
        return (Cow::Borrowed(text), Vec::new());
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut problems = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'&' {
            i += 1;
            continue;
        }
        let found = if bytes.get(i + 1) == Some(&b'#') {
            numeric(text, i)
        } else {
            named(text, i, in_attribute)
        };
        match found {
            Some(r) => {
                if let Some((message, help)) = r.problem {
                    problems.push(CharRefProblem {
                        range: Span::new(i, r.end),
                        message,
                        help,
                    });
                }
                if let Some(decoded) = r.decoded {
                    out.push_str(&text[copied..i]);
                    out.push_str(&decoded);
                    copied = r.end;
                }
                i = r.end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    (Cow::Owned(out), problems)
}

struct Found {
    end: usize,
    decoded: Option<String>,
    problem: Option<(String, String)>,
}

fn numeric(text: &str, amp: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    let mut i = amp + 2;
    let hex = matches!(bytes.get(i), Some(b'x' | b'X'));
    if hex {
        i += 1;
    }
    let digits_start = i;
    while i < bytes.len()
        && (if hex {
            bytes[i].is_ascii_hexdigit()
        } else {
            bytes[i].is_ascii_digit()
        })
    {
        i += 1;
    }
    let digits = &text[digits_start..i];
    if digits.is_empty() {
        return Some(Found {
            end: i,
            decoded: None,
            problem: Some((
                format!("`{}` is not followed by digits", &text[amp..i]),
                "write `&amp;` for a literal `&`".into(),
            )),
        });
    }
    let has_semicolon = bytes.get(i) == Some(&b';');
    let end = if has_semicolon { i + 1 } else { i };
    let written = &text[amp..end];
    let value = u32::from_str_radix(digits, if hex { 16 } else { 10 }).unwrap_or(u32::MAX);
    let mut problem = None;
    let decoded = match value {
        0 => {
            problem = Some(format!(
                "character reference `{written}` is a null character"
            ));
            '\u{FFFD}'
        }
        0xD800..=0xDFFF => {
            problem = Some(format!(
                "character reference `{written}` is a lone surrogate"
            ));
            '\u{FFFD}'
        }
        0x80..=0x9F => {
            problem = Some(format!(
                "character reference `{written}` is a control character"
            ));
            C1_REPLACEMENTS
                .get((value - 0x80) as usize)
                .copied()
                .flatten()
                .or_else(|| char::from_u32(value))
                .unwrap_or('\u{FFFD}')
        }
        v => match char::from_u32(v) {
            Some(c) => {
                if c.is_control() && !matches!(c, '\t' | '\n' | '\x0C' | '\r') {
                    problem = Some(format!(
                        "character reference `{written}` is a control character"
                    ));
                }
                c
            }
            None => {
                problem = Some(format!(
                    "character reference `{written}` is outside Unicode"
                ));
                '\u{FFFD}'
            }
        },
    };
    let problem = match (problem, has_semicolon) {
        (Some(p), _) => Some((p, "write the character itself".to_string())),
        (None, false) => Some((
            format!("character reference `{written}` lacks its `;`"),
            format!("write `{written};`"),
        )),
        (None, true) => None,
    };
    Some(Found {
        end,
        decoded: Some(decoded.to_string()),
        problem,
    })
}

fn named(text: &str, amp: usize, in_attribute: bool) -> Option<Found> {
    let bytes = text.as_bytes();
    let start = amp + 1;
    let mut run_end = start;
    while run_end < bytes.len() && bytes[run_end].is_ascii_alphanumeric() {
        run_end += 1;
    }
    if run_end == start {
        return None;
    }
    // The longest name in the table that the text starts with.
    let limit = (run_end + 1).min(bytes.len()).min(start + MAX_NAME);
    let mut best: Option<(usize, (u32, u32))> = None;
    for end in start + 1..=limit {
        // `limit` may fall inside a character after the name (found by
        // fuzzing: `&M` then `ÿ`); names are ASCII, so stop there.
        let Some(name) = text.get(start..end) else {
            break;
        };
        match NAMED_ENTITIES.get(name) {
            Some(&m) => {
                if m.0 != 0 {
                    best = Some((end, m));
                }
            }
            None => break,
        }
    }
    let Some((end, (c1, c2))) = best else {
        // `&foo;` names nothing; `AT&T` or `&foo` without `;` is plain text.
        if bytes.get(run_end) == Some(&b';') {
            let written = &text[amp..=run_end];
            return Some(Found {
                end: run_end + 1,
                decoded: None,
                problem: Some((
                    format!("unknown character reference `{written}`"),
                    "write `&amp;` for a literal `&`".into(),
                )),
            });
        }
        return None;
    };
    let written = &text[amp..end];
    let with_semicolon = written.ends_with(';');
    if !with_semicolon
        && in_attribute
        && bytes
            .get(end)
            .is_some_and(|b| *b == b'=' || b.is_ascii_alphanumeric())
    {
        return None;
    }
    let mut decoded = String::new();
    decoded.extend(char::from_u32(c1));
    if c2 != 0 {
        decoded.extend(char::from_u32(c2));
    }
    Some(Found {
        end,
        decoded: Some(decoded),
        problem: (!with_semicolon).then(|| {
            (
                format!("character reference `{written}` lacks its `;`"),
                format!("write `{written};`, or `&amp;` for a literal `&`"),
            )
        }),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_name_before_a_multibyte_character() {
        // Found by fuzzing: the longest-name search ran into the `ÿ`.
        let (text, _) = decode("G&M\u{ff}\u{ff}T", false);
        assert_eq!(text, "G&M\u{ff}\u{ff}T");
        let (text, _) = decode("&amp\u{e9}", true);
        assert!(text.starts_with('&'));
    }

    use super::*;

    fn d(s: &str) -> String {
        decode(s, false).0.into_owned()
    }

    #[test]
    fn decodes_named_and_numeric() {
        assert_eq!(d("a&amp;b &#233; &#xE9; &eacute;"), "a&b é é é");
        assert_eq!(d("AT&T en R&D"), "AT&T en R&D");
        assert!(decode("AT&T &nbsp; &#8217;", false).1.is_empty());
        assert_eq!(d("&#x80;"), "€");
    }

    #[test]
    fn problems_are_located() {
        let (_, p) = decode("x &foo; y &copy z &#; &#233", false);
        let msgs: Vec<_> = p.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "unknown character reference `&foo;`",
                "character reference `&copy` lacks its `;`",
                "`&#` is not followed by digits",
                "character reference `&#233` lacks its `;`",
            ]
        );
        assert_eq!(p[0].range, 2..7);
    }

    #[test]
    fn attribute_rule_keeps_query_strings() {
        let (v, p) = decode("?a=1&copy=2&not=3&amp;x", true);
        assert_eq!(v, "?a=1&copy=2&not=3&x");
        assert!(p.is_empty());
        let (v, _) = decode("&notit;", false);
        assert_eq!(v, "¬it;");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "&",
            "&#",
            "&#x",
            "&#99999999999999999999;",
            "&#xD800;",
            "&#0;",
            "&é",
            "&amp",
            "&a",
        ] {
            let _ = decode(s, false);
            let _ = decode(s, true);
        }
    }
}
