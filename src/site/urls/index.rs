//! Every page the site publishes, read once per site: its output URL, its
//! source file, the redirect pages its front matter asks for (Hugo's
//! `aliases`, jekyll-redirect-from's `redirect_from`), and how many pages
//! have a URL postlint cannot know. The internal-link rule (PL407) and the
//! template-call links (`post_url`, `link`, `ref`) look pages up here.
//! Never follows a link, never reads outside the site, capped in files,
//! depth and bytes per page.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::super::{Generator, Role, Site};
use crate::post::Post;

/// The most files the index looks at in one site.
const MAX_FILES: usize = 200_000;
/// The deepest folder it enters.
const MAX_DEPTH: usize = 32;
/// The most of a page it reads for its front matter.
const MAX_PAGE_BYTES: u64 = 1 << 20;

/// Extensions of files a generator renders as pages.
const PAGE_EXTENSIONS: [&str; 15] = [
    "md", "markdown", "mkd", "mkdn", "mdown", "mdx", "html", "htm", "njk", "liquid", "rst", "adoc",
    "asciidoc", "org", "textile",
];

/// The published pages of one site.
#[derive(Debug, Clone, Default)]
pub struct PageIndex {
    /// Output URL (`baseurl` included) to the source file, relative to the root.
    pub urls: HashMap<String, PathBuf>,
    /// Redirect pages (`aliases`, `redirect_from`), as URL paths.
    pub redirects: HashSet<String>,
    /// Every content file with front matter, relative to the root, whatever
    /// its URL (`post_url`, `link` and `ref` name sources).
    pub sources: Vec<PathBuf>,
    /// Content pages whose URL postlint cannot know (template code in a
    /// permalink, a placeholder it does not know).
    pub unknown: usize,
    /// The walk stopped at a cap, or a folder could not be read: pages may
    /// be missing, so nothing is judged absent.
    pub incomplete: bool,
    /// How many pages have each URL shape (see [`shape`]): a URL space
    /// that several pages share is one the site's permalinks own.
    pub shapes: HashMap<String, usize>,
    /// The host's redirects (Netlify `_redirects` and `netlify.toml`):
    /// source patterns, `*` a splat, `:name` one segment.
    pub host_redirects: Vec<String>,
    /// The host has redirect rules postlint cannot read (`vercel.json`,
    /// a `_redirects` it could not read): old URLs may still work.
    pub opaque_redirects: bool,
    /// Every URL and redirect in lower case.
    lower: HashSet<String>,
    /// The source folders of the pages whose URL is unknown.
    unknown_dirs: HashSet<PathBuf>,
    /// The source folders of the pages of each URL shape.
    shape_dirs: HashMap<String, HashSet<PathBuf>>,
}

impl PageIndex {
    /// Whether the pages of URL shape `shape` are all known: at least two
    /// pages have it, and no page whose URL is unknown lives in a folder
    /// that holds one of them (it might share their permalink).
    pub fn owns_shape(&self, shape: &str) -> bool {
        self.shapes.get(shape).is_some_and(|n| *n >= 2)
            && self
                .shape_dirs
                .get(shape)
                .is_some_and(|dirs| dirs.iter().all(|d| !self.unknown_dirs.contains(d)))
    }

    /// Whether a host redirect rule covers `url`.
    pub fn host_redirects(&self, url: &str) -> bool {
        self.host_redirects.iter().any(|p| pattern_matches(p, url))
    }

    /// The known page URLs of the same shape as `url`.
    pub fn same_shape<'a>(&'a self, url: &str, base: &str) -> impl Iterator<Item = &'a String> {
        let want = shape(url, base);
        self.urls
            .keys()
            .filter(move |u| want.is_some() && shape(u, base) == want)
    }

    /// Whether `url` (a URL path, decoded, `baseurl` included) is a page or a
    /// redirect, written with or without its final `/`, `index.html` or
    /// `.html`, in any case: Hugo publishes `/functions/urls/absurl/` for a
    /// page linked as `/functions/urls/absURL/`, and hosts that ignore case
    /// (Netlify) serve it; PL409 is where case matters.
    pub fn knows(&self, url: &str) -> bool {
        variants(url).iter().any(|v| {
            self.urls.contains_key(v)
                || self.redirects.contains(v)
                || self.lower.contains(&v.to_lowercase())
        })
    }
}

