//! PL108 missing-final-newline: the file does not end with a line break.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a file whose last line has no line break.
    ///
    /// ## Why is this bad?
    /// POSIX tools treat the last line as incomplete: `cat` glues the next
    /// file to it, and diffs show `\ No newline at end of file`.
    ///
    /// ## Example
    /// A post ending in `</p>` with no line feed after it.
    ///
    /// ## Fix safety
    /// Safe: adds one line break, in the file's own style (LF or CRLF).
    pub static RULE {
        code: "PL108",
        name: "missing-final-newline",
        summary: "file does not end with a line break",
        severity: Warning,
        run: Post(check),
        fix: Always,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let src = &post.source;
    let Some(last) = src.chars().next_back() else {
        return;
    };
    if last == '\n' {
        return;
    }
    let end = src.len();
    let newline = if src.contains("\r\n") { "\r\n" } else { "\n" };
    out.push(
        Diagnostic::new(
            &RULE,
            end - last.len_utf8()..end,
            "file does not end with a line break",
        )
        .with_label("last character")
        .with_help("add a line break at the end of the file")
        .with_fix(Fix::replace(
            "add a final line break",
            Applicability::Safe,
            end..end,
            newline,
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn missing_and_present() {
        let d = check(&RULE, "---\ntitle: x\n---\n<p>é</p>");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].fix.as_ref().unwrap().edits[0].content, "\n");
        assert!(check(&RULE, "---\ntitle: x\n---\n").is_empty());
        let d = check(&RULE, "---\r\ntitle: x\r\n---");
        assert_eq!(d[0].fix.as_ref().unwrap().edits[0].content, "\r\n");
    }
}
