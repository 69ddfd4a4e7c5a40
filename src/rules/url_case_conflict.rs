//! PL409 url-case-conflict: two pages whose URLs differ only in case.
//! Made by the site-wide pass (`lint::site_pass`).

use crate::diagnostic::Diagnostic;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Reports two content files of one site whose output URLs are the same
    /// apart from upper and lower case (`/Kabel/` and `/kabel/`), in each
    /// of them, naming the other. Pages whose URL postlint cannot know for
    /// sure, drafts and unpublished pages are left out; only the files of
    /// one run are compared.
    ///
    /// ## Why is this bad?
    /// Built or served on a file system that ignores case (macOS and
    /// Windows by default, some hosts and CDNs), the two pages are one file
    /// and one replaces the other; where case matters, a reader who types
    /// the URL in another case gets the other page.
    ///
    /// ## Example
    /// `_posts/2019-07-01-Kabel.md` and `_posts/2019-07-02-kabel.md` on a
    /// site whose permalink is `/:title/`.
    ///
    /// ## Fix safety
    /// No fix: renaming a published URL breaks links to it.
    pub static RULE {
        code: "PL409",
        name: "url-case-conflict",
        summary: "two pages' URLs differ only in case",
        severity: Warning,
        run: Site,
        fix: None,
    }
}

/// The finding in the file published at `own`; `others` are the other
/// files with their URLs.
pub fn diagnostic(span: Span, own: &str, lower: &str, others: &[(String, String)]) -> Diagnostic {
    let list = others
        .iter()
        .map(|(file, url)| format!("`{file}` (`{url}`)"))
        .collect::<Vec<_>>()
        .join(", ");
    Diagnostic::new(
        &RULE,
        span,
        format!("this page's URL `{own}` differs only in case from {list}"),
    )
    .with_label(format!("the same URL as `{lower}` where case is ignored"))
    .with_help("give the pages URLs that differ in more than case")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_other_file_and_url() {
        let d = diagnostic(
            Span::new(0, 3),
            "/Kabel/",
            "/kabel/",
            &[("_posts/k.md".into(), "/kabel/".into())],
        );
        assert_eq!(
            d.message,
            "this page's URL `/Kabel/` differs only in case from `_posts/k.md` (`/kabel/`)"
        );
        assert_eq!(d.severity, crate::diagnostic::Severity::Warning);
    }
}
