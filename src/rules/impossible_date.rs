//! PL252 impossible-date: date does not exist in the calendar.

use super::date_context::report;
use crate::diagnostic::Applicability;

declare_rule! {
    /// ## What it does
    /// Reports a day, month or time that does not exist: 32 May, 29 February
    /// in a year that is not a leap year, 31 June, hour 24, minute 60, or
    /// second 60 outside a leap second.
    ///
    /// ## Why is this bad?
    /// Parsers reject the date or roll it over into the next month, so the
    /// post is dated wrongly or dropped.
    ///
    /// ## Example
    /// ```text
    /// date: Fri, 29 Feb 2019 10:00:00 +0100
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended date cannot be known.
    pub static RULE {
        code: "PL252",
        name: "impossible-date",
        summary: "date does not exist in the calendar",
        severity: Error,
        run: Post(|ctx, out| report(ctx, out, &RULE, Applicability::Unsafe)),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn non_leap_year_and_short_months() {
        for (date, bad) in [
            ("Fri, 29 Feb 2019 10:00:00 +0100", "29"),
            ("Mon, 31 Jun 2019 10:00:00 +0200", "31"),
            ("Sat, 32 May 2019 10:00:00 +0200", "32"),
        ] {
            let src = format!("---\ntitle: x\ndate: {date}\n---\n");
            let d = check(&RULE, &src);
            assert_eq!(spans(&src, &d), [bad], "{date}");
            assert!(d[0].fix.is_none());
        }
        assert!(
            check(
                &RULE,
                "---\ntitle: x\ndate: Sat, 29 Feb 2020 10:00:00 +0100\n---\n"
            )
            .is_empty()
        );
    }
}
