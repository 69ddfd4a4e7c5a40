//! PL309 duplicate-id: the same `id` twice in one post.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports an `id` attribute value (or a Markdown heading id, `{#id}`)
    /// that an earlier element of the same post already has.
    ///
    /// ## Why is this bad?
    /// Links to `#id` reach only the first element, labels and ARIA
    /// references point at the wrong one, and scripts that look the id up
    /// find one of the two.
    ///
    /// ## Example
    /// ```html
    /// <h2 id="reactie">Reactie</h2>
    /// <p id="reactie">…</p>
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which one to rename, and what links to it, is for the author.
    pub static RULE {
        code: "PL309",
        name: "duplicate-id",
        summary: "same id twice",
        severity: Error,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<String, crate::span::Span> = HashMap::new();
    for (id, span) in ctx.body().ids() {
        match first.get(&id) {
            Some(earlier) => out.push(
                Diagnostic::new(&RULE, span, format!("duplicate id `{id}`"))
                    .with_label("used again here")
                    .with_secondary(*earlier, "first used here")
                    .with_help(format!(
                        "give each element its own id: links to `#{id}` reach only the first"
                    )),
            ),
            None => {
                first.insert(id, span);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn second_id_points_at_the_first() {
        let src = "---\ntitle: x\n---\n<h2 id=\"a\">A</h2><p id=a>x</p><p id=\"A\">case differs</p><p id=\"\"></p><p id=\"\">\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["a"]);
        assert_eq!(d[0].range.start, src.find("id=a").unwrap() + 3);
        assert_eq!(&src[d[0].labels[0].range], "a");
        let md = "---\ntitle: x\n---\n## Een {#een}\n\n<p id=\"een\">x</p>\n";
        assert_eq!(check_with(&RULE, "_posts/a.md", md, "").len(), 1);
    }

    /// One branch of a conditional is output: the same id in each is one id.
    #[test]
    fn ids_in_other_branches_are_not_duplicates() {
        let src = "---\ntitle: x\n---\n{% if page.lang == \"nl\" %}\n<h2 id=\"intro\">Inleiding</h2>\n{% elsif page.lang == \"de\" %}\n<h2 id=\"intro\">Einleitung</h2>\n{% else %}\n<h2 id=\"intro\">Intro</h2>\n{% endif %}\n<p id=\"intro\">again</p>\n";
        let d = check_with(
            &RULE,
            "_posts/a.md",
            src,
            "[site]\ngenerator = \"jekyll\"\n",
        );
        assert_eq!(spans(src, &d), ["intro"]);
        assert_eq!(d[0].range.start, src.find("p id=").unwrap() + 6);
    }
}
