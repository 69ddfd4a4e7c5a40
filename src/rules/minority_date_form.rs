//! PL258 minority-date-form: a date written unlike the site's clear majority.

use crate::date::Shape;
use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// With `dates.format = "auto"` (the default), reports a date written in
    /// another form than the site's clear majority: at least 90% of at least
    /// 10 dates agree on one form (RFC 2822 `Tue, 14 May 2019 17:01:53
    /// +0200`; ISO 8601 with a space, `2019-05-14 17:01:53 +0200`; RFC 3339,
    /// `2019-05-14T17:01:53+02:00`). A date without a time (`2019-05-14`)
    /// agrees with either ISO form. `postlint check` counts the forms over
    /// each site before checking; a single file checked alone has no
    /// majority and gets no finding.
    ///
    /// ## Why is this bad?
    /// One stray form on a site of another is usually a copy from elsewhere,
    /// and tools that read the dates as text (sorting, grep, a site's own
    /// checks) may not expect it.
    ///
    /// ## Example
    /// ```text
    /// date: Tue, 14 May 2019 17:01:53 +0200
    /// ```
    /// on a site whose other posts say `date: 2019-05-14 17:01:53 +0200`.
    ///
    /// ## Fix safety
    /// No fix: the form is the site's choice, and rewriting an unquoted
    /// YAML timestamp can change its type. Pin `dates.format` to have
    /// PL250 rewrite dates into one form.
    ///
    /// ## Options
    /// `dates.format` (silent when pinned: PL250 reports the other form).
    pub static RULE {
        code: "PL258",
        name: "minority-date-form",
        summary: "date is not written in the form most of the site's dates are",
        severity: Warning,
        run: Post(check),
        fix: None,
    }
}

/// The form of the post's date as this rule compares it with the site's
/// majority, whatever the majority: `check` learns the majority only after
/// every file was linted, and lints again only the files whose form
/// disagrees with it.
pub fn compared_shape(ctx: &Context<'_>) -> Option<Shape> {
    if ctx.settings.date_format.is_some() {
        return None;
    }
    Some(compared(ctx)?.0)
}

/// The shape and the date's text, when the rule looks at the date.
fn compared<'c>(ctx: &'c Context<'_>) -> Option<(Shape, &'c str)> {
    let info = ctx.date()?;
    // A date with findings is left to PL250-PL254.
    if !info.analysis.findings.is_empty() {
        return None;
    }
    let key = ctx.settings.config.dates.key.as_str();
    let text = ctx
        .post
        .front_matter
        .as_ref()
        .and_then(|fm| fm.get(key))
        .and_then(|v| v.as_str())?;
    Some((Shape::of(text)?, text))
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let settings = ctx.settings;
    let (None, Some(majority)) = (settings.date_format, settings.date_majority) else {
        return;
    };
    let Some((shape, text)) = compared(ctx) else {
        return;
    };
    if shape.agrees_with(majority.shape) {
        return;
    }
    let Some(info) = ctx.date() else { return };
    let range = info.file_range(crate::span::Span::new(0, text.len()));
    out.push(
        Diagnostic::new(
            &RULE,
            range,
            format!(
                "date is {}, but {} of the site's {} dates are {}",
                shape.one(),
                majority.agreeing,
                majority.total,
                majority.shape.describe()
            ),
        )
        .with_label("written unlike the site's other dates")
        .with_help(
            "write it the way the site's other dates are written, or pin one form with \
             `dates.format`",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::date::{Majority, Shape};
    use crate::rules::testing::*;
    use std::path::Path;

    fn with_majority(src: &str, config: &str, majority: Option<Majority>) -> usize {
        let mut settings = settings(config)
            .with_overrides(&[RULE.code.to_string()], &[])
            .unwrap();
        settings.date_majority = majority;
        crate::lint::Linter::new(&settings, now())
            .lint(Path::new("_posts/a.md"), src.as_bytes().to_vec())
            .report
            .diagnostics
            .len()
    }

    const SPACE: Majority = Majority {
        shape: Shape::IsoSpace,
        agreeing: 95,
        total: 100,
    };

    #[test]
    fn a_date_unlike_the_majority_is_reported() {
        let rfc = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n";
        assert_eq!(with_majority(rfc, "", Some(SPACE)), 1);
        let mut settings = settings("");
        settings.date_majority = Some(SPACE);
        let d = crate::lint::Linter::new(&settings, now())
            .lint(Path::new("_posts/a.md"), rfc.as_bytes().to_vec())
            .report
            .diagnostics;
        let d: Vec<_> = d.iter().filter(|d| d.code() == "PL258").collect();
        assert_eq!(
            d[0].message,
            "date is an RFC 2822 date, but 95 of the site's 100 dates are ISO 8601 dates with a \
             space (`2019-05-14 17:01:53 +0200`)"
        );
        assert_eq!(&rfc[d[0].range], "Tue, 14 May 2019 17:01:53 +0200");
        let t = "---\ntitle: x\ndate: 2019-05-14T17:01:53+02:00\n---\n";
        assert_eq!(with_majority(t, "", Some(SPACE)), 1);
    }

    #[test]
    fn agreeing_dates_no_majority_and_pinned_formats_are_silent() {
        let space = "---\ntitle: x\ndate: 2019-05-14 5:01:53 +0200\n---\n";
        let day = "---\ntitle: x\ndate: 2019-05-14\n---\n";
        let rfc = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n";
        assert_eq!(with_majority(space, "", Some(SPACE)), 0);
        assert_eq!(with_majority(day, "", Some(SPACE)), 0);
        assert_eq!(with_majority(rfc, "", None), 0);
        let pinned = "[dates]\nformat = \"rfc2822\"\n";
        assert_eq!(with_majority(rfc, pinned, Some(SPACE)), 0);
    }
}
