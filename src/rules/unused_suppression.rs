//! PL901 unused-suppression: a suppression comment or `postlint-ignore` code
//! that suppressed nothing. Found by `crate::suppression` after the rules ran.

use crate::span::Span;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::markdown;
use crate::post::{BodyFormat, Post};

declare_rule! {
    /// ## What it does
    /// Reports a suppression that suppressed nothing: a
    /// `<!-- postlint-disable-next-line CODE -->`, a
    /// `<!-- postlint-disable CODE -->` region, a `# postlint: ignore CODE`
    /// front matter comment or a `postlint-ignore` front matter code that no
    /// finding matched, a code that names no rule, and a
    /// `<!-- postlint-enable CODE -->` without an open `postlint-disable`.
    /// Codes of rules that are switched off in the configuration are not
    /// reported: the suppression may matter where they are on.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the problem it was written for. Left in place
    /// it silently hides the next, real finding of that rule at that spot.
    ///
    /// ## Example
    /// ```html
    /// <!-- postlint-disable-next-line PL302 -->
    /// <img src="kaart.png" alt="Kaart van de 5G-masten">
    /// ```
    /// The image has its `alt` text: nothing is left to suppress.
    ///
    /// ## Fix safety
    /// Safe: the fix removes the suppression (the whole comment, its line
    /// when it stands alone, or the front matter key), or only its unused
    /// codes when others are still used. Comments and the `postlint-ignore`
    /// key do not show on the site. Unsafe in Markdown where removing the
    /// comment's line would join the blocks around it (two paragraphs, two
    /// code blocks): CommonMark would join them, and an empty line in its
    /// place would split the one paragraph Jekyll's kramdown makes of them.
    /// No fix where only some codes of a `postlint-ignore` value are unused
    /// and the written value does not show where each code is.
    pub static RULE {
        code: "PL901",
        name: "unused-suppression",
        summary: "suppression suppresses nothing",
        severity: Warning,
        run: Suppressions,
        fix: Sometimes,
    }
}

/// A finding at `span` whose fix deletes each of `deletions`.
pub fn diagnostic(
    span: Span,
    message: String,
    help: Option<String>,
    fix_title: &str,
    deletions: Vec<Span>,
) -> Diagnostic {
    let d = Diagnostic::new(&RULE, span, message)
        .with_label("unused")
        .with_optional_help(help);
    if deletions.is_empty() {
        return d;
    }
    d.with_fix(Fix {
        title: fix_title.to_string(),
        applicability: Applicability::Safe,
        edits: deletions
            .into_iter()
            .map(|range| Edit {
                range,
                content: String::new(),
            })
            .collect(),
        changes: crate::diagnostic::Changes::Nothing,
    })
}

