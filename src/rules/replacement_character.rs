//! PL104 replacement-character: U+FFFD, the mark of a character already lost.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports the replacement character U+FFFD (`�`), which a converter
    /// writes where it met bytes it could not decode.
    ///
    /// ## Why is this bad?
    /// The original character is gone: unlike mojibake, it cannot be
    /// recovered from the text. Readers see `�` on the site.
    ///
    /// ## Example
    /// ```text
    /// <p>De financi�le topvrouw</p>
    /// ```
    ///
    /// ## Fix safety
    /// No fix: retype the character from the original source.
    pub static RULE {
        code: "PL104",
        name: "replacement-character",
        summary: "text contains U+FFFD, a character lost in conversion",
        severity: Error,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let src = &post.source;
    let finder = memchr::memmem::Finder::new("\u{FFFD}");
    let mut pos = 0;
    while let Some(i) = finder.find(&src.as_bytes()[pos..]).map(|i| pos + i) {
        let mut end = i + 3;
        while src[end..].starts_with('\u{FFFD}') {
            end += 3;
        }
        let n = (end - i) / 3;
        let what = if n == 1 {
            "a replacement character".to_string()
        } else {
            format!("{n} replacement characters")
        };
        out.push(
            Diagnostic::new(
                &RULE,
                i..end,
                format!("{what} (U+FFFD): the original text was lost"),
            )
            .with_label("lost in conversion")
            .with_help("retype the text from the original source"),
        );
        pos = end;
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn runs_of_replacement_characters() {
        let src = "---\ntitle: x\n---\n<p>financi\u{FFFD}le en \u{FFFD}\u{FFFD}</p>\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["\u{FFFD}", "\u{FFFD}\u{FFFD}"]);
        assert!(d[1].message.starts_with("2 replacement characters"));
        assert!(d.iter().all(|d| d.fix.is_none()));
    }
}
