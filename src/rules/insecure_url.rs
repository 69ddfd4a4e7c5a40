//! PL305 insecure-url: an `http://` image on an `https` site (mixed content).

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::resources::ResourceKind;
use crate::rules::Context;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Reports an image loaded over plain `http://` (`<img src>`, `srcset`,
    /// `poster`, Markdown images, the front matter keys of
    /// `resources.image-keys`) when the site is served over `https`: when
    /// `site.url` starts with `https://`, or is not set. Links (`<a href>`)
    /// are not mixed content and are left alone.
    ///
    /// ## Why is this bad?
    /// An `https` page that loads an `http` image is mixed content: browsers
    /// upgrade or block the request, or mark the page as not secure, and
    /// anyone on the network can swap the image.
    ///
    /// ## Example
    /// ```yaml
    /// feature_image: "http://nos.nl/data/image/2019/05/14/549891/1008x567.jpg"
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the fix writes `https://`, which works only if the image's
    /// server offers `https`. No fix where the scheme is not written as it
    /// reads (character references in the URL).
    ///
    /// ## Options
    /// `site.url`: an `http://` site turns this rule off.
    pub static RULE {
        code: "PL305",
        name: "insecure-url",
        summary: "http:// image on an https site",
        severity: Warning,
        run: Post(check),
        fix: Sometimes,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let _post = ctx.post;
    let site = ctx.settings.site_url();
    if site.is_some_and(|s| s.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("http:"))) {
        return;
    }
    for r in ctx.resources() {
        let url = r.url.trim_start();
        if r.kind != ResourceKind::Image
            || !url
                .get(..5)
                .is_some_and(|p| p.eq_ignore_ascii_case("http:"))
        {
            continue;
        }
        let lead = r.written.len() - r.written.trim_start().len();
        let verbatim = r.exact
            && r.written[lead..]
                .get(..5)
                .is_some_and(|p| p.eq_ignore_ascii_case("http:"));
        let scheme = Span::new(r.span.start + lead, r.span.start + lead + 4);
        let range = if verbatim { scheme } else { r.span };
        let mut d = Diagnostic::new(&RULE, range, "image is loaded over plain `http://`")
            .with_label("mixed content")
            .with_help("use `https://`: browsers block or flag `http` images on `https` pages");
        if verbatim {
            d = d.with_fix(
                Fix::replace(
                    "replace `http` with `https`",
                    Applicability::Unsafe,
                    scheme,
                    "https",
                )
                .changing_edited_values(),
            );
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    const SRC: &str = "---\ntitle: x\nfeature_image: http://nos.nl/a.jpg\n---\n<img src=\"HTTP://a.nl/b.jpg\" alt=\"\"><a href=\"http://a.nl\">a</a><img src=\"https://a.nl/c.jpg\" alt=\"\">\n";

    #[test]
    fn http_images_on_https_sites() {
        let d = check(&RULE, SRC);
        assert_eq!(spans(SRC, &d), ["http", "HTTP"]);
        assert_eq!(d[0].fix.as_ref().unwrap().edits[0].content, "https");
        let d = check_with(
            &RULE,
            "_posts/a.html",
            SRC,
            "[site]\nurl = \"https://example.nl\"\n",
        );
        assert_eq!(d.len(), 2);
    }

    #[test]
    fn http_sites_are_left_alone() {
        let d = check_with(
            &RULE,
            "_posts/a.html",
            SRC,
            "[site]\nurl = \"http://example.nl\"\n",
        );
        assert!(d.is_empty());
    }
}
