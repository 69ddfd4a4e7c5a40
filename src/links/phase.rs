//! The link phase, after the per-file rules: gather the remote URLs of each
//! post (URLs and spans only), check each unique URL once (cache first, then
//! the pool), and turn the outcomes into findings at every span that used them.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use regex::RegexSet;
use url::Url;

use super::cache::Cache;
use super::outcome::{Class, FailureKind, Outcome};
use super::pool::{self, Checked, Checker, Limits};
use super::redact;
use super::url::{UrlForm, form};
use super::{Kind, Origin, Resource};
use crate::config::{Settings, SeverityName};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::post::Post;
use crate::post::read::{self, Decoded};
use crate::rules::{
    self, blocked_address, not_an_image, redirected_image, unreachable_image, unreachable_link,
};

/// What the command line says about the phase; added to each file's config.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `--offline`.
    pub offline: bool,
    /// `--links`.
    pub links: bool,
    /// `--exclude`.
    pub exclude: RegexSet,
}

/// How a URL must be written where it was found, for a fix to rewrite it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Html,
    /// One candidate of a `srcset`: no commas or spaces.
    Srcset,
    Markdown,
    FrontMatter,
}

/// One use of a remote URL in a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    /// The URL requested: absolute, normalized, without the fragment.
    pub url: String,
    pub fragment: Option<String>,
    pub span: Range<usize>,
    pub kind: Kind,
    pub place: Place,
    /// `span` is exactly the URL as written, so a fix may rewrite it.
    pub exact: bool,
}

/// What the phase needs from one file, so that no parsed post is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileLinks {
    /// The file's config (or `--offline`) says not to check.
    pub offline: bool,
    /// The file's length, to recognise it when it is read again for the output.
    pub len: usize,
    pub uses: Vec<Use>,
}

fn enabled(settings: &Settings, rules: &[&rules::Rule]) -> bool {
    rules.iter().any(|r| settings.rules.is_enabled(r))
}

/// The remote images (and links, when enabled) of `post` to check.
pub fn collect(
    post: &Post,
    resources: &[Resource],
    settings: &Settings,
    request: &Request,
) -> FileLinks {
    let mut out = FileLinks {
        offline: false,
        len: post.source.len(),
        uses: Vec::new(),
    };
    let cfg = &settings.config.links;
    if request.offline || cfg.offline {
        out.offline = true;
        return out;
    }
    let images = enabled(
        settings,
        &[
            &unreachable_image::RULE,
            &not_an_image::RULE,
            &redirected_image::RULE,
            &blocked_address::RULE,
        ],
    );
    let links = (request.links || cfg.check_links)
        && enabled(settings, &[&unreachable_link::RULE, &blocked_address::RULE]);
    for r in resources {
        let wanted = match r.kind {
            Kind::Image => images,
            Kind::Link => links,
        };
        // Relative and site paths are files of the site (PL404), not fetched.
        if !wanted || !matches!(form(&r.url), UrlForm::Absolute | UrlForm::ProtocolRelative) {
            continue;
        }
        let Some(resolved) = &r.resolved else {
            continue;
        };
        let Ok(mut parsed) = Url::parse(resolved) else {
            continue;
        };
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            continue;
        }
        let fragment = parsed.fragment().map(str::to_string);
        parsed.set_fragment(None);
        let url = String::from(parsed);
        let excluded = |set: &RegexSet| set.is_match(&url) || set.is_match(resolved);
        if excluded(&settings.link_exclude) || excluded(&request.exclude) {
            continue;
        }
        let place = match &r.origin {
            Origin::FrontMatter { .. } => Place::FrontMatter,
            Origin::Html { attribute, .. } if attribute.ends_with("srcset") => Place::Srcset,
            Origin::Html { .. } => Place::Html,
            Origin::Markdown => Place::Markdown,
        };
        out.uses.push(Use {
            url,
            fragment,
            span: r.span.clone(),
            kind: r.kind,
            place,
            exact: r.exact,
        });
    }
    out
}

