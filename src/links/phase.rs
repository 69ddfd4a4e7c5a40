//! The link phase, after the per-file rules: gather the remote URLs of each
//! post (URLs and spans only), and check each unique URL once (cache first,
//! then the pool). Turning the outcomes into findings is the PL4xx rules'
//! business (see `lint::links`): this file knows no rule.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use regex::RegexSet;
use url::Url;

use super::cache::Cache;
use super::outcome::{FailureKind, Outcome};
use super::pool::{self, Checked, Checker, Limits};
use super::redact;
use crate::config::Settings;
use crate::post::Post;
use crate::resources::url::{UrlForm, form};
use crate::resources::{Resource, ResourceKind, WrittenIn};
use crate::span::Span;

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

/// The syntax a remote URL is written in where it was found, which decides
/// how a fix must escape the URL it writes there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlSyntax {
    Html,
    /// One candidate of a `srcset`: no commas or spaces.
    Srcset,
    Markdown,
    FrontMatter,
}

/// One use of a remote URL in a post: what the link phase checks, and where
/// its findings point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteUse {
    /// The URL requested: absolute, normalized, without the fragment.
    pub url: String,
    pub fragment: Option<String>,
    pub span: Span,
    pub kind: ResourceKind,
    pub syntax: UrlSyntax,
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
    pub uses: Vec<RemoteUse>,
}

/// Which kinds of remote URL the rules that are on have a use for. The
/// caller knows the rules (`lint::links::collect`); the phase does not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WantedKinds {
    /// Some rule about remote images is on.
    pub images: bool,
    /// Some rule about remote links is on; links are checked only when
    /// `--links` or `links.check-links` asks for it too.
    pub links: bool,
}

/// The remote images (and links, when enabled) of `post` to check.
pub fn collect(
    post: &Post,
    resources: &[Resource],
    settings: &Settings,
    request: &Request,
    kinds: WantedKinds,
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
    let images = kinds.images;
    let links = (request.links || cfg.check_links) && kinds.links;
    for r in resources {
        let wanted = match r.kind {
            ResourceKind::Image => images,
            ResourceKind::Link => links,
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
        let syntax = match &r.written_in {
            WrittenIn::FrontMatter { .. } => UrlSyntax::FrontMatter,
            WrittenIn::Html { attribute, .. } if attribute.ends_with("srcset") => UrlSyntax::Srcset,
            WrittenIn::Html { .. } => UrlSyntax::Html,
            WrittenIn::Markdown => UrlSyntax::Markdown,
            // A quoted template argument takes a URL as written, like a
            // front matter value.
            WrittenIn::Template { .. } => UrlSyntax::FrontMatter,
        };
        out.uses.push(RemoteUse {
            url,
            fragment,
            span: r.span,
            kind: r.kind,
            syntax,
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

    /// Whether `url` went unchecked for lack of a network: it gets no
    /// finding, the summary says it once.
    pub fn no_network(&self, url: &str) -> bool {
        self.no_network.contains(url)
    }

    /// Records the outcome of `url`, as [`check`] does for each URL it
    /// checks (also for tests of what outcomes become).
    pub fn insert(&mut self, url: String, checked: Checked) {
        self.map.insert(url, checked);
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
    if no_network(&to_fetch, &checked, checker) {
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
/// in time), no URL got any answer, and a name that always exists does not
/// resolve either (so dead or misspelt domains, even several, are still
/// reported where there is a network). Where the checker cannot tell (a
/// proxy resolves for it), two failed names or more are taken as no network.
/// URLs not tried (a stopped host, the budget) say nothing either way.
fn no_network(urls: &[Url], checked: &[Checked], checker: &dyn Checker) -> bool {
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
    if names.is_empty() {
        return false;
    }
    match checker.names_resolve() {
        Some(resolves) => !resolves,
        None => names.len() >= 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
