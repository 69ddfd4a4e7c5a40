//! Pelican's URLs (its settings docs): articles at `ARTICLE_URL`
//! (`{slug}.html`), pages (below `pages/`) at `PAGE_URL`
//! (`pages/{slug}.html`), the slug from `Slug:` or the title slugified.
//! The settings are read where they are string literals.

use super::date::Ymd;
use super::{OutputUrl, Page};

/// The string literal assigned to `name` at the start of a line.
fn setting(text: &str, name: &str) -> Option<String> {
    text.lines().rev().find_map(|line| {
        let rest = line
            .strip_prefix(name)?
            .trim_start()
            .strip_prefix('=')?
            .trim();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let inner = &rest[1..];
        inner.find(quote).map(|end| inner[..end].to_string())
    })
}

pub fn url(page: &Page<'_>) -> Option<OutputUrl> {
    let text = page.site.raw.as_str().unwrap_or("");
    let dirs = page.dirs();
    let is_page = dirs.first().map(String::as_str) == Some("pages");
    let (key, default) = if is_page {
        ("PAGE_URL", "pages/{slug}.html")
    } else {
        ("ARTICLE_URL", "{slug}.html")
    };
    let template = setting(text, key).unwrap_or_else(|| default.to_string());
    let slug = match page.text_nocase("slug") {
        Some(s) => s,
        None => super::slug::pelican(&page.text_nocase("title")?)?,
    };
    let date = page.text_nocase("date").and_then(|d| Ymd::parse(&d));
    let category = page
        .text_nocase("category")
        .or_else(|| dirs.last().cloned())
        .and_then(|c| super::slug::pelican(&c));
    let mut out = String::new();
    let mut rest = template.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}')? + open;
        let field = &rest[open + 1..close];
        let value = match field {
            "slug" => slug.clone(),
            "category" => category.clone()?,
            "lang" => page.text_nocase("lang").unwrap_or_else(|| "en".to_string()),
            "date:%Y" => date?.year.to_string(),
            "date:%m" => format!("{:02}", date?.month),
            "date:%d" => format!("{:02}", date?.day),
            _ => return None,
        };
        out.push_str(&value);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    let why = match setting(text, key) {
        Some(t) => format!("`{key} = '{t}'`"),
        None => format!("Pelican's default `{key}` `{default}`"),
    };
    Some(OutputUrl::new(out, why))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{path_of, site};

    #[test]
    fn articles_and_pages() {
        let (_d, s) = site(&[("pelicanconf.py", "PATH = 'content'\n")]);
        let fm = "---\ntitle: My super title\n---\n";
        assert_eq!(
            path_of(&s, "content/a.md", fm).as_deref(),
            Some("/my-super-title.html")
        );
        assert_eq!(
            path_of(&s, "content/pages/about.md", fm).as_deref(),
            Some("/pages/my-super-title.html")
        );
        assert_eq!(
            path_of(&s, "content/a.md", "---\ntitle: x\nslug: own\n---\n").as_deref(),
            Some("/own.html")
        );
        let (_d, s) = site(&[(
            "pelicanconf.py",
            "PATH = 'content'\nARTICLE_URL = 'posts/{date:%Y}/{date:%m}/{slug}/'\n",
        )]);
        let fm = "---\ntitle: A\ndate: 2024-01-02 10:00\n---\n";
        assert_eq!(
            path_of(&s, "content/a.md", fm).as_deref(),
            Some("/posts/2024/01/a/")
        );
    }
}
