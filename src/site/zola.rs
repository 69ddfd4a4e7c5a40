//! Zola: `config.toml` with `base_url`. Pages are below `content/`; static
//! files below `static/`; `templates/`, `themes/` and `sass/` are not pages.

use std::path::{Path, PathBuf};

use super::{Folder, Generator, Site, SiteError};

pub fn config_in(dir: &Path) -> Option<PathBuf> {
    let config = dir.join("config.toml");
    (config.is_file() && is_zola(&config)).then_some(config)
}

/// Whether `config.toml` is Zola's: it has a top-level `base_url`. Read
/// leniently (a config that does not parse is not decided here).
pub fn is_zola(config: &Path) -> bool {
    if config.extension().is_none_or(|e| e != "toml") {
        return false;
    }
    super::config_file::read_text("Zola", config).is_ok_and(|text| {
        text.lines()
            .take_while(|l| !l.trim_start().starts_with('['))
            .any(|l| {
                l.trim_start()
                    .strip_prefix("base_url")
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
    })
}

pub fn read(root: &Path, config_path: Option<&Path>) -> Result<Site, SiteError> {
    // Read to report a broken config; Zola's folders are fixed.
    let raw = match config_path {
        Some(path) => super::config_file::read("Zola", path)?,
        None => serde_json::Value::Object(serde_json::Map::new()),
    };
    let mut site = Site::empty(Generator::Zola, root, config_path);
    site.raw = raw;
    site.content.push(Folder::new("content", Some("/")));
    site.statics.push(Folder::new("static", Some("/")));
    for folder in ["templates", "themes", "sass"] {
        site.templates.push(PathBuf::from(folder));
    }
    site.ignored.push(PathBuf::from("public"));
    Ok(site)
}

/// Whether a file below `content/` is a page: Zola renders only Markdown
/// there and copies every other file beside its page as an asset
/// (blog.rust-lang.org's `Rust-1.60.0/2022-04-07-timing.html`).
pub fn is_page(inner: &Path) -> bool {
    inner.extension().is_some_and(|e| e == "md")
}
