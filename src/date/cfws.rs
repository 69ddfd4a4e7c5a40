//! RFC 2822 comments: blanked out to spaces of the same byte length, so the
//! tokenizer never sees them and every byte offset still points into the input.

use crate::span::Span;

/// The input with every comment replaced by spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Blanked {
    pub text: String,
    /// The byte range from an unclosed `(` to the end of the input, if any;
    /// that tail is blanked too so the rest of the date can still be read.
    pub unclosed: Option<Span>,
}

/// Blanks out comments, which may nest and may contain `\`-escaped characters
/// (so `\)` does not close one).
pub(super) fn blank_comments(input: &str) -> Blanked {
    let mut text = String::with_capacity(input.len());
    let mut depth = 0usize;
    let mut outer_open = 0usize;
    let mut escaped = false;
    for (at, c) in input.char_indices() {
        if depth == 0 {
            if c == '(' {
                depth = 1;
                outer_open = at;
                text.push(' ');
            } else {
                text.push(c);
            }
            continue;
        }
        // Inside a comment: every byte becomes a space, whatever the character.
        text.extend(std::iter::repeat_n(' ', c.len_utf8()));
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '(' {
            depth += 1;
        } else if c == ')' {
            depth -= 1;
        }
    }
    Blanked {
        text,
        unclosed: (depth > 0).then_some(Span::new(outer_open, input.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_comment_is_unchanged() {
        let b = blank_comments("Tue, 14 May 2019 17:01:53 +0200");
        assert_eq!(b.text, "Tue, 14 May 2019 17:01:53 +0200");
        assert_eq!(b.unclosed, None);
    }

    #[test]
    fn comment_becomes_spaces_of_same_length() {
        let input = "Thu, 13 Feb 1969 23:32 -0330 (Newfoundland Time)";
        let b = blank_comments(input);
        assert_eq!(b.text.len(), input.len());
        assert_eq!(b.text.trim_end(), "Thu, 13 Feb 1969 23:32 -0330");
    }

    #[test]
    fn nested_and_escaped_comments() {
        let input = "a (b (c) \\) d) e";
        let b = blank_comments(input);
        assert_eq!(b.text, format!("a {} e", " ".repeat(12)));
        assert_eq!(b.unclosed, None);
    }

    #[test]
    fn multibyte_text_in_comment_keeps_byte_length() {
        let input = "x (zóne ë) y";
        let b = blank_comments(input);
        assert_eq!(b.text.len(), input.len());
        assert!(b.text.starts_with("x "));
        assert!(b.text.ends_with(" y"));
    }

    #[test]
    fn unclosed_comment_is_reported_and_blanked() {
        let input = "+0200 (oops (nested)";
        let b = blank_comments(input);
        assert_eq!(b.unclosed, Some(Span::new(6, input.len())));
        assert_eq!(b.text.trim_end(), "+0200");
    }

    #[test]
    fn escape_at_end_does_not_panic() {
        let b = blank_comments("(\\");
        assert_eq!(b.unclosed, Some(Span::new(0, 2)));
        assert_eq!(b.text, "  ");
    }

    #[test]
    fn stray_closing_paren_is_left_for_the_tokenizer() {
        assert_eq!(blank_comments("a ) b").text, "a ) b");
    }
}
