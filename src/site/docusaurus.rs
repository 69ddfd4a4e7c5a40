//! Docusaurus: `docusaurus.config.{js,ts,mjs}`. Content is in `docs/`,
//! `blog/`, `src/pages/`, the versioned docs, the translations in `i18n/`,
//! and the folders the config gives its docs and blog plugins as literal
//! `path: '…'`; `static/` (or the literal `staticDirectories`) is served
//! at `/`. Names starting with `_` are partials, not pages. The config is
//! never run.
//!
//! A blog post's date comes from its path when it holds one
//! (`2021-08-26-slug.md`, `2021-08-26-slug/index.md`, `2021/08/26/slug.md`),
//! as Docusaurus reads it.

use std::path::{Path, PathBuf};

use super::js_text::{self, balanced, without_comments};
use super::{Folder, Generator, Site, SiteError};

const NAMES: [&str; 3] = [
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
];

const CONTENT: [&str; 5] = ["docs", "blog", "src/pages", "versioned_docs", "i18n"];

pub fn config_in(dir: &Path) -> Option<PathBuf> {
    NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file())
}

pub fn read(root: &Path, config_path: Option<&Path>) -> Result<Site, SiteError> {
    let text = match config_path {
        Some(path) => super::config_file::read_text("Docusaurus", path)?,
        None => String::new(),
    };
    let code = without_comments(&text);
    let mut site = Site::empty(Generator::Docusaurus, root, config_path);
    for folder in CONTENT {
        site.content.push(Folder::new(folder, None));
    }
    for path in js_text::literals(&code, "path") {
        // `path: '../docs'` leaves the site: its files belong to the
        // folder they are in, not to this site.
        if path.starts_with("..") || path.starts_with('/') || path.contains("://") {
            continue;
        }
        let folder = super::clean(Path::new(&path));
        if !folder.as_os_str().is_empty() && !site.content.iter().any(|c| c.path == folder) {
            site.content.push(Folder::new(folder, None));
        }
    }
    let statics = static_directories(&code);
    let statics = if statics.is_empty() {
        vec!["static".to_string()]
    } else {
        statics
    };
    for folder in statics {
        site.statics.push(Folder::new(folder, Some("/")));
    }
    for folder in ["src/theme", "src/components", "src/css"] {
        site.templates.push(PathBuf::from(folder));
    }
    for folder in ["build", ".docusaurus", "node_modules"] {
        site.ignored.push(PathBuf::from(folder));
    }
    site.underscore_keep = Some(Vec::new());
    site.raw = serde_json::Value::String(text);
    Ok(site)
}

/// The literal folders of `staticDirectories: ['static', 'public']`.
fn static_directories(code: &str) -> Vec<String> {
    let Some(at) = code.find("staticDirectories") else {
        return Vec::new();
    };
    let Some(open) = code[at..].find('[').map(|o| at + o) else {
        return Vec::new();
    };
    if !code[at + "staticDirectories".len()..open]
        .trim()
        .trim_matches(['"', '\''])
        .trim()
        .eq(":")
    {
        return Vec::new();
    }
    balanced(code, open)
        .map(|list| {
            js_text::top_level_items(list)
                .into_iter()
                .filter_map(|i| {
                    let inner = i.trim_matches(|c| c == '"' || c == '\'' || c == '`');
                    (inner.len() + 2 == i.len()).then(|| inner.to_string())
                })
                .collect()
        })
        .unwrap_or_default()
}
