//! From a URL of the built site back to the source file that produces it:
//! a static file (under its folder's URL prefix), a file the generator
//! copies as it is (Jekyll, Hexo), a page's own folder (a Hugo bundle, a
//! Zola page with assets, a Hexo post's asset folder, and Hugo's other
//! languages' copy of the same bundle), an Eleventy passthrough copy. A URL
//! under a folder whose source is not here (a submodule, a build step's
//! output) is `Unknown`. Never reads outside the site root, never follows a
//! link out of it; the index of page folders is built once per site, capped.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::urls::{HugoLayout, OutputUrl, Passthrough, hugo_layout, passthrough};
use super::{Generator, Role, Site};
use crate::post::Post;

/// The most files the index of page folders looks at in one site.
const MAX_INDEXED: usize = 200_000;
/// The deepest folder it enters.
const MAX_DEPTH: usize = 32;
/// The most of a page it reads for its front matter.
const MAX_PAGE_BYTES: u64 = 1 << 20;

/// What serves a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Served {
    /// This file (absolute).
    File(PathBuf),
    /// A folder that would serve it has no source here: postlint cannot tell.
    Unknown { why: String },
    /// Nothing does; the files looked for, relative to the site root.
    Missing { looked: Vec<PathBuf> },
}

/// What serving works out once per site.
#[derive(Debug, Clone, Default)]
pub struct ServeCache {
    hugo: OnceLock<HugoLayout>,
    /// Page folders by the URL folder they are published at.
    owners: OnceLock<HashMap<String, Vec<PathBuf>>>,
    statics: OnceLock<Vec<StaticRoot>>,
    passthrough: OnceLock<Vec<Passthrough>>,
    /// The root with its links resolved, to tell a file inside from one
    /// reached through a link out of the site.
    real_root: OnceLock<Option<PathBuf>>,
}

/// A static folder: where, under which URL path (no `/` at the ends), and
/// whether its source is here.
#[derive(Debug, Clone)]
struct StaticRoot {
    source: PathBuf,
    target: String,
    present: bool,
    /// Named by the config: its source missing means it is built elsewhere.
    explicit: bool,
}

impl Site {
    /// Hugo's mounts and URL settings, read once.
    pub(crate) fn hugo_layout(&self) -> &HugoLayout {
        self.serving.hugo.get_or_init(|| hugo_layout(self))
    }

    /// The source of `url_path` (a URL path of this site, `baseurl`
    /// included, not percent-encoded).
    pub fn serve(&self, url_path: &str) -> Served {
        self.serve_for(url_path, None)
    }

