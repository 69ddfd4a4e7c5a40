//! The URL each content file is published at, worked out the way its
//! generator does (permalink styles and templates, sections, bundles, slugs,
//! `baseurl`), one file per generator. A URL postlint cannot know for sure
//! (template code in a permalink, a placeholder it does not know, a date it
//! cannot read) is `None`, never a guess: the resource rules then fall back.

mod date;
mod eleventy;
mod hexo;
mod hugo;
mod index;
mod jekyll;
mod pelican;
mod routes;
mod slug;
mod zola;

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_yaml::Value;

use super::{Folder, Generator, Role, Site, lexical};
use crate::post::Post;

pub(crate) use date::Ymd;
pub(crate) use eleventy::{Passthrough, passthrough};
pub(crate) use hugo::{HugoLayout, hugo_layout};
pub(crate) use index::unpublished;
pub use index::{PageIndex, shape, variants};
pub(crate) use zola::base_path as zola_base_path;

/// Where a content file is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutputUrl {
    /// The URL path, `baseurl` included, not percent-encoded: `/blog/a-post/`.
    pub path: String,
    /// Why it is this URL, for messages: "permalink `/:categories/:title/`".
    pub why: String,
}

impl OutputUrl {
    fn new(path: String, why: impl Into<String>) -> OutputUrl {
        OutputUrl {
            path: tidy(&path),
            why: why.into(),
        }
    }

    /// The folder a relative URL on this page starts from: the path up to
    /// its last `/` (`/blog/a/` for `/blog/a/`, `/2024/` for `/2024/a.html`).
    pub fn folder(&self) -> &str {
        match self.path.rfind('/') {
            Some(at) => &self.path[..=at],
            None => "/",
        }
    }
}

/// `/` first, no `//`, no `.` or `..` parts (Jekyll's `sanitize_url` and
/// the same for every generator: a permalink cannot leave the site).
fn tidy(path: &str) -> String {
    let mut out = String::from("/");
    for part in path.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            continue;
        }
        out.push_str(part);
        out.push('/');
    }
    if !path.ends_with('/') && out.len() > 1 {
        out.pop();
    }
    out
}

/// A content file as the URL rules see it.
pub(crate) struct Page<'a> {
    pub site: &'a Site,
    pub post: &'a Post,
    /// The content folder that holds it.
    pub folder: &'a Folder,
    /// Its path below that folder.
    pub inner: PathBuf,
}