/// The spellings of one URL that reach the same page on a static host.
pub fn variants(url: &str) -> Vec<String> {
    let mut out = vec![url.to_string()];
    let bare = url
        .strip_suffix("index.html")
        .or_else(|| url.strip_suffix("index.htm"))
        .unwrap_or(url);
    out.push(bare.to_string());
    let trimmed = bare.trim_end_matches('/');
    if !trimmed.is_empty() {
        out.push(trimmed.to_string());
        out.push(format!("{trimmed}/"));
        out.push(format!("{trimmed}.html"));
        out.push(format!("{trimmed}/index.html"));
        if let Some(stem) = trimmed
            .strip_suffix(".html")
            .or_else(|| trimmed.strip_suffix(".htm"))
        {
            out.push(stem.to_string());
            out.push(format!("{stem}/"));
        }
    }
    out
}

impl Site {
    /// The site's published pages, read once.
    pub fn page_index(&self) -> &PageIndex {
        self.pages.get_or_init(|| build(self))
    }
}

/// The shape of a URL path below `base`: each folder that is a number
/// as `#` and its length, other folders as written, the last part as `*`
/// (a final `/` or `.html` left out, as a host serves `/a/` for `/a` and
/// `/a.html`): `/2019/05/14/a/` is `#4/#2/#2/*`. `None` outside `base`.
pub fn shape(url: &str, base: &str) -> Option<String> {
    let rest = url.strip_prefix(base.trim_end_matches('/'))?;
    let rest = rest.strip_prefix('/')?;
    let parts: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    let (last, folders) = parts.split_last()?;
    let mut out = String::new();
    for f in folders {
        if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("#{}/", f.len()));
        } else {
            out.push_str(f);
            out.push('/');
        }
    }
    out.push('*');
    let ext = last.rfind('.').map_or("", |at| &last[at..]);
    if !ext.is_empty() && ext != ".html" && ext != ".htm" {
        out.push_str(ext);
    }
    Some(out)
}

/// Whether a redirect source pattern (`/blog/*`, `/docs/:lang/x`) covers `url`.
fn pattern_matches(pattern: &str, url: &str) -> bool {
    let p: Vec<&str> = pattern.trim_end_matches('/').split('/').collect();
    let u: Vec<&str> = url.trim_end_matches('/').split('/').collect();
    for (i, part) in p.iter().enumerate() {
        if *part == "*" {
            return true;
        }
        let Some(seg) = u.get(i) else {
            return false;
        };
        if part.starts_with(':') {
            continue;
        }
        if let Some(prefix) = part.strip_suffix('*') {
            return seg.starts_with(prefix);
        }
        if part != seg {
            return false;
        }
    }
    p.len() == u.len()
}

/// The host's redirect sources: `_redirects` at the root or in a static
/// folder, `from = "…"` in `netlify.toml`.
fn host_redirects(site: &Site, index: &mut PageIndex) {
    let mut files: Vec<PathBuf> = vec![site.root.join("_redirects")];
    for f in &site.statics {
        files.push(site.root.join(&f.path).join("_redirects"));
    }
    if site.generator == Generator::Hugo {
        for m in &site.hugo_layout().statics {
            files.push(site.root.join(&m.source).join("_redirects"));
        }
        // A template that writes `_redirects` (Docsy's, from aliases and
        // more): what it writes is known only once Hugo runs it.
        index.opaque_redirects |= site.root.join("layouts/index.redirects").exists();
    }
    for file in files {
        if !file.exists() {
            continue;
        }
        match read_text(&file) {
            Some(text) => {
                for line in text.lines() {
                    let line = line.trim();
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    match line.split_whitespace().next() {
                        Some(from) if from.starts_with('/') => {
                            index.host_redirects.push(from.to_string());
                        }
                        // Template code or a full URL: not read.
                        _ => index.opaque_redirects = true,
                    }
                }
            }
            None => index.opaque_redirects = true,
        }
    }
    let netlify = site.root.join("netlify.toml");
    if netlify.exists() {
        match read_text(&netlify) {
            Some(text) => {
                for line in text.lines() {
                    let line = line.trim();
                    if let Some(value) = line.strip_prefix("from") {
                        let value = value.trim_start().trim_start_matches('=').trim();
                        let value = value.trim_matches(['"', '\'']);
                        if value.starts_with('/') {
                            index.host_redirects.push(value.to_string());
                        } else if !value.contains("://") {
                            // A full URL redirects another host's paths.
                            index.opaque_redirects = true;
                        }
                    }
                }
            }
            None => index.opaque_redirects = true,
        }
    }
    for other in ["vercel.json", "static.json", "_headers_redirects"] {
        index.opaque_redirects |= site.root.join(other).exists();
    }
}