    /// The source of `url_path` as a reference on the page `page` (its file
    /// and output URL), whose own folder (a bundle) is looked in first.
    pub fn serve_for(&self, url_path: &str, page: Option<(&Path, &OutputUrl)>) -> Served {
        let base = self.base_path();
        let path = match url_path.strip_prefix(base.trim_end_matches('/')) {
            Some(rest) if rest.starts_with('/') => rest,
            // Not under `baseurl`: looked up from the output root as written.
            _ => url_path,
        };
        let rel = path.trim_start_matches('/');
        if rel.is_empty() || rel.ends_with('/') || rel.split('/').any(|s| s == ".." || s == ".") {
            return Served::Unknown {
                why: "a folder, not a file".to_string(),
            };
        }
        let mut looked = Vec::new();
        let mut unknown: Option<String> = None;
        if let Some((file, url)) = page {
            let folder = url.folder();
            let folder = folder
                .strip_prefix(base.trim_end_matches('/'))
                .filter(|f| f.starts_with('/'))
                .unwrap_or(folder);
            if let Some(rest) = path.strip_prefix(folder) {
                for dir in self.page_folders(file) {
                    if let Some(found) = self.check(&dir.join(rest), &mut looked) {
                        return Served::File(found);
                    }
                }
            }
        }
        for root in self.static_roots().iter() {
            let rest = if root.target.is_empty() {
                rel
            } else if rel == root.target {
                ""
            } else if let Some(r) = rel
                .strip_prefix(&root.target)
                .and_then(|r| r.strip_prefix('/'))
            {
                r
            } else {
                continue;
            };
            if !root.present {
                // A missing folder for the whole site is just absent; one
                // mounted at a sub-path is filled in by the build.
                if !root.explicit || root.target.is_empty() {
                    continue;
                }
                unknown.get_or_insert_with(|| {
                    format!("it would come from `{}`, which is not in the site (a submodule or a build step's output)", root.source.display())
                });
                continue;
            }
            let candidate = if rest.is_empty() {
                root.source.clone()
            } else {
                root.source.join(rest)
            };
            if let Some(found) = self.check(&candidate, &mut looked) {
                return Served::File(found);
            }
        }
        // Posts' folders hold pages, not files copied as they are.
        let in_posts = rel.split('/').any(|s| s == "_posts" || s == "_drafts");
        if matches!(
            self.generator,
            Generator::Jekyll | Generator::Hexo | Generator::Plain
        ) && !in_posts
        {
            for folder in &self.content {
                let candidate = folder.path.join(rel);
                if self.role(&self.root.join(&candidate)) != Role::Content {
                    continue;
                }
                if let Some(found) = self.check(&candidate, &mut looked) {
                    return Served::File(found);
                }
            }
        }
        if self.generator == Generator::Hugo
            && let Some(found) = self.hugo_content_file(rel, &mut looked)
        {
            return Served::File(found);
        }
        if self.generator == Generator::Hugo {
            for mount in &self.hugo_layout().content {
                let covers = !mount.target.is_empty()
                    && (rel == mount.target || rel.starts_with(&format!("{}/", mount.target)));
                if covers && !mount.present && mount.explicit {
                    unknown.get_or_insert_with(|| {
                        format!("pages there come from `{}`, which is not in the site (a submodule or a build step's output)", mount.source.display())
                    });
                }
            }
        }
        if self.generator == Generator::Eleventy {
            let copies = self.serving.passthrough.get_or_init(|| passthrough(self));
            for copy in copies {
                let rest = if copy.to.is_empty() {
                    Some(rel)
                } else {
                    rel.strip_prefix(&copy.to).and_then(|r| r.strip_prefix('/'))
                };
                if let Some(rest) = rest
                    && !copy.from.contains('*')
                    && let Some(found) = self.check(&Path::new(&copy.from).join(rest), &mut looked)
                {
                    return Served::File(found);
                }
                // A glob (`src/blog/*.png`) publishes each file it matches at
                // its path below the input folder.
                if copy.from.contains('*') {
                    let input = self
                        .content
                        .first()
                        .map(|f| f.path.clone())
                        .unwrap_or_default();
                    let source = input.join(rel);
                    let matches = globset::Glob::new(&copy.from)
                        .is_ok_and(|g| g.compile_matcher().is_match(&source));
                    if matches && let Some(found) = self.check(&source, &mut looked) {
                        return Served::File(found);
                    }
                }
            }
        }
        // Another page's folder (`../other-post/a.png`).
        let url_folder = match path.rfind('/') {
            Some(at) => &path[..=at],
            None => "/",
        };
        let name = &path[url_folder.len()..];
        let key = format!("{}{}", base.trim_end_matches('/'), url_folder);
        if let Some(dirs) = self.owners().get(&key) {
            for dir in dirs.clone() {
                if let Some(found) = self.check(&dir.join(name), &mut looked) {
                    return Served::File(found);
                }
            }
        }
        match unknown {
            Some(why) => Served::Unknown { why },
            None => Served::Missing { looked },
        }
    }

    /// `candidate` (relative to the root) when it is a file of the site;
    /// noted as looked at otherwise. A link is followed only when it stays
    /// inside the site.
    fn check(&self, candidate: &Path, looked: &mut Vec<PathBuf>) -> Option<PathBuf> {
        let full = self.root.join(candidate);
        // Any link on the way (`static -> /etc`) must stay inside the site.
        if full.is_file() && self.inside(&full) {
            return Some(full);
        }
        if !looked.contains(&candidate.to_path_buf()) {
            looked.push(candidate.to_path_buf());
        }
        None
    }

    /// Whether `path`, links resolved, lies inside the site root.
    fn inside(&self, path: &Path) -> bool {
        let root = self
            .serving
            .real_root
            .get_or_init(|| self.root.canonicalize().ok());
        match (root, path.canonicalize()) {
            (Some(root), Ok(real)) => real.starts_with(root),
            _ => false,
        }
    }

