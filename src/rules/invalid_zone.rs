//! PL253 invalid-zone: date has an invalid time zone.

use super::date_context::report;
use crate::diagnostic::Applicability;

declare_rule! {
    /// ## What it does
    /// Reports a zone that RFC 2822 does not allow: a colon in the offset
    /// (`+02:00`), an offset out of range (`+2400`, `+0260`), or a zone name
    /// such as `CEST` or `CET`, which some parsers silently read as UTC.
    ///
    /// ## Why is this bad?
    /// The post is placed hours away from when it was written, or rejected.
    ///
    /// ## Example
    /// ```text
    /// date: Tue, 14 May 2019 17:01:53 CEST
    /// ```
    /// Use instead: `Tue, 14 May 2019 17:01:53 +0200`.
    ///
    /// ## Fix safety
    /// Safe for `+02:00` → `+0200`. Zone names get no fix: `IST` and `BST`
    /// each name more than one offset.
    pub static RULE {
        code: "PL253",
        name: "invalid-zone",
        summary: "date has an invalid time zone",
        severity: Error,
        run: Post(|ctx, out| report(ctx, out, &RULE, Applicability::Safe)),
        fix: Sometimes,
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn names_and_colons() {
        let src = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 CEST\n---\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["CEST"]);
        assert!(d[0].fix.is_none());
        let src = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +02:00\n---\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["+02:00"]);
        assert_eq!(d[0].fix.as_ref().unwrap().edits[0].content, "+0200");
        let src = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +2400\n---\n";
        assert_eq!(spans(src, &check(&RULE, src)), ["+2400"]);
    }
}
