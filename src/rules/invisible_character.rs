//! PL109 invisible-character: zero-width spaces, soft hyphens, bidi controls.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rules::Context;
use crate::rules::hidden_chars::{Hidden, describe};

declare_rule! {
    /// ## What it does
    /// Reports invisible characters written as such (not as `&shy;` or
    /// `&#8203;`, which say they are meant): zero-width space U+200B, soft
    /// hyphen U+00AD, word joiner U+2060, invisible operators, a byte order
    /// mark inside the text, and the bidirectional controls U+200E, U+200F,
    /// U+202A..U+202E and U+2066..U+2069, except in posts with Hebrew or
    /// Arabic text, which need them. A zero-width space next to a letter of
    /// Thai, Lao, Khmer, Burmese or another script written without spaces
    /// between words is left alone: there it marks a word break. Zero-width
    /// joiners and non-joiners are left alone: emoji, Indic and Sinhala
    /// conjuncts and Persian words need them. A run of the same character
    /// (`\u{200B}\u{200B}`, as machine translation leaves them) is one finding.
    ///
    /// ## Why is this bad?
    /// They come from copy and paste, stay invisible in review, and break
    /// search (`Hua\u{200B}wei` does not match `Huawei`), slugs and titles.
    /// Bidi controls can make text display in a different order than it is
    /// stored.
    ///
    /// ## Example
    /// `title: "Hua<U+200B>wei"`
    ///
    /// ## Fix safety
    /// Unsafe: removing the character is usually right, but a soft hyphen or
    /// zero-width space may have been put there on purpose to allow a line
    /// break.
    pub static RULE {
        code: "PL109",
        name: "invisible-character",
        summary: "text contains an invisible character",
        severity: Warning,
        run: Post(check),
        fix: Always,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let invisibles = &ctx.hidden_chars().invisibles;
    let mut i = 0;
    while let Some(&Hidden { at, c }) = invisibles.get(i) {
        // A run of the same character is one finding: machine translation
        // leaves `\u{200B}\u{200B}` pairs, one slip each.
        let mut end = at + c.len_utf8();
        let mut n = 1;
        while let Some(next) = invisibles.get(i + n)
            && next.at == end
            && next.c == c
        {
            end += c.len_utf8();
            n += 1;
        }
        i += n;
        let name = describe(c).map_or("", |(name, _)| name);
        let (message, fix) = if n == 1 {
            (
                format!("invisible character U+{:04X} {name}", c as u32),
                Fix::remove_char(at, c, Applicability::Unsafe),
            )
        } else {
            (
                format!(
                    "{n} invisible characters U+{:04X} {name} in a row",
                    c as u32
                ),
                Fix::replace(
                    format!("remove the {n} U+{:04X}", c as u32),
                    Applicability::Unsafe,
                    at..end,
                    "",
                ),
            )
        };
        out.push(
            Diagnostic::new(&RULE, at..end, message)
                .with_label("invisible")
                .with_help("remove it; write it as an HTML reference if it is meant")
                .with_fix(fix.changing_edited_values()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn zero_width_soft_hyphen_and_bidi() {
        let src =
            "---\ntitle: \"Hua\u{200B}wei\"\n---\n<p>spio\u{AD}nage &shy; \u{202E}x\u{200D}</p>\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["\u{200B}", "\u{AD}", "\u{202E}"]);
        assert_eq!(d[0].message, "invisible character U+200B ZERO WIDTH SPACE");
    }

    /// opensource.guide's translations: `ontstaan \u{200B}\u{200B}bij`.
    #[test]
    fn a_run_of_one_character_is_one_finding() {
        let src =
            "---\ntitle: x\n---\n<p>ontstaan \u{200B}\u{200B}bij een \u{200B}\u{AD}groot</p>\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["\u{200B}\u{200B}", "\u{200B}", "\u{AD}"]);
        assert_eq!(
            d[0].message,
            "2 invisible characters U+200B ZERO WIDTH SPACE in a row"
        );
        let edits: Vec<_> = d
            .iter()
            .flat_map(|d| d.fix.clone().unwrap().edits)
            .collect();
        let fixed = crate::fix::apply_edits(src, &edits);
        assert_eq!(fixed, "---\ntitle: x\n---\n<p>ontstaan bij een groot</p>\n");
    }

    #[test]
    fn mongolian_separator_before_other_candidates() {
        let src = "---\ntitle: a\u{180E}b \u{200B}\n---\n";
        assert_eq!(spans(src, &check(&RULE, src)), ["\u{180E}", "\u{200B}"]);
    }

    #[test]
    fn bidi_marks_in_rtl_posts_and_leading_bom_are_fine() {
        let src = "\u{FEFF}---\ntitle: \"שלום\u{200F}\"\n---\n";
        assert!(check(&RULE, src).is_empty());
    }
}
