//! Hexo's URLs (its permalink docs): a post in `_posts` by `permalink`
//! (`:year/:month/:day/:title/` by default; `:title` is the file's path in
//! `_posts` without the extension and without what `new_post_name` puts
//! before `:title`), a front matter `permalink` over it, a page at its path
//! (`about/index.md` → `/about/index.html`, `a.md` → `/a.html`), `root` in front.

use serde_json::Value as Json;

use super::date::Ymd;
use super::{OutputUrl, Page, fill, templated};

pub fn url(page: &Page<'_>) -> Option<OutputUrl> {
    let raw = &page.site.raw;
    let base = page.site.base_path();
    let dirs = page.dirs();
    let stem = page.stem();
    if dirs.first().map(String::as_str) == Some("_drafts") {
        return None;
    }
    if dirs.first().map(String::as_str) != Some("_posts") {
        // A page: its own path, the Markdown extension made `.html`.
        if let Some(p) = page.text("permalink") {
            if templated(&p) {
                return None;
            }
            let why = format!("permalink `{p}` in its front matter");
            return Some(OutputUrl::new(format!("{base}{p}"), why));
        }
        let mut path = dirs.join("/");
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(&stem);
        path.push_str(&page.output_ext());
        return Some(OutputUrl::new(format!("{base}{path}"), "a page's path"));
    }
    if let Some(p) = page.text("permalink") {
        if templated(&p) {
            return None;
        }
        let why = format!("permalink `{p}` in its front matter");
        return Some(OutputUrl::new(format!("{base}{p}"), why));
    }
    let template = raw
        .get("permalink")
        .and_then(Json::as_str)
        .unwrap_or(":year/:month/:day/:title/")
        .to_string();
    let naming = raw
        .get("new_post_name")
        .and_then(Json::as_str)
        .unwrap_or(":title.md");
    // The path below `_posts/`, read through `new_post_name` as Hexo's
    // `parseFilename` does: a post in a subfolder that the pattern does not
    // match has its whole path, slugized, as its title.
    let mut below: Vec<String> = dirs.iter().skip(1).cloned().collect();
    below.push(stem.clone());
    let parsed = crate::site::hexo::parse_post_name(naming, &below.join("/"));
    let name_date = match (parsed.year, parsed.month, parsed.day) {
        (Some(year), Some(month), Some(day)) => Some(Ymd { year, month, day }),
        _ => None,
    };
    let name = stem.clone();
    let title = page.text("slug").unwrap_or(parsed.title);
    let date = page.text("date").and_then(|d| Ymd::parse(&d)).or(name_date);
    let lookup = |key: &str| -> Option<String> {
        Some(match key {
            "year" => date?.year.to_string(),
            "month" => format!("{:02}", date?.month),
            "day" => format!("{:02}", date?.day),
            "i_month" => date?.month.to_string(),
            "i_day" => date?.day.to_string(),
            "title" => title.clone(),
            "name" => name.clone(),
            "post_title" => page.text("title")?,
            _ => return None,
        })
    };
    let filled = fill(&template, &lookup)?;
    let why = if raw.get("permalink").is_some() {
        format!("permalink `{template}`")
    } else {
        format!("Hexo's default permalink `{template}`")
    };
    Some(OutputUrl::new(format!("{base}{filled}"), why))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{path_of, site};

    #[test]
    fn posts_and_pages_as_the_docs_show() {
        let (_d, s) = site(&[(
            "_config.yml",
            "new_post_name: :year-:month-:day-:title.md\nroot: /\n",
        )]);
        let fm = "---\ntitle: Hello World\ndate: 2013-07-14 17:01:34\n---\n";
        // Hexo's permalink docs: `:year/:month/:day/:title/` → `2013/07/14/hello-world/`.
        assert_eq!(
            path_of(&s, "source/_posts/hello-world.md", fm).as_deref(),
            Some("/2013/07/14/hello-world/")
        );
        assert_eq!(
            path_of(&s, "source/_posts/2013-07-14-hello-world.md", "---\n---\n").as_deref(),
            Some("/2013/07/14/hello-world/")
        );
        // A path the dated `new_post_name` does not match is slugized whole,
        // as the real Hexo 8 builds it (tests/oracle/hexo).
        assert_eq!(
            path_of(&s, "source/_posts/lorem/hello-world.md", fm).as_deref(),
            Some("/2013/07/14/lorem-hello-world/")
        );
        assert_eq!(
            path_of(&s, "source/about/index.md", fm).as_deref(),
            Some("/about/index.html")
        );
        assert_eq!(
            path_of(&s, "source/_posts/undated.md", "---\ntitle: x\n---\n"),
            None
        );
        let (_d, s) = site(&[(
            "_config.yml",
            "new_post_name: :title.md\nroot: /blog/\npermalink: :title.html\n",
        )]);
        assert_eq!(
            path_of(&s, "source/_posts/a.md", fm).as_deref(),
            Some("/blog/a.html")
        );
        // Under `:title.md` the folder stays in the title (the permalink
        // docs' `lorem/hello-world`).
        assert_eq!(
            path_of(&s, "source/_posts/lorem/hello-world.md", fm).as_deref(),
            Some("/blog/lorem/hello-world.html")
        );
    }
}
