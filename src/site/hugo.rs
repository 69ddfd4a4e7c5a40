//! Hugo: `hugo.{toml,yaml,json}`, `config.{toml,yaml,json}` (without Zola's
//! `base_url`) and the split files of `config/_default/` (then
//! `config/production/`, the environment `hugo` builds), merged as Hugo
//! merges them. Reads `contentDir`, `staticDir` (one or a list), the
//! languages' `contentDir` and the module mounts into `content` and
//! `static`. Only files below the content folders are pages; pages Hugo
//! never renders (`build: {render: never}`, `headless: true`, in their own
//! front matter or cascaded) are snippets for shortcodes, not posts.

mod render;

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::config_file::{self, string};
use super::{Folder, Generator, Site, SiteError};

pub use render::Unrendered;

/// Hugo's folders of templates and data, and its output.
const TEMPLATE_FOLDERS: [&str; 6] = ["layouts", "archetypes", "themes", "assets", "data", "i18n"];
const OUTPUT_FOLDERS: [&str; 3] = ["public", "resources", "node_modules"];

const NAMES: [&str; 3] = ["toml", "yaml", "json"];

/// The config folder's environments, in the order Hugo merges them for a
/// build (`hugo` builds for `production`).
const ENVIRONMENTS: [&str; 2] = ["_default", "production"];

/// The most split config files read from one environment folder.
const MAX_SPLIT_FILES: usize = 200;

/// The root config file in `dir` (`hugo.*`, else `config.*` that is not
/// Zola's), if any.
fn root_file(dir: &Path) -> Option<PathBuf> {
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
    None
}

/// The config files of one environment folder (`config/_default`), sorted
/// by name, each with the top-level key it stands for: `None` for
/// `hugo.*`/`config.*` (the root), `Some("module")` for `module.yaml`,
/// `Some("languages.fr.menus")`-like paths for `menus.fr.toml`.
fn split_files(dir: &Path) -> Vec<(PathBuf, Option<Vec<String>>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| NAMES.contains(&e))
        })
        .take(MAX_SPLIT_FILES)
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let stem = path.file_stem()?.to_str()?.to_string();
            let key = match stem.split_once('.') {
                _ if stem == "hugo" || stem == "config" => None,
                // `menus.en.toml` is the `menus` of language `en`.
                Some((key, lang)) if !lang.contains('.') => Some(vec![
                    "languages".to_string(),
                    lang.to_string(),
                    key.to_string(),
                ]),
                Some(_) => return None,
                None => Some(vec![stem]),
            };
            Some((path, key))
        })
        .collect()
}

pub fn config_in(dir: &Path) -> Option<PathBuf> {
    if let Some(file) = root_file(dir) {
        return Some(file);
    }
    // A config folder alone makes a Hugo site; name its main file when it
    // has one, else the folder.
    let defaults = dir.join("config").join("_default");
    let files = split_files(&defaults);
    if files.is_empty() {
        return None;
    }
    let main = files
        .iter()
        .find(|(_, key)| key.is_none())
        .map(|(path, _)| path.clone());
    Some(main.unwrap_or(defaults))
}

/// Hugo reads its keys case-insensitively (`contentDir`, `contentdir`).
pub(super) fn get<'a>(config: &'a Value, key: &str) -> Option<&'a Value> {
    config
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

/// Merges `from` into `into`: maps key by key (keys in any case, as Hugo
/// reads them), anything else replaced, so the later file wins.
fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(into), Value::Object(from)) => {
            for (key, value) in from {
                let existing = into
                    .keys()
                    .find(|k| k.eq_ignore_ascii_case(&key))
                    .cloned()
                    .unwrap_or(key);
                match into.get_mut(&existing) {
                    Some(slot) => merge(slot, value),
                    None => {
                        into.insert(existing, value);
                    }
                }
            }
        }
        (into, from) => *into = from,
    }
}

/// `value` placed at `path` (`["languages", "en", "menus"]`).
fn nested(path: &[String], value: Value) -> Value {
    path.iter().rev().fold(value, |inner, key| {
        let mut map = Map::new();
        map.insert(key.clone(), inner);
        Value::Object(map)
    })
}

/// The whole config as Hugo merges it: the root file, then each
/// environment folder's files in name order, later ones winning.
fn read_config(root: &Path, config_path: Option<&Path>) -> Result<Value, SiteError> {
    let mut config = Value::Object(Map::new());
    let root_config = root_file(root).or_else(|| {
        // `[site] generator = "hugo"` with a config named elsewhere.
        config_path
            .filter(|p| p.is_file() && p.parent() == Some(root))
            .map(Path::to_path_buf)
    });
    if let Some(path) = &root_config {
        merge(&mut config, config_file::read("Hugo", path)?);
    }
    for environment in ENVIRONMENTS {
        for (path, key) in split_files(&root.join("config").join(environment)) {
            let value = config_file::read("Hugo", &path)?;
            match key {
                None => merge(&mut config, value),
                Some(key) => merge(&mut config, nested(&key, value)),
            }
        }
    }
    Ok(config)
}

