//! The pipeline's last stage: the link phase's findings joined to each
//! file's report, suppressions applied again. The phase itself
//! ([`crate::links`]) knows no rules; this file says which PL4xx rules want
//! which URLs checked and which finding each outcome becomes.

use std::path::Path;

use crate::config::{Settings, SeverityName};
use crate::diagnostic::{Diagnostic, Severity};
use crate::links::outcome::{Outcome, OutcomeClass};
use crate::links::phase::{self, FileLinks, RemoteUse, Request, Results, WantedKinds};
use crate::links::pool::Checked;
use crate::links::redact;
use crate::lint::FileReport;
use crate::post::Post;
use crate::post::read::{self, Decoded};
use crate::resources::{Resource, ResourceKind};
use crate::rules::{
    self, blocked_address, not_an_image, redirected_image, unreachable_image, unreachable_link,
};

fn enabled(settings: &Settings, rules: &[&rules::Rule]) -> bool {
    rules.iter().any(|r| settings.rules.is_enabled(r))
}

/// Which kinds of remote URL the PL4xx rules that are on in `settings` want checked.
pub fn wanted(settings: &Settings) -> WantedKinds {
    WantedKinds {
        images: enabled(
            settings,
            &[
                &unreachable_image::RULE,
                &not_an_image::RULE,
                &redirected_image::RULE,
                &blocked_address::RULE,
            ],
        ),
        links: enabled(settings, &[&unreachable_link::RULE, &blocked_address::RULE]),
    }
}

