//! PL308 heading-order: a heading that skips a level, or (when the site sets
//! one) sits above the top level.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Follows the headings of a post's body (HTML `<h1>`–`<h6>` and Markdown
    /// `#` headings, in order; pages are left alone) and reports one that goes
    /// more than one level deeper than the heading before it (an `<h4>` after
    /// an `<h2>`).
    ///
    /// A skipped level is a habit on some sites (a newsletter template that
    /// goes from `#` to `###` in every issue): with no setting for the rule,
    /// it reports only on a site where at least 95% of the checked files
    /// skip no level (the site-convention gate, as for PL107).
    ///
    /// When `html.top-heading-level` is set, it also reports a first heading
    /// deeper than that level and a heading above it. It is unset by default:
    /// layouts differ (one writes the title as the page's `<h1>` and posts
    /// start at `##`, another writes it as `<h2>`, a third leaves the `<h1>`
    /// to the post), and a post cannot tell which.
    ///
    /// A site that checks the same with markdownlint says so in the post:
    /// headings where a `<!-- markdownlint-disable heading-increment -->`
    /// (or `MD001`, or no rule named) holds are left alone, up to the
    /// matching `markdownlint-enable`.
    ///
    /// ## Why is this bad?
    /// Screen reader users move through a page by its headings, and a skipped
    /// level reads as a missing section. A second `<h1>` competes with the
    /// title in search results and outlines.
    ///
    /// ## Example
    /// ```html
    /// <h2>Results</h2>
    /// <h4>By region</h4>
    /// ```
    ///
    /// ## Fix safety
    /// No fix: either this heading or the one before may be at the wrong level.
    ///
    /// ## Options
    /// `html.top-heading-level` (1–6): the level of a post's first heading,
    /// e.g. 2 when the layout writes the title as the page's `<h1>`.
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
    // Unset, no level is too high and any level may come first.
    let configured = ctx.settings.config.html.top_heading_level;
    let top = configured.unwrap_or(1);
    let off = markdownlint_off(&post.source);
    let mut previous: Option<u8> = None;
    for h in ctx.body().headings() {
        if off.iter().any(|r| r.contains(&h.span.start)) {
            previous = Some(h.level);
            continue;
        }
        let (message, help) = if h.level < top {
            (
                format!("level-{} heading above the top level {top}", h.level),
                format!(
                    "start at level {top}: the layout writes the level-1 heading (see `html.top-heading-level`)"
                ),
            )
        } else {
            match previous {
                None if configured.is_some() && h.level > top => (
                    format!("first heading is level {}, not {top}", h.level),
                    format!("make it level {top} (see `html.top-heading-level`)"),
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

/// markdownlint's names for the check PL308 makes.
fn names_heading_increment(rules: &str) -> bool {
    let mut names = rules.split_whitespace().peekable();
    names.peek().is_none()
        || names.any(|n| {
            ["MD001", "heading-increment", "header-increment"]
                .iter()
                .any(|m| n.eq_ignore_ascii_case(m))
        })
}

/// The byte ranges of `source` where markdownlint's inline comments turn
/// off its MD001 (`disable` … `enable`, `disable-file`, `disable-next-line`,
/// `disable-line`): the site already decided about these headings.
fn markdownlint_off(source: &str) -> Vec<std::ops::Range<usize>> {
    let mut off = Vec::new();
    let mut open: Option<usize> = None;
    for (at, _) in source.match_indices("markdownlint-") {
        let opened = source
            .get(..at)
            .map(str::trim_end)
            .is_some_and(|b| b.ends_with("<!--"));
        let rest = source.get(at + "markdownlint-".len()..).unwrap_or("");
        let Some(end) = rest.find("-->") else { break };
        if !opened {
            continue;
        }
        let directive = &rest[..end];
        let (verb, rules) = directive
            .split_once(char::is_whitespace)
            .unwrap_or((directive, ""));
        if !names_heading_increment(rules) {
            continue;
        }
        let after = at + "markdownlint-".len() + end + "-->".len();
        let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = |from: usize| source[from..].find('\n').map_or(source.len(), |i| from + i);
        match verb {
            "disable" => {
                open.get_or_insert(after);
            }
            "enable" => {
                if let Some(from) = open.take() {
                    off.push(from..at);
                }
            }
            "disable-file" => off.push(0..source.len()),
            "disable-line" => off.push(line_start..line_end(at)),
            "disable-next-line" => {
                let next = (line_end(at) + 1).min(source.len());
                off.push(next..line_end(next));
            }
            _ => {}
        }
    }
    if let Some(from) = open {
        off.push(from..source.len());
    }
    off
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn skipped_levels_only_by_default() {
        // A layout that writes the title as `<h2>` (posts start at `###`), and
        // a post that writes its own `<h1>`: neither is a finding unset.
        let src = "---\ntitle: x\n---\n<h3>a</h3><h4>b</h4><h1>c</h1><h2>d</h2><h4>e</h4>\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["<h4>"]);
        assert_eq!(d[0].message, "heading jumps from level 2 to level 4");
        assert_eq!(
            d[0].help.as_deref(),
            Some("make it level 3, or add the level in between")
        );
        let h1_then_h3 = "---\ntitle: x\n---\n<h1>a</h1><h3>b</h3>\n";
        assert_eq!(spans(h1_then_h3, &check(&RULE, h1_then_h3)), ["<h3>"]);
    }

    /// OpenTelemetry's "in focus" posts put their release notes at `#####`
    /// on purpose and tell markdownlint so.
    #[test]
    fn markdownlint_comments_are_the_sites_decision() {
        let src = "---\ntitle: x\n---\n## Releases\n\n<!-- markdownlint-disable heading-increment -->\n\n##### [Specification](/docs/)\n\n##### [Collector](/c/)\n\n<!-- markdownlint-enable heading-increment -->\n\n## Other\n\n#### Skipped\n";
        let d = check_with(&RULE, "_posts/a.md", src, "");
        assert_eq!(spans(src, &d), ["#### Skipped"]);
        let other_rule = src.replace("disable heading-increment", "disable no-duplicate-heading");
        assert_eq!(check_with(&RULE, "_posts/a.md", &other_rule, "").len(), 2);
        let next_line = "---\ntitle: x\n---\n## A\n<!-- markdownlint-disable-next-line MD001 -->\n#### B\n\n## C\n\n#### D\n";
        let d = check_with(&RULE, "_posts/a.md", next_line, "");
        assert_eq!(spans(next_line, &d), ["#### D"]);
        let file = "---\ntitle: x\n---\n<!-- markdownlint-disable-file -->\n## A\n\n#### B\n";
        assert!(check_with(&RULE, "_posts/a.md", file, "").is_empty());
    }

    #[test]
    fn top_level_when_configured() {
        let top2 = "[html]\ntop-heading-level = 2\n";
        let src = "---\ntitle: x\n---\n<h2>a</h2><h3>b</h3><h2>c</h2><h4>d</h4><h1>e</h1>\n";
        let d = check_with(&RULE, "_posts/a.html", src, top2);
        assert_eq!(spans(src, &d), ["<h4>", "<h1>"]);
        assert_eq!(d[1].message, "level-1 heading above the top level 2");
        let first = "---\ntitle: x\n---\n<h3>a</h3>\n";
        assert_eq!(
            check_with(&RULE, "_posts/a.html", first, top2)[0].message,
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
