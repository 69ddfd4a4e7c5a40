//! PL411 broken-page-reference: a `{% post_url %}`, `{% link %}` or Hugo
//! `ref`/`relref` that names no source file of the site; the build fails.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::rules::Context;
use crate::site::{Generator, Site};
use crate::span::Span;
use crate::template::{Construct, Kind, Layer};

declare_rule! {
    /// ## What it does
    /// Resolves the template tags that name another page by its source:
    /// Jekyll's `{% post_url 2019-05-14-title %}` (a post in `_posts`, or in
    /// `sub/_posts` as `sub/2019-05-14-title`, matched the way Jekyll's
    /// `PostComparer` does, its older slug-and-date match included) and
    /// `{% link path/of/a/file.md %}` (any file of the site, by its path
    /// from the site root), and Hugo's `{{< ref "…" >}}` and
    /// `{{< relref "…" >}}` (a content path, relative to the page, then to
    /// the content root, a bare name matched against every page's file or
    /// bundle name, `#anchor` allowed). It reports one that no file
    /// matches, with the post of the same slug at another date or the
    /// nearest name as a suggestion. Arguments holding template code are not
    /// judged; calls inside code blocks (`{% highlight %}`, `{% raw %}`) are
    /// code.
    ///
    /// ## Why is this bad?
    /// Jekyll stops the build ("Could not find post … in tag 'post_url'",
    /// "Could not find document … in tag 'link'"), and so does Hugo
    /// (`REF_NOT_FOUND`, an error by default): the site is not published
    /// until the reference is mended.
    ///
    /// ## Example
    /// ```liquid
    /// Zie [het vorige stuk]({% post_url 2019-05-13-zendmast %}).
    /// ```
    /// where the post is `_posts/2019-05-14-zendmast.md`.
    ///
    /// ## Fix safety
    /// No fix: the suggestion may not be the page the author meant.
    pub static RULE {
        code: "PL411",
        name: "broken-page-reference",
        summary: "post_url, link or ref names no file of the site",
        severity: Error,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(site) = ctx.settings.site.as_deref() else {
        return;
    };
    let post = ctx.post;
    let layer = Layer::of_body(&post.source, post.body, Some(site.generator), &post.path);
    let code = layer.code_regions();
    let calls: Vec<&Construct> = layer
        .constructs
        .iter()
        .filter(|c| {
            !c.closing
                && !code
                    .iter()
                    .any(|r| r.start <= c.span.start && c.span.end <= r.end)
        })
        .filter(|c| match (site.generator, c.kind) {
            (Generator::Jekyll, Kind::Tag) => matches!(c.name.as_str(), "post_url" | "link"),
            (Generator::Hugo, Kind::Shortcode | Kind::MarkdownShortcode) => {
                matches!(c.name.as_str(), "ref" | "relref")
            }
            _ => false,
        })
        .collect();
    if calls.is_empty() {
        return;
    }
    ctx.mark_read_other_files();
    let index = site.page_index();
    if index.incomplete {
        return;
    }
    for c in calls {
        let (raw, span) = argument(&post.source, c);
        if raw.contains("{{") || raw.contains("{%") {
            continue;
        }
        let d = match c.name.as_str() {
            "post_url" => post_url(&index.sources, raw, span),
            "link" => link(site, raw, span),
            _ => hugo_ref(site, &index.sources, &post.path, c),
        };
        out.extend(d);
    }
}

/// A call's argument text, white space trimmed, and its span.
fn argument<'a>(source: &'a str, c: &Construct) -> (&'a str, Span) {
    let text = c.args_span.get(source).unwrap_or_default();
    let lead = text.len() - text.trim_start().len();
    let raw = text.trim();
    let start = c.args_span.start + lead;
    (raw, Span::new(start, start + raw.len()))
}

