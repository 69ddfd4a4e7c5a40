//! PL257 non-canonical-date: a valid date not written in the canonical form.

use crate::date::DateFormat;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a date that is valid but not written the canonical way: for
    /// RFC 2822 `Tue, 14 May 2019 17:01:53 +0200` (weekday, two-digit day,
    /// English month, seconds, numeric zone); for ISO 8601
    /// `2019-05-14T17:01:53+02:00`. Dates with other findings (PL250-PL254)
    /// are left to those rules.
    ///
    /// ## Why is this bad?
    /// One spelling per site keeps diffs small and lets simple tools (grep,
    /// sort) work on dates; some feed readers only accept the full form.
    ///
    /// ## Example
    /// ```text
    /// date: 1 Jul 2003 10:52 +0200
    /// ```
    /// Use instead: `Tue, 01 Jul 2003 10:52:00 +0200`.
    ///
    /// ## Fix safety
    /// Safe: the canonical form names the same instant. No fix where it
    /// would turn the unquoted timestamp Jekyll reads into a string.
    ///
    /// ## Options
    /// `dates.format`.
    pub static RULE {
        code: "PL257",
        name: "non-canonical-date",
        summary: "date is not written in the canonical form",
        severity: Warning,
        run: Post(check),
        fix: Sometimes,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some(info) = ctx.date() else { return };
    let Some(start) = info.text_offset else {
        return;
    };
    let Some(parsed) = &info.analysis.parsed else {
        return;
    };
    let expected = ctx.settings.date_format;
    if !info.analysis.findings.is_empty() || parsed.form != expected {
        return;
    }
    let Some(canonical) = parsed.to_format(expected) else {
        return;
    };
    let written = &post.source[start..start + info.text_len];
    let trimmed = written.trim();
    if trimmed == canonical {
        return;
    }
    let lead = written.len() - written.trim_start().len();
    let range = start + lead..start + lead + trimmed.len();
    let format = match expected {
        DateFormat::Rfc2822 => "RFC 2822",
        DateFormat::Iso8601 => "ISO 8601",
    };
    let d = Diagnostic::new(
        &RULE,
        range.clone(),
        format!("date is not in the canonical {format} form"),
    )
    .with_label(format!("canonical: {canonical}"));
    if !super::date_context::keeps_yaml_kind(post, info, (&range).into(), &canonical) {
        out.push(d.with_help(super::date_context::kind_help(&canonical)));
        return;
    }
    out.push(
        d.with_fix(
            Fix::replace(
                format!("write `{canonical}`"),
                Applicability::Safe,
                range,
                canonical,
            )
            .changing_edited_values(),
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn short_forms_become_canonical() {
        for (written, canonical) in [
            ("1 Jul 2003 10:52 +0200", "Tue, 01 Jul 2003 10:52:00 +0200"),
            (
                "tue, 14 may 2019 17:01:53 +0200",
                "Tue, 14 May 2019 17:01:53 +0200",
            ),
            (
                "Thu, 13 Feb 1969 23:32 -0330 (Newfoundland Time)",
                "Thu, 13 Feb 1969 23:32:00 -0330",
            ),
        ] {
            let src = format!("---\ntitle: x\ndate: \"{written}\"\n---\n");
            let d = check(&RULE, &src);
            assert_eq!(spans(&src, &d), [written], "{written}");
            assert_eq!(d[0].fix.as_ref().unwrap().edits[0].content, canonical);
        }
        assert!(
            check(
                &RULE,
                "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n"
            )
            .is_empty()
        );
        // Dates with findings are left to their own rules.
        assert!(
            check(
                &RULE,
                "---\ntitle: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n---\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn iso_canonical() {
        let cfg = "[dates]\nformat = \"iso8601\"\n";
        let src = "---\ntitle: x\ndate: 2019-05-14 17:01:53 +0200\n---\n";
        let d = check_with(&RULE, "_posts/a.html", src, cfg);
        assert_eq!(
            d[0].fix.as_ref().unwrap().edits[0].content,
            "2019-05-14T17:01:53+02:00"
        );
    }
}
