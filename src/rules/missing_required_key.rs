//! PL202 missing-required-key: a key the site's schema requires is absent.

use std::path::Path;

use crate::config::{FilesConfig, RequireFrontMatter};
use crate::diagnostic::Diagnostic;
use crate::post::split::FrontMatterKind;
use crate::rules::Context;
use crate::site::{Generator, Site, starts_with_date};

declare_rule! {
    /// ## What it does
    /// Reports each key of `front-matter.required` (default `title` and
    /// `date`) that the front matter of a post does not have; for pages
    /// (files with front matter outside the posts folders, such as `about.md`)
    /// the keys of `front-matter.page-required` (default none).
    ///
    /// Required keys follow the site's generator (`[site] generator`, found
    /// from its config when unset):
    /// - Jekyll and Zola take a post's date from a `YYYY-MM-DD-` file name
    ///   (Zola also from the folder of an `index.md`, or a dated `path`);
    ///   Hexo only when its `new_post_name` has `:year`, `:month` and `:day`
    ///   (its default `:title.md` gives no date).
    /// - Jekyll and Hexo posts are the files in `_posts` and `_drafts`
    ///   (with the default `files.posts-folders`); others are pages. A Zola
    ///   page that names its own `template` is a page, not a post.
    /// - A key that Jekyll's front matter `defaults` give the file (by scope
    ///   `path` and `type`) is not missing.
    /// - Hugo requires no date: `date` is expected only in sections named
    ///   like a blog (`posts`, `post`, `blog`, `news`), and not when the
    ///   config's `[frontmatter] date` takes it from another key
    ///   (`publishDate`, `lastmod`… by default), from `:filename`, from
    ///   `:git` (with `enableGitInfo`) or from `:fileModTime`. Hugo and Zola
    ///   list pages (`_index.md`) need no date; Hugo reads keys in any case
    ///   (`Title:` is `title`).
    ///
    /// Pelican's `Key: value` metadata is read as front matter, its keys
    /// in lower case as Pelican reads them; its pages (below `pages/`) need
    /// no date, nor does a post named `YYYY-MM-DD-…`. Docusaurus
    /// takes a blog post's date from a date in its path
    /// (`2021-08-26-slug.md`, `2021/08/26/slug/index.md`). In an Astro
    /// collection a key is required only when the collection's schema
    /// requires it (`date: z.date()`, not `.optional()` or `.default(…)`);
    /// where the schema cannot be read as written (it is code, not a
    /// literal `z.object({…})`), nothing is.
    ///
    /// ## Why is this bad?
    /// Layouts print the title and sort posts by date; without them a post
    /// shows an empty heading or lands at the wrong place in the archive.
    ///
    /// ## Example
    /// ```text
    /// ---
    /// layout: post
    /// date: Tue, 14 May 2019 17:01:53 +0200
    /// ---
    /// ```
    ///
    /// ## Fix safety
    /// No fix: only the author knows the value.
    ///
    /// ## Options
    /// `front-matter.required`, `front-matter.page-required`,
    /// `files.posts-folders`.
    pub static RULE {
        code: "PL202",
        name: "missing-required-key",
        summary: "front matter lacks a required key",
        severity: Error,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let (Some(mapping), Some(split)) = (post.mapping(), &post.split) else {
        return;
    };
    let fm = &ctx.settings.config.front_matter;
    let required = if is_post(ctx) {
        &fm.required
    } else {
        &fm.page_required
    };
    let generator = ctx.settings.config.site.generator;
    let date_key = ctx.settings.config.dates.key.as_str();
    // Astro validates front matter with the collection's schema: only what
    // it requires can be missing.
    let schema = match generator {
        Some(Generator::Astro) => {
            let site = ctx.settings.site.as_deref();
            match site.and_then(|s| s.schema_required(&post.path)) {
                Some(keys) => Some(keys),
                None => return,
            }
        }
        _ => None,
    };
    for key in required {
        if schema.is_some_and(|keys| !keys.contains(key)) {
            continue;
        }
        let present = if generator == Some(Generator::Hugo) {
            mapping
                .keys()
                .any(|k| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(key)))
        } else {
            mapping.get(key.as_str()).is_some()
        };
        if present
            || supplied_by_site(ctx, key)
            || (key == date_key && date_not_needed(ctx, mapping, generator))
        {
            continue;
        }
        {
            out.push(
                Diagnostic::new(&RULE, split.open, format!("missing required key `{key}`"))
                    .with_label("in this front matter")
                    .with_help(add_key_help(key, split.kind, &post.path)),
            );
        }
    }
}

