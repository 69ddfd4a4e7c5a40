//! PL306 disallowed-element: an element the site does not allow in posts.

use std::borrow::Cow;

use crate::config::STRICT_DISALLOWED_ELEMENTS;
use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports each start tag of an element the site's embed policy does not
    /// allow, in HTML bodies and in the HTML inside Markdown of posts (pages
    /// such as `404.html` bring their own).
    ///
    /// Off until the site states a policy: YouTube frames, tweet scripts and
    /// chart embeds are deliberate on most sites (the real-site panel had 103
    /// such embeds and no unwanted one). It runs when the config lists the
    /// elements, or when the rule is selected by name, which applies the
    /// strict policy (`script`, `iframe`, `object`, `embed`, `style`).
    ///
    /// ## Why is this bad?
    /// On a site that keeps posts to content, scripts, embedded frames and
    /// plug-ins run with the site's privileges, break its content security
    /// policy, track readers, and vanish from feeds. Inline styles fight the
    /// theme.
    ///
    /// ## Example
    /// ```html
    /// <iframe src="https://www.youtube.com/embed/xyz"></iframe>
    /// ```
    ///
    /// ## Fix safety
    /// No fix: removing an embed changes the post.
    ///
    /// ## Options
    /// `html.disallowed-elements`: the element names (lower case); setting it
    /// turns the rule on, `[]` allows all. The strict policy in one line:
    /// ```toml
    /// [rules.severity]
    /// disallowed-element = "error"
    /// ```
    /// or `html.disallowed-elements = ["script", "iframe", "object", "embed", "style"]`.
    pub static RULE {
        code: "PL306",
        name: "disallowed-element",
        summary: "element not allowed in posts",
        severity: Error,
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
    let disallowed: Cow<'_, [String]> = match &ctx.settings.config.html.disallowed_elements {
        Some(list) => Cow::Borrowed(list),
        None if ctx.settings.names_rule(&RULE) => {
            Cow::Owned(STRICT_DISALLOWED_ELEMENTS.map(String::from).to_vec())
        }
        None => return,
    };
    if disallowed.is_empty() {
        return;
    }
    for (_, tag) in ctx.body().html.tags() {
        if disallowed.iter().any(|d| d.eq_ignore_ascii_case(&tag.name)) {
            out.push(
                Diagnostic::new(
                    &RULE,
                    tag.span,
                    format!("`<{}>` is not allowed in posts", tag.name),
                )
                .with_label("disallowed element")
                .with_help(format!(
                    "remove it, or take `{}` out of `html.disallowed-elements`",
                    tag.name
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::RULE;
    use crate::rules::testing::*;

    const SRC: &str =
        "---\ntitle: x\n---\n<SCRIPT src=a.js></SCRIPT>\n<iframe src=\"x\"></iframe><p>ok</p>\n";

    /// The findings of PL306 under `config` as written, without selecting the
    /// rule by name as `check_with` does.
    fn as_configured(config: &str) -> usize {
        let settings = settings(config);
        crate::lint::Linter::new(&settings, now())
            .lint(Path::new("_posts/a.html"), SRC.as_bytes().to_vec())
            .report
            .diagnostics
            .iter()
            .filter(|d| d.rule.code == RULE.code)
            .count()
    }

    #[test]
    fn off_until_the_site_states_a_policy() {
        // A YouTube frame and a tweet script are a site's own choice.
        assert_eq!(as_configured(""), 0);
        assert_eq!(as_configured("[rules]\nselect = [\"PL3\"]\n"), 0);
        // One line turns on the strict policy, by code or by name.
        let strict = "[rules.severity]\ndisallowed-element = \"error\"\n";
        assert_eq!(as_configured(strict), 2);
        assert_eq!(as_configured("[rules.severity]\nPL306 = \"warning\"\n"), 2);
        assert_eq!(as_configured("[rules.severity]\nPL306 = \"off\"\n"), 0);
        // A listed policy (what `postlint init` writes) turns it on too.
        assert_eq!(
            as_configured("[html]\ndisallowed-elements = [\"iframe\"]\n"),
            1
        );
        assert_eq!(as_configured("[html]\ndisallowed-elements = []\n"), 0);
    }

    #[test]
    fn strict_list_when_selected() {
        let d = check(&RULE, SRC);
        assert_eq!(spans(SRC, &d), ["<SCRIPT src=a.js>", "<iframe src=\"x\">"]);
        assert_eq!(d[0].message, "`<script>` is not allowed in posts");
    }

    #[test]
    fn configured_list() {
        let d = check_with(
            &RULE,
            "_posts/a.html",
            SRC,
            "[html]\ndisallowed-elements = [\"p\"]\n",
        );
        assert_eq!(spans(SRC, &d), ["<p>"]);
        let md = "---\ntitle: x\n---\nTekst <script>x</script>\n\n`<script>`\n";
        assert_eq!(check_with(&RULE, "_posts/a.md", md, "").len(), 1);
    }
}
