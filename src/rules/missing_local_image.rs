//! PL404 missing-local-image: a local image path with no file under the site root.

use crate::diagnostic::Diagnostic;
use crate::resources::local::{LocalPath, local_path};
use crate::resources::{ResourceKind, post_dir};
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Looks up each image with a site-relative path (`/images/a.jpg`, from
    /// the site root) or a relative one (`a.jpg`, from the post's folder, as
    /// in Hugo page bundles) and reports one that names no file. A path whose
    /// `..` climbs above the site root is reported and never read. Remote
    /// URLs and URLs holding template code (`{{ … }}`) are not checked here.
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
    let post = ctx.post;
    let resources = ctx.resources();
    if !resources.iter().any(|r| r.kind == ResourceKind::Image) {
        return;
    }
    let root = ctx.settings.site_root();
    let dir = post_dir(&post.path);
    for r in resources.iter().filter(|r| r.kind == ResourceKind::Image) {
        match local_path(&r.url, &dir, &root) {
            LocalPath::NotLocal => {}
            LocalPath::OutsideRoot => out.push(
                Diagnostic::new(&RULE, r.span, "image path leaves the site root")
                    .with_label("outside the site")
                    .with_help(
                        "point to a file inside the site; postlint does not look outside it",
                    ),
            ),
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
}