/// In a Markdown body, removing a comment's line can join the blocks
/// around it: to CommonMark (Hugo, pulldown-cmark) `A line`, comment,
/// `second part` are two paragraphs, and two indented code blocks, which
/// become one without the comment. Kramdown (Jekyll) reads the same
/// comment inline, in one paragraph, so keeping an empty line in its place
/// would split that paragraph for Jekyll (checked with Jekyll 4.3.1). No
/// edit keeps both pages, so such a removal is unsafe.
pub fn keep_blocks_apart(post: &Post, diags: &mut [Diagnostic]) {
    if post.format != BodyFormat::Markdown {
        return;
    }
    let body = post.body;
    let mut before: Option<Vec<markdown::Shape>> = None;
    for d in diags.iter_mut() {
        let Some(fix) = d.fix.as_mut() else { continue };
        if fix.edits.iter().all(|e| e.range.start < body.start) {
            continue;
        }
        let before = before.get_or_insert_with(|| markdown::shape(post.body_text()));
        let same = fix.edits.iter().all(|e| e.range.start >= body.start) && {
            let after = crate::fix::apply_edits(&post.source, &fix.edits);
            after
                .get(body.start..)
                .is_some_and(|b| markdown::shape(b) == *before)
        };
        if !same {
            fix.applicability = Applicability::Unsafe;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::config::{Settings, parse_config};
    use crate::diagnostic::Applicability;
    use crate::diagnostic::Diagnostic;
    use crate::rules::testing::{now, spans};

    /// The PL901 findings with every rule on (the shared harness runs one
    /// rule alone, and a suppression of a rule that is off is never reported).
    fn check_with(path: &str, src: &str, cfg: &str) -> Vec<Diagnostic> {
        let cfg = parse_config(cfg, Path::new("postlint.toml")).unwrap();
        let settings = Settings::resolve(cfg, None, PathBuf::from("/")).unwrap();
        crate::lint::Linter::new(&settings, now())
            .lint(Path::new(path), src.as_bytes().to_vec())
            .report
            .diagnostics
            .into_iter()
            .filter(|d| d.code() == "PL901")
            .collect()
    }

    fn check(src: &str) -> Vec<Diagnostic> {
        check_with("_posts/a.html", src, "")
    }

    fn apply(src: &str, d: &Diagnostic) -> String {
        let mut out = src.to_string();
        let mut edits = d.fix.as_ref().unwrap().edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        for e in edits {
            out.replace_range(e.range, &e.content);
        }
        out
    }

    const BAD_DATE: &str = "date: Mon, 14 May 2019 17:01:53 +0200";

    #[test]
    fn used_suppressions_are_silent() {
        let src = format!("---\ntitle: x\n{BAD_DATE} # postlint: ignore PL251\n---\n\n<p>x</p>\n");
        assert!(check(&src).is_empty());
    }

    #[test]
    fn unused_comment_is_removed_with_its_line() {
        let src = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n\
                   <!-- postlint-disable-next-line PL251 -->\n<p>x</p>\n";
        let d = check(src);
        assert_eq!(
            spans(src, &d),
            ["<!-- postlint-disable-next-line PL251 -->"]
        );
        assert_eq!(d[0].message, "suppression of `PL251` matched no finding");
        assert_eq!(
            apply(src, &d[0]),
            "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n<p>x</p>\n"
        );
    }

    #[test]
    fn only_unused_codes_are_removed() {
        let src = format!("---\ntitle: x\n{BAD_DATE}\npostlint-ignore: [PL309, PL251, PL1]\n---\n");
        let d = check(&src);
        assert_eq!(spans(&src, &d), ["PL309"]);
        assert_eq!(
            d[0].message,
            "suppression of `PL309`, `PL1` matched no finding"
        );
        assert!(apply(&src, &d[0]).contains("postlint-ignore: [PL251]\n"));
    }

    #[test]
    fn unused_key_is_removed_whole() {
        let src = "---\ntitle: x\npostlint-ignore:\n  - PL309\n  - wrong-weekday\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n";
        let d = check(src);
        assert_eq!(d.len(), 1);
        assert_eq!(
            apply(src, &d[0]),
            "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n"
        );
    }

    #[test]
    fn unknown_codes_and_unmatched_enable() {
        let src = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n\
                   <p>x</p> <!-- postlint-enable PL305 --> <!-- postlint-disable-next-line PL999 -->\n";
        let d = check(src);
        assert_eq!(d.len(), 2);
        assert_eq!(
            d[0].message,
            "`postlint-enable` of `PL305` has no open `postlint-disable`"
        );
        assert!(
            d[1].help
                .as_deref()
                .unwrap()
                .contains("`PL999` names no rule")
        );
        assert_eq!(
            apply(src, &d[0]),
            "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n\
             <p>x</p>  <!-- postlint-disable-next-line PL999 -->\n"
        );
    }

    #[test]
    fn an_unused_region_goes_with_its_enable() {
        let src = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n\
                   <!-- postlint-disable PL251 -->\n<p>x</p>\n<!-- postlint-enable PL251 -->\n";
        let d = check(src);
        assert_eq!(d.len(), 1);
        assert_eq!(
            apply(src, &d[0]),
            "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n<p>x</p>\n"
        );
    }

    #[test]
    fn codes_of_rules_switched_off_are_not_reported() {
        let src =
            "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\npostlint-ignore: PL255\n---\n";
        let cfg = "[rules]\nignore = [\"PL255\"]\n";
        assert!(check_with("_posts/a.html", src, cfg).is_empty());
    }

    #[test]
    fn markdown_blocks_are_not_joined() {
        let fm = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n";
        let src = format!("{fm}A line\n<!-- postlint-disable PL105 -->\nsecond part\n");
        let d = check_with("_posts/a.md", &src, "");
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].fix.as_ref().unwrap().applicability,
            Applicability::Unsafe
        );
        // Already apart: the line simply goes.
        let src = format!("{fm}A line\n\n<!-- postlint-disable PL105 -->\nsecond part\n");
        let d = check_with("_posts/a.md", &src, "");
        assert_eq!(apply(&src, &d[0]), format!("{fm}A line\n\nsecond part\n"));
        assert_eq!(
            d[0].fix.as_ref().unwrap().applicability,
            Applicability::Safe
        );
        // Two indented code blocks would become one.
        let src = format!("{fm}Tekst.\n\n    one\n<!-- postlint-disable PL105 -->\n    two\n");
        let d = check_with("_posts/a.md", &src, "");
        assert_eq!(
            d[0].fix.as_ref().unwrap().applicability,
            Applicability::Unsafe
        );
    }
}
