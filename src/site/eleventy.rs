//! Eleventy: `eleventy.config.{js,mjs,cjs}` or `.eleventy.js`. The config is
//! JavaScript and is never run: the `dir` folders (`input`, `includes`,
//! `layouts`, `data`, `output`) are read where they are written as string
//! literals, and Eleventy's defaults apply otherwise.

use std::path::{Path, PathBuf};

use super::{Folder, Generator, Site, SiteError};

const NAMES: [&str; 4] = [
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
    ".eleventy.js",
];

pub fn config_in(dir: &Path) -> Option<PathBuf> {
    NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file())
}

/// The string literal after `key:` (`input: "src"`, `"input": 'src'`), the
/// first one in the file.
fn literal(text: &str, key: &str) -> Option<String> {
    let pattern = format!(r#"["']?\b{key}["']?\s*:\s*["'`]([^"'`\n]*)["'`]"#);
    let re = regex::Regex::new(&pattern).ok()?;
    re.captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
}

pub fn read(root: &Path, config_path: Option<&Path>) -> Result<Site, SiteError> {
    let text = match config_path {
        Some(path) => super::config_file::read_text("Eleventy", path)?,
        None => String::new(),
    };
    let mut site = Site::empty(Generator::Eleventy, root, config_path);
    site.raw = serde_json::Value::String(text.clone());
    let input = super::clean(Path::new(&literal(&text, "input").unwrap_or_default()));
    site.content.push(Folder::new(&input, Some("/")));
    // `includes`, `layouts` and `data` are relative to the input folder.
    for (key, default) in [
        ("includes", "_includes"),
        ("layouts", ""),
        ("data", "_data"),
    ] {
        let folder = literal(&text, key).unwrap_or_else(|| default.to_string());
        if !folder.is_empty() {
            site.templates
                .push(input.join(super::clean(Path::new(&folder))));
        }
    }
    let output = literal(&text, "output").unwrap_or_else(|| "_site".to_string());
    site.ignored.push(super::clean(Path::new(&output)));
    site.ignored.push(PathBuf::from("node_modules"));
    Ok(site)
}
