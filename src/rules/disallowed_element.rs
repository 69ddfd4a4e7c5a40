//! PL306 disallowed-element: an element the site does not allow in posts.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports each start tag of an element listed in
    /// `html.disallowed-elements` (by default `script`, `iframe`, `object`,
    /// `embed` and `style`), in HTML bodies and in the HTML inside Markdown of
    /// posts (pages such as `404.html` bring their own).
    ///
    /// ## Why is this bad?
    /// Posts are content; scripts, embedded frames and plug-ins in them run
    /// with the site's privileges, break the site's content security policy,
    /// track readers, and vanish from feeds. Inline styles fight the theme.
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
    /// `html.disallowed-elements`: the element names (lower case); `[]` allows all.
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
    let disallowed = &ctx.settings.config.html.disallowed_elements;
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
    use super::RULE;
    use crate::rules::testing::*;

    const SRC: &str =
        "---\ntitle: x\n---\n<SCRIPT src=a.js></SCRIPT>\n<iframe src=\"x\"></iframe><p>ok</p>\n";

    #[test]
    fn default_list() {
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