fn read_text(path: &Path) -> Option<String> {
    let (file, _) = crate::safe_fs::open_regular(path, false).ok()?;
    let mut bytes = Vec::new();
    file.take(MAX_PAGE_BYTES).read_to_end(&mut bytes).ok()?;
    String::from_utf8(bytes).ok()
}

fn build(site: &Site) -> PageIndex {
    let mut index = walk(site);
    index.lower = index
        .urls
        .keys()
        .chain(index.redirects.iter())
        .map(|u| u.to_lowercase())
        .collect();
    let base = site.base_path();
    for (url, source) in &index.urls {
        if let Some(s) = shape(url, &base) {
            let dir = source.parent().map(Path::to_path_buf).unwrap_or_default();
            index.shape_dirs.entry(s.clone()).or_default().insert(dir);
            *index.shapes.entry(s).or_default() += 1;
        }
    }
    host_redirects(site, &mut index);
    index
}

fn walk(site: &Site) -> PageIndex {
    let mut index = PageIndex::default();
    if site.generator == Generator::Plain {
        index.incomplete = true;
        return index;
    }
    let mut stack: Vec<(PathBuf, usize)> = site
        .content
        .iter()
        .map(|f| (site.root.join(&f.path), 0))
        .collect();
    if site.generator == Generator::Hugo {
        for m in &site.hugo_layout().content {
            stack.push((site.root.join(&m.source), 0));
        }
    }
    let real_root = site.root.canonicalize().ok();
    // A content folder that is a link out of the site is not entered.
    stack.retain(
        |(dir, _)| matches!((&real_root, dir.canonicalize()), (Some(r), Ok(d)) if d.starts_with(r)),
    );
    let mut seen = 0usize;
    let mut visited = HashSet::new();
    // The page files in the order met; read after the walk, in parallel.
    let mut pages = Vec::new();
    while let Some((dir, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            index.incomplete = true;
            continue;
        }
        if !visited.insert(dir.clone()) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            index.incomplete = true;
            continue;
        };
        for entry in entries.flatten() {
            seen += 1;
            if seen > MAX_FILES {
                index.incomplete = true;
                stack.clear();
                break;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            // Links are not followed: a link cannot add pages from elsewhere.
            if kind.is_dir() {
                let name = entry.file_name();
                // Output folders, dependencies and version control hold no pages.
                let skip = matches!(
                    name.to_str(),
                    Some(".git" | "node_modules" | "_site" | "public" | ".jekyll-cache")
                ) && site.role(&path) != Role::Content;
                if !skip {
                    stack.push((path, depth + 1));
                }
            } else if kind.is_file() && is_page_file(&path) {
                pages.push(path);
            }
        }
    }
    // Recorded in the walk's order, so the first page of a URL keeps it.
    let (read, lost) = read_pages(site, &pages);
    index.incomplete |= lost;
    for page in read.into_iter().flatten() {
        record(&mut index, page);
    }
    index
}

/// Below this many pages one thread reads them all.
const PARALLEL_FROM: usize = 64;
/// The most threads reading pages at once.
const MAX_THREADS: usize = 8;

/// What one page adds to the index, read by [`read_page_entry`].
#[derive(Debug, PartialEq, Eq)]
struct PageEntry {
    /// Relative to the root.
    rel: PathBuf,
    /// Its output URL, when known.
    url: Option<String>,
    /// A draft or unpublished page: not built.
    draft: bool,
    /// The redirect URLs its front matter asks for.
    redirects: Vec<String>,
}

