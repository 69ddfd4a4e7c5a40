//! Hugo pages that are never rendered: `build: {render: never}` (or the
//! older `_build: {render: false}`) and `headless: true` in a page's own
//! front matter, or cascaded to it from an `_index.md` above it or from
//! the config's `cascade` (matched on the page's path with `target.path`).
//! Sites keep Markdown snippets there for shortcodes to include
//! (OpenTelemetry's `_includes`, gohugo.io's `_common`): they are not posts.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use globset::{GlobBuilder, GlobMatcher};
use serde_json::Value;

use super::get;

/// The most of a file read to find its front matter; real ones are a few KiB.
const MAX_HEAD: u64 = 64 * 1024;

/// A config cascade that stops rendering: the pages it targets.
#[derive(Debug)]
struct Target {
    /// `target.path`, on the page's path (`/docs/_includes/intro`); `None`: every page.
    path: Option<GlobMatcher>,
    /// `target.kind` (`page`, `section`, `{home,section}`); `None`: every kind.
    kind: Option<GlobMatcher>,
}

/// What the site's config and `_index.md` files say is never rendered.
#[derive(Debug)]
pub struct Unrendered {
    /// Config cascades with `build.render: never`.
    targets: Vec<Target>,
    /// Content folders (relative to the site root) and the path below
    /// `content` they are mounted at (`docs` for `target: content/docs`).
    logical: Vec<(PathBuf, String)>,
    /// Per folder (absolute): whether an `_index.md` in it cascades "never
    /// render" to the pages below it. Each read once.
    cascades: Mutex<HashMap<PathBuf, bool>>,
}

/// Whether a front matter `build` (or `_build`) map says "never render".
fn never_rendered(build: Option<&Value>) -> bool {
    let Some(build) = build else {
        return false;
    };
    matches!(
        get(build, "render"),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("never")
    ) || matches!(get(build, "render"), Some(Value::Bool(false)))
}

/// Whether a map of page settings (front matter, or one cascade entry)
/// stops rendering.
fn stops_rendering(values: &Value) -> bool {
    never_rendered(get(values, "build").or_else(|| get(values, "_build")))
}

/// A glob as Hugo matches it: `/` separates, `**` crosses folders,
/// `{a,b}` alternates; case-insensitive, as Hugo lower-cases page paths.
fn glob(pattern: &str) -> Option<GlobMatcher> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .case_insensitive(true)
        .empty_alternates(true)
        .build()
        .ok()
        .map(|g| g.compile_matcher())
}