    /// A file below Hugo's content folders at its path: bundles publish
    /// their files (nested folders too, `collector/img/a.svg` of the branch
    /// bundle `collector/`), and a translation shares the files of the
    /// other languages' bundle at the same path (its own language first).
    fn hugo_content_file(&self, rel: &str, looked: &mut Vec<PathBuf>) -> Option<PathBuf> {
        let layout = self.hugo_layout();
        let (lang, logical) = match rel.split_once('/') {
            Some((first, rest))
                if layout.languages.iter().any(|l| l == first) && layout.prefix(first) != "/" =>
            {
                (first.to_string(), rest)
            }
            _ => (layout.default_lang.clone(), rel),
        };
        let mut mounts: Vec<_> = layout.content.iter().filter(|m| m.present).collect();
        mounts.sort_by_key(|m| m.lang.as_deref() != Some(lang.as_str()));
        for mount in mounts {
            let inner = if mount.target.is_empty() {
                logical
            } else if let Some(r) = logical
                .strip_prefix(mount.target.as_str())
                .and_then(|r| r.strip_prefix('/'))
            {
                r
            } else {
                continue;
            };
            if let Some(found) = self.check(&mount.source.join(inner), looked) {
                return Some(found);
            }
        }
        None
    }

    /// The static folders, read once.
    fn static_roots(&self) -> &[StaticRoot] {
        self.serving
            .statics
            .get_or_init(|| self.find_static_roots())
    }

    fn find_static_roots(&self) -> Vec<StaticRoot> {
        if self.generator == Generator::Hugo {
            return self
                .hugo_layout()
                .statics
                .iter()
                .map(|m| StaticRoot {
                    source: m.source.clone(),
                    target: m.target.clone(),
                    present: m.present,
                    explicit: m.explicit,
                })
                .collect();
        }
        self.statics
            .iter()
            .map(|f| StaticRoot {
                present: self.root.join(&f.path).exists(),
                source: f.path.clone(),
                target: f
                    .url
                    .as_deref()
                    .unwrap_or("/")
                    .trim_matches('/')
                    .to_string(),
                explicit: false,
            })
            .collect()
    }

    /// The folders (relative to the root) whose files are published beside
    /// the page `file`: a Hugo bundle (and the same bundle in the other
    /// languages, which Hugo shares), a Zola page or section with assets, a
    /// Hexo post's asset folder.
    fn page_folders(&self, file: &Path) -> Vec<PathBuf> {
        let absolute = super::lexical(file);
        let Ok(rel) = absolute.strip_prefix(&self.root) else {
            return Vec::new();
        };
        let rel = rel.to_path_buf();
        let stem = rel
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = rel.parent().map(Path::to_path_buf).unwrap_or_default();
        let base_stem = stem.split('.').next().unwrap_or("");
        match self.generator {
            Generator::Hugo if base_stem == "index" || base_stem == "_index" => {
                let layout = self.hugo_layout();
                let mut out = vec![dir.clone()];
                if let Some(mount) = layout.mount_of(&rel)
                    && let Ok(below) = dir.strip_prefix(&mount.source)
                {
                    let logical = Path::new(&mount.target).join(below);
                    for other in &layout.content {
                        if let Ok(inner) = logical.strip_prefix(&other.target) {
                            let candidate = other.source.join(inner);
                            if other.present && !out.contains(&candidate) {
                                out.push(candidate);
                            }
                        }
                    }
                }
                out
            }
            Generator::Zola if stem == "index" || stem == "_index" => vec![dir],
            Generator::Hexo
                if self
                    .raw
                    .get("post_asset_folder")
                    .and_then(serde_json::Value::as_bool)
                    == Some(true)
                    && rel.components().any(|c| c.as_os_str() == "_posts") =>
            {
                vec![dir.join(&stem)]
            }
            _ => Vec::new(),
        }
    }

    /// Page folders by URL folder, for the site's pages that own one.
    fn owners(&self) -> &HashMap<String, Vec<PathBuf>> {
        self.serving.owners.get_or_init(|| self.index_owners())
    }

