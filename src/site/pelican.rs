//! Pelican: `pelicanconf.py`. The config is Python and is never run: `PATH`
//! and `STATIC_PATHS` are read where they are string literals. Pages are
//! below `PATH` (the site's folder when unset).

use std::path::{Path, PathBuf};

use super::{Folder, Generator, Site, SiteError};

pub fn config_in(dir: &Path) -> Option<PathBuf> {
    let config = dir.join("pelicanconf.py");
    config.is_file().then_some(config)
}

/// The value of `NAME = ...` at the start of a line, up to the line's end.
fn assignment<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.lines().rev().find_map(|line| {
        let rest = line.strip_prefix(name)?.trim_start();
        rest.strip_prefix('=').map(str::trim)
    })
}

/// The string literals in `value` (`'images'`, `"extra/robots.txt"`).
fn literals(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(start) = rest.find(['\'', '"']) {
        let quote = rest[start..].chars().next().unwrap_or('"');
        let after = &rest[start + 1..];
        let Some(end) = after.find(quote) else {
            break;
        };
        out.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    out
}

pub fn read(root: &Path, config_path: Option<&Path>) -> Result<Site, SiteError> {
    let text = match config_path {
        Some(path) => super::config_file::read_text("Pelican", path)?,
        None => String::new(),
    };
    let mut site = Site::empty(Generator::Pelican, root, config_path);
    site.raw = serde_json::Value::String(text.clone());
    let path = assignment(&text, "PATH")
        .and_then(|v| literals(v).into_iter().next())
        .unwrap_or_default();
    let path = super::clean(Path::new(&path));
    site.content.push(Folder::new(&path, Some("/")));
    let statics = assignment(&text, "STATIC_PATHS")
        .map(literals)
        .unwrap_or_else(|| vec!["images".to_string()]);
    for dir in statics {
        site.statics
            .push(Folder::new(path.join(&dir), Some(&format!("/{dir}/"))));
    }
    site.ignored.push(PathBuf::from("output"));
    site.templates.push(PathBuf::from("themes"));
    Ok(site)
}
