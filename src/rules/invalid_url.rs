//! PL304 invalid-url: a URL that does not parse the same everywhere.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::resources::{Resource, WrittenIn, url};
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
    /// URLs holding template code (`{{ site.url }}`) are left alone, and so
    /// is a space inside the path or query of a URL in an HTML attribute
    /// other than `srcset` (`<img src="0015 context.png">`): every browser
    /// and WHATWG URL parser sends it as `%20`, so the file named with the
    /// space loads. In `srcset` (where a space ends the URL), Markdown, front
    /// matter and the host, and for tabs and line breaks (which parsers drop),
    /// white space is still reported.
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

/// Whether the only white space in `r` is spaces inside the path, query or
/// fragment of a URL written in an HTML attribute other than `srcset`:
/// browsers send them as `%20`.
fn spaces_browsers_encode(r: &Resource) -> bool {
    let WrittenIn::Html { attribute, .. } = &r.written_in else {
        return false;
    };
    let u = r.url.as_str();
    if attribute == "srcset" || u.trim() != u || !u.contains(' ') {
        return false;
    }
    if u.chars()
        .any(|c| c != ' ' && (c.is_whitespace() || c.is_control()))
    {
        return false;
    }
    // The host ends at the first `/`, `?` or `#` after `//`.
    let authority_end = match u.find("//") {
        Some(i) if !u[..i].contains(['/', '?', '#']) => u[i + 2..]
            .find(['/', '?', '#'])
            .map_or(u.len(), |j| i + 2 + j),
        _ => 0,
    };
    u.find(' ').is_some_and(|i| i > authority_end)
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let _post = ctx.post;
    for r in ctx.resources() {
        if r.url.trim().is_empty() {
            continue; // PL303 for images; `href=""` is the page itself
        }
        let encoded = spaces_browsers_encode(r);
        let Some(mut p) = (if encoded {
            // Each space as a character that is never a problem, so the
            // other problems keep their offsets; their fix would carry it.
            url::problem(&r.url.replace(' ', "-"))
        } else {
            url::problem(&r.url)
        }) else {
            continue;
        };
        if encoded {
            p.fixed = None;
        }
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
        let src = "---\ntitle: x\nfeature_image: \" https://nos.nl/a.jpg\"\n---\n<img src=\"https:/nos.nl/b.jpg\" alt=\"\"><a href=\"\">top</a>\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), [" https://nos.nl/a.jpg", "/"]);
        let fix = d[0].fix.as_ref().unwrap();
        assert_eq!(fix.edits[0].content, "https://nos.nl/a.jpg");
        assert_eq!(&src[fix.edits[0].range], " https://nos.nl/a.jpg");
        assert_eq!(
            d[1].fix.as_ref().unwrap().edits[0].content,
            "https://nos.nl/b.jpg"
        );
    }

    /// tonsky's slides: `<img class="slide" src="0015 context.png" />`
    /// loads `0015 context.png` in every browser. A space in `srcset`, in
    /// the host, or a line break is still a finding.
    #[test]
    fn spaces_browsers_encode_in_attributes() {
        let src = "---\ntitle: x\n---\n<img class=\"slide\" src=\"0015 context.png\" /><a href=\"https://x.org/a b?q=c d\">x</a>\n<a href=\"https://x y.org/\">x</a><img src=\"a\tb.png\" alt=\"\"><img src=\"a b\\c.png\" alt=\"\">\n";
        let d = check(&RULE, src);
        let messages: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "URL contains white space",
                "URL contains white space",
                "URL contains a backslash"
            ],
            "{:?}",
            spans(src, &d)
        );
        assert_eq!(spans(src, &d)[2], "\\");
        assert!(d[2].fix.is_none());
    }

    #[test]
    fn entities_and_templates() {
        let src = "---\ntitle: x\n---\n<a href=\"a\\b&amp;c\">x</a><img src=\"{{ site.url }}/a\\b.jpg\" alt=\"\">\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["a\\b&amp;c"]);
        assert!(d[0].fix.is_none());
        let md = "---\ntitle: x\n---\n[x](https:/a.nl) ![y](<a b.jpg>)\n";
        let d = check_with(&RULE, "_posts/a.md", md, "");
        assert_eq!(spans(md, &d), ["/", " "]);
        assert_eq!(d[1].fix.as_ref().unwrap().edits[0].content, "a%20b.jpg");
    }
}
