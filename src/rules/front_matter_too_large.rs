//! PL208 front-matter-too-large: the front matter is over the size limit.

use crate::diagnostic::Diagnostic;
use crate::post::FrontMatterError;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports front matter larger than `files.max-front-matter-size` bytes
    /// (64 KiB by default), which is then not parsed.
    ///
    /// ## Why is this bad?
    /// Real front matter is under 4 KiB. A block this size is usually a
    /// missing closing `---` much further down, or generated data that belongs
    /// in a data file; parsing it costs time on every run.
    ///
    /// ## Example
    /// A post whose front matter embeds a 1 MB base64 image.
    ///
    /// ## Fix safety
    /// No fix.
    ///
    /// ## Options
    /// `files.max-front-matter-size`.
    pub static RULE {
        code: "PL208",
        name: "front-matter-too-large",
        summary: "front matter is over the size limit",
        severity: Error,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let (Some(fm), Some(split)) = (&post.front_matter, &post.split) else {
        return;
    };
    if let Some(FrontMatterError::TooLarge { size, limit }) = &fm.error {
        out.push(
            Diagnostic::new(
                &RULE,
                split.open,
                format!("front matter is {size} bytes, over the limit of {limit} bytes"),
            )
            .with_label("front matter starts here")
            .with_help(
                "move large data out of the front matter, or raise `files.max-front-matter-size`",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn over_the_limit() {
        let src = format!("---\ntitle: \"{}\"\n---\n", "x".repeat(300));
        let d = check_with(
            &RULE,
            "_posts/a.html",
            &src,
            "[files]\nmax-front-matter-size = 100\n",
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("over the limit of 100 bytes"));
        assert!(check(&RULE, &src).is_empty());
    }
}
