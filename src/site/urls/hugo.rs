//! Hugo's URLs: the content folders and module mounts with their languages
//! (a mount's `lang`, or its `sites.matrix.languages`), the section
//! `permalinks`, `url` and `slug` front matter, leaf (`index.md`) and branch
//! (`_index.md`) bundles, `uglyURLs`, and the lower-casing Hugo does unless
//! `disablePathToLower`. A site whose mounts are written by its build (an
//! untracked `module.yaml` rendered from `module-template.yaml`) is read
//! from the template.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use super::date::Ymd;
use super::{OutputUrl, Page, fill, slug, templated};
use crate::site::Site;

/// A folder mounted into Hugo's `content` or `static`.
#[derive(Debug, Clone)]
pub struct Mount {
    /// Relative to the site root.
    pub source: PathBuf,
    /// Below `content/` or `static/`: `docs/specs` (empty for the top).
    pub target: String,
    /// The language, `None` when the mount serves several.
    pub lang: Option<String>,
    /// Whether the source is in the site (a submodule or a build step's
    /// output is not).
    pub present: bool,
    /// Named by the config's mounts (a missing default folder is just absent).
    pub explicit: bool,
}

/// A Hugo site's mounts and URL settings, read once per site.
#[derive(Debug, Clone, Default)]
pub struct HugoLayout {
    pub content: Vec<Mount>,
    pub statics: Vec<Mount>,
    pub languages: Vec<String>,
    pub default_lang: String,
    pub default_in_subdir: bool,
    pub ugly: bool,
    pub lower: bool,
}

impl HugoLayout {
    /// The URL prefix of a language: `/` for the default one.
    pub fn prefix(&self, lang: &str) -> String {
        if lang == self.default_lang && !self.default_in_subdir {
            "/".to_string()
        } else {
            format!("/{lang}/")
        }
    }

    /// The content mount holding `rel` (relative to the site root): the
    /// default language's first, then the deepest.
    pub fn mount_of(&self, rel: &Path) -> Option<&Mount> {
        let holding = || self.content.iter().filter(|m| rel.starts_with(&m.source));
        holding()
            .filter(|m| m.lang.as_deref() == Some(self.default_lang.as_str()))
            .max_by_key(|m| m.source.components().count())
            .or_else(|| holding().max_by_key(|m| m.source.components().count()))
    }
}

/// Hugo reads its keys in any case.
fn get<'a>(value: &'a Json, key: &str) -> Option<&'a Json> {
    value
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

fn flag(value: &Json, key: &str) -> bool {
    get(value, key).and_then(Json::as_bool).unwrap_or(false)
}

