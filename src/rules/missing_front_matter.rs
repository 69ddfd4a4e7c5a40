//! PL200 missing-front-matter: a post without front matter, or with one that
//! is never closed.

use crate::config::RequireFrontMatter;
use crate::diagnostic::Diagnostic;
use crate::rules::Context;
use crate::site::Generator;

declare_rule! {
    /// ## What it does
    /// Reports a post that does not start with a front matter block (`---` for
    /// YAML, `+++` for TOML), and a front matter block whose closing line is
    /// missing.
    ///
    /// ## Why is this bad?
    /// Without front matter a generator does not treat the file as a post: it
    /// is copied as is, or skipped. An unclosed block swallows the whole body.
    ///
    /// ## Example
    /// ```text
    /// ---
    /// title: Huisarrest
    /// <p>Sindsdien heeft Meng huisarrest.</p>
    /// ```
    ///
    /// ## Fix safety
    /// No fix: where the front matter ends is for the author to say.
    ///
    /// ## Options
    /// `files.require-front-matter` (`posts-folders`, `always`, `never`) and
    /// `files.posts-folders` say which files must have front matter; others
    /// without it are skipped. Hugo content needs none (`[site] generator`,
    /// found from its config when unset): a Hugo page without front matter
    /// is checked as it is, never reported for it.
    ///
    /// On a Pelican site the front matter is Pelican's metadata: `Key:
    /// value` lines up to a blank line in Markdown, `:key: value` fields
    /// after the title in reST, the `<head>` (`<title>`, `<meta>`) in HTML.
    pub static RULE {
        code: "PL200",
        name: "missing-front-matter",
        summary: "post has no front matter, or it is never closed",
        severity: Error,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    match &post.split {
        None => {
            if ctx.settings.requires_front_matter(&post.path) && !front_matter_optional(ctx) {
                let start = post.body.start;
                let first_line = post.source[start..]
                    .find('\n')
                    .map_or(post.source.len(), |i| start + i);
                let (label, help) = expected(ctx);
                out.push(
                    Diagnostic::new(&RULE, start..first_line, "post has no front matter")
                        .with_label(label)
                        .with_help(help),
                );
            }
        }
        Some(split) if split.close.is_none() => {
            let delim = &post.source[split.open];
            let delim = delim.trim_end();
            out.push(
                Diagnostic::new(&RULE, split.open, "front matter is never closed")
                    .with_label("opened here")
                    .with_help(format!(
                        "add a `{delim}` line after the last front matter key"
                    )),
            );
        }
        Some(_) => {}
    }
}

/// What the site's generator reads as front matter, and how to add it.
fn expected(ctx: &Context<'_>) -> (&'static str, &'static str) {
    let rst = ctx.post.path.extension().is_some_and(|e| e == "rst");
    let html = ctx.post.format == crate::post::BodyFormat::Html && !rst;
    match ctx.settings.config.site.generator {
        Some(crate::site::Generator::Pelican) if rst => (
            "expected `:date:` fields after the title",
            "add `:date:` and the other metadata fields after the title, as Pelican reads them",
        ),
        Some(crate::site::Generator::Pelican) if html => (
            "expected a `<head>` with the metadata",
            "add a `<head>` with a `<title>` and `<meta name=\"date\" content=\"…\">`, as Pelican reads them",
        ),
        Some(crate::site::Generator::Pelican) => (
            "expected `Title: …` metadata on the first line",
            "start the file with `Title: …` and `Date: …` lines and a blank line, as Pelican reads them",
        ),
        _ => (
            "expected `---` on the first line",
            "start the file with a `---` line, the front matter keys, and another `---` line",
        ),
    }
}

/// Whether the site's generator renders a content file without front
/// matter as a page all the same: Hugo does (its title then comes from
/// the file name, or from nothing), so its absence is no finding there
/// unless the config asks for front matter in every file.
fn front_matter_optional(ctx: &Context<'_>) -> bool {
    ctx.settings.config.files.require_front_matter == RequireFrontMatter::PostsFolders
        && ctx.settings.config.site.generator == Some(Generator::Hugo)
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn missing_in_posts_folder_skipped_elsewhere() {
        let src = "<p>geen front matter</p>\n";
        let d = check(&RULE, src);
        assert_eq!(d[0].message, "post has no front matter");
        assert_eq!(spans(src, &d), ["<p>geen front matter</p>"]);
        assert!(check_with(&RULE, "about.html", src, "").is_empty());
        assert_eq!(
            check_with(
                &RULE,
                "about.html",
                src,
                "[files]\nrequire-front-matter = \"always\"\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn unterminated_yaml_and_toml() {
        let d = check(&RULE, "---\ntitle: x\n<p>body</p>\n");
        assert_eq!(d[0].message, "front matter is never closed");
        assert_eq!(d[0].range, 0..3);
        let d = check(&RULE, "+++\ntitle = \"x\"\n");
        assert!(d[0].help.as_deref().unwrap().contains("`+++`"));
        assert!(check(&RULE, "---\ntitle: x\n---\n").is_empty());
    }

    #[test]
    fn hugo_content_needs_no_front_matter() {
        let src = "Just a snippet.\n";
        let hugo = "[site]\ngenerator = \"hugo\"\n";
        assert!(check_with(&RULE, "content/en/_common/a.md", src, hugo).is_empty());
        // An unclosed block is still one.
        let d = check_with(&RULE, "content/a.md", "---\ntitle: x\n", hugo);
        assert_eq!(d[0].message, "front matter is never closed");
        // Asked for everywhere, it is asked for in Hugo content too.
        let always = format!("{hugo}[files]\nrequire-front-matter = \"always\"\n");
        assert_eq!(check_with(&RULE, "content/a.md", src, &always).len(), 1);
    }
}
