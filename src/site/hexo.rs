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

/// Hexo's `new_post_name` when the config sets none.
const DEFAULT_NEW_POST_NAME: &str = ":title.md";

impl Site {
    /// Whether Hexo's Markdown renderer (hexo-renderer-marked) puts the
    /// root in front of a relative image path (`marked.prependRoot`, on by
    /// default).
    pub fn hexo_prepends_root(&self) -> bool {
        self.hexo_marked("prependRoot").unwrap_or(true)
    }

    /// Whether a relative Markdown image may name a file of the post's
    /// asset folder (`marked.postAsset`, off by default; needs
    /// `post_asset_folder`).
    pub fn hexo_post_asset(&self) -> bool {
        self.hexo_marked("postAsset").unwrap_or(false)
            && self
                .raw
                .get("post_asset_folder")
                .and_then(Value::as_bool)
                .unwrap_or(false)
    }

    fn hexo_marked(&self, key: &str) -> Option<bool> {
        self.raw.get("marked")?.get(key)?.as_bool()
    }

    /// Whether Hexo's post processor reads a date from the name of the post
    /// at `path` (a `Site` of another generator, or none: the default
    /// `:title.md`, which gives none). As `parseFilename` does, the path
    /// below `_posts/` or `_drafts/`, without its extension, must match
    /// `new_post_name` whole, and only `:year`, `:month` (or `:i_month`)
    /// and `:day` (or `:i_day`) together give a date.
    pub fn hexo_date_in_name(site: Option<&Site>, path: &Path) -> bool {
        let pattern = site
            .filter(|s| s.generator == Generator::Hexo)
            .and_then(|s| string(&s.raw, "new_post_name"))
            .unwrap_or(DEFAULT_NEW_POST_NAME);
        let parts: Vec<_> = path.components().collect();
        let Some(at) = parts
            .iter()
            .rposition(|c| c.as_os_str() == "_posts" || c.as_os_str() == "_drafts")
        else {
            return false;
        };
        let below: PathBuf = parts[at + 1..].iter().collect();
        let below = below.with_extension("");
        let below = below.to_string_lossy();
        date_from_name(pattern, &below)
    }
}

/// What Hexo's `parseFilename` reads from a post's path below `_posts/`
/// (without extension) through `new_post_name`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PostName {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// The post's `:title`: what the pattern's `:title` matched, else the
    /// whole path slugized (`travel/2023-06-07-lisbon` gives
    /// `travel-2023-06-07-lisbon`, as the real Hexo builds it).
    pub title: String,
}

/// `name` (a post's path below `_posts/`, without extension) read through
/// `new_post_name` as Hexo's `parseFilename` does.
pub fn parse_post_name(new_post_name: &str, name: &str) -> PostName {
    let rule = Path::new(new_post_name).with_extension("");
    let rule = rule.to_string_lossy();
    let mut regex = String::from("^");
    let mut names = Vec::new();
    let mut rest = rule.as_ref();
    while let Some(at) = rest.find(':') {
        regex.push_str(&regex::escape(&rest[..at]));
        let after = &rest[at + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let segment = &after[..len];
        regex.push_str(match segment {
            "" => ":",
            "year" => r"(\d{4})",
            "month" | "day" => r"(\d{2})",
            "i_month" | "i_day" => r"(\d{1,2})",
            "hash" => "([0-9a-f]{12})",
            _ => "(.+?)",
        });
        if !segment.is_empty() {
            names.push(segment);
        }
        rest = &after[len..];
    }
    regex.push_str(&regex::escape(rest));
    regex.push('$');
    let whole = PostName {
        title: slugize(name),
        ..PostName::default()
    };
    let Some(caps) = regex::Regex::new(&regex)
        .ok()
        .and_then(|r| r.captures(name))
    else {
        return whole;
    };
    let mut out = PostName::default();
    let mut title = None;
    for (i, segment) in names.iter().enumerate() {
        let Some(text) = caps.get(i + 1).map(|m| m.as_str()) else {
            continue;
        };
        match *segment {
            "year" => out.year = text.parse().ok(),
            "month" | "i_month" => out.month = text.parse().ok(),
            "day" | "i_day" => out.day = text.parse().ok(),
            "title" => title = Some(text.to_string()),
            _ => {}
        }
    }
    out.title = title.unwrap_or(whole.title);
    out
}

/// Hexo's `slugize` with its defaults: runs of white space and of the
/// punctuation it escapes become one `-`, trimmed at both ends.
fn slugize(text: &str) -> String {
    const SPECIAL: &str = "~`!@#$%^&*()-_+=[]{}|\\;:\"'<>,.?/";
    let mut out = String::new();
    for c in text.chars() {
        if c.is_whitespace() || SPECIAL.contains(c) {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c);
        }
    }
    out.trim_matches('-').to_string()
}

/// Whether `name` (a post's path below `_posts/`, without extension)
/// matches `new_post_name` and so gives a year, a month and a day.
fn date_from_name(new_post_name: &str, name: &str) -> bool {
    let parsed = parse_post_name(new_post_name, name);
    parsed.year.is_some() && parsed.month.is_some() && parsed.day.is_some()
}
