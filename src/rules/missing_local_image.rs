//! PL404 missing-local-image: a local image path with no file under the site root.

use crate::diagnostic::Diagnostic;
use crate::resources::local::{LocalPath, UrlPath, local_path, root_relative, url_path};
use crate::resources::url::{UrlForm, form};
use crate::resources::{Resource, ResourceKind, WrittenIn, post_dir};
use crate::rules::Context;
use crate::site::serve::Served;
use crate::site::urls::OutputUrl;
use crate::site::{Generator, Site};

declare_rule! {
    /// ## What it does
    /// Looks up each image with a site-relative path (`/images/a.jpg`) or a
    /// relative one (`a.jpg`) the way the built site serves it, and reports
    /// one that no file serves. On a generator's site, a relative path starts
    /// at the page's output URL (its permalink, not its source folder), a
    /// site-relative one at the top of the site (after `baseurl`); the URL is
    /// then mapped back to the file that produces it: a static file, a file
    /// copied as it is, a page bundle or asset folder, a passthrough copy.
    /// A URL under a folder whose source is not in the repository (a
    /// submodule, a build step's output) is not reported. Without a generator,
    /// paths start at the site root and the post's folder. A path whose `..`
    /// climbs above the site root is reported and never read. Remote URLs and
    /// URLs holding template code (`{{ … }}`) are not checked here.
    ///
    /// ## Why is this bad?
    /// The image shows as broken on the published site; a path out of the
    /// site root cannot be published at all.
    ///
    /// ## Example
    /// ```html
    /// <img src="/images/2019/zendmast.jpg" alt="Een zendmast">
    /// ```
    /// with no `images/2019/zendmast.jpg` in the site.
    ///
    /// ## Fix safety
    /// No fix: the file may be missing, or the path mistyped.
    ///
    /// ## Options
    /// `site.root`: the folder site-relative paths start in, relative to the
    /// config file's folder (`static` for a Hugo site).
    pub static RULE {
        code: "PL404",
        name: "missing-local-image",
        summary: "local image file does not exist",
        severity: Error,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let resources = ctx.resources();
    if !resources.iter().any(|r| r.kind == ResourceKind::Image) {
        return;
    }
    // A generator's site (or any site with static folders) resolves URLs
    // the way it serves them; a plain site, or stdin, by folders on disk.
    match ctx.settings.site.as_deref() {
        Some(site) if site.generator != Generator::Plain || !site.statics.is_empty() => {
            served(ctx, site, out)
        }
        _ => on_disk(ctx, out),
    }
}

/// Each image path looked up under the site root, relative ones from the
/// post's folder.
fn on_disk(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let root = ctx.settings.site_root();
    let dir = post_dir(&ctx.post.path);
    for r in ctx
        .resources()
        .iter()
        .filter(|r| r.kind == ResourceKind::Image)
    {
        disk_check(ctx, r, &dir, &root, out);
    }
}

fn disk_check(
    ctx: &Context<'_>,
    r: &Resource,
    dir: &std::path::Path,
    root: &std::path::Path,
    out: &mut Vec<Diagnostic>,
) {
    match local_path(&r.url, dir, root) {
        LocalPath::NotLocal => {}
        LocalPath::OutsideRoot => out.push(outside(r)),
        LocalPath::Inside { path, relative } => {
            ctx.mark_read_other_files();
            if !path.is_file() {
                out.push(
                    Diagnostic::new(&RULE, r.span, format!("no file `{relative}` in the site"))
                        .with_label("missing image")
                        .with_help("add the file, or correct the path"),
                );
            }
        }
    }
}

fn outside(r: &Resource) -> Diagnostic {
    Diagnostic::new(&RULE, r.span, "image path leaves the site root")
        .with_label("outside the site")
        .with_help("point to a file inside the site; postlint does not look outside it")
}

/// Each image path placed among the built site's URLs (a relative one
/// from the page's output URL) and mapped back to the file that serves it.
fn served(ctx: &Context<'_>, site: &Site, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    // `site.root` in postlint.toml still says where `/a.png` starts.
    let own_root = ctx.settings.config.site.root != std::path::Path::new(".");
    let page = site.output_url(&post.path, post);
    let dir = post_dir(&post.path);
    for r in ctx
        .resources()
        .iter()
        .filter(|r| r.kind == ResourceKind::Image)
    {
        let absolute = form(r.url.trim()) == UrlForm::SiteRelative;
        if absolute && own_root {
            disk_check(ctx, r, &dir, &ctx.settings.site_root(), out);
            continue;
        }
        // An `<img eleventy:widths=…>` goes through eleventy-img's HTML
        // transform, which reads the file from the input folder (a site
        // path) or beside the template (a relative one) and publishes it.
        if site.generator == Generator::Eleventy
            && matches!(r.written_in, WrittenIn::Html { .. })
            && r.context
                .get(&post.source)
                .is_some_and(|t| t.contains("eleventy:"))
        {
            let input = site.content.first().map(|f| site.root.join(&f.path));
            disk_check(
                ctx,
                r,
                &dir,
                &input.unwrap_or_else(|| site.root.clone()),
                out,
            );
            continue;
        }
        let page_ref = page.as_ref().map(|u| (post.path.as_path(), u));
        let hexo_markdown = !absolute
            && r.written_in == WrittenIn::Markdown
            && site.generator == Generator::Hexo
            && site.hexo_prepends_root();
        let resolved = if hexo_markdown {
            // Hexo's Markdown renderer puts the site's root in front of a
            // relative image path; with `postAsset` a file of the post's
            // asset folder is taken first.
            let asset = site
                .hexo_post_asset()
                .then(|| url_path(&r.url, page.as_ref().map(OutputUrl::folder)))
                .and_then(|u| match u {
                    UrlPath::Path(u) => Some(u),
                    _ => None,
                });
            match asset {
                Some(u) if matches!(site.serve_for(&u, page_ref), Served::File(_)) => continue,
                _ => root_relative(&r.url, &site.base_path()),
            }
        } else {
            url_path(&r.url, page.as_ref().map(OutputUrl::folder))
        };
        let url = match resolved {
            // A relative path on a page whose URL is not known: a plain
            // site's pages sit where their files are; any other is not guessed.
            UrlPath::NotLocal if site.generator == Generator::Plain && !absolute => {
                let root = if own_root {
                    ctx.settings.site_root()
                } else {
                    site.root.clone()
                };
                disk_check(ctx, r, &dir, &root, out);
                continue;
            }
            UrlPath::NotLocal => continue,
            UrlPath::OutsideRoot => {
                out.push(outside(r));
                continue;
            }
            UrlPath::Path(url) => url,
        };
        ctx.mark_read_other_files();
        let Served::Missing { looked } = site.serve_for(&url, page_ref) else {
            continue;
        };
        if !absolute && template_finds_elsewhere(site, r) {
            continue;
        }
        // A template call's argument names the call (`figure`, `include figure.html`).
        let in_call = match &r.written_in {
            WrittenIn::Template { call, argument } => {
                let arg = if argument.is_empty() {
                    String::new()
                } else {
                    format!("`{argument}` of ")
                };
                Some(match &page {
                    Some(u) if !absolute => {
                        format!("{arg}`{call}`, relative to the page's URL `{}`", u.path)
                    }
                    _ => format!("{arg}`{call}`"),
                })
            }
            _ => None,
        };
        let message = match &r.written_in {
            WrittenIn::Template { call, .. } => {
                format!("no file serves image URL `{url}` passed to `{call}`")
            }
            _ => format!("no file serves image URL `{url}`"),
        };
        let label = match (&page, absolute) {
            _ if in_call.is_some() => in_call.unwrap_or_default(),
            _ if hexo_markdown => {
                "Hexo's Markdown renderer puts the site's root in front of a relative path"
                    .to_string()
            }
            (Some(u), false) => format!("relative to the page's URL `{}` ({})", u.path, u.why),
            _ => format!("from the top of the {} site", site.generator.name()),
        };
        let places = looked
            .iter()
            .take(4)
            .map(|p| format!("`{}`", p.to_string_lossy()))
            .collect::<Vec<_>>()
            .join(", ");
        let help = if places.is_empty() {
            "add the file, or correct the path".to_string()
        } else {
            format!("looked for {places}; add the file, or correct the path")
        };
        out.push(
            Diagnostic::new(&RULE, r.span, message)
                .with_label(label)
                .with_help(help),
        );
    }
}

/// Whether a relative path passed to a template call names a file the
/// call may read from elsewhere than the page's folder: what a custom
/// shortcode or include does with it is its own code (hugoDocs' `img`
/// reads Hugo's `assets/` through `resources.Get`; Minimal Mistakes'
/// `figure` include passes `image_path` through `relative_url`, from the
/// top of the site). Hexo's `asset_*` tags name the post's asset folder only.
fn template_finds_elsewhere(site: &Site, r: &Resource) -> bool {
    let WrittenIn::Template { call, .. } = &r.written_in else {
        return false;
    };
    if call.starts_with("asset_") {
        return false;
    }
    if let UrlPath::Path(top) = root_relative(&r.url, &site.base_path())
        && !matches!(site.serve(&top), Served::Missing { .. })
    {
        return true;
    }
    // Hugo's global resources: `assets/` (relative paths only, no `..`).
    let rel = r.url.trim();
    let rel = &rel[..rel.find(['?', '#']).unwrap_or(rel.len())];
    if site.generator != Generator::Hugo || rel.split('/').any(|p| p == "..") {
        return false;
    }
    // A link on the way must stay inside the site.
    let file = site.root.join("assets").join(rel.trim_start_matches('/'));
    match (site.root.canonicalize(), file.canonicalize()) {
        (Ok(root), Ok(real)) => real.starts_with(root) && real.is_file(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn missing_present_and_outside() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        std::fs::create_dir_all(site.join("images")).unwrap();
        std::fs::create_dir_all(site.join("_posts")).unwrap();
        std::fs::write(site.join("images/ok.png"), b"x").unwrap();
        std::fs::write(site.join("_posts/near.png"), b"x").unwrap();
        let src = "---\ntitle: x\nimage: /images/ok.png\n---\n<img src=\"/images/nope.png\" alt=\"\"><img src=\"near.png\" alt=\"\"><img src=\"../../../etc/passwd\" alt=\"\"><img src=\"https://a.nl/x.png\" alt=\"\"><a href=\"/nope.html\">x</a>\n";
        let post = site.join("_posts/a.html");
        let config = format!("[site]\nroot = {:?}\n", site.to_string_lossy());
        let d = check_with(&RULE, post.to_str().unwrap(), src, &config);
        assert_eq!(spans(src, &d), ["/images/nope.png", "../../../etc/passwd"]);
        assert_eq!(d[0].message, "no file `images/nope.png` in the site");
        assert_eq!(d[1].message, "image path leaves the site root");
    }

    /// The findings on `path` (absolute) of a site whose model is `site`.
    fn check_on(
        site: crate::site::Site,
        path: &std::path::Path,
        src: &str,
    ) -> Vec<crate::diagnostic::Diagnostic> {
        check_on_with(site, path, src, "")
    }

    fn check_on_with(
        site: crate::site::Site,
        path: &std::path::Path,
        src: &str,
        config: &str,
    ) -> Vec<crate::diagnostic::Diagnostic> {
        let mut settings = settings(config)
            .with_overrides(&[RULE.code.to_string()], &[])
            .unwrap();
        settings.site = Some(std::sync::Arc::new(site));
        crate::lint::Linter::new(&settings, now())
            .lint(path, src.as_bytes().to_vec())
            .report
            .diagnostics
    }

    #[test]
    fn hexo_markdown_images_start_at_the_root_unless_a_post_asset() {
        // hexo-renderer-marked puts the root in front of a relative Markdown
        // image (`prependRoot`); with `postAsset` the post's asset folder
        // comes first. Raw HTML keeps the browser's page-relative reading.
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(
            root.join("_config.yml"),
            "new_post_name: :year-:month-:day-:title.md
permalink: :year/:title/
post_asset_folder: true
marked:
  postAsset: true
",
        )
        .unwrap();
        std::fs::create_dir_all(root.join("source/images")).unwrap();
        std::fs::create_dir_all(root.join("source/about")).unwrap();
        std::fs::create_dir_all(root.join("source/_posts/2024-02-03-hello")).unwrap();
        std::fs::write(root.join("source/images/logo.png"), b"x").unwrap();
        std::fs::write(root.join("source/_posts/2024-02-03-hello/pic.png"), b"x").unwrap();
        let site = (*crate::site::Sites::default().for_dir(&root.join("source/about"), None, root))
            .clone();
        assert_eq!(site.generator, crate::site::Generator::Hexo);
        let src = "---
title: About
---
![a](images/logo.png) ![b](../images/logo.png) ![c](me.png) <img src=\"images/logo.png\" alt=\"\">
";
        let d = check_on(site.clone(), &root.join("source/about/index.md"), src);
        assert_eq!(spans(src, &d), ["me.png", "images/logo.png"]);
        assert_eq!(d[0].message, "no file serves image URL `/me.png`");
        assert_eq!(
            d[1].message,
            "no file serves image URL `/about/images/logo.png`"
        );
        let src = "---
title: Hello
---
![a](pic.png) ![b](gone.png)
";
        let d = check_on(site, &root.join("source/_posts/2024-02-03-hello.md"), src);
        assert_eq!(spans(src, &d), ["gone.png"]);
        assert_eq!(d[0].message, "no file serves image URL `/gone.png`");
    }

    #[test]
    fn eleventy_glob_passthrough_and_image_transform() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(
            root.join("eleventy.config.js"),
            "export default function (c) {\n  c.addPassthroughCopy(\"src/blog/*.png\");\n  return { dir: { input: \"src\" } };\n}\n",
        )
        .unwrap();
        std::fs::create_dir_all(root.join("src/blog")).unwrap();
        for f in ["a.png", "b.jpg"] {
            std::fs::write(root.join("src/blog").join(f), b"x").unwrap();
        }
        let site =
            (*crate::site::Sites::default().for_dir(&root.join("src/blog"), None, root)).clone();
        assert_eq!(site.generator, crate::site::Generator::Eleventy);
        let src = "---\ntitle: x\n---\n<img src=\"/blog/a.png\" alt=\"\"><img src=\"/blog/b.jpg\" alt=\"\"><img src=\"/blog/b.jpg\" eleventy:widths=\"350\" alt=\"\"><img src=\"/blog/c.jpg\" eleventy:widths=\"350\" alt=\"\">\n";
        let d = check_on(site, &root.join("src/blog/post.md"), src);
        // b.jpg is no passthrough, but the image transform publishes it.
        assert_eq!(spans(src, &d), ["/blog/b.jpg", "/blog/c.jpg"]);
        assert_eq!(d[0].message, "no file serves image URL `/blog/b.jpg`");
        assert_eq!(d[1].message, "no file `blog/c.jpg` in the site");
    }

    #[test]
    fn a_plain_site_with_a_public_folder_serves_it_at_the_top() {
        // As an Astro or Next.js site: `public/` is served at `/`.
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("public/img")).unwrap();
        std::fs::create_dir_all(root.join("pages")).unwrap();
        std::fs::write(root.join("public/img/ok.png"), b"x").unwrap();
        std::fs::write(root.join("pages/near.png"), b"x").unwrap();
        let mut site = (*crate::site::Sites::default().for_dir(root, None, root)).clone();
        assert_eq!(site.generator, crate::site::Generator::Plain);
        site.statics.push(crate::site::Folder {
            path: "public".into(),
            url: Some("/".into()),
        });
        let src = "---\ntitle: x\n---\n<img src=\"/img/ok.png\" alt=\"\"><img src=\"/img/gone.png\" alt=\"\"><img src=\"near.png\" alt=\"\"><img src=\"far.png\" alt=\"\">\n";
        let d = check_on(site, &root.join("pages/a.md"), src);
        assert_eq!(spans(src, &d), ["/img/gone.png", "far.png"]);
        assert_eq!(d[0].message, "no file serves image URL `/img/gone.png`");
        assert_eq!(d[1].message, "no file `pages/far.png` in the site");
    }

    #[test]
    fn site_root_in_the_config_still_says_where_site_paths_start() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("files")).unwrap();
        std::fs::create_dir_all(root.join("content/a")).unwrap();
        std::fs::write(root.join("hugo.toml"), "title = 'x'\n").unwrap();
        std::fs::write(root.join("files/ok.png"), b"x").unwrap();
        let site = (*crate::site::Sites::default().for_dir(root, None, root)).clone();
        assert_eq!(site.generator, crate::site::Generator::Hugo);
        let src =
            "---\ntitle: x\n---\n<img src=\"/ok.png\" alt=\"\"><img src=\"/gone.png\" alt=\"\">\n";
        let config = format!(
            "[site]\nroot = {:?}\n",
            root.join("files").to_string_lossy()
        );
        let d = check_on_with(site, &root.join("content/a/index.md"), src, &config);
        assert_eq!(spans(src, &d), ["/gone.png"]);
        assert_eq!(d[0].message, "no file `gone.png` in the site");
    }
}
