//! Where a site-relative or relative image path lies on disk, worked out
//! lexically so that a `..` that leaves the site root is caught before any read.

use std::path::{Component, Path, PathBuf};

use super::url::{UrlForm, form};

/// The file an image URL names on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalPath {
    /// Inside the site root: the full path and the path relative to the root.
    Inside { path: PathBuf, relative: String },
    /// A `..` climbs above the site root: never read.
    OutsideRoot,
    /// Not a local file: a remote, templated or empty URL, or a relative path
    /// of a post that lies outside the site root.
    NotLocal,
}

/// `%20` and friends decoded; a sequence that is not UTF-8 stays as written.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(h) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(h, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// The folders of `dir` below `root`, or `None` when `dir` is not inside it.
fn segments_below(dir: &Path, root: &Path) -> Option<Vec<String>> {
    let rel = dir.strip_prefix(root).ok()?;
    rel.components()
        .map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::CurDir => Some(String::new()),
            _ => None,
        })
        .filter(|s| s.as_ref().is_none_or(|s| !s.is_empty()))
        .collect()
}

/// Follows the path of `url` (query and fragment left out, `%20` decoded)
/// from `segments`. A `..` above the top stays there when `clamp` (as a
/// browser reads `/../a.png`); otherwise it returns `false`.
fn walk(segments: &mut Vec<String>, url: &str, clamp: bool) -> bool {
    let path = &url[..url.find(['?', '#']).unwrap_or(url.len())];
    for seg in percent_decode(path).split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                if segments.pop().is_none() && !clamp {
                    return false;
                }
            }
            s => segments.push(s.to_string()),
        }
    }
    true
}

/// Resolves `url` for a post in `post_dir` on a site rooted at `root` (both
/// absolute). Site-relative paths start at the root; relative ones at the post's folder.
pub fn local_path(url: &str, post_dir: &Path, root: &Path) -> LocalPath {
    let url = url.trim();
    let mut segments = match form(url) {
        UrlForm::SiteRelative => Vec::new(),
        UrlForm::Relative => match segments_below(post_dir, root) {
            Some(s) => s,
            None => return LocalPath::NotLocal,
        },
        _ => return LocalPath::NotLocal,
    };
    if !walk(&mut segments, url, false) {
        return LocalPath::OutsideRoot;
    }
    if segments.is_empty() {
        return LocalPath::NotLocal;
    }
    let mut full = root.to_path_buf();
    for s in &segments {
        full.push(s);
    }
    LocalPath::Inside {
        path: full,
        relative: segments.join("/"),
    }
}

/// An image URL placed among the URLs of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlPath {
    /// The URL path it names (`/blog/a/x.png`), decoded, without query or fragment.
    Path(String),
    /// A `..` climbs above the site's top folder.
    OutsideRoot,
    /// Remote, templated or empty; or relative on a page whose URL is not known.
    NotLocal,
}

/// Resolves `url` as a browser does on a page published in the URL folder
/// `page_folder` (`/blog/a/`): a site-absolute path from the top, a
/// relative one from that folder.
pub fn url_path(url: &str, page_folder: Option<&str>) -> UrlPath {
    let url = url.trim();
    let mut segments: Vec<String> = match (form(url), page_folder) {
        (UrlForm::SiteRelative, _) => Vec::new(),
        (UrlForm::Relative, Some(folder)) => folder
            .split('/')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        _ => return UrlPath::NotLocal,
    };
    if !walk(&mut segments, url, false) {
        return UrlPath::OutsideRoot;
    }
    if segments.is_empty() {
        return UrlPath::NotLocal;
    }
    UrlPath::Path(format!("/{}", segments.join("/")))
}

/// A relative `url` that a renderer turns into a root-relative one by
/// putting `root` (`/`, `/blog/`) in front, as Hexo's Markdown renderer
/// does: `pic.png` is `/pic.png`. A `..` above the top stays at the top, as
/// a browser reads `/../pic.png`.
pub fn root_relative(url: &str, root: &str) -> UrlPath {
    let url = url.trim();
    if form(url) != UrlForm::Relative {
        return url_path(url, None);
    }
    let mut segments: Vec<String> = root
        .split('/')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    walk(&mut segments, url, true);
    if segments.is_empty() {
        return UrlPath::NotLocal;
    }
    UrlPath::Path(format!("/{}", segments.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hexo_prepends_the_root_to_relative_paths() {
        assert_eq!(
            root_relative("images/a.png", "/"),
            UrlPath::Path("/images/a.png".into())
        );
        assert_eq!(
            root_relative("../images/a.png", "/blog/"),
            UrlPath::Path("/images/a.png".into())
        );
        assert_eq!(
            root_relative("../../a.png", "/"),
            UrlPath::Path("/a.png".into())
        );
        assert_eq!(
            root_relative("/b.png", "/blog/"),
            UrlPath::Path("/b.png".into())
        );
        assert_eq!(root_relative("https://a.nl/x.png", "/"), UrlPath::NotLocal);
    }

    #[test]
    fn urls_resolve_against_the_page_url() {
        let page = Some("/blog/a-post/");
        assert_eq!(
            url_path("./x%20y.png?v=1", page),
            UrlPath::Path("/blog/a-post/x y.png".into())
        );
        assert_eq!(
            url_path("../../img/x.svg", page),
            UrlPath::Path("/img/x.svg".into())
        );
        assert_eq!(
            url_path("/img/x.svg", None),
            UrlPath::Path("/img/x.svg".into())
        );
        assert_eq!(url_path("../../../x.png", page), UrlPath::OutsideRoot);
        assert_eq!(url_path("x.png", None), UrlPath::NotLocal);
        assert_eq!(url_path("https://a.nl/x.png", page), UrlPath::NotLocal);
    }

    #[test]
    fn paths_stay_inside_the_root() {
        let root = Path::new("/site");
        let post = Path::new("/site/content/posts/a");
        let inside = |u: &str| match local_path(u, post, root) {
            LocalPath::Inside { relative, .. } => relative,
            other => panic!("{u}: {other:?}"),
        };
        assert_eq!(inside("/images/a%20b.jpg?v=1"), "images/a b.jpg");
        assert_eq!(inside("pic.png"), "content/posts/a/pic.png");
        assert_eq!(inside("../../../x.png"), "x.png");
        assert_eq!(
            local_path("../../../../x.png", post, root),
            LocalPath::OutsideRoot
        );
        assert_eq!(
            local_path("/../etc/passwd", post, root),
            LocalPath::OutsideRoot
        );
        assert_eq!(
            local_path("https://a.nl/x.png", post, root),
            LocalPath::NotLocal
        );
        assert_eq!(
            local_path("x.png", Path::new("/elsewhere"), root),
            LocalPath::NotLocal
        );
        assert_eq!(
            local_path("{{ site.url }}/x.png", post, root),
            LocalPath::NotLocal
        );
    }
}
