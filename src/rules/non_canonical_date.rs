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
    /// are left to those rules. Runs only when `dates.format` is pinned
    /// (`rfc2822` or `iso8601`): with `auto`, the default, a valid date in
    /// the spelling the site's generator reads is the site's choice
    /// (Jekyll's own `2013-05-06 02:12:52 +0200` is as good as its
    /// RFC 3339 form).
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
    /// would turn the unquoted timestamp Jekyll reads into a string, or
    /// where the site's generator would not read it (RFC 2822 on Zola).
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
    // A canonical form is a preference only the site can state.
    let Some(expected) = ctx.settings.date_format else {
        return;
    };
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
    if !super::date_context::generator_reads(ctx, info, (&range).into(), &canonical) {
        out.push(d.with_help(super::date_context::reader_help(&canonical)));
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

    const RFC: &str = "[dates]\nformat = \"rfc2822\"\n";

    fn pinned(src: &str) -> Vec<crate::diagnostic::Diagnostic> {
        check_with(&RULE, "_posts/a.html", src, RFC)
    }

    /// With `auto` (no config) no spelling is imposed: neither Jekyll's
    /// `2013-05-06 02:12:52 +0200` nor a short RFC 2822 date.
    #[test]
    fn silent_unless_the_format_is_pinned() {
        for written in ["2013-05-06 02:12:52 +0200", "\"1 Jul 2003 10:52 +0200\""] {
            let src = format!("---\ntitle: x\ndate: {written}\n---\n");
            assert!(check(&RULE, &src).is_empty(), "{written}");
        }
        let src = "---\ntitle: x\ndate: \"1 Jul 2003 10:52 +0200\"\n---\n";
        assert_eq!(pinned(src).len(), 1);
    }

    /// A quoted TOML date on a Zola site stays in a form Zola reads.
    #[test]
    fn no_fix_into_a_form_the_generator_rejects() {
        let cfg = "[dates]\nformat = \"rfc2822\"\n[site]\ngenerator = \"zola\"\n";
        let src = "+++\ntitle = \"x\"\ndate = \"Tue, 14 May 2019 17:01 +0200\"\n+++\n";
        let d = check_with(&RULE, "content/a.md", src, cfg);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].fix.is_none());
    }

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
            let d = pinned(&src);
            assert_eq!(spans(&src, &d), [written], "{written}");
            assert_eq!(d[0].fix.as_ref().unwrap().edits[0].content, canonical);
        }
        assert!(pinned("---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n").is_empty());
        // Dates with findings are left to their own rules.
        assert!(pinned("---\ntitle: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n---\n").is_empty());
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