/// Network, politeness and cache options of a run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub limits: Limits,
    /// `None`: no cache (`--no-cache`, or `links.cache = false`).
    pub cache: Option<CacheOptions>,
    pub allow_private: bool,
}

#[derive(Debug, Clone)]
pub struct CacheOptions {
    pub path: PathBuf,
    pub max_age_secs: i64,
}

/// Told about the phase's progress; the CLI draws a bar with it.
pub trait Progress: Sync {
    /// `total` URLs are about to be fetched (the others came from the cache).
    fn start(&self, total: usize);
    fn advance(&self);
    fn finish(&self);
}

/// No progress shown.
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: usize) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct LinkSummary {
    /// Files whose URLs were not checked because of `--offline` or `links.offline`.
    pub offline_files: usize,
    /// Unique URLs checked.
    pub urls: usize,
    /// Of those, answered from the cache.
    pub cached: usize,
    /// Of those, not checked because no host name could be looked up (no
    /// network): said once here instead of one finding per URL.
    #[serde(skip_serializing_if = "is_zero")]
    pub no_network: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl LinkSummary {
    /// `2000 remote URLs checked (1990 from the cache)`, `remote URLs not checked (offline)`.
    pub fn describe(&self) -> String {
        if self.urls == 0 {
            return "remote URLs not checked (offline)".to_string();
        }
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let checked = self.urls.saturating_sub(self.no_network);
        let mut s = if checked == 0 {
            String::new()
        } else {
            format!(
                "{checked} remote URL{} checked ({} from the cache)",
                plural(checked),
                self.cached
            )
        };
        if self.no_network > 0 {
            if !s.is_empty() {
                s.push_str("; ");
            }
            s.push_str(&format!(
                "no network: {} remote URL{} not checked (no host name could be looked up)",
                self.no_network,
                plural(self.no_network)
            ));
        }
        if self.offline_files > 0 {
            s.push_str(&format!(", {} files offline", self.offline_files));
        }
        s
    }

    /// Whether the summary should mention the phase at all.
    pub fn worth_saying(&self) -> bool {
        self.urls > 0 || self.offline_files > 0
    }
}

/// The outcome of every unique URL of a run.
#[derive(Debug, Default)]
pub struct Results {
    map: HashMap<String, Checked>,
    /// URLs not checked for lack of a network: no finding each.
    no_network: HashSet<String>,
    pub summary: LinkSummary,
    /// Things the user should know that are not findings (a corrupt cache).
    pub warnings: Vec<String>,
}

impl Results {
    pub fn get(&self, url: &str) -> Option<&Checked> {
        self.map.get(url)
    }
}

/// Checks each unique URL of `files` once: from the cache when fresh, else
/// with `checker` on the pool; saves the cache.
pub fn check<'a>(
    files: impl IntoIterator<Item = &'a FileLinks>,
    checker: &dyn Checker,
    opts: &RunOptions,
    progress: &dyn Progress,
) -> Results {
    let mut results = Results::default();
    let mut unique: Vec<&str> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for f in files {
        if f.offline {
            results.summary.offline_files += 1;
        }
        for u in &f.uses {
            if seen.insert(u.url.as_str()) {
                unique.push(u.url.as_str());
            }
        }
    }
    results.summary.urls = unique.len();
    if unique.is_empty() {
        return results;
    }
    let now = jiff::Timestamp::now().as_second();
    let mut cache = opts.cache.as_ref().map(|c| {
        let (cache, warning) = Cache::load(&c.path, c.max_age_secs, opts.allow_private);
        if let Some(why) = warning {
            results.warnings.push(format!(
                "link cache {} was discarded: {why}",
                c.path.display()
            ));
        }
        cache
    });
    let mut to_fetch: Vec<Url> = Vec::new();
    for url in unique {
        // A URL with credentials is neither looked up nor stored in the
        // cache: the file would keep the secret.
        let cached = cache
            .as_ref()
            .filter(|_| !redact::has_credentials(url))
            .and_then(|c| c.get(url, now));
        if let Some(outcome) = cached {
            results.map.insert(
                url.to_string(),
                Checked {
                    outcome: outcome.clone(),
                    attempts: 0,
                },
            );
            results.summary.cached += 1;
        } else if let Ok(u) = Url::parse(url) {
            to_fetch.push(u);
        }
    }
    progress.start(to_fetch.len());
    let checked = pool::check_all(&to_fetch, checker, &opts.limits, &|_, _| progress.advance());
    progress.finish();
    if no_network(&to_fetch, &checked) {
        results.summary.no_network = to_fetch.len();
        results.no_network = to_fetch.iter().map(|u| u.as_str().to_string()).collect();
    }
    for (url, c) in to_fetch.into_iter().zip(checked) {
        if let Some(cache) = &mut cache
            && !redact::has_credentials(url.as_str())
            && !mentions_credentials(&c.outcome)
        {
            cache.put(url.as_str(), &c.outcome, now);
        }
        results.map.insert(url.into(), c);
    }
    if let Some(cache) = &cache
        && let Err(e) = cache.save(now)
    {
        results.warnings.push(e.to_string());
    }
    results
}

