//! Zola's URLs (its content docs): a page at its path below `content/`
//! with each part slugified (`slugify.paths`, `on` by default), a date
//! prefix (`2024-01-02-` or `2024-01-02_`) dropped from the name, a page's
//! `slug` for its last part, its `path` for the whole, `_index.md` at its
//! section's folder, `index.md` (a page with co-located assets) at its
//! folder's name; the path of `base_url` in front.

use serde_json::Value as Json;

use super::{OutputUrl, Page, slug, templated};
use crate::site::Site;

/// The path part of `base_url` (`https://a.org/blog` → `/blog`).
pub fn base_path(site: &Site) -> String {
    let Some(url) = site.raw.get("base_url").and_then(Json::as_str) else {
        return String::new();
    };
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(at) => after_scheme[at..].to_string(),
        None => String::new(),
    }
}

/// The name without a date prefix Zola reads as the page's date.
fn undated(name: &str) -> &str {
    let bytes = name.as_bytes();
    let shaped = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && (bytes[10] == b'-' || bytes[10] == b'_');
    if shaped { &name[11..] } else { name }
}

pub fn url(page: &Page<'_>) -> Option<OutputUrl> {
    let mode = page
        .site
        .raw
        .get("slugify")
        .and_then(|s| s.get("paths"))
        .and_then(Json::as_str)
        .unwrap_or("on")
        .to_string();
    let slugify = |s: &str| -> Option<String> {
        match mode.as_str() {
            "off" => Some(s.to_string()),
            "safe" => Some(slug::zola_safe(s)),
            _ => slug::zola_on(s),
        }
    };
    let base = base_path(page.site);
    if page.extension() != "md" {
        return None;
    }
    let stem = page.stem();
    let mut dirs = page.dirs();
    if stem == "_index" {
        let parts: Option<Vec<String>> = dirs.iter().map(|d| slugify(d)).collect();
        let parts = parts?;
        let path = if parts.is_empty() {
            "/".to_string()
        } else {
            format!("/{}/", parts.join("/"))
        };
        return Some(OutputUrl::new(
            format!("{base}{path}"),
            "a section's folder",
        ));
    }
    if let Some(path) = page.text("path") {
        if templated(&path) {
            return None;
        }
        let why = format!("`path = \"{path}\"` in its front matter");
        let end = if path.ends_with(".html") || path.ends_with(".xml") {
            ""
        } else {
            "/"
        };
        return Some(OutputUrl::new(
            format!("{base}/{}{end}", path.trim_matches('/')),
            why,
        ));
    }
    // A page with assets is a folder with `index.md`: the folder names it.
    let name = if stem == "index" {
        dirs.pop()?
    } else {
        stem.clone()
    };
    let parts: Option<Vec<String>> = dirs.iter().map(|d| slugify(d)).collect();
    let mut parts = parts?;
    let (last, why) = match page.text("slug") {
        Some(s) => (
            slugify(&s)?,
            format!("`slug = \"{s}\"` in its front matter"),
        ),
        None => (
            slugify(undated(&name))?,
            "its path below `content/`".to_string(),
        ),
    };
    parts.push(last);
    Some(OutputUrl::new(format!("{base}/{}/", parts.join("/")), why))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{path_of, site};

    #[test]
    fn pages_sections_and_front_matter() {
        let (_d, s) = site(&[("config.toml", "base_url = \"https://example.com\"\n")]);
        let fm = "+++\ntitle = \"x\"\n+++\n";
        // Zola's content docs: `content/blog/2018-10-10-hello.md` is `/blog/hello/`.
        assert_eq!(
            path_of(&s, "content/blog/2018-10-10-hello.md", fm).as_deref(),
            Some("/blog/hello/")
        );
        assert_eq!(
            path_of(&s, "content/blog/with-assets/index.md", fm).as_deref(),
            Some("/blog/with-assets/")
        );
        assert_eq!(
            path_of(&s, "content/blog/_index.md", fm).as_deref(),
            Some("/blog/")
        );
        assert_eq!(path_of(&s, "content/_index.md", fm).as_deref(), Some("/"));
        assert_eq!(
            path_of(&s, "content/Blog Posts/My Page.md", fm).as_deref(),
            Some("/blog-posts/my-page/")
        );
        let own = "+++\npath = \"2024/05/07/x\"\n+++\n";
        assert_eq!(
            path_of(&s, "content/a/b.md", own).as_deref(),
            Some("/2024/05/07/x/")
        );
        let slug = "+++\nslug = \"other\"\n+++\n";
        assert_eq!(
            path_of(&s, "content/a/b.md", slug).as_deref(),
            Some("/a/other/")
        );
        let (_d, s) = site(&[("config.toml", "base_url = \"https://example.com/inside\"\n")]);
        assert_eq!(
            path_of(&s, "content/a.md", fm).as_deref(),
            Some("/inside/a/")
        );
    }
}
