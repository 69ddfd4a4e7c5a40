//! PL403 redirected-image: a remote image that has moved for good (301, 308);
//! the unsafe fix writes the new URL in syntax. Made by the link phase.

use url::Url;

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::links::phase::{RemoteUse, UrlSyntax};

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

pub fn diagnostic(u: &RemoteUse, to: &str) -> Diagnostic {
    let d = Diagnostic::new(&RULE, u.span, format!("image moved permanently to `{to}`"))
        .with_label("permanent redirect")
        .with_help("write the new URL");
    match replacement(u, to) {
        Some(text) => d.with_fix(Fix::replace(
            format!("replace the URL with `{to}`"),
            Applicability::Unsafe,
            u.span,
            text,
        )),
        None => d,
    }
}

/// The text a fix writes in syntax of `u` to point at `target`, escaped for
/// where it stands; `None` when it cannot be written there safely.
pub fn replacement(u: &RemoteUse, target: &str) -> Option<String> {
    if !u.exact {
        return None;
    }
    let mut t = Url::parse(target).ok()?;
    if t.fragment().is_none()
        && let Some(f) = &u.fragment
    {
        t.set_fragment(Some(f));
    }
    let s = t.to_string();
    if s.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
    }) {
        return None;
    }
    match u.syntax {
        UrlSyntax::Html => Some(s.replace('&', "&amp;")),
        UrlSyntax::Srcset if s.contains(',') => None,
        UrlSyntax::Srcset => Some(s.replace('&', "&amp;")),
        // Markdown decodes `&name;` in destinations and balances parentheses.
        UrlSyntax::Markdown if s.contains(['(', ')']) || (s.contains('&') && s.contains(';')) => {
            None
        }
        UrlSyntax::Markdown | UrlSyntax::FrontMatter => Some(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::ResourceKind;

    #[test]
    fn fix_rewrites_the_span_and_keeps_the_fragment() {
        let u = RemoteUse {
            url: "http://nos.nl/a.jpg".into(),
            fragment: Some("x".into()),
            span: (10..31).into(),
            kind: ResourceKind::Image,
            syntax: UrlSyntax::Html,
            exact: true,
        };
        let d = diagnostic(&u, "https://nos.nl/a.jpg");
        let fix = d.fix.unwrap();
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert_eq!(fix.edits[0].range, 10..31);
        assert_eq!(fix.edits[0].content, "https://nos.nl/a.jpg#x");
        assert_eq!(fix.title, "replace the URL with `https://nos.nl/a.jpg`");
    }

    fn one_use(kind: ResourceKind, syntax: UrlSyntax) -> RemoteUse {
        crate::testing::remote_use("https://nos.nl/a.jpg", 10..30, kind, syntax)
    }

    #[test]
    fn replacements_are_escaped_for_their_place() {
        let target = "https://nos.nl/b.jpg?w=1&h=2";
        let mut u = one_use(ResourceKind::Image, UrlSyntax::Html);
        assert_eq!(
            replacement(&u, target).as_deref(),
            Some("https://nos.nl/b.jpg?w=1&amp;h=2")
        );
        u.syntax = UrlSyntax::FrontMatter;
        u.fragment = Some("top".into());
        assert_eq!(
            replacement(&u, target).as_deref(),
            Some("https://nos.nl/b.jpg?w=1&h=2#top")
        );
        u.syntax = UrlSyntax::Markdown;
        assert_eq!(replacement(&u, "https://nos.nl/a_(1).jpg"), None);
        u.syntax = UrlSyntax::Srcset;
        assert_eq!(replacement(&u, "https://nos.nl/a,b.jpg"), None);
        u.exact = false;
        assert_eq!(replacement(&u, target), None);
    }
}
