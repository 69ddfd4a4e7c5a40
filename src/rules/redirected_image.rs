//! PL403 redirected-image: a remote image that has moved for good (301, 308);
//! the unsafe fix writes the new URL in place. Made by the link phase.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::links::phase::{Use, replacement};

declare_rule! {
    /// ## What it does
    /// Reports a remote image whose URL answers with a permanent redirect
    /// (`301 Moved Permanently` or `308 Permanent Redirect`) to an image,
    /// and offers the URL the permanent redirects lead to. Temporary
    /// redirects (302, 303, 307) are fine: the server may change its mind.
    ///
    /// ## Why is this bad?
    /// Every reader pays an extra round trip, and an old URL kept alive by a
    /// redirect is the first to break when the site moves again.
    ///
    /// ## Example
    /// ```html
    /// <img src="http://nos.nl/a.jpg" alt="">
    /// ```
    /// answered with `301` and `Location: https://nos.nl/a.jpg`.
    ///
    /// ## Fix safety
    /// Unsafe: the new URL is what one server said on one day; review it.
    /// `postlint check` shows the fix (and the JSON output carries its edit);
    /// `postlint fix` does not apply it, because `fix` makes no network
    /// requests. The fix keeps the URL's `#fragment`, and is not offered
    /// where the new URL cannot be written as it stands (a comma in a
    /// `srcset`, parentheses in Markdown).
    ///
    /// ## Options
    /// The `[links]` options of PL401.
    pub static RULE {
        code: "PL403",
        name: "redirected-image",
        summary: "remote image has moved permanently",
        severity: Warning,
        run: Links,
        fix: Sometimes,
    }
}

pub fn diagnostic(u: &Use, to: &str) -> Diagnostic {
    let d = Diagnostic::new(
        &RULE,
        u.span.clone(),
        format!("image moved permanently to `{to}`"),
    )
    .with_label("permanent redirect")
    .with_help("write the new URL");
    match replacement(u, to) {
        Some(text) => d.with_fix(Fix::replace(
            format!("replace the URL with `{to}`"),
            Applicability::Unsafe,
            u.span.clone(),
            text,
        )),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::Kind;
    use crate::links::phase::Place;

    #[test]
    fn fix_rewrites_the_span_and_keeps_the_fragment() {
        let u = Use {
            url: "http://nos.nl/a.jpg".into(),
            fragment: Some("x".into()),
            span: 10..31,
            kind: Kind::Image,
            place: Place::Html,
            exact: true,
        };
        let d = diagnostic(&u, "https://nos.nl/a.jpg");
        let fix = d.fix.unwrap();
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert_eq!(fix.edits[0].range, 10..31);
        assert_eq!(fix.edits[0].content, "https://nos.nl/a.jpg#x");
        assert_eq!(fix.title, "replace the URL with `https://nos.nl/a.jpg`");
    }
}
