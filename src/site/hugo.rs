//! Hugo: `hugo.{toml,yaml,json}`, `config.{toml,yaml,json}` (without Zola's
//! `base_url`) or `config/_default/`. Reads `contentDir`, `staticDir` (one or
//! a list), the languages' `contentDir` and the module mounts into `content`
//! and `static`. Only files below the content folders are pages.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::config_file::{self, string, strings};
use super::{Folder, Generator, Site, SiteError};

/// Hugo's folders of templates and data, and its output.
const TEMPLATE_FOLDERS: [&str; 6] = ["layouts", "archetypes", "themes", "assets", "data", "i18n"];
const OUTPUT_FOLDERS: [&str; 3] = ["public", "resources", "node_modules"];

const NAMES: [&str; 3] = ["toml", "yaml", "json"];

pub fn config_in(dir: &Path) -> Option<PathBuf> {
    for ext in NAMES {
        let hugo = dir.join(format!("hugo.{ext}"));
        if hugo.is_file() {
            return Some(hugo);
        }
    }
    for ext in NAMES {
        let config = dir.join(format!("config.{ext}"));
        if config.is_file() && !super::zola::is_zola(&config) {
            return Some(config);
        }
    }
    let defaults = dir.join("config").join("_default");
    for name in ["hugo", "config"] {
        for ext in NAMES {
            let file = defaults.join(format!("{name}.{ext}"));
            if file.is_file() {
                return Some(file);
            }
        }
    }
    None
}

/// Hugo reads its keys case-insensitively (`contentDir`, `contentdir`).
fn get<'a>(config: &'a Value, key: &str) -> Option<&'a Value> {
    config
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

pub fn read(root: &Path, config_path: Option<&Path>) -> Result<Site, SiteError> {
    let config = match config_path {
        Some(path) => config_file::read("Hugo", path)?,
        None => Value::Object(serde_json::Map::new()),
    };
    let mut site = Site::empty(Generator::Hugo, root, config_path);
    site.raw = config.clone();
    let content = get(&config, "contentDir")
        .and_then(Value::as_str)
        .unwrap_or("content");
    site.content.push(Folder::new(content, Some("/")));
    if let Some(Value::Object(languages)) = get(&config, "languages") {
        for (lang, settings) in languages {
            if let Some(dir) = get(settings, "contentDir").and_then(Value::as_str) {
                site.content
                    .push(Folder::new(dir, Some(&format!("/{lang}/"))));
            }
        }
    }
    let statics = match get(&config, "staticDir") {
        Some(v @ (Value::String(_) | Value::Array(_))) => {
            let mut wrapper = serde_json::Map::new();
            wrapper.insert("s".into(), v.clone());
            strings(&Value::Object(wrapper), "s")
        }
        _ => vec!["static".to_string()],
    };
    for dir in statics {
        site.statics.push(Folder::new(dir, Some("/")));
    }
    if let Some(mounts) = get(&config, "module")
        .and_then(|m| get(m, "mounts"))
        .and_then(Value::as_array)
    {
        for mount in mounts {
            let (Some(source), Some(target)) = (string(mount, "source"), string(mount, "target"))
            else {
                continue;
            };
            if target == "content" || target.starts_with("content/") {
                let url = format!(
                    "/{}",
                    target.trim_start_matches("content").trim_start_matches('/')
                );
                site.content.push(Folder::new(source, Some(&url)));
            } else if target == "static" || target.starts_with("static/") {
                let url = format!(
                    "/{}",
                    target.trim_start_matches("static").trim_start_matches('/')
                );
                site.statics.push(Folder::new(source, Some(&url)));
            }
        }
    }
    for folder in TEMPLATE_FOLDERS {
        site.templates.push(PathBuf::from(folder));
    }
    for folder in OUTPUT_FOLDERS {
        site.ignored.push(PathBuf::from(folder));
    }
    Ok(site)
}
