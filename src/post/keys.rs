//! A small scanner over front matter lines that finds each top-level key and
//! the byte span of its value, which serde_yaml and toml do not report.

use crate::span::Span;

use super::split::{FrontMatterKind, lines_from};

/// One top-level `key: value` (or `key = value`) as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key without quotes.
    pub key: String,
    /// The key as written, quotes included.
    pub key_span: Span,
    /// The value as written: from after the separator to the end of its last
    /// line, without a trailing comment on a one-line plain value. Empty (at
    /// the end of the key line) when the key has no value.
    pub value_span: Span,
}

/// Scans the front matter `content` range of `source`.
pub fn scan(source: &str, content: Span, kind: FrontMatterKind) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    // End of the last line that belongs to the current value.
    let mut last_value_end: Option<usize> = None;
    for (line, _) in lines_from(&source[..content.end], content.start) {
        let text = &source[line];
        let first = text.as_bytes().first().copied();
        match first {
            None => continue,
            Some(b' ' | b'\t') => {
                // Indented: part of the current value, unless only a comment.
                if !text.trim_start().starts_with('#') && !text.trim().is_empty() {
                    last_value_end = Some(line.start + text.trim_end().len());
                }
                continue;
            }
            Some(b'#') => continue,
            _ => {}
        }
        if kind == FrontMatterKind::Toml && first == Some(b'[') {
            // A table header ends the top level.
            break;
        }
        if let Some(prev) = entries.last_mut()
            && let Some(end) = last_value_end.take()
        {
            prev.value_span.end = prev.value_span.end.max(end);
        }
        let parsed = match kind {
            // Pelican's `Key: value` lines read as YAML keys do.
            FrontMatterKind::Yaml | FrontMatterKind::Pelican => yaml_key(text),
            FrontMatterKind::Toml => toml_key(text),
        };
        match parsed {
            Some((key, key_len, value_rel)) => {
                let value_start = line.start + value_rel;
                let value_end = line.start + value_end_in_line(text, value_rel, kind);
                entries.push(Entry {
                    key,
                    key_span: Span::new(line.start, line.start + key_len),
                    value_span: Span::new(value_start, value_end.max(value_start)),
                });
            }
            None => {
                // A flow or sequence line at the top level, or a continuation of
                // a multi-line flow value: part of the current value.
                if text.starts_with(['-', '?', '{', '[']) && entries.is_empty() {
                    break;
                }
                last_value_end = Some(line.start + text.trim_end().len());
            }
        }
    }
    if let Some(prev) = entries.last_mut()
        && let Some(end) = last_value_end
    {
        prev.value_span.end = prev.value_span.end.max(end);
    }
    entries
}

/// `(key, key length as written, offset of the value)` for a YAML key line.
fn yaml_key(line: &str) -> Option<(String, usize, usize)> {
    let (key, key_len) = match line.as_bytes().first()? {
        b'"' | b'\'' => quoted_key(line)?,
        b'-' if line.len() == 1 || line[1..].starts_with([' ', '\t']) => return None,
        b'?' | b'{' | b'[' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' => return None,
        _ => {
            let colon = plain_key_end(line)?;
            (line[..colon].trim_end().to_string(), colon)
        }
    };
    let after = &line[key_len..];
    let ws = after.len() - after.trim_start_matches([' ', '\t']).len();
    let after = &after[ws..];
    let after = after.strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let value_rel = key_len + ws + 1 + (after.len() - after.trim_start_matches([' ', '\t']).len());
    Some((key, key_len, value_rel))
}

/// The byte offset of the `:` that ends a plain key: the first `:` followed by
/// white space or the end of the line, before any ` #` comment.
fn plain_key_end(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b':' if bytes.get(i + 1).is_none_or(|n| *n == b' ' || *n == b'\t') => {
                return Some(i);
            }
            b'#' if i > 0 && (bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') => return None,
            _ => {}
        }
    }
    None
}

/// A `"…"` or `'…'` key: its text and its length as written.
fn quoted_key(line: &str) -> Option<(String, usize)> {
    let quote = line.chars().next()?;
    let mut key = String::new();
    let mut chars = line.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
                key.push('\'');
                continue;
            }
            return Some((key, i + 1));
        }
        if c == '\\' && quote == '"' {
            if let Some((_, n)) = chars.next() {
                key.push(n);
            }
            continue;
        }
        key.push(c);
    }
    None
}