/// How to add `key`, in the front matter's own syntax: a YAML `date:` line
/// would break a TOML block, and Pelican's metadata are `Date:` lines (or
/// `:date:` fields in reStructuredText).
fn add_key_help(key: &str, kind: FrontMatterKind, path: &Path) -> String {
    let line = match kind {
        FrontMatterKind::Yaml => format!("{key}: …"),
        FrontMatterKind::Toml => format!("{key} = …"),
        FrontMatterKind::Pelican if path.extension().is_some_and(|e| e == "rst") => {
            format!(":{key}: …")
        }
        FrontMatterKind::Pelican => {
            let mut chars = key.chars();
            let capital: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            format!("{capital}: …")
        }
    };
    format!("add a `{line}` line to the front matter")
}

/// Whether the file is a post rather than a page. Jekyll and Hexo have
/// posts only in `_posts` and `_drafts`: with the default
/// `files.posts-folders`, a page in a folder named `posts` (scala-lang's
/// `blog/posts/index.md`, a paginated list) is a page to them.
pub(crate) fn is_post(ctx: &Context<'_>) -> bool {
    let settings = ctx.settings;
    let path = &ctx.post.path;
    let files = &settings.config.files;
    let default_folders = files.posts_folders == FilesConfig::default().posts_folders;
    match settings.config.site.generator {
        Some(Generator::Jekyll | Generator::Hexo)
            if default_folders && files.require_front_matter != RequireFrontMatter::Always =>
        {
            path.parent()
                .into_iter()
                .flat_map(Path::components)
                .any(|c| c.as_os_str() == "_posts" || c.as_os_str() == "_drafts")
        }
        // A Zola page that names its own `template` is a special page
        // (a redirect, a "latest release" pointer), not one of the
        // section's posts: its template decides what it shows.
        Some(Generator::Zola)
            if ctx
                .post
                .mapping()
                .is_some_and(|m| m.get("template").is_some()) =>
        {
            false
        }
        _ => settings.is_post(path),
    }
}

/// Whether the site gives the post `key` without its front matter: a
/// Jekyll `defaults` entry whose scope takes in the post.
fn supplied_by_site(ctx: &Context<'_>, key: &str) -> bool {
    ctx.settings
        .site
        .as_deref()
        .is_some_and(|site| site.default_supplies(&ctx.post.path, key))
}

/// Whether the generator gives this file its date without a `date` key:
/// from the file name, or because it is a list page; or, for Hugo, whether
/// the site expects no date there at all.
fn date_not_needed(
    ctx: &Context<'_>,
    mapping: &serde_yaml::Mapping,
    generator: Option<Generator>,
) -> bool {
    let path = ctx.post.path.as_path();
    let site = ctx.settings.site.as_deref();
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    match generator {
        Some(Generator::Jekyll) => starts_with_date(stem),
        Some(Generator::Hexo) => Site::hexo_date_in_name(site, path),
        Some(Generator::Zola) => {
            let folder = path
                .parent()
                .and_then(Path::file_name)
                .and_then(|s| s.to_str())
                .unwrap_or("");
            // A `path = "2024/02/19/slug"` gives the date as the folders
            // of the page's URL (blog.rust-lang.org).
            let url_path = mapping
                .get("path")
                .and_then(serde_yaml::Value::as_str)
                .unwrap_or("");
            stem == "_index"
                || starts_with_date(stem)
                || (stem == "index" && starts_with_date(folder))
                || dated_url_path(url_path)
        }
        Some(Generator::Docusaurus) => dated_path(path),
        // Pelican's pages need no date, and its default
        // `FILENAME_METADATA` reads one from a `YYYY-MM-DD` name.
        Some(Generator::Pelican) => {
            starts_with_date(stem) || path.components().any(|c| c.as_os_str() == "pages")
        }
        Some(Generator::Hugo) => {
            let keys: Vec<String> = mapping
                .keys()
                .filter_map(|k| k.as_str().map(String::from))
                .collect();
            !Site::hugo_date_expected(site, path, &keys)
        }
        _ => false,
    }
}

