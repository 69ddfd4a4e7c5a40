//! Jekyll: `_config.yml` (or `_config.toml`). Reads `source`, `exclude`,
//! `include`, `collections` and `collections_dir`. Jekyll leaves out names
//! starting with `_` or `.` except `_posts`, `_drafts` and collections.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSetBuilder};
use serde_json::Value;

use super::config_file::{self, string, strings};
use super::{Folder, Generator, Site, SiteError};

/// Underscore folders holding templates and data rather than pages.
pub const TEMPLATE_FOLDERS: [&str; 6] = [
    "_layouts",
    "_includes",
    "_sass",
    "_data",
    "_plugins",
    "_scss",
];

/// What Jekyll 4 always excludes (`Configuration#add_default_excludes`).
const DEFAULT_EXCLUDE: [&str; 9] = [
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle",
    "vendor/cache",
    "vendor/gems",
];

pub fn config_in(dir: &Path) -> Option<PathBuf> {
    ["_config.yml", "_config.yaml", "_config.toml"]
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
}

pub fn read(root: &Path, config_path: Option<&Path>) -> Result<Site, SiteError> {
    let config = match config_path {
        Some(path) => config_file::read("Jekyll", path)?,
        None => Value::Object(serde_json::Map::new()),
    };
    let mut site = Site::empty(Generator::Jekyll, root, config_path);
    site.raw = config.clone();
    let source = PathBuf::from(string(&config, "source").unwrap_or("."));
    let url = config_file::string(&config, "baseurl")
        .filter(|b| !b.is_empty())
        .map(|b| format!("/{}/", b.trim_matches('/')))
        .unwrap_or_else(|| "/".to_string());
    site.content.push(Folder::new(&source, Some(&url)));
    let source = super::clean(&source);
    for folder in TEMPLATE_FOLDERS {
        site.templates.push(source.join(folder));
    }
    // Jekyll's output and cache are never sources.
    let destination = string(&config, "destination").unwrap_or("_site");
    site.ignored
        .push(source.join(super::clean(Path::new(destination))));
    let mut keep = vec!["_posts".to_string(), "_drafts".to_string()];
    match config.get("collections") {
        Some(Value::Object(map)) => keep.extend(map.keys().map(|k| format!("_{k}"))),
        Some(Value::Array(list)) => keep.extend(
            list.iter()
                .filter_map(Value::as_str)
                .map(|k| format!("_{k}")),
        ),
        _ => {}
    }
    // A `collections_dir` holds `_posts` and the collections; it is a
    // plain folder name itself.
    if let Some(dir) = string(&config, "collections_dir") {
        keep.extend(
            super::clean(Path::new(dir))
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned()),
        );
    }
    site.underscore_keep = Some(keep);
    // Jekyll 4 adds its defaults to the config's own list.
    let mut exclude: Vec<String> = strings(&config, "exclude");
    exclude.extend(DEFAULT_EXCLUDE.map(String::from));
    let mut builder = GlobSetBuilder::new();
    for pattern in &exclude {
        let pattern = pattern.trim_matches('/');
        // A pattern Jekyll would match with fnmatch but globset cannot
        // read is left out rather than failing the run.
        if let Ok(glob) = Glob::new(pattern) {
            builder.add(glob);
        }
    }
    site.exclude = builder.build().ok();
    site.include = strings(&config, "include")
        .iter()
        .map(|i| i.trim_matches('/').to_string())
        .collect();
    Ok(site)
}

impl Site {
    /// Whether the config's front matter `defaults` give `key` to the file
    /// at `path`, as Jekyll 4 applies them (`FrontmatterDefaults`): a
    /// scope's `path` is a prefix of the file's path below the source (or a
    /// glob matched on it and its folders), its `type` the file's kind
    /// (`posts`, `drafts`, `pages` or a collection's name).
    pub fn default_supplies(&self, path: &Path, key: &str) -> bool {
        if self.generator != Generator::Jekyll {
            return false;
        }
        let Some(Value::Array(defaults)) = self.raw.get("defaults") else {
            return false;
        };
        let collections_dir = string(&self.raw, "collections_dir")
            .map(|d| super::clean(Path::new(d)))
            .unwrap_or_default();
        let inner = self.inner_path(path);
        let inner = inner.strip_prefix(&collections_dir).unwrap_or(&inner);
        let types = document_types(inner, &self.raw);
        let rel = inner.to_string_lossy().replace('\\', "/");
        defaults.iter().any(|set| {
            let supplies = set
                .get("values")
                .and_then(Value::as_object)
                .is_some_and(|v| v.contains_key(key));
            let scope = set.get("scope");
            supplies
                && scope_type_applies(scope, &types)
                && scope_path_applies(scope, &rel, &collections_dir)
        })
    }
}

/// What Jekyll calls the file's type: `posts` (and `drafts`) below
/// `_posts` (`_drafts`), a collection's name below `_name`, else `pages`.
fn document_types(inner: &Path, config: &Value) -> Vec<String> {
    let collections: Vec<String> = match config.get("collections") {
        Some(Value::Object(map)) => map.keys().cloned().collect(),
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    };
    let folders = inner.parent().map(Path::components).into_iter().flatten();
    for part in folders {
        let name = part.as_os_str().to_string_lossy();
        match name.as_ref() {
            "_posts" => return vec!["posts".to_string()],
            "_drafts" => return vec!["drafts".to_string(), "posts".to_string()],
            _ => {}
        }
        if let Some(label) = name.strip_prefix('_')
            && collections.iter().any(|c| c == label)
        {
            return vec![label.to_string()];
        }
    }
    vec!["pages".to_string()]
}

/// A scope without `type` applies to every type; Jekyll reads the old
/// singular names (`post`, `page`, `draft`) as the plural ones.
fn scope_type_applies(scope: Option<&Value>, types: &[String]) -> bool {
    let Some(wanted) = scope.and_then(|s| s.get("type")).and_then(Value::as_str) else {
        return true;
    };
    let wanted = match wanted {
        "post" => "posts",
        "page" => "pages",
        "draft" => "drafts",
        other => other,
    };
    types.iter().any(|t| t == wanted)
}

/// A scope without a `path` (or an empty one) applies everywhere; a path
/// with `*` is a glob (Jekyll globs the source and takes every file below
/// a match); any other is a plain prefix of the file's path.
fn scope_path_applies(scope: Option<&Value>, rel: &str, collections_dir: &Path) -> bool {
    let Some(scope_path) = scope.and_then(|s| s.get("path")).and_then(Value::as_str) else {
        return true;
    };
    let scope_path = scope_path.trim_start_matches("./").trim_start_matches('/');
    let collections_dir = collections_dir.to_string_lossy();
    let scope_path = if collections_dir.is_empty() {
        scope_path
    } else {
        scope_path
            .strip_prefix(collections_dir.as_ref())
            .map_or(scope_path, |s| s.trim_start_matches('/'))
    };
    if scope_path.is_empty() {
        return true;
    }
    if !scope_path.contains('*') {
        return rel.starts_with(scope_path);
    }
    let Ok(glob) = globset::GlobBuilder::new(scope_path.trim_end_matches('/'))
        .literal_separator(true)
        .build()
    else {
        return false;
    };
    let glob = glob.compile_matcher();
    Path::new(rel).ancestors().any(|a| glob.is_match(a))
}