/// The remote images (and links, when enabled) of `post` to check: the
/// link phase's [`phase::collect`] for the rules that are on.
pub fn collect(
    post: &Post,
    resources: &[Resource],
    settings: &Settings,
    request: &Request,
) -> FileLinks {
    phase::collect(post, resources, settings, request, wanted(settings))
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
        if results.no_network(&u.url) {
            continue;
        }
        for (d, class) in findings(u, checked) {
            let Some(sev) = settings.rules.severity(d.rule) else {
                continue;
            };
            let sev = if class == OutcomeClass::Transient {
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
fn findings(u: &RemoteUse, checked: &Checked) -> Vec<(Diagnostic, OutcomeClass)> {
    let class = checked.outcome.class();
    let mut out = Vec::new();
    match (&checked.outcome, u.kind) {
        (Outcome::Blocked(b), _) => out.push((blocked_address::diagnostic(u, b), class)),
        (Outcome::Response(r), ResourceKind::Image) if class == OutcomeClass::Reached => {
            if !r.is_image() {
                out.push((not_an_image::diagnostic(u, r), class));
            }
            if let Some(to) = r.moved_to() {
                out.push((redirected_image::diagnostic(u, to), class));
            }
        }
        (_, _) if class == OutcomeClass::Reached => {}
        (outcome, ResourceKind::Image) => out.push((
            unreachable_image::diagnostic(u, outcome, checked.attempts, class),
            class,
        )),
        (outcome, ResourceKind::Link) => out.push((
            unreachable_link::diagnostic(u, outcome, checked.attempts, class),
            class,
        )),
    }
    out
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
    let post = crate::post::Post::parse_with(
        report.path.clone(),
        report.source.clone(),
        settings.config.files.max_front_matter_size,
        crate::post::Metadata::of(settings),
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

    use regex::RegexSet;
    use url::Url;

    use super::*;
    use crate::links::outcome::{Blocked, FailureKind, Redirect, Response};
    use crate::links::phase::{RunOptions, Silent, UrlSyntax};
    use crate::links::pool::{Checker, Limits};

    fn settings(toml: &str) -> Settings {
        crate::testing::settings_at("/site", toml)
    }

    fn uses(src: &str, toml: &str, request: &Request) -> FileLinks {
        let s = settings(toml);
        let post = Post::parse("/site/_posts/a.html".into(), src.into(), 65536);
        let resources = crate::resources::extract(&post, &s);
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
        let got: Vec<_> = f.uses.iter().map(|u| (u.url.as_str(), u.syntax)).collect();
        assert_eq!(
            got,
            [
                ("https://nos.nl/a.jpg", UrlSyntax::FrontMatter),
                ("https://cdn.nl/b.jpg", UrlSyntax::Srcset),
                ("https://cdn.nl/c.png", UrlSyntax::Html),
            ]
        );
        assert_eq!(f.uses[0].fragment.as_deref(), Some("top"));
        assert_eq!(&POST[f.uses[0].span], "https://nos.nl/a.jpg#top");
        let with_links = Request {
            links: true,
            ..Request::default()
        };
        let f = uses(POST, "", &with_links);
        assert!(f.uses.iter().any(|u| u.kind == ResourceKind::Link));
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

    fn one_use(kind: ResourceKind, syntax: UrlSyntax) -> RemoteUse {
        crate::testing::remote_use("https://nos.nl/a.jpg", 10..30, kind, syntax)
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

    fn codes(
        kind: ResourceKind,
        outcome: Outcome,
        attempts: u32,
    ) -> Vec<(String, String, Severity)> {
        let mut r = Results::default();
        r.insert("https://nos.nl/a.jpg".into(), Checked { outcome, attempts });
        let file = FileLinks {
            offline: false,
            len: 100,
            uses: vec![one_use(kind, UrlSyntax::Html)],
        };
        diagnostics(&file, &r, &settings(""))
            .into_iter()
            .map(|d| (d.rule.code.to_string(), d.message, d.severity))
            .collect()
    }

    #[test]
    fn outcomes_become_the_right_findings() {
        assert!(codes(ResourceKind::Image, response(200, "image/jpeg", &[]), 1).is_empty());
        assert_eq!(
            codes(ResourceKind::Image, response(404, "text/html", &[]), 1),
            [(
                "PL401".into(),
                "image unreachable: 404 Not Found".into(),
                Severity::Error
            )]
        );
        assert_eq!(
            codes(ResourceKind::Image, response(503, "text/html", &[]), 3),
            [(
                "PL401".into(),
                "image unreachable: 503 Service Unavailable after 3 attempts".into(),
                Severity::Warning
            )],
            "transient failures are warnings by default"
        );
        assert_eq!(
            codes(
                ResourceKind::Image,
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
            ResourceKind::Image,
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
                ResourceKind::Image,
                response(200, "image/png", &[(302, "https://nos.nl/b.png")]),
                1
            )
            .is_empty()
        );
        assert_eq!(
            codes(ResourceKind::Link, response(410, "text/html", &[]), 1),
            [(
                "PL405".into(),
                "link unreachable: 410 Gone".into(),
                Severity::Warning
            )]
        );
        assert!(codes(ResourceKind::Link, response(200, "text/html", &[]), 1).is_empty());
        let blocked = Outcome::Blocked(Blocked {
            host: "metadata.internal".into(),
            address: "169.254.169.254".into(),
            why: "a link-local address".into(),
        });
        assert_eq!(
            codes(ResourceKind::Image, blocked, 1)[0].1,
            "not fetched: metadata.internal resolves to 169.254.169.254, a link-local address"
        );
        let refused = Outcome::failure(FailureKind::ConnectionRefused, "connection refused");
        assert_eq!(
            codes(ResourceKind::Image, refused, 3),
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
        r.insert(
            "https://nos.nl/a.jpg".into(),
            Checked {
                outcome: Outcome::failure(FailureKind::Timeout, "no answer within 15 s"),
                attempts: 3,
            },
        );
        let file = FileLinks {
            offline: false,
            len: 100,
            uses: vec![one_use(ResourceKind::Image, UrlSyntax::Html)],
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
                .map(|u| RemoteUse {
                    url: u.clone(),
                    ..one_use(ResourceKind::Image, UrlSyntax::Html)
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
        let results = phase::check([&file], &LookupHangs, &opts, &Silent);
        assert!(
            urls.iter()
                .any(|u| results.get(u).is_some_and(|c| c.attempts == 0)),
            "both hosts were stopped after 3 timeouts"
        );
        assert_eq!(results.summary.no_network, 10);
        assert!(diagnostics(&file, &results, &settings("")).is_empty());
    }
}
