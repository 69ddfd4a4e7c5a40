//! PL254 obsolete-date-form: date uses an obsolete RFC 2822 form.

use super::date_context::report;
use crate::diagnostic::Applicability;

declare_rule! {
    /// ## What it does
    /// Reports forms RFC 2822 still reads but no longer allows writing: zone
    /// names (`GMT`, `UT`, `EST`, `PDT`, military letters) and two- or
    /// three-digit years.
    ///
    /// ## Why is this bad?
    /// Newer parsers drop support for obsolete forms, and a two-digit year is
    /// ambiguous to readers.
    ///
    /// ## Example
    /// ```text
    /// date: 21 Nov 97 09:55:06 GMT
    /// ```
    /// Use instead: `Fri, 21 Nov 1997 09:55:06 +0000`.
    ///
    /// ## Fix safety
    /// Safe: the replacement names the same instant (`GMT` → `+0000`,
    /// `97` → `1997`, as RFC 2822 section 4.3 reads them). No fix where the
    /// date is not written verbatim (escapes in a quoted value), or where the
    /// new form would turn the unquoted timestamp Jekyll reads into a string.
    pub static RULE {
        code: "PL254",
        name: "obsolete-date-form",
        summary: "date uses an obsolete RFC 2822 form",
        severity: Warning,
        run: Post(|ctx, out| report(ctx, out, &RULE, Applicability::Safe)),
        fix: Sometimes,
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn rfc_appendix_obsolete_example() {
        let src = "---\ntitle: x\ndate: 21 Nov 97 09:55:06 GMT\n---\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["97", "GMT"]);
        assert!(
            d.iter()
                .all(|d| d.severity == crate::diagnostic::Severity::Warning)
        );
        let edits: Vec<_> = d
            .iter()
            .map(|d| d.fix.as_ref().unwrap().edits[0].content.as_str())
            .collect();
        assert_eq!(edits, ["1997", "+0000"]);
    }
}
