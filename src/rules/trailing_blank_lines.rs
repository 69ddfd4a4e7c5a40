//! PL110 trailing-blank-lines: blank lines at the end of the file.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports blank lines after the last line of text: a file should end in
    /// exactly one line break. A post that has front matter and no body yet
    /// (what `hugo new` writes from an archetype) is left alone.
    ///
    /// ## Why is this bad?
    /// Noise in diffs, and editors disagree about keeping them.
    ///
    /// ## Example
    /// A post ending in `</p>\n\n\n`.
    ///
    /// ## Fix safety
    /// Safe: only the blank lines at the very end are removed.
    pub static RULE {
        code: "PL110",
        name: "trailing-blank-lines",
        summary: "file ends with blank lines",
        severity: Warning,
        run: Post(check),
        fix: Always,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let src = &post.source;
    let text_end = src.trim_end_matches(['\n', '\r', ' ', '\t']).len();
    if text_end == 0 {
        return;
    }
    // A post with front matter and no body yet is what `hugo new` and other
    // archetypes write (`---` ⏎ ⏎): the blank line is where the author
    // starts typing, not clutter at the end of a text.
    if post.front_matter.is_some() && text_end <= post.body.start {
        return;
    }
    // Keep the first line break after the text (and any spaces before it, which PL107 reports).
    let Some(first_break) = src[text_end..].find('\n').map(|i| text_end + i + 1) else {
        return;
    };
    if first_break >= src.len() {
        return;
    }
    let extra = first_break..src.len();
    let lines = src[extra.clone()].matches('\n').count().max(1);
    out.push(
        Diagnostic::new(
            &RULE,
            extra.clone(),
            if lines == 1 {
                "file ends with a blank line".to_string()
            } else {
                format!("file ends with {lines} blank lines")
            },
        )
        .with_label("blank lines")
        .with_fix(Fix::replace(
            "remove the blank lines at the end",
            Applicability::Safe,
            extra,
            "",
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn extra_line_breaks_at_the_end() {
        let d = check(&RULE, "---\ntitle: x\n---\n<p>a</p>\n\n\n");
        assert_eq!(d[0].message, "file ends with 2 blank lines");
        assert_eq!(
            d[0].fix.as_ref().unwrap().edits[0].range.start,
            "---\ntitle: x\n---\n<p>a</p>\n".len()
        );
        assert!(check(&RULE, "---\ntitle: x\n---\n<p>a</p>\n").is_empty());
        assert!(check(&RULE, "---\ntitle: x\n---\n<p>a</p>").is_empty());
        let d = check(&RULE, "---\r\ntitle: x\r\n---\r\n<p>a</p>\r\n\r\n");
        assert_eq!(d.len(), 1);
    }

    /// `hugo new` writes the front matter and one blank line for the body.
    #[test]
    fn an_archetype_with_no_body_yet_is_left_alone() {
        assert!(check(&RULE, "---\ntitle: x\n---\n\n").is_empty());
        assert!(check(&RULE, "+++\ntitle = 'x'\n+++\n\n\n").is_empty());
    }
}