/// Whether a path holds a date as Docusaurus's blog finds one: four, then
/// one or two, then one or two digits, joined by `-` or `/`.
fn dated_path(path: &Path) -> bool {
    let text = path.to_string_lossy().replace('\\', "/");
    let parts: Vec<&str> = text.split(['/', '-']).collect();
    parts.windows(3).any(|w| {
        let digits = |s: &str, lens: &[usize]| {
            lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        digits(w[0], &[4]) && digits(w[1], &[1, 2]) && digits(w[2], &[1, 2])
    })
}

/// Whether a URL path has `YYYY/MM/DD/` folders, at its start or after a
/// section (`inside-rust/2020/08/24/slug`).
fn dated_url_path(url_path: &str) -> bool {
    let trimmed = url_path.trim_start_matches('/');
    std::iter::once(trimmed)
        .chain(trimmed.match_indices('/').map(|(i, _)| &trimmed[i + 1..]))
        .any(|rest| starts_with_date(&rest.replacen('/', "-", 3)))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn each_missing_key() {
        let src = "---\nlayout: post\n---\n";
        let d = check(&RULE, src);
        let messages: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "missing required key `title`",
                "missing required key `date`"
            ]
        );
        let d = check_with(
            &RULE,
            "_posts/a.html",
            src,
            "[front-matter]\nrequired = [\"layout\"]\n",
        );
        assert!(d.is_empty());
    }

    /// The help is written in the front matter's own syntax: a YAML
    /// `date:` line in a TOML block would break it.
    #[test]
    fn help_in_the_front_matter_syntax() {
        let help = |path: &str, src: &str, config: &str| {
            check_with(&RULE, path, src, config)
                .into_iter()
                .filter_map(|d| d.help)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            help("_posts/a.md", "---\ntitle: x\n---\n", ""),
            ["add a `date: …` line to the front matter"]
        );
        assert_eq!(
            help("content/blog/a.md", "+++\ntitle = \"x\"\n+++\n", ""),
            ["add a `date = …` line to the front matter"]
        );
        let pelican = "[site]\ngenerator = \"pelican\"\n";
        assert_eq!(
            help("content/a.md", "Title: x\n\nText.\n", pelican),
            ["add a `Date: …` line to the front matter"]
        );
        assert_eq!(
            help(
                "content/a.rst",
                "A title\n#######\n\n:tags: x\n\nText.\n",
                pelican
            ),
            ["add a `:date: …` line to the front matter"]
        );
    }

    fn missing(path: &str, src: &str, generator: &str) -> Vec<String> {
        let config = format!("[site]\ngenerator = \"{generator}\"\n");
        check_with(&RULE, path, src, &config)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn the_date_comes_from_the_file_name_where_the_generator_reads_it() {
        let src = "---\ntitle: Hallo\n---\n";
        assert!(missing("_posts/2019-05-14-hallo.md", src, "jekyll").is_empty());
        // Hexo's default `new_post_name` (`:title.md`) gives no date.
        assert_eq!(
            missing("source/_posts/2019-05-14-hallo.md", src, "hexo"),
            ["missing required key `date`"]
        );
        assert!(missing("content/blog/2019-05-14-hallo.md", src, "zola").is_empty());
        assert!(missing("content/blog/2019-05-14-hallo/index.md", src, "zola").is_empty());
        let with_path = "+++\ntitle = \"Hallo\"\npath = \"2019/05/14/hallo\"\n+++\n";
        assert!(missing("content/hallo.md", with_path, "zola").is_empty());
        let in_section = with_path.replace("\"2019/", "\"inside-rust/2019/");
        assert!(missing("content/inside/hallo.md", &in_section, "zola").is_empty());
        assert_eq!(
            missing(
                "content/hallo.md",
                "+++\ntitle = \"Hallo\"\npath = \"blog/hallo\"\n+++\n",
                "zola"
            ),
            ["missing required key `date`"]
        );
        // Hugo reads no date from the file name by default; a plain site neither.
        assert_eq!(
            missing("content/blog/2019-05-14-hallo.md", src, "hugo"),
            ["missing required key `date`"]
        );
        assert_eq!(
            missing("_posts/2019-05-14-hallo.md", src, "plain"),
            ["missing required key `date`"]
        );
        // Not a date: the name must start with a whole one.
        assert_eq!(
            missing("_posts/2019-05-hallo.md", src, "jekyll"),
            ["missing required key `date`"]
        );
    }

    #[test]
    fn list_pages_need_no_date() {
        let src = "---\ntitle: Blog\n---\n";
        assert!(missing("content/blog/_index.md", src, "hugo").is_empty());
        assert!(missing("content/blog/_index.md", src, "zola").is_empty());
        assert_eq!(
            missing(
                "content/blog/_index.md",
                "---\ndate: 2019-05-14\n---\n",
                "hugo"
            ),
            ["missing required key `title`"]
        );
    }

    #[test]
    fn jekyll_and_hexo_posts_are_only_in_posts_folders() {
        let src = "---\ntitle: Blog\nlayout: blog-list\n---\n";
        assert!(missing("blog/posts/index.md", src, "jekyll").is_empty());
        assert!(missing("source/posts/index.md", src, "hexo").is_empty());
        assert_eq!(
            missing("blog/_posts/index.md", src, "jekyll"),
            ["missing required key `date`"]
        );
        // A plain site keeps `files.posts-folders`.
        assert_eq!(
            missing("blog/posts/index.md", src, "plain"),
            ["missing required key `date`"]
        );
    }

    #[test]
    fn a_zola_page_with_its_own_template_is_not_a_post() {
        let special = "+++\ntemplate = \"latest.html\"\n+++\n";
        assert!(missing("content/releases/latest.md", special, "zola").is_empty());
        let post = "+++\ndescription = \"x\"\n+++\n";
        assert_eq!(
            missing("content/releases/latest.md", post, "zola"),
            [
                "missing required key `title`",
                "missing required key `date`"
            ]
        );
    }

    #[test]
    fn hugo_keys_match_in_any_case() {
        let src = "---\nTitle: Hallo\nDate: 2019-05-14\n---\n";
        assert!(missing("content/posts/hallo.md", src, "hugo").is_empty());
        // Jekyll's Liquid reads `page.title`, which `Title:` does not set.
        assert_eq!(
            missing("_posts/2019-05-14-hallo.md", src, "jekyll"),
            ["missing required key `title`"]
        );
    }

    #[test]
    fn hugo_expects_a_date_only_in_blog_sections() {
        let src = "---\ntitle: Hallo\n---\n";
        assert!(missing("content/en/functions/strings/trim.md", src, "hugo").is_empty());
        assert!(missing("content/docs/_includes/intro.md", src, "hugo").is_empty());
        for section in ["posts", "post", "blog", "news"] {
            assert_eq!(
                missing(&format!("content/en/{section}/2024/hallo.md"), src, "hugo"),
                ["missing required key `date`"],
                "{section}"
            );
        }
        // Any of Hugo's default date keys is the date.
        let published = "---\ntitle: Hallo\nPublishDate: 2019-05-14\n---\n";
        assert!(missing("content/blog/hallo.md", published, "hugo").is_empty());
    }

    /// The findings of PL202 on `path` (relative to a site written from
    /// `files`) with the site the walk would give it.
    fn missing_in_site(files: &[(&str, &str)], path: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for (name, text) in files {
            let file = root.join(name);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        let file = root.join(path);
        let mut sites = crate::site::Sites::default();
        let site = sites.for_dir(file.parent().unwrap(), None, root);
        let own = files.iter().find(|(name, _)| *name == "postlint.toml");
        let mut settings = settings(own.map_or("", |(_, text)| text))
            .with_overrides(&["PL202".to_string()], &[])
            .unwrap();
        settings.config.site.generator = Some(site.generator);
        settings.site = Some(site);
        let source = std::fs::read(&file).unwrap();
        crate::lint::Linter::new(&settings, now())
            .lint(&file, source)
            .report
            .diagnostics
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn hugo_frontmatter_date_sources_are_followed() {
        let post = "---\ntitle: Hallo\n---\n";
        let config =
            |date: &str| format!("baseURL = \"https://x.org/\"\n[frontmatter]\ndate = {date}\n");
        let named = "content/blog/2019-05-14-hallo.md";
        let filename = config("[\":filename\", \":default\"]");
        assert!(missing_in_site(&[("hugo.toml", &filename), (named, post)], named).is_empty());
        let bundle = "content/blog/2019-05-14-hallo/index.md";
        assert!(missing_in_site(&[("hugo.toml", &filename), (bundle, post)], bundle).is_empty());
        let mod_time = config("[\"date\", \":fileModTime\"]");
        assert!(missing_in_site(&[("hugo.toml", &mod_time), (named, post)], named).is_empty());
        // `:git` gives a date only where Hugo reads git.
        let git = config("[\"date\", \":git\"]");
        assert_eq!(
            missing_in_site(&[("hugo.toml", &git), (named, post)], named),
            ["missing required key `date`"]
        );
        let git = format!("enableGitInfo = true\n{git}");
        assert!(missing_in_site(&[("hugo.toml", &git), (named, post)], named).is_empty());
        // Only the configured keys count.
        let only_date = config("[\"date\"]");
        let published = "---\ntitle: Hallo\npublishDate: 2019-05-14\n---\n";
        assert_eq!(
            missing_in_site(&[("hugo.toml", &only_date), (named, published)], named),
            ["missing required key `date`"]
        );
    }

    #[test]
    fn jekyll_defaults_supply_required_keys() {
        let config =
            "defaults:\n  - scope: {path: 'docs', type: pages}\n    values: {title: Docs}\n";
        let page = "---\nlayout: page\n---\n";
        let settings_required = "[front-matter]\npage-required = [\"title\"]\n";
        let files = [
            ("_config.yml", config),
            ("postlint.toml", settings_required),
            ("docs/intro.md", page),
            ("_posts/2019-05-14-a.md", page),
        ];
        assert!(missing_in_site(&files, "docs/intro.md").is_empty());
        assert_eq!(
            missing_in_site(&files, "_posts/2019-05-14-a.md"),
            ["missing required key `title`"]
        );
    }

    #[test]
    fn hexo_dates_follow_new_post_name() {
        let post = "---\ntitle: Hallo\n---\n";
        let named = "source/_posts/2019-05-14-hallo.md";
        let dated = "new_post_name: :year-:month-:day-:title.md\n";
        assert!(missing_in_site(&[("_config.yml", dated), (named, post)], named).is_empty());
        let default = "source_dir: source\n";
        assert_eq!(
            missing_in_site(&[("_config.yml", default), (named, post)], named),
            ["missing required key `date`"]
        );
    }
}