/// Each of `paths` read and placed, in their order. The index is built
/// while the lint pass waits for it (every file's PL407 needs the whole
/// site), so the pages are read on scoped threads of their own: not on
/// rayon's, whose workers are the ones waiting, and which could steal a
/// lint job that asks for this same index while it is being built. Also
/// says whether pages were lost (a reading thread that panicked).
fn read_pages(site: &Site, paths: &[PathBuf]) -> (Vec<Option<PageEntry>>, bool) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS);
    if paths.len() < PARALLEL_FROM || threads < 2 {
        let read = paths.iter().map(|p| read_page_entry(site, p)).collect();
        return (read, false);
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut lost = false;
    let mut found: Vec<(usize, Option<PageEntry>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = paths.get(i) else { break };
                        mine.push((i, read_page_entry(site, path)));
                    }
                    mine
                })
            })
            .collect();
        let mut all = Vec::new();
        for worker in workers {
            match worker.join() {
                Ok(mine) => all.extend(mine),
                // Its pages are missing: the index says it is incomplete.
                Err(_) => lost = true,
            }
        }
        all
    });
    found.sort_by_key(|(i, _)| *i);
    let mut out: Vec<Option<PageEntry>> = Vec::with_capacity(paths.len());
    let mut found = found.into_iter().peekable();
    for i in 0..paths.len() {
        match found.next_if(|(at, _)| *at == i) {
            Some((_, entry)) => out.push(entry),
            None => out.push(None),
        }
    }
    (out, lost)
}

fn is_page_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn read_page_entry(site: &Site, path: &Path) -> Option<PageEntry> {
    let post = super::super::serve::read_page(path, site.generator)?;
    // A file without front matter is copied as it is, not rendered
    // (Jekyll, Hexo), or is no page postlint can place.
    post.front_matter.as_ref()?;
    if site.role_of(path, Some(&post)) != Role::Content {
        return None;
    }
    let rel = path.strip_prefix(&site.root).unwrap_or(path).to_path_buf();
    let draft = rel.components().any(|c| c.as_os_str() == "_drafts") || unpublished(&post);
    let own = site.output_url(path, &post);
    let base = site.base_path();
    let mut redirects = Vec::new();
    for key in ["aliases", "redirect_from"] {
        let values: Vec<String> = match post.mapping().and_then(|m| m.get(key)) {
            Some(serde_yaml::Value::String(s)) => vec![s.clone()],
            Some(serde_yaml::Value::Sequence(list)) => list
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect(),
            _ => Vec::new(),
        };
        for v in values {
            let v = v.trim();
            if v.is_empty() || v.contains("://") {
                continue;
            }
            if v.starts_with('/') {
                redirects.push(format!("{}{}", base.trim_end_matches('/'), v));
                redirects.push(v.to_string());
                continue;
            }
            // A relative alias: from the top (Zola), from the page's
            // folder or its parent (Hugo's section). Every reading is kept:
            // a redirect only ever stops a finding.
            redirects.push(format!("{base}{v}"));
            if let Some(u) = &own {
                let folder = u.folder().to_string();
                redirects.push(format!("{folder}{v}"));
                let parent = folder.trim_end_matches('/');
                let parent = &parent[..parent.rfind('/').map_or(0, |i| i + 1)];
                redirects.push(format!("{parent}{v}"));
            }
        }
    }
    Some(PageEntry {
        rel,
        url: own.map(|u| u.path),
        draft,
        redirects,
    })
}

/// Adds one page to the index.
fn record(index: &mut PageIndex, page: PageEntry) {
    index.sources.push(page.rel.clone());
    match page.url {
        Some(url) => {
            if !page.draft {
                index.urls.entry(url).or_insert(page.rel);
            }
        }
        None if page.draft => {}
        None => {
            index.unknown += 1;
            let dir = page.rel.parent().map(Path::to_path_buf).unwrap_or_default();
            index.unknown_dirs.insert(dir);
        }
    }
    index.redirects.extend(page.redirects);
}

/// `published: false` (Jekyll), `draft: true` (Hugo, Zola, Hexo).
pub(crate) fn unpublished(post: &Post) -> bool {
    let Some(map) = post.mapping() else {
        return false;
    };
    let is = |key: &str, want: bool| {
        map.get(key).is_some_and(|v| match v {
            serde_yaml::Value::Bool(b) => *b == want,
            serde_yaml::Value::String(s) => s.eq_ignore_ascii_case(&want.to_string()),
            _ => false,
        })
    };
    is("published", false) || is("draft", true)
}

#[cfg(test)]
mod tests {
    use super::super::testing::site;
    use super::*;

