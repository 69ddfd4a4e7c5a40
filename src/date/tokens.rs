//! Splits a comment-free RFC 2822 date into words, numbers and punctuation,
//! each with its byte range in the input and whether white space precedes it.

use std::sync::LazyLock;

use regex::Regex;

use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Letters, with at most one trailing period (`Sept.`).
    Word,
    /// ASCII digits.
    Number,
    Comma,
    Colon,
    Plus,
    Minus,
    Dot,
    /// A white-space character other than space, tab, CR and LF (a no-break
    /// space pasted from a word processor): reported, then read as a space.
    OddSpace,
    /// Anything else.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    pub range: Span,
    /// White space (or a comment) comes right before this token.
    pub spaced: bool,
}

// `(?s)` so the catch-all also takes any stray control character.
static TOKEN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?s)(?P<space>[ \t\r\n]+)|(?P<word>\p{L}+\.?)|(?P<num>[0-9]+)|(?P<other>.)").ok()
});

/// Tokenizes `text` (the input with comments blanked). White space is not a
/// token; odd spaces are, so the caller can point at them.
pub(super) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let Some(re) = TOKEN.as_ref() else {
        return Vec::new();
    };
    let mut tokens = Vec::new();
    let mut spaced = false;
    for caps in re.captures_iter(text) {
        if caps.name("space").is_some() {
            spaced = true;
            continue;
        }
        let (kind, m) = if let Some(m) = caps.name("word") {
            (Kind::Word, m)
        } else if let Some(m) = caps.name("num") {
            (Kind::Number, m)
        } else if let Some(m) = caps.name("other") {
            let kind = match m.as_str() {
                "," => Kind::Comma,
                ":" => Kind::Colon,
                "+" => Kind::Plus,
                "-" => Kind::Minus,
                "." => Kind::Dot,
                s if s.chars().all(char::is_whitespace) => Kind::OddSpace,
                _ => Kind::Other,
            };
            (kind, m)
        } else {
            continue;
        };
        tokens.push(Token {
            kind,
            text: m.as_str(),
            range: Span::from(m.range()),
            spaced,
        });
        spaced = kind == Kind::OddSpace;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str, bool)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.kind, t.text, t.spaced))
            .collect()
    }

    #[test]
    fn canonical_date() {
        use Kind::*;
        assert_eq!(
            kinds("Tue, 14 May 2019 17:01:53 +0200"),
            vec![
                (Word, "Tue", false),
                (Comma, ",", false),
                (Number, "14", true),
                (Word, "May", true),
                (Number, "2019", true),
                (Number, "17", true),
                (Colon, ":", false),
                (Number, "01", false),
                (Colon, ":", false),
                (Number, "53", false),
                (Plus, "+", true),
                (Number, "0200", false),
            ]
        );
    }

    #[test]
    fn ranges_point_into_the_text() {
        let text = "  Thu,\n 13  Feb";
        for t in tokenize(text) {
            assert_eq!(&text[t.range], t.text);
        }
    }

    #[test]
    fn words_keep_one_trailing_period_and_accents() {
        use Kind::*;
        assert_eq!(
            kinds("Sept. févr.. März"),
            vec![
                (Word, "Sept.", false),
                (Word, "févr.", true),
                (Dot, ".", false),
                (Word, "März", true),
            ]
        );
    }

    #[test]
    fn odd_space_counts_as_space() {
        use Kind::*;
        assert_eq!(
            kinds("14\u{a0}May"),
            vec![
                (Number, "14", false),
                (OddSpace, "\u{a0}", false),
                (Word, "May", true),
            ]
        );
    }

    #[test]
    fn other_characters() {
        use Kind::*;
        assert_eq!(
            kinds("14/05)"),
            vec![
                (Number, "14", false),
                (Other, "/", false),
                (Number, "05", false),
                (Other, ")", false),
            ]
        );
        assert_eq!(kinds("\u{0}"), vec![(Other, "\u{0}", false)]);
    }
}
