//! PL407 broken-internal-link: a site-relative or relative link to a page the
//! site does not publish, judged only where the site's pages own the URL space.

use crate::diagnostic::Diagnostic;
use crate::resources::local::{UrlPath, url_path};
use crate::resources::url::{UrlForm, form};
use crate::resources::{Resource, ResourceKind, WrittenIn};
use crate::rules::Context;
use crate::site::serve::Served;
use crate::site::urls::{OutputUrl, PageIndex, variants};
use crate::site::{Generator, Site};

declare_rule! {
    /// ## What it does
    /// Places each link with a site-relative path (`/2019/05/14/zendmast/`)
    /// or a relative one (`../kabel/`, from the page's output URL) among the
    /// URLs the site publishes: every page's output URL (permalinks, slugs,
    /// dates, bundles, as its generator makes them), the redirect pages its
    /// front matter asks for (`aliases`, `redirect_from`), the host's
    /// redirects (`_redirects`, `netlify.toml`) and every file the site
    /// copies or serves. It reports a link that reaches none of them, with
    /// the page of the same slug at another date or the nearest URL as a
    /// suggestion. It judges only where it is sure: the link must lie in a
    /// URL space the site's pages own (a shape that at least two pages
    /// share, like `/:year/:month/:day/:title/` or `/blog/:title/`, below
    /// `baseurl`, not at the top of the site), must not look like a
    /// generated page (tags, categories, authors, archives, pagination, a
    /// number), must not name a file with another extension than `.html`
    /// (a feed, an image), and every page of the site must have a URL
    /// postlint knows. Links holding template code are not judged here.
    ///
    /// ## Why is this bad?
    /// Readers who follow the link get a "404 Not Found". html-proofer finds
    /// it only after a full build; this finds it from the sources.
    ///
    /// ## Example
    /// ```markdown
    /// Zie [het vorige stuk](/2019/05/13/zendmast/).
    /// ```
    /// where the post `_posts/2019-05-14-zendmast.md` is published at
    /// `/2019/05/14/zendmast/`.
    ///
    /// ## Fix safety
    /// No fix: the suggestion may not be the page the author meant.
    pub static RULE {
        code: "PL407",
        name: "broken-internal-link",
        summary: "link to a page the site does not publish",
        severity: Warning,
        run: Post(check),
        fix: None,
    }
}

/// The last parts of URLs that generators and plugins make pages for
/// without a source file: taxonomies, archives, pagination, feeds.
const GENERATED: [&str; 14] = [
    "tags",
    "tag",
    "categories",
    "category",
    "authors",
    "author",
    "series",
    "topics",
    "archives",
    "archive",
    "page",
    "feed",
    "search",
    "404",
];

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(site) = ctx.settings.site.as_deref() else {
        return;
    };
    if site.generator == Generator::Plain {
        return;
    }
    let links: Vec<&Resource> = ctx
        .resources()
        .iter()
        // Plain links only: a template call's link argument may name a file
        // (`asset_link`) or be turned into a URL by the call.
        .filter(|r| {
            r.kind == ResourceKind::Link
                && matches!(r.written_in, WrittenIn::Html { .. } | WrittenIn::Markdown)
                && candidate(&r.url)
        })
        .collect();
    if links.is_empty() {
        return;
    }
    ctx.mark_read_other_files();
    let index = site.page_index();
    if index.incomplete || index.opaque_redirects {
        return;
    }
    let page = site.output_url(&ctx.post.path, ctx.post);
    let base = site.base_path();
    for r in links {
        let UrlPath::Path(mut url) = url_path(&r.url, page.as_ref().map(OutputUrl::folder)) else {
            continue;
        };
        // Shown as written: `url_path` drops a final `/`.
        let written = r.url.trim();
        let written = &written[..written.find(['?', '#']).unwrap_or(written.len())];
        if written.ends_with('/') && !url.ends_with('/') {
            url.push('/');
        }
        if !owned(index, &url, &base) || index.knows(&url) || index.host_redirects(&url) {
            continue;
        }
        if served(site, &url) {
            continue;
        }
        out.push(diagnostic(r, &url, suggestion(index, &url, &base), &page));
    }
}

/// A link this rule may judge: a path on this site, no template code.
fn candidate(url: &str) -> bool {
    let url = url.trim();
    matches!(form(url), UrlForm::SiteRelative | UrlForm::Relative)
        && !url.contains("{{")
        && !url.contains("{%")
        && !url.starts_with('#')
        && !url.starts_with('?')
}

