//! The site-wide pass after every file is linted: findings that need two
//! posts at once (PL408 the same output URL, PL409 URLs that differ only in
//! case, PL410 the same title on one day). Each file hands over its
//! [`PageFacts`] (from the parsed post, or as the cache kept them with the
//! report), so the pass sees every file of the run; files are
//! compared only with files of the same site. The findings are added after
//! the cache stored the report, so a cached report never holds a finding
//! that depends on another file.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::lint::FileReport;
use crate::post::Post;
use crate::post::read::{self, Decoded};
use crate::rules::{self, duplicate_output_url, duplicate_title_same_day, url_case_conflict};
use crate::site::urls::{Ymd, unpublished};
use crate::site::{Generator, starts_with_date};
use crate::span::Span;

/// What the site-wide checks need of one published page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFacts {
    /// The root of the site the file belongs to, and the part of it the
    /// file is compared within (Next.js builds `src/pages` or `pages`, never
    /// both, so they are not compared).
    pub site: PathBuf,
    pub scope: String,
    /// The page's output URL and why it is that, when the model knows it.
    pub url: Option<(String, String)>,
    /// What sets the URL in the file (`permalink`, `slug`, `url`), else the
    /// start of the front matter.
    pub url_span: Span,
    /// The title, white space collapsed, and where it is written.
    pub title: Option<(String, Span)>,
    /// The post's day (`YYYY-MM-DD`), from its date or its file name.
    pub day: Option<String>,
    /// The language the page is written in, as far as its path or front
    /// matter says (translations share titles and days).
    pub lang: String,
    /// The first folder of its path in the content (language folders
    /// skipped): a blog post and an announcement may share a title.
    pub section: String,
    /// The file's length when it was read, to know it is the same file.
    pub len: usize,
}

/// Whether any rule of the pass is on in `settings`.
pub fn wanted(settings: &Settings) -> bool {
    [
        &duplicate_output_url::RULE,
        &url_case_conflict::RULE,
        &duplicate_title_same_day::RULE,
    ]
    .iter()
    .any(|r| settings.rules.is_enabled(r))
}

impl PageFacts {
    /// The facts of a parsed post; `None` when it is not a page of a
    /// generator's site, or not published (a draft).
    pub fn of(post: &Post, settings: &Settings) -> Option<PageFacts> {
        let site = settings.site.as_deref()?;
        if site.generator == Generator::Plain || !wanted(settings) {
            return None;
        }
        let fm = post.front_matter.as_ref()?;
        if unpublished(post) {
            return None;
        }
        let url = site.output_url(&post.path, post).map(|u| (u.path, u.why));
        let start = post.split.as_ref().map_or(0, |s| s.open.start);
        let url_span = ["permalink", "slug", "url"]
            .iter()
            .find_map(|k| fm.entry(k).map(|e| e.value_span))
            .unwrap_or(Span::new(start, start + 3.min(post.source.len() - start)));
        let title = fm.get("title").and_then(scalar).and_then(|t| {
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            (!t.is_empty()).then(|| (t, fm.value_span("title")))
        });
        let scope = if site.generator == Generator::Next {
            // `src/pages` or `src/app` against `pages` or `app`.
            let parts: Vec<_> = post.path.components().map(|c| c.as_os_str()).collect();
            let in_src = parts
                .windows(2)
                .any(|w| w[0] == "src" && (w[1] == "pages" || w[1] == "app"));
            if in_src { "src" } else { "" }.to_string()
        } else {
            String::new()
        };
        Some(PageFacts {
            site: site.root.clone(),
            scope,
            url,
            url_span,
            title,
            day: day(post, site.generator),
            lang: lang(post),
            section: section(&site.inner_path(&post.path)),
            len: post.source.len(),
        })
    }
}

