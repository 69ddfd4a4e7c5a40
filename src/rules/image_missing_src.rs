//! PL303 image-missing-src: an image with no URL, or an empty one.

use crate::diagnostic::Diagnostic;
use crate::resources::{ResourceKind, WrittenIn};
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports an `<img>` without a `src` attribute or with an empty one
    /// (`src=""`, `src=" "`), a Markdown image with an empty destination
    /// (`![Mast]()`), and an empty image key in the front matter
    /// (`feature_image: ""`; the keys are set by `resources.image-keys`).
    ///
    /// ## Why is this bad?
    /// The image shows as broken. An empty `src` also makes some browsers
    /// request the page itself again, and `srcset` alone is not enough for
    /// readers that do not know it.
    ///
    /// ## Example
    /// ```html
    /// <img src="" alt="Een zendmast">
    /// ```
    ///
    /// ## Fix safety
    /// No fix: only the author knows which image was meant.
    ///
    /// ## Options
    /// `resources.image-keys`: the front matter keys that hold image URLs.
    pub static RULE {
        code: "PL303",
        name: "image-missing-src",
        summary: "image without a URL",
        severity: Error,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let _post = ctx.post;
    for (element, tag) in ctx.body().html.tags() {
        if element.foreign || tag.name != "img" {
            continue;
        }
        match tag.attr("src") {
            None => out.push(
                Diagnostic::new(&RULE, tag.span, "`<img>` has no `src` attribute")
                    .with_label("no image URL")
                    .with_help("add `src` with the image's URL"),
            ),
            Some(a) if a.value.as_ref().is_none_or(|v| v.text.trim().is_empty()) => out.push(
                Diagnostic::new(&RULE, a.span, "`<img>` has an empty `src`")
                    .with_label("empty image URL")
                    .with_help("write the image's URL in `src`"),
            ),
            Some(_) => {}
        }
    }
    for r in ctx.resources() {
        if r.kind != ResourceKind::Image || !r.url.trim().is_empty() {
            continue;
        }
        let message = match &r.written_in {
            WrittenIn::FrontMatter { key } => format!("image URL `{key}` is empty"),
            WrittenIn::Markdown => "image has an empty URL".to_string(),
            WrittenIn::Html { .. } => continue,
            WrittenIn::Template { call, argument } => {
                format!("`{argument}` of `{call}` is an empty image URL")
            }
        };
        out.push(
            Diagnostic::new(&RULE, r.context, message)
                .with_label("empty image URL")
                .with_help("write the image's URL, or remove the image"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn html_markdown_and_front_matter() {
        let src = "---\ntitle: x\nfeature_image: \"\"\n---\n<img alt=a>\n<img src=\" \" alt=b>\n<img src=ok.jpg alt=c>\n";
        let d = check(&RULE, src);
        assert_eq!(
            spans(src, &d),
            ["feature_image: \"\"", "<img alt=a>", "src=\" \""]
        );
        let md = "---\ntitle: x\n---\n![Mast]() ![Ok](a.jpg)\n";
        let d = check_with(&RULE, "_posts/a.md", md, "");
        assert_eq!(spans(md, &d), ["![Mast]()"]);
    }
}
