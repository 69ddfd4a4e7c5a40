//! The site a post belongs to: which generator builds it, from which
//! folders, and so which files are posts and which are templates or files
//! the generator ignores. Read once per site from the generator's own
//! config; one file per generator.

mod astro;
mod config_file;
mod docusaurus;
mod eleventy;
pub(crate) mod hexo;
pub(crate) mod hugo;
mod jekyll;
mod js_text;
mod next;
mod pelican;
mod plain;
pub mod serve;
pub mod urls;
mod zola;

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The generators postlint knows, as `[site] generator` spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Generator {
    Jekyll,
    Hugo,
    Zola,
    Hexo,
    Eleventy,
    Pelican,
    Astro,
    /// Next.js.
    #[serde(rename = "nextjs", alias = "next")]
    Next,
    Docusaurus,
    /// No generator config: every file is content.
    Plain,
}

impl Generator {
    /// The name shown to users ("a Jekyll site").
    pub fn name(self) -> &'static str {
        match self {
            Generator::Jekyll => "Jekyll",
            Generator::Hugo => "Hugo",
            Generator::Zola => "Zola",
            Generator::Hexo => "Hexo",
            Generator::Eleventy => "Eleventy",
            Generator::Pelican => "Pelican",
            Generator::Astro => "Astro",
            Generator::Next => "Next.js",
            Generator::Docusaurus => "Docusaurus",
            Generator::Plain => "plain",
        }
    }

    /// The generator's config file in `dir`, if `dir` holds one.
    fn config_in(self, dir: &Path) -> Option<PathBuf> {
        match self {
            Generator::Jekyll => jekyll::config_in(dir),
            Generator::Hugo => hugo::config_in(dir),
            Generator::Zola => zola::config_in(dir),
            Generator::Hexo => hexo::config_in(dir),
            Generator::Eleventy => eleventy::config_in(dir),
            Generator::Pelican => pelican::config_in(dir),
            Generator::Astro => astro::config_in(dir),
            Generator::Next => next::config_in(dir),
            Generator::Docusaurus => docusaurus::config_in(dir),
            Generator::Plain => None,
        }
    }

    /// The site rooted at `root` as its config (if any) describes it.
    fn read(self, root: &Path, config: Option<&Path>) -> Result<Site, SiteError> {
        match self {
            Generator::Jekyll => jekyll::read(root, config),
            Generator::Hugo => hugo::read(root, config),
            Generator::Zola => zola::read(root, config),
            Generator::Hexo => hexo::read(root, config),
            Generator::Eleventy => eleventy::read(root, config),
            Generator::Pelican => pelican::read(root, config),
            Generator::Astro => astro::read(root, config),
            Generator::Next => next::read(root, config),
            Generator::Docusaurus => docusaurus::read(root, config),
            Generator::Plain => Ok(plain::site(root)),
        }
    }
}

/// The order generators are looked for in one folder. Hexo and Zola before
/// Jekyll and Hugo: their configs share names (`_config.yml`, `config.toml`)
/// and are told apart by their keys. Astro, Docusaurus and Next.js first:
/// their config names are their own, and a site moved to one of them may
/// keep its old generator's config beside it.
const DETECTION_ORDER: [Generator; 9] = [
    Generator::Astro,
    Generator::Docusaurus,
    Generator::Next,
    Generator::Hexo,
    Generator::Jekyll,
    Generator::Zola,
    Generator::Hugo,
    Generator::Eleventy,
    Generator::Pelican,
];

/// Why a generator's config could not be used. Names the file.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SiteError {
    #[error("cannot read {generator} config {path}: {message}")]
    Read {
        generator: &'static str,
        path: PathBuf,
        message: String,
    },
}

/// A folder of the site and the URL its files are served under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Folder {
    /// Relative to the site root.
    pub path: PathBuf,
    /// The URL prefix (`/`, `/fr/`), when postlint knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Folder {
    fn new(path: impl Into<PathBuf>, url: Option<&str>) -> Folder {
        Folder {
            path: clean(&path.into()),
            url: url.map(String::from),
        }
    }
}

