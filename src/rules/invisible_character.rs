//! PL109 invisible-character: zero-width spaces, soft hyphens, bidi controls.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rules::Context;
use crate::text::script::{Script, classify};

declare_rule! {
    /// ## What it does
    /// Reports invisible characters written as such (not as `&shy;` or
    /// `&#8203;`, which say they are meant): zero-width space U+200B, soft
    /// hyphen U+00AD, word joiner U+2060, invisible operators, a byte order
    /// mark inside the text, and the bidirectional controls U+200E, U+200F,
    /// U+202A..U+202E and U+2066..U+2069, except in posts with Hebrew or
    /// Arabic text, which need them. Zero-width joiners and non-joiners are
    /// left alone: emoji and many scripts need them.
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

const LIMIT: usize = 100;

fn describe(c: char) -> Option<(&'static str, bool)> {
    // (name, is a bidirectional control)
    Some(match c as u32 {
        0xAD => ("SOFT HYPHEN", false),
        0x180E => ("MONGOLIAN VOWEL SEPARATOR", false),
        0x200B => ("ZERO WIDTH SPACE", false),
        0x200E => ("LEFT-TO-RIGHT MARK", true),
        0x200F => ("RIGHT-TO-LEFT MARK", true),
        0x202A..=0x202E => ("BIDIRECTIONAL EMBEDDING OR OVERRIDE", true),
        0x2060 => ("WORD JOINER", false),
        0x2061..=0x2064 => ("INVISIBLE OPERATOR", false),
        0x2066..=0x2069 => ("BIDIRECTIONAL ISOLATE", true),
        0xFEFF => ("ZERO WIDTH NO-BREAK SPACE (BOM)", false),
        _ => return None,
    })
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let src = &post.source;
    let bytes = src.as_bytes();
    // Every character above starts with byte C2 (U+00AD), E1 (U+180E), E2
    // (U+2xxx) or EF (U+FEFF): look only there, and decide about Hebrew and
    // Arabic text only when a bidi control turns up.
    let mut rtl: Option<bool> = None;
    let mut found = 0;
    let mut pos = 0;
    let next = |from: usize| {
        let rest = &bytes[from..];
        match (
            memchr::memchr3(0xC2, 0xE2, 0xEF, rest),
            memchr::memchr(0xE1, rest),
        ) {
            (Some(a), Some(b)) => Some(from + a.min(b)),
            (a, b) => a.or(b).map(|i| from + i),
        }
    };
    while let Some(i) = next(pos) {
        pos = i + 1;
        let Some(c) = src.get(i..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        let Some((name, bidi)) = describe(c) else {
            continue;
        };
        let in_rtl_text = bidi
            && *rtl.get_or_insert_with(|| {
                src.chars()
                    .any(|c| matches!(classify(c), Some(Script::Hebrew | Script::Arabic)))
            });
        if (i == 0 && c == '\u{FEFF}') || in_rtl_text || ctx.text().in_run(i) {
            continue;
        }
        let len = c.len_utf8();
        out.push(
            Diagnostic::new(
                &RULE,
                i..i + len,
                format!("invisible character U+{:04X} {name}", c as u32),
            )
            .with_label("invisible")
            .with_help("remove it; write it as an HTML reference if it is meant")
            .with_fix(Fix::remove_char(i, c, Applicability::Unsafe).changing_edited_values()),
        );
        found += 1;
        if found == LIMIT {
            break;
        }
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
