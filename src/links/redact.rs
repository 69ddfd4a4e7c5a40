//! Credentials written in a URL (`https://user:secret@host/…`) never leave
//! postlint: messages and reports show `https://user:***@host/…`, a shown
//! file has the secret masked byte for byte, and the link cache keeps no
//! URL that carries one. A user name alone is masked too: tokens go there
//! (`https://ghp_…@github.com/`).

use std::borrow::Cow;
use std::ops::Range;

use crate::diagnostic::Diagnostic;

/// Where an authority ends: the path, query or fragment, or what ends a URL
/// in running text, an attribute or Markdown.
fn ends_authority(c: char) -> bool {
    matches!(
        c,
        '/' | '?' | '#' | '"' | '\'' | '<' | '>' | '`' | '\\' | '(' | ')' | '[' | ']' | ','
    ) || c.is_whitespace()
}

/// The byte ranges of the secrets of every URL in `text`: the password
/// after `user:`, or the whole user part when there is no password.
fn secrets(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("://") {
        let start = i + 3;
        let Some(rest) = text.get(start..) else {
            continue;
        };
        let end = rest.find(ends_authority).map_or(text.len(), |e| start + e);
        let Some(authority) = text.get(start..end) else {
            continue;
        };
        // The last `@`: a password written with a bare `@` is still hidden.
        let Some(at) = authority.rfind('@') else {
            continue;
        };
        let userinfo = &authority[..at];
        let secret = match userinfo.find(':') {
            Some(colon) => start + colon + 1..start + at,
            None => start..start + at,
        };
        if !secret.is_empty() {
            out.push(secret);
        }
    }
    out
}

/// Whether `text` has a URL with credentials in it.
pub fn has_credentials(text: &str) -> bool {
    !secrets(text).is_empty()
}

/// `text` with each secret replaced by `***`, for messages.
pub fn redact(text: &str) -> Cow<'_, str> {
    replace(text, |_| "***".to_string())
}

/// `text` with each character of each secret replaced by one of the same
/// length in bytes (`*`, or `·`, `∗`, `🔒` for longer ones), so that byte
/// offsets and character columns into it stay right: for a file shown in a
/// report.
pub fn mask(text: &str) -> Cow<'_, str> {
    replace(text, |secret| {
        secret
            .chars()
            .map(|c| match c.len_utf8() {
                1 => '*',
                2 => '·',
                3 => '∗',
                _ => '🔒',
            })
            .collect()
    })
}

fn replace(text: &str, with: impl Fn(&str) -> String) -> Cow<'_, str> {
    let found = secrets(text);
    if found.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for r in found {
        out.push_str(text.get(from..r.start).unwrap_or_default());
        out.push_str(&with(text.get(r.clone()).unwrap_or_default()));
        from = r.end;
    }
    out.push_str(text.get(from..).unwrap_or_default());
    Cow::Owned(out)
}

fn redact_in_place(text: &mut String) {
    if let Cow::Owned(r) = redact(text) {
        *text = r;
    }
}

/// Redacts every text of a finding. A fix that would write credentials
/// is dropped: showing it would print them (`postlint fix` still finds it).
pub fn diagnostic(d: &mut Diagnostic) {
    redact_in_place(&mut d.message);
    if let Some(label) = &mut d.label {
        redact_in_place(label);
    }
    for label in &mut d.labels {
        redact_in_place(&mut label.message);
    }
    if let Some(help) = &mut d.help {
        redact_in_place(help);
    }
    if d.fix
        .as_ref()
        .is_some_and(|f| f.edits.iter().any(|e| has_credentials(&e.content)))
    {
        d.fix = None;
    }
    if let Some(fix) = &mut d.fix {
        redact_in_place(&mut fix.title);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_and_tokens_are_hidden_and_nothing_else() {
        let cases = [
            (
                "image moved permanently to `https://user:secret@nos.nl/a.jpg`",
                "image moved permanently to `https://user:***@nos.nl/a.jpg`",
            ),
            ("https://ghp_token@github.com/x", "https://***@github.com/x"),
            ("http://u:p@ss@h:8080?q", "http://u:***@h:8080?q"),
            (
                "<https://a:b@c>, https://d:e@f",
                "<https://a:***@c>, https://d:***@f",
            ),
            ("https://nos.nl/@user/a.jpg", "https://nos.nl/@user/a.jpg"),
            (
                "mailto:a@b.nl and https://nos.nl",
                "mailto:a@b.nl and https://nos.nl",
            ),
            ("https://:@h/", "https://:@h/"),
            ("://", "://"),
        ];
        for (text, want) in cases {
            assert_eq!(redact(text), want, "{text}");
        }
        let src = "<img src=\"https://user:sëcret@nos.nl/a.jpg\">";
        let masked = mask(src);
        assert_eq!(masked.len(), src.len());
        assert_eq!(masked.chars().count(), src.chars().count());
        assert_eq!(masked, "<img src=\"https://user:*·****@nos.nl/a.jpg\">");
        let wide = "https://u:€😀@h";
        assert_eq!(mask(wide), "https://u:∗🔒@h");
        assert_eq!(mask(wide).len(), wide.len());
        assert!(has_credentials(src) && !has_credentials("https://nos.nl/"));
    }
}
