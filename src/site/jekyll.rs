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
