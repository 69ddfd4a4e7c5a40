//! PL103 byte-order-mark: the file starts with a UTF-8 byte order mark.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a UTF-8 byte order mark (U+FEFF) at the start of a file.
    ///
    /// ## Why is this bad?
    /// UTF-8 needs no byte order mark. Before `---` it hides the front matter
    /// from some generators, which then publish the YAML as text.
    ///
    /// ## Example
    /// ```text
    /// <U+FEFF>---
    /// title: Hallo
    /// ```
    ///
    /// ## Fix safety
    /// Safe: removing the mark changes no character of the post.
    pub static RULE {
        code: "PL103",
        name: "byte-order-mark",
        summary: "file starts with a byte order mark",
        severity: Warning,
        run: Post(check),
        fix: Always,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    if post.has_bom() {
        out.push(
            Diagnostic::new(&RULE, 0..3, "file starts with a UTF-8 byte order mark")
                .with_label("byte order mark")
                .with_help("remove the byte order mark")
                .with_fix(Fix::replace(
                    "remove the byte order mark",
                    Applicability::Safe,
                    0..3,
                    "",
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn reports_and_fixes_a_bom() {
        let src = "\u{feff}---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n";
        let d = check(&RULE, src);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].range, 0..3);
        assert_eq!(d[0].fix.as_ref().unwrap().edits[0].content, "");
        assert!(check(&RULE, &src[3..]).is_empty());
    }
}
