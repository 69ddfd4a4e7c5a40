//! PL250 invalid-date: date is not in the expected format.

use super::date_context::report;
use crate::diagnostic::Applicability;

declare_rule! {
    /// ## What it does
    /// Reports a date value the site's generator cannot read, or that does
    /// not say what it seems to. With `dates.format = "auto"` (the default)
    /// each date is read in the form it is written in: an RFC 2822 date
    /// keeps every strict check (a Dutch month `mei` or weekday `di`, a
    /// missing time or zone), an ISO 8601 date the calendar checks, and then
    /// the generator's own reading decides: Jekyll reads YAML 1.1 timestamps
    /// (`2013-11-22 5:00:00 +0000`) and Ruby's `Time.parse`; Hugo its
    /// `time.AsTime` layouts (not `1 Jul 2003 10:52 +0200`); Zola RFC 3339
    /// and TOML dates (not `+0200`, not RFC 2822); Eleventy ISO 8601 only.
    /// With a pinned `dates.format` (`rfc2822` or `iso8601`) a date in the
    /// other form is reported too.
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
    /// otherwise no fix. A date's form changes only under a pinned
    /// `dates.format`, and never where the new value would change its YAML
    /// type (an unquoted timestamp would become an RFC 2822 string, which
    /// Psych reads as a String) or be a form the generator rejects: there
    /// the finding has no fix.
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
        assert!(check(&RULE, src).is_empty(), "auto reads ISO dates");
        let d = check_with(
            &RULE,
            "_posts/a.html",
            src,
            "[dates]\nformat = \"rfc2822\"\n",
        );
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

    /// `jekyll new` writes `2026-12-01 13:18:23 +0000`; ruby-lang writes
    /// one-digit hours. Both are clean with no config; an impossible day and
    /// a wrong ISO offset are not.
    #[test]
    fn auto_reads_what_jekyll_reads() {
        for date in [
            "2026-12-01 13:18:23 +0000",
            "2024-03-21 4:00:00 +0000",
            "2024-03-21",
        ] {
            let src = format!("---\ntitle: x\ndate: {date}\n---\n");
            let d = check_with(
                &RULE,
                "_posts/a.md",
                &src,
                "[site]\ngenerator = \"jekyll\"\n",
            );
            assert!(d.is_empty(), "{date}: {d:?}");
        }
        let src = "---\ntitle: x\ndate: 2019-05-14T17:01:53+2\n---\n";
        assert_eq!(check(&RULE, src).len(), 0, "PL253's, not PL250's");
        let src = "+++\ntitle = \"x\"\ndate = \"2019-05-14T17:01:53+0200\"\n+++\n";
        let d = check_with(&RULE, "content/a.md", src, "[site]\ngenerator = \"zola\"\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("Zola"), "{}", d[0].message);
    }
}
