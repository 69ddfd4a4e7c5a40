//! Next.js: `next.config.{js,mjs,ts}`. Markdown and MDX pages are below
//! `pages/`, `app/`, `src/pages/` or `src/app/`, and below the folders the
//! config names as literal `./folder` paths that exist (a content folder
//! read by an MDX loader); `public/` is served at `/`. The config is never
//! run. The site is the config's folder, so a monorepo's `apps/site/` is a
//! site of its own (nodejs.org).

use std::path::{Path, PathBuf};

use super::js_text::without_comments;
use super::{Folder, Generator, Site, SiteError};

const NAMES: [&str; 3] = ["next.config.js", "next.config.mjs", "next.config.ts"];

/// Where Next.js routes pages from.
const PAGE_FOLDERS: [&str; 4] = ["pages", "app", "src/pages", "src/app"];

/// Folders a config names that are never content: its build output, its
/// dependencies, its static files.
const NOT_CONTENT: [&str; 5] = ["node_modules", ".next", "out", "public", "."];

pub fn config_in(dir: &Path) -> Option<PathBuf> {
    NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file())
}

pub fn read(root: &Path, config_path: Option<&Path>) -> Result<Site, SiteError> {
    let text = match config_path {
        Some(path) => super::config_file::read_text("Next.js", path)?,
        None => String::new(),
    };
    let mut site = Site::empty(Generator::Next, root, config_path);
    for folder in PAGE_FOLDERS {
        site.content.push(Folder::new(folder, Some("/")));
    }
    for folder in named_folders(&without_comments(&text)) {
        let Some(first) = folder.components().next() else {
            continue;
        };
        let skip = NOT_CONTENT.iter().any(|n| first.as_os_str() == *n);
        let exists = root.join(&folder).is_dir();
        if !skip && exists && !site.content.iter().any(|c| c.path == folder) {
            site.content.push(Folder::new(&folder, None));
        }
    }
    site.statics.push(Folder::new("public", Some("/")));
    site.ignored.push(PathBuf::from("node_modules"));
    site.ignored.push(PathBuf::from(".next"));
    site.ignored.push(PathBuf::from("out"));
    site.raw = serde_json::Value::String(text);
    Ok(site)
}

/// The `'./folder'` string literals of the config, as clean relative paths.
fn named_folders(code: &str) -> Vec<PathBuf> {
    let Ok(re) = regex::Regex::new(r#"["'`]\./([A-Za-z0-9_][A-Za-z0-9_./-]*?)/?["'`]"#) else {
        return Vec::new();
    };
    re.captures_iter(code)
        .filter_map(|c| c.get(1))
        .map(|m| super::clean(Path::new(m.as_str())))
        .filter(|p| !p.as_os_str().is_empty())
        .collect()
}