/// Whether the outcome names a URL with credentials (a redirect that kept them).
fn mentions_credentials(outcome: &Outcome) -> bool {
    let (redirects, detail) = match outcome {
        Outcome::Response(r) => (&r.redirects, ""),
        Outcome::Failed(f) => (&f.redirects, f.detail.as_str()),
        Outcome::Blocked(_) => return false,
    };
    redact::has_credentials(detail) || redirects.iter().any(|r| redact::has_credentials(&r.to))
}

/// Whether this run had no network: every URL with a host name that was
/// tried failed its name lookup (no such name, or no answer from the lookup
/// in time), there were at least two such names (one that fails is a typo
/// or a dead domain, reported as such), and no URL got any answer. URLs
/// not tried (a stopped host, the budget) say nothing either way.
fn no_network(urls: &[Url], checked: &[Checked]) -> bool {
    let mut names: HashSet<&str> = HashSet::new();
    for (url, c) in urls.iter().zip(checked) {
        let kind = match &c.outcome {
            Outcome::Failed(f) => Some(f.kind),
            _ => None,
        };
        if c.attempts == 0
            && matches!(
                kind,
                Some(FailureKind::HostStopped | FailureKind::OutOfTime)
            )
        {
            continue;
        }
        let lookup_failed = matches!(
            kind,
            Some(FailureKind::HostNotFound | FailureKind::LookupTimeout)
        );
        if let Some(name) = url.domain() {
            if !lookup_failed {
                return false;
            }
            names.insert(name);
        } else if matches!(c.outcome, Outcome::Response(_) | Outcome::Blocked(_)) {
            return false;
        }
    }
    names.len() >= 2
}

fn lower(a: Severity, b: SeverityName) -> Option<Severity> {
    match b {
        SeverityName::Off => None,
        SeverityName::Warning => Some(Severity::Warning),
        SeverityName::Error => Some(a),
    }
}

/// The findings for one file's uses, severities settled by its settings.
pub fn diagnostics(file: &FileLinks, results: &Results, settings: &Settings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for u in &file.uses {
        let Some(checked) = results.get(&u.url) else {
            continue;
        };
        if results.no_network.contains(&u.url) {
            continue;
        }
        for (d, class) in findings(u, checked) {
            let Some(sev) = settings.rules.severity(d.rule) else {
                continue;
            };
            let sev = if class == Class::Transient {
                match lower(sev, settings.config.links.transient_severity) {
                    Some(s) => s,
                    None => continue,
                }
            } else {
                sev
            };
            let mut d = Diagnostic { severity: sev, ..d };
            redact::diagnostic(&mut d);
            out.push(d);
        }
    }
    out
}

