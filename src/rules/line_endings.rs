//! PL106 line-endings: CRLF, CR or mixed line endings.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a file whose lines end in CRLF (`\r\n`) or a lone CR, or that
    /// mixes them with LF, pointing at the first one that is not LF.
    ///
    /// ## Why is this bad?
    /// Mixed endings make every diff noisy; a CR left in a front matter value
    /// becomes part of it (`layout: post\r`), and some generators then fail
    /// to find the layout. The canonical form is LF.
    ///
    /// ## Example
    /// A post saved on Windows: `---\r\ntitle: x\r\n---\r\n`.
    ///
    /// ## Fix safety
    /// Safe: every CRLF and lone CR becomes LF; nothing else changes.
    pub static RULE {
        code: "PL106",
        name: "line-endings",
        summary: "file has CRLF, CR or mixed line endings",
        severity: Warning,
        run: Post(check),
        fix: Always,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let bytes = post.source.as_bytes();
    let Some(first) = memchr::memchr(b'\r', bytes) else {
        return;
    };
    let (mut crlf, mut cr) = (0usize, 0usize);
    let mut edits = Vec::new();
    for i in memchr::memchr_iter(b'\r', bytes) {
        if bytes.get(i + 1) == Some(&b'\n') {
            crlf += 1;
            edits.push(Edit {
                range: (i..i + 1).into(),
                content: String::new(),
            });
        } else {
            cr += 1;
            edits.push(Edit {
                range: (i..i + 1).into(),
                content: "\n".into(),
            });
        }
    }
    let lf = memchr::memchr_iter(b'\n', bytes).count() - crlf;
    let plural = |n: usize, what: &str| format!("{n} {what}");
    let message = match (crlf, cr, lf) {
        (_, 0, 0) => "file uses CRLF line endings".to_string(),
        (0, _, 0) => "file uses CR line endings".to_string(),
        _ => {
            let mut kinds = Vec::new();
            if crlf > 0 {
                kinds.push(plural(crlf, "CRLF"));
            }
            if cr > 0 {
                kinds.push(plural(cr, "CR"));
            }
            if lf > 0 {
                kinds.push(plural(lf, "LF"));
            }
            format!("mixed line endings: {}", kinds.join(", "))
        }
    };
    let first_len = if bytes.get(first + 1) == Some(&b'\n') {
        2
    } else {
        1
    };
    out.push(
        Diagnostic::new(&RULE, first..first + first_len, message)
            .with_label("first line ending that is not LF")
            .with_help("convert the line endings to LF")
            .with_fix(Fix {
                title: "convert every line ending to LF".into(),
                applicability: Applicability::Safe,
                edits,
                changes: crate::diagnostic::Changes::Nothing,
            }),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn crlf_mixed_and_lf() {
        let d = check(&RULE, "---\r\ntitle: x\r\n---\r\n");
        assert_eq!(d[0].message, "file uses CRLF line endings");
        assert_eq!(d[0].range, 3..5);
        assert_eq!(d[0].fix.as_ref().unwrap().edits.len(), 3);
        let d = check(&RULE, "---\ntitle: x\r\n---\rbody\n");
        assert_eq!(d[0].message, "mixed line endings: 1 CRLF, 1 CR, 2 LF");
        assert!(check(&RULE, "---\ntitle: x\n---\n").is_empty());
    }
}
