//! Hexo's URLs (its permalink docs): a post in `_posts` by `permalink`
//! (`:year/:month/:day/:title/` by default; `:title` is the file's path in
//! `_posts` without the extension and without what `new_post_name` puts
//! before `:title`), a front matter `permalink` over it, a page at its path
//! (`about/index.md` → `/about/index.html`, `a.md` → `/a.html`), `root` in front.

use serde_json::Value as Json;

use super::date::Ymd;
use super::{OutputUrl, Page, fill, templated};

/// `2024-01-02-slug` under a dated `new_post_name`: the date and the slug.
fn dated(stem: &str) -> Option<(Ymd, &str)> {
    let date = Ymd::parse(stem.get(..10)?)?;
    Some((date, stem.get(11..)?))
}

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
    let inside: Vec<String> = dirs.iter().skip(1).cloned().collect();
    let (name_date, name) = if naming.starts_with(":year-:month-:day-") {
        match dated(&stem) {
            Some((d, s)) => (Some(d), s.to_string()),
            None => (None, stem.clone()),
        }
    } else {
        (None, stem.clone())
    };
    let title = if inside.is_empty() {
        name.clone()
    } else {
        format!("{}/{name}", inside.join("/"))
    };
    let title = page.text("slug").unwrap_or(title);
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
        assert_eq!(
            path_of(&s, "source/_posts/lorem/hello-world.md", fm).as_deref(),
            Some("/2013/07/14/lorem/hello-world/")
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
    }
}