/// `(key, key length as written, offset of the value)` for a TOML `key = value` line.
fn toml_key(line: &str) -> Option<(String, usize, usize)> {
    let (key, key_len) = match line.as_bytes().first()? {
        b'"' | b'\'' => quoted_key(line)?,
        _ => {
            let len = line
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
                .count();
            if len == 0 {
                return None;
            }
            (line[..len].to_string(), len)
        }
    };
    let after = &line[key_len..];
    let trimmed = after.trim_start_matches([' ', '\t']);
    let rest = trimmed.strip_prefix('=')?;
    let value_rel = key_len
        + (after.len() - trimmed.len())
        + 1
        + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    Some((key, key_len, value_rel))
}

/// Where a value that starts at `start` on its key line ends on that line:
/// after the closing quote of a quoted value, or before a ` #` comment.
fn value_end_in_line(line: &str, start: usize, kind: FrontMatterKind) -> usize {
    let value = &line[start.min(line.len())..];
    let quoted_end = match value.as_bytes().first() {
        Some(b'"') => closing_quote(value, b'"', true),
        Some(b'\'') => closing_quote(value, b'\'', kind == FrontMatterKind::Toml),
        _ => None,
    };
    if let Some(end) = quoted_end {
        return start + end;
    }
    let bytes = value.as_bytes();
    let mut end = value.len();
    for i in 0..bytes.len() {
        if bytes[i] == b'#' && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') {
            end = i;
            break;
        }
    }
    start + value[..end].trim_end().len()
}

/// The offset just past the closing quote, if it is on this line.
fn closing_quote(value: &str, quote: u8, backslash_escapes: bool) -> Option<usize> {
    let bytes = value.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        let b = bytes[i];
        if backslash_escapes && b == b'\\' {
            i += 2;
            continue;
        }
        if b == quote {
            if !backslash_escapes && bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(src: &str) -> Vec<(String, String, String)> {
        scan(src, Span::new(0, src.len()), FrontMatterKind::Yaml)
            .into_iter()
            .map(|e| {
                (
                    e.key,
                    src[e.key_span].to_string(),
                    src[e.value_span].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn plain_and_quoted_values() {
        let src = "layout: post\ntitle: \"A: b # c\" # note\ndate: Tue, 14 May 2019 17:01:53 +0200\n'it''s': 'x'\n";
        let got = yaml(src);
        assert_eq!(got[0], ("layout".into(), "layout".into(), "post".into()));
        assert_eq!(got[1].2, "\"A: b # c\"");
        assert_eq!(got[2].2, "Tue, 14 May 2019 17:01:53 +0200");
        assert_eq!(got[3].0, "it's");
        assert_eq!(got[3].1, "'it''s'");
        assert_eq!(got[3].2, "'x'");
    }

    #[test]
    fn multi_line_values_and_comments() {
        let src = "tags:\n  - a\n  - b\n\n# about the date\ndate: x # c\nbody: |\n  line 1\n\n  line 2\nempty:\n";
        let got = yaml(src);
        assert_eq!(got[0].2, "\n  - a\n  - b", "{got:?}");
        assert_eq!(got[1].2, "x");
        assert_eq!(got[2].2, "|\n  line 1\n\n  line 2");
        assert_eq!(got[3].2, "");
    }

    #[test]
    fn crlf_lines() {
        let src = "title: x\r\ndate: y\r\n";
        let got = yaml(src);
        assert_eq!(got[0].2, "x");
        assert_eq!(got[1].2, "y");
    }

    #[test]
    fn keys_with_colons_urls_and_unicode() {
        let src = "feature_image: \"https://e.nl/a.jpg\"\nurl: https://x.nl/a:b\nsleutel_é: ja\n";
        let got = yaml(src);
        assert_eq!(got[0].2, "\"https://e.nl/a.jpg\"");
        assert_eq!(got[1].2, "https://x.nl/a:b");
        assert_eq!(got[2].0, "sleutel_é");
    }

    #[test]
    fn sequence_at_top_level_has_no_keys() {
        assert!(yaml("- a\n- b\n").is_empty());
        assert!(yaml("just a scalar\n").is_empty());
    }

    #[test]
    fn duplicates_are_all_listed() {
        let got = yaml("title: a\ntitle: b\n");
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn toml_keys() {
        let src = "title = \"x # y\" # c\ndate = 2019-05-14T17:01:53+02:00\ntags = [\n  \"a\",\n]\n[params]\ninner = 1\n";
        let got: Vec<_> = scan(src, Span::new(0, src.len()), FrontMatterKind::Toml)
            .into_iter()
            .map(|e| (e.key, src[e.value_span].to_string()))
            .collect();
        assert_eq!(got[0], ("title".into(), "\"x # y\"".into()));
        assert_eq!(got[1].1, "2019-05-14T17:01:53+02:00");
        assert_eq!(got[2].1, "[\n  \"a\",\n]");
        assert_eq!(got.len(), 3);
    }
}