    fn index_owners(&self) -> HashMap<String, Vec<PathBuf>> {
        let mut map: HashMap<String, Vec<PathBuf>> = HashMap::new();
        if !matches!(
            self.generator,
            Generator::Hugo | Generator::Zola | Generator::Hexo
        ) {
            return map;
        }
        let mut stack: Vec<(PathBuf, usize)> = self
            .content
            .iter()
            .map(|f| (self.root.join(&f.path), 0))
            .collect();
        if self.generator == Generator::Hugo {
            for m in &self.hugo_layout().content {
                stack.push((self.root.join(&m.source), 0));
            }
        }
        let mut seen = 0usize;
        let mut visited = std::collections::HashSet::new();
        // A content folder that is a link out of the site is not entered.
        stack.retain(|(dir, _)| self.inside(dir));
        while let Some((dir, depth)) = stack.pop() {
            if depth > MAX_DEPTH || !visited.insert(dir.clone()) {
                continue;
            }
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                seen += 1;
                if seen > MAX_INDEXED {
                    return map;
                }
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                let path = entry.path();
                // Links are not followed: a link cannot add pages from elsewhere.
                if kind.is_dir() {
                    stack.push((path, depth + 1));
                } else if kind.is_file() && self.owns_folder(&path) {
                    let Some(post) = read_page(&path, self.generator) else {
                        continue;
                    };
                    let Some(url) = self.output_url(&path, &post) else {
                        continue;
                    };
                    let folders = self.page_folders(&path);
                    let entry = map.entry(url.folder().to_string()).or_default();
                    for f in folders {
                        if !entry.contains(&f) {
                            entry.push(f);
                        }
                    }
                }
            }
        }
        map
    }

    /// Whether `path` is a page that may publish a folder of its own.
    fn owns_folder(&self, path: &Path) -> bool {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = name.split('.').next().unwrap_or("");
        match self.generator {
            Generator::Hugo | Generator::Zola => stem == "index" || stem == "_index",
            Generator::Hexo => path.with_extension("").is_dir(),
            _ => false,
        }
    }
}

/// The page at `path`, read up to [`MAX_PAGE_BYTES`], never through a link.
pub(super) fn read_page(path: &Path, generator: super::Generator) -> Option<Post> {
    let (file, _) = crate::safe_fs::open_regular(path, false).ok()?;
    let mut bytes = Vec::new();
    file.take(MAX_PAGE_BYTES).read_to_end(&mut bytes).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    // Pelican's metadata header is its front matter.
    Some(Post::parse_with(
        path.to_path_buf(),
        text,
        1 << 16,
        crate::post::Metadata::of_generator(generator),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::urls::testing::{site, url_of};
    use super::Served;

    fn served(s: &super::Site, url: &str) -> String {
        match s.serve(url) {
            Served::File(f) => format!("file {}", f.strip_prefix(&s.root).unwrap().display()),
            Served::Unknown { .. } => "unknown".to_string(),
            Served::Missing { looked } => format!("missing {looked:?}"),
        }
    }

    #[test]
    fn jekyll_copies_files_where_they_are() {
        let (_d, s) = site(&[
            ("_config.yml", "baseurl: /base\n"),
            ("blog/a/x.png", ""),
            ("_drafts/y.png", ""),
        ]);
        assert_eq!(served(&s, "/base/blog/a/x.png"), "file blog/a/x.png");
        assert_eq!(served(&s, "/blog/a/x.png"), "file blog/a/x.png");
        assert!(served(&s, "/base/_drafts/y.png").starts_with("missing"));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_site_serves_nothing() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.png"), "").unwrap();
        let (_d, s) = site(&[("_config.yml", "title: x\n"), ("img/ok.png", "")]);
        std::os::unix::fs::symlink(outside.path(), s.root.join("linked")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.png"), s.root.join("img/l.png"))
            .unwrap();
        assert_eq!(served(&s, "/img/ok.png"), "file img/ok.png");
        assert!(served(&s, "/linked/secret.png").starts_with("missing"));
        assert!(served(&s, "/img/l.png").starts_with("missing"));
    }

    #[test]
    fn hugo_bundles_statics_and_missing_mounts() {
        let (_d, s) = site(&[
            (
                "hugo.yaml",
                "module:\n  mounts:\n    - {source: content, target: content}\n    - {source: static, target: static}\n    - {source: tmp/img, target: static/img}\n",
            ),
            ("content/blog/a/index.md", "---\ntitle: A\n---\n"),
            ("content/blog/a/x.png", ""),
            ("static/logo.svg", ""),
        ]);
        assert_eq!(served(&s, "/blog/a/x.png"), "file content/blog/a/x.png");
        assert_eq!(served(&s, "/logo.svg"), "file static/logo.svg");
        assert_eq!(served(&s, "/img/gone.png"), "unknown");
        assert!(served(&s, "/blog/a/nope.png").starts_with("missing"));
        let page = s.root.join("content/blog/a/index.md");
        let url = url_of(&s, "content/blog/a/index.md", "---\ntitle: A\n---\n").unwrap();
        assert!(matches!(
            s.serve_for("/blog/a/x.png", Some((&page, &url))),
            Served::File(_)
        ));
    }
}