impl Page<'_> {
    /// The front matter value of `key`, its case as written.
    pub fn value(&self, key: &str) -> Option<&Value> {
        self.post.mapping()?.get(key)
    }

    /// The front matter value of `key` in any case (Hugo, Pelican).
    pub fn value_nocase(&self, key: &str) -> Option<&Value> {
        self.post
            .mapping()?
            .iter()
            .find(|(k, _)| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(key)))
            .map(|(_, v)| v)
    }

    /// A scalar front matter value as text.
    pub fn text(&self, key: &str) -> Option<String> {
        scalar(self.value(key)?)
    }

    pub fn text_nocase(&self, key: &str) -> Option<String> {
        scalar(self.value_nocase(key)?)
    }

    /// The file name without its last extension.
    pub fn stem(&self) -> String {
        self.inner
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// The extension, lower case, without the dot.
    pub fn extension(&self) -> String {
        self.inner
            .extension()
            .map(|s| s.to_string_lossy().to_lowercase())
            .unwrap_or_default()
    }

    /// The folders between the content folder and the file.
    pub fn dirs(&self) -> Vec<String> {
        self.inner
            .parent()
            .map(|p| {
                p.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The extension the rendered file gets: `.html` for Markdown and HTML,
    /// the file's own otherwise (`feed.xml`).
    pub fn output_ext(&self) -> String {
        match self.extension().as_str() {
            "md" | "markdown" | "mkd" | "mkdn" | "mdown" | "mdx" | "html" | "htm" | "njk"
            | "liquid" | "rst" | "adoc" | "asciidoc" | "org" | "textile" => ".html".to_string(),
            "" => String::new(),
            other => format!(".{other}"),
        }
    }
}

/// A scalar YAML value as text (`2024` and `true` too).
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether a permalink holds template code (`{{ … }}`, `{% … %}`, `${…}`):
/// its URL is known only once the template runs.
fn templated(text: &str) -> bool {
    text.contains("{{") || text.contains("{%") || text.contains("${")
}

/// `template` with each `:name` replaced by `lookup(name)`, the longest
/// known name winning (`:i_month` before `:i`); `None` when a placeholder
/// is not known, so an unknown permalink is never guessed.
fn fill(template: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let len = after
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'_')
            .count();
        if len == 0 {
            out.push(':');
            rest = after;
            continue;
        }
        let name = &after[..len];
        // The longest prefix that is a known placeholder (`:title_x` → `:title`).
        let found = (1..=len)
            .rev()
            .find_map(|n| lookup(&name[..n]).map(|v| (n, v)));
        let (n, value) = found?;
        out.push_str(&value);
        rest = &after[n..];
    }
    out.push_str(rest);
    Some(out)
}

impl Site {
    /// The URL `path` (a content file of this site) is published at, and
    /// why; `None` when postlint cannot know it.
    pub fn output_url(&self, path: &Path, post: &Post) -> Option<OutputUrl> {
        if self.role_of(path, Some(post)) != Role::Content {
            return None;
        }
        let absolute = lexical(path);
        let rel = absolute.strip_prefix(&self.root).ok()?;
        let folder = self
            .content
            .iter()
            .filter(|c| rel.starts_with(&c.path))
            .max_by_key(|c| c.path.components().count())?;
        let inner = rel.strip_prefix(&folder.path).ok()?.to_path_buf();
        let page = Page {
            site: self,
            post,
            folder,
            inner,
        };
        match self.generator {
            Generator::Jekyll => jekyll::url(&page),
            Generator::Hugo => hugo::url(&page),
            Generator::Zola => zola::url(&page),
            Generator::Hexo => hexo::url(&page),
            Generator::Eleventy => eleventy::url(&page),
            Generator::Pelican => pelican::url(&page),
            Generator::Astro => routes::astro(&page),
            Generator::Next => routes::next(&page),
            Generator::Docusaurus => routes::docusaurus(&page),
            Generator::Plain => None,
        }
    }

    /// The path every URL of the site starts with (`/` or Jekyll's
    /// `baseurl`, Hexo's `root`, the path of Zola's `base_url`), ending in `/`.
    pub fn base_path(&self) -> String {
        let text = |key: &str| self.raw.get(key).and_then(serde_json::Value::as_str);
        let base = match self.generator {
            Generator::Jekyll => text("baseurl").unwrap_or("").to_string(),
            Generator::Hexo => text("root").unwrap_or("").to_string(),
            Generator::Zola => zola_base_path(self),
            _ => String::new(),
        };
        let trimmed = base.trim_matches('/');
        if trimmed.is_empty() || templated(trimmed) {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! A site written to a temporary folder, for the URL tests.
    use std::path::Path;

    use super::OutputUrl;
    use crate::site::{Site, Sites};

    /// Writes `files` (path, text) below a new folder and reads its site.
    pub fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, std::sync::Arc<Site>) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        let site = Sites::default().for_dir(dir.path(), None, dir.path());
        (dir, site)
    }

    /// The output URL of `path` (relative to the site root) with `source`.
    pub fn url_of(site: &Site, path: &str, source: &str) -> Option<OutputUrl> {
        let full = site.root.join(path);
        let post = crate::testing::post_at(full.to_str().unwrap(), source);
        site.output_url(Path::new(&full), &post)
    }

    /// The URL path alone.
    pub fn path_of(site: &Site, path: &str, source: &str) -> Option<String> {
        url_of(site, path, source).map(|u| u.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_and_fill() {
        assert_eq!(tidy("//a/../b/./c/"), "/a/b/c/");
        assert_eq!(tidy("a/b.html"), "/a/b.html");
        assert_eq!(tidy(""), "/");
        let lookup = |n: &str| match n {
            "i" => Some("I".to_string()),
            "i_month" => Some("1".to_string()),
            "title" => Some("t".to_string()),
            _ => None,
        };
        assert_eq!(
            fill("/:i_month/:title_x/", &lookup).as_deref(),
            Some("/1/t_x/")
        );
        assert_eq!(fill("/:nope/", &lookup), None);
        assert_eq!(fill("/a:/b", &lookup).as_deref(), Some("/a:/b"));
    }

    #[test]
    fn folder_of_a_url() {
        let u = OutputUrl::new("/2024/01/a.html".into(), "");
        assert_eq!(u.folder(), "/2024/01/");
        let u = OutputUrl::new("/blog/a/".into(), "");
        assert_eq!(u.folder(), "/blog/a/");
    }
}