/// The language whose pages are served at the site root: the config's
/// `defaultContentLanguage` (`en` by default), unless
/// `defaultContentLanguageInSubdir` puts it in its own folder too.
fn root_language(config: &Value) -> Option<String> {
    if get(config, "defaultContentLanguageInSubdir").and_then(Value::as_bool) == Some(true) {
        return None;
    }
    Some(
        get(config, "defaultContentLanguage")
            .and_then(Value::as_str)
            .unwrap_or("en")
            .to_lowercase(),
    )
}

/// The URL prefix of a language's pages.
fn language_url(config: &Value, lang: &str) -> String {
    if root_language(config).is_some_and(|r| r.eq_ignore_ascii_case(lang)) {
        "/".to_string()
    } else {
        format!("/{}/", lang.to_lowercase())
    }
}

/// The languages a mount is restricted to: its `lang` (older Hugo) or its
/// `sites: {matrix: {languages: [..]}}`. Empty: every language.
fn mount_languages(mount: &Value) -> Vec<String> {
    if let Some(lang) = get(mount, "lang").and_then(Value::as_str) {
        return vec![lang.to_string()];
    }
    let languages = get(mount, "sites")
        .and_then(|s| get(s, "matrix"))
        .and_then(|m| get(m, "languages"));
    config_file::string_list(languages).unwrap_or_default()
}

/// `target` below `component` (`content/docs` below `content`): the rest,
/// `""` for the component itself.
fn below<'a>(target: &'a str, component: &str) -> Option<&'a str> {
    let target = target.trim_matches('/');
    let rest = target.strip_prefix(component)?;
    if rest.is_empty() {
        Some("")
    } else {
        rest.strip_prefix('/')
    }
}

/// Joins a URL prefix and a path below it: `/fr/` + `docs` is `/fr/docs/`.
fn url_join(prefix: &str, rest: &str) -> String {
    let rest = rest.trim_matches('/');
    if rest.is_empty() {
        prefix.to_string()
    } else {
        format!("{}/{rest}/", prefix.trim_end_matches('/'))
    }
}

pub fn read(root: &Path, config_path: Option<&Path>) -> Result<Site, SiteError> {
    let config = read_config(root, config_path)?;
    let mut site = Site::empty(Generator::Hugo, root, config_path);
    let mut logical = Vec::new();
    let mounts: Vec<&Value> = get(&config, "module")
        .and_then(|m| get(m, "mounts"))
        .and_then(Value::as_array)
        .map(|m| m.iter().collect())
        .unwrap_or_default();
    // A mount for a component replaces that component's default folder.
    let mounted = |component: &str| {
        mounts.iter().any(|m| {
            string(m, "target")
                .or_else(|| get(m, "target").and_then(Value::as_str))
                .and_then(|t| below(t, component))
                .is_some()
        })
    };
    let content_mounted = mounted("content");
    let static_mounted = mounted("static");
    if !content_mounted {
        let content = get(&config, "contentDir")
            .and_then(Value::as_str)
            .unwrap_or("content");
        let url = root_language(&config).map_or_else(
            || language_url(&config, "en"),
            |lang| language_url(&config, &lang),
        );
        site.content.push(Folder::new(content, Some(&url)));
        logical.push((super::clean(Path::new(content)), String::new()));
        if let Some(Value::Object(languages)) = get(&config, "languages") {
            for (lang, settings) in languages {
                if let Some(dir) = get(settings, "contentDir").and_then(Value::as_str) {
                    site.content
                        .push(Folder::new(dir, Some(&language_url(&config, lang))));
                    logical.push((super::clean(Path::new(dir)), String::new()));
                }
            }
        }
    }
    if !static_mounted {
        let statics = config_file::string_list(get(&config, "staticDir"))
            .unwrap_or_else(|| vec!["static".to_string()]);
        for dir in statics {
            site.statics.push(Folder::new(dir, Some("/")));
        }
    }
    for mount in &mounts {
        let source = get(mount, "source").and_then(Value::as_str);
        let target = get(mount, "target").and_then(Value::as_str);
        let (Some(source), Some(target)) = (source, target) else {
            continue;
        };
        let languages = mount_languages(mount);
        // One language: its URL prefix; several: not one URL.
        let prefix = match languages.as_slice() {
            [] => Some("/".to_string()),
            [lang] => Some(language_url(&config, lang)),
            _ => None,
        };
        if let Some(rest) = below(target, "content") {
            let url = prefix.as_deref().map(|p| url_join(p, rest));
            site.content.push(Folder::new(source, url.as_deref()));
            logical.push((super::clean(Path::new(source)), rest.to_string()));
        } else if let Some(rest) = below(target, "static") {
            site.statics
                .push(Folder::new(source, Some(&url_join("/", rest))));
        }
    }
    for folder in TEMPLATE_FOLDERS {
        site.templates.push(PathBuf::from(folder));
    }
    for folder in OUTPUT_FOLDERS {
        site.ignored.push(PathBuf::from(folder));
    }
    site.hugo = Some(std::sync::Arc::new(Unrendered::new(&config, logical)));
    site.raw = config;
    Ok(site)
}

