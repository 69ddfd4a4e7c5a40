//! PL202 missing-required-key: a key the site's schema requires is absent.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports each key of `front-matter.required` (default `title` and
    /// `date`) that the front matter of a post does not have; for pages
    /// (files with front matter outside the posts folders, such as `about.md`)
    /// the keys of `front-matter.page-required` (default none).
    ///
    /// ## Why is this bad?
    /// Layouts print the title and sort posts by date; without them a post
    /// shows an empty heading or lands at the wrong place in the archive.
    ///
    /// ## Example
    /// ```text
    /// ---
    /// layout: post
    /// date: Tue, 14 May 2019 17:01:53 +0200
    /// ---
    /// ```
    ///
    /// ## Fix safety
    /// No fix: only the author knows the value.
    ///
    /// ## Options
    /// `front-matter.required`, `front-matter.page-required`,
    /// `files.posts-folders`.
    pub static RULE {
        code: "PL202",
        name: "missing-required-key",
        summary: "front matter lacks a required key",
        severity: Error,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let (Some(mapping), Some(split)) = (post.mapping(), &post.split) else {
        return;
    };
    let fm = &ctx.settings.config.front_matter;
    let required = if ctx.settings.is_post(&post.path) {
        &fm.required
    } else {
        &fm.page_required
    };
    for key in required {
        if mapping.get(key.as_str()).is_none() {
            out.push(
                Diagnostic::new(&RULE, split.open, format!("missing required key `{key}`"))
                    .with_label("in this front matter")
                    .with_help(format!("add a `{key}:` line to the front matter")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn each_missing_key() {
        let src = "---\nlayout: post\n---\n";
        let d = check(&RULE, src);
        let messages: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "missing required key `title`",
                "missing required key `date`"
            ]
        );
        let d = check_with(
            &RULE,
            "_posts/a.html",
            src,
            "[front-matter]\nrequired = [\"layout\"]\n",
        );
        assert!(d.is_empty());
    }
}