/// Whether the site's pages own the URL space of `url`: below `baseurl`,
/// not at the top, not a generated page, and of a shape several pages share.
fn owned(index: &PageIndex, url: &str, base: &str) -> bool {
    let Some(rest) = url
        .strip_prefix(base.trim_end_matches('/'))
        .and_then(|r| r.strip_prefix('/'))
    else {
        return false;
    };
    let parts: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return false;
    }
    // Taxonomies, archives (`/2019/05/`), pagination (`/page/2/`, `page2`).
    let generated = parts
        .iter()
        .any(|p| GENERATED.contains(&p.to_ascii_lowercase().as_str()));
    let last = parts.last().copied().unwrap_or("");
    let numbered = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if generated || numbered(last) || last.strip_prefix("page").is_some_and(numbered) {
        return false;
    }
    if let Some(at) = last.rfind('.') {
        let ext = last[at + 1..].to_ascii_lowercase();
        if ext != "html" && ext != "htm" {
            return false;
        }
    }
    crate::site::urls::shape(url, base).is_some_and(|s| index.owns_shape(&s))
}

/// Whether a file of the site (static, copied, a bundle's) serves `url`,
/// or a folder whose source is not here might.
fn served(site: &Site, url: &str) -> bool {
    variants(url)
        .iter()
        .filter(|v| !v.ends_with('/'))
        .any(|v| matches!(site.serve(v), Served::File(_) | Served::Unknown { .. }))
}

/// The page with the same last part at another date or folder, else the
/// nearest URL of the same shape.
fn suggestion(index: &PageIndex, url: &str, base: &str) -> Option<String> {
    let slug = |u: &str| {
        u.trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".html")
            .to_string()
    };
    let own = slug(url);
    // Of the pages with this slug, the one sharing the longest start with
    // the link (its language folder, its section).
    let common = |u: &str| {
        u.chars()
            .zip(url.chars())
            .take_while(|(a, b)| a == b)
            .count()
    };
    let best = index
        .urls
        .keys()
        .filter(|u| slug(u) == own)
        .max_by(|a, b| common(a).cmp(&common(b)).then_with(|| b.cmp(a)));
    if let Some(u) = best {
        return Some(u.clone());
    }
    let budget = (url.chars().count() / 5).max(2);
    index
        .same_shape(url, base)
        .map(|u| (distance(u, url, budget + 1), u))
        .filter(|(d, _)| *d <= budget)
        .min()
        .map(|(_, u)| u.clone())
}

/// Levenshtein distance of `a` and `b`, stopped at `cap` (enough to rank).
pub(crate) fn distance(a: &str, b: &str, cap: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) >= cap {
        return cap;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|m| *m >= cap) {
            return cap;
        }
        prev = cur;
    }
    prev[b.len()].min(cap)
}