/// The findings one use gets from its outcome, with the class that sets
/// how loud a failure is.
fn findings(u: &Use, checked: &Checked) -> Vec<(Diagnostic, Class)> {
    let class = checked.outcome.class();
    let mut out = Vec::new();
    match (&checked.outcome, u.kind) {
        (Outcome::Blocked(b), _) => out.push((blocked_address::diagnostic(u, b), class)),
        (Outcome::Response(r), Kind::Image) if class == Class::Reached => {
            if !r.is_image() {
                out.push((not_an_image::diagnostic(u, r), class));
            }
            if let Some(to) = r.moved_to() {
                out.push((redirected_image::diagnostic(u, to), class));
            }
        }
        (_, _) if class == Class::Reached => {}
        (outcome, Kind::Image) => out.push((
            unreachable_image::diagnostic(u, outcome, checked.attempts, class),
            class,
        )),
        (outcome, Kind::Link) => out.push((
            unreachable_link::diagnostic(u, outcome, checked.attempts, class),
            class,
        )),
    }
    out
}

/// What went wrong, for the messages of PL401 and PL405: `404 Not Found`,
/// `no answer within 15 s after 3 attempts`, with the redirect that led there.
pub fn failure_text(outcome: &Outcome, attempts: u32) -> String {
    let (mut text, redirects) = match outcome {
        Outcome::Response(r) => {
            let mut t = super::outcome::status_text(r.status);
            if let Some(secs) = r.retry_after.filter(|_| r.status == 429 || r.status == 503)
                && attempts <= 1
            {
                t.push_str(&format!(
                    "; the server asks to wait {}",
                    super::fetch::format_secs(secs.round())
                ));
            }
            (t, &r.redirects)
        }
        Outcome::Failed(f) => (f.detail.clone(), &f.redirects),
        Outcome::Blocked(b) => (format!("{} resolves to {}", b.host, b.address), &Vec::new()),
    };
    if attempts > 1 {
        text.push_str(&format!(" after {attempts} attempts"));
    }
    if let Some(last) = redirects.last()
        && !matches!(outcome, Outcome::Failed(f) if f.kind == super::outcome::FailureKind::RedirectLoop)
    {
        text.push_str(&format!(" (redirected to `{}`)", last.to));
    }
    text
}

/// The text a fix writes in place of `u` to point at `target`, escaped for
/// where it stands; `None` when it cannot be written there safely.
pub fn replacement(u: &Use, target: &str) -> Option<String> {
    if !u.exact {
        return None;
    }
    let mut t = Url::parse(target).ok()?;
    if t.fragment().is_none()
        && let Some(f) = &u.fragment
    {
        t.set_fragment(Some(f));
    }
    let s = t.to_string();
    if s.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
    }) {
        return None;
    }
    match u.place {
        Place::Html => Some(s.replace('&', "&amp;")),
        Place::Srcset if s.contains(',') => None,
        Place::Srcset => Some(s.replace('&', "&amp;")),
        // Markdown decodes `&name;` in destinations and balances parentheses.
        Place::Markdown if s.contains(['(', ')']) || (s.contains('&') && s.contains(';')) => None,
        Place::Markdown | Place::FrontMatter => Some(s),
    }
}