/// `post_url`: Jekyll's `PostComparer` (`^(.+/)*(\d+-\d+-\d+)-(.*)$` on the
/// name, then `_posts/<folder/><date>-<slug>.<ext>` or
/// `<folder/>_posts/<date>-<slug>.<ext>` on each post's path), then its
/// deprecated match on the slug and the day.
fn post_url(sources: &[PathBuf], raw: &str, span: Span) -> Option<Diagnostic> {
    let name = raw.trim_start_matches('/');
    let Some((path, date, slug)) = split_post_name(name) else {
        return Some(
            Diagnostic::new(&RULE, span, format!("`{raw}` is not a post name"))
                .with_label("Jekyll stops the build: \"does not contain valid date and/or title\"")
                .with_help("write the post's file name without its extension: `YYYY-MM-DD-title` (with `folder/` in front for a post in `folder/_posts` or `_posts/folder`)"),
        );
    };
    // Each post as its path from the site root (or below a collections_dir).
    let posts: Vec<String> = sources
        .iter()
        .filter(|p| p.components().any(|c| c.as_os_str() == "_posts"))
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let basename = format!("{date}-{slug}.");
    let prefixes = [
        format!("_posts/{path}{basename}"),
        format!("{path}_posts/{basename}"),
    ];
    let matches_new = |rel: &str| {
        // The path may start below a collections_dir: try every start.
        let starts = std::iter::once(0).chain(rel.match_indices('/').map(|(i, _)| i + 1));
        starts.into_iter().any(|at| {
            prefixes.iter().any(|prefix| {
                rel[at..]
                    .strip_prefix(prefix.as_str())
                    .is_some_and(|rest| rest.chars().next().is_some_and(|ch| ch != '.'))
            })
        })
    };
    if posts.iter().any(|rel| matches_new(rel)) {
        return None;
    }
    let stem_of = |rel: &str| {
        let file = rel.rsplit('/').next().unwrap_or(rel);
        file.split('.').next().unwrap_or(file).to_string()
    };
    // The deprecated match: the same slug and the same day. A post's day
    // may come from its front matter, so any post of this slug is enough
    // to leave the call alone unless its name's day differs and its front
    // matter sets none (not read here: any same-slug post is left alone
    // when its day matches).
    let want = ymd(date);
    let same_slug: Vec<String> = posts
        .iter()
        .map(|rel| stem_of(rel))
        .filter(|stem| split_post_name(stem).is_some_and(|(_, _, s)| s == slug))
        .collect();
    if same_slug
        .iter()
        .any(|stem| split_post_name(stem).is_some_and(|(_, d, _)| ymd(d) == want))
    {
        return None;
    }
    let suggestion = same_slug
        .first()
        .map(|stem| format!("{path}{stem}"))
        .or_else(|| {
            nearest(
                posts.iter().map(|rel| format!("{path}{}", stem_of(rel))),
                name,
            )
        });
    Some(reference_diagnostic(
        span,
        format!("no post `{raw}` for `post_url`"),
        "Jekyll stops the build: \"Could not find post\"",
        suggestion,
    ))
}

/// `(folder/, date, slug)` of a post name, as Jekyll's matcher splits it.
fn split_post_name(name: &str) -> Option<(&str, &str, &str)> {
    let (path, file) = match name.rfind('/') {
        Some(at) => (&name[..=at], &name[at + 1..]),
        None => ("", name),
    };
    // `\d+-\d+-\d+-rest`.
    let mut pos = 0;
    for _ in 0..3 {
        let digits = file
            .get(pos..)?
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if digits == 0 || file.as_bytes().get(pos + digits) != Some(&b'-') {
            return None;
        }
        pos += digits + 1;
    }
    Some((path, file.get(..pos - 1)?, file.get(pos..)?))
}

fn ymd(date: &str) -> Option<(u32, u32, u32)> {
    let mut it = date.split('-').map(|p| p.parse::<u32>().ok());
    Some((it.next()??, it.next()??, it.next()??))
}

/// `link`: a file of the site by its path from the site root.
fn link(site: &Site, raw: &str, span: Span) -> Option<Diagnostic> {
    let rel = raw.trim_start_matches('/');
    if rel.is_empty() || rel.split('/').any(|p| p == "..") {
        return None;
    }
    if site.root.join(rel).is_file() {
        return None;
    }
    let suggestion = nearest_file(&site.root, rel);
    Some(reference_diagnostic(
        span,
        format!("no file `{raw}` for `link`"),
        "Jekyll stops the build: \"Could not find document\"",
        suggestion,
    ))
}

