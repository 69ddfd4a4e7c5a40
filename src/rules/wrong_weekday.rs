//! PL251 wrong-weekday: weekday does not match the date.

use super::date_context::report;
use crate::diagnostic::Applicability;

declare_rule! {
    /// ## What it does
    /// Reports a weekday that does not fall on the date, underlining the
    /// weekday and naming the right one.
    ///
    /// ## Why is this bad?
    /// Strict RFC 2822 parsers reject the date; lenient ones ignore the
    /// weekday, so readers and machines disagree about when the post is from.
    /// It usually means the day or the weekday was mistyped.
    ///
    /// ## Example
    /// ```text
    /// date: Mon, 14 May 2019 17:01:53 +0200
    /// ```
    /// 14 May 2019 is a Tuesday.
    ///
    /// ## Fix safety
    /// Unsafe: the fix rewrites the weekday, but the day itself may be the
    /// mistake. No fix where the date is not written verbatim (escapes in a
    /// quoted value), or where the new form would turn the unquoted timestamp
    /// Jekyll reads into a string.
    pub static RULE {
        code: "PL251",
        name: "wrong-weekday",
        summary: "weekday does not match the date",
        severity: Error,
        run: Post(|ctx, out| report(ctx, out, &RULE, Applicability::Unsafe)),
        fix: Sometimes,
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn underlines_the_weekday_with_an_unsafe_fix() {
        let src = "---\ntitle: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n---\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["Mon"]);
        assert_eq!(d[0].message, "14 May 2019 is a Tuesday, not a Monday");
        assert_eq!(
            d[0].fix.as_ref().unwrap().applicability,
            crate::diagnostic::Applicability::Unsafe
        );
    }

    #[test]
    fn quoted_values_map_exactly() {
        let src = "---\ntitle: x\ndate: \"Mon, 14 May 2019 17:01:53 +0200\" # comment\n---\n";
        assert_eq!(spans(src, &check(&RULE, src)), ["Mon"]);
        let crlf = "---\r\ntitle: x\r\ndate: Mon, 14 May 2019 17:01:53 +0200\r\n---\r\n";
        assert_eq!(spans(crlf, &check(&RULE, crlf)), ["Mon"]);
    }
}