/// The mounts of a config value (`module.mounts`, or a `module.yaml`'s own
/// `mounts`), split into content and static.
fn read_mounts(mounts: &[Json], root: &Path, layout: &mut HugoLayout, default_lang: &str) {
    for mount in mounts {
        let text = |k: &str| get(mount, k).and_then(Json::as_str);
        let (Some(source), Some(target)) = (text("source"), text("target")) else {
            continue;
        };
        let langs: Vec<String> = match get(mount, "lang").and_then(Json::as_str) {
            Some(l) => vec![l.to_string()],
            None => get(mount, "sites")
                .and_then(|s| get(s, "matrix"))
                .and_then(|m| get(m, "languages"))
                .and_then(Json::as_array)
                .map(|l| {
                    l.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_else(|| vec![default_lang.to_string()]),
        };
        let source = crate::site::clean(Path::new(source));
        let present = std::fs::symlink_metadata(root.join(&source)).is_ok();
        let target = target.trim_matches('/');
        let (list, rest) = if let Some(rest) = target.strip_prefix("content") {
            (&mut layout.content, rest)
        } else if let Some(rest) = target.strip_prefix("static") {
            (&mut layout.statics, rest)
        } else {
            continue;
        };
        if !(rest.is_empty() || rest.starts_with('/')) {
            continue;
        }
        list.push(Mount {
            source,
            target: rest.trim_matches('/').to_string(),
            lang: langs.first().filter(|_| langs.len() == 1).cloned(),
            present,
            explicit: true,
        });
    }
}

/// Reads the layout of a Hugo site from its config as read.
pub fn hugo_layout(site: &Site) -> HugoLayout {
    let raw = &site.raw;
    let mut layout = HugoLayout {
        default_lang: get(raw, "defaultContentLanguage")
            .and_then(Json::as_str)
            .unwrap_or("en")
            .to_lowercase(),
        default_in_subdir: flag(raw, "defaultContentLanguageInSubdir"),
        ugly: flag(raw, "uglyURLs"),
        lower: !flag(raw, "disablePathToLower"),
        ..HugoLayout::default()
    };
    let default_lang = layout.default_lang.clone();
    let languages = get(raw, "languages").and_then(Json::as_object);
    if let Some(languages) = languages {
        layout.languages = languages.keys().map(|k| k.to_lowercase()).collect();
    }
    let mounts = get(raw, "module")
        .and_then(|m| get(m, "mounts"))
        .and_then(Json::as_array)
        .cloned()
        .or_else(|| template_mounts(&site.root));
    if let Some(mounts) = &mounts {
        read_mounts(mounts, &site.root, &mut layout, &default_lang);
    }
    // Hugo adds its own content folder only when no mount targets `content`.
    if layout.content.is_empty() {
        let dir = get(raw, "contentDir")
            .and_then(Json::as_str)
            .unwrap_or("content");
        let source = crate::site::clean(Path::new(dir));
        layout.content.push(Mount {
            present: site.root.join(&source).is_dir(),
            source,
            target: String::new(),
            lang: Some(default_lang.clone()),
            explicit: false,
        });
    }
    if let Some(languages) = languages {
        for (lang, settings) in languages {
            if let Some(dir) = get(settings, "contentDir").and_then(Json::as_str) {
                let source = crate::site::clean(Path::new(dir));
                layout.content.push(Mount {
                    present: site.root.join(&source).is_dir(),
                    source,
                    target: String::new(),
                    lang: Some(lang.to_lowercase()),
                    explicit: true,
                });
            }
        }
    }
    for folder in &site.statics {
        let target = folder
            .url
            .as_deref()
            .unwrap_or("/")
            .trim_matches('/')
            .to_string();
        if !layout
            .statics
            .iter()
            .any(|m| m.source == folder.path && m.target == target)
        {
            layout.statics.push(Mount {
                present: site.root.join(&folder.path).exists(),
                source: folder.path.clone(),
                target,
                lang: None,
                explicit: false,
            });
        }
    }
    layout
}

/// The mounts of `config/_default/module-template.yaml` when there is no
/// `module.yaml`: a site that renders one at build time.
fn template_mounts(root: &Path) -> Option<Vec<Json>> {
    let dir = root.join("config").join("_default");
    if dir.join("module.yaml").exists() {
        return None;
    }
    let value = crate::site::config_file::read("Hugo", &dir.join("module-template.yaml")).ok()?;
    get(&value, "mounts").and_then(Json::as_array).cloned()
}

/// The permalink template for a page in `section` (`permalinks.posts`,
/// or `permalinks.page.posts`; `permalinks.section.posts` for `_index`).
fn permalink_for(raw: &Json, section: &str, branch: bool) -> Option<String> {
    let permalinks = get(raw, "permalinks")?;
    let kind = if branch { "section" } else { "page" };
    if let Some(v) = get(permalinks, kind)
        .and_then(|k| get(k, section))
        .and_then(Json::as_str)
    {
        return Some(v.to_string());
    }
    if branch {
        return None;
    }
    get(permalinks, section)
        .and_then(Json::as_str)
        .map(String::from)
}

pub fn url(page: &Page<'_>) -> Option<OutputUrl> {
    let site = page.site;
    let layout = site.hugo_layout();
    let rel = page.folder.path.join(&page.inner);
    let mount = layout.mount_of(&rel)?;
    let mut lang = mount.lang.clone()?;
    let below = rel.strip_prefix(&mount.source).ok()?;
    let mut logical: Vec<String> = Vec::new();
    if !mount.target.is_empty() {
        logical.extend(mount.target.split('/').map(String::from));
    }
    logical.extend(
        below
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    let file = logical.pop()?;
    // `about.fr.md`: the language from the name.
    let mut stem = Path::new(&file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some((name, code)) = stem.rsplit_once('.')
        && layout.languages.iter().any(|l| l == &code.to_lowercase())
    {
        lang = code.to_lowercase();
        stem = name.to_string();
    }
    let prefix = layout.prefix(&lang);
    if let Some(url) = page.text_nocase("url") {
        if templated(&url) {
            return None;
        }
        return Some(OutputUrl::new(
            url.clone(),
            format!("`url: {url}` in its front matter"),
        ));
    }
    let branch = stem == "_index";
    let leaf = stem == "index";
    // The page's own name: a bundle's is its folder's.
    let (dirs, name) = if leaf || branch {
        let name = logical.last().cloned();
        let mut d = logical.clone();
        d.pop();
        (d, name)
    } else {
        (logical.clone(), Some(stem.clone()))
    };
    let section = logical.first().cloned();
    let slug_fm = page.text_nocase("slug");
    let title = page.text_nocase("title");
    let template = section
        .as_deref()
        .and_then(|s| permalink_for(&site.raw, s, branch));
    let (path, why) = match (template, &name) {
        (Some(t), Some(name)) if !(branch && logical.is_empty()) => {
            let date = page.text_nocase("date").and_then(|d| Ymd::parse(&d));
            let section = section.clone().unwrap_or_default();
            let lookup = |key: &str| -> Option<String> {
                Some(match key {
                    "year" => date?.year.to_string(),
                    "month" => format!("{:02}", date?.month),
                    "day" => format!("{:02}", date?.day),
                    "title" => slug::hugo(title.as_deref()?),
                    "slug" => slug_fm
                        .clone()
                        .or_else(|| title.as_deref().map(slug::hugo))?,
                    "slugorfilename" | "slugorcontentbasename" => {
                        slug_fm.clone().unwrap_or_else(|| name.clone())
                    }
                    "filename" | "contentbasename" => name.clone(),
                    "section" => section.clone(),
                    "sections" => dirs.join("/"),
                    _ => return None,
                })
            };
            let mut filled = fill(&t, &lookup)?;
            let last = filled.rsplit('/').next().unwrap_or("");
            if !filled.ends_with('/') && !last.contains('.') {
                if layout.ugly {
                    filled.push_str(".html");
                } else {
                    filled.push('/');
                }
            }
            (filled, format!("permalink `{t}` of section `{section}`"))
        }
        _ => {
            let mut parts: Vec<String> = dirs.clone();
            if let Some(name) = &name {
                parts.push(slug_fm.clone().unwrap_or_else(|| name.clone()));
            }
            let mut p = format!("/{}", parts.join("/"));
            if parts.is_empty() {
                p = "/".to_string();
            } else if layout.ugly && !branch {
                p.push_str(".html");
            } else {
                p.push('/');
            }
            let why = if leaf {
                "a leaf bundle's folder"
            } else if branch {
                "a section's folder"
            } else {
                "its path below the content folder"
            };
            (p, why.to_string())
        }
    };
    let path: String = path
        .split('/')
        .map(slug::hugo_path)
        .collect::<Vec<_>>()
        .join("/");
    let path = if layout.lower {
        path.to_lowercase()
    } else {
        path
    };
    Some(OutputUrl::new(format!("{prefix}{path}"), why))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{path_of, site};

    #[test]
    fn sections_bundles_and_permalinks() {
        // Hugo's URL management docs: `permalinks: posts: /:year/:month/:slug/`.
        let (_d, s) = site(&[(
            "hugo.toml",
            "baseURL = 'https://example.org/'\n[permalinks]\nposts = '/:year/:month/:slug/'\ntags = '/:title/'\n",
        )]);
        let fm = "---\ntitle: My First Post\ndate: 2023-03-30T08:00:00-07:00\n---\n";
        assert_eq!(
            path_of(&s, "content/posts/my-first-post.md", fm).as_deref(),
            Some("/2023/03/my-first-post/")
        );
        assert_eq!(
            path_of(&s, "content/posts/trip/index.md", fm).as_deref(),
            Some("/2023/03/my-first-post/")
        );
        assert_eq!(
            path_of(&s, "content/about.md", fm).as_deref(),
            Some("/about/")
        );
        assert_eq!(
            path_of(&s, "content/docs/Install Hugo/index.md", fm).as_deref(),
            Some("/docs/install-hugo/")
        );
        assert_eq!(
            path_of(&s, "content/docs/_index.md", fm).as_deref(),
            Some("/docs/")
        );
        assert_eq!(path_of(&s, "content/_index.md", fm).as_deref(), Some("/"));
        let own = "---\ntitle: x\nurl: /custom/place/\n---\n";
        assert_eq!(
            path_of(&s, "content/docs/a.md", own).as_deref(),
            Some("/custom/place/")
        );
        let slug = "---\ntitle: x\nslug: other\n---\n";
        assert_eq!(
            path_of(&s, "content/docs/a.md", slug).as_deref(),
            Some("/docs/other/")
        );
    }

    #[test]
    fn languages_mounts_and_ugly_urls() {
        let (_d, s) = site(&[
            (
                "hugo.yaml",
                "defaultContentLanguage: en\nuglyURLs: true\nlanguages:\n  en: {contentDir: content/en}\n  ja: {contentDir: content/ja}\n",
            ),
            ("content/en/.keep", ""),
        ]);
        let fm = "---\ntitle: x\n---\n";
        assert_eq!(
            path_of(&s, "content/en/blog/a.md", fm).as_deref(),
            Some("/blog/a.html")
        );
        assert_eq!(
            path_of(&s, "content/ja/blog/a.md", fm).as_deref(),
            Some("/ja/blog/a.html")
        );
        let (_d, s) = site(&[
            ("hugo.yaml", "languages:\n  en: {}\n  bn: {}\n"),
            (
                "config/_default/module-template.yaml",
                "mounts:\n  - {source: content/en, target: content}\n  - source: content/bn\n    target: content\n    sites: {matrix: {languages: [bn]}}\n  - source: content/en/docs\n    target: content/docs\n    sites: {matrix: {languages: [bn]}}\n",
            ),
        ]);
        assert_eq!(
            path_of(&s, "content/bn/blog/x/index.md", fm).as_deref(),
            Some("/bn/blog/x/")
        );
        // The English page, though the Bengali site also mounts its folder.
        assert_eq!(
            path_of(&s, "content/en/docs/a.md", fm).as_deref(),
            Some("/docs/a/")
        );
        assert_eq!(
            path_of(&s, "content/en/about.bn.md", fm).as_deref(),
            Some("/bn/about/")
        );
    }
}
