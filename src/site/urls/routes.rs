//! File-based routes: Astro's `src/pages`, Next.js's `pages` and `app`,
//! Docusaurus's docs, blog and pages. A file's path is its URL; a dynamic
//! segment (`[slug]`) or a content collection, whose routes live in code,
//! is not known here.

use super::date::Ymd;
use super::{OutputUrl, Page};

/// The folders and stem of a route file, `index` dropped; `None` when a
/// part is dynamic (`[slug]`, `[...rest]`).
fn route_parts(page: &Page<'_>, stem: &str) -> Option<Vec<String>> {
    let mut parts = page.dirs();
    if stem != "index" {
        parts.push(stem.to_string());
    }
    if parts.iter().any(|p| p.contains('[')) {
        return None;
    }
    Some(parts)
}

fn joined(parts: &[String], trailing: bool) -> String {
    if parts.is_empty() {
        return "/".to_string();
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing {
        out.push('/');
    }
    out
}

/// Astro: a Markdown page in `src/pages` is served at its path, as a folder
/// (`build.format: 'directory'`, the default). Collection entries have the
/// URLs their route files give them: unknown.
pub fn astro(page: &Page<'_>) -> Option<OutputUrl> {
    if page.folder.path != std::path::Path::new("src/pages") {
        return None;
    }
    let parts = route_parts(page, &page.stem())?;
    Some(OutputUrl::new(
        joined(&parts, true),
        "its path below `src/pages`",
    ))
}

/// Next.js: `pages/a/b.mdx` is `/a/b`; in `app/`, a folder's `page.mdx` is
/// the folder's route, route groups `(name)` leave no trace, and any other
/// file is no route.
pub fn next(page: &Page<'_>) -> Option<OutputUrl> {
    let folder = page.folder.path.to_string_lossy();
    let app = folder == "app" || folder == "src/app";
    if app {
        if page.stem() != "page" {
            return None;
        }
        let mut parts = route_parts(page, "index")?;
        parts.retain(|p| !(p.starts_with('(') && p.ends_with(')')));
        return Some(OutputUrl::new(
            joined(&parts, false),
            "its folder below `app`",
        ));
    }
    let parts = route_parts(page, &page.stem())?;
    Some(OutputUrl::new(
        joined(&parts, false),
        format!("its path below `{folder}`"),
    ))
}

/// A Docusaurus docs or pages file name without a number prefix
/// (`01-intro` is `intro`), as its docs plugin strips them by default.
fn without_number_prefix(name: &str) -> &str {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    match name.get(digits..) {
        Some(rest) if digits > 0 => rest
            .strip_prefix('-')
            .or_else(|| rest.strip_prefix('_'))
            .or_else(|| rest.strip_prefix(". "))
            .unwrap_or(name),
        _ => name,
    }
}

/// Docusaurus: docs at `/docs/<path>` (a `slug` or `id` in the front
/// matter wins), blog posts at `/blog/YYYY/MM/DD/<name>` (or `/blog/<slug>`),
/// `src/pages` at its path. Plugin paths other than the defaults are unknown.
pub fn docusaurus(page: &Page<'_>) -> Option<OutputUrl> {
    let folder = page.folder.path.to_string_lossy().into_owned();
    match folder.as_str() {
        "docs" => {
            let dirs: Vec<String> = page
                .dirs()
                .iter()
                .map(|d| without_number_prefix(d).to_string())
                .collect();
            if let Some(slug) = page.text("slug") {
                let path = if slug.starts_with('/') {
                    format!("/docs{slug}")
                } else {
                    format!("/docs/{}/{slug}", dirs.join("/"))
                };
                return Some(OutputUrl::new(
                    path,
                    format!("slug `{slug}` in its front matter"),
                ));
            }
            let stem = page.stem();
            let name = page
                .text("id")
                .unwrap_or_else(|| without_number_prefix(&stem).to_string());
            let mut parts = dirs;
            let last_dir = parts.last().cloned();
            let index = ["index", "README", "readme"].contains(&name.as_str())
                || last_dir.as_deref() == Some(name.as_str());
            if !index {
                parts.push(name);
            }
            if parts.iter().any(|p| p.contains('[')) {
                return None;
            }
            let mut path = String::from("/docs");
            for p in &parts {
                path.push('/');
                path.push_str(p);
            }
            if parts.is_empty() {
                path.push('/');
            }
            Some(OutputUrl::new(path, "its path below `docs`"))
        }
        "blog" => {
            if let Some(slug) = page.text("slug") {
                let slug = slug.trim_start_matches('/');
                return Some(OutputUrl::new(
                    format!("/blog/{slug}"),
                    format!("slug `{slug}` in its front matter"),
                ));
            }
            let stem = page.stem();
            // `2021-08-26-welcome.md` or `2021-08-26-welcome/index.md`.
            let name = if stem == "index" {
                page.dirs().last().cloned()?
            } else {
                stem
            };
            let date = Ymd::parse(name.get(..10)?)?;
            let rest = name.get(11..).filter(|r| !r.is_empty())?;
            Some(OutputUrl::new(
                format!(
                    "/blog/{}/{:02}/{:02}/{rest}",
                    date.year, date.month, date.day
                ),
                "its date and name below `blog`",
            ))
        }
        "src/pages" => {
            let parts = route_parts(page, &page.stem())?;
            Some(OutputUrl::new(
                joined(&parts, false),
                "its path below `src/pages`",
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{path_of, site};

    #[test]
    fn astro_pages_and_collections() {
        let (_d, s) = site(&[("astro.config.mjs", "export default {};\n")]);
        let fm = "---\ntitle: x\n---\n";
        assert_eq!(
            path_of(&s, "src/pages/about.md", fm).as_deref(),
            Some("/about/")
        );
        assert_eq!(
            path_of(&s, "src/pages/docs/index.md", fm).as_deref(),
            Some("/docs/")
        );
        assert_eq!(path_of(&s, "src/pages/[slug].md", fm), None);
        assert_eq!(path_of(&s, "src/content/posts/a.md", fm), None);
    }

    #[test]
    fn next_pages_and_app_routes() {
        let (_d, s) = site(&[("next.config.js", "module.exports = {};\n")]);
        let fm = "---\ntitle: x\n---\n";
        assert_eq!(
            path_of(&s, "pages/blog/hi.mdx", fm).as_deref(),
            Some("/blog/hi")
        );
        assert_eq!(
            path_of(&s, "app/(site)/about/page.mdx", fm).as_deref(),
            Some("/about")
        );
        assert_eq!(path_of(&s, "app/about/notes.mdx", fm), None);
    }

    #[test]
    fn docusaurus_docs_blog_and_pages() {
        let (_d, s) = site(&[("docusaurus.config.js", "export default {};\n")]);
        let fm = "---\ntitle: x\n---\n";
        // Docusaurus' docs: `docs/01-guides/02-install.md` → `/docs/guides/install`.
        assert_eq!(
            path_of(&s, "docs/01-guides/02-install.md", fm).as_deref(),
            Some("/docs/guides/install")
        );
        assert_eq!(
            path_of(&s, "docs/guides/a.md", "---\nslug: /start\n---\n").as_deref(),
            Some("/docs/start")
        );
        assert_eq!(
            path_of(&s, "blog/2021-08-26-welcome.md", fm).as_deref(),
            Some("/blog/2021/08/26/welcome")
        );
        assert_eq!(
            path_of(&s, "blog/2021-08-26-welcome/index.md", fm).as_deref(),
            Some("/blog/2021/08/26/welcome")
        );
        assert_eq!(
            path_of(&s, "src/pages/help.md", fm).as_deref(),
            Some("/help")
        );
    }
}
