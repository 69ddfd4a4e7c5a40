//! Jekyll's URLs (`Jekyll::URL`, `Drops::UrlDrop`, `Page#template`,
//! `Collection#url_template`): posts by the config's `permalink` (a style,
//! `date` by default, or a template), collections by their own `permalink`,
//! pages at their path (`about.md` → `/about.html`, `index.md` → its folder),
//! a front matter `permalink` (or one from `defaults`) over all of them, and
//! `baseurl` in front.

use serde_json::Value as Json;

use super::date::Ymd;
use super::{OutputUrl, Page, fill, slug, templated};

/// A permalink style's template (`Utils#style_to_permalink`), or the
/// template itself.
fn style_template(style: &str) -> String {
    match style {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    }
    .to_string()
}

/// `Utils#add_permalink_suffix`: how a page or collection template ends
/// under the site's permalink style.
fn with_suffix(template: &str, style: &str) -> String {
    let mut out = template.to_string();
    match style {
        "pretty" => out.push('/'),
        "date" | "ordinal" | "none" | "weekdate" => out.push_str(":output_ext"),
        other => {
            if other.ends_with('/') {
                out.push('/');
            }
            if other.ends_with(":output_ext") {
                out.push_str(":output_ext");
            }
        }
    }
    out
}

/// What a file is to Jekyll.
enum Kind {
    Post,
    /// A document of a collection: its label.
    Document(String),
    Page,
}

/// `YYYY-MM-DD-slug.ext`: the date and the slug of a post's file name.
fn dated_name(stem: &str) -> Option<(Ymd, &str)> {
    let mut dashes = stem.match_indices('-').map(|(i, _)| i);
    let third = dashes.nth(2)?;
    let date = Ymd::parse(stem.get(..third)?)?;
    Some((date, stem.get(third + 1..)?))
}

/// A front matter list or space-separated string (`Utils.pluralized_array_from_hash`).
fn words(page: &Page<'_>, key: &str, split: bool) -> Vec<String> {
    match page.value(key) {
        Some(serde_yaml::Value::String(s)) if split => {
            s.split_whitespace().map(String::from).collect()
        }
        Some(serde_yaml::Value::Sequence(items)) => {
            items.iter().filter_map(super::scalar).collect()
        }
        Some(other) => super::scalar(other).into_iter().collect(),
        None => Vec::new(),
    }
}

/// The `permalink` a `defaults` entry gives this file: the matching scope
/// with the longest path wins, as in `FrontmatterDefaults`.
fn default_permalink(page: &Page<'_>, kind: &Kind) -> Option<String> {
    let defaults = page.site.raw.get("defaults")?.as_array()?;
    let rel = page.inner.to_string_lossy().replace('\\', "/");
    let kind_name = match kind {
        Kind::Post => "posts",
        Kind::Document(label) => label.as_str(),
        Kind::Page => "pages",
    };
    let mut best: Option<(usize, String)> = None;
    for entry in defaults {
        let Some(permalink) = entry
            .get("values")
            .and_then(|v| v.get("permalink"))
            .and_then(Json::as_str)
        else {
            continue;
        };
        let scope = entry.get("scope");
        let path = scope
            .and_then(|s| s.get("path"))
            .and_then(Json::as_str)
            .unwrap_or("")
            .trim_matches('/');
        if path.contains('*') {
            // Glob scopes: not read; a default postlint cannot place.
            return None;
        }
        let type_ok = scope
            .and_then(|s| s.get("type"))
            .and_then(Json::as_str)
            .is_none_or(|t| t == kind_name);
        let path_ok = path.is_empty() || rel == path || rel.starts_with(&format!("{path}/"));
        if type_ok && path_ok && best.as_ref().is_none_or(|(len, _)| path.len() >= *len) {
            best = Some((path.len(), permalink.to_string()));
        }
    }
    best.map(|(_, p)| p)
}