fn diagnostic(
    r: &Resource,
    url: &str,
    suggestion: Option<String>,
    page: &Option<OutputUrl>,
) -> Diagnostic {
    let label = match page {
        Some(p) if form(r.url.trim()) == UrlForm::Relative => {
            format!("relative to this page's URL `{}`", p.path)
        }
        _ => "no page, redirect or file of the site has this URL".to_string(),
    };
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => "correct the link, or add the page it points to".to_string(),
    };
    Diagnostic::new(
        &RULE,
        r.span,
        format!("no page of the site is published at `{url}`"),
    )
    .with_label(label)
    .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    /// The findings of PL407 on `post` (relative to the site root) of a site
    /// made of `files`.
    fn run(files: &[(&str, &str)], post: &str) -> Vec<Diagnostic> {
        check_in_site(&RULE, files, post)
    }

    const CONFIG: (&str, &str) = ("_config.yml", "permalink: /:year/:month/:day/:title/\n");

    #[test]
    fn a_link_to_a_missing_post_with_a_near_slug_or_date() {
        let files = [
            CONFIG,
            (
                "_posts/2019-05-14-zendmast.md",
                "---\ntitle: Z\n---\nTekst.\n",
            ),
            ("_posts/2019-05-15-kabel.md", "---\ntitle: K\n---\nTekst.\n"),
            (
                "_posts/2019-06-01-a.md",
                "---\ntitle: A\n---\n[oud](/2019/05/13/zendmast/) [typo](/2019/05/15/kabell/) [goed](/2019/05/14/zendmast/) [rel](../../../../2019/05/15/kabel/) [weg](/2019/05/15/nergens/)\n",
            ),
        ];
        let d = run(&files, "_posts/2019-06-01-a.md");
        let got: Vec<_> = d
            .iter()
            .map(|d| (d.message.as_str(), d.help.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "no page of the site is published at `/2019/05/13/zendmast/`",
                    "did you mean `/2019/05/14/zendmast/`?"
                ),
                (
                    "no page of the site is published at `/2019/05/15/kabell/`",
                    "did you mean `/2019/05/15/kabel/`?"
                ),
                (
                    "no page of the site is published at `/2019/05/15/nergens/`",
                    "correct the link, or add the page it points to"
                ),
            ]
        );
    }

    #[test]
    fn generated_pages_static_files_and_redirects_are_not_judged() {
        let files = [
            CONFIG,
            (
                "_posts/2019-05-14-zendmast.md",
                "---\ntitle: Z\nredirect_from: /2019/05/14/oud/\n---\nTekst.\n",
            ),
            ("_posts/2019-05-15-kabel.md", "---\ntitle: K\n---\nTekst.\n"),
            ("2019/05/14/files/x.html", "<p>copied</p>\n"),
            ("_redirects", "/2019/04/*  /  301\n"),
            (
                "_posts/2019-06-01-a.md",
                "---\ntitle: A\n---\n{% include card.html url=\"/2019/05/14/via-include/\" %} [tag](/tags/radio/) [arch](/2019/05/) [feed](/feed.xml) [top](/about/) [img](/2019/05/14/a.png) [copied](/2019/05/14/files/x.html) [redirect](/2019/05/14/oud/) [host](/2019/04/01/x/) [tpl]({{ site.baseurl }}/2019/05/14/x/) [ext](https://example.com/2019/05/14/x/)\n",
            ),
        ];
        assert_eq!(run(&files, "_posts/2019-06-01-a.md").len(), 0);
    }

    #[test]
    fn a_page_with_an_unknown_url_stops_the_rule_in_its_folder() {
        let files = [
            CONFIG,
            (
                "_posts/2019-05-14-zendmast.md",
                "---\ntitle: Z\n---\nTekst.\n",
            ),
            (
                "_posts/2019-05-15-kabel.md",
                "---\ntitle: K\npermalink: \"/{{ page.x }}/\"\n---\nTekst.\n",
            ),
            (
                "_posts/2019-06-01-a.md",
                "---\ntitle: A\n---\n[weg](/2019/05/15/nergens/)\n",
            ),
        ];
        assert_eq!(run(&files, "_posts/2019-06-01-a.md").len(), 0);
        // A page with an unknown URL elsewhere leaves the posts' URLs known.
        let files = [
            CONFIG,
            (
                "_posts/2019-05-14-zendmast.md",
                "---\ntitle: Z\n---\nTekst.\n",
            ),
            ("_posts/2019-05-15-kabel.md", "---\ntitle: K\n---\nTekst.\n"),
            (
                "docs/x.md",
                "---\ntitle: X\npermalink: \"/{{ page.x }}/\"\n---\nTekst.\n",
            ),
            (
                "_posts/2019-06-01-a.md",
                "---\ntitle: A\n---\n[weg](/2019/05/15/nergens/)\n",
            ),
        ];
        assert_eq!(run(&files, "_posts/2019-06-01-a.md").len(), 1);
    }

    #[test]
    fn hugo_bundles_and_sections() {
        let files = [
            ("hugo.toml", "title = 'x'\n"),
            (
                "content/blog/a/index.md",
                "---\ntitle: A\n---\n[b](/blog/b/) [c](/blog/c/) [rel](../b/) [sec](/blog/) [img](/blog/a/x.png) [legacy](/blog/legacy/)\n",
            ),
            ("static/blog/legacy/index.html", "<p>old</p>\n"),
            ("content/blog/a/x.png", ""),
            ("content/blog/b.md", "---\ntitle: B\n---\n"),
        ];
        let d = run(&files, "content/blog/a/index.md");
        let got: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(got, ["no page of the site is published at `/blog/c/`"]);
    }

    #[test]
    fn distances() {
        assert_eq!(distance("kabel", "kabell", 5), 1);
        assert_eq!(distance("abc", "abc", 5), 0);
        assert_eq!(distance("a", "abcdefgh", 3), 3);
    }
}
