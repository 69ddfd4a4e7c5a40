//! PL250 invalid-date: date is not in the expected format.

use super::date_context::report;
use crate::diagnostic::Applicability;

declare_rule! {
    /// ## What it does
    /// Reports a date value that is not an RFC 2822 date (or, with
    /// `dates.format = "iso8601"`, not an ISO 8601 date), and says what it
    /// found instead: an ISO date, a full month name (`March`), a Dutch month
    /// (`mei`) or weekday (`di`), a missing time or zone.
    ///
    /// ## Why is this bad?
    /// Feeds, sitemaps and generators parse the date; one they cannot parse
    /// drops the post from the feed, sorts it wrongly, or stops the build.
    ///
    /// ## Example
    /// ```text
    /// date: di, 14 mei 2019 17:01:53 +0200
    /// ```
    /// Use instead:
    /// ```text
    /// date: Tue, 14 May 2019 17:01:53 +0200
    /// ```
    ///
    /// ## Fix safety
    /// Safe where the correction is certain (`March` → `Mar`, `mei` → `May`);
    /// otherwise no fix.
    ///
    /// ## Options
    /// `dates.key`, `dates.format`.
    pub static RULE {
        code: "PL250",
        name: "invalid-date",
        summary: "date is not in the expected format",
        severity: Error,
        run: Post(|ctx, out| report(ctx, out, &RULE, Applicability::Safe)),
        fix: Sometimes,
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    const POST: &str = "---\ntitle: x\ndate: di, 14 mei 2019 17:01:53 +0200\n---\n";

    #[test]
    fn dutch_names_with_safe_fixes() {
        let d = check(&RULE, POST);
        assert_eq!(spans(POST, &d), ["di", "mei"]);
        let fix = d[1].fix.as_ref().unwrap();
        assert_eq!(fix.edits[0].content, "May");
        assert_eq!(fix.applicability, crate::diagnostic::Applicability::Safe);
    }

    #[test]
    fn iso_date_and_iso_format_setting() {
        let src = "---\ntitle: x\ndate: \"2019-05-14T17:01:53+02:00\"\n---\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["2019-05-14T17:01:53+02:00"]);
        assert!(d[0].message.contains("ISO 8601"));
        assert!(
            check_with(
                &RULE,
                "_posts/a.html",
                src,
                "[dates]\nformat = \"iso8601\"\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn other_date_key() {
        let src = "---\ntitle: x\npublished_at: Tue, 14 May 2019 17:01\n---\n";
        let d = check_with(
            &RULE,
            "_posts/a.html",
            src,
            "[dates]\nkey = \"published_at\"\n",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("zone"), "{}", d[0].message);
    }
}
