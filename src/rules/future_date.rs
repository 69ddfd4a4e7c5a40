//! PL255 future-date: the post is dated in the future.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a date later than now (plus `dates.future-slack-hours`).
    ///
    /// ## Why is this bad?
    /// Jekyll does not publish posts dated in the future unless the site sets
    /// `future: true`; the post silently stays off the site. Often the year is
    /// mistyped (`2091` for `2019`).
    ///
    /// ## Example
    /// ```text
    /// date: Tue, 14 May 2091 17:01:53 +0200
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    ///
    /// ## Options
    /// `dates.future-slack-hours` (default 0).
    pub static RULE {
        code: "PL255",
        name: "future-date",
        summary: "post is dated in the future",
        severity: Warning,
        run: Post(check),
        fix: None,
        volatile: true,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let _post = ctx.post;
    let Some(info) = ctx.date() else { return };
    let Some(ts) = info.analysis.parsed.as_ref().and_then(|p| p.timestamp()) else {
        return;
    };
    let slack = i64::from(ctx.settings.config.dates.future_slack_hours) * 3600;
    let ahead = ts.as_second().saturating_sub(ctx.now.as_second());
    if ahead <= slack {
        return;
    }
    let days = ahead / 86_400;
    let how_far = match days {
        0 => format!("{} hours", (ahead / 3600).max(1)),
        1 => "1 day".to_string(),
        d if d < 730 => format!("{d} days"),
        d => format!("{} years", d / 365),
    };
    out.push(
        Diagnostic::new(
            &RULE,
            info.value_span,
            format!("date is {how_far} in the future"),
        )
        .with_label("in the future")
        .with_help(
            "correct the date; Jekyll skips future posts unless the site sets `future: true`",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn future_with_slack() {
        // The test clock is 2026-01-01T00:00:00Z.
        let src = "---\ntitle: x\ndate: Thu, 01 Jan 2026 02:00:00 +0000\n---\n";
        let d = check(&RULE, src);
        assert_eq!(d[0].message, "date is 2 hours in the future");
        assert!(
            check_with(
                &RULE,
                "_posts/a.html",
                src,
                "[dates]\nfuture-slack-hours = 3\n"
            )
            .is_empty()
        );
        assert!(
            check(
                &RULE,
                "---\ntitle: x\ndate: Wed, 31 Dec 2025 23:00:00 +0000\n---\n"
            )
            .is_empty()
        );
        let far = "---\ntitle: x\ndate: Mon, 14 May 2091 17:01:53 +0200\n---\n";
        assert_eq!(
            check(&RULE, far)[0].message,
            "date is 65 years in the future"
        );
    }
}
