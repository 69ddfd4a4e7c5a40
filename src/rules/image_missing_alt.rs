//! PL302 image-missing-alt: an image without alternative text.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports an `<img>` without an `alt` attribute, and a Markdown image
    /// with empty alt text (`![](foto.jpg)`). `alt=""` is accepted in HTML: it
    /// marks a decorative image on purpose.
    ///
    /// ## Why is this bad?
    /// Screen readers read the file name instead ("1008x567 dot jpg"), search
    /// engines and feed readers get no description, and a broken image shows
    /// nothing. In Markdown `![](…)` is the only way to write `alt=""`, and it
    /// is nearly always an oversight.
    ///
    /// ## Example
    /// ```html
    /// <img src="/images/mast.jpg">
    /// ```
    /// Write `<img src="/images/mast.jpg" alt="A 5G mast on a rooftop">`, in
    /// the post's own language.
    ///
    /// ## Fix safety
    /// No fix: the description is for the author to write.
    pub static RULE {
        code: "PL302",
        name: "image-missing-alt",
        summary: "image without alt text",
        severity: Warning,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let _post = ctx.post;
    let body = ctx.body();
    for (element, tag) in body.html.tags() {
        if !element.foreign && tag.name == "img" && tag.attr("alt").is_none() {
            out.push(
                Diagnostic::new(&RULE, tag.span, "`<img>` has no `alt` attribute")
                    .with_label("no alt text")
                    .with_help(
                        "describe the image in `alt`, or write `alt=\"\"` if it is decorative",
                    ),
            );
        }
    }
    if let Some(md) = &body.markdown {
        for l in md.links.iter().filter(|l| l.alt_blank) {
            out.push(
                Diagnostic::new(&RULE, l.whole, "image has no alt text")
                    .with_label("no alt text")
                    .with_help(
                        "write what the image shows between the brackets, in the post's language",
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    const FM: &str = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n";

    #[test]
    fn html_images() {
        let src = format!(
            "{FM}<img src=a.jpg>\n<img src=b.jpg alt=\"\">\n<img src=c.jpg alt=\"C\"><svg><image href=x.jpg/></svg>\n"
        );
        let d = check(&RULE, &src);
        assert_eq!(spans(&src, &d), ["<img src=a.jpg>"]);
    }

    #[test]
    fn markdown_images() {
        let src = format!("{FM}![](a.jpg) ![  ](b.jpg) ![B](b.jpg) ![*C*](c.jpg)\n");
        let d = check_with(&RULE, "_posts/a.md", &src, "");
        assert_eq!(spans(&src, &d), ["![](a.jpg)", "![  ](b.jpg)"]);
        // An English (or any) site gets no Dutch example alt text.
        assert_eq!(
            d[0].help.as_deref(),
            Some("write what the image shows between the brackets, in the post's language")
        );
    }
}