pub fn url(page: &Page<'_>) -> Option<OutputUrl> {
    let raw = &page.site.raw;
    let style = raw
        .get("permalink")
        .and_then(Json::as_str)
        .unwrap_or("date")
        .to_string();
    let collections_dir = raw
        .get("collections_dir")
        .and_then(Json::as_str)
        .unwrap_or("")
        .trim_matches('/')
        .to_string();
    let dirs = page.dirs();
    // Below `collections_dir`, where `_posts` and the collections are.
    let skip = if collections_dir.is_empty() {
        0
    } else {
        collections_dir.split('/').count()
    };
    let in_collections_dir = skip == 0
        || dirs
            .iter()
            .take(skip)
            .cloned()
            .collect::<Vec<_>>()
            .join("/")
            == collections_dir;
    let mut kind = Kind::Page;
    let mut path_categories = Vec::new();
    let mut collection_rel = String::new();
    if let Some(at) = dirs.iter().position(|d| d == "_posts") {
        kind = Kind::Post;
        // The folders above `_posts` are categories (`categories_from_path`).
        path_categories = dirs.iter().take(at).skip(skip).cloned().collect();
        // `collections: posts: permalink:` is the posts' template.
        let own = raw
            .get("collections")
            .and_then(|c| c.get("posts"))
            .and_then(|p| p.get("permalink"))
            .and_then(Json::as_str);
        if let Some(t) = own {
            let why = (
                t.to_string(),
                "the posts collection's `permalink`".to_string(),
            );
            return finish(page, &kind, &style, Some(why), path_categories, "");
        }
    } else if dirs.iter().any(|d| d == "_drafts") {
        // A draft is published only with `--drafts`, dated by its file time.
        return None;
    } else if in_collections_dir
        && let Some(first) = dirs.get(skip)
        && let Some(label) = first.strip_prefix('_')
    {
        let output = match raw.get("collections") {
            Some(Json::Object(map)) => map.get(label).map(|meta| {
                (
                    meta.get("output").and_then(Json::as_bool).unwrap_or(false),
                    meta.get("permalink")
                        .and_then(Json::as_str)
                        .map(String::from),
                )
            }),
            Some(Json::Array(list)) => list
                .iter()
                .any(|l| l.as_str() == Some(label))
                .then_some((false, None)),
            _ => None,
        };
        let (publish, template) = output?;
        if !publish {
            return None;
        }
        collection_rel = dirs
            .iter()
            .skip(skip + 1)
            .cloned()
            .collect::<Vec<_>>()
            .join("/");
        kind = Kind::Document(label.to_string());
        if let Some(t) = template {
            return finish(
                page,
                &kind,
                &style,
                Some((t, "the collection's `permalink`".into())),
                path_categories,
                &collection_rel,
            );
        }
    }
    finish(page, &kind, &style, None, path_categories, &collection_rel)
}