/// Hugo's `ref`/`relref`: relative to the page's folder, then to each
/// content root, then a bare name against every page's name.
fn hugo_ref(site: &Site, sources: &[PathBuf], page: &Path, c: &Construct) -> Option<Diagnostic> {
    let arg = c.args.first().filter(|a| a.name.is_none())?;
    let target = arg.value.trim();
    let path = target
        .split(['#', '?'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/');
    if path.is_empty() || target.contains("://") {
        return None;
    }
    let layout = site.hugo_layout();
    let mut bases: Vec<PathBuf> = Vec::new();
    if !path.starts_with('/') {
        // The page's folder; a bundle's `index.md` also from its parent.
        for dir in page.ancestors().skip(1).take(2) {
            bases.push(dir.join(path));
        }
    }
    for m in layout.content.iter() {
        if !m.present {
            continue;
        }
        let inner = path.trim_start_matches('/');
        let inner = if m.target.is_empty() {
            Some(inner)
        } else {
            inner
                .strip_prefix(m.target.as_str())
                .map(|r| r.trim_start_matches('/'))
        };
        if let Some(inner) = inner {
            bases.push(site.root.join(&m.source).join(inner));
        }
    }
    // A `..` that climbs out of the site is looked at nowhere: nothing
    // outside the site is even tested for existence.
    let root = lexical(&site.root);
    bases.retain(|b| lexical(b).starts_with(&root));
    if bases.iter().any(|b| exists_as_page(b)) {
        return None;
    }
    // A bare name (`about`, `post.md`) is looked up by its name.
    let stem = |s: &str| s.split('.').next().unwrap_or("").to_string();
    let name = stem(path.rsplit('/').next().unwrap_or(path));
    let named = |p: &PathBuf| {
        let file = p
            .file_name()
            .map(|f| stem(&f.to_string_lossy()))
            .unwrap_or_default();
        let dir = p
            .parent()
            .and_then(Path::file_name)
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        file == name || ((file == "index" || file == "_index") && dir == name)
    };
    if sources.iter().any(named) {
        return None;
    }
    let suggestion = nearest(
        sources.iter().filter_map(|p| {
            let file = p.file_name()?.to_string_lossy().into_owned();
            let s = stem(&file);
            if s == "index" || s == "_index" {
                p.parent()?
                    .file_name()
                    .map(|d| d.to_string_lossy().into_owned())
            } else {
                Some(s)
            }
        }),
        &name,
    );
    Some(reference_diagnostic(
        arg.value_span,
        format!("no page `{target}` for `{}`", c.name),
        "Hugo stops the build: REF_NOT_FOUND",
        suggestion,
    ))
}

/// `path` made absolute with `.` and `..` taken lexically.
fn lexical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Whether `base` names a page: the file, the file with an extension (and
/// a language: `about.fr.md`), a bundle or a section folder.
fn exists_as_page(base: &Path) -> bool {
    if base.is_file() || base.is_dir() {
        return true;
    }
    let (Some(dir), Some(name)) = (base.parent(), base.file_name()) else {
        return false;
    };
    let name = name.to_string_lossy();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().take(100_000).any(|e| {
        let n = e.file_name().to_string_lossy().into_owned();
        n.strip_prefix(name.as_ref())
            .is_some_and(|r| r.starts_with('.'))
    })
}

/// The nearest of `names` to `want`, when near enough to be a typo.
fn nearest(names: impl Iterator<Item = String>, want: &str) -> Option<String> {
    let budget = (want.chars().count() / 4).max(2);
    names
        .map(|n| {
            (
                super::broken_internal_link::distance(&n, want, budget + 1),
                n,
            )
        })
        .filter(|(d, _)| *d <= budget)
        .min()
        .map(|(_, n)| n)
}

/// The nearest file name in the folder of `rel`, as a path from the root.
fn nearest_file(root: &Path, rel: &str) -> Option<String> {
    let (dir, file) = match rel.rfind('/') {
        Some(at) => (&rel[..at], &rel[at + 1..]),
        None => ("", rel),
    };
    let entries = std::fs::read_dir(root.join(dir)).ok()?;
    let names = entries
        .flatten()
        .take(100_000)
        .map(|e| e.file_name().to_string_lossy().into_owned());
    let best = nearest(names, file)?;
    Some(if dir.is_empty() {
        best
    } else {
        format!("{dir}/{best}")
    })
}

fn reference_diagnostic(
    span: Span,
    message: String,
    label: &str,
    suggestion: Option<String>,
) -> Diagnostic {
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => "correct the name, or add the page it names".to_string(),
    };
    Diagnostic::new(&RULE, span, message)
        .with_label(label)
        .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn run(files: &[(&str, &str)], post: &str) -> Vec<Diagnostic> {
        check_in_site(&RULE, files, post)
    }

    fn shown(src: &str, d: &[Diagnostic]) -> Vec<(String, String)> {
        d.iter()
            .map(|d| (src[d.range].to_string(), d.help.clone().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn jekyll_post_url_and_link() {
        let body = "---\ntitle: A\n---\n{% post_url 2019-05-14-zendmast %} {% post_url 2019-05-13-zendmast %} {% post_url nieuws/2019-05-15-kabel %} {% post_url 2019-05-15-kabel %} {% post_url nieuws/2019-05-16-kabel %} {% post_url zendmast %} {% post_url 2019-05-14-zendmastt %} {% link _posts/2019-05-14-zendmast.md %} {% link about.md %} {% link abuot.md %} {% post_url {{ page.x }} %}\n{% raw %}{% post_url 2000-01-01-nope %}{% endraw %}\n";
        let files = [
            ("_config.yml", "title: x\n"),
            ("_posts/2019-05-14-zendmast.md", "---\ntitle: Z\n---\n"),
            ("nieuws/_posts/2019-05-15-kabel.md", "---\ntitle: K\n---\n"),
            ("about.md", "---\ntitle: About\n---\n"),
            ("_posts/2019-06-01-a.md", body),
        ];
        let d = run(&files, "_posts/2019-06-01-a.md");
        let got = shown(body, &d);
        assert_eq!(
            got,
            [
                ("2019-05-13-zendmast".to_string(), "did you mean `2019-05-14-zendmast`?".to_string()),
                ("nieuws/2019-05-16-kabel".to_string(), "did you mean `nieuws/2019-05-15-kabel`?".to_string()),
                ("zendmast".to_string(), "write the post's file name without its extension: `YYYY-MM-DD-title` (with `folder/` in front for a post in `folder/_posts` or `_posts/folder`)".to_string()),
                ("2019-05-14-zendmastt".to_string(), "did you mean `2019-05-14-zendmast`?".to_string()),
                ("abuot.md".to_string(), "did you mean `about.md`?".to_string()),
            ]
        );
        assert!(
            d.iter()
                .all(|d| d.severity == crate::diagnostic::Severity::Error)
        );
    }

    #[test]
    fn hugo_ref_and_relref() {
        let body = "---\ntitle: A\n---\n{{< ref \"b\" >}} {{< ref \"/blog/b.md\" >}} {{< relref \"../c\" >}} {{< ref \"c\" >}} {{< ref \"/docs/\" >}} {{< ref \"#top\" >}} {{< ref \"/blog/nope\" >}} {{% relref \"bb.md#x\" %}} {{< ref \"../../../../../../../../etc/passwd\" >}}\n```\n{{</* ref \"nope\" */>}}\n```\n";
        let files = [
            ("hugo.toml", "title = 'x'\n"),
            ("content/blog/a/index.md", body),
            ("content/blog/b.md", "---\ntitle: B\n---\n"),
            ("content/c/_index.md", "---\ntitle: C\n---\n"),
            ("content/docs/x.md", "---\ntitle: X\n---\n"),
        ];
        let d = run(&files, "content/blog/a/index.md");
        let got = shown(body, &d);
        assert_eq!(
            got,
            [
                (
                    "/blog/nope".to_string(),
                    "correct the name, or add the page it names".to_string()
                ),
                ("bb.md#x".to_string(), "did you mean `b`?".to_string()),
                (
                    "../../../../../../../../etc/passwd".to_string(),
                    "correct the name, or add the page it names".to_string()
                ),
            ]
        );
    }

    #[test]
    fn post_names_split_like_jekyll() {
        assert_eq!(
            split_post_name("2019-05-14-a-b"),
            Some(("", "2019-05-14", "a-b"))
        );
        assert_eq!(
            split_post_name("x/y/2019-5-4-a"),
            Some(("x/y/", "2019-5-4", "a"))
        );
        assert_eq!(split_post_name("zendmast"), None);
        assert_eq!(split_post_name("2019-05-a"), None);
    }
}