/// What a file is to its site's generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A post or page the generator renders: checked.
    Content,
    /// A layout, include, partial, archetype, scaffold or data file: not a post.
    Template,
    /// A file the generator does not render as a page (an excluded or
    /// `_`-named file, a static file, a file outside the content folders).
    Ignored,
}

/// One site: its generator, its root and the folders that matter.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub generator: Generator,
    /// The folder holding the generator's config (or the plain site's folder).
    pub root: PathBuf,
    pub config_file: Option<PathBuf>,
    /// Folders whose files are rendered as posts and pages.
    pub content: Vec<Folder>,
    /// Folders copied as they are (images, downloads).
    #[serde(rename = "static")]
    pub statics: Vec<Folder>,
    /// Folders of templates and data, never posts.
    pub templates: Vec<PathBuf>,
    /// Folders and files the generator leaves out (its config's `exclude`,
    /// its own output).
    pub ignored: Vec<PathBuf>,
    /// Whether files outside `content` are left out (every generator but
    /// the plain site).
    #[serde(skip)]
    content_only: bool,
    /// `Some` for Jekyll and Hexo: names starting with `_` or `.` are left
    /// out, except these folders (`_posts`, collections).
    #[serde(skip)]
    underscore_keep: Option<Vec<String>>,
    /// Jekyll's `exclude`, as globs on the path relative to the content root.
    #[serde(skip)]
    exclude: Option<globset::GlobSet>,
    /// Jekyll's `include`: rescues `_` and `.` names and excluded paths.
    #[serde(skip)]
    include: Vec<String>,
    /// The generator's config as read (YAML, TOML and JSON as a JSON value;
    /// the text of a config that is code, such as Eleventy's or Pelican's),
    /// for what is worked out from it later (permalinks, defaults).
    #[serde(skip)]
    pub raw: serde_json::Value,
    /// Why the generator's config could not be read (the site is then plain).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// Folders whose front matter a schema checks (Astro's collections),
    /// with the keys it requires.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<astro::Schema>,
    /// Hugo: the pages its config or `_index.md` cascades never render.
    #[serde(skip)]
    hugo: Option<Arc<hugo::Unrendered>>,
    /// What finding the file behind a URL works out once (see [`serve`]).
    #[serde(skip)]
    pub(crate) serving: serve::ServeCache,
    /// Every published page and its URL, read once (`urls::PageIndex`).
    #[serde(skip)]
    pub(crate) pages: std::sync::OnceLock<urls::PageIndex>,
}

impl Site {
    /// A site of `generator` at `root` with no folders yet.
    fn empty(generator: Generator, root: &Path, config: Option<&Path>) -> Site {
        Site {
            generator,
            root: root.to_path_buf(),
            config_file: config.map(Path::to_path_buf),
            content: Vec::new(),
            statics: Vec::new(),
            templates: Vec::new(),
            ignored: Vec::new(),
            content_only: true,
            underscore_keep: None,
            exclude: None,
            include: Vec::new(),
            raw: serde_json::Value::Null,
            problem: None,
            schemas: Vec::new(),
            hugo: None,
            serving: serve::ServeCache::default(),
            pages: std::sync::OnceLock::new(),
        }
    }

    /// `path` relative to the content folder it lies in (the deepest one),
    /// else to the site root, else as given.
    pub fn inner_path(&self, path: &Path) -> PathBuf {
        let absolute = lexical(path);
        let Ok(rel) = absolute.strip_prefix(&self.root) else {
            return path.to_path_buf();
        };
        self.content
            .iter()
            .filter(|c| rel.starts_with(&c.path))
            .max_by_key(|c| c.path.components().count())
            .and_then(|c| rel.strip_prefix(&c.path).ok())
            .unwrap_or(rel)
            .to_path_buf()
    }

