//! PL308 heading-order: a heading that skips a level, or sits above the top level.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Follows the headings of a post's body (HTML `<h1>`–`<h6>` and Markdown
    /// `#` headings, in order; pages are left alone) and reports one that goes more than one level
    /// deeper than the heading before it (an `<h4>` after an `<h2>`), a first
    /// heading deeper than the top level, and a heading above the top level.
    /// The top level is `html.top-heading-level`, 2 by default, because most
    /// layouts write the post's title as the page's `<h1>`.
    ///
    /// ## Why is this bad?
    /// Screen reader users move through a page by its headings, and a skipped
    /// level reads as a missing section. A second `<h1>` competes with the
    /// title in search results and outlines.
    ///
    /// ## Example
    /// ```html
    /// <h2>Huisarrest</h2>
    /// <h4>Vancouver</h4>
    /// ```
    ///
    /// ## Fix safety
    /// No fix: either this heading or the one before may be at the wrong level.
    ///
    /// ## Options
    /// `html.top-heading-level` (1–6): the level of a post's first heading.
    pub static RULE {
        code: "PL308",
        name: "heading-order",
        summary: "heading skips a level",
        severity: Warning,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    // A page (404.html, about.md) brings its own styles and headings.
    if !ctx.settings.is_post(&post.path) {
        return;
    }
    let top = ctx.settings.config.html.top_heading_level;
    let mut previous: Option<u8> = None;
    for h in ctx.body().headings() {
        let (message, help) = if h.level < top {
            (
                format!("level-{} heading above the top level {top}", h.level),
                format!(
                    "start at level {top}: the layout writes the level-1 heading (see `html.top-heading-level`)"
                ),
            )
        } else {
            match previous {
                None if h.level > top => (
                    format!("first heading is level {}, not {top}", h.level),
                    format!("make it level {top}"),
                ),
                Some(p) if h.level > p.max(top - 1) + 1 => (
                    format!("heading jumps from level {p} to level {}", h.level),
                    format!("make it level {}, or add the level in between", p + 1),
                ),
                _ => {
                    previous = Some(h.level);
                    continue;
                }
            }
        };
        previous = Some(h.level);
        out.push(
            Diagnostic::new(&RULE, h.span, message)
                .with_label("heading level")
                .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn skips_and_top_level() {
        let src = "---\ntitle: x\n---\n<h2>a</h2><h3>b</h3><h2>c</h2><h4>d</h4><h1>e</h1>\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["<h4>", "<h1>"]);
        assert_eq!(d[0].message, "heading jumps from level 2 to level 4");
        let first = "---\ntitle: x\n---\n<h3>a</h3>\n";
        assert_eq!(
            check(&RULE, first)[0].message,
            "first heading is level 3, not 2"
        );
        let top1 = check_with(
            &RULE,
            "_posts/a.html",
            "<h1>a</h1><h2>b</h2>",
            "[html]\ntop-heading-level = 1\n",
        );
        assert!(top1.is_empty());
    }

    #[test]
    fn markdown_headings() {
        let src = "---\ntitle: x\n---\n## Een\n\n#### Drie\n\n<h3>Html</h3>\n";
        let d = check_with(&RULE, "_posts/a.md", src, "");
        assert_eq!(spans(src, &d), ["#### Drie"]);
    }
}
