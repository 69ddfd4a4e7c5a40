//! PL304 invalid-url: a URL that does not parse the same everywhere.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::resources::url;
use crate::rules::Context;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks every URL of the post (images, `srcset` candidates, links,
    /// Markdown destinations, and the front matter keys of
    /// `resources.image-keys` and `resources.link-keys`) for: white space
    /// around it (`src=" http://…"`) or inside it, `http:/` or `https//`
    /// (a broken scheme), no host, a host with `<`, `%` or `|`, a port that is
    /// not a number, a backslash, and a `%` not followed by two hex digits.
    /// URLs holding template code (`{{ site.url }}`) are left alone.
    ///
    /// ## Why is this bad?
    /// Browsers quietly repair some of these, but feed readers, social media
    /// previews, link checkers and image CDNs do not: the same post shows an
    /// image in one place and a broken one in another.
    ///
    /// ## Example
    /// ```html
    /// <img src=" https://nos.nl/data/image/2019/05/14/549891/1008x567.jpg" alt="">
    /// ```
    ///
    /// ## Fix safety
    /// Safe where the fix is what browsers already do: trimming white space,
    /// `%20` for a space, `/` for `\`, and two slashes after `https:`.
    /// No fix for the rest.
    pub static RULE {
        code: "PL304",
        name: "invalid-url",
        summary: "a URL does not parse the same everywhere",
        severity: Error,
        run: Post(check),
        fix: Sometimes,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let _post = ctx.post;
    for r in ctx.resources() {
        if r.url.trim().is_empty() {
            continue; // PL303 for images; `href=""` is the page itself
        }
        let Some(p) = url::problem(&r.url) else {
            continue;
        };
        // Offsets in the URL as read are offsets in the file only when it is
        // written without character references.
        let verbatim = r.exact && r.written == r.url;
        let range = if verbatim {
            Span::new(r.span.start + p.range.start, r.span.start + p.range.end)
        } else {
            r.span
        };
        let mut d = Diagnostic::new(&RULE, range, p.message)
            .with_label("invalid URL")
            .with_help(p.help);
        if let (Some(fixed), true) = (p.fixed, verbatim) {
            d = d.with_fix(
                Fix::replace(p.fix_title, Applicability::Safe, r.span, fixed)
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

    #[test]
    fn leading_space_gets_a_safe_fix() {
        let src = "---\ntitle: x\nfeature_image: \" https://nos.nl/a.jpg\"\n---\n<img src=\"https:/nos.nl/b.jpg\" alt=\"\"><a href=\"/x y\">x</a><a href=\"\">top</a>\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), [" https://nos.nl/a.jpg", "/", " "]);
        let fix = d[0].fix.as_ref().unwrap();
        assert_eq!(fix.edits[0].content, "https://nos.nl/a.jpg");
        assert_eq!(&src[fix.edits[0].range], " https://nos.nl/a.jpg");
        assert_eq!(
            d[1].fix.as_ref().unwrap().edits[0].content,
            "https://nos.nl/b.jpg"
        );
        assert_eq!(d[2].fix.as_ref().unwrap().edits[0].content, "/x%20y");
    }

    #[test]
    fn entities_and_templates() {
        let src = "---\ntitle: x\n---\n<a href=\"a b&amp;c\">x</a><img src=\"{{ site.url }}/a b.jpg\" alt=\"\">\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["a b&amp;c"]);
        assert!(d[0].fix.is_none());
        let md = "---\ntitle: x\n---\n[x](https:/a.nl) ![y](<a b.jpg>)\n";
        let d = check_with(&RULE, "_posts/a.md", md, "");
        assert_eq!(spans(md, &d), ["/", " "]);
    }
}
