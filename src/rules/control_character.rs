//! PL105 control-character: C0 and C1 control characters in text.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rules::Context;
use crate::rules::hidden_chars::Hidden;

declare_rule! {
    /// ## What it does
    /// Reports control characters: C0 controls other than tab, line feed and
    /// carriage return (NUL, BEL, ESC, form feed…), DEL, and C1 controls
    /// (U+0080..U+009F) outside mojibake, which PL101 reports.
    ///
    /// ## Why is this bad?
    /// They are invisible in editors and on the site, break XML feeds (most
    /// are not allowed in XML at all), and usually come from a bad copy and
    /// paste or a broken conversion.
    ///
    /// ## Example
    /// A title with a vertical tab pasted from a word processor:
    /// `title: "Huawei<U+000B>spionage"`.
    ///
    /// ## Fix safety
    /// Unsafe: removing the character is almost always right, but a form
    /// feed or a C1 control may have been meant as some other character.
    pub static RULE {
        code: "PL105",
        name: "control-character",
        summary: "text contains control characters",
        severity: Error,
        run: Post(check),
        fix: Always,
    }
}

fn name(c: char) -> &'static str {
    match c as u32 {
        0x00 => "NUL",
        0x07 => "BEL",
        0x08 => "BACKSPACE",
        0x0B => "VERTICAL TAB",
        0x0C => "FORM FEED",
        0x1B => "ESCAPE",
        0x7F => "DELETE",
        0x85 => "NEXT LINE",
        0x80..=0x9F => "C1 CONTROL",
        _ => "CONTROL",
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for &Hidden { at, c } in &ctx.hidden_chars().controls {
        out.push(
            Diagnostic::new(
                &RULE,
                at..at + c.len_utf8(),
                format!("control character U+{:04X} ({})", c as u32, name(c)),
            )
            .with_label("invisible control character")
            .with_help("remove it, or replace it with the character that was meant")
            .with_fix(Fix::remove_char(at, c, Applicability::Unsafe).changing_edited_values()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    /// Issue 16: Windows-1252 punctuation read as Latin-1 (`\u{92}` for `’`,
    /// `\u{85}` for `…`) is PL101's encoding mix-up, with the character as
    /// its repair, not a control character to delete.
    #[test]
    fn c1_explained_by_pl101_is_left_to_it() {
        let src = "---\ntitle: a\n---\n<p>\u{84}Handwerk\u{93} don\u{92}t\u{85}</p>\n";
        assert!(check(&RULE, src).is_empty(), "{:?}", check(&RULE, src));
        let d = check(&crate::rules::mojibake::RULE, src);
        let fixes: Vec<_> = d
            .iter()
            .map(|d| d.fix.as_ref().unwrap().edits[0].content.as_str())
            .collect();
        assert_eq!(fixes, ["„", "“", "’", "…"]);
        assert_eq!(d[0].label.as_deref(), Some("Windows-1252 read as Latin-1"));
    }

    #[test]
    fn c0_del_and_c1_outside_mojibake() {
        // U+0081 has no Windows-1252 character, so no mix-up explains it.
        let src =
            "---\ntitle: \"a\u{0B}b\"\n---\n<p>x\u{7F}\ty\u{81}z it\u{e2}\u{80}\u{99}s</p>\r\n";
        let d = check(&RULE, src);
        let msgs: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "control character U+000B (VERTICAL TAB)",
                "control character U+007F (DELETE)",
                "control character U+0081 (C1 CONTROL)"
            ]
        );
        assert_eq!(
            d[0].fix.as_ref().unwrap().applicability,
            crate::diagnostic::Applicability::Unsafe
        );
    }
}