fn finish(
    page: &Page<'_>,
    kind: &Kind,
    style: &str,
    collection_template: Option<(String, String)>,
    path_categories: Vec<String>,
    collection_rel: &str,
) -> Option<OutputUrl> {
    let stem = page.stem();
    let output_ext = page.output_ext();
    let (template, why) = if let Some(p) = page.text("permalink") {
        let why = format!("permalink `{p}` in its front matter");
        (p, why)
    } else if let Some(p) = default_permalink(page, kind) {
        let why = format!("permalink `{p}` from `defaults`");
        (p, why)
    } else if let Some(t) = collection_template {
        let why = format!("permalink `{}` ({})", t.0, t.1);
        (style_template(&t.0), why)
    } else {
        match kind {
            Kind::Post => {
                let t = style_template(style);
                let why = if page.site.raw.get("permalink").is_some() {
                    format!("permalink `{style}`")
                } else {
                    "Jekyll's default permalink `date`".to_string()
                };
                (t, why)
            }
            Kind::Document(_) => (
                with_suffix("/:collection/:path", style),
                format!("a collection's default permalink under style `{style}`"),
            ),
            Kind::Page => {
                let html = output_ext == ".html";
                let t = if !html {
                    "/:path/:basename:output_ext".to_string()
                } else if stem == "index" {
                    "/:path/".to_string()
                } else {
                    with_suffix("/:path/:basename", style)
                };
                (t, "a page's path".to_string())
            }
        }
    };
    if templated(&template) {
        return None;
    }
    let template = style_template(&template);
    // The post's slug and date: its file name's, front matter over it.
    let (name_date, name_slug) = match dated_name(&stem) {
        Some((d, s)) => (Some(d), s.to_string()),
        None => (None, stem.clone()),
    };
    let slug_source = page.text("slug").unwrap_or(name_slug);
    let date = match page.text("date") {
        Some(d) => Ymd::parse(&d),
        None => name_date,
    };
    let dirs = page.dirs();
    let page_dir = dirs.join("/");
    let mut categories = path_categories;
    for c in words(page, "categories", true)
        .into_iter()
        .chain(words(page, "category", false))
    {
        if !categories.contains(&c) {
            categories.push(c);
        }
    }
    let collection = match kind {
        Kind::Post => "posts".to_string(),
        Kind::Document(label) => label.clone(),
        Kind::Page => String::new(),
    };
    let doc_path = match kind {
        Kind::Page => page_dir.clone(),
        _ => {
            let mut p = collection_rel.to_string();
            if matches!(kind, Kind::Post) {
                // `_posts` and the folders inside it.
                let at = dirs.iter().position(|d| d == "_posts").unwrap_or(0);
                p = dirs
                    .iter()
                    .skip(at + 1)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("/");
            }
            if p.is_empty() {
                stem.clone()
            } else {
                format!("{p}/{stem}")
            }
        }
    };
    let is_page = matches!(kind, Kind::Page);
    let lookup = |name: &str| -> Option<String> {
        let d = || date.ok_or(());
        Some(match name {
            "path" => doc_path.clone(),
            "basename" if is_page => stem.clone(),
            "output_ext" => output_ext.clone(),
            "title" if !is_page => slug::jekyll(&slug_source, true, true),
            "slug" if !is_page => slug::jekyll(&slug_source, false, false),
            "name" if !is_page => slug::jekyll(&stem, false, false),
            "collection" if !is_page => collection.clone(),
            "categories" if !is_page => categories
                .iter()
                .map(|c| c.to_lowercase())
                .collect::<Vec<_>>()
                .join("/"),
            "year" if !is_page => d().ok()?.year.to_string(),
            "short_year" if !is_page => format!("{:02}", d().ok()?.year % 100),
            "month" if !is_page => format!("{:02}", d().ok()?.month),
            "i_month" if !is_page => d().ok()?.month.to_string(),
            "day" if !is_page => format!("{:02}", d().ok()?.day),
            "i_day" if !is_page => d().ok()?.day.to_string(),
            "y_day" if !is_page => format!("{:03}", d().ok()?.ordinal()),
            "week" if !is_page => format!("{:02}", d().ok()?.iso_week()),
            "short_day" if !is_page => d().ok()?.short_day().to_string(),
            _ => return None,
        })
    };
    let filled = fill(&template, &lookup)?;
    let base = page.site.base_path();
    Some(OutputUrl::new(format!("{base}{filled}"), why))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{path_of, site};

    const POST: &str = "---\ntitle: Welcome\ncategories: Jekyll Update\n---\nx\n";

    #[test]
    fn permalink_styles_as_the_docs_show() {
        // The table of built-in styles in Jekyll's permalink docs, for
        // `/_posts/2009-04-29-slap-chop.md` in categories `Jekyll Update`.
        let cases = [
            ("date", "/jekyll/update/2009/04/29/slap-chop.html"),
            ("pretty", "/jekyll/update/2009/04/29/slap-chop/"),
            ("ordinal", "/jekyll/update/2009/119/slap-chop.html"),
            ("weekdate", "/jekyll/update/2009/W18/Wed/slap-chop.html"),
            ("none", "/jekyll/update/slap-chop.html"),
            (
                "/:year/:i_month/:i_day/:short_year/:name:output_ext",
                "/2009/4/29/09/2009-04-29-slap-chop.html",
            ),
        ];
        for (style, want) in cases {
            let (_d, s) = site(&[("_config.yml", &format!("permalink: \"{style}\"\n"))]);
            assert_eq!(
                path_of(&s, "_posts/2009-04-29-slap-chop.md", POST).as_deref(),
                Some(want),
                "{style}"
            );
        }
        let (_d, s) = site(&[("_config.yml", "title: x\n")]);
        assert_eq!(
            path_of(&s, "_posts/2009-04-29-slap-chop.md", POST).as_deref(),
            Some("/jekyll/update/2009/04/29/slap-chop.html")
        );
    }

    #[test]
    fn categories_title_baseurl_and_front_matter() {
        let (_d, s) = site(&[(
            "_config.yml",
            "permalink: /:categories/:title/\nbaseurl: /site\n",
        )]);
        let post = "---\ntitle: Not This\ncategory: blog\n---\n";
        assert_eq!(
            path_of(&s, "_posts/2014-05-06-Datomic-Internals.md", post).as_deref(),
            Some("/site/blog/Datomic-Internals/")
        );
        // Folders above `_posts` are categories too.
        assert_eq!(
            path_of(&s, "news/_posts/2014-05-06-a.md", "---\n---\n").as_deref(),
            Some("/site/news/a/")
        );
        let own = "---\npermalink: /about/me/\n---\n";
        assert_eq!(
            path_of(&s, "_posts/2014-05-06-a.md", own).as_deref(),
            Some("/site/about/me/")
        );
        assert_eq!(
            path_of(
                &s,
                "_posts/2014-05-06-a.md",
                "---\npermalink: \"{{ x }}\"\n---\n"
            ),
            None
        );
        assert_eq!(path_of(&s, "_drafts/a.md", "---\n---\n"), None);
    }

    #[test]
    fn pages_collections_and_defaults() {
        let (_d, s) = site(&[(
            "_config.yml",
            "collections:\n  docs:\n    output: true\n  hidden:\n    output: false\n  recipes:\n    output: true\n    permalink: /r/:path/\ndefaults:\n  - scope: {path: \"guides\"}\n    values: {permalink: /g/:basename/}\n",
        )]);
        let fm = "---\ntitle: x\n---\n";
        assert_eq!(path_of(&s, "about.md", fm).as_deref(), Some("/about.html"));
        assert_eq!(path_of(&s, "index.md", fm).as_deref(), Some("/"));
        assert_eq!(path_of(&s, "docs/index.md", fm).as_deref(), Some("/docs/"));
        assert_eq!(path_of(&s, "feed.xml", fm).as_deref(), Some("/feed.xml"));
        assert_eq!(
            path_of(&s, "_docs/a/b.md", fm).as_deref(),
            Some("/docs/a/b.html")
        );
        assert_eq!(
            path_of(&s, "_recipes/soup.md", fm).as_deref(),
            Some("/r/soup/")
        );
        assert_eq!(path_of(&s, "_hidden/x.md", fm), None);
        assert_eq!(
            path_of(&s, "guides/intro.md", fm).as_deref(),
            Some("/g/intro/")
        );
        let (_d, s) = site(&[("_config.yml", "permalink: pretty\n")]);
        assert_eq!(path_of(&s, "about.md", fm).as_deref(), Some("/about/"));
        let (_d, s) = site(&[(
            "_config.yml",
            "collections:\n  posts:\n    output: true\n    permalink: /blog/:year/:title/\n",
        )]);
        assert_eq!(
            path_of(&s, "_posts/2024-01-02-a.md", fm).as_deref(),
            Some("/blog/2024/a/")
        );
    }
}