/// Where a Hugo page's date comes from, per its config's
/// `[frontmatter] date` (Hugo's default: `date`, `publishDate`, `pubDate`,
/// `published`, `lastmod`, `modified`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateSources {
    /// Front matter keys, lower-case.
    pub keys: Vec<String>,
    /// `:filename`: a `YYYY-MM-DD-` file or bundle name.
    pub filename: bool,
    /// `:git` or `:fileModTime`: every page has one.
    pub always: bool,
}

const DEFAULT_DATE_KEYS: [&str; 6] = [
    "date",
    "publishdate",
    "pubdate",
    "published",
    "lastmod",
    "modified",
];

/// The date sources of the site whose config is `config`.
pub fn date_sources(config: &Value) -> DateSources {
    let configured = get(config, "frontmatter").and_then(|f| get(f, "date"));
    let entries =
        config_file::string_list(configured).unwrap_or_else(|| vec![":default".to_string()]);
    let mut sources = DateSources {
        keys: Vec::new(),
        filename: false,
        always: false,
    };
    for entry in entries {
        match entry.to_lowercase().as_str() {
            ":default" => sources.keys.extend(DEFAULT_DATE_KEYS.map(String::from)),
            ":filename" => sources.filename = true,
            ":git" | ":filemodtime" => sources.always = true,
            key => sources.keys.push(key.trim_start_matches(':').to_string()),
        }
    }
    sources
}

/// Sections named like a blog: the only places a Hugo page is expected to
/// carry a date. Hugo requires none, and docs pages, landing pages and
/// snippets have none on purpose (gohugo.io's 945 docs pages).
pub const DATED_SECTIONS: [&str; 4] = ["posts", "post", "blog", "news"];

/// Whether a page at `path` (relative to the working folder or absolute)
/// of `site` lies in a dated section: a folder named in
/// [`DATED_SECTIONS`] between its content folder and the file.
pub fn in_dated_section(site: &Site, path: &Path) -> bool {
    let inner = site.inner_path(path);
    let folders = inner.parent().map(Path::components).into_iter().flatten();
    folders.into_iter().any(|c| {
        let name = c.as_os_str().to_string_lossy().to_lowercase();
        DATED_SECTIONS.contains(&name.as_str())
    })
}

impl Site {
    /// Whether Hugo would want a `date` in the front matter `keys` of the
    /// page at `path`, of `site` (or of a Hugo site with the default config,
    /// when the settings name the generator without a site). Hugo requires
    /// no date anywhere; a page is expected to have one only where the
    /// site dates its pages, in a section named like a blog
    /// ([`DATED_SECTIONS`]), and only when the config's `[frontmatter]
    /// date` does not take it from elsewhere: any of its keys (`date`,
    /// `publishDate`, `lastmod`… in any case), `:filename` with a
    /// `YYYY-MM-DD-` name, `:git` with `enableGitInfo`, `:fileModTime`.
    pub fn hugo_date_expected(site: Option<&Site>, path: &Path, keys: &[String]) -> bool {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        // A list page is titled and dated by its section.
        if stem == "_index" {
            return false;
        }
        let null = Value::Null;
        let config = site.map_or(&null, |s| &s.raw);
        let sources = date_sources(config);
        let git = get(config, "enableGitInfo").and_then(Value::as_bool) == Some(true);
        if sources.always && (git || !sources_need_git(config)) {
            return false;
        }
        if keys
            .iter()
            .any(|k| sources.keys.iter().any(|s| k.eq_ignore_ascii_case(s)))
        {
            return false;
        }
        if sources.filename {
            let folder = path
                .parent()
                .and_then(Path::file_name)
                .and_then(|s| s.to_str())
                .unwrap_or("");
            let name = if stem == "index" { folder } else { stem };
            if super::starts_with_date(name) {
                return false;
            }
        }
        match site {
            Some(site) => in_dated_section(site, path),
            None => path
                .parent()
                .into_iter()
                .flat_map(Path::components)
                .any(|c| {
                    let name = c.as_os_str().to_string_lossy().to_lowercase();
                    DATED_SECTIONS.contains(&name.as_str())
                }),
        }
    }
}

/// Whether the config's `:git`/`:fileModTime` date sources are only `:git`
/// (which gives a date only with `enableGitInfo`).
fn sources_need_git(config: &Value) -> bool {
    let configured = get(config, "frontmatter").and_then(|f| get(f, "date"));
    let entries = config_file::string_list(configured).unwrap_or_default();
    !entries
        .iter()
        .any(|e| e.eq_ignore_ascii_case(":filemodtime"))
}