fn scalar(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The day of a post: its `date` value (`2019-05-14 …` or RFC 2822
/// `Tue, 14 May 2019 …`), else the date its file name starts with where the
/// generator reads one there.
fn day(post: &Post, generator: Generator) -> Option<String> {
    let written = post.mapping()?.get("date").and_then(scalar);
    let from_value = written
        .as_deref()
        .and_then(|d| Ymd::parse(d).or_else(|| rfc2822_day(d)));
    let from_name = || {
        let name = post.path.file_name()?.to_string_lossy().into_owned();
        let dated = matches!(
            generator,
            Generator::Jekyll | Generator::Hexo | Generator::Zola
        ) && starts_with_date(&name);
        dated.then(|| Ymd::parse(&name[..10])).flatten()
    };
    let ymd = from_value.or_else(from_name)?;
    Some(format!("{:04}-{:02}-{:02}", ymd.year, ymd.month, ymd.day))
}

/// The day of `Tue, 14 May 2019 17:01:53 +0200` (weekday optional).
fn rfc2822_day(text: &str) -> Option<Ymd> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let text = text.trim();
    let text = text.split_once(',').map_or(text, |(_, rest)| rest);
    let mut parts = text.split_whitespace();
    let day = parts.next()?;
    let month = parts.next()?.to_ascii_lowercase();
    let year = parts.next()?;
    let month = MONTHS.iter().position(|m| month.starts_with(m))? + 1;
    Ymd::parse(&format!("{year}-{month}-{day}"))
}

/// A language code as a folder or file name part uses it: `en`, `pt-br`,
/// `zh_cn`.
fn is_lang_code(s: &str) -> bool {
    let (main, region) = match s.split_once(['-', '_']) {
        Some((m, r)) => (m, Some(r)),
        None => (s, None),
    };
    main.len() == 2
        && main.bytes().all(|b| b.is_ascii_lowercase())
        && region.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphabetic())
        })
}

/// The language of a page: `lang`/`language` in its front matter, a
/// language part of its file name (Hugo's `index.fr.md`), or a folder named
/// like one (`ja/news/_posts`, `content/ja/blog`).
fn lang(post: &Post) -> String {
    if let Some(map) = post.mapping() {
        for key in ["lang", "language"] {
            if let Some(v) = map.get(key).and_then(scalar) {
                return v.to_ascii_lowercase();
            }
        }
    }
    let name = post
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() >= 3
        && let Some(code) = parts.get(parts.len() - 2)
        && is_lang_code(code)
    {
        return code.to_string();
    }
    // Any folder of its path: one above the site is the same for every page.
    post.path
        .components()
        .rev()
        .skip(1)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .find(|c| is_lang_code(c))
        .unwrap_or_default()
}

/// The first folder of `inner` (a path in the content) that is not named
/// like a language; empty for a file at the top.
fn section(inner: &Path) -> String {
    let parent = inner.parent().unwrap_or(Path::new(""));
    parent
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .find(|c| !is_lang_code(c))
        .unwrap_or_default()
}

/// Adds the site-wide findings to `reports` (one per file, with its
/// settings and facts at the same index).
pub fn check(reports: &mut [FileReport], facts: &[Option<PageFacts>], settings: &[&Settings]) {
    let mut found: Vec<Vec<Diagnostic>> = vec![Vec::new(); reports.len()];
    let mut by_site: HashMap<(&Path, &str), Vec<usize>> = HashMap::new();
    for (i, f) in facts.iter().enumerate() {
        if let Some(f) = f
            && reports
                .get(i)
                .is_some_and(|r| !r.skipped && !r.lossy_source)
        {
            by_site
                .entry((f.site.as_path(), f.scope.as_str()))
                .or_default()
                .push(i);
        }
    }
    let shown = |i: usize| -> String {
        let path = &reports[i].path;
        path.strip_prefix(".").unwrap_or(path).display().to_string()
    };
    for members in by_site.values() {
        let fact = |i: &usize| facts[*i].as_ref();
        // PL408 and PL409: by exact URL, then by URL in lower case.
        let mut by_url: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut by_lower: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for i in members {
            if let Some((url, _)) = fact(i).and_then(|f| f.url.as_ref()) {
                by_url.entry(url).or_default().push(*i);
                by_lower.entry(url.to_lowercase()).or_default().push(*i);
            }
        }
        for (url, same) in &by_url {
            if same.len() < 2 {
                continue;
            }
            for &i in same {
                let others: Vec<_> = same
                    .iter()
                    .filter(|&&o| o != i)
                    .map(|&o| shown(o))
                    .collect();
                let Some(f) = facts[i].as_ref() else { continue };
                let why = f.url.as_ref().map_or("", |u| u.1.as_str());
                found[i].push(duplicate_output_url::diagnostic(
                    f.url_span, url, why, &others,
                ));
            }
        }
        for (lower, same) in &by_lower {
            let mut urls: Vec<&str> = same
                .iter()
                .filter_map(|i| fact(i).and_then(|f| f.url.as_ref()).map(|u| u.0.as_str()))
                .collect();
            urls.sort_unstable();
            urls.dedup();
            if urls.len() < 2 {
                continue;
            }
            for &i in same {
                let Some(f) = facts[i].as_ref() else { continue };
                let Some((own, _)) = f.url.as_ref() else {
                    continue;
                };
                let others: Vec<(String, String)> = same
                    .iter()
                    .filter_map(|&o| {
                        let u = &fact(&o)?.url.as_ref()?.0;
                        (u != own).then(|| (shown(o), u.clone()))
                    })
                    .collect();
                found[i].push(url_case_conflict::diagnostic(
                    f.url_span, own, lower, &others,
                ));
            }
        }
        // PL410: the same title on one day, in one language.
        let mut by_title: BTreeMap<(&str, &str, &str, &str), Vec<usize>> = BTreeMap::new();
        for i in members {
            let Some(f) = fact(i) else { continue };
            if let (Some((title, _)), Some(day)) = (&f.title, &f.day) {
                by_title
                    .entry((
                        day.as_str(),
                        title.as_str(),
                        f.lang.as_str(),
                        f.section.as_str(),
                    ))
                    .or_default()
                    .push(*i);
            }
        }
        for ((day, title, _, _), same) in &by_title {
            if same.len() < 2 {
                continue;
            }
            for &i in same {
                let Some(f) = facts[i].as_ref() else { continue };
                let Some((_, span)) = &f.title else { continue };
                let others: Vec<_> = same
                    .iter()
                    .filter(|&&o| o != i)
                    .map(|&o| shown(o))
                    .collect();
                found[i].push(duplicate_title_same_day::diagnostic(
                    *span, title, day, &others,
                ));
            }
        }
    }
    for (i, mut diagnostics) in found.into_iter().enumerate() {
        let (Some(report), Some(settings), Some(Some(f))) =
            (reports.get_mut(i), settings.get(i), facts.get(i))
        else {
            continue;
        };
        diagnostics.retain_mut(|d| match settings.rules.severity(d.rule) {
            Some(sev) => {
                d.severity = sev;
                true
            }
            None => false,
        });
        merge(report, diagnostics, f.len, settings);
    }
}

