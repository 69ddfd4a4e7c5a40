//! PL307 empty-element: a paragraph, heading or other text element with nothing in it.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports an element that exists to hold text but holds none: nothing,
    /// white space or `&nbsp;` between its start and end tag.
    /// It checks paragraphs, headings, list items and lists, quotes, `pre`,
    /// captions, buttons, labels, links with `href`, and inline text elements
    /// (`strong`, `em`, `b`, `i`, `u`, `s`, `small`, `code`). Table cells,
    /// `div`, `span`, void elements (`<br>`, `<img>`) and anchors without
    /// `href` (`<a id="x"></a>`) are left alone: they are empty on purpose.
    /// So is an element with a `class`, `role` or `aria-*` attribute (an icon
    /// font's `<i class="fa fa-link"></i>`, filled by the theme's CSS or
    /// scripts), and a spacer the author explained or needs: one that holds
    /// or is followed by a comment (`<p><!-- spacing --></p>`), or an empty
    /// paragraph alone between two Markdown quotes, keeping them apart.
    ///
    /// ## Why is this bad?
    /// Empty paragraphs are spacing done in content (usually pasted from a
    /// word processor): they add uneven gaps, read as "blank" to screen
    /// readers, and break when the theme changes. An empty heading or link is
    /// announced with no name.
    ///
    /// ## Example
    /// ```html
    /// <p>Eerste alinea.</p>
    /// <p>&nbsp;</p>
    /// <p> </p>
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the element has no attributes and holds only ASCII white
    /// space: removing it changes nothing visible. Unsafe otherwise: an
    /// `&nbsp;` paragraph is visible spacing, and an `id` may be a link target.
    pub static RULE {
        code: "PL307",
        name: "empty-element",
        summary: "text element with no text",
        severity: Warning,
        run: Post(check),
        fix: Always,
    }
}

fn is_checked(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "dt"
            | "dd"
            | "ul"
            | "ol"
            | "blockquote"
            | "pre"
            | "figcaption"
            | "caption"
            | "button"
            | "label"
            | "a"
            | "strong"
            | "em"
            | "b"
            | "i"
            | "u"
            | "s"
            | "small"
            | "code"
    )
}

/// An attribute that makes an empty element something the theme fills:
/// icon fonts (`<i class="fa fa-link">`), ARIA widgets, roles.
fn is_styling_hook(attr: &str) -> bool {
    attr == "class" || attr == "role" || attr.starts_with("aria-")
}

/// Whether an empty element is a spacer the author explained or needs: a
/// comment follows it on its line (`<p></p><!-- more space -->`), or it
/// stands alone between two Markdown quotes and keeps them apart (Scala's
/// testimonial quotes, each with its `<cite>`).
fn is_deliberate_spacer(source: &str, whole: std::ops::Range<usize>) -> bool {
    let after = source.get(whole.end..).unwrap_or("");
    let rest_of_line = after.split('\n').next().unwrap_or("");
    if rest_of_line.trim_start().starts_with("<!--") {
        return true;
    }
    let before = source.get(..whole.start).unwrap_or("");
    let alone = before
        .rsplit('\n')
        .next()
        .is_some_and(|l| l.trim().is_empty())
        && rest_of_line.trim().is_empty();
    let quote = |line: Option<&str>| line.is_some_and(|l| l.trim_start().starts_with('>'));
    let previous = before.lines().rev().find(|l| !l.trim().is_empty());
    let next = after.lines().skip(1).find(|l| !l.trim().is_empty());
    alone && quote(previous) && quote(next)
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    for (e, tag) in ctx.body().html.tags() {
        let Some(end) = &e.end_span else { continue };
        if e.foreign || e.has_content || !is_checked(&e.name) {
            continue;
        }
        if e.name == "a" && tag.attr("href").is_none() {
            continue;
        }
        if tag.attrs.iter().any(|a| is_styling_hook(&a.name)) {
            continue;
        }
        let whole = e.start_span.start..end.end;
        let inside = post.source.get(e.start_span.end..end.start).unwrap_or("");
        // Nothing but white space, `&nbsp;` and comments is left inside: a
        // comment there is a note the author kept on purpose.
        if inside.contains("<!--") || is_deliberate_spacer(&post.source, whole.clone()) {
            continue;
        }
        let safe = tag.attrs.is_empty() && inside.trim_ascii().is_empty();
        let applicability = if safe {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        out.push(
            Diagnostic::new(&RULE, whole.clone(), format!("empty `<{}>`", e.name))
                .with_label("nothing in it")
                .with_help("remove it; leave spacing to the theme's CSS")
                .with_fix(Fix::replace(
                    format!("remove the empty `<{}>`", e.name),
                    applicability,
                    whole,
                    "",
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::diagnostic::Applicability;
    use crate::rules::testing::*;

    #[test]
    fn empty_text_elements() {
        let src = "---\ntitle: x\n---\n<p></p>\n<p> </p>\n<p>&nbsp;</p>\n<h2 id=x></h2><b style=\"x\"></b>\n";
        let d = check(&RULE, src);
        assert_eq!(
            spans(src, &d),
            [
                "<p></p>",
                "<p> </p>",
                "<p>&nbsp;</p>",
                "<h2 id=x></h2>",
                "<b style=\"x\"></b>"
            ]
        );
        let apps: Vec<_> = d
            .iter()
            .map(|d| d.fix.as_ref().unwrap().applicability)
            .collect();
        use Applicability::*;
        assert_eq!(apps, [Safe, Safe, Unsafe, Unsafe, Unsafe]);
    }

    #[test]
    fn empty_on_purpose_is_fine() {
        let src = "---\ntitle: x\n---\n<table><tr><td></td><th></th></tr></table><div class=clear></div><span class=icon></span><a id=top></a><br><img src=a.jpg alt=\"\"><p><img src=b.jpg alt=b></p><p>x<p>\n";
        assert!(check(&RULE, src).is_empty());
        let md = "---\ntitle: x\n---\n<p>\n\n**vet**\n\n</p>\n";
        assert!(check_with(&RULE, "_posts/a.md", md, "").is_empty());
    }

    #[test]
    fn icons_and_commented_spacers_are_fine() {
        // Shaped on OpenTelemetry's headings and notes, and Scala's team pages.
        let md = "---\ntitle: x\n---\n## <i class='far fa-exclamation-triangle text-warning '></i> First time? {#first}\n\n> <i class=\"fa-solid fa-circle-info\"></i> **Schedule is subject to change**.\n";
        assert!(check_with(&RULE, "_posts/a.md", md, "").is_empty());
        let src = "---\ntitle: x\n---\n<a href=\"https://github.com/x\"><i class=\"fa-brands fa-github\"></i></a>\n<button aria-label=\"Close\"></button><li role=\"separator\"></li>\n<p><!-- spacing --></p><p>&nbsp;<!-- gap --></p>\n";
        assert!(check(&RULE, src).is_empty());
        // Scala's testimonials: quotes kept apart, and a spacer explained.
        let quotes = "---\ntitle: x\n---\n> Great.\n> -- <cite>A</cite>\n\n<p></p>\n\n> Fast.\n> -- <cite>B</cite>\n\n2. Import the build.\n<p></p><!-- To give more space between list and next paragraph. -->\nIn total.\n\nText.\n\n<p></p>\n\n> Not between quotes.\n";
        let d = check_with(&RULE, "_posts/a.md", quotes, "");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].range.start, quotes.rfind("<p></p>").unwrap());
    }
}