/// Adds the link findings to a file's report, reading the file again when
/// the report dropped its text (it had no findings so far). A file that
/// changed length since is left without them rather than shown wrongly.
pub fn merge(
    report: &mut FileReport,
    found: Vec<Diagnostic>,
    file: &FileLinks,
    settings: &Settings,
) {
    if found.is_empty() {
        return;
    }
    if report.source.is_empty() {
        let Some(text) = reread(&report.path, settings.config.files.max_file_size) else {
            return;
        };
        if text.len() != file.len {
            return;
        }
        report.source = text;
    }
    // Suppression comments apply to these findings too.
    let mut found = found;
    let post = crate::post::Post::parse(
        report.path.clone(),
        report.source.clone(),
        settings.config.files.max_front_matter_size,
    );
    let ctx = crate::rules::Context::new(&post, settings, jiff::Timestamp::now());
    crate::suppression::apply_late(&ctx, &mut found);
    let len = report.source.len();
    report.diagnostics.extend(
        found
            .into_iter()
            .filter(|d| d.range.end <= len && report.source.is_char_boundary(d.range.start)),
    );
    report
        .diagnostics
        .sort_by(|a, b| (a.range.start, a.rule.code).cmp(&(b.range.start, b.rule.code)));
}

fn reread(path: &Path, limit: u64) -> Option<String> {
    match read::decode(read::read_capped(path, limit).ok()?) {
        Decoded::Text(t) => Some(t),
        Decoded::NotUtf8 { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;
    use crate::links::outcome::{Blocked, FailureKind, Redirect, Response};

    fn settings(toml: &str) -> Settings {
        let cfg = parse_config(toml, Path::new("postlint.toml")).unwrap();
        Settings::resolve(cfg, None, PathBuf::from("/site")).unwrap()
    }

    fn uses(src: &str, toml: &str, request: &Request) -> FileLinks {
        let s = settings(toml);
        let post = Post::parse("/site/_posts/a.html".into(), src.into(), 65536);
        let resources = crate::links::extract(&post, &s);
        collect(&post, &resources, &s, request)
    }

    const POST: &str = "---\ntitle: x\nfeature_image: \"https://nos.nl/a.jpg#top\"\n---\n<img src=\"/local.jpg\"><img srcset=\"HTTPS://CDN.nl/b.jpg 1x, data:x 2x\"><a href=\"https://nos.nl/l\">l</a><img src=\"mailto:x\"><img src=\"//cdn.nl/c.png\"><img src=\"https://skip.me/x.png\">\n";

    #[test]
    fn collects_remote_images_and_links_when_asked() {
        let f = uses(
            POST,
            "[links]\nexclude = [\"skip\\\\.me\"]\n",
            &Request::default(),
        );
        let got: Vec<_> = f.uses.iter().map(|u| (u.url.as_str(), u.place)).collect();
        assert_eq!(
            got,
            [
                ("https://nos.nl/a.jpg", Place::FrontMatter),
                ("https://cdn.nl/b.jpg", Place::Srcset),
                ("https://cdn.nl/c.png", Place::Html),
            ]
        );
        assert_eq!(f.uses[0].fragment.as_deref(), Some("top"));
        assert_eq!(&POST[f.uses[0].span.clone()], "https://nos.nl/a.jpg#top");
        let with_links = Request {
            links: true,
            ..Request::default()
        };
        let f = uses(POST, "", &with_links);
        assert!(f.uses.iter().any(|u| u.kind == Kind::Link));
        assert_eq!(f.uses.len(), 5);
        let f = uses(
            POST,
            "[links]\ncheck-links = true\noffline = true\n",
            &Request::default(),
        );
        assert!(f.offline && f.uses.is_empty());
        let f = uses(POST, "[rules]\nignore = [\"PL4\"]\n", &Request::default());
        assert!(f.uses.is_empty(), "the rules are off");
        let exclude = Request {
            exclude: RegexSet::new(["nos\\.nl"]).unwrap(),
            ..Request::default()
        };
        assert_eq!(uses(POST, "", &exclude).uses.len(), 3);
    }

    fn one_use(kind: Kind, place: Place) -> Use {
        Use {
            url: "https://nos.nl/a.jpg".into(),
            fragment: None,
            span: 10..30,
            kind,
            place,
            exact: true,
        }
    }

    fn response(status: u16, ct: &str, redirects: &[(u16, &str)]) -> Outcome {
        Outcome::Response(Response {
            status,
            content_type: Some(ct.into()),
            sniffed: None,
            redirects: redirects
                .iter()
                .map(|(s, t)| Redirect {
                    status: *s,
                    to: t.to_string(),
                })
                .collect(),
            retry_after: None,
        })
    }

    fn codes(kind: Kind, outcome: Outcome, attempts: u32) -> Vec<(String, String, Severity)> {
        let mut r = Results::default();
        r.map
            .insert("https://nos.nl/a.jpg".into(), Checked { outcome, attempts });
        let file = FileLinks {
            offline: false,
            len: 100,
            uses: vec![one_use(kind, Place::Html)],
        };
        diagnostics(&file, &r, &settings(""))
            .into_iter()
            .map(|d| (d.rule.code.to_string(), d.message, d.severity))
            .collect()
    }

    #[test]
    fn outcomes_become_the_right_findings() {
        assert!(codes(Kind::Image, response(200, "image/jpeg", &[]), 1).is_empty());
        assert_eq!(
            codes(Kind::Image, response(404, "text/html", &[]), 1),
            [(
                "PL401".into(),
                "image unreachable: 404 Not Found".into(),
                Severity::Error
            )]
        );
        assert_eq!(
            codes(Kind::Image, response(503, "text/html", &[]), 3),
            [(
                "PL401".into(),
                "image unreachable: 503 Service Unavailable after 3 attempts".into(),
                Severity::Warning
            )],
            "transient failures are warnings by default"
        );
        assert_eq!(
            codes(
                Kind::Image,
                response(200, "text/html", &[(302, "https://nos.nl/")]),
                1
            ),
            [(
                "PL402".into(),
                "not an image: the server sends `text/html` (redirected to `https://nos.nl/`)"
                    .into(),
                Severity::Error
            )]
        );
        let moved = codes(
            Kind::Image,
            response(200, "image/png", &[(301, "https://nos.nl/b.png")]),
            1,
        );
        assert_eq!(moved[0].0, "PL403");
        assert_eq!(
            moved[0].1,
            "image moved permanently to `https://nos.nl/b.png`"
        );
        assert!(
            codes(
                Kind::Image,
                response(200, "image/png", &[(302, "https://nos.nl/b.png")]),
                1
            )
            .is_empty()
        );
        assert_eq!(
            codes(Kind::Link, response(410, "text/html", &[]), 1),
            [(
                "PL405".into(),
                "link unreachable: 410 Gone".into(),
                Severity::Warning
            )]
        );
        assert!(codes(Kind::Link, response(200, "text/html", &[]), 1).is_empty());
        let blocked = Outcome::Blocked(Blocked {
            host: "metadata.internal".into(),
            address: "169.254.169.254".into(),
            why: "a link-local address".into(),
        });
        assert_eq!(
            codes(Kind::Image, blocked, 1)[0].1,
            "not fetched: metadata.internal resolves to 169.254.169.254, a link-local address"
        );
        let refused = Outcome::failure(FailureKind::ConnectionRefused, "connection refused");
        assert_eq!(
            codes(Kind::Image, refused, 3),
            [(
                "PL401".into(),
                "image unreachable: connection refused after 3 attempts".into(),
                Severity::Error
            )]
        );
    }

    #[test]
    fn transient_severity_is_configurable() {
        let mut r = Results::default();
        r.map.insert(
            "https://nos.nl/a.jpg".into(),
            Checked {
                outcome: Outcome::failure(FailureKind::Timeout, "no answer within 15 s"),
                attempts: 3,
            },
        );
        let file = FileLinks {
            offline: false,
            len: 100,
            uses: vec![one_use(Kind::Image, Place::Html)],
        };
        let sev = |toml: &str| {
            diagnostics(&file, &r, &settings(toml))
                .first()
                .map(|d| d.severity)
        };
        assert_eq!(sev(""), Some(Severity::Warning));
        assert_eq!(
            sev("[links]\ntransient-severity = \"error\"\n"),
            Some(Severity::Error)
        );
        assert_eq!(sev("[links]\ntransient-severity = \"off\"\n"), None);
        assert_eq!(
            sev("[links]\ntransient-severity = \"error\"\n[rules.severity]\nPL401 = \"warning\"\n"),
            Some(Severity::Warning),
            "never louder than the rule"
        );
    }

    #[test]
    fn replacements_are_escaped_for_their_place() {
        let target = "https://nos.nl/b.jpg?w=1&h=2";
        let mut u = one_use(Kind::Image, Place::Html);
        assert_eq!(
            replacement(&u, target).as_deref(),
            Some("https://nos.nl/b.jpg?w=1&amp;h=2")
        );
        u.place = Place::FrontMatter;
        u.fragment = Some("top".into());
        assert_eq!(
            replacement(&u, target).as_deref(),
            Some("https://nos.nl/b.jpg?w=1&h=2#top")
        );
        u.place = Place::Markdown;
        assert_eq!(replacement(&u, "https://nos.nl/a_(1).jpg"), None);
        u.place = Place::Srcset;
        assert_eq!(replacement(&u, "https://nos.nl/a,b.jpg"), None);
        u.exact = false;
        assert_eq!(replacement(&u, target), None);
    }

    /// Every name lookup hangs past its timeout, as with a DNS server out of reach.
    struct LookupHangs;

    impl Checker for LookupHangs {
        fn check(&self, _: &Url) -> Outcome {
            Outcome::failure(
                FailureKind::LookupTimeout,
                "no answer from the name lookup within 5 s",
            )
        }
    }

    #[test]
    fn lookups_that_time_out_everywhere_are_no_network() {
        let urls: Vec<String> = (0..10)
            .map(|i| format!("https://cdn{}.nos.nl/{i}.jpg", i % 2))
            .collect();
        let file = FileLinks {
            offline: false,
            len: 100,
            uses: urls
                .iter()
                .map(|u| Use {
                    url: u.clone(),
                    ..one_use(Kind::Image, Place::Html)
                })
                .collect(),
        };
        let opts = RunOptions {
            limits: Limits {
                max_concurrency: 4,
                host_concurrency: 2,
                retries: 2,
                backoff: std::time::Duration::from_millis(1),
                max_retry_after: std::time::Duration::from_secs(1),
                url_deadline: std::time::Duration::from_secs(10),
                host_timeouts: 3,
                budget: None,
            },
            cache: None,
            allow_private: false,
        };
        let results = check([&file], &LookupHangs, &opts, &Silent);
        assert!(
            urls.iter()
                .any(|u| results.get(u).is_some_and(|c| c.attempts == 0)),
            "both hosts were stopped after 3 timeouts"
        );
        assert_eq!(results.summary.no_network, 10);
        assert!(diagnostics(&file, &results, &settings("")).is_empty());
    }

    #[test]
    fn summary_lines() {
        let offline = LinkSummary {
            offline_files: 3,
            urls: 0,
            cached: 0,
            no_network: 0,
        };
        assert_eq!(offline.describe(), "remote URLs not checked (offline)");
        let run = LinkSummary {
            offline_files: 0,
            urls: 2000,
            cached: 1990,
            no_network: 0,
        };
        assert_eq!(
            run.describe(),
            "2000 remote URLs checked (1990 from the cache)"
        );
        assert!(!LinkSummary::default().worth_saying());
        let partly = LinkSummary {
            urls: 40,
            cached: 3,
            no_network: 37,
            ..LinkSummary::default()
        };
        assert_eq!(
            partly.describe(),
            "3 remote URLs checked (3 from the cache); no network: 37 remote URLs not checked (no host name could be looked up)"
        );
    }
}