/// Adds late findings to a report, reading the file again when the report
/// dropped its text; a file that changed length since is left alone rather
/// than shown wrongly. Suppressions apply to these findings too.
fn merge(report: &mut FileReport, mut found: Vec<Diagnostic>, len: usize, settings: &Settings) {
    if found.is_empty() {
        return;
    }
    if report.source.is_empty() {
        let limit = settings.config.files.max_file_size;
        let Some(Decoded::Text(text)) = read::read_capped(&report.path, limit)
            .ok()
            .map(read::decode)
        else {
            return;
        };
        if text.len() != len {
            return;
        }
        report.source = text;
    }
    let post = Post::parse_with(
        report.path.clone(),
        report.source.clone(),
        settings.config.files.max_front_matter_size,
        crate::post::Metadata::of(settings),
    );
    let ctx = rules::Context::new(&post, settings, jiff::Timestamp::now());
    crate::suppression::apply_late(&ctx, &mut found);
    let n = report.source.len();
    report.diagnostics.extend(
        found
            .into_iter()
            .filter(|d| d.range.end <= n && report.source.is_char_boundary(d.range.start)),
    );
    report
        .diagnostics
        .sort_by(|a, b| (a.range.start, a.rule.code).cmp(&(b.range.start, b.rule.code)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_languages() {
        assert_eq!(
            rfc2822_day("Tue, 14 May 2019 17:01:53 +0200").map(|d| (d.year, d.month, d.day)),
            Some((2019, 5, 14))
        );
        assert_eq!(rfc2822_day("14 mei 2019"), None);
        assert!(is_lang_code("en") && is_lang_code("zh_cn") && is_lang_code("pt-br"));
        assert!(!is_lang_code("news") && !is_lang_code("_posts") && !is_lang_code("EN"));
        let post =
            crate::testing::post_at("/s/ja/news/_posts/2019-05-14-a.md", "---\ntitle: a\n---\n");
        assert_eq!(lang(&post), "ja");
        let post = crate::testing::post_at("/s/content/blog/a/index.fr.md", "---\ntitle: a\n---\n");
        assert_eq!(lang(&post), "fr");
        let post = crate::testing::post_at("/s/_posts/a.md", "---\nlang: NL\n---\n");
        assert_eq!(lang(&post), "nl");
        assert_eq!(section(Path::new("en/blog/2026/a.md")), "blog");
        assert_eq!(section(Path::new("en/announcements/a.md")), "announcements");
        assert_eq!(section(Path::new("a.md")), "");
    }
}
