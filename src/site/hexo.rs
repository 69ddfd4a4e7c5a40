//! Hexo: `_config.yml` with `new_post_name` or `source_dir`, or a
//! `package.json` naming `hexo`. Pages are below `source_dir` (`source`),
//! where names starting with `_` are left out except `_posts` and `_drafts`;
//! `scaffolds/` and `themes/` are templates.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::config_file::{self, string};
use super::{Folder, Generator, Site, SiteError};

pub fn config_in(dir: &Path) -> Option<PathBuf> {
    let config = dir.join("_config.yml");
    if !config.is_file() {
        return None;
    }
    let hexo_keys = config_file::read_text("Hexo", &config).is_ok_and(|text| {
        text.lines()
            .any(|l| l.starts_with("new_post_name:") || l.starts_with("source_dir:"))
    });
    let hexo_package = config_file::read_text("Hexo", &dir.join("package.json"))
        .is_ok_and(|text| text.contains("\"hexo\""));
    (hexo_keys || hexo_package).then_some(config)
}

pub fn read(root: &Path, config_path: Option<&Path>) -> Result<Site, SiteError> {
    let config = match config_path {
        Some(path) => config_file::read("Hexo", path)?,
        None => Value::Object(serde_json::Map::new()),
    };
    let mut site = Site::empty(Generator::Hexo, root, config_path);
    site.raw = config.clone();
    site.content.push(Folder::new(
        string(&config, "source_dir").unwrap_or("source"),
        Some("/"),
    ));
    for folder in ["scaffolds", "themes"] {
        site.templates.push(PathBuf::from(folder));
    }
    site.ignored.push(PathBuf::from("node_modules"));
    site.ignored.push(super::clean(Path::new(
        string(&config, "public_dir").unwrap_or("public"),
    )));
    site.underscore_keep = Some(vec!["_posts".to_string(), "_drafts".to_string()]);
    Ok(site)
}