    #[test]
    fn pages_redirects_and_unknown_urls() {
        let (_d, s) = site(&[
            ("_config.yml", "permalink: /:year/:month/:day/:title/\n"),
            (
                "_posts/2019-05-14-zendmast.md",
                "---\ntitle: Z\nredirect_from: [/oud/]\n---\n",
            ),
            (
                "_posts/2019-05-15-kabel.md",
                "---\ntitle: K\npermalink: \"{{ x }}\"\n---\n",
            ),
            ("about.md", "---\ntitle: A\n---\n"),
            ("plain.html", "<p>no front matter</p>\n"),
            ("_layouts/post.html", "---\n---\n"),
            ("_drafts/concept.md", "---\ntitle: C\n---\n"),
            (
                "_posts/2019-05-16-weg.md",
                "---\ntitle: W\npublished: false\n---\n",
            ),
        ]);
        let index = s.page_index();
        assert!(index.knows("/2019/05/14/zendmast/"));
        assert!(index.knows("/2019/05/14/zendmast"));
        assert!(index.knows("/2019/05/14/zendmast/index.html"));
        assert!(index.knows("/about.html") && index.knows("/about"));
        assert!(index.knows("/oud/"));
        assert!(!index.knows("/2019/05/14/zendmas/"));
        assert!(
            index.knows("/2019/05/14/Zendmast/"),
            "case is not judged here"
        );
        assert_eq!(index.unknown, 1);
        assert!(
            !index.owns_shape("#4/#2/#2/*"),
            "an unknown post shares `_posts`"
        );
        assert_eq!(index.sources.len(), 5, "{:?}", index.sources);
        assert!(!index.knows("/2019/05/16/weg/"), "not built");
        assert!(!index.incomplete);
        assert_eq!(index.shapes.get("#4/#2/#2/*"), Some(&1));
    }

    #[test]
    fn pages_read_in_parallel_are_recorded_in_the_walks_order() {
        let mut files = vec![(
            "_config.yml".to_string(),
            "permalink: /:title/\n".to_string(),
        )];
        for i in 0..3 * PARALLEL_FROM {
            // Every third page claims the URL of the page before it.
            let fm = if i % 3 == 2 {
                format!(
                    "title: P{i}\npermalink: /p{:03}/\nredirect_from: /o{i}/",
                    i - 1
                )
            } else if i % 7 == 0 {
                format!("title: P{i}\npublished: false")
            } else {
                format!("title: P{i}")
            };
            files.push((
                format!("_posts/2019-05-14-p{i:03}.md"),
                format!("---\n{fm}\n---\n"),
            ));
        }
        files.push((
            "_posts/2019-05-14-geen.md".into(),
            "geen front matter\n".into(),
        ));
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let (_d, s) = site(&files);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(s.root.join("_posts"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        let one_by_one: Vec<_> = paths.iter().map(|p| read_page_entry(&s, p)).collect();
        let (parallel, lost) = read_pages(&s, &paths);
        assert!(!lost);
        assert_eq!(parallel, one_by_one);
        assert_eq!(parallel.iter().flatten().count(), 3 * PARALLEL_FROM);
        let index = s.page_index();
        assert_eq!(index.sources.len(), 3 * PARALLEL_FROM);
        assert!(index.knows("/p001/") && index.knows("/o2/"));
        assert!(!index.incomplete);
    }

    #[test]
    fn shapes_and_redirect_patterns() {
        assert_eq!(shape("/2019/05/14/a/", "/").as_deref(), Some("#4/#2/#2/*"));
        assert_eq!(
            shape("/base/blog/a.html", "/base/").as_deref(),
            Some("blog/*")
        );
        assert_eq!(shape("/blog/feed.xml", "/").as_deref(), Some("blog/*.xml"));
        assert_eq!(shape("/blog/a.html", "/base/"), None);
        assert!(pattern_matches("/blog/*", "/blog/2019/a/"));
        assert!(pattern_matches("/docs/:lang/x", "/docs/en/x/"));
        assert!(!pattern_matches("/docs/:lang/x", "/docs/en/y/"));
        assert!(!pattern_matches("/a", "/a/b"));
    }

    #[test]
    fn netlify_redirects_are_read() {
        let (_d, s) = site(&[
            ("hugo.toml", "title = 'x'\n"),
            ("content/blog/a.md", "---\ntitle: A\n---\n"),
            ("static/_redirects", "# old\n/old/*  /blog/:splat  301\n"),
            (
                "netlify.toml",
                "[[redirects]]\n  from = \"/docs/x\"\n  to = \"/y\"\n[[redirects]]\n  from = \"https://blog.example.org/*\"\n  to = \"/blog/:splat\"\n",
            ),
        ]);
        let index = s.page_index();
        assert!(index.host_redirects("/old/2019/a/"));
        assert!(index.host_redirects("/docs/x/"));
        assert!(!index.host_redirects("/blog/b/"));
        assert!(!index.opaque_redirects);
    }
}