    /// The folders `[site]` in `postlint.toml` sets, in place of the
    /// detected ones (relative to the site root; never above it).
    fn apply(&mut self, config: &crate::config::SiteConfig) {
        if !config.content.is_empty() {
            self.content = config
                .content
                .iter()
                .map(|p| Folder::new(p, Some("/")))
                .collect();
            self.content_only = true;
        }
        if !config.statics.is_empty() {
            self.statics = config
                .statics
                .iter()
                .map(|s| {
                    let (path, url) = s.parts();
                    let url = format!("/{}/", url.trim_matches('/')).replace("//", "/");
                    Folder::new(path, Some(&url))
                })
                .collect();
        }
        if !config.templates.is_empty() {
            self.templates = config.templates.iter().map(|p| clean(p)).collect();
        }
    }

    /// What `path` (absolute, or relative to the working folder) is to this site.
    pub fn role(&self, path: &Path) -> Role {
        self.role_of(path, None)
    }

    /// [`Site::role`] of a file whose post is parsed already (`Some`), so
    /// Hugo's own-front-matter test need not read it again.
    pub fn role_of(&self, path: &Path, post: Option<&crate::post::Post>) -> Role {
        let absolute = lexical(path);
        let Ok(rel) = absolute.strip_prefix(&self.root) else {
            return Role::Content;
        };
        if self.templates.iter().any(|t| rel.starts_with(t)) {
            return Role::Template;
        }
        if self.ignored.iter().any(|i| rel.starts_with(i)) {
            return Role::Ignored;
        }
        // Static files are copied as they are, never rendered (an HTML
        // file in Hugo's `static/` is not a page).
        let is_static = |s: &Folder| !s.path.as_os_str().is_empty() && rel.starts_with(&s.path);
        if self.statics.iter().any(is_static) {
            return Role::Ignored;
        }
        let root = self
            .content
            .iter()
            .filter(|c| rel.starts_with(&c.path))
            .max_by_key(|c| c.path.components().count());
        let Some(root) = root else {
            return if self.content_only {
                Role::Ignored
            } else {
                Role::Content
            };
        };
        let inner = rel.strip_prefix(&root.path).unwrap_or(rel);
        if self.generator == Generator::Zola && !zola::is_page(inner) {
            return Role::Ignored;
        }
        if let Some(hugo) = &self.hugo
            && hugo.covers(&self.root, rel, post)
        {
            return Role::Template;
        }
        let inner_text = inner.to_string_lossy();
        let included = self
            .include
            .iter()
            .any(|i| inner.starts_with(i) || inner_text == i.as_str());
        if included {
            return Role::Content;
        }
        if let Some(exclude) = &self.exclude
            && inner
                .ancestors()
                .filter(|a| !a.as_os_str().is_empty())
                .any(|a| exclude.is_match(a))
        {
            return Role::Ignored;
        }
        if let Some(keep) = &self.underscore_keep {
            for part in inner.components() {
                let name = part.as_os_str().to_string_lossy();
                let hidden = name.starts_with('_') || name.starts_with('.');
                if hidden && !keep.iter().any(|k| *k == name) {
                    return if jekyll::TEMPLATE_FOLDERS.contains(&name.as_ref()) {
                        Role::Template
                    } else {
                        Role::Ignored
                    };
                }
            }
        }
        Role::Content
    }
}

/// `2019-05-14-…` or `2019-05-14_…`: the date a generator reads from a
/// file or folder name (Jekyll, Hexo, Zola, Hugo's `:filename`).
pub fn starts_with_date(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() > 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && matches!(b[10], b'-' | b'_')
}

/// The largest generator config postlint reads; real ones are a few KiB.
pub const MAX_CONFIG_SIZE: u64 = 1 << 20;

