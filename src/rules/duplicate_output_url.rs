//! PL408 duplicate-output-url: two content files published at the same URL.
//! Made by the site-wide pass (`lint::site_pass`).

use crate::diagnostic::Diagnostic;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Works out the URL every page of the run is published at (its
    /// permalink, slug, date and file name, the way the site's generator
    /// does) and reports two content files of one site with the same URL,
    /// in each of them, naming the other. A page whose URL postlint cannot
    /// know for sure (template code in a permalink, an unknown placeholder)
    /// and a draft or unpublished page (`published: false`, `draft: true`)
    /// are left out. Only the files of one run are compared: checking one
    /// file alone cannot see another with its URL.
    ///
    /// ## Why is this bad?
    /// The generator writes both pages to the same file of the built site,
    /// so one silently replaces the other (Jekyll warns "Conflict: The
    /// following destination is shared by multiple files" and builds anyway;
    /// Hugo keeps one of them).
    ///
    /// ## Example
    /// `_posts/2019-05-14-zendmast.md` and `_posts/2019-06-01-andere.md`
    /// with `permalink: /zendmast/` on a site whose permalink is `/:title/`.
    ///
    /// ## Fix safety
    /// No fix: which page should move is the author's choice.
    pub static RULE {
        code: "PL408",
        name: "duplicate-output-url",
        summary: "two content files are published at the same URL",
        severity: Error,
        run: Site,
        fix: None,
    }
}

/// The finding in one of the files published at `url`; `others` are the
/// other files, as shown.
pub fn diagnostic(span: Span, url: &str, why: &str, others: &[String]) -> Diagnostic {
    let list = others
        .iter()
        .map(|o| format!("`{o}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let label = if why.is_empty() {
        format!("published at `{url}`")
    } else {
        format!("published at `{url}` ({why})")
    };
    Diagnostic::new(
        &RULE,
        span,
        format!("this page and {list} are both published at `{url}`; one overwrites the other"),
    )
    .with_label(label)
    .with_help("give one of them another `permalink` or `slug`, or remove the copy")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_both_places_and_the_url() {
        let d = diagnostic(
            Span::new(4, 14),
            "/a/",
            "permalink `/:title/`",
            &["_posts/b.md".into()],
        );
        assert_eq!(
            d.message,
            "this page and `_posts/b.md` are both published at `/a/`; one overwrites the other"
        );
        assert_eq!(
            d.label.as_deref(),
            Some("published at `/a/` (permalink `/:title/`)")
        );
        assert_eq!(d.severity, crate::diagnostic::Severity::Error);
    }
}