/// The target of one cascade entry (`target`, or the older `_target`).
fn target_of(entry: &Value) -> Option<Target> {
    let target = get(entry, "target").or_else(|| get(entry, "_target"));
    let field = |name: &str| {
        target
            .and_then(|t| get(t, name))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    // A cascade for another environment does not apply to the build.
    if field("environment").is_some_and(|e| !glob(e).is_some_and(|g| g.is_match("production"))) {
        return None;
    }
    Some(Target {
        path: match field("path") {
            Some(p) => Some(glob(p)?),
            None => None,
        },
        kind: match field("kind") {
            Some(k) => Some(glob(k)?),
            None => None,
        },
    })
}

/// The cascade entries of `cascade` (one map, or a list of them) that stop
/// rendering.
fn stopping_targets(cascade: Option<&Value>) -> Vec<Target> {
    let entries: Vec<&Value> = match cascade {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(map @ Value::Object(_)) => vec![map],
        _ => Vec::new(),
    };
    entries
        .into_iter()
        .filter(|e| stops_rendering(e))
        .filter_map(target_of)
        .collect()
}

/// The front matter of the file at `path` as a JSON value, if it has one
/// that parses. Never follows a link; reads at most [`MAX_HEAD`] bytes.
fn front_matter(path: &Path) -> Option<Value> {
    let (file, _) = crate::safe_fs::open_regular(path, false).ok()?;
    let mut bytes = Vec::new();
    file.take(MAX_HEAD).read_to_end(&mut bytes).ok()?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let post = crate::post::Post::parse(path.to_path_buf(), text, MAX_HEAD as usize);
    serde_json::to_value(post.mapping()?).ok()
}

impl Unrendered {
    pub(super) fn new(config: &Value, logical: Vec<(PathBuf, String)>) -> Unrendered {
        Unrendered {
            targets: stopping_targets(get(config, "cascade")),
            logical,
            cascades: Mutex::default(),
        }
    }

    /// Whether the content file `rel` (relative to the site `root`) is a
    /// page Hugo never renders. `post`, when the caller has parsed the file
    /// already, gives its front matter without reading the file again.
    pub fn covers(&self, root: &Path, rel: &Path, post: Option<&crate::post::Post>) -> bool {
        let is_file = |name: &str| rel.file_stem().is_some_and(|s| s == name);
        let list_page = is_file("_index");
        if self.by_config(rel, list_page) {
            return true;
        }
        let own = match post {
            Some(post) => post.mapping().and_then(|m| serde_json::to_value(m).ok()),
            None => front_matter(&root.join(rel)),
        };
        if let Some(fm) = &own {
            if stops_rendering(fm) || get(fm, "headless").and_then(Value::as_bool) == Some(true) {
                return true;
            }
            // The page's own `build.render` overrides any cascade
            // (gohugo.io's glossary list page renders; its terms do not).
            let build = get(fm, "build").or_else(|| get(fm, "_build"));
            if build.and_then(|b| get(b, "render")).is_some() {
                return false;
            }
        }
        // A cascade reaches the pages below its `_index.md`; one that stops
        // rendering makes that list page a headless bundle too (it holds
        // nothing but the cascade).
        let Some(start) = rel.parent() else {
            return false;
        };
        let content_root = self
            .logical
            .iter()
            .filter(|(source, _)| rel.starts_with(source))
            .map(|(source, _)| source.as_path())
            .max_by_key(|s| s.components().count())
            .unwrap_or(Path::new(""));
        start
            .ancestors()
            .take_while(|a| a.starts_with(content_root))
            .any(|a| self.folder_cascades(&root.join(a)))
    }

    /// Whether the config's cascade stops rendering the page at `rel`.
    fn by_config(&self, rel: &Path, list_page: bool) -> bool {
        if self.targets.is_empty() {
            return false;
        }
        let Some(path) = self.page_path(rel, list_page) else {
            return false;
        };
        let kind = if !list_page {
            "page"
        } else if path == "/" {
            "home"
        } else {
            "section"
        };
        self.targets.iter().any(|t| {
            t.path.as_ref().is_none_or(|g| g.is_match(&path))
                && t.kind.as_ref().is_none_or(|g| g.is_match(kind))
        })
    }

    /// The page's path as Hugo's cascade targets see it: below the
    /// content root, without extension, a list page as its folder
    /// (`/docs/_includes/intro`, `/docs`).
    fn page_path(&self, rel: &Path, list_page: bool) -> Option<String> {
        let (source, mounted_at) = self
            .logical
            .iter()
            .filter(|(source, _)| rel.starts_with(source))
            .max_by_key(|(source, _)| source.components().count())?;
        let inner = rel.strip_prefix(source).ok()?;
        let inner = if list_page {
            inner.parent().unwrap_or(Path::new("")).to_path_buf()
        } else {
            inner.with_extension("")
        };
        let mut path = String::new();
        for part in Path::new(mounted_at).components().chain(inner.components()) {
            path.push('/');
            path.push_str(&part.as_os_str().to_string_lossy().to_lowercase());
        }
        if path.is_empty() {
            path.push('/');
        }
        Some(path)
    }

    /// Whether `folder`'s `_index.md` (or `.html`) cascades "never render".
    fn folder_cascades(&self, folder: &Path) -> bool {
        if let Ok(cache) = self.cascades.lock()
            && let Some(known) = cache.get(folder)
        {
            return *known;
        }
        let found = ["_index.md", "_index.markdown", "_index.html"]
            .iter()
            .map(|name| folder.join(name))
            .find(|p| p.is_file())
            .and_then(|p| front_matter(&p))
            .is_some_and(|fm| {
                // Only a cascade with no target path, or one any page
                // below matches, is taken: Hugo matches the target on each
                // page, and a narrower one is rare in snippet folders.
                stopping_targets(get(&fm, "cascade"))
                    .iter()
                    .any(|t| t.path.is_none() && t.kind.as_ref().is_none_or(|k| k.is_match("page")))
            });
        if let Ok(mut cache) = self.cascades.lock() {
            cache.insert(folder.to_path_buf(), found);
        }
        found
    }
}