/// `path` made absolute with `.` and `..` taken lexically (as the walk
/// decides the site root), so a link cannot move a file into another site.
pub(crate) fn lexical(path: &Path) -> PathBuf {
    // `Path::new("a.md").parent()` is empty: the working folder.
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A relative folder as a config names it (`./content/`, `/docs`), made a
/// plain relative path without `..` (a config cannot point outside its site).
fn clean(path: &Path) -> PathBuf {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect()
}

/// Sites by folder, each site read once; and what could not be read, said once.
#[derive(Default)]
pub struct Sites {
    /// Keyed also by the `[site]` folder overrides (as JSON), so two
    /// configs that set different folders get their own sites.
    by_dir: HashMap<(PathBuf, Option<Generator>, String), Arc<Site>>,
    by_root: HashMap<(PathBuf, Generator, String), Arc<Site>>,
    /// What [`detect`] found in each folder it looked in, so that the
    /// folders of a site look up their shared ancestors once, not once each.
    seen: HashMap<(PathBuf, Option<Generator>), Found>,
    /// Configs that could not be read, each said once.
    pub problems: Vec<String>,
}

impl Sites {
    /// The site of the files in folder `dir`: the nearest generator config
    /// in `dir` or above (up to the repository root or the home folder), or
    /// `generator`'s when the settings name one (`Plain` turns detection
    /// off). With none found, a plain site at `fallback_root`.
    pub fn for_dir(
        &mut self,
        dir: &Path,
        generator: Option<Generator>,
        fallback_root: &Path,
    ) -> Arc<Site> {
        let config = crate::config::SiteConfig {
            generator,
            ..crate::config::SiteConfig::default()
        };
        self.for_config(dir, &config, fallback_root)
    }

    /// [`Sites::for_dir`] with the generator and the folders `[site]` in
    /// `postlint.toml` sets: `content`, `static` and `templates` replace the
    /// detected folders.
    pub fn for_config(
        &mut self,
        dir: &Path,
        config: &crate::config::SiteConfig,
        fallback_root: &Path,
    ) -> Arc<Site> {
        let generator = config.generator;
        let overrides = if config.sets_folders() {
            serde_json::to_string(&(&config.content, &config.statics, &config.templates))
                .unwrap_or_default()
        } else {
            String::new()
        };
        let dir = lexical(dir);
        if let Some(site) = self
            .by_dir
            .get(&(dir.clone(), generator, overrides.clone()))
        {
            return site.clone();
        }
        let (root, found, config_file) = match detect(&mut self.seen, &dir, generator) {
            Some((root, g, file)) => (root, g, file),
            None => (
                lexical(fallback_root),
                generator.unwrap_or(Generator::Plain),
                None,
            ),
        };
        let key = (root.clone(), found, overrides.clone());
        let site = match self.by_root.get(&key) {
            Some(site) => site.clone(),
            None => {
                let read = found.read(&root, config_file.as_deref()).map(|mut site| {
                    site.apply(config);
                    site
                });
                let site = match read {
                    Ok(site) => site,
                    Err(e) => {
                        let message = format!("{e}; its files are checked as a plain site");
                        self.problems.push(message.clone());
                        let mut site = plain::site(&root);
                        site.config_file = config_file;
                        site.problem = Some(message);
                        site.apply(config);
                        site
                    }
                };
                let site = Arc::new(site);
                self.by_root.insert(key, site.clone());
                site
            }
        };
        self.by_dir
            .insert((dir, generator, overrides), site.clone());
        site
    }
}

/// The nearest folder at or above `dir` holding a generator config: its
/// root, generator and config file. Stops after the repository root (the
/// folder holding `.git`) or at the home folder.
/// What one folder holds for [`detect`]: the first generator config (in
/// detection order), and whether it is a repository's root.
#[derive(Debug, Clone)]
struct Found {
    config: Option<(Generator, PathBuf)>,
    git: bool,
}

fn detect(
    seen: &mut HashMap<(PathBuf, Option<Generator>), Found>,
    dir: &Path,
    only: Option<Generator>,
) -> Option<(PathBuf, Generator, Option<PathBuf>)> {
    if only == Some(Generator::Plain) {
        return None;
    }
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    for folder in dir.ancestors() {
        if home.as_deref() == Some(folder) {
            break;
        }
        let found = seen
            .entry((folder.to_path_buf(), only))
            .or_insert_with(|| Found {
                config: DETECTION_ORDER
                    .into_iter()
                    .filter(|g| only.is_none_or(|o| o == *g))
                    .find_map(|g| g.config_in(folder).map(|c| (g, c))),
                git: folder.join(".git").exists(),
            });
        if let Some((generator, config)) = &found.config {
            return Some((folder.to_path_buf(), *generator, Some(config.clone())));
        }
        if found.git {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests;
